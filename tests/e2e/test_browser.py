"""The running dashboard in headless Chromium: every page the sidebar lists opens cleanly, on a desktop and a phone.

Pages are found as a person finds them, from the sidebar's links, and counted against dashboard.py's `st.Page(`
entries; nothing here names a page. Each page is opened once per size for the whole run (tests/e2e/sweep.py, shared
with the chart text and accessibility tests). Full-page screenshots go to artifacts/screenshots/ (gitignored) to
look at.
"""

from __future__ import annotations

import pytest

from tests.e2e.server import page_count
from tests.e2e.sweep import SCREENSHOTS

pytestmark = pytest.mark.e2e

VIEWPORTS = [(1440, 1000), (390, 844)]


def test_the_sidebar_lists_every_page(sidebar_links):
    pages = page_count()
    expected = pages if pages > 1 else 0  # Streamlit draws no page navigation for an app of one page
    assert len(sidebar_links) == expected, (
        f"dashboard.py has {pages} st.Page( entries, so the sidebar should list {expected} page links; "
        f"it lists {len(sidebar_links)}: {sidebar_links}"
    )


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_page_opens_cleanly(sweep, width, height):
    """No exception box, no console or page error, no failed request (bar the frontend's probes), a title."""
    size = f"{width}x{height}"
    readings = sweep.readings()
    views = [readings.views[(size, name)] for name in sweep.page_names()]
    shots = {view.screenshot for view in views}
    for stale in SCREENSHOTS.glob(f"[0-9][0-9]-*-{size}.png"):  # of pages the sidebar no longer lists
        if str(stale) not in shots:
            stale.unlink()
    failures = [
        f"page {view.name!r} ({view.url}) at {size}:\n"
        + "\n".join(f"  - {problem}" for problem in view.problems)
        + (f"\n  server output meanwhile:\n{view.server}" if view.server else "")
        for view in views
        if view.problems
    ]
    assert not failures, f"{len(failures)} of {len(views)} pages failed:\n" + "\n".join(failures)
