"""Two replicas of `serve.py` behind the real HAProxy (deploy/haproxy.cfg, unchanged; HTTPS with a throwaway
certificate, tests/e2e/proxy.py) on loopback, reading one shared tables folder: browser sessions spread over both
and stick to theirs; when one replica is killed, its sessions come back on the other by themselves and new
sessions, even those begun as it dies, are served.

Each Playwright browser context is a fresh cookie jar, so a fresh visitor: the proxy's SERVERID cookie says which
replica serves it, and HAProxy's stats socket says which replicas it sends people to.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from pathlib import Path

import pytest

from loaders.paths import ROOT
from tests.conftest import copy_data
from tests.e2e.proxy import UP_SECONDS, haproxy, listen_port, settings, stats, statuses, wait_until
from tests.e2e.server import SIDEBAR_LINKS, ErrorLog, served, settle, tail

pytestmark = pytest.mark.e2e

NAMES = ("replica1", "replica2")
DESKTOP = {"width": 1280, "height": 900}
SESSIONS = 4  # two a replica: enough to see them spread, few enough for a busy two-core machine
OTHER_PAGES = ("village", "health", "compare")  # a second page per session, by its url_path
NEXT_PAGE, NEXT_URL = "What if", "scenario"  # where a moved session goes next, by the sidebar
BACK_SECONDS = 45.0  # a dead replica's sessions reconnect (the frontend retries with a growing back-off)


# ---- the proxy and the replicas -----------------------------------------------------------------------------------


def serving_pid(port: int) -> int:
    """The pid of the `streamlit run serve.py` this test started on `port` (found by its own command line)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):  # gone meanwhile, or not a server
            args = (entry / "cmdline").read_bytes().split(b"\0")
            if b"serve.py" in args and args[args.index(b"--server.port") + 1] == str(port).encode():
                return int(entry.name)
    raise LookupError(f"no serve.py on port {port}")


@pytest.fixture(scope="module")
def cluster(built_copy, tmp_path_factory):
    """The proxy's URL, its stats socket and log, and each replica's port and log, by name."""
    root = tmp_path_factory.mktemp("replicas")
    shared = copy_data(built_copy.data, root, with_tables=True)  # the one tables folder both replicas read
    env = {"BOROUGH_INSIGHT_DATA": str(shared.data)}
    with contextlib.ExitStack() as stack:
        replicas = {}
        for name in NAMES:
            log = root / f"{name}.log"
            url = stack.enter_context(served("serve.py", cwd=ROOT, log=log, env=env))
            replicas[name] = {"port": int(url.rstrip("/").rsplit(":", 1)[1]), "log": log}
        env = settings(root, ("127.0.0.1",), [f"127.0.0.1:{r['port']}" for r in replicas.values()])
        sock, log = Path(env["STATS_SOCKET"]), root / "haproxy.log"
        stack.enter_context(haproxy(env, log))
        wait_until(lambda: statuses(sock) == dict.fromkeys(NAMES, "UP"), UP_SECONDS, "both replicas not UP", log)
        url = f"https://127.0.0.1:{listen_port(env['LISTEN_HTTPS'])}/"
        yield {"url": url, "sock": sock, "log": log, "replicas": replicas}


# ---- sessions ------------------------------------------------------------------------------------------------------


