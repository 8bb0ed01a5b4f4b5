"""Chart builders, tested without Streamlit: the traces, colours, line styles and annotations they draw."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.bars import category_bars
from charts.compare import comparison_bars
from charts.export import for_export
from charts.gap import dumbbell
from charts.snapshot import ranges
from charts.theme import AREA_STYLES, BLUE
from charts.trend import steps, trend
from insight.frames import enrich, series
from loaders.tables import read_observations, read_table


@pytest.fixture(scope="module")
def figures(project_tables) -> pd.DataFrame:
    return enrich(read_observations(), read_table("indicators"), read_table("sources"))


def test_trend_draws_bromley_blue_and_projections_dashed_in_a_shaded_future(figures):
    figure = trend(series(figures, "children"), title="Children")
    observed, projected = figure.data
    assert (observed.line.color, observed.line.dash) == (BLUE, "solid")
    assert (projected.line.color, projected.line.dash) == (BLUE, "dash")
    assert list(projected.y) == [73_200, 66_800, 62_500]
    assert list(projected.text) == ["", "66,800", "62,500"]  # the carried-over point is labelled once
    assert [s.type for s in figure.layout.shapes] == ["rect"]
    assert figure.layout.annotations[0].text == "projected →"
    assert list(figure.layout.xaxis.ticktext) == ["2011", "2021", "2031", "2041"]
    assert figure.layout.title.text == "Children"


def test_trend_comparators_differ_by_dash_and_marker_not_only_colour():
    styles = list(AREA_STYLES.values())
    assert len({(s.dash, s.symbol) for s in styles}) == len(styles)
    bromley = AREA_STYLES["E09000006"]
    assert all(s.colour != bromley.colour and s.width < bromley.width for s in styles[1:])


def test_trend_marks_status_by_marker_shape(figures):
    figure = trend(series(figures, "bcp_children"), title="t")
    (line,) = figure.data
    assert list(line.marker.symbol) == ["circle-open", "triangle-up"]  # derived 2017/18, "over 1,700" in 2020/21
    assert list(line.text) == ["1,371", "more than 1,700"]
    assert "derived, not published" in line.hovertemplate[0]


def test_comparison_bars_put_bromley_first_with_values_and_patterns(figures):
    figure = comparison_bars(series(figures, "workless_households_share"), title="Workless")
    (bars,) = figure.data
    assert list(bars.y)[::-1] == ["Bromley", "London", "National<br>(geography not<br>stated)"]
    assert list(bars.text)[::-1] == ["8.3%", "12%", "13.9%"]
    assert list(bars.marker.color)[::-1][0] == BLUE
    assert list(bars.marker.pattern.shape)[::-1] == ["", "/", "x"]
    assert figure.layout.xaxis.range[0] == 0


def test_dumbbell_annotates_published_and_derived_gaps(figures):
    elg = series(figures, "early_learning_goals_share", breakdowns=["FSM eligible", "all"])
    figure = dumbbell(
        elg,
        title="t",
        group="FSM eligible",
        reference="all",
        published_gaps=series(figures, "early_learning_goals_gap"),
    )
    assert [a.text for a in figure.layout.annotations] == [
        "gap 21 percentage points (published)",
        "gap 20 percentage points (published)",
    ]
    dots = [t for t in figure.data if t.mode == "markers+text"]
    assert [(t.name, t.marker.symbol) for t in dots] == [("all", "diamond"), ("FSM eligible", "circle")]
    assert list(dots[1].x) == [39, 57]
    derived = dumbbell(elg, title="t", group="FSM eligible", reference="all")
    assert derived.layout.annotations[0].text == "gap 21.0 percentage points (derived: 60 − 39)"


def test_ranges_are_drawn_as_ranges_and_bounds_as_bounds(figures):
    rows = pd.concat([series(figures, i) for i in ["children_in_need", "children_in_care", "care_leavers"]])
    figure = ranges(rows, title="t")
    by_name = {t.y[0].replace("<br>", " "): t for t in figure.data}
    need = by_name["Children in need"]
    assert (need.base[0], need.x[0], need.text[0]) == (800, 150, "800 to 950")
    care = by_name["Children in care"]
    assert (care.base[0], care.x[0], care.text[0], care.marker.opacity) == (0, 350, "under 350", 0.35)
    leavers = by_name["Care leavers supported"]
    assert (leavers.type, leavers.marker.symbol, leavers.text[0]) == ("scatter", "circle-open", "about 200")


def test_category_bars_keep_the_order_given(figures):
    ages = series(figures, "children_census", breakdowns=["age 0-4", "age 5-9", "age 10-14", "age 15-18"])
    figure = category_bars(ages, title="t")
    assert list(figure.data[0].x) == ["age 0-4", "age 5-9", "age 10-14", "age 15-18"]
    assert list(figure.data[0].y) == [19_100, 19_500, 19_800, 14_800]


def test_steps_use_the_undated_periods_in_order(figures):
    figure = steps(series(figures, "households"), title="t", order=["20 years earlier", "current", "20 years later"])
    assert list(figure.data[0].x) == ["20 years earlier", "current", "20 years later"]
    assert list(figure.data[0].marker.symbol) == [
        "circle",
        "circle-open",
        "circle-open",
    ]  # observed, estimate, projected


def test_an_exported_chart_carries_its_message_and_source(figures):
    figure = trend(series(figures, "residents"), title="short")
    exported = for_export(figure, title="A message " * 12, caption="Source: somewhere, as quoted.")
    assert exported.layout.width == 1600 and exported.layout.height == 900
    assert exported.layout.title.text.count("<br>") >= 1
    assert "Source: somewhere, as quoted.</span>" in exported.layout.title.text
    assert figure.layout.title.text == "short"  # the original is left as it was
