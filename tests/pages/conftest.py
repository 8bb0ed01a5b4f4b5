"""Run pages with Streamlit's AppTest, and read what they drew (charts come back as JSON specs)."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from loaders.paths import ROOT


def open_page(page: str) -> AppTest:
    """Run the app, then switch to `page` (e.g. "pages/population.py"), as a person following a link."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def charts(at: AppTest) -> list[dict]:
    """Every plotly chart on the page, as its figure spec."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def chart(at: AppTest, chart_id: str) -> dict:
    """The figure spec of the chart with this id (its element's key), wherever the page draws it."""
    found = [json.loads(e.proto.spec) for e in at.get("plotly_chart") if e.proto.id.endswith(f"-{chart_id}")]
    assert len(found) == 1, f"{chart_id} is drawn {len(found)} times"
    return found[0]


def heading(at: AppTest, chart_id: str) -> str:
    """The message of the chart with this id: the heading its anchor names."""
    anchor = chart_id.replace(".", "-")
    found = [unescape(h.value) for h in at.subheader if h.proto.anchor == anchor]
    assert len(found) == 1, f"no heading for {chart_id}"
    return found[0]


def values(array) -> list:
    """A trace's x or y as a list, decoding plotly's base64 form ({"dtype", "bdata", "shape"})."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


def unescape(markdown: str) -> str:
    """Markdown as a reader sees it: the escapes insight.text.md adds removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def headings(at: AppTest) -> list[str]:
    """The chart headings (each chart's message, an h3), in page order, as a reader sees them."""
    return [unescape(h.value) for h in at.subheader]


def sections(at: AppTest) -> list[str]:
    """The section headings (h2), in page order."""
    return [unescape(h.value) for h in at.header]


def text(at: AppTest) -> str:
    """Everything the page writes in Markdown and captions, as a reader sees it."""
    return " ".join(unescape(m.value) for m in [*at.markdown, *at.caption])


def page_charts(page: str) -> list:
    """The chart definitions a page shows: its own (definitions/<page>.py, in the order the page lists them), then
    those declared with another page that name it in `also_on`."""
    import definitions

    charts = [d for d in definitions.DEFINITIONS.values() if isinstance(d, definitions.Chart)]
    return [d for d in charts if d.page == page] + [d for d in charts if page in d.also_on]


def page_sections(page: str) -> list[str]:
    """A tabbed page's sections, in the order of its charts (definitions/<page>.py)."""
    return list(dict.fromkeys(chart.section for chart in page_charts(page)))


def section_charts(page: str, section: str) -> list:
    """The chart definitions of one section of a page, in the page's order."""
    return [chart for chart in page_charts(page) if chart.section == section]


def chart_ids(at: AppTest) -> list[str]:
    """The ids of the charts drawn (each element's key ends with its chart's id), in page order."""
    return [element.proto.id.rsplit("-", 1)[-1] for element in at.get("plotly_chart")]


def assert_each_tab_draws_its_own_charts(at: AppTest, page: str, also=lambda at, charts: None) -> None:
    """A tabbed page: a tab a section, in the charts' order; each tab opened in turn, as a click does, draws only
    its section, each of its charts under its message, and between them the tabs draw every chart of the page.
    `also(at, charts)` checks more of each open tab."""
    assert [tab.label for tab in at.tabs] == page_sections(page)
    drawn = []
    for section in page_sections(page):
        at.session_state["section"] = section
        at.run()
        assert_clean(at)
        assert sections(at) == [section]  # only the open tab is drawn
        expected = section_charts(page, section)
        assert chart_ids(at) == [c.id for c in expected] and len(headings(at)) == len(expected)
        also(at, expected)
        drawn += chart_ids(at)
    assert drawn == [c.id for c in page_charts(page)]


def open_menus(at: AppTest, charts: list) -> AppTest:
    """Open each chart's "Data and export" menu (its table and CSV, images, slide, link, deck) and rerun, as a
    click does: closed, it is not drawn."""
    for chart in charts:
        at.session_state[f"{chart.id}-data"] = True
    return at.run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(autouse=True)
def _tables(project_tables):
    """Every page test reads the project's own tables, built first if needed."""
    return project_tables


# ---- Downloads: the one place tests reach into streamlit.runtime (AppTest cannot click a download button) -----


@pytest.fixture
def stored_files(monkeypatch) -> dict[str, bytes]:
    """Each file a download button hands Streamlit at once, by its file name: the bytes a click would save."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    stored: dict[str, bytes] = {}
    keep = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            stored[filename] = path_or_data
        return keep(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return stored


@pytest.fixture
def deferred_files(monkeypatch) -> dict:
    """Each file a download button defers until clicked, by its id: (file name, mime type, the callable)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    asked = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        asked[file_id] = (file_name, mimetype, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return asked
