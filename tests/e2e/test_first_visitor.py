"""The first visitor of a fresh server who opens a page's own link gets the dashboard's page, not Streamlit's
folder convention's: a project with a `pages/` folder beside its main script is run the old way until
`st.navigation` is called once (components.blocks routes such a run through dashboard.py). Each test starts its
own server, since only a server's first session meets this."""

from __future__ import annotations

import pytest

from loaders.paths import ROOT
from tests.e2e.server import served, settle, sidebar_hrefs, url_path

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1440, "height": 1000}


def test_a_first_visitor_on_a_pages_link_gets_the_dashboards_page_and_sidebar(project_tables, browser, tmp_path):
    with served("dashboard.py", cwd=ROOT, log=tmp_path / "server.log") as base_url:
        page = browser.new_page(viewport=DESKTOP)
        try:
            page.goto(base_url + "compare")
            settled = settle(page)
            assert not settled.timed_out, f"the page did not settle: {settled.last}"
            heading = page.locator("h1").first.text_content()
            links = [url_path(link, base_url) for link in sidebar_hrefs(page, base_url)]
            names = page.locator("[data-testid='stSidebarNav'] a").all_text_contents()
        finally:
            page.close()
    assert heading.startswith("How Bromley compares") or "compare" in heading.lower(), heading
    assert "overview" in links and "since" in links, links  # the dashboard's url paths, not the folder's files
    assert any("Overview" in name for name in names) and not any(name.strip() == "compare" for name in names), names
    assert "Traceback" not in (tmp_path / "server.log").read_text()
