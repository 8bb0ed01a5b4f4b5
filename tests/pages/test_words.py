"""Words everywhere a person reads: no internal id ("children_census", "value_as_written"), no publisher's code
the dashboard has words for ("CINO at 31 March"), and no "None" or "nan" in an empty cell, on any page, in any
section tab, in any chart's open "Data and export" menu, or in what a chart draws (its names, labels and axes).

A snake_case word is how this project's ids, columns and codes are written (one pattern finds them all), so a new id shown by mistake fails here without being listed. Links' targets and file paths
are not words a person reads, so they are left out of the scan; so is a publisher's own name for a measure,
quoted as published beside its words."""

from __future__ import annotations

import json
import re

import pytest

from insight.labels import VOCABULARIES
from tests.pages.conftest import open_page, page_charts

SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
EMPTY = re.compile(r"^(None|nan|NaN|NaT)$")
# Not words a person reads: a link's target, a file's path or name, an icon's name; and a publisher's own name
# for a measure, quoted as published (“pt_overall”), which an analyst traces a figure by.
NOT_READ = re.compile(r"\]\([^)]*\)|https?://\S+|\bdata/\S+|:material/[a-z_]+:|`[^`]*`|\S+\.(csv|parquet|py)\b|“[^”]*”")
PUBLISHER_CODES = [code for code in VOCABULARIES["breakdown"] if " " in code]  # "CINO at 31 March" ...
PAGES = [
    "overview", "village", "since", "compare", "scenario", "population", "diversity", "deprivation", "education",
    "health", "family_support", "safety", "social_care", "cost", "services", "explorer", "data_sources",
    "load_data", "chart", "deck", "present",
]  # fmt: skip
DATA_SOURCES_TABS = ["Every figure", "Data quality", "The strategy's arithmetic", "Sources", "Indicators"]


def _chart_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = [a.get("text", "") for a in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        texts.append(str(trace.get("name", "")))
        if isinstance(trace.get("text"), list):
            texts += [str(t) for t in trace["text"]]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            texts.append(str(axis.get("title", {}).get("text", "")))
            texts += [str(t) for t in axis.get("ticktext", [])]
    return texts


def read(at) -> list[tuple[str, str]]:
    """Everything the page shows a person, each with where it is (for the failure message)."""
    found = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        found += [(kind, element.value) for element in getattr(at, kind)]
    for frame in at.dataframe:
        table = frame.value
        found += [("table header", str(column)) for column in table.columns]
        for column in table.columns:
            cells = table[column]
            found += [(f"cell of {column}", str(cell)) for cell in cells.astype(object).head(300)]
    for element in at.get("plotly_chart"):
        found += [("chart", text) for text in _chart_texts(json.loads(element.proto.spec))]
    for widget in [*at.selectbox, *at.multiselect, *at.radio]:
        found += [(f"option of {widget.label}", str(option)) for option in widget.options]
    return found


def problems(at, where: str) -> list[str]:
    wrong = []
    for kind, text in read(at):
        if kind.startswith("cell of") and EMPTY.match(text.strip()):
            wrong.append(f"{where}, {kind}: an empty cell shown as {text!r}")
            continue
        words = NOT_READ.sub("", text)
        ids = SNAKE.findall(words)
        codes = [code for code in PUBLISHER_CODES if code in words]
        if ids or codes:
            wrong.append(f"{where}, {kind}: {ids + codes} in {text[:160]!r}")
    return wrong


def runs_of(page: str):
    """The page as a person sees it: each of its section tabs (or Data and sources' tabs) in turn, every chart's
    data and export menu open."""
    at = open_page(f"pages/{page}.py")
    charts = page_charts(page)
    for chart in charts:
        at.session_state[f"{chart.id}-data"] = True
    if page == "data_sources":
        views = [("tab", name) for name in DATA_SOURCES_TABS]
    elif at.tabs:
        views = [("section", name) for name in dict.fromkeys(c.section for c in charts)]
    else:
        views = [(None, None)]
    for key, name in views:
        if key:
            at.session_state[key] = name
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        yield f"{page} ({name or 'the page'})", at


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_words_not_ids_codes_or_none(page):
    wrong = [problem for where, at in runs_of(page) for problem in problems(at, where)]
    assert not wrong, "\n".join(wrong[:30])


def test_the_scan_finds_an_id_a_code_and_an_empty_cell():
    """The scan itself: it must see what it is looking for, or every page would pass."""
    from types import SimpleNamespace

    import pandas as pd

    def shown(*values):
        return [SimpleNamespace(value=value) for value in values]

    nothing = {kind: [] for kind in ("title", "header", "subheader", "info", "warning", "success", "error")}
    page = SimpleNamespace(
        **nothing,
        markdown=shown("Both kept: children_census (Census 2021)", "[Residents](/population_x)"),
        caption=shown("CINO at 31 March: 22.4"),
        dataframe=shown(pd.DataFrame({"Note": [None, "fine"]})),
        selectbox=[], multiselect=[], radio=[],
        get=lambda kind: [],
    )  # fmt: skip
    found = problems(page, "a page")
    assert len(found) == 3, found  # the link's target, /population_x, is not read
    assert "['children_census']" in found[0] and "CINO at 31 March" in found[1] and "an empty cell" in found[2]
