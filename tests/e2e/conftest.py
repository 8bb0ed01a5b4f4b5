"""One dashboard server and one headless Chromium for the whole session; the sidebar's page links read once; the
page sweep's part this worker does (tests/e2e/sweep.py)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from loaders.paths import ROOT
from tests.e2e.server import CHROMIUM, ErrorLog, launch_chromium, served, settle, sidebar_hrefs
from tests.e2e.sweep import Sweep, shared_folder

DESKTOP = {"width": 1440, "height": 1000}


@pytest.fixture(scope="session")
def server_log(tmp_path_factory) -> Path:
    """Where the dashboard server writes its output: tracebacks of uncaught exceptions land here."""
    return tmp_path_factory.mktemp("streamlit") / "server.log"


@pytest.fixture(scope="session")
def base_url(project_tables, server_log) -> str:
    """`streamlit run dashboard.py` on a free loopback port, from the project root; its base URL.

    Depends on `project_tables` so the tables are built before the server starts, and no page waits on a build.
    """
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(served("dashboard.py", cwd=ROOT, log=server_log))
        except RuntimeError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the session (Playwright drives it; never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sidebar_links(base_url, browser) -> list[str]:
    """The page links the sidebar shows on the landing page at desktop size (on a phone the sidebar is collapsed)."""
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(base_url)
        settled = settle(page)
        assert not settled.timed_out, f"the landing page {base_url} did not settle: {settled.last}"
        return sidebar_hrefs(page, base_url)
    finally:
        page.close()


@pytest.fixture(scope="session")
def sweep(request, browser, base_url, server_log, sidebar_links, tmp_path_factory) -> Sweep:
    """Every page opened once per size for the whole run, shared by test_browser, test_chart_text and
    test_accessibility (and by xdist's workers); it reads what the collected tests use (tests/e2e/sweep.py)."""
    used = {name for item in request.session.items for name in item.fixturenames}
    with contextlib.ExitStack() as stack:
        yield Sweep(
            browser,
            base_url,
            server_log,
            sidebar_links,
            folder=shared_folder(tmp_path_factory),
            scratch=tmp_path_factory.mktemp("sweep"),
            stack=stack,
            audit="audits" in used,
            baseline="baseline" in used,
            sections="chart_views" in used,
        )


@pytest.fixture
def desktop(browser):
    """A fresh desktop-sized tab of its own and the console and page errors it records; closed after the test."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page, ErrorLog().attach(page)
    context.close()
