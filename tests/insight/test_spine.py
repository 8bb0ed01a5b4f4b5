"""Where the home area stands among England's authorities, on cases worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from insight.spine import spine

HOME, ENGLAND = "E09000006", "E92000001"


def frame(values: dict[str, float], *, unit="percent", polarity="lower_is_better", period="2023/24") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator_id": "x",
                "title": "X",
                "area_code": code,
                "area_name": code,
                "period": period,
                "period_end": pd.Timestamp("2024-03-31"),
                "breakdown": "all",
                "value": value,
                "status": "observed",
                "unit": unit,
                "unit_label": None,
                "polarity": polarity,
            }
            for code, value in values.items()
        ]
    )


def areas(codes) -> pd.DataFrame:
    kinds = [("Country" if c == ENGLAND else "London borough" if c == HOME else "Local authority") for c in codes]
    return pd.DataFrame({"area_code": list(codes), "area_type": kinds})


def authorities(n: int, home: float) -> dict[str, float]:
    """n - 1 other authorities valued 1, 2, ..., n - 1, the home area, and England at 10."""
    values = {f"E0600{k:04d}": float(k) for k in range(1, n)}
    return {**values, HOME: home, ENGLAND: 10.0}


def test_the_rank_counts_the_authorities_better_by_polarity_ties_sharing_it():
    values = authorities(120, 30.0)  # 29 others are below 30; lower is better: 30th best; one other ties at 30
    found = spine(frame(values), areas(values), home=HOME, country=ENGLAND, neighbours=["E06000001", "E06000003"])
    assert (found.rank, found.authorities, found.england) == (30, 120, 10.0)
    assert found.neighbours == 2.0 and found.neighbours_counted == 2  # (1 + 3) / 2
    assert found.rank_words == "30th best of 120 authorities"
    assert found.values[0] == 1.0 and found.values[-1] == 119.0


def test_higher_is_better_ranks_from_the_top_and_no_polarity_by_size_never_best():
    values = authorities(120, 30.0)
    higher = spine(frame(values, polarity="higher_is_better"), areas(values), home=HOME, country=ENGLAND, neighbours=[])
    undeclared = spine(frame(values, polarity=None), areas(values), home=HOME, country=ENGLAND, neighbours=[])
    assert higher.rank == 90  # 89 of 1..119 are above 30
    assert undeclared.rank == 90 and undeclared.rank_words == "90th highest of 120 authorities"
    assert not undeclared.judged and undeclared.neighbours is None


@pytest.mark.parametrize("unit", ["count", "gbp"])
def test_a_count_or_amount_is_not_placed_among_authorities(unit):
    values = authorities(120, 30.0)
    assert spine(frame(values, unit=unit), areas(values), home=HOME, country=ENGLAND, neighbours=[]) is None


def test_a_cut_of_the_country_is_not_englands_authorities():
    values = authorities(33, 30.0)  # London's boroughs only
    assert spine(frame(values), areas(values), home=HOME, country=ENGLAND, neighbours=[]) is None


def test_the_words_say_all_the_picture_shows():
    values = authorities(120, 30.0)
    found = spine(frame(values), areas(values), home=HOME, country=ENGLAND, neighbours=["E06000001"])
    assert found.words == (
        "E09000006 30% in 2023/24, 30th best of 120 authorities; England 10%; its statistical neighbours' average "
        "1%; authorities range from 1% to 119%."
    )
