"""The running dashboard in headless Chromium: every page the sidebar lists opens cleanly, on a desktop and a phone.

Pages are found as a person finds them, from the sidebar's links, and counted against dashboard.py's `st.Page(`
entries; nothing here names a page. Full-page screenshots go to artifacts/screenshots/ (gitignored) to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from loaders.paths import ROOT
from tests.e2e.server import ErrorLog, page_count, settle, tail, url_path

pytestmark = pytest.mark.e2e

VIEWPORTS = [(1440, 1000), (390, 844)]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SCROLLERS = "[data-testid='stMain'], [data-testid='stAppViewContainer'], [data-testid='stSidebarContent']"
CONTENT_HEIGHT_JS = f"""() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll("{SCROLLERS}")].map((e) => e.scrollHeight))"""


def test_the_sidebar_lists_every_page(sidebar_links):
    pages = page_count()
    expected = pages if pages > 1 else 0  # Streamlit draws no page navigation for an app of one page
    assert len(sidebar_links) == expected, (
        f"dashboard.py has {pages} st.Page( entries, so the sidebar should list {expected} page links; "
        f"it lists {len(sidebar_links)}: {sidebar_links}"
    )


def screenshot(page, path) -> None:
    """A full-page PNG. Streamlit scrolls inside its main container, not the document, so a plain full-page
    shot would stop at the fold: grow the viewport to the content's height for the shot, then restore it."""
    size = page.viewport_size
    height = page.evaluate(CONTENT_HEIGHT_JS)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(200)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def problems_of(page, settled, errors: ErrorLog) -> list[str]:
    found = []
    if settled.timed_out:
        found.append(f"did not settle within 60 s (last seen: {settled.last})")
    exceptions = page.locator("[data-testid='stException']")
    for i in range(exceptions.count()):
        message = exceptions.nth(i).inner_text().strip().splitlines()[0]  # then come its buttons: Copy, Ask ...
        found.append(f"exception box: {message[:500]}")
    found.extend(errors.errors)
    titles = [t.strip() for t in page.locator("h1").all_inner_texts() if t.strip()]
    if not titles:
        found.append("no title: the page shows no h1 (st.title)")
    return found


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_page_opens_cleanly(browser, base_url, sidebar_links, server_log, width, height):
    """No exception box, no console or page error, no failed request (bar the frontend's probes), a title."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for stale in SCREENSHOTS.glob(f"[0-9][0-9]-*-{width}x{height}.png"):
        stale.unlink()
    failures = []
    context = browser.new_context(viewport={"width": width, "height": height})  # one HTTP cache for the size
    try:
        for number, url in enumerate(sidebar_links or [base_url]):
            name = url_path(url, base_url) or "home"
            log_start = server_log.stat().st_size
            page = context.new_page()
            errors = ErrorLog().attach(page)
            try:
                page.goto(url)
                settled = settle(page)
                screenshot(page, SCREENSHOTS / f"{number:02d}-{name}-{width}x{height}.png")
                found = problems_of(page, settled, errors)
            except PlaywrightError as exc:  # a navigation that times out, a crashed tab: report it with the rest
                found = [f"the browser gave up: {str(exc).splitlines()[0]}", *errors.errors]
            finally:
                page.close()
            if found:
                server = "\n".join(line.rstrip() for line in tail(server_log, 4000, start=log_start).splitlines())
                failures.append(
                    f"page {name!r} ({url}) at {width}x{height}:\n"
                    + "\n".join(f"  - {problem}" for problem in found)
                    + (f"\n  server output meanwhile:\n{server}" if server else "")
                )
    finally:
        context.close()
    assert not failures, f"{len(failures)} of {len(sidebar_links or [base_url])} pages failed:\n" + "\n".join(failures)
