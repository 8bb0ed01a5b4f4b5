"""Load test: many websocket sessions at once against the dashboard and against a minimal one-chart app.

    python bench/load.py --sessions 30 --reruns 3        # each page: 30 sessions rerun it 3 times at once
    python bench/load.py --at-once 100                   # 100 sessions connect and load the landing page at once
    python bench/load.py --cycles 5 --cycle-sessions 50  # 5 x (50 connect, load, disconnect): sessions, memory
    python bench/load.py ... --settings defaults,postScriptGC=false --pages overview,education
    python bench/load.py --sessions 30 --reruns 3 --repeats 3  # the burst three times: the median of its ratios
    python bench/load.py --after-start 20 --sessions 30 --reruns 3 --repeats 3 --pages home
        # a fresh server each repeat: the first burst right after its first visitor, against the same burst 20 s on

Both apps are served by `streamlit run` on loopback ports (tests/e2e/server.served) with the same options, once
per setting; every figure of the dashboard is given as a ratio to the minimal app's under the same burst in the
same run, since machines, and the load other work puts on this one, differ. `--after-start` measures what a server
does once after it starts (work it leaves running in the background costs the first visitors): a fresh dashboard
each repeat, one session opens the burst's pages once (the first visitor; the caches filled), the burst at once,
then the same burst `--after-start` seconds later; its baseline is that later burst, not the minimal app. One burst's p95 is its slowest few
runs, which vary by a third from one burst to the next here; `--repeats` runs the whole burst (minimal, dashboard,
minimal) again and prints each page's median ratio over the repeats, with its lowest and highest. A session is
`bench.stclient.Session`: a rerun is timed from sending `rerun_script` to `script_finished`. Every wait has a
timeout and `--deadline` bounds the whole run, so it always stops; the servers are stopped on the way out. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project's packages importable
    sys.path.insert(0, str(ROOT))

from bench.pages import minimal_app  # noqa: E402
from bench.serverstats import active_sessions, established, port_of, rss_mb, server_pid  # noqa: E402
from bench.stclient import Page, Run, Session  # noqa: E402
from tests.e2e.server import served  # noqa: E402

# Each setting is a few `streamlit run` options, given to both servers alike.
SETTINGS = {
    # Streamlit's own defaults: both apps read the project's .streamlit/config.toml, which turns postScriptGC off.
    "defaults": ["--runner.postScriptGC", "true"],
    "postScriptGC=false": ["--runner.postScriptGC", "false"],
    "fastReruns=false": ["--runner.fastReruns", "false"],
}
OPEN = "(open: connect + landing)"
SETTLE_TIMEOUT = 60.0  # seconds for the server to count disconnected sessions out


# --- Figures ----------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


@dataclass
class Timings:
    """Runs of one page in one burst."""

    runs: list[Run] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    @property
    def p95(self) -> float:
        return percentile([r.seconds for r in self.runs], 95) if self.runs else float("nan")

    @property
    def errors(self) -> list[str]:
        return [e for r in self.runs for e in r.errors]


class Memory:
    """The server's resident memory, sampled every `interval` seconds while a burst runs: its peak."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid, self.interval, self.peak = pid, interval, rss_mb(pid)
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> Memory:
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self.peak = max(self.peak, rss_mb(self.pid))

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb(self.pid))
            await asyncio.sleep(self.interval)


@dataclass
class Server:
    name: str
    url: str
    pid: int

    @property
    def rss(self) -> float:
        return rss_mb(self.pid)


# --- Sessions ---------------------------------------------------------------------------------------------------


async def open_session(url: str, timeout: float) -> tuple[Session | None, Run]:
    """Connect and load the landing page, timed together (what a new visitor waits for)."""
    session = Session(url, timeout)
    started = time.perf_counter()
    try:
        await session.__aenter__()
    except Exception as exc:  # refused, timed out: an error of the burst
        return None, Run(OPEN, time.perf_counter() - started, [f"connect: {type(exc).__name__}: {exc}"])
    run = await session.run()
    run.page, run.seconds = OPEN, time.perf_counter() - started
    return session, run


async def open_all(url: str, count: int, timeout: float) -> tuple[list[Session], Timings]:
    opened = await asyncio.gather(*(open_session(url, timeout) for _ in range(count)))
    return [s for s, _ in opened if s is not None], Timings([r for _, r in opened])


async def close_all(sessions: list[Session]) -> None:
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)


