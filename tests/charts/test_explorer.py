"""The explorer's chart, read from what it draws: observed solid, projected dashed on from the last observed point,
years in between as separate open marks, intervals as bands, ranges as bars across their span, a break where the
source changes, the strategy's figures ringed, a second unit on a second axis, undated figures as bars."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import pytest

from charts.explorer import PHONE_CHART, explorer_chart, period_ticks, segments, spread
from insight.areas import HOME_ROLE
from insight.explore import with_names
from tests.pages.conftest import values


def row(period, value, *, year, status="observed", indicator="children", unit="count", kind="strategy", **extra):
    start = pd.Timestamp(f"{year}-01-01") if year else pd.NaT
    return {
        "indicator_id": indicator,
        "title": indicator.capitalize(),
        "area_code": "E09000006",
        "area_name": "Bromley",
        "area_role": HOME_ROLE,
        "breakdown": "all",
        "period": period,
        "period_type": "calendar_year" if year else "undated",
        "period_start": start,
        "period_end": start + pd.Timedelta(days=364) if year else pd.NaT,
        "x": start + pd.Timedelta(days=182) if year else pd.NaT,
        "value": value,
        "lower": extra.pop("lower", None),
        "upper": extra.pop("upper", None),
        "unit": unit,
        "unit_label": None,
        "status": status,
        "source_kind": kind,
        "source_id": extra.pop("source_id", "gla"),
        "release_dataset": extra.pop("release_dataset", None),
        **extra,
    }


def drawn(*rows, **options):
    return explorer_chart(with_names(pd.DataFrame(rows)), **options).to_plotly_json()


CHILDREN = [
    row("2011", 72800, year=2011),
    row("2021", 73200, year=2021),
    row("2026", 70000, year=2026, status="interpolated", kind="strategy"),
    row("2031", 66800, year=2031, status="projected"),
]


def by_name(spec: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for trace in spec["data"]:
        found.setdefault(trace["name"], []).append(trace)
    return found


def test_observed_solid_projected_dashed_from_the_last_observed_and_filled_years_apart():
    spec = drawn(*CHILDREN, kind="time")
    traces = by_name(spec)
    observed, projected = traces["Bromley"]
    assert (observed["line"]["dash"], values(observed["y"])) == ("solid", [72800, 73200])
    assert (projected["line"]["dash"], values(projected["y"])) == ("dash", [73200, 66800])
    (filled,) = traces["Bromley: years in between"]
    assert filled["mode"] == "markers" and values(filled["y"]) == [70000]
    # White inside, outlined in the series' colour (an "-open" symbol would take the white as its outline: unseen).
    assert filled["marker"]["color"] == "white" and filled["marker"]["line"]["color"] == observed["line"]["color"]
    assert not filled["marker"]["symbol"].endswith("-open")
    assert spec["layout"]["xaxis"]["type"] == "date"


def test_the_strategys_published_figures_are_ringed_but_not_the_filled_years():
    (rings,) = by_name(drawn(*CHILDREN, kind="time"))["The strategy's own figures"]
    assert values(rings["y"]) == [72800, 73200, 66800]
    assert rings["marker"]["symbol"] == "circle-open"


def test_an_interval_is_a_band_and_a_range_a_bar_across_its_span():
    spec = drawn(
        row("2019", 40, year=2019, kind="release", lower_ci95=35, upper_ci95=46, indicator="rate", unit="per_10000"),
        row("2020", 42, year=2020, kind="release", lower_ci95=37, upper_ci95=47, indicator="rate", unit="per_10000"),
        row("2021", None, year=2021, status="range", lower=800, upper=950, indicator="cin"),
        row("2022", 900, year=2022, indicator="cin"),
        kind="time",
    )
    traces = by_name(spec)
    (band,) = traces["Rate · Bromley: 95% confidence interval"]
    assert band["fill"] == "toself" and values(band["y"]) == [46, 47, 37, 35]
    (span,) = traces["Cin · Bromley: range"]
    assert values(span["y"]) == [800, 950] and span["line"]["width"] == 8
    assert spec["layout"]["yaxis2"]["side"] == "right"  # a rate and a count: two axes


def test_a_series_breaks_where_its_source_changes():
    rows = pd.DataFrame(
        [
            row("2019", 10, year=2019),
            row("2020", 11, year=2020),
            row("2021", 12, year=2021, kind="release", release_dataset="DfE"),
            row("2022", 13, year=2022, kind="release", release_dataset="DfE"),
        ]
    )
    assert [[r["value"] for r in part] for part in segments(rows.to_dict("records"))] == [[10, 11], [12, 13]]
    spec = drawn(*rows.to_dict("records"), kind="time")
    lines = [t for t in spec["data"] if t["name"] == "Bromley"]
    assert [values(t["y"]) for t in lines] == [[10, 11], [12, 13]]  # never joined
    assert [a["text"] for a in spec["layout"]["annotations"]] == ["source changes"]


def test_undated_figures_are_bars_with_their_status_in_words():
    spec = drawn(
        row("current", 350, year=None, status="upper_bound", indicator="in_care"),
        row("past 2 years", None, year=None, status="range", lower=800, upper=950, indicator="in_need"),
        kind="bars",
    )
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [values(t["text"]) for t in bars] == [["under 350"], ["800 to 950"]]
    assert [values(t["base"]) for t in bars] == [[0], [800]] and [values(t["x"]) for t in bars] == [[350], [150]]
    assert spec["layout"]["yaxis"]["ticktext"] == ["In_care · Bromley · current", "In_need · Bromley · past 2 years"]


def test_a_long_legend_makes_the_chart_taller_not_the_plot_shorter():
    one = drawn(*CHILDREN[:2], kind="time")["layout"]["height"]
    many = drawn(*[row("2021", i, year=2021 + i % 2, indicator=f"indicator_{i}") for i in range(12)], kind="time")
    assert many["layout"]["height"] > one + 11 * 22


NEAR = "Bromley's statistical neighbours"


def member(name: str, code: str, first: float, second: float) -> list[dict]:
    """Two dated figures of an authority read through the group of neighbours."""
    extra = {"area_code": code, "area_name": name, "area_role": None, "group": NEAR, "kind": "release"}
    return [row("2021", first, year=2021, **extra), row("2022", second, year=2022, **extra)]


def test_a_groups_authorities_are_grey_lines_under_one_legend_entry_and_the_picked_series_keep_their_colour():
    home = [row("2021", 40, year=2021, kind="release"), row("2022", 42, year=2022, kind="release")]
    spec = drawn(*home, *member("Surrey", "S", 35, 36), *member("Solihull", "O", 99, 113), kind="time")
    traces = by_name(spec)
    assert values(traces["Surrey"][0]["y"]) == [35, 36] and values(traces["Solihull"][0]["y"]) == [99, 113]
    grey = {t["line"]["color"] for name in ("Surrey", "Solihull") for t in traces[name]}
    assert len(grey) == 1 and grey != {traces["Bromley"][0]["line"]["color"]}
    assert {t["marker"]["symbol"] for name in ("Surrey", "Solihull") for t in traces[name]} == {"circle-open"}
    # One legend entry for the group, named as the group; none for each authority (each is named on hover).
    shown = [t["name"] for t in spec["data"] if t.get("showlegend") is not False]
    assert shown == ["Bromley", NEAR]
    assert all(t["legendgroup"] == NEAR for name in ("Surrey", "Solihull", NEAR) for t in traces[name])
    assert "Surrey" in traces["Surrey"][0]["hovertemplate"][0]


def test_a_groups_authorities_as_bars_are_named_on_the_axis_with_one_legend_entry():
    spec = drawn(row("2022", 42, year=2022), *member("Surrey", "S", 35, 36)[1:], *member("Solihull", "O", 9, 8)[1:],
                 kind="bars")  # fmt: skip
    bars = [t for t in spec["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Bromley", NEAR, NEAR]
    assert [t["showlegend"] for t in bars] == [True, True, False]
    assert spec["layout"]["yaxis"]["ticktext"] == ["Bromley · 2022", "Surrey · 2022", "Solihull · 2022"]


def test_each_authority_of_a_group_is_named_at_the_end_of_its_line_apart_from_the_next_in_order():
    home = [row("2021", 40, year=2021, kind="release"), row("2022", 42, year=2022, kind="release")]
    close = [member(name, name[:2], 30, 36 + i * 0.1) for i, name in enumerate(["Surrey", "Hertfordshire", "Trafford"])]
    spec = drawn(*home, *[r for rows in close for r in rows], *member("Solihull", "SO", 99, 113), kind="time")
    labels = {a["text"]: a for a in spec["layout"]["annotations"]}
    assert set(labels) == {"Surrey", "Hertfordshire", "Trafford", "Solihull"}  # not the home area: its legend names it
    ys = [labels[name]["y"] for name in ["Surrey", "Hertfordshire", "Trafford", "Solihull"]]
    assert ys == sorted(ys) and labels["Solihull"]["y"] == 113  # in their order; one far from the rest stays put
    axis_span, plot_pixels = 113 * 1.1, 290 + 120
    assert min(b - a for a, b in pairwise(ys)) >= 15 * axis_span / plot_pixels - 1e-9  # a line apart
    assert {a["xanchor"] for a in labels.values()} == {"left"} and spec["layout"]["margin"]["r"] > 24


def test_labels_that_would_overlap_are_spread_around_their_values_and_kept_inside_the_axis():
    # 0 and 1 (each 2 high) overlap: a block centred on 0.5, from -1.5 to 2.5; 10 is clear of it and stays.
    assert spread([0, 1, 10], [2, 2, 2], -10, 20) == [-0.5, 1.5, 10]
    # The block (centred on 18.5: 16.5 to 20.5) would poke out of the top: the whole moves down by the 0.5 out.
    assert spread([18, 19], [2, 2], 0, 20) == [17, 19]
    assert spread([0, 0.5], [2, 2], 0, 20) == [1, 3]  # and up from the foot


def test_a_zero_on_a_log_scale_is_a_gap_in_its_line_and_the_ticks_are_one_two_five():
    spec = drawn(row("2019", 4, year=2019), row("2020", 0, year=2020), row("2021", 8, year=2021), kind="time", log=True)
    (line,) = by_name(spec)["Bromley"]
    assert values(line["y"]) == [4, None, 8]
    assert spec["layout"]["yaxis"]["type"] == "log" and spec["layout"]["yaxis"]["dtick"] == "D2"


def period(label, value, start, end, **extra):
    """A figure of a period as published, from its first to its last day (a financial year, an academic year)."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    return row(label, value, year=first.year, kind="release", **extra) | {
        "period_type": "other", "period_start": first, "period_end": last, "x": first + (last - first) / 2,
    }  # fmt: skip


