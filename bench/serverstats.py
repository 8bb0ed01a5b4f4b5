"""What a running `streamlit run` server holds, read from outside it: resident memory, connections, sessions.

`tests/e2e/server.served` yields only the base URL, so the process is found by the port on its command line.
Sessions are counted two ways that do not depend on any page: Streamlit's own `active_sessions` gauge at
`/_stcore/metrics`, and the established TCP connections to the port in /proc/net/tcp (the websockets; the
server side of each loopback connection is the entry whose local port is the server's). Linux only.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ESTABLISHED = "01"  # the state column of /proc/net/tcp


def server_pid(port: int) -> int:
    """The pid of the `streamlit run ... --server.port <port>` process."""
    wanted = ["--server.port", str(port)]
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # gone between listing and reading
            continue
        if "streamlit" in argv and any(argv[i : i + 2] == wanted for i in range(len(argv) - 1)):
            return int(proc.name)
    raise LookupError(f"no streamlit process serving port {port}")


def rss_mb(pid: int) -> float:
    """Resident memory of the process in MB (VmRSS: what the system has given it and not taken back)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def established(port: int) -> int:
    """Established TCP connections whose local port is `port`: open websockets, plus any HTTP keep-alives."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if int(local.rsplit(":", 1)[1], 16) == port and state == ESTABLISHED:
                count += 1
    return count


def active_sessions(base_url: str) -> int:
    """Streamlit's `active_sessions` gauge: sessions with a live websocket (disconnected ones are kept, inactive,
    for reconnection, and are not counted)."""
    with urllib.request.urlopen(base_url + "_stcore/metrics?families=active_sessions", timeout=10) as response:
        text = response.read().decode()
    return int(re.search(r"^active_sessions (\d+)", text, re.MULTILINE).group(1))


def port_of(base_url: str) -> int:
    return urlsplit(base_url).port
