"""The village arithmetic: largest remainder, its guarantees, its tie rule and its errors."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insight.village import AUDIT_COLUMNS, VillageCount, apportion, audit_table

PUBLISHED = {
    "White British": 62,
    "Black African": 8,
    "White other": 7,
    "White & Black Caribbean": 4,
    "White & Asian": 3,
    "Mixed other": 3,
    "Black Caribbean": 3,
    "Indian": 2,
    "Black other": 2,
    "Asian other": 2,
    "White & Black African": 1,
    "Another ethnic group": 1,
    "Chinese": 1,
    "Bangladeshi": 1,
}

share = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False).map(abs),
)
shares = st.lists(share, min_size=1, max_size=40).filter(lambda values: sum(values) > 0)
sizes = st.integers(min_value=1, max_value=500)


def counts(values: list[float], size: int) -> list[int]:
    return [v.count for v in apportion(dict(enumerate(values)), size)]


def exact_shares(values: list[float], size: int) -> list[Fraction]:
    """The exact shares, computed here independently of the module."""
    total = sum(Fraction(v) for v in values)
    return [Fraction(v) * size / total for v in values]


# --- properties -------------------------------------------------------------------------------------------------


@given(shares, sizes)
def test_the_children_add_up_to_the_village(values, size):
    assert sum(counts(values, size)) == size


@given(shares, sizes)
def test_each_count_is_the_floor_or_the_ceiling_of_its_exact_share(values, size):
    village = apportion(dict(enumerate(values)), size)
    for record, exact in zip(village, exact_shares(values, size), strict=True):
        assert record.count in (math.floor(exact), math.ceil(exact))
        assert abs(record.count - record.exact) < 1
        assert record.exact == pytest.approx(float(exact), rel=1e-12, abs=1e-12)
        assert record.remainder == pytest.approx(float(exact - math.floor(exact)), abs=1e-9)
        # <= 1, not < 1: a share below float precision of the total (1 against 1e-308) leaves a remainder
        # of 0.999... that only prints as 1.0; the seat itself was decided on the exact fraction.
        assert 0 <= record.remainder <= 1


@given(shares, sizes)
def test_a_group_with_no_share_gets_no_child(values, size):
    for value, count in zip(values, counts(values, size), strict=True):
        if value == 0:
            assert count == 0


@given(shares, sizes)
def test_a_larger_share_never_gets_fewer_children(values, size):
    result = counts(values, size)
    for a, share_a in enumerate(values):
        for b, share_b in enumerate(values):
            if share_a > share_b:
                assert result[a] >= result[b], (share_a, share_b, result[a], result[b])


@given(shares, sizes)
def test_rounded_says_how_the_count_was_made(values, size):
    village = apportion(dict(enumerate(values)), size)
    for record, exact in zip(village, exact_shares(values, size), strict=True):
        if exact.denominator == 1:
            assert record.rounded == "exact" and record.count == exact
        elif record.count > exact:
            assert record.rounded == "up"
        else:
            assert record.rounded == "down" and record.count < exact


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=40).filter(any), sizes)
def test_rounded_agrees_with_the_printed_count_and_exact_share(values, size):
    # With shares of ordinary precision, the floats in the records tell the same story as the exact fractions.
    for record in apportion(dict(enumerate(values)), size):
        expected = "exact" if record.exact.is_integer() else "up" if record.count > record.exact else "down"
        assert record.rounded == expected
        assert record.remainder == pytest.approx(record.exact - math.floor(record.exact))


@given(st.lists(share, min_size=1, max_size=30, unique=True).filter(lambda v: sum(v) > 0), sizes, st.randoms())
def test_reordering_distinct_shares_only_reorders_the_counts(values, size, random):
    order = list(range(len(values)))
    random.shuffle(order)
    before = dict(zip(range(len(values)), counts(values, size), strict=True))
    shuffled = apportion({i: values[i] for i in order}, size)
    assert [v.group for v in shuffled] == order  # the output keeps the input's order
    assert {v.group: v.count for v in shuffled} == before


@given(shares, sizes, st.randoms())
def test_reordering_tied_shares_keeps_the_same_counts_between_them(values, size, random):
    order = list(range(len(values)))
    random.shuffle(order)
    shuffled = apportion({i: values[i] for i in order}, size)
    assert sorted(v.count for v in shuffled) == sorted(counts(values, size))


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30).filter(any), sizes)
def test_the_scale_of_the_shares_does_not_matter(values, size):
    assert counts([v * 7 for v in values], size) == counts(values, size)
    assert counts([Fraction(v, 1000) for v in values], size) == counts(values, size)


@settings(max_examples=20)
@given(sizes)
def test_shares_that_are_already_whole_children_stay_as_they_are(size):
    values = [size // 3, size - size // 3]
    village = apportion(dict(enumerate(values)), size)
    assert [v.count for v in village] == values
    assert all(v.rounded == "exact" and v.remainder == 0 for v in village)


# --- worked examples --------------------------------------------------------------------------------------------


def test_three_equal_shares_give_the_spare_child_to_the_first():
    # 33 1/3 each: floors 33, 33, 33 leave one child; equal remainders and equal shares, so input order decides.
    village = apportion({"a": 1, "b": 1, "c": 1})
    assert [v.count for v in village] == [34, 33, 33]
    assert [v.rounded for v in village] == ["up", "down", "down"]
    assert village[0].exact == pytest.approx(100 / 3)
    assert village[0].remainder == pytest.approx(1 / 3)


def test_equal_remainders_go_to_the_larger_share_before_the_earlier_group():
    # Into 2: exact shares 0.5 and 1.5; floors 0 and 1 leave one child; remainders tie at 0.5, so the larger
    # exact share (1.5) takes it, whichever comes first.
    assert [v.count for v in apportion({"small": 1, "large": 3}, 2)] == [0, 2]
    assert [v.count for v in apportion({"large": 3, "small": 1}, 2)] == [2, 0]
    # With equal shares too, the earlier group takes it.
    assert [v.count for v in apportion({"a": 1, "b": 1}, 1)] == [1, 0]
    assert [v.count for v in apportion({"b": 1, "a": 1}, 1)] == [1, 0]


def test_the_published_village_stays_as_published():
    village = apportion(PUBLISHED)
    assert {v.group: v.count for v in village} == PUBLISHED
    assert [v.group for v in village] == list(PUBLISHED)
    assert all(v.rounded == "exact" for v in village)


def test_the_published_village_as_a_class_of_30():
    # By hand: exact shares are 0.3 x each count: 18.6, 2.4, 2.1, 1.2, 0.9, 0.9, 0.9, 0.6, 0.6, 0.6, 0.3, 0.3,
    # 0.3, 0.3. Floors 18, 2, 2, 1 and ten 0s add up to 23, leaving 7 children. The remainders .9 (White & Asian,
    # Mixed other, Black Caribbean) take 3; the four .6 (White British, Indian, Black other, Asian other) take the
    # other 4; the .4, .2, .1 and the four .3 get none.
    expected = {
        "White British": 19,
        "Black African": 2,
        "White other": 2,
        "White & Black Caribbean": 1,
        "White & Asian": 1,
        "Mixed other": 1,
        "Black Caribbean": 1,
        "Indian": 1,
        "Black other": 1,
        "Asian other": 1,
        "White & Black African": 0,
        "Another ethnic group": 0,
        "Chinese": 0,
        "Bangladeshi": 0,
    }
    village = apportion(PUBLISHED, 30)
    assert {v.group: v.count for v in village} == expected
    assert sum(expected.values()) == 30
    rounded = {v.group: v.rounded for v in village}
    assert rounded["White British"] == "up" and rounded["Black African"] == "down" and rounded["Chinese"] == "down"


def test_percentages_that_do_not_add_to_100_are_shared_out():
    # 23% of children in 2011, as a class of 30: 6.9 and 23.1 round to 7 and 23.
    assert [v.count for v in apportion({"minority": 23, "rest": 77}, 30)] == [7, 23]
    # Shares on any scale: 2 and 3 are 40% and 60%.
    assert [v.count for v in apportion({"a": 2, "b": 3})] == [40, 60]
    # A share written to two decimals: 61.73 and 38.27 of 100.
    village = apportion({"a": 61.73, "b": 38.27})
    assert [v.count for v in village] == [62, 38]
    assert village[0].exact == pytest.approx(61.73)


def test_floating_point_noise_does_not_decide_a_seat():
    # 0.1 + 0.2 + 0.7 is not exactly 1 in floating point; the counts still come out as 1, 2, 7.
    assert counts([0.1, 0.2, 0.7], 10) == [1, 2, 7]
    assert counts([10**30, 1, 1], 3) == [3, 0, 0]


def test_numbers_of_other_kinds_and_a_series_are_accepted():
    series = pd.Series({"a": np.int64(62), "b": np.float64(30), "c": 8})
    assert [v.count for v in apportion(series, 50)] == [31, 15, 4]
    assert [v.count for v in apportion({"a": Fraction(1, 3), "b": Fraction(2, 3)}, 3)] == [1, 2]
    assert [v.count for v in apportion({"a": 1}, np.int64(7))] == [7]


def test_records_are_frozen():
    record = apportion({"a": 1})[0]
    assert isinstance(record, VillageCount) and record == VillageCount("a", 100, 100.0, 0.0, "exact")
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.count = 3  # type: ignore[misc]


def test_the_audit_table_shows_how_each_count_was_made():
    table = audit_table(apportion({"a": 1, "b": 1, "c": 1}))
    assert list(table.columns) == AUDIT_COLUMNS
    assert table["group"].tolist() == ["a", "b", "c"]
    assert table["count"].tolist() == [34, 33, 33]
    assert table["rounded"].tolist() == ["up", "down", "down"]
    assert table["exact"].round(2).tolist() == [33.33, 33.33, 33.33]
    assert table["remainder"].round(2).tolist() == [0.33, 0.33, 0.33]
    assert str(table["count"].dtype) == "int64" and str(table["exact"].dtype) == "float64"


# --- errors -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"White British": 62, "Chinese": -1}, "the share of 'Chinese' is negative: -1"),
        ({"Indian": float("nan")}, r"the share of 'Indian' is missing \(NaN\)"),
        ({"Indian": np.nan, "a": 1}, r"the share of 'Indian' is missing \(NaN\)"),
        ({"a": 1, "Mixed other": float("inf")}, "the share of 'Mixed other' is infinite"),
        ({"a": 1, "b": "3"}, "the share of 'b' is not a number: '3'"),
        ({"a": None}, "the share of 'a' is not a number: None"),
        ({"a": True}, "the share of 'a' is not a number: True"),
        ({}, "there are no groups"),
        ({"a": 0, "b": 0.0}, "the shares add up to zero"),
    ],
)
def test_bad_shares_are_refused_with_a_clear_message(values, message):
    with pytest.raises(ValueError, match=message):
        apportion(values)


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (0, "at least 1, not 0"),
        (-5, "at least 1, not -5"),
        (2.5, "a whole number, not 2.5"),
        (100.0, "a whole number, not 100.0"),
        ("100", "a whole number, not '100'"),
        (True, "a whole number, not True"),
    ],
)
def test_a_bad_size_is_refused(size, message):
    with pytest.raises(ValueError, match=message):
        apportion({"a": 1}, size)


def test_a_group_named_twice_is_refused():
    with pytest.raises(ValueError, match="the group 'a' appears more than once"):
        apportion(pd.Series([1, 2], index=["a", "a"]))
