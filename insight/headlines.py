"""Headline cards: the latest figure, its direction of travel in words, and whether that is good or bad.

"Better" and "worse" come from the indicator's polarity (more referrals to social care is not good news);
a neutral indicator gets a direction but no verdict. Comparators are the same figure for other areas.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.areas import NATIONAL, role_rank
from insight.facts import MissingData, in_time_order, join_words, judge
from insight.format import format_observation, format_value, period_phrase

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
    against: str | None  # the verdict against the comparators, by polarity: "better than London and national"
    period_label: str  # the period as published
    period_end: object  # its last day (None when undated), for "figures as at"
    ref: str  # the row, as data-quality references name it: "children | 2021 | all | E09000006"
    meaning: str
    definition: str
    quote: str
    page: str
    superseded: str | None = None  # "Superseded by <publisher>, <period>" where a newer release supersedes it
    context: str | None = None  # the strategy's own figure, where the card shows a newer published one
    spine: object = None  # an insight.spine.Spine: where the home area stands among England's authorities
    source: str | None = None  # who published the figure shown, where it is not the strategy


def latest(rows: pd.DataFrame) -> pd.Series:
    """The most recent published figure, in the one time order of insight.facts.time_key."""
    published = rows[~rows["status"].isin(["projected", "derived"])]
    if published.empty:
        raise MissingData(f"no published figure of {rows['indicator_id'].iloc[0]}")
    return in_time_order(published).iloc[-1]


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
    verdict = judge(change, polarity)
    verdict = verdict if verdict in ("better", "worse") else None
    judged = {"better": "Better", "worse": "Worse", None: "Neither better nor worse"}[verdict]
    return f"{amount} since {before['period']}", f"{judged}: {arrow} {size} from {was}.", arrow, verdict


def comparator_text(frame: pd.DataFrame, current: pd.Series) -> str | None:
    """'London 12% · national 13.9%': the same figure for the other areas, nearest first."""
    others = _others(frame, current).sort_values("_rank", kind="stable")
    if others.empty:
        return None
    return " · ".join(
        f"{'national' if r['area_role'] == NATIONAL else r['area_name']} {format_observation(r, short=True)}"
        for _, r in others.iterrows()
    )


def against_comparators(frame: pd.DataFrame, current: pd.Series) -> str | None:
    """'better than London and national', 'worse than England': the same period's figures of the other areas,
    judged by the indicator's polarity (None without comparators or for a neutral indicator). A difference is
    a difference, not a significant one: the strategy publishes no intervals."""
    others = _others(frame, current)
    if others.empty or current["polarity"] not in ("higher_is_better", "lower_is_better") or pd.isna(current["value"]):
        return None
    if not comparable_across_areas(current):
        return None
    groups: dict[str, list[str]] = {}
    for _, other in others.sort_values("_rank", kind="stable").iterrows():
        if pd.isna(other["value"]):
            continue
        word = judge(float(current["value"]) - float(other["value"]), current["polarity"])
        word = "the same as" if word.startswith("neither") else f"{word} than"
        groups.setdefault(word, []).append("national" if other["area_role"] == NATIONAL else other["area_name"])
    return " but ".join(f"{word} {join_words(names)}" for word, names in groups.items()) or None


def comparable_across_areas(row: pd.Series) -> bool:
    """Totals grow with an area's size (a count of children, a council's yearly spend), so comparing them between
    areas says nothing; rates, shares, scores and amounts per person can be compared."""
    if row["unit"] == "count":
        return False
    label = row.get("unit_label")
    return row["unit"] != "gbp" or (isinstance(label, str) and "per person" in label)


def _others(frame: pd.DataFrame, current: pd.Series) -> pd.DataFrame:
    others = frame[
        (frame["indicator_id"] == current["indicator_id"])
        & (frame["period"] == current["period"])
        & (frame["breakdown"] == current["breakdown"])
        & (frame["area_code"] != current["area_code"])
    ]
    return others.assign(_rank=others["area_role"].map(role_rank))


def headline(
    frame: pd.DataFrame,
    indicator_id: str,
    *,
    page: str,
    meaning: str | None = None,
    breakdown: str = "all",
    area: str,
    is_home: bool = True,
) -> Headline:
    """The card for one indicator in one area (MissingData if the tables have no such figure); a card of another
    area than home names it in its title."""
    rows = frame[
        (frame["indicator_id"] == indicator_id) & (frame["area_code"] == area) & (frame["breakdown"] == breakdown)
    ]
    if rows.empty:
        raise MissingData(f"the figure {indicator_id} ({breakdown}) in {area}")
    current = latest(rows)
    before = previous(rows, current)
    if before is None:
        delta, change, arrow, verdict = None, "No earlier figure in the strategy to compare with.", "off", None
    else:
        delta, change, arrow, verdict = direction(current, before, current["polarity"])
    return Headline(
        indicator_id=indicator_id,
        title=current["title"] if is_home else f"{current['title']}: {current['area_name']}",
        value=format_observation(current, short=True),
        period=period_phrase(current),
        delta=delta,
        change=change,
        delta_colour=VERDICT_COLOURS[verdict],
        delta_arrow=arrow,
        verdict=verdict,
        comparators=comparator_text(frame, current) if comparable_across_areas(current) else None,
        against=against_comparators(frame, current),
        period_label=current["period"],
        period_end=None if pd.isna(current["period_end"]) else current["period_end"],
        ref=f"{current['indicator_id']} | {current['period']} | {current['breakdown']} | {current['area_code']}",
        meaning=meaning or current["definition"].split(". ")[0].rstrip(".") + ".",
        definition=current["definition"],
        quote=current["quote"],
        page=page,
        source=str(current["publisher"]).split(":")[0] if current.get("source_kind") == "release" else None,
    )
