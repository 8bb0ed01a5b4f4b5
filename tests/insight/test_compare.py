"""Comparisons worked out by hand: changes in the right unit, the Fingertips significance rule, ranks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insight.compare import against_england, change, rank


def test_a_share_changes_by_percentage_points_never_a_percent_change():
    # 14% to 20% of referrals: up 6 percentage points (a percent change would say 42.9%: not given).
    moved = change(14, 20, "percent", "lower_is_better")
    assert (moved.difference, moved.unit, moved.relative) == (6, "percentage_points", None)
    assert moved.words == "up 6 percentage points" and moved.verdict == "worse"


def test_a_count_changes_by_its_difference_and_percent():
    # The strategy's own example: CAFs 709 to 588 is a fall of 121, 17.1% (it says 21%).
    moved = change(709, 588, "count", "neutral")
    assert (moved.difference, round(moved.relative, 1)) == (-121, -17.1)
    assert moved.words == "down 121 (17.1%)" and moved.verdict == "neither better nor worse"


def test_a_rate_changes_in_its_own_unit():
    moved = change(48, 47, "per_10000", "lower_is_better")
    assert (moved.difference, moved.unit, moved.relative, moved.verdict) == (-1, "per_10000", None, "better")
    assert moved.words == "down 1.0 per 10,000"


@pytest.mark.parametrize(
    ("lower", "upper", "polarity", "position", "verdict"),
    [
        (110, 120, "lower_is_better", "higher", "worse"),  # the whole interval above England's 100
        (95, 105, "lower_is_better", "similar", "similar"),  # across it
        (80, 90, "lower_is_better", "lower", "better"),  # below it
        (80, 90, "higher_is_better", "lower", "worse"),
        (110, 120, "neutral", "higher", "not compared"),
        (100, 120, "lower_is_better", "similar", "similar"),  # touching England's value is overlapping it
    ],
)
def test_the_fingertips_method_by_interval_and_polarity(lower, upper, polarity, position, verdict):
    found = against_england((lower + upper) / 2, lower, upper, 100, polarity)
    assert (found.position, found.verdict) == (position, verdict)
    assert "95% confidence interval" in found.method


def test_without_an_interval_nothing_is_called_significant():
    found = against_england(150, None, None, 100, "lower_is_better")
    assert (found.position, found.verdict) == ("not compared", "not compared")
    assert "no confidence interval" in found.method


def test_ranks_share_a_tie_and_count_the_missing():
    values = {"a": 10.0, "b": 20.0, "c": 20.0, "d": 30.0, "e": None}
    assert rank(values, "b", "higher_is_better").words == "2nd of 4 (tied with 1 other); 1 without a figure"
    assert rank(values, "d", "higher_is_better").position == 1
    assert rank(values, "a", "lower_is_better").position == 1  # lower is better: the lowest is first
    assert rank(values, "d", "lower_is_better").position == 4
    gone = rank(values, "e", "higher_is_better")
    assert (gone.position, gone.of, gone.missing) == (None, 4, 1)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 50).map(float), min_size=1, max_size=20))
def test_a_rank_is_between_first_and_last_and_ties_share_it(values):
    for area in values:
        found = rank(values, area, "higher_is_better")
        assert 1 <= found.position <= found.of == len(values)
        same = [a for a in values if values[a] == values[area]]
        assert {rank(values, a, "higher_is_better").position for a in same} == {found.position}
