"""Chart builders, tested without Streamlit: the traces, colours, line styles and annotations they draw."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from charts.bars import category_bars, counts
from charts.compare import comparison_bars
from charts.export import for_export
from charts.gap import dumbbell
from charts.snapshot import ranges
from charts.theme import AREA_STYLES, BLUE
from charts.trend import steps, trend
from definitions.sources import Sources
from insight.areas import HOME_ROLE
from insight.facts import MissingData
from insight.frames import series
from tests import curated


@pytest.fixture(scope="module")
def figures(project_tables) -> pd.DataFrame:
    return Sources.load().strategy_figures


def test_trend_draws_the_home_area_blue_and_projections_dashed_in_a_shaded_future(figures):
    figure = trend(series(figures, "children"), title="Children")
    observed, projected = figure.data
    assert (observed.line.color, observed.line.dash) == (BLUE, "solid")
    assert (projected.line.color, projected.line.dash) == (BLUE, "dash")
    assert list(projected.y) == [curated.value("children", y) for y in ("2021", "2031", "2041")]
    assert next(iter(projected.text)) == ""  # the carried-over point is labelled once
    assert [s.type for s in figure.layout.shapes] == ["rect"]
    assert figure.layout.annotations[0].text == "projected →"
    assert list(figure.layout.xaxis.ticktext) == ["2011", "2021", "2031", "2041"]


def test_trend_comparators_differ_by_dash_and_marker_not_only_colour():
    styles = list(AREA_STYLES.values())
    assert len({(s.dash, s.symbol) for s in styles}) == len(styles)
    home = AREA_STYLES[HOME_ROLE]
    assert all(s.colour != home.colour and s.width < home.width for s in styles[1:])


def test_trend_marks_status_by_marker_shape(figures):
    figure = trend(series(figures, "bcp_children"), title="t")
    (line,) = figure.data
    assert list(line.marker.symbol) == ["circle-open", "triangle-up"]  # derived 2017/18, "over 1,700" in 2020/21
    assert "derived, not published" in line.hovertemplate[0]


@pytest.mark.parametrize("indicator", ["weekly_earnings", "children_in_need", "children_in_care"])
def test_trend_of_undated_figures_is_missing_data_not_a_crash(figures, indicator):
    with pytest.raises(MissingData, match=f"no dated figures of {indicator} to draw over time"):
        trend(series(figures, indicator), title="t")


def test_comparison_bars_put_the_home_area_first_with_values_and_patterns(figures):
    figure = comparison_bars(series(figures, "workless_households_share"), title="Workless")
    (bars,) = figure.data
    assert list(bars.y) == [0, 1, 2]  # rows by position
    assert [t.replace("<br>", " ") for t in figure.layout.yaxis.ticktext] == [
        curated.area(r)["area_name"] for r in (HOME_ROLE, "region", "national")
    ]
    assert list(bars.text) == ["8.3%", "12%", "13.9%"]
    assert next(iter(bars.marker.color)) == BLUE
    assert list(bars.marker.pattern.shape) == ["", "/", "x"]
    assert figure.layout.xaxis.range[0] == 0


def test_dumbbell_annotates_published_and_derived_gaps_each_on_its_row(figures):
    elg = series(figures, "early_learning_goals_share", breakdowns=["FSM eligible", "all"])
    figure = dumbbell(
        elg,
        title="t",
        group="FSM eligible",
        reference="all",
        published_gaps=series(figures, "early_learning_goals_gap"),
    )
    assert [(a.text, a.y) for a in figure.layout.annotations] == [
        ("gap 21 percentage points<br>(published)", 0),  # its source on a line of its own: a phone's width
        ("gap 20 percentage points<br>(published)", 1),
    ]
    assert list(figure.layout.yaxis.ticktext) == ["2013", "2019"]
    dots = [t for t in figure.data if t.mode == "markers+text"]
    assert [(t.name, t.marker.symbol) for t in dots] == [("All", "diamond"), ("FSM eligible", "circle")]
    assert list(dots[1].x) == [39, 57] and list(dots[1].y) == [0, 1]
    derived = dumbbell(elg, title="t", group="FSM eligible", reference="all")
    assert derived.layout.annotations[0].text == "gap 21.0 percentage points<br>(derived: 60 − 39)"


def test_ranges_are_drawn_as_ranges_and_bounds_as_marks_with_arrows(figures):
    rows = pd.concat([series(figures, i) for i in ["children_in_need", "children_in_care", "care_leavers"]])
    figure = ranges(rows, title="t")
    need, care, leavers = figure.data
    assert (need.type, need.base[0], need.x[0], need.text[0]) == ("bar", 800, 150, "800 to 950")
    assert care.type == "scatter" and care.x[0] == 350 and care.x[1] < 350  # the arrow points to fewer
    assert list(care.marker.symbol) == ["line-ns-open", "triangle-left"]
    assert [a.text for a in figure.layout.annotations] == ["under 350"]
    assert (leavers.marker.symbol, leavers.text[0]) == ("circle-open", "about 200")
    assert figure.layout.legend.font.size >= 15 and figure.layout.showlegend


def test_category_bars_keep_the_order_given_and_add_published_shares(figures):
    bands = ["age 0-4", "age 5-9", "age 10-14", "age 15-18"]
    ages = series(figures, "children_census", breakdowns=bands)
    figure = category_bars(ages, title="t", shares=series(figures, "children_census_share", breakdowns=bands))
    # in the curated order, each band in words
    assert list(figure.layout.xaxis.ticktext) == ["Aged 0 to 4", "Aged 5 to 9", "Aged 10 to 14", "Aged 15 to 18"]
    assert list(figure.data[0].x) == [0, 1, 2, 3]
    assert list(figure.data[0].y) == [curated.value("children_census", "2021", b) for b in bands]
    assert figure.data[0].text[0] == "19,100 (26%)"


def test_numeric_looking_categories_keep_a_row_each():
    """Plotly reads "2013" and "2019" as numbers on a category axis; positions cannot be misread."""
    frame = pd.DataFrame(
        {"breakdown": ["2013", "2019"], "value": [1.0, 2.0], "unit": "count", "status": "observed", "period": "x"}
    )
    figure = category_bars(frame.assign(value_text=None, area_name="A"), title="t", horizontal=True)
    assert list(figure.data[0].y) == [0, 1] and list(figure.layout.yaxis.ticktext) == ["2013", "2019"]


def test_ranked_bars_put_the_largest_first_and_a_top_says_how_many_are_left_out():
    frame = pd.DataFrame(
        {
            "label": ["a", "b", "c", "d", "e"],
            "value": [5.0, float("nan"), 40.0, 12.0, 30.0],
            "unit": "count",
            "status": ["observed", "suppressed", "observed", "observed", "observed"],
            "period": "2023/24",
        }
    ).assign(value_text=None, area_name="A")
    figure = category_bars(frame, title="t", category="label", horizontal=True, ranked=True, top=3)
    assert list(figure.layout.yaxis.ticktext) == ["c", "e", "d"]  # largest at the top; the unpublished one last
    assert list(figure.data[0].x) == [40.0, 30.0, 12.0] and list(figure.data[0].y) == [0, 1, 2]
    assert (
        figure.layout.meta["caption"] == "The 3 largest of 5 are drawn; the data table under the chart has every one."
    )
    every = category_bars(frame, title="t", category="label", ranked=True)
    assert list(every.layout.xaxis.ticktext) == ["c", "e", "d", "a", "b"] and not every.layout.meta


def test_a_number_of_something_is_titled_with_what_it_counts():
    frame = pd.DataFrame(
        {"breakdown": ["all"], "value": [14.0], "unit": "number", "unit_label": "cases per social worker"}
    ).assign(status="observed", period="2024", value_text=None, area_name="A")
    figure = category_bars(frame, title="t")
    assert figure.layout.yaxis.title.text == "cases per social worker"


def test_counts_of_very_different_sizes_are_all_readable(figures):
    services = Sources.load().services
    money = services[(services["life_area"] == "money") & (services["section_id"] == "ecosystem")]
    figure = counts(money, title="t")
    (dots,) = figure.data
    assert figure.layout.xaxis.type == "log"
    assert list(dots.text) == ["15,000+", "500+", "17", "2"]
    assert list(dots.marker.symbol)[:2] == ["triangle-up-open", "triangle-up-open"]  # lower bounds
    labelled, gridded = list(figure.layout.xaxis.tickvals), list(figure.layout.xaxis.minor.tickvals)
    assert all(b / a >= 100 for a, b in itertools.pairwise(labelled)), "labels two powers of ten apart, at least"
    assert sorted(labelled + gridded) == [10**k for k in range(len(labelled) + len(gridded))]  # a line at each


def test_steps_put_undated_periods_in_time_order(figures):
    figure = steps(series(figures, "households"), title="t")
    assert list(figure.layout.xaxis.ticktext) == ["20 years<br>earlier", "current", "20 years<br>later"]  # phone
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
    assert exported.layout.title.subtitle.text == "Source: somewhere, as quoted."
    # the first line of the title starts 32 px below the top edge (plotly anchors by the last line)
    assert exported.layout.title.y == pytest.approx(1 - (32 + 40) / 900)
    assert exported.layout.margin.t >= 32 + 2 * 40 + 21
    assert figure.layout.title.text == "short"  # the original is left as it was


def test_several_lines_label_only_their_last_points_and_never_over_each_other(project_tables):
    """Bromley, London and England's rates of children looked after end close together (Bromley and London
    within a few per 10,000): each line is labelled once, at its end, and two ends within a tenth of the axis
    have their labels on different sides."""
    rows = series(Sources.load().figures(["cla_rate_31_march"]), "cla_rate_31_march", breakdowns=["all"])
    figure = trend(rows, title="Children looked after per 10,000")
    lines = [t for t in figure.data if t.type == "scatter" and t.mode == "lines+markers+text"]
    assert len(lines) == rows["area_code"].nunique() >= 3
    ends = {}
    for line in lines:
        assert all(text == "" for text in line.text[:-1]), line.name
        assert line.text[-1] != ""
        ends[line.name] = (line.y[-1], line.textposition[-1])
    span = max(rows["value"].max(), 0) - min(rows["value"].min(), 0)
    for (a, (value_a, place_a)), (b, (value_b, place_b)) in itertools.combinations(ends.items(), 2):
        if abs(value_a - value_b) < span / 10:
            assert place_a != place_b, (a, b)


def test_a_dip_is_labelled_below_the_line_and_other_points_above(project_tables):
    """The line leaves a dip upwards on both sides, so a label above it would sit on the line."""
    home = Sources.load().areas.home
    rows = series(Sources.load().figures(["cla_31_march"]), "cla_31_march", areas=[home], breakdowns=["all"])
    (line,) = [t for t in trend(rows, title="Looked after").data if t.mode == "lines+markers+text"]
    values = list(line.y)
    dips = [i for i in range(1, len(values) - 1) if values[i] < values[i - 1] and values[i] < values[i + 1]]
    assert dips, "the shipped series has a dip (2021/22)"
    for i in range(len(values) - 1):
        assert line.textposition[i] == ("bottom center" if i in dips else "top center"), i


def test_bars_keep_a_phones_room_for_their_labels_and_an_image_uses_its_width(figures):
    """On the page the value axis runs on past the longest bar far enough for "about 3,800" to fit a phone; an
    image 1,600 px wide needs a fraction of that, so its bars are not squeezed into half the picture."""
    from charts.export import for_export

    frame = series(figures, "bromley_y_referrals")
    page = category_bars(frame.assign(label=frame["period"]), title="t", category="label", horizontal=True)
    image = for_export(page, title="t", caption="c", width=1600, height=900)
    longest = frame["value"].max()
    assert page.layout.xaxis.range[1] >= 1.6 * longest  # "about 3,800" beside a bar on a 190 px plot
    assert longest < image.layout.xaxis.range[1] <= 1.3 * longest