def financial(first: int, value: float, **extra) -> dict:
    return period(f"{first}/{(first + 1) % 100:02d}", value, f"{first}-04-01", f"{first + 1}-03-31", **extra)


def ticks_of(spec: dict) -> dict:
    """The x axis's labels by the instant each stands at."""
    axis = spec["layout"]["xaxis"]
    assert axis["tickmode"] == "array"
    return dict(zip(map(pd.Timestamp, axis["tickvals"]), axis["ticktext"], strict=True))


def points(spec: dict) -> list[tuple[pd.Timestamp, str]]:
    """Every point drawn on a line: its instant on the axis and the period its hover names."""
    found = []
    for trace in spec["data"]:
        if trace.get("mode") == "lines+markers" and trace.get("hovertemplate"):
            for x, text in zip(values(trace["x"]), trace["hovertemplate"], strict=True):
                found.append((pd.Timestamp(x), text.split("<br>")[1].split(":")[0]))
    return found


def test_each_period_is_one_tick_at_its_points_labelled_as_published():
    # Five financial years, figures at 31 March: "2020/21" and so on, each once, each point on its own label
    # (plotly's own ticks read "2020, 2021, 2021, 2022, 2022" between the points).
    spec = drawn(*[financial(2020 + i, 40 + i) for i in range(5)], kind="time")
    ticks = ticks_of(spec)
    assert list(ticks.values()) == ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]
    drawn_points = points(spec)
    assert len(drawn_points) == 5
    assert all(ticks[x] == label for x, label in drawn_points)  # each point sits on the tick naming its period
    axis = spec["layout"]["xaxis"]
    # Level where there is room; turned (45 degrees, then upright) only where level labels would overlap (a phone).
    assert axis["type"] == "date" and "tickangle" not in axis and axis["autotickangles"][0] == 0