async def rerun_each(sessions: list[Session], page: Page, reruns: int) -> Timings:
    """Every session reruns `page` `reruns` times, one after another; the sessions all at once."""

    async def one(session: Session) -> list[Run]:
        return [await session.run(page) for _ in range(reruns)]

    return Timings([run for runs in await asyncio.gather(*(one(s) for s in sessions)) for run in runs])


async def until(check: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.25)
    return True


async def settled_out(server: Server) -> bool:
    """Wait until the server counts no active session and holds no websocket."""
    return await until(
        lambda: active_sessions(server.url) == 0 and established(port_of(server.url)) == 0, SETTLE_TIMEOUT
    )


async def warm_up(server: Server, pages: list[str] | None, timeout: float) -> list[Page]:
    """One session opens every page once, untimed: the caches a running server would have. Returns its pages."""
    session, run = await open_session(server.url, timeout)
    if session is None or run.errors:
        raise RuntimeError(f"{server.name} did not load: {run.errors}")
    try:
        chosen = select(session.pages, pages)
        for page in chosen:
            await session.run(page)
    finally:
        await session.close()
    return chosen


def select(pages: list[Page], wanted: list[str] | None) -> list[Page]:
    """The app's pages (the default one first, named ""), or those named in --pages ("" or "home": the landing)."""
    pages = pages or [Page("", is_default=True)]
    unique = list({p.url_path: p for p in sorted(pages, key=lambda p: not p.is_default)}.values())
    if wanted is None:
        return unique
    names = {"" if w in ("home", "landing") else w for w in wanted}
    missing = names - {p.url_path for p in unique}
    if missing:
        raise SystemExit(f"no such page: {', '.join(sorted(missing))}; the app has {[p.url_path for p in unique]}")
    return [p for p in unique if p.url_path in names]


# --- Scenarios --------------------------------------------------------------------------------------------------


async def burst(server: Server, pages: list[Page], sessions: int, reruns: int, timeout: float) -> dict:
    """`sessions` open at once, then for each page in turn every session reruns it `reruns` times."""
    before = server.rss
    async with Memory(server.pid) as memory:
        opened, opening = await open_all(server.url, sessions, timeout)
        per_page = {OPEN: opening}
        for page in pages:
            per_page[page.url_path or "home"] = await rerun_each(opened, page, reruns)
        await close_all(opened)
    return {"pages": per_page, "rss_before": before, "rss_peak": memory.peak}


async def at_once(server: Server, sessions: int, timeout: float) -> dict:
    """`sessions` connect and load the landing page at once; how many the server counts while all are open."""
    before = server.rss
    async with Memory(server.pid) as memory:
        opened, opening = await open_all(server.url, sessions, timeout)
        active, connections, held = active_sessions(server.url), established(port_of(server.url)), server.rss
        await close_all(opened)
    return {"open": opening, "active": active, "connections": connections, "rss_before": before,
            "rss_open": held, "rss_peak": memory.peak, "settled": await settled_out(server)}  # fmt: skip


async def cycles(server: Server, count: int, sessions: int, timeout: float) -> dict:
    """`count` times: `sessions` connect and load the landing page, all disconnect, wait for the server to count
    them out. Resident memory before, with all open, and after each cycle."""
    rows, before = [], server.rss
    for _ in range(count):
        opened, opening = await open_all(server.url, sessions, timeout)
        active, held = active_sessions(server.url), server.rss
        await close_all(opened)
        settled = await settled_out(server)
        rows.append({"open": opening, "active": active, "rss_open": held, "settled": settled,
                     "active_after": active_sessions(server.url), "rss_after": server.rss})  # fmt: skip
    return {"rss_before": before, "cycles": rows}


# --- Report -----------------------------------------------------------------------------------------------------


def errors_line(errors: list[str]) -> str:
    if not errors:
        return ""
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[e[:120]] = kinds.get(e[:120], 0) + 1
    return "   errors: " + "; ".join(f"{n} x {k}" for k, n in list(kinds.items())[:3])


@dataclass(frozen=True)
class Column:
    """A column of a printed table: its heading and width declared once, for the heading line and every row."""

    heading: str
    width: int
    number: str = ""  # how a number in it is written (".2f", "d"); text is written as it is


def table_line(columns: tuple[Column, ...], *cells: object) -> str:
    """One line of a fixed-width table (the headings without `cells`): the first column left, the rest right."""
    cells = cells or tuple(column.heading for column in columns)
    return " ".join(
        format(cell, f"{'<' if i == 0 else '>'}{column.width}{column.number if isinstance(cell, int | float) else ''}")
        for i, (column, cell) in enumerate(zip(columns, cells, strict=True))
    )


