"""The shipped HAProxy configuration (deploy/haproxy.cfg), run as it is on loopback: shared by the end-to-end tests
of the proxy (tests/e2e/test_replicas.py, tests/e2e/test_proxy_tls.py) and `bench/proxy.py`.

No pytest here, so a plain script can import it. One implementation of: a throwaway self-signed certificate, the
environment the configuration reads (free ports, host names, certificate, replicas), starting and stopping
HAProxy, and reading which replicas it sends people to from its stats socket.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from loaders.paths import ROOT
from tests.e2e.server import free_port, tail

HAPROXY = "/usr/sbin/haproxy"
CONFIG = ROOT / "deploy" / "haproxy.cfg"
UP_SECONDS = 90.0


def self_signed(folder: Path, names: tuple[str, ...]) -> Path:
    """A one-day self-signed certificate for `names` (DNS names, or IPv4 addresses), and its key, in one PEM file as
    HAProxy's `crt` takes it. An EC P-256 key: quick to make and to shake hands with."""
    key, cert, pem = folder / "key.pem", folder / "cert.pem", folder / "site.pem"
    alt = ",".join(f"IP:{n}" if n.replace(".", "").isdigit() else f"DNS:{n}" for n in names)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", f"/CN={names[0]}", "-addext", f"subjectAltName={alt}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    return pem


def settings(folder: Path, hosts: tuple[str, ...], replicas: list[str], **limits: str) -> dict[str, str]:
    """The environment deploy/haproxy.cfg reads: HTTPS and HTTP on free loopback ports, `hosts` the public names
    (the first one on the certificate's common name; 127.0.0.1 is on it too), a stats socket and a log in
    `folder`, `replicas` as host:port (the configuration names two: one given is named twice). `limits`:
    BI_CONN_MAX and the like."""
    cert = self_signed(folder, tuple(dict.fromkeys((*hosts, "127.0.0.1"))))
    https, http = free_port(), free_port()
    replicas = replicas * 2 if len(replicas) == 1 else replicas
    return {
        "LISTEN_HTTPS": f"127.0.0.1:{https}",
        "LISTEN_HTTP": f"127.0.0.1:{http}",
        "BI_HTTPS_PORT": str(https),
        "BI_HOST": " ".join(hosts),
        "BI_TLS_CERT": str(cert),
        "STATS_SOCKET": str(folder / "haproxy.sock"),
        **{f"REPLICA_{i}": address for i, address in enumerate(replicas, start=1)},
        **limits,
    }


def listen_port(address: str) -> int:
    """The port of a `LISTEN_...` address (host:port)."""
    return int(address.rsplit(":", 1)[1])


@contextlib.contextmanager
def haproxy(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """HAProxy in the foreground on deploy/haproxy.cfg with `env` (settings()), its output in `log`; stopped on
    exit."""
    with log.open("w") as out:
        proxy = subprocess.Popen([HAPROXY, "-f", str(CONFIG), "-db"], env={**os.environ, **env},
                                 stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        yield proxy
    finally:
        proxy.terminate()
        proxy.wait(10)


def stats(sock: Path, names: tuple[str, ...] = ("replica1", "replica2")) -> dict[str, dict]:
    """HAProxy's `show stat` rows of the replicas (status UP or DOWN, stot: sessions it has sent there)."""
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as s:
        s.settimeout(5)
        s.connect(str(sock))
        s.sendall(b"show stat\n")
        data = b"".join(iter(lambda: s.recv(65536), b""))
    rows = csv.DictReader(io.StringIO(data.decode().lstrip("# ")))
    return {r["svname"]: r for r in rows if r["pxname"] == "replicas" and r["svname"] in names}


def statuses(sock: Path, names: tuple[str, ...] = ("replica1", "replica2")) -> dict[str, str]:
    with contextlib.suppress(OSError):
        return {name: row["status"] for name, row in stats(sock, names).items()}
    return {}


def wait_until(condition: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    """Poll `condition` until it holds; after `seconds`, fail with `what` and the tail of HAProxy's log."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {seconds:.0f} s; HAProxy's log:\n{tail(log)}")
        time.sleep(0.25)
