"""The proxy's overhead: the same burst of websocket sessions straight to one replica and through HAProxy with TLS.

    python bench/proxy.py --sessions 30 --reruns 3 --repeats 3 --pages home

One `streamlit run serve.py` on a loopback port, and the shipped deploy/haproxy.cfg in front of it (HTTPS with a
throwaway self-signed certificate, tests/e2e/proxy.py; the per-client limits raised, since every session here
comes from one address). After one untimed session has opened the pages, each repeat runs bench/load.py's burst
(`--sessions` connect and load the landing page at once, then rerun each page `--reruns` times) once straight to
the replica and once through the proxy, in alternating order; it prints each burst's p50 and p95 (the opens, and
all runs) and the ratio of the proxy's p95 to the direct one's in the same repeat, then the median ratio. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project's packages importable
    sys.path.insert(0, str(ROOT))

from bench.load import OPEN, Column, Server, Timings, all_runs, bounded, burst, table_line, warm_up  # noqa: E402
from bench.serverstats import port_of, server_pid  # noqa: E402
from tests.e2e.proxy import haproxy, listen_port, settings, statuses, wait_until  # noqa: E402
from tests.e2e.server import served  # noqa: E402

UNLIMITED = {"BI_CONN_MAX": "100000", "BI_CONN_RATE": "100000", "BI_REQ_RATE": "1000000"}
ROUTE, RUNS = Column("route", 8), Column("runs", 5, "d")
P50, P95 = Column("p50 s", 7, ".2f"), Column("p95 s", 7, ".2f")
CPU = (Column("client CPU s", 12, ".1f"), Column("HAProxy CPU s", 13, ".1f"))
TABLE = (Column("repeat", 6, "d"), ROUTE, Column("what", 26), RUNS, P50, P95, Column("errors", 6, "d"), *CPU)
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used (/proc/<pid>/stat: utime, stime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def rows(repeat: int, route: str, result: dict, cpu: tuple[float, float]) -> list[tuple]:
    """The opens (connect + landing, where the TLS handshake falls) and every run of one burst; with the CPU the
    bench's client (one process for every session: it decrypts their TLS too) and HAProxy used in the burst."""
    found = []
    for what, timings in ((OPEN, result["pages"][OPEN]), ("all runs", all_runs(result))):
        found.append((repeat, route, what, len(timings.runs), timings.p50, timings.p95, len(timings.errors)))
    return [(*found[0], "", ""), (*found[1], *cpu)]


async def measure(direct: Server, proxied: Server, args, proxy_pid: int) -> list[dict[str, Timings]]:
    pages = await warm_up(direct, args.pages, args.timeout)
    await warm_up(proxied, args.pages, args.timeout)
    print(table_line(TABLE), flush=True)
    repeats = []
    for repeat in range(1, args.repeats + 1):
        order = (direct, proxied) if repeat % 2 else (proxied, direct)
        results = {}
        for server in order:
            before = time.process_time(), cpu_seconds(proxy_pid)
            results[server.name] = await burst(server, pages, args.sessions, args.reruns, args.timeout)
            cpu = time.process_time() - before[0], cpu_seconds(proxy_pid) - before[1]
            for row in rows(repeat, server.name, results[server.name], cpu):
                print(table_line(TABLE, *row), flush=True)
        repeats.append({name: all_runs(result) for name, result in results.items()})
        repeats[-1].update({f"{name} open": result["pages"][OPEN] for name, result in results.items()})
    return repeats


def report(repeats: list[dict[str, Timings]], args) -> None:
    print(f"\n{args.sessions} sessions x {args.reruns} reruns of {', '.join(args.pages)}: proxy (HTTPS) / direct")
    for label, direct, proxied in (("all runs", "direct", "proxy"), (OPEN, "direct open", "proxy open")):
        p50 = [r[proxied].p50 / r[direct].p50 for r in repeats]
        p95 = [r[proxied].p95 / r[direct].p95 for r in repeats]
        print(f"{label:26s} p50 ratio median {statistics.median(p50):.2f}x ({min(p50):.2f}-{max(p50):.2f}), "
              f"p95 ratio median {statistics.median(p95):.2f}x ({min(p95):.2f}-{max(p95):.2f}); "
              f"p95 direct {statistics.median(r[direct].p95 for r in repeats):.2f} s, "
              f"proxy {statistics.median(r[proxied].p95 for r in repeats):.2f} s")  # fmt: skip


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30, help="sessions open at once")
    parser.add_argument("--reruns", type=int, default=3, help="reruns of each page per session")
    parser.add_argument("--repeats", type=int, default=3, help="bursts each way; the median of their ratios")
    parser.add_argument("--pages", type=lambda s: s.split(","), default=["home"], help="url paths (home = landing)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds one rerun may take")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds the whole run may take")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-proxy-") as scratch, contextlib.ExitStack() as stack:
        folder = Path(scratch)
        url = stack.enter_context(served("serve.py", cwd=ROOT, log=folder / "replica.log"))
        env = settings(folder, ("127.0.0.1",), [f"127.0.0.1:{port_of(url)}"], **UNLIMITED)
        proxy = stack.enter_context(haproxy(env, folder / "haproxy.log"))
        sock = Path(env["STATS_SOCKET"])
        wait_until(lambda: set(statuses(sock).values()) == {"UP"}, 120, "the replica not ready", folder / "haproxy.log")
        os.environ["SSL_CERT_FILE"] = str(folder / "cert.pem")  # the websockets' default context trusts it
        pid = server_pid(port_of(url))
        direct = Server("direct", url, pid)
        proxied = Server("proxy", f"https://127.0.0.1:{listen_port(env['LISTEN_HTTPS'])}/", pid)
        print(f"replica {url}, proxy {proxied.url} (HAProxy, TLS, deploy/haproxy.cfg)", flush=True)
        left = args.deadline - (time.monotonic() - started)
        report(asyncio.run(bounded(measure(direct, proxied, args, proxy.pid), left)), args)


if __name__ == "__main__":
    main()
