"""Years between published projections: on a straight line through every published point, never guessed."""

from __future__ import annotations

import datetime
import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insight.areas import HOME_ROLE
from insight.projections import METHOD, PROVENANCE, interpolate


def point(period: str, value: float, status: str, period_type: str = "calendar_year", **extra) -> dict:
    """One enriched observation row of a series, as the tables give it (dates as dates)."""
    year = int(period[:4]) if period[:4].isdigit() else None
    start = datetime.date(year, 1, 1) if year and period_type != "undated" else None
    end = datetime.date(year, 12, 31) if year and period_type != "undated" else None
    if period_type == "financial_year" and year:
        start, end = datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
    return {
        "indicator_id": "children",
        "area_code": "E09000006",
        "area_name": "Bromley",
        "area_role": HOME_ROLE,
        "breakdown": "all",
        "period": period,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "x": pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2 if start else pd.NaT,
        "value": value,
        "status": status,
        "unit": "count",
        "source_id": "gla_population_projections",
        "source_kind": "strategy",
        "title": "Children",
        "quote": f"the strategy's sentence for {period}",
        "section": "Our borough in numbers",
        "value_text": f"{value:,.0f}",
        "curated_file": "population.csv",
        "curated_line": 3,
        "formula": None,
        **extra,
    }


CHILDREN = pd.DataFrame(
    [
        point("2011", 72800, "observed"),
        point("2021", 73200, "observed"),
        point("2031", 66800, "projected"),
        point("2041", 62500, "projected"),
    ]
)


def test_hand_values_lie_on_the_line_between_published_points():
    filled = interpolate(CHILDREN).set_index("period")["value"]
    assert filled["2026"] == 70000  # halfway from 73,200 (2021) to 66,800 (2031)
    assert filled["2022"] == pytest.approx(72560)
    assert filled["2036"] == pytest.approx(64650)  # halfway from 66,800 (2031) to 62,500 (2041)


def test_one_row_per_year_strictly_between_and_none_between_observed_points():
    periods = list(interpolate(CHILDREN)["period"])
    assert periods == [str(y) for y in range(2022, 2031)] + [str(y) for y in range(2032, 2041)]
    assert not set(periods) & {"2011", "2012", "2020", "2021", "2031", "2041"}


def test_the_line_through_interpolated_and_published_points_passes_through_every_published_point():
    line = pd.concat([CHILDREN, interpolate(CHILDREN)]).assign(year=lambda f: f["period"].astype(int))
    line = line[line["year"] >= 2021].sort_values("year").set_index("year")["value"]
    for start, end in ((2021, 2031), (2031, 2041)):
        steps = line.loc[start:end].diff().dropna()
        assert steps.round(6).nunique() == 1  # a straight line: the same step every year
        assert line[start] == CHILDREN.set_index("period").loc[str(start), "value"]
        assert line[end] == CHILDREN.set_index("period").loc[str(end), "value"]


def test_rows_say_they_are_interpolated_name_the_method_and_carry_no_provenance():
    filled = interpolate(CHILDREN)
    assert set(filled["status"]) == {"interpolated"}
    assert set(filled["method"]) == {METHOD}
    assert filled.set_index("period").loc["2026", "formula"] == (
        "straight-line interpolation between 2021 (73,200) and 2031 (66,800)"
    )
    assert filled.set_index("period").loc["2035", "formula"] == (
        "straight-line interpolation between 2031 (66,800) and 2041 (62,500)"
    )
    for column in [c for c in PROVENANCE if c in filled]:
        assert filled[column].isna().all(), column
    # Everything else is the earlier point's; the period is the year's own.
    assert set(filled["source_id"]) == {"gla_population_projections"}
    row = filled.set_index("period").loc["2026"]
    assert (row["period_type"], row["period_start"], row["period_end"]) == (
        "calendar_year",
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert row["x"] == pd.Timestamp(2026, 7, 2)


def test_undated_and_non_calendar_periods_give_no_rows():
    households = pd.DataFrame(
        [
            point("20 years earlier", 128717, "observed", "undated"),
            point("current", 135036, "estimate", "undated"),
            point("20 years later", 139684, "projected", "undated"),
        ]
    )
    assert interpolate(households).empty
    financial = pd.DataFrame([point("2021/22", 3800, "observed", "financial_year"), point("2031", 4000, "projected")])
    assert interpolate(financial).empty
    undated_between = pd.DataFrame([point("2021", 10, "observed"), point("current", 20, "projected", "undated")])
    assert interpolate(undated_between).empty


def test_no_line_from_a_bound_or_a_year_published_twice():
    bound = pd.DataFrame([point("2021", 350, "upper_bound"), point("2031", 400, "projected")])
    assert interpolate(bound).empty
    twice = pd.DataFrame(
        [point("2021", 100, "observed"), point("2021", 110, "observed"), point("2031", 200, "projected")]
    )
    assert interpolate(twice).empty


def test_only_the_later_point_need_be_projected_and_adjacent_years_give_nothing():
    assert interpolate(pd.DataFrame([point("2031", 10, "projected"), point("2032", 11, "projected")])).empty
    assert interpolate(pd.DataFrame([point("2021", 10, "projected"), point("2031", 20, "observed")])).empty


def test_several_series_at_once_are_refused():
    mixed = pd.concat([CHILDREN, CHILDREN.assign(area_code="E12000007")])
    with pytest.raises(ValueError, match="area_code"):
        interpolate(mixed)


@settings(deadline=None)  # pandas per example: a busy machine once took 350 ms over the 200 ms default
@given(
    years=st.lists(st.integers(1990, 2100), min_size=2, max_size=6, unique=True).map(sorted),
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=6, max_size=6),
)
def test_interpolated_values_lie_on_the_segment_between_their_neighbours(years, values):
    frame = pd.DataFrame([point(str(y), v, "projected") for y, v in zip(years, values, strict=False)])
    filled = interpolate(frame)
    published = dict(zip(years, values, strict=False))
    assert len(filled) == sum(b - a - 1 for a, b in itertools.pairwise(years))
    for _, row in filled.iterrows():
        year = int(row["period"])
        before = max(y for y in years if y < year)
        after = min(y for y in years if y > year)
        low, high = sorted((published[before], published[after]))
        assert low - 1e-6 <= row["value"] <= high + 1e-6
        expected = published[before] + (published[after] - published[before]) * (year - before) / (after - before)
        assert row["value"] == pytest.approx(expected, abs=1e-6)
