"""Tracing a figure to the text: numbers as written, quotes in their sections."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.strategy.provenance import StrategyText, decimals_written, normalise, numbers_in, value_text_problem

TEXT = """Welcome

Our borough

There are approximately 330,000 people living
in our borough. 8.3% of households do not have an adult in paid employment.

Cost

In Bromley, this figure was calculated as £83 million per year – or £256 per person."""
MARKERS = {
    "welcome": ("Welcome", "Welcome"),
    "borough": ("Our borough", "Our borough"),
    "cost": ("Cost", "Cost In Bromley"),
}


@pytest.mark.parametrize(
    ("written", "numbers"),
    [
        ("73,400", [73400]),
        ("8.3%", [8.3]),
        ("£787", [787]),
        ("£83 million", [83e6]),
        ("Nearly £17 billion", [17e9]),
        ("under 350", [350]),
        ("250-300", [250, 300]),
        ("between just over 800 and just under 950", [800, 950]),
        ("4th", [4]),
        ("third", [3]),
        ("Six", [6]),
        ("15,000+", [15000]),
        ("2.0", [2.0]),
        ("no figure", []),
    ],
)
def test_numbers_are_read_as_written(written, numbers):
    assert numbers_in(written) == numbers


@given(st.integers(min_value=0, max_value=10**12))
def test_any_grouped_integer_reads_back(number):
    assert numbers_in(f"{number:,}") == [number]


@given(st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False))
def test_any_one_decimal_percentage_reads_back(number):
    assert numbers_in(f"{number}%") == [float(number)]
    assert decimals_written(f"{number}%") == 1


def test_whitespace_runs_collapse_but_characters_do_not():
    assert normalise("a\n\n  b\tc ") == "a b c"


def test_a_quote_across_a_line_break_is_found_in_its_section():
    text = StrategyText(TEXT, MARKERS)
    assert text.quote_problem("There are approximately 330,000 people living in our borough.", "borough") is None


def test_a_quote_outside_its_section_is_refused():
    text = StrategyText(TEXT, MARKERS)
    assert "not in its section" in text.quote_problem("8.3% of households", "cost")


def test_a_changed_character_is_refused():
    text = StrategyText(TEXT, MARKERS)
    problem = text.quote_problem("In Bromley, this figure was calculated as £83 million per year - or £256", "cost")
    assert problem.startswith("the quote is not in the strategy text")


def test_a_quote_written_over_two_lines_is_refused():
    text = StrategyText(TEXT, MARKERS)
    assert "line breaks" in text.quote_problem("There are approximately\n330,000 people", "borough")


def test_a_marker_that_repeats_is_refused():
    with pytest.raises(ValueError, match='marker "Our borough" occurs 2 times'):
        StrategyText(TEXT + "\nOur borough", MARKERS)


@pytest.mark.parametrize(
    ("written", "quote", "values", "problem"),
    [
        ("8.3%", "8.3% of households", [8.3], None),
        ("£83 million", "as £83 million per year", [83e6], None),
        ("9%", "decrease by 9% in 2031", [-9], None),
        ("250-300", "between 250-300 children", [250, 300], None),
        ("8.3%", "8.3% of households", [8.4], "says 8.3 but the row holds 8.4"),
        ("£83m", "as £83 million per year", [83e6], "is not in the quote"),
        ("250-300", "between 250-300 children", [250], "says 250, 300 but the row holds 250"),
    ],
)
def test_value_as_written_must_state_the_value(written, quote, values, problem):
    found = value_text_problem(written, quote, values)
    assert found == problem if problem is None else problem in found
