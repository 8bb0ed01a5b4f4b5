"""How a figure compares: with the strategy's figure it supersedes, with England by the publisher's own
confidence intervals, and with the other authorities by rank. Pure arithmetic, worked out by hand in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from insight.facts import judge
from insight.format import RATE_BASES, format_value, ordinal

PERCENTAGES = ("percent",)
RATES = tuple(RATE_BASES)
FINGERTIPS_METHOD = (
    "compared with England by the publisher's 95% confidence interval (the Fingertips method): higher or lower "
    "where the whole interval is above or below England's value, similar where it overlaps it"
)


@dataclass(frozen=True)
class Change:
    """The change from one figure to another, in the unit that reads right."""

    difference: float  # later minus earlier, in the figures' unit (percentage points for percentages)
    unit: str  # the unit of `difference`: percentage_points for percentages, else the figures' unit
    relative: float | None  # percent change, for counts and amounts only (never of a percentage or a rate)
    words: str  # "up 4 percentage points", "down 7 (17.1%)"
    verdict: str  # better, worse or neither better nor worse, by polarity


def change(earlier: float, later: float, unit: str, polarity: str) -> Change:
    """From `earlier` to `later`: percentages change by percentage points, rates by their own unit, counts and
    amounts by both the difference and the percent change."""
    difference = later - earlier
    shown_unit = "percentage_points" if unit in PERCENTAGES else unit
    relative = None if unit in PERCENTAGES + RATES or earlier == 0 else difference / earlier * 100
    direction = "up" if difference > 0 else "down" if difference < 0 else "no change:"
    size = format_value(abs(difference), shown_unit, short=False)
    words = f"{direction} {size}" + (f" ({abs(relative):.1f}%)" if relative is not None and difference else "")
    return Change(difference, shown_unit, relative, words, judge(difference, polarity))


@dataclass(frozen=True)
class Significance:
    """An area against England by the publisher's confidence interval."""

    position: str  # higher, similar, lower, or not compared
    verdict: str  # better, similar, worse, or not compared
    method: str  # the method, in words


def against_england(value: float | None, lower: float | None, upper: float | None, england: float | None,
                    polarity: str) -> Significance:  # fmt: skip
    """The Fingertips method: the area's 95% interval wholly above England's value is higher, wholly below is
    lower, overlapping it is similar; better or worse by the indicator's polarity. Without an interval, a value,
    England's value or a polarity, it is not compared: a difference is never called significant without one."""
    if any(_missing(x) for x in (value, lower, upper, england)):
        return Significance("not compared", "not compared", "not compared: no confidence interval is published")
    position = "higher" if lower > england else "lower" if upper < england else "similar"
    if position == "similar":
        return Significance(position, "similar", FINGERTIPS_METHOD)
    if polarity not in ("higher_is_better", "lower_is_better"):
        return Significance(position, "not compared", FINGERTIPS_METHOD + "; neither higher nor lower is better")
    better = (position == "higher") == (polarity == "higher_is_better")
    return Significance(position, "better" if better else "worse", FINGERTIPS_METHOD)


@dataclass(frozen=True)
class Rank:
    """An area's place among others: 1 is the best by polarity (the highest where no side is better)."""

    position: int | None  # None when the area has no figure
    of: int  # areas with a figure
    tied: int  # how many areas share the position (1 when none)
    missing: int  # areas in the group without a figure
    words: str  # "3rd of 32 (tied with 1 other); 1 without a figure"


def rank(values: Mapping[str, float | None], area: str, polarity: str) -> Rank:
    """Standard competition ranking (1, 2, 2, 4): tied areas share the better position; areas without a figure
    are left out and counted."""
    known = {code: v for code, v in values.items() if not _missing(v)}
    missing = len(values) - len(known)
    if area not in known:
        words = f"no figure, among {len(known)} areas with one" + (f"; {missing} without" if missing > 1 else "")
        return Rank(None, len(known), 0, missing, words)
    mine = known[area]
    lower_first = polarity == "lower_is_better"
    ahead = sum(1 for v in known.values() if (v < mine if lower_first else v > mine))
    tied = sum(1 for v in known.values() if v == mine)
    position = ahead + 1
    words = f"{ordinal(position)} of {len(known)}"
    if tied > 1:
        words += f" (tied with {tied - 1} other{'s' if tied > 2 else ''})"
    if missing:
        words += f"; {missing} without a figure"
    return Rank(position, len(known), tied, missing, words)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