class Session:
    """One visitor: its own browser context (cookie jar) and page, and the errors the page reports."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport=DESKTOP, ignore_https_errors=True)  # a test certificate
        self.page = self.context.new_page()
        self.errors = ErrorLog().attach(self.page)
        self.url = url

    def open(self, path: str = "", wait_until: str = "load") -> None:
        self.page.goto(self.url + path, wait_until=wait_until)

    @property
    def replica(self) -> str | None:
        return next((c["value"] for c in self.context.cookies() if c["name"] == "SERVERID"), None)

    def problems(self) -> list[str]:
        """What is wrong with the page as it stands, once it has settled."""
        settled = settle(self.page, timeout_s=60)
        found = [f"did not settle: {settled.last}"] if settled.timed_out else []
        boxes = self.page.locator("[data-testid='stException']")
        found += [f"exception box: {boxes.nth(i).inner_text()[:300]}" for i in range(boxes.count())]
        found += [f"error message: {t[:300]}" for t in self.page.locator("[data-testid='stAlertContentError']").all_inner_texts()]  # fmt: skip
        if not [t for t in self.page.locator("h1").all_inner_texts() if t.strip()]:
            found.append("no title")
        return found + self.errors.errors

    def close(self) -> None:
        self.context.close()


def report(sessions: list[Session], cluster: dict) -> str:
    logs = "\n".join(f"--- {name}:\n{tail(r['log'], 1500)}" for name, r in cluster["replicas"].items())
    return "\n".join(f"session {i} on {s.replica}: {s.problems()}" for i, s in enumerate(sessions)) + "\n" + logs


def test_sessions_spread_stick_and_survive_a_replica_dying(cluster, browser):
    sessions: list[Session] = []
    try:
        # ---- sessions spread over both replicas, each on two pages, with no error ----------------------------
        sessions += [Session(browser, cluster["url"]) for _ in range(SESSIONS)]
        for session in sessions:  # all at once, as visitors arrive: each page loads while the others do
            session.open(wait_until="commit")
        assert not any(s.problems() for s in sessions), report(sessions, cluster)
        first = [s.replica for s in sessions]
        for i, session in enumerate(sessions):
            session.open(OTHER_PAGES[i % len(OTHER_PAGES)], wait_until="commit")
        assert not any(s.problems() for s in sessions), report(sessions, cluster)
        assert [s.replica for s in sessions] == first, "a session moved replica while both were up"
        placed = {name: [s for s in sessions if s.replica == name] for name in NAMES}
        assert all(placed.values()), f"sessions were not spread: {[s.replica for s in sessions]}"
        seen = stats(cluster["sock"])
        assert all(int(seen[name]["stot"]) > 0 for name in NAMES), seen  # the proxy sent connections to each

        # ---- kill one replica during a burst of new visitors -------------------------------------------------
        dead, live = NAMES
        for session in sessions:
            session.errors.clear()
        os.kill(serving_pid(cluster["replicas"][dead]["port"]), signal.SIGKILL)
        burst = [Session(browser, cluster["url"]) for _ in range(3)]
        for session in burst:  # before the proxy's checks have noticed: a refused connection is sent again
            session.open(wait_until="commit")
        sessions += burst
        for session in burst:
            assert not session.problems(), report(sessions, cluster)
            assert session.replica == live
        wait_until(lambda: statuses(cluster["sock"]).get(dead) == "DOWN", 10, f"{dead} not DOWN", cluster["log"])

        # ---- the dead one's sessions come back on the live one by themselves -----------------------------------
        moved = placed[dead]
        deadline = time.monotonic() + BACK_SECONDS
        while any(s.replica != live for s in moved) and time.monotonic() < deadline:
            moved[0].page.wait_for_timeout(500)
        assert all(s.replica == live for s in moved), report(sessions, cluster)
        for session in moved:  # and the live one runs their next page: a link in the sidebar, no reload
            session.errors.clear()  # the dropped websocket and the retries while it was away are expected
            session.page.locator(SIDEBAR_LINKS).filter(has_text=NEXT_PAGE).first.click()
            session.page.wait_for_url(re.compile(f"/{NEXT_URL}([?#]|$)"), timeout=30_000)
            assert not session.problems(), report(sessions, cluster)
            assert session.replica == live
        for session in placed[live]:  # the live one's sessions never noticed
            assert session.replica == live
            assert not session.problems(), report(sessions, cluster)
        after = Session(browser, cluster["url"])
        sessions.append(after)
        after.open("health")
        assert not after.problems() and after.replica == live, report(sessions, cluster)
        assert "Traceback" not in tail(cluster["replicas"][live]["log"], 200_000)
    finally:
        for session in sessions:
            session.close()
