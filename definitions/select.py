"""The rows a definition draws, from the tables: filtered, ordered and labelled as its Draw says."""

from __future__ import annotations

import pandas as pd

from definitions.model import Draw
from definitions.sources import Sources
from insight.areas import HOME_ROLE, role_rank
from insight.facts import MissingData, in_time_order
from insight.format import period_phrase


def select(draw: Draw, sources: Sources, *, chosen: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows `draw` names, in drawing order; MissingData when the tables do not have them."""
    if draw.table == "observations":
        rows = _observations(draw, sources)
    else:
        rows = sources.village if draw.table == "village" else sources.services
        for column, value in {**draw.where, **(chosen or {})}.items():
            rows = rows[rows[column] == value]
        if rows.empty:
            wanted = ", ".join(f"{c} {v}" for c, v in {**draw.where, **(chosen or {})}.items())
            raise MissingData(f"the {draw.table} rows for {wanted}")
    return rows.reset_index(drop=True)


def _observations(draw: Draw, sources: Sources) -> pd.DataFrame:
    rows = sources.figures(draw.indicators)
    absent = [i for i in draw.indicators if i not in set(rows["indicator_id"])]
    if absent:
        raise MissingData(f"the figures of {', '.join(absent)}")
    if draw.roles is not None:
        rows = rows[rows["area_role"].isin(draw.roles)]
    if draw.breakdowns is not None:
        rows = rows[rows["breakdown"].isin(draw.breakdowns)]
    else:  # the headline: an indicator's breakdowns (sex, deprivation deciles) are never mixed into it
        headline = rows.groupby("indicator_id")["breakdown"].transform(lambda b: (b == "all").any())
        rows = rows[~headline | (rows["breakdown"] == "all")]
    if draw.periods == "latest":
        rows = _latest_period(rows)
    if rows.empty:
        raise MissingData(f"the figures of {', '.join(draw.indicators)} for the chosen areas and breakdowns")
    rows = _ordered(rows, draw)
    if draw.labels:
        rows = _labelled(rows, draw.labels)
    return rows


def _latest_period(rows: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, the rows of the home area's latest published period (comparators of that period too)."""
    kept = []
    for _, group in rows.groupby("indicator_id", sort=False):
        home = group[(group["area_role"] == HOME_ROLE) & ~group["status"].isin(["projected", "derived"])]
        if home.empty:
            continue
        period = in_time_order(home)["period"].iloc[-1]
        kept.append(group[group["period"] == period])
    return pd.concat(kept) if kept else rows.iloc[0:0]


def _ordered(rows: pd.DataFrame, draw: Draw) -> pd.DataFrame:
    """Indicators in the order named, then areas by role (home first), breakdowns in the order named, time."""
    breakdowns = list(draw.breakdowns or dict.fromkeys(rows["breakdown"]))
    parts = []
    for indicator in draw.indicators:
        of_indicator = rows[rows["indicator_id"] == indicator]
        keyed = of_indicator.assign(
            _role=of_indicator["area_role"].map(role_rank),
            _breakdown=of_indicator["breakdown"].map(breakdowns.index),
        )
        for _, group in keyed.groupby(["_role", "area_code", "_breakdown"], sort=True):
            parts.append(in_time_order(group))
    return pd.concat(parts).drop(columns=["_role", "_breakdown"])


def _labelled(rows: pd.DataFrame, labels) -> pd.DataFrame:
    """A `label` per row from the first template that matches it ((indicator, breakdown), then indicator);
    rows in the templates' order; rows no template names are not drawn."""
    order = {key: i for i, key in enumerate(labels)}
    keys, texts = [], []
    for _, row in rows.iterrows():
        key = next((k for k in ((row["indicator_id"], row["breakdown"]), row["indicator_id"]) if k in labels), None)
        keys.append(key)
        texts.append(None if key is None else labels[key].format(**_row_words(row)))
    labelled = rows.assign(label=texts, _order=[order.get(k, -1) for k in keys])
    labelled = labelled[labelled["label"].notna()]
    return labelled.sort_values("_order", kind="stable").drop(columns="_order")


def _row_words(row: pd.Series) -> dict[str, str]:
    when = period_phrase(row)
    return {
        "title": row["title"],
        "period": row["period"],
        "when": when[:1].upper() + when[1:],
        "breakdown": row["breakdown"],
        "area": row["area_name"],
    }