# The columns the tables share, then each table's.
APP, P50, P95 = Column("app", 10), Column("p50 s", 7, ".2f"), Column("p95 s", 7, ".2f")
ERRORS, ACTIVE = Column("errors", 6, "d"), Column("active", 6, "d")
BURST = (Column("page", 28), Column("runs", 5, "d"), P50, P95, Column("p95/min", 8), ERRORS)
AT_ONCE = (
    APP,
    P50,
    P95,
    ERRORS,
    ACTIVE,
    Column("conns", 6, "d"),
    Column("RSS before", 10, ".0f"),
    Column("open", 6, ".0f"),
    Column("peak", 6, ".0f"),
    Column("MB/session", 10, ".2f"),
    Column("back to 0", 9),
)
CYCLES = (
    APP,
    Column("cycle", 5, "d"),
    P95,
    ERRORS,
    ACTIVE,
    Column("after", 5, "d"),
    Column("RSS open", 8, ".0f"),
    Column("RSS after", 9, ".0f"),
)


def print_burst(setting: str, dash: dict, minimal: list[dict], sessions: int, reruns: int) -> dict[str, float]:
    """Per page p50/p95 and p95 over the minimal app's (its runs before and after the dashboard's, pooled).
    Returns each page's ratio."""
    page = next(key for key in minimal[0]["pages"] if key != OPEN)  # the minimal app's one page
    pooled = {key: Timings([r for m in minimal for r in m["pages"][key].runs]) for key in (OPEN, page)}
    print(f"\n[{setting}] burst: {sessions} sessions x {reruns} reruns per page; minimal app p95 before/after: "
          + " / ".join(f"{m['pages'][page].p95:.2f}s" for m in minimal))  # fmt: skip
    print(table_line(BURST))
    total = 0
    ratios = {}
    for key, timings in dash["pages"].items():
        base = pooled[OPEN if key == OPEN else page]
        total += len(timings.errors)
        ratios[key] = timings.p95 / base.p95
        line = table_line(
            BURST, key, len(timings.runs), timings.p50, timings.p95, f"{ratios[key]:.2f}x", len(timings.errors)
        )
        print(line + errors_line(timings.errors))
    for key, timings in pooled.items():
        line = table_line(BURST, f"minimal {key}", len(timings.runs), timings.p50, timings.p95, "", len(timings.errors))
        print(line + errors_line(timings.errors))
    print(f"errors: {total}; dashboard RSS {dash['rss_before']:.0f} MB before, peak {dash['rss_peak']:.0f} MB; "
          f"minimal app peak {max(m['rss_peak'] for m in minimal):.0f} MB")  # fmt: skip
    return ratios


def print_repeats(setting: str, repeats: list[dict[str, float]]) -> None:
    """Each page's median p95 ratio over the repeated bursts, with the lowest and highest."""
    print(f"\n[{setting}] p95 / minimal app's p95 over {len(repeats)} bursts: median (lowest, highest)")
    for key in repeats[0]:
        values = [r[key] for r in repeats]
        print(f"{key:28s} {statistics.median(values):6.2f}x  ({min(values):.2f}x, {max(values):.2f}x)")


def print_at_once(setting: str, results: dict[str, dict], sessions: int) -> None:
    print(f"\n[{setting}] at once: {sessions} sessions connect and load the landing page together")
    print(table_line(AT_ONCE))
    for app, r in results.items():
        per = (r["rss_open"] - r["rss_before"]) / sessions
        opened, settled = r["open"], "yes" if r["settled"] else "NO"
        rss = (r["rss_before"], r["rss_open"], r["rss_peak"])
        line = table_line(
            AT_ONCE, app, opened.p50, opened.p95, len(opened.errors), r["active"], r["connections"], *rss, per, settled
        )
        print(line + errors_line(opened.errors))
    ratio = results["dashboard"]["open"].p95 / results["minimal"]["open"].p95
    print(f"dashboard p95 / minimal p95: {ratio:.2f}x")