def test_calendar_financial_and_academic_periods_in_one_chart_are_each_labelled_as_written():
    spec = drawn(
        row("2005", 10, year=2005, kind="release", source_id="a"),
        period("2012-13", 11, "2012-09-01", "2013-08-31", indicator="pupils"),
        financial(2019, 12, indicator="rate"),
        row("2026", 13, year=2026, kind="release", source_id="a"),
        kind="time",
    )
    ticks = ticks_of(spec)
    assert sorted(ticks.values()) == ["2005", "2012-13", "2019/20", "2026"]
    assert all(ticks[x] == label for x, label in points(spec))


def test_a_long_series_labels_every_few_periods_counted_back_from_the_newest_and_none_twice():
    years = [financial(2012 + i, 100 + i) for i in range(13)]  # 2012/13 to 2024/25, as the DfE's C1 gives them
    spec = drawn(*years, kind="time")
    ticks = ticks_of(spec)
    labels = list(ticks.values())
    every = [r["period"] for r in years]
    assert len(labels) == len(set(labels)) < len(every)  # too many for a phone: some left out, none twice
    assert labels[-1] == "2024/25"  # the newest always named
    step = every.index(labels[1]) - every.index(labels[0])
    assert labels == every[::-1][::step][::-1]  # every k-th period, never a label between two points
    on_axis = dict(points(spec))
    assert all(on_axis[x] == label for x, label in ticks.items())  # each label at its own period's point


