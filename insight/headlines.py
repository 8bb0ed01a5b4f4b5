"""Headline cards: the latest figure, its direction of travel in words, and whether that is good or bad.

"Better" and "worse" come from the indicator's polarity (more referrals to social care is not good news);
a neutral indicator gets a direction but no verdict. Comparators are the same figure for other areas.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.format import format_observation, format_value, period_phrase

BROMLEY = "E09000006"
VERDICT_COLOURS = {"better": "blue", "worse": "orange", None: "gray"}  # blue/orange: colour-blind safe


@dataclass(frozen=True)
class Headline:
    indicator_id: str
    title: str
    value: str
    period: str
    delta: str | None
    change: str  # the direction of travel and its verdict, in words
    delta_colour: str
    delta_arrow: str
    verdict: str | None
    comparators: str | None
    meaning: str
    definition: str
    quote: str
    page: str


def latest(rows: pd.DataFrame) -> pd.Series:
    """The most recent published figure: dated periods by their end, undated ones only when nothing is dated."""
    published = rows[~rows["status"].isin(["projected", "derived"])]
    dated = published.dropna(subset=["period_end"])
    if not dated.empty:
        return dated.sort_values("period_end").iloc[-1]
    return published.iloc[0]


def previous(rows: pd.DataFrame, current: pd.Series) -> pd.Series | None:
    """The latest published figure that ends before `current` starts (same indicator, area and breakdown)."""
    if pd.isna(current["period_start"]) or current["status"] == "range":
        return None
    earlier = rows[
        (rows["period_end"] < current["period_start"])
        & ~rows["status"].isin(["projected", "derived", "range"])
        & rows["value"].notna()
    ]
    return earlier.sort_values("period_end").iloc[-1] if len(earlier) else None


def direction(current: pd.Series, before: pd.Series, polarity: str) -> tuple[str, str, str, str | None]:
    """(delta, sentence, arrow, verdict), e.g. ('+610 since 2018/19', 'Worse: up 610 from 3,422 in 2018/19.',
    'up', 'worse'). The delta is short enough for the card's pill; the sentence says it all in words."""
    change = current["value"] - before["value"]
    unit = current["unit"]
    if unit in ("percent", "percent_change", "percentage_points"):
        amount, size = (format_value(change, "percentage_points", signed=True, short=True),
                        format_value(abs(change), "percentage_points"))  # fmt: skip
    else:
        amount = format_value(change, unit, current.get("unit_label"), short=True, signed=True)
        size = format_value(abs(change), unit, current.get("unit_label"), short=True)
    arrow = "up" if change > 0 else "down" if change < 0 else "off"
    was = f"{format_observation(before, short=True)} in {before['period']}"
    if change == 0:
        return f"no change since {before['period']}", f"No change from {was}.", arrow, None
    good = (change > 0) == (polarity == "higher_is_better")
    verdict = None if polarity == "neutral" else ("better" if good else "worse")
    judged = {"better": "Better", "worse": "Worse", None: "Neither better nor worse"}[verdict]
    return f"{amount} since {before['period']}", f"{judged}: {arrow} {size} from {was}.", arrow, verdict


def period_label(row: pd.Series) -> str:
    return f"{format_observation(row, short=True)} in {row['period']}"


def comparator_text(frame: pd.DataFrame, current: pd.Series) -> str | None:
    others = frame[
        (frame["indicator_id"] == current["indicator_id"])
        & (frame["period"] == current["period"])
        & (frame["breakdown"] == current["breakdown"])
        & (frame["area_code"] != current["area_code"])
    ]
    if others.empty:
        return None
    names = {"National (geography not stated)": "national"}
    return " · ".join(
        f"{names.get(r['area_name'], r['area_name'])} {format_observation(r, short=True)}" for _, r in others.iterrows()
    )


def headline(
    frame: pd.DataFrame,
    indicator_id: str,
    *,
    page: str,
    meaning: str | None = None,
    breakdown: str = "all",
    period: str | None = None,
    area: str = BROMLEY,
) -> Headline:
    """The card for one indicator in one area, Bromley unless asked (KeyError if the tables have no such figure)."""
    rows = frame[
        (frame["indicator_id"] == indicator_id) & (frame["area_code"] == area) & (frame["breakdown"] == breakdown)
    ]
    if rows.empty:
        raise KeyError(indicator_id)
    current = rows[rows["period"] == period].iloc[0] if period else latest(rows)
    before = previous(rows, current)
    if before is None:
        delta, change, arrow, verdict = None, "No earlier figure in the strategy to compare with.", "off", None
    else:
        delta, change, arrow, verdict = direction(current, before, current["polarity"])
    return Headline(
        indicator_id=indicator_id,
        title=current["title"] if area == BROMLEY else f"{current['title']}: {current['area_name']}",
        value=format_observation(current, short=True),
        period=period_phrase(current),
        delta=delta,
        change=change,
        delta_colour=VERDICT_COLOURS[verdict],
        delta_arrow=arrow,
        verdict=verdict,
        comparators=comparator_text(frame, current),
        meaning=meaning or current["definition"].split(". ")[0].rstrip(".") + ".",
        definition=current["definition"],
        quote=current["quote"],
        page=page,
    )


@dataclass(frozen=True)
class Card:
    """What a page asks for: one indicator's headline, where it links to, and an optional plain meaning."""

    indicator_id: str
    page: str
    meaning: str | None = None
    breakdown: str = "all"
    period: str | None = None
    area: str = BROMLEY


def headline_for(frame: pd.DataFrame, card: Card) -> Headline:
    return headline(
        frame,
        card.indicator_id,
        page=card.page,
        meaning=card.meaning,
        breakdown=card.breakdown,
        period=card.period,
        area=card.area,
    )
