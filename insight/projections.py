"""Years between published projections, filled in on a straight line so a chart can mark them apart.

The strategy gives projections for a few years only (2031, 2041). A reader looking for 2026 finds nothing, so
`interpolate` offers the years between, drawn apart from the published points and never stored with them.
Only whole calendar years between two calendar-year figures, the later one projected, are filled: an undated
figure ("current", "20 years later") or a financial year has no place on that line, and no year is invented.
"""

from __future__ import annotations

import itertools

import pandas as pd

from insight.format import format_value

METHOD = "straight-line interpolation between published points"
STATUS = "interpolated"

# What belongs to the published figure itself (where it was written, what it was written as, its interval),
# so it is emptied on a year that nobody published.
PROVENANCE = [
    "quote",
    "section",
    "section_id",
    "value_text",
    "note",
    "lower",
    "upper",
    "curated_file",
    "curated_line",
    "period_as_published",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "count",
    "denominator",
    "value_note",
    "suppression",
    "suppression_meaning",
    "comparison",
    "compared_with",
    "release_format",
    "release_dataset",
    "release_period",
    "release_file",
    "release_sha256",
    "release_line",
]
# Figures that are a bound or a range have no single value to draw a line from.
NOT_A_POINT = ("range", "upper_bound", "lower_bound", "suppressed", "target", STATUS)
SERIES_KEY = ["indicator_id", "area_code", "breakdown"]


def interpolate(series: pd.DataFrame) -> pd.DataFrame:
    """The years strictly between two consecutive dated figures of one series, where both are calendar years
    and the later is projected, on a straight line between them: only the new rows, status "interpolated".

    Every column is copied from the earlier figure but its provenance (emptied) and `formula`, which names the
    method and both figures. A year published twice (two sources) is ambiguous, so no line touches it.
    """
    mixed = [c for c in SERIES_KEY if c in series and series[c].nunique(dropna=False) > 1]
    if mixed:
        raise ValueError(f"interpolate takes one series; these columns vary: {', '.join(mixed)}")
    dated = series[series["period_start"].notna()].copy()
    dated["_start"] = pd.to_datetime(dated["period_start"])
    dated = dated.sort_values("_start", kind="stable")
    twice = set(dated.loc[dated["_start"].duplicated(keep=False), "_start"])
    rows = []
    for (_, before), (_, after) in itertools.pairwise(dated.iterrows()):
        if _joins(before, after) and before["_start"] not in twice and after["_start"] not in twice:
            rows.extend(_between(before, after))
    if not rows:  # the same columns as a filled frame, so callers can concatenate either
        return series.iloc[0:0].assign(formula=pd.Series(dtype=object), method=pd.Series(dtype=object))
    frame = pd.DataFrame(rows).drop(columns="_start")
    return frame[[c for c in series.columns if c in frame] + [c for c in frame if c not in series]].reset_index(
        drop=True
    )


def _joins(before: pd.Series, after: pd.Series) -> bool:
    """Two figures a straight line may join: calendar years with values, the later one projected."""
    return (
        after["status"] == "projected"
        and all(r["period_type"] == "calendar_year" and _year(r) is not None for r in (before, after))
        and not any(r["status"] in NOT_A_POINT or pd.isna(r["value"]) for r in (before, after))
    )


def _year(row: pd.Series) -> int | None:
    """The row's calendar year, only when its period says so in full ("2021"), never guessed."""
    period = str(row["period"]).strip()
    return int(period) if period.isdigit() and len(period) == 4 else None


def _between(before: pd.Series, after: pd.Series) -> list[dict]:
    start, end = _year(before), _year(after)
    formula = f"straight-line interpolation between {start} ({_written(before)}) and {end} ({_written(after)})"
    rows = []
    for year in range(start + 1, end):
        row = before.to_dict()
        row.update({column: None for column in PROVENANCE if column in row})
        first, last = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        row.update(
            period=str(year),
            period_start=_like(before["period_start"], first),
            period_end=_like(before["period_end"], last),
            value=before["value"] + (after["value"] - before["value"]) * (year - start) / (end - start),
            status=STATUS,
            formula=formula,
            method=METHOD,
        )
        if "x" in row:  # the middle of the year, as insight.frames.enrich places every period
            row["x"] = first + (last - first) / 2
        rows.append(row)
    return rows


def _written(row: pd.Series) -> str:
    return format_value(row["value"], row["unit"], row.get("unit_label"))


def _like(template, stamp: pd.Timestamp):
    """A date in the form the frame keeps them: a date, a timestamp or text."""
    if isinstance(template, str):
        return stamp.date().isoformat()
    if isinstance(template, pd.Timestamp):
        return stamp
    return stamp.date()