def print_cycles(setting: str, results: dict[str, dict], sessions: int) -> None:
    print(f"\n[{setting}] cycles of {sessions} connects and disconnects (RSS in MB)")
    print(table_line(CYCLES))
    for app, r in results.items():
        print(table_line(CYCLES, app, "-", "", "", "", "", "", r["rss_before"]) + "   (before)")
        for i, c in enumerate(r["cycles"], 1):
            counts = (len(c["open"].errors), c["active"], c["active_after"])
            line = table_line(CYCLES, app, i, c["open"].p95, *counts, c["rss_open"], c["rss_after"])
            print(line + ("" if c["settled"] else "   NOT back to 0") + errors_line(c["open"].errors))
        after = [c["rss_after"] for c in r["cycles"]]
        first = r["cycles"][0]
        print(f"{app:10s} growth after the first cycle: {after[-1] - after[0]:+.0f} MB; "
              f"first cycle {(first['rss_open'] - r['rss_before']) / sessions:.2f} MB per open session, "
              f"{(first['rss_after'] - r['rss_before']) / sessions:.2f} MB per session left behind")  # fmt: skip


def all_runs(result: dict) -> Timings:
    """Every run of a burst (its opens and every page's reruns) as one set of timings."""
    return Timings([run for timings in result["pages"].values() for run in timings.runs])


def print_after_start(setting: str, first: dict, later: dict, wait: float, sessions: int, reruns: int) -> float:
    """Each page's p50/p95 in the first burst after a start and in the same burst `wait` seconds later, and the
    ratio of their p95s. Returns the ratio over all runs."""
    print(f"\n[{setting}] after a start: {sessions} sessions x {reruns} reruns per page, right after the first "
          f"visitor, then {wait:.0f} s later")  # fmt: skip
    print(f"{'page':28s} {'first p50':>9s} {'first p95':>9s} {'later p50':>9s} {'later p95':>9s} {'ratio':>7s} "
          f"{'errors':>6s}")  # fmt: skip
    rows = [*((key, first["pages"][key], later["pages"][key]) for key in first["pages"]),
            ("all runs", all_runs(first), all_runs(later))]  # fmt: skip
    for key, a, b in rows:
        errors = len(a.errors) + len(b.errors)
        print(f"{key:28s} {a.p50:9.2f} {a.p95:9.2f} {b.p50:9.2f} {b.p95:9.2f} {a.p95 / b.p95:6.2f}x {errors:6d}"
              f"{errors_line(a.errors + b.errors)}")  # fmt: skip
    print(f"dashboard RSS {first['rss_before']:.0f} MB before the first burst, peak {first['rss_peak']:.0f} MB")
    return all_runs(first).p95 / all_runs(later).p95


async def after_start(dash: Server, args) -> tuple[dict, dict]:
    """On a server just started: one session opens the burst's pages (the first visitor; with `--cold` nobody
    does, so the burst's sessions are the first visitors), the burst at once, then the same burst `--after-start`
    seconds later."""
    if args.cold:  # pages named by their url path alone: the server finds a page by its name when no hash is sent
        pages = [Page("" if p in ("home", "landing") else p, is_default=p in ("home", "landing")) for p in args.pages]
    else:
        pages = await warm_up(dash, args.pages, args.timeout)
    first = await burst(dash, pages, args.sessions, args.reruns, args.timeout)
    await asyncio.sleep(args.after_start)
    later = await burst(dash, pages, args.sessions, args.reruns, args.timeout)
    return first, later


def main_after_start(args, scratch: Path, started: float) -> None:
    """`--after-start`: per setting, a fresh dashboard for each repeat; the median ratio of first to later p95."""
    for setting in args.settings:
        print(f"\n== {setting}: streamlit run {' '.join(SETTINGS[setting]) or '(no extra options)'}", flush=True)
        ratios, firsts, laters = [], [], []
        for _ in range(args.repeats):
            left = args.deadline - (time.monotonic() - started)
            log = Path(scratch) / "dashboard.log"
            with served("dashboard.py", cwd=ROOT, log=log, options=SETTINGS[setting]) as dash_url:
                dash = Server("dashboard", dash_url, server_pid(port_of(dash_url)))
                first, later = asyncio.run(bounded(after_start(dash, args), left))
            ratios.append(print_after_start(setting, first, later, args.after_start, args.sessions, args.reruns))
            firsts.append(all_runs(first).p95)
            laters.append(all_runs(later).p95)
            sys.stdout.flush()
        if len(ratios) > 1:
            print(f"\n[{setting}] over {len(ratios)} starts, all runs: first burst p95 median "
                  f"{statistics.median(firsts):.2f} s, later burst p95 median {statistics.median(laters):.2f} s; "
                  f"first/later median {statistics.median(ratios):.2f}x ({min(ratios):.2f}x, {max(ratios):.2f}x)")  # fmt: skip


# --- Main -------------------------------------------------------------------------------------------------------