def at(label: str, x: str) -> tuple[pd.Timestamp, str]:
    return pd.Timestamp(x), label


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        # Seven financial years, six apart end to end, on a plot `width` wide less 20 px at each end (the markers'
        # room); an upright label and its gap take 22 px.
        (1200, ["2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]),  # room for each
        (190, ["2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]),  # 25 px a year
        (150, ["2012/13", "2014/15", "2016/17", "2018/19"]),  # 18 px a year: every second
        (100, ["2012/13", "2015/16", "2018/19"]),  # 10 px a year: every third, counted back from the newest
        (60, ["2018/19"]),  # no room for two: the newest alone
    ],
)
def test_labels_are_thinned_to_fit_the_width_never_overlapping(width, shown):
    points_ = [at(f"{y}/{(y + 1) % 100:02d}", f"{y}-09-30") for y in range(2012, 2019)]
    assert period_ticks(points_, width)["ticktext"] == shown


def test_unevenly_spaced_periods_are_each_named_unless_too_close_to_the_next_newer():
    # The strategy's years and the DfE's financial years in one chart, thirty years on 600 px: 2021 (July) is too
    # close to 2021/22 (its middle in October) for both; every other period keeps its label.
    found = period_ticks(
        [at("2011", "2011-07-02"), at("2018/19", "2018-09-30"), at("2021", "2021-07-02"), at("2021/22", "2021-09-30"),
         at("2031", "2031-07-02"), at("2041", "2041-07-02")],
        600,
    )  # fmt: skip
    assert found["ticktext"] == ["2011", "2018/19", "2021/22", "2031", "2041"]
    assert found["tickvals"] == [pd.Timestamp(d) for d in ("2011-07-02", "2018-09-30", "2021-09-30", "2031-07-02",
                                                           "2041-07-02")]  # fmt: skip


def test_two_periods_at_one_instant_never_share_a_tick_and_repeated_periods_are_named_once():
    # Pooled 2018-20 and the calendar year 2019 have the same middle; the DfE's 2019/20 comes twice (two areas).
    found = period_ticks(
        [at("2018-20", "2019-07-02"), at("2019", "2019-07-02"), at("2019/20", "2019-09-30"),
         at("2019/20", "2019-09-30"), at("2024", "2024-07-01")],
        PHONE_CHART,
    )  # fmt: skip
    assert len(found["ticktext"]) == len(set(found["ticktext"])) and found["ticktext"][-1] == "2024"
    assert len(set(found["tickvals"])) == len(found["tickvals"])


def test_an_image_of_the_chart_keeps_its_legend_on_the_canvas_and_room_for_the_end_labels():
    from charts.explorer import for_image, time_spec
    from charts.export import for_export

    home = [row("2021", 40, year=2021, kind="release"), row("2022", 42, year=2022, kind="release")]
    rows = [*home, *member("Buckinghamshire", "B", 35, 36), *member("Solihull", "S", 99, 113)]
    picture = for_image(time_spec(with_names(pd.DataFrame(rows))))
    # It lays out its own legend and end labels (charts.export keeps them where they are), the labels' margin
    # wide enough at an image's 20 px type: about 10 px a character, "Buckinghamshire" the widest.
    assert picture.layout.meta["own_layout"] is True
    assert picture.layout.margin.r >= 10 * len("Buckinghamshire")
    legend = for_export(picture, title="A title", caption="A source").layout.legend
    # At the foot of the image, as on the page (moved above the plot, a legend placed on the chart's foot was lost).
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
