"""Period parsing: every form the strategy writes, its dates, and clear refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.periods import PeriodError, parse_period

years = st.integers(min_value=1900, max_value=2098)


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2021", "calendar_year", date(2021, 1, 1), date(2021, 12, 31)),
        ("2019/20", "financial_year", date(2019, 4, 1), date(2020, 3, 31)),
        ("1999/00", "financial_year", date(1999, 4, 1), date(2000, 3, 31)),
        ("2015-16", "academic_year", date(2015, 9, 1), date(2016, 8, 31)),
        ("2018-20", "pooled_years", date(2018, 1, 1), date(2020, 12, 31)),
        ("2015-17", "pooled_years", date(2015, 1, 1), date(2017, 12, 31)),
        ("June 2019", "month", date(2019, 6, 1), date(2019, 6, 30)),
        ("2014 to 2019", "span", date(2014, 1, 1), date(2019, 12, 31)),
        ("2014 and 2019", "span", date(2014, 1, 1), date(2019, 12, 31)),
        ("2017/18 to 2020/21", "span", date(2017, 4, 1), date(2021, 3, 31)),
        ("June 2019 to May 2020", "span", date(2019, 6, 1), date(2020, 5, 31)),
        ("since 2012/13", "since", date(2012, 4, 1), None),
        ("current", "undated", None, None),
        ("not stated", "undated", None, None),
        ("20 years earlier", "undated", None, None),
        ("next 20 years", "undated", None, None),
    ],
)
def test_parses_each_published_form(label, kind, start, end):
    period = parse_period(label)
    assert (period.label, period.kind, period.start, period.end) == (label, kind, start, end)


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("2019/21", "is not a financial year"),
        ("2019-35", "neither an academic year"),
        ("Q3 2016", "is not a period I can read"),
        ("2019 to 2011", "runs backwards"),
        ("2019 to 2019", "runs backwards"),
        (" 2019", "spaces around it"),
        ("", "is empty"),
        ("Smarch 2019", "is not a period I can read"),
        ("30 years ago", "is not a period I can read"),
    ],
)
def test_refuses_what_it_cannot_read(label, reason):
    with pytest.raises(PeriodError, match=reason):
        parse_period(label)


@given(years)
def test_a_calendar_year_is_the_whole_year(year):
    period = parse_period(str(year))
    assert period.start == date(year, 1, 1)
    assert period.end + timedelta(days=1) == date(year + 1, 1, 1)


@given(years)
def test_a_financial_year_runs_april_to_march(year):
    period = parse_period(f"{year}/{(year + 1) % 100:02d}")
    assert period.kind == "financial_year"
    assert (period.start, period.end + timedelta(days=1)) == (date(year, 4, 1), date(year + 1, 4, 1))


@given(years)
def test_an_academic_year_runs_september_to_august(year):
    period = parse_period(f"{year}-{(year + 1) % 100:02d}")
    assert period.kind == "academic_year"
    assert (period.start, period.end + timedelta(days=1)) == (date(year, 9, 1), date(year + 1, 9, 1))


@given(years, st.integers(min_value=2, max_value=10))
def test_pooled_years_cover_every_year_pooled(year, length):
    last = year + length
    period = parse_period(f"{year}-{last % 100:02d}")
    assert period.kind == "pooled_years"
    assert (period.start, period.end) == (date(year, 1, 1), date(last, 12, 31))


@given(years, years)
def test_a_span_runs_from_the_start_of_the_first_to_the_end_of_the_last(first, last):
    label = f"{first} to {last}"
    if first >= last:
        with pytest.raises(PeriodError):
            parse_period(label)
    else:
        period = parse_period(label)
        assert (period.start, period.end) == (date(first, 1, 1), date(last, 12, 31))
        assert period.start < period.end
