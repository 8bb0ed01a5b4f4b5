"""Every chart definition builds from the tables without Streamlit, and draws what its rows say: a row of its
own for every category, text that can be read, and a message with no field left unfilled."""

from __future__ import annotations

import re

import pytest

import definitions
from charts.bars import category_bars, counts
from charts.compare import comparison_bars
from charts.gap import dumbbell
from charts.snapshot import ranges
from charts.trend import trend
from definitions.render import render
from definitions.select import select
from definitions.sources import Sources
from insight.labels import breakdown_words, group_and_member
from tests.contrast import contrast_ratio as contrast

CHARTS = definitions.charts()
ROW_CHARTS = {category_bars, counts, comparison_bars, dumbbell, ranges}


@pytest.fixture(scope="module")
def sources(project_tables) -> Sources:
    return Sources.load()


@pytest.fixture(scope="module")
def drawn(sources):
    """Each chart rendered once for the module (its tests read what it draws, never change it): five renders of
    every chart were half of this module's time."""
    kept = {}

    def draw(chart):
        if chart.id not in kept:
            kept[chart.id] = render(chart, sources)
        return kept[chart.id]

    return draw


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_every_chart_builds_with_its_message_filled_and_its_words(chart, sources, drawn):
    rendered = drawn(chart)
    assert rendered.figure.data, "draws something"
    assert rendered.figure.layout.title.text == rendered.title
    assert "{" not in rendered.title and "}" not in rendered.title
    assert rendered.title[0].isupper() or rendered.title[0].isdigit()
    assert rendered.words.alt.startswith(("Line chart", "Bar chart", "Dumbbell", "Range", "Grid", "Dot chart"))
    assert rendered.words.caption.startswith("Source: ")
    assert rendered.filename.startswith(f"{sources.areas.home_name.lower()}-early-help_{chart.id.replace('.', '-')}")


@pytest.mark.parametrize("chart", [c for c in CHARTS if c.builder in ROW_CHARTS], ids=lambda c: c.id)
def test_every_bar_and_gap_chart_draws_a_row_per_category(chart, sources, drawn):
    """Categories are drawn at positions 0..n-1 named by tick text, so "2013" and "2019" never share a row."""
    frame = select(chart.draws, sources)
    figure = drawn(chart).figure
    axis = (
        figure.layout.xaxis
        if chart.builder is category_bars and not chart.options.get("horizontal")
        else figure.layout.yaxis
    )
    if chart.builder is dumbbell:
        expected = list(dict.fromkeys(frame.sort_values("x")["period"]))
    elif chart.builder in (comparison_bars,):
        expected = list(frame["area_name"])
    elif chart.builder is counts:
        expected = list(frame.sort_values("value", ascending=False, kind="stable")["title"])
    elif chart.builder is ranges:
        expected = list(frame["title"])
    else:
        if chart.options.get("ranked"):  # largest first
            frame = frame.sort_values("value", ascending=False, kind="stable", na_position="last")
        expected = list(dict.fromkeys(frame[chart.options.get("category", "breakdown")]))
        expected = expected[: chart.options.get("top") or len(expected)]
        if chart.options.get("short_names"):
            expected = [group_and_member(name) for name in expected]
        if chart.options.get("category", "breakdown") == "breakdown":  # in words (tests/insight/test_labels.py)
            expected = [breakdown_words(name) for name in expected]
    assert [t.replace("<br>", " ") for t in axis.ticktext] == expected
    assert list(axis.tickvals) == list(range(len(expected)))
    positions = set()
    for trace in figure.data:
        placed = trace.y if axis is figure.layout.yaxis else trace.x
        positions |= {p for p in placed if isinstance(p, int)}
    assert positions == set(range(len(expected))), "every row drawn, none merged"
    assert axis.type != "category"


