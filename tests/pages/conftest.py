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
    """The chart definitions of a page (definitions/<page>.py), in the order the page lists them."""
    import definitions

    return [d for d in definitions.of_page(page) if isinstance(d, definitions.Chart)]


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
