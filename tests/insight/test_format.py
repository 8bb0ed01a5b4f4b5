"""Numbers as people read them, one rule per unit and status."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insight.format import format_observation, format_value, ordinal, period_phrase
from loaders.strategy.provenance import numbers_in


@pytest.mark.parametrize(
    ("value", "unit", "label", "expected"),
    [
        (330_000, "count", None, "330,000"),
        (13, "percent", None, "13%"),
        (8.3, "percent", None, "8.3%"),
        (787, "gbp_per_week", None, "£787 a week"),
        (9.8, "per_1000", "per 1,000 aged under 18", "9.8 per 1,000 aged under 18"),
        (3.0, "per_1000", "per 1,000 live births", "3.0 per 1,000 live births"),
        (83_000_000, "gbp", None, "£83 million"),
        (17_000_000_000, "gbp", None, "£17 billion"),
        (256, "gbp", None, "£256"),
        (4, "rank", "of 33 London boroughs", "4th"),
        (3, "rank", None, "3rd"),
        (-9, "percent_change", None, "-9%"),
        (12, "percent_change", None, "+12%"),
        (5, "percentage_points", None, "5 percentage points"),
        (1, "percentage_points", None, "1 percentage point"),
        (50.8, "score", "points", "50.8"),
    ],
)
def test_each_unit_is_written_as_people_read_it(value, unit, label, expected):
    assert format_value(value, unit, label) == expected


def test_short_and_bare_forms_for_tight_spaces():
    assert format_value(9.8, "per_1000", "per 1,000 aged under 18", short=True) == "9.8 per 1,000"
    assert format_value(9.8, "per_1000", "per 1,000 aged under 18", bare=True) == "9.8"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"unit": "count", "status": "range", "lower": 800.0, "upper": 950.0, "value": None}, "800 to 950"),
        ({"unit": "count", "status": "upper_bound", "value": 350.0}, "under 350"),
        ({"unit": "count", "status": "lower_bound", "value": 97_000.0}, "more than 97,000"),
        ({"unit": "count", "status": "approximate", "value": 3_800.0}, "about 3,800"),
        ({"unit": "percent", "status": "projected", "value": 18.0}, "18%"),
    ],
)
def test_status_is_said_in_words(row, expected):
    assert format_observation(row) == expected


@given(st.integers(min_value=0, max_value=10**9))
def test_a_formatted_count_reads_back_as_the_same_number(number):
    assert numbers_in(format_value(number, "count")) == [number]


@given(st.integers(min_value=1, max_value=10_000))
def test_ordinals(number):
    written = ordinal(number)
    assert written.startswith(str(number)) and written[-2:] in {"st", "nd", "rd", "th"}
    if number % 100 in (11, 12, 13):
        assert written.endswith("th")


def test_periods_in_words():
    assert period_phrase({"period": "2019/20", "period_type": "financial_year"}) == "in 2019/20"
    assert period_phrase({"period": "2018-20", "period_type": "pooled_years"}) == "in 2018-20 (three years pooled)"
    assert period_phrase({"period": "2015-19", "period_type": "pooled_years"}) == "in 2015-19 (five years pooled)"
    assert period_phrase({"period": "1999-01", "period_type": "pooled_years"}) == "in 1999-01 (three years pooled)"
    assert period_phrase({"period": "2018 pool", "period_type": "pooled_years"}) == "in 2018 pool (pooled years)"
    assert period_phrase({"period": "current", "period_type": "undated"}) == "at the time of writing (no year given)"


def approximate_figures() -> list[dict[str, str]]:
    """Every figure the strategy gives roughly, as curated (data/sources/*.csv)."""
    import csv

    from loaders.paths import DEFAULT

    rows = []
    for path in sorted((DEFAULT.data / "sources").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows += [row for row in csv.DictReader(handle) if row.get("status") == "approximate"]
    return rows


@pytest.mark.parametrize("row", approximate_figures(), ids=lambda row: row["value_text"])
def test_an_approximate_figure_keeps_the_strategys_word_for_which_side_it_lies(row):
    """ "just over 4,500" and "nearly £17 billion" say which side of the figure the truth lies: never "about"."""
    written = row["value_text"].strip()
    text = format_observation({"value": float(row["value"]), "unit": row["unit"], "status": "approximate",
                               "value_text": written})  # fmt: skip
    first = written.split()[0].lower()
    if first in ("just", "nearly", "almost", "over", "under", "more", "less"):
        assert text.lower().startswith(
            " ".join(written.lower().split()[: 2 if first in ("just", "more", "less") else 1])
        )
    else:
        assert text.startswith("about "), text
    assert text.endswith(format_value(float(row["value"]), row["unit"])), text


def test_the_sided_words_of_the_strategy_are_among_its_approximate_figures():
    words = {row["value_text"].split()[0].lower() for row in approximate_figures()}
    assert {"just", "nearly", "almost"} <= words, "the test above would not see a sided word"
