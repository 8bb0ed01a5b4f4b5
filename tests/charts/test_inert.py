"""Text from data is drawn as text: an area's name, a title or a quote that holds markup, a markdown link or a
spreadsheet formula reaches a chart, a page's Markdown and a CSV download inert."""

from __future__ import annotations

import json
import re

import pandas as pd

from charts.explorer import explorer_chart
from charts.strip import strip
from insight.areas import HOME_ROLE
from insight.catalogue import to_csv_bytes
from insight.explore import with_names
from insight.text import md

SCRIPT = "<script>window.hacked=1</script>"
IMAGE = '<img src=x onerror="window.hacked=1">'
LINK = "[click me](https://evil.example)"
ANCHOR = '<a href="javascript:alert(1)">here</a>'
FORMULA = '=HYPERLINK("https://evil.example","x")'
HOSTILE = f"Barset {SCRIPT} {IMAGE} {LINK} {ANCHOR} {FORMULA}"
LIVE_MARKUP = re.compile(r"<(script|img|a)\b", re.IGNORECASE)


def rows(name: str = HOSTILE) -> pd.DataFrame:
    start = pd.Timestamp("2021-04-01")
    return pd.DataFrame(
        [
            {
                "indicator_id": "rate",
                "title": f"A rate {SCRIPT}",
                "area_code": code,
                "area_name": area,
                "area_role": role,
                "breakdown": "all",
                "period": period,
                "period_type": "financial_year",
                "period_start": start + pd.DateOffset(years=i),
                "period_end": start + pd.DateOffset(years=i + 1),
                "x": start + pd.DateOffset(years=i, months=6),
                "value": value,
                "unit": "per_10000",
                "unit_label": None,
                "status": "observed",
                "source_kind": "release",
                "release_dataset": "d",
                "quote": None,
                "value_note": IMAGE,
                "publisher": ANCHOR,
                "comparison": SCRIPT,
                "compared_with": "England",
            }
            for code, area, role in (("E09000006", name, HOME_ROLE), ("E92000001", "England", "country"))
            for i, (period, value) in enumerate((("2021/22", 40.0), ("2022/23", 42.0)))
        ]
    )


def strings(figure) -> list[str]:
    """Every string plotly.js shows of the figure (a legend group's id is never drawn)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key != "legendgroup":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(figure.to_json()))
    return found


def test_the_explorers_chart_draws_hostile_names_and_notes_as_text():
    figure = explorer_chart(with_names(rows()), kind="time")
    texts = strings(figure)
    assert any("&lt;script>window.hacked=1&lt;/script>" in t for t in texts)  # there, as text
    assert not [t for t in texts if LIVE_MARKUP.search(t)]
    assert any("<br>" in t for t in texts)  # the chart's own line breaks still work


def test_the_strip_of_authorities_draws_a_hostile_name_as_text():
    frame = rows().query("period == '2022/23'")
    figure = strip(frame, [("Group", list(frame["area_code"]))], home="E09000006", chosen=[], lines=["E92000001"])
    texts = strings(figure)
    assert any("Barset &lt;script>" in t for t in texts)
    assert not [t for t in texts if LIVE_MARKUP.search(t)]


def test_markdown_escapes_links_markup_and_emphasis():
    written = md(HOSTILE)
    assert "\\[click me\\]\\(https" in written  # a link's brackets escaped: not a link
    assert "<" not in written.replace("&lt;", "")  # markup as entities
    assert "javascript" in written  # the text itself kept, so a reader sees what the file said


def test_a_formula_in_a_download_is_prefixed_so_a_spreadsheet_shows_it_as_text():
    written = to_csv_bytes(pd.DataFrame({"area_name": [FORMULA, "-5", "@SUM(A1)"]})).decode()
    assert written.splitlines()[1:] == [
        '"\'=HYPERLINK(""https://evil.example"",""x"")"',
        "'-5",  # text, not a number, in a text column: prefixed like any cell starting with -
        "'@SUM(A1)",
    ]
