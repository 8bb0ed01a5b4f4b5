"""Shared by the browser tests and `bench/pages.py`: serve a Streamlit app, drive headless Chromium, watch errors.

No pytest here, so a plain script can import it. One implementation of: a free loopback port, `streamlit run`
with health polling, Chromium's launch, waiting until a page has settled, and telling a real error from the
frontend's harmless probes.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import tokenize
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from loaders.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
# Work as root on this machine, and keep Chromium off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
    "--disable-quic",
]
# Opening a page's own URL makes Streamlit's frontend probe <page>/_stcore/host-config and <page>/_stcore/health
# first (404, then it falls back to the root's): not errors of the app.
BENIGN_PROBES = ("/_stcore/host-config", "/_stcore/health")
HEALTH_TIMEOUT = 90.0
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")  # Streamlit logs tracebacks with rich, in colour

SIDEBAR_LINKS = "[data-testid='stSidebarNav'] a, [data-testid='stSidebarNavLink']"
VIEW_MORE = "[data-testid='stSidebarNavViewButton']"
ST_PAGE = re.compile(r"\bst\.Page\(")
ST_PAGE_SCRIPT = re.compile(r"""\bst\.Page\(\s*(?:page\s*=\s*)?["']([^"']+\.py)["']""")


def _code(app: Path) -> str:
    """The app's source without its comments, so a commented-out `st.Page(` is not counted."""
    source = app.read_text(encoding="utf-8")
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return tokenize.untokenize(t for t in tokens if t.type != tokenize.COMMENT)


def page_count(app: Path = ROOT / "dashboard.py") -> int:
    """How many `st.Page(` calls the app's source makes that the sidebar lists (hidden ones are not listed)."""
    code = _code(app)
    hidden = len(re.findall(r"""visibility\s*=\s*["']hidden["']""", code))
    return len(ST_PAGE.findall(code)) - hidden


def page_scripts(app: Path = ROOT / "dashboard.py") -> list[str]:
    """The scripts of its `st.Page("pages/....py", ...)` entries, in source order, without repeats."""
    return list(dict.fromkeys(ST_PAGE_SCRIPT.findall(_code(app))))


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, chars: int = 2000, start: int = 0) -> str:
    """The last `chars` characters of a log from byte `start` on, without terminal colours ("" if unreadable)."""
    try:
        with path.open("rb") as f:
            f.seek(start)
            return ANSI.sub("", f.read().decode("utf-8", errors="replace"))[-chars:]
    except OSError:
        return ""


