"""Numbers as people read them: 330,000 · 13% · £787 a week · 9.8 per 1,000 aged under 18 · under 350.

One place for every unit and every status, so a card, a chart label and a download never disagree.
"""

from __future__ import annotations

import math
import re

import humanize
import pandas as pd

# The rates' units and the population each is counted per: declared here once; labels, comparisons and charts
# take their words from it.
RATE_BASES = {"per_1000": 1_000, "per_10000": 10_000, "per_100000": 100_000}


def per_base(unit: str) -> str:
    """A rate unit's base in words: "per 10,000"."""
    return f"per {RATE_BASES[unit]:,}"


STATUS_WORDS = {
    "projected": "projected",
    "estimate": "estimate",
    "approximate": "approximate",
    "range": "range",
    "upper_bound": "upper bound",
    "lower_bound": "lower bound",
    "derived": "derived, not published",
    "target": "target",
    "observed": "published",
    "suppressed": "not published (suppressed)",
    "interpolated": "interpolated (straight line between published points)",
}


def _plain(value: float, decimals: int | None = None) -> str:
    """Thousands separators; decimals only where the value has them (50.8, 8.3, 330,000)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    return f"{value:,.{decimals}f}"


def ordinal(number: float) -> str:
    """1st, 2nd, 11th, 112th (humanize's, which knows the teens)."""
    return humanize.ordinal(int(number))


def money(value: float) -> str:
    """£256 · £83 million · £17 billion."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"£{_plain(value / 1e9)} billion"
    if magnitude >= 1e6:
        return f"£{_plain(value / 1e6)} million"
    return f"£{_plain(value)}"


def format_value(
    value: float,
    unit: str,
    unit_label: str | None = None,
    *,
    short: bool = False,
    signed: bool = False,
    bare: bool = False,
    rate_decimals: int = 1,
) -> str:
    """A value in its unit. `short` leaves out the rate's population (9.8 per 1,000) for tight spaces, `bare`
    the whole rate unit (9.8) beside an axis that names it; `signed` writes + before a rise (changes are
    signed; levels and gaps are not)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not published"
    label = unit_label if isinstance(unit_label, str) and unit_label else ""
    sign = "+" if signed and value > 0 else ""
    if unit == "count":
        return sign + _plain(value)
    if unit == "percent":
        return f"{_plain(value)}%"
    if unit == "percent_change":
        return f"{'+' if value > 0 else ''}{_plain(value)}%"
    if unit == "percentage_points":
        words = "pts" if short else "percentage point" if abs(value) == 1 else "percentage points"
        return f"{sign}{_plain(value)} {words}"
    if unit in RATE_BASES:
        written = label if label.startswith("per ") and not short else per_base(unit)
        # Rates are read to the decimal places they are published with: the strategy's to one (3.0, not 3), the
        # DfE's whole numbers (47).
        return f"{sign}{_plain(value, rate_decimals)}" + ("" if bare else f" {written}")
    if unit == "score":
        return sign + _plain(value)
    if unit == "number":  # shown as published, with what it counts where that is declared
        return sign + _plain(value) + (f" {label}" if label and not bare and not short else "")
    if unit == "gbp":
        return money(value)
    if unit == "gbp_per_week":
        return money(value) if bare else f"{money(value)} a week"
    if unit == "rank":
        return ordinal(value)
    if unit == "index":  # the explorer's series indexed to 100 at a base period
        return sign + _plain(round(value, 1))
    raise ValueError(f"unknown unit {unit!r}")


def format_observation(row: dict | pd.Series, *, short: bool = False, bare: bool = False) -> str:
    """A published figure with its status in words: about 3,800 · under 350 · 800 to 950 · more than 97,000."""
    unit, label = row["unit"], row.get("unit_label")
    status = row["status"]
    if status == "range":
        low = format_value(row["lower"], unit, label, short=True, bare=True)
        return f"{low} to {format_value(row['upper'], unit, label, short=short, bare=bare)}"
    whole_release = row.get("source_kind") == "release" and _is_whole(row["value"])
    value = format_value(
        row["value"],
        unit,
        label,
        short=short,
        signed=row.get("measure") == "change",
        bare=bare,
        rate_decimals=0 if whole_release else 1,
    )
    if status == "upper_bound":
        return f"under {value}"
    if status == "lower_bound":
        return f"more than {value}"
    if status == "approximate":
        return f"{approximately(row)} {value}"
    return value


# The strategy's own words for a figure it gives roughly, where they say which side of it the truth lies ("just
# over 4,500" is not "about 4,500"); any other ("around", "approximately") is written "about".
SIDED = re.compile(r"^\s*(just over|just under|nearly|almost|over|under|more than|less than)\b", re.IGNORECASE)


def approximately(row: dict | pd.Series) -> str:
    """How to say an approximate figure: the strategy's own sided word ("just over", "nearly"), else "about"."""
    written = row.get("value_text", row.get("value_as_written"))
    side = SIDED.match(written) if isinstance(written, str) else None
    return side[1].lower() if side else "about"


def _is_whole(value) -> bool:
    return isinstance(value, int | float) and not math.isnan(value) and float(value).is_integer()


def period_phrase(row: dict | pd.Series) -> str:
    """The period in words for a caption: 'in 2019/20', 'in 2018-20 (three years pooled)', 'at the time of
    writing (no year given)'. Pooled years are counted from the label: 2018-20 is three, 2015-19 five."""
    period, kind = row["period"], row["period_type"]
    if kind == "undated":
        return {"current": "at the time of writing (no year given)", "not stated": "year not stated"}.get(
            period, period
        )
    if kind == "pooled_years":
        first, _, last = period.partition("-")
        if not (len(first) == 4 and first.isdigit() and len(last) == 2 and last.isdigit()):
            return f"in {period} (pooled years)"
        start = int(first)
        end = start - start % 100 + int(last)
        years = end - start + 1 if end > start else end + 100 - start + 1  # 1999-01 runs into the next century
        words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
        return f"in {period} ({words.get(years, str(years))} years pooled)"
    if kind in ("span", "since"):
        return period
    return f"in {period}"