@pytest.mark.parametrize("chart", CHARTS, ids=[c.id for c in CHARTS])
def test_text_on_every_chart_can_be_read_on_white(chart, drawn):
    """Data labels need 4.5:1 against the white background (WCAG 1.4.3); the light Okabe-Ito hues do not."""
    figure = drawn(chart).figure
    colours = {t.textfont.color for t in figure.data if "textfont" in t and isinstance(t.textfont.color, str)}
    colours |= {a.font.color for a in figure.layout.annotations if isinstance(a.font.color, str)}
    weak = {c: round(contrast(c, "#FFFFFF"), 2) for c in colours if contrast(c, "#FFFFFF") < 4.5}
    assert not weak, weak


@pytest.mark.parametrize("chart", [c for c in CHARTS if c.builder is trend], ids=lambda c: c.id)
def test_time_axis_labels_fit_a_phone(chart, drawn):
    """On a 390 px phone a plot with a value axis title is about 260 px wide: thirty-four characters of tick labels,
    gaps included. More ran "2020/212021/22" together (four "2014/15" labels did, in a screenshot)."""
    ticks = drawn(chart).figure.layout.xaxis.ticktext
    assert ticks, "a time axis names its periods"
    assert sum(len(t) + 3 for t in ticks) <= 34 + 3, list(ticks)


def test_every_definition_is_shown_on_its_own_page_and_where_it_says_it_is_also_shown_and_nowhere_else():
    from loaders.paths import ROOT

    for definition in definitions.DEFINITIONS.values():
        homes = [p.stem for p in (ROOT / "pages").glob("*.py") if f'"{definition.id}"' in p.read_text(encoding="utf-8")]
        declared = [definition.page, *getattr(definition, "also_on", ())]
        assert sorted(homes) == sorted(declared) or definition.page == "overview", (definition.id, homes)


def test_an_unknown_id_is_named_with_the_closest_ones():
    with pytest.raises(
        definitions.UnknownDefinition,
        match=re.escape("no chart or card has the id 'cost.per_persn'; did you mean cost.per_person"),
    ):
        definitions.get("cost.per_persn")


def test_every_projection_is_shaded_from_where_the_counted_figures_end(drawn):
    """One rule on every chart: the shaded future begins at the end of the newest counted period before the first
    projection (the population charts began it at 2026 on three and at 2031 on two)."""
    import pandas as pd

    shaded = 0
    for chart in CHARTS:
        rendered = drawn(chart)
        if "projected →" not in [a.text for a in rendered.figure.layout.annotations]:
            continue
        shaded += 1
        rows = rendered.words.table
        first = pd.to_datetime(rows.loc[rows["status"] == "projected", "period_start"]).min()
        ends = pd.to_datetime(rows.loc[rows["status"] != "projected", "period_end"])
        expected = ends[ends <= first].max()
        (band,) = [s for s in rendered.figure.layout.shapes if s.type == "rect" and s.xref == "x"]
        assert pd.Timestamp(band.x0) == expected, chart.id
    assert shaded >= 2, "the test would see no projection"


def test_no_point_label_sits_on_a_dotted_line_across_the_chart(drawn):
    """A label close to a line drawn across the chart (the strategy's 'under 350') is on the line's far side from
    its point, never on the line ("341", "343" and "350" were printed on it)."""
    checked = 0
    for chart in CHARTS:
        figure = drawn(chart).figure
        levels = [s.y0 for s in figure.layout.shapes if s.type == "line" and s.y0 == s.y1 and s.yref == "y"]
        if not levels:
            continue
        values = [v for t in figure.data if t.y is not None for v in t.y if isinstance(v, int | float)]
        span = max(*values, *levels) - min(0, *values)
        for trace in figure.data:
            if "text" not in (trace.mode or "") or not isinstance(trace.textposition, tuple):
                continue
            for value, text, place in zip(trace.y, trace.text, trace.textposition, strict=True):
                for level in levels:
                    if text and abs(value - level) < span * 0.05:
                        checked += 1
                        assert place.startswith("bottom" if value <= level else "top"), (chart.id, text, place)
    assert checked, "no label near a line: the test would see nothing"