async def run_setting(setting: str, dash: Server, minimal: Server, args) -> None:
    timeout = args.timeout
    print(f"\n== {setting}: streamlit run {' '.join(SETTINGS[setting]) or '(no extra options)'}", flush=True)
    started = time.perf_counter()
    pages = await warm_up(dash, args.pages, timeout)
    minimal_pages = await warm_up(minimal, None, timeout)
    print(f"warm-up (one session, every page once): {time.perf_counter() - started:.1f} s; "
          f"RSS dashboard {dash.rss:.0f} MB, minimal {minimal.rss:.0f} MB", flush=True)  # fmt: skip
    if args.sessions:
        repeats = []
        for _ in range(args.repeats):
            first = await burst(minimal, minimal_pages, args.sessions, args.reruns, timeout)
            dash_burst = await burst(dash, pages, args.sessions, args.reruns, timeout)
            last = await burst(minimal, minimal_pages, args.sessions, args.reruns, timeout)
            repeats.append(print_burst(setting, dash_burst, [first, last], args.sessions, args.reruns))
        if len(repeats) > 1:
            print_repeats(setting, repeats)
    if args.at_once:
        results = {"minimal": await at_once(minimal, args.at_once, timeout)}
        results["dashboard"] = await at_once(dash, args.at_once, timeout)
        print_at_once(setting, results, args.at_once)
    if args.cycles:
        results = {"minimal": await cycles(minimal, args.cycles, args.cycle_sessions, timeout)}
        results["dashboard"] = await cycles(dash, args.cycles, args.cycle_sessions, timeout)
        print_cycles(setting, results, args.cycle_sessions)
    sys.stdout.flush()


async def bounded(work: Awaitable, deadline: float):
    try:
        return await asyncio.wait_for(work, deadline)
    except TimeoutError:
        raise SystemExit(f"stopped: the run passed --deadline {deadline:.0f} s") from None


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=0, help="burst: sessions open at once")
    parser.add_argument("--reruns", type=int, default=3, help="burst: reruns of each page per session")
    parser.add_argument("--repeats", type=int, default=1, help="burst: run it this many times; median ratios")
    parser.add_argument("--pages", type=lambda s: s.split(","), help="burst: these url paths only (home = landing)")
    parser.add_argument("--at-once", type=int, default=0, help="sessions that connect at once")
    parser.add_argument("--cycles", type=int, default=0, help="cycles of connects and disconnects")
    parser.add_argument("--cycle-sessions", type=int, default=50)
    parser.add_argument("--after-start", type=float, default=0.0, metavar="SECONDS",
                        help="a fresh dashboard each repeat: the burst right after the first visitor against the "
                        "same burst SECONDS later (no minimal app)")  # fmt: skip
    parser.add_argument("--cold", action="store_true",
                        help="with --after-start: no session opens the pages first; the burst is the first visitors "
                        "(needs --pages)")  # fmt: skip
    parser.add_argument("--settings", type=lambda s: s.split(","), default=["defaults", "postScriptGC=false"],
                        help=f"comma-separated, of: {', '.join(SETTINGS)}")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds one rerun may take")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds the whole run may take")
    args = parser.parse_args(argv)
    unknown = set(args.settings) - set(SETTINGS)
    if unknown:
        parser.error(f"unknown setting {', '.join(unknown)}; known: {', '.join(SETTINGS)}")
    if not (args.sessions or args.at_once or args.cycles):
        args.sessions = 5
    if args.after_start and (args.at_once or args.cycles):
        parser.error("--after-start measures bursts only; run --at-once and --cycles on their own")
    if args.cold and not (args.after_start and args.pages):
        parser.error("--cold goes with --after-start and --pages")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        if args.after_start:
            main_after_start(args, Path(scratch), started)
            return
        script = minimal_app(Path(scratch), 1)
        for setting in args.settings:
            left = args.deadline - (time.monotonic() - started)
            options = SETTINGS[setting]
            with (
                served("dashboard.py", cwd=ROOT, log=Path(scratch) / "dashboard.log", options=options) as dash_url,
                served(script.name, cwd=Path(scratch), log=Path(scratch) / "minimal.log", options=options) as min_url,
            ):
                dash = Server("dashboard", dash_url, server_pid(port_of(dash_url)))
                minimal = Server("minimal", min_url, server_pid(port_of(min_url)))
                asyncio.run(bounded(run_setting(setting, dash, minimal, args), left))


if __name__ == "__main__":
    main()
