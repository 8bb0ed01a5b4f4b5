"""Parse the periods the strategy writes ("2019/20", "2015-16", "2018-20", "2014 to 2019") into dates.

Every period becomes a start and an end date so that financial years, academic years and pooled years can
share one time axis. Periods the text leaves undated ("current", "20 years earlier") are accepted from a
closed list and carry no dates: they are kept, never guessed.

    calendar year    2021            1 Jan 2021 - 31 Dec 2021
    financial year   2019/20         1 Apr 2019 - 31 Mar 2020
    academic year    2015-16         1 Sep 2015 - 31 Aug 2016
    pooled years     2018-20         1 Jan 2018 - 31 Dec 2020  (here three years pooled, as Fingertips does)
    month            June 2019       1 Jun 2019 - 30 Jun 2019
    span             A to B, A and B start of A - end of B  ("2014 to 2019", "2017/18 to 2020/21")
    open span        since A         start of A - no end
    undated          current, not stated, N years earlier/later, past/next N years
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

KINDS = ("calendar_year", "financial_year", "academic_year", "pooled_years", "month", "span", "since", "undated")
MAX_POOLED_YEARS = 10

_YEAR = re.compile(r"^(\d{4})$")
_SLASH = re.compile(r"^(\d{4})/(\d{2})$")
_DASH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTH = re.compile(r"^([A-Za-z]+) (\d{4})$")
_SPAN = re.compile(r"^(.+?) (?:to|and) (.+)$")
_SINCE = re.compile(r"^since (.+)$")
_UNDATED = re.compile(r"^(current|not stated|\d+ years (?:earlier|later)|(?:past|next) \d+ years)$")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


class PeriodError(ValueError):
    """A period the parser cannot read; the message says what forms it accepts."""


@dataclass(frozen=True)
class Period:
    label: str
    kind: str
    start: date | None
    end: date | None


def parse_period(label: str) -> Period:
    """Parse one period label; raise PeriodError naming the label and the accepted forms."""
    text = label.strip()
    if text != label or not text:
        raise PeriodError(f'"{label}" has spaces around it or is empty')
    if _UNDATED.match(text):
        return Period(text, "undated", None, None)
    if match := _SINCE.match(text):
        first = _single(match.group(1), label)
        return Period(text, "since", first.start, None)
    if match := _SPAN.match(text):
        first, last = _single(match.group(1), label), _single(match.group(2), label)
        if first.start >= last.start:
            raise PeriodError(f'"{label}" runs backwards: "{first.label}" must come before "{last.label}"')
        return Period(text, "span", first.start, last.end)
    return _single(text, label)


def _single(text: str, label: str) -> Period:
    if match := _YEAR.match(text):
        year = int(match.group(1))
        return Period(text, "calendar_year", date(year, 1, 1), date(year, 12, 31))
    if match := _SLASH.match(text):
        year = int(match.group(1))
        if _following(year, match.group(2)) != year + 1:
            raise PeriodError(f'"{label}" is not a financial year: the second year must be the one after {year}')
        return Period(text, "financial_year", date(year, 4, 1), date(year + 1, 3, 31))
    if match := _DASH.match(text):
        year = int(match.group(1))
        last = _following(year, match.group(2))
        if last == year + 1:
            return Period(text, "academic_year", date(year, 9, 1), date(last, 8, 31))
        if year + 1 < last <= year + MAX_POOLED_YEARS:
            return Period(text, "pooled_years", date(year, 1, 1), date(last, 12, 31))
        raise PeriodError(f'"{label}" is neither an academic year (2015-16) nor pooled years (2018-20)')
    if (match := _MONTH.match(text)) and match.group(1).lower() in _MONTHS:
        year, month = int(match.group(2)), _MONTHS[match.group(1).lower()]
        return Period(text, "month", date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
    raise PeriodError(
        f'"{label}" is not a period I can read; use a year (2021), financial year (2019/20), academic year '
        "(2015-16), pooled years (2018-20), a span (2014 to 2019), since 2012/13, or current / not stated"
    )


def _following(year: int, two_digits: str) -> int:
    """The full year that a two-digit suffix names, the first one after `year` ("2019/20" -> 2020, "1999/00" -> 2000)."""
    candidate = year - year % 100 + int(two_digits)
    return candidate if candidate > year else candidate + 100