@contextlib.contextmanager
def served(
    app: str | Path = "dashboard.py",
    cwd: Path = ROOT,
    log: Path | None = None,
    timeout: float = HEALTH_TIMEOUT,
    *,
    env: dict[str, str] | None = None,
    options: list[str] | tuple[str, ...] = (),
) -> Iterator[str]:
    """Run `streamlit run <app>` on a free loopback port from `cwd`; yield its base URL ("http://127.0.0.1:N/").

    The server's stdout and stderr go to `log` (a temporary file if None), never to a pipe nobody reads (a full
    pipe would block the server). Raises RuntimeError, with the log's tail, if the server exits or is not
    healthy within `timeout` seconds. Terminates it on exit. `env` adds to the server's environment (another data
    tree: BOROUGH_INSIGHT_DATA) and `options` to its command line (`--secrets.files`, a test's own secrets).
    """
    with contextlib.ExitStack() as stack:
        if log is None:
            log = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="streamlit-"))) / "server.log"
        port = free_port()
        command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
                   "--server.port", str(port), "--server.address", "127.0.0.1",
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *options]  # fmt: skip
        url = f"http://127.0.0.1:{port}/"
        with log.open("w") as out:
            proc = subprocess.Popen(
                command,
                cwd=cwd,
                env={**os.environ, **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            deadline = time.monotonic() + timeout
            while True:
                with contextlib.suppress(OSError):
                    if urllib.request.urlopen(url + "_stcore/health", timeout=2).read() == b"ok":
                        break
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit run {app} exited with status {proc.returncode}:\n{tail(log)}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {app} was not healthy after {timeout:.0f} s:\n{tail(log)}")
                time.sleep(0.25)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def launch_chromium(playwright):
    """Debian's Chromium through Playwright (never `playwright install`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# One look at the page: the script's run state (Streamlit sets it on stApp: initial, running, notRunning, ...),
# the "Running..." widget, lazy-loaded elements still showing their skeleton, and plotly charts placed vs drawn.
SNAPSHOT_JS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
  return {
    run: app ? app.getAttribute("data-test-script-state") : null,
    status: document.querySelectorAll("[data-testid='stStatusWidget']").length,
    skeletons: document.querySelectorAll("[data-testid='stSkeleton']").length,
    charts: charts.length,
    drawn: charts.filter((c) => c.querySelector(".js-plotly-plot .main-svg")).length,
  };
}"""
RUN_ENDED = ("notRunning", "compilationError")


@dataclass
class Settled:
    """What `settle` saw: charts drawn, when the page was first seen in its final state, whether it gave up."""

    charts: int
    ready_at: float  # time.perf_counter() of the first look at the final, stable state
    timed_out: bool
    last: dict


def settle(page, *, stable_reads: int = 5, interval_ms: int = 50, timeout_s: float = 60.0) -> Settled:
    """Wait until the script run has ended, nothing is loading, every plotly chart placed is drawn, and the chart
    count has stayed the same for `stable_reads` further looks, `interval_ms` apart: a quarter of a second, as
    bench/pages.py waits. (It was 4 looks 100 ms apart: the browser sweeps' 130 settles then spent about 60 s a run
    in that wait alone, and their readings at 50 ms, pages, sections and both sizes, were the same.)

    The run state comes first: the "Running..." status widget only shows for runs longer than a moment, and
    plotly charts are lazy-loaded (a skeleton, then the chart) up to a second or more after the run has ended.
    """
    deadline = time.perf_counter() + timeout_s
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_s * 1000)
    ready_at, same, last = None, 0, {}
    while True:
        now = time.perf_counter()
        snap = page.evaluate(SNAPSHOT_JS)
        done = (
            snap["run"] in RUN_ENDED
            and not snap["status"]
            and not snap["skeletons"]
            and snap["drawn"] >= snap["charts"]
        )
        if done and ready_at is not None and snap["drawn"] == last.get("drawn"):
            same += 1
        elif done:
            ready_at, same = now, 0
        else:
            ready_at, same = None, 0
        last = snap
        if same >= stable_reads:
            return Settled(snap["drawn"], ready_at, False, snap)
        if now > deadline:
            return Settled(snap["drawn"], ready_at or now, True, snap)
        page.wait_for_timeout(interval_ms)


def sidebar_hrefs(page, base_url: str) -> list[str]:
    """Absolute URLs of the sidebar's page links, in order. With more than a dozen pages and other content in the
    sidebar, Streamlit shows ten and a "View N more" button: click it first so every link is there."""
    button = page.locator(VIEW_MORE)
    if button.count() and re.fullmatch(r"View \d+ more", button.first.inner_text().strip()):
        button.first.click()
        page.wait_for_function(
            f"() => !/^View \\d+ more$/.test(document.querySelector({VIEW_MORE!r})?.innerText.trim() ?? '')"
        )
    links = page.locator(SIDEBAR_LINKS)
    hrefs: list[str] = []
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        if href:
            absolute = href if href.startswith("http") else base_url.rstrip("/") + "/" + href.lstrip("/")
            if absolute not in hrefs:
                hrefs.append(absolute)
    return hrefs


def url_path(url: str, base_url: str) -> str:
    """The page's path under the app ("" for the default page)."""
    return urlsplit(url).path[len(urlsplit(base_url).path) :].strip("/")


def is_benign(url: str, status: int) -> bool:
    """A 404 of the frontend's probe of <page>/_stcore/host-config or <page>/_stcore/health."""
    return status == 404 and urlsplit(url).path.endswith(BENIGN_PROBES)


@dataclass
class ErrorLog:
    """Console errors, uncaught page errors and failed responses (HTTP >= 400) of one Playwright page."""

    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> ErrorLog:
        page.on("pageerror", self._on_pageerror)
        page.on("console", self._on_console)
        page.on("response", self._on_response)
        return self

    def clear(self) -> None:
        self.errors.clear()

    def _on_pageerror(self, error) -> None:
        self.errors.append(f"pageerror: {str(error)[:500]}")

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if text.startswith("Failed to load resource"):
            where = (message.location or {}).get("url", "")
            if urlsplit(where).path.endswith(BENIGN_PROBES):
                return
            text = f"{text} ({where})"
        self.errors.append(f"console error: {text[:500]}")

    def _on_response(self, response) -> None:
        if response.status >= 400 and not is_benign(response.url, response.status):
            self.errors.append(f"HTTP {response.status} {response.request.method} {response.url}")
