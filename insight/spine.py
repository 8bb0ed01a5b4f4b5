"""Where the home area stands among England's local authorities on one figure, as Fingertips' spine chart shows it:
the spread of every authority's value (lowest, quartiles, highest), England's value, the statistical neighbours'
average and the home area's, with its rank by polarity (or by size where nobody declared which way is better).

Only where the release gives (nearly) every authority a figure for the period, and only for figures that can be
compared between areas (rates, shares, scores: never counts, which grow with an area's size).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from insight.format import format_value, ordinal

LOCAL_AUTHORITY = "Local authority"
COMPARABLE_UNITS = ("percent", "per_1000", "per_10000", "per_100000", "score")
MIN_AUTHORITIES = 100  # fewer than this is a cut of the country (a London-only file), not "England's authorities"


@dataclass(frozen=True)
class Spine:
    indicator_id: str
    title: str
    period: str
    unit: str
    unit_label: str | None
    polarity: str | None  # higher_is_better, lower_is_better, neutral or None (not declared)
    values: tuple[float, ...]  # every authority's value, sorted
    england: float | None
    neighbours: float | None  # the average of the home area's statistical neighbours that have a figure
    neighbours_counted: int
    home: float
    home_name: str
    rank: int  # 1 = best (by polarity) or highest (without one); ties share a rank

    @property
    def authorities(self) -> int:
        return len(self.values)

    @property
    def quartiles(self) -> tuple[float, float, float]:
        return tuple(float(q) for q in np.percentile(self.values, [25, 50, 75]))

    @property
    def judged(self) -> bool:
        return self.polarity in ("higher_is_better", "lower_is_better")

    def formatted(self, value: float, *, bare: bool = False) -> str:
        return format_value(value, self.unit, self.unit_label, short=True, bare=bare)

    @property
    def short_rank(self) -> str:
        """'112th best of 151' (or '112th highest of 151'), for a table cell."""
        return f"{ordinal(self.rank)} {'best' if self.judged else 'highest'} of {self.authorities}"

    @property
    def rank_words(self) -> str:
        """'12th best of 152 authorities', or '12th highest of 152' where nobody declared which way is better."""
        way = "best" if self.judged else "highest"
        return f"{ordinal(self.rank)} {way} of {self.authorities} authorities"

    @property
    def words(self) -> str:
        """Everything the picture shows, in a sentence (its alternative text)."""
        low, high = self.values[0], self.values[-1]
        parts = [f"{self.home_name} {self.formatted(self.home)} in {self.period}, {self.rank_words}"]
        if self.england is not None:
            parts.append(f"England {self.formatted(self.england)}")
        if self.neighbours is not None:
            parts.append(f"its statistical neighbours' average {self.formatted(self.neighbours)}")
        parts.append(f"authorities range from {self.formatted(low)} to {self.formatted(high)}")
        return "; ".join(parts) + "."


def spine(
    frame: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    home: str,
    country: str | None,
    neighbours: list[str],
    period: str | None = None,
) -> Spine | None:
    """The spine of one indicator's headline figures (`frame`: its observations in every area, enriched with title,
    unit, polarity) for `period` (default: the home area's newest), or None where it cannot be drawn."""
    rows = frame[(frame["breakdown"] == "all") & frame["value"].notna() & (frame["status"] != "suppressed")]
    mine = rows[rows["area_code"] == home]
    if mine.empty:
        return None
    current = mine.sort_values("period_end").iloc[-1] if period is None else mine[mine["period"] == period].iloc[-1]
    if current["unit"] not in COMPARABLE_UNITS:
        return None
    kinds = areas.set_index("area_code")["area_type"]
    same = rows[rows["period"] == current["period"]]
    # The home area is an authority whatever its curated kind ("London borough"); the others as releases name them.
    authorities = same[same["area_code"].map(kinds).eq(LOCAL_AUTHORITY) | (same["area_code"] == home)]
    if len(authorities) < MIN_AUTHORITIES or home not in set(authorities["area_code"]):
        return None
    values = authorities["value"].astype(float)
    home_value = float(current["value"])
    polarity = current.get("polarity") if isinstance(current.get("polarity"), str) else None
    better = values < home_value if polarity == "lower_is_better" else values > home_value
    england = same.loc[same["area_code"] == country, "value"]
    near = same[same["area_code"].isin(neighbours)]
    return Spine(
        indicator_id=str(current["indicator_id"]),
        title=str(current["title"]),
        period=str(current["period"]),
        unit=str(current["unit"]),
        unit_label=current.get("unit_label") if isinstance(current.get("unit_label"), str) else None,
        polarity=polarity,
        values=tuple(sorted(values)),
        england=float(england.iloc[0]) if len(england) else None,
        neighbours=float(near["value"].mean()) if len(near) else None,
        neighbours_counted=len(near),
        home=home_value,
        home_name=str(current["area_name"]),
        rank=int(better.sum()) + 1,
    )


def compared(spine_: Spine) -> str:
    """'England 518.3, neighbours 435.4': the comparators a spine draws, in the unit of the figure beside them."""
    parts = []
    if spine_.england is not None:
        parts.append(f"England {spine_.formatted(spine_.england, bare=True)}")
    if spine_.neighbours is not None:
        parts.append(f"neighbours {spine_.formatted(spine_.neighbours, bare=True)}")
    return ", ".join(parts)
