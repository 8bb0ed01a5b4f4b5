"""The explorer's chart, read from what it draws: observed solid, projected dashed on from the last observed point,
years in between as separate open marks, intervals as bands, ranges as bars across their span, a break where the
source changes, the strategy's figures ringed, a second unit on a second axis, undated figures as bars."""

from __future__ import annotations

import pandas as pd

from charts.explorer import explorer_chart, segments
from insight.explore import with_names
from tests.pages.conftest import values


def row(period, value, *, year, status="observed", indicator="children", unit="count", kind="strategy", **extra):
    start = pd.Timestamp(f"{year}-01-01") if year else pd.NaT
    return {
        "indicator_id": indicator,
        "title": indicator.capitalize(),
        "area_code": "E09000006",
        "area_name": "Bromley",
        "area_role": "home",
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
