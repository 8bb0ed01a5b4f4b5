"""Shape the tidy tables for reading: observations with their indicator's words and their source's citation."""

from __future__ import annotations

import pandas as pd

from insight.format import format_observation

BROMLEY = "E09000006"
INDICATOR_COLUMNS = ["indicator_id", "title", "definition", "unit_label", "polarity", "measure", "topic"]
SOURCE_COLUMNS = {"source_id": "source_id", "citation": "citation", "publisher": "publisher", "link": "source_link"}


def enrich(observations: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Observations joined to their indicator (title, definition, polarity ...) and source (citation, link),
    with `x`, the middle of the period, to place financial, academic and pooled years on one time axis."""
    frame = observations.merge(indicators[INDICATOR_COLUMNS], on="indicator_id", how="left", validate="many_to_one")
    frame = frame.merge(
        sources[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS), on="source_id", how="left", validate="many_to_one"
    )
    start = pd.to_datetime(frame["period_start"])
    end = pd.to_datetime(frame["period_end"])
    frame["x"] = start + (end - start) / 2
    return frame


def series(
    frame: pd.DataFrame, indicator_id: str, *, areas: list[str] | None = None, breakdowns: list[str] | None = None
):
    """One indicator's rows, optionally only some areas or breakdowns, in time order."""
    rows = frame[frame["indicator_id"] == indicator_id]
    if areas is not None:
        rows = rows[rows["area_code"].isin(areas)]
    if breakdowns is not None:  # in the order asked for
        rows = rows[rows["breakdown"].isin(breakdowns)]
        rows = rows.assign(_order=rows["breakdown"].map(breakdowns.index)).sort_values(["_order", "x"])
        return rows.drop(columns="_order").reset_index(drop=True)
    return rows.sort_values(["area_code", "breakdown", "x"], na_position="last").reset_index(drop=True)


def pick(
    frame: pd.DataFrame, indicator_id: str, period: str, *, breakdown: str = "all", area: str = BROMLEY
) -> pd.Series:
    """Exactly one published row, or KeyError naming what is missing."""
    rows = frame[
        (frame["indicator_id"] == indicator_id)
        & (frame["period"] == period)
        & (frame["breakdown"] == breakdown)
        & (frame["area_code"] == area)
    ]
    if len(rows) != 1:
        raise KeyError(f"{indicator_id} | {period} | {breakdown} | {area}")
    return rows.iloc[0]


def says(frame: pd.DataFrame, period: str, *, breakdown: str = "all", area: str = BROMLEY) -> str:
    """A figure of `frame` as words for a title ('341,000', 'about 3,800'); KeyError if it is not there."""
    rows = frame[(frame["period"] == period) & (frame["breakdown"] == breakdown) & (frame["area_code"] == area)]
    if len(rows) != 1:
        raise KeyError(f"{period} | {breakdown} | {area}")
    return format_observation(rows.iloc[0], short=True)


def count_and_share_labels(counts: pd.DataFrame, shares: pd.DataFrame) -> list[str]:
    """'19,100 (26%)' for each count row, with the published share of the same breakdown."""
    share = shares.set_index("breakdown")["value"]
    return [
        f"{format_observation(row, short=True)} ({share[row['breakdown']]:g}%)"
        if row["breakdown"] in share
        else format_observation(row, short=True)
        for _, row in counts.iterrows()
    ]


def gap(frame: pd.DataFrame, period: str, group: str, reference: str) -> float:
    """reference minus group in one period (e.g. all other pupils minus FSM eligible): a derived figure."""
    return (
        pick(frame, frame["indicator_id"].iloc[0], period, breakdown=reference)["value"]
        - pick(frame, frame["indicator_id"].iloc[0], period, breakdown=group)["value"]
    )


def labelled(frame: pd.DataFrame, labels: dict[tuple[str, str] | str, str], column: str = "label") -> pd.DataFrame:
    """Add a display label per row, keyed by indicator id or by (indicator id, period) or (indicator id, breakdown),
    in the order of `labels` (which is also the order rows are drawn in)."""

    def key(row: pd.Series):
        for candidate in (
            (row["indicator_id"], row["period"]),
            (row["indicator_id"], row["breakdown"]),
            row["indicator_id"],
        ):
            if candidate in labels:
                return candidate
        return None

    keys = frame.apply(key, axis=1)
    rows = frame[keys.notna()].assign(**{column: keys.dropna().map(labels)})
    order = {k: i for i, k in enumerate(labels)}
    return (
        rows.assign(_order=keys.dropna().map(order)).sort_values("_order").drop(columns="_order").reset_index(drop=True)
    )


def services_frame(services: pd.DataFrame, sources: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Service counts shaped like observations (value, unit, status, period, citation, section), so the same
    chart blocks can caption, describe and download them."""
    counted = (
        services.dropna(subset=["count"])
        .merge(sources[["source_id", "citation"]], on="source_id", how="left")
        .merge(sections[["section_id", "title"]].rename(columns={"title": "section"}), on="section_id", how="left")
    )
    return counted.assign(
        indicator_id=counted["service_id"],
        title=counted["service"],
        value=counted["count"].astype(float),
        lower=counted["count"].astype(float).where(counted["status"] == "lower_bound"),
        upper=float("nan"),
        unit="count",
        unit_label=None,
        area_code=BROMLEY,
        area_name="Bromley",
        period="current",
        period_type="undated",
        period_start=pd.NaT,
        period_end=pd.NaT,
        breakdown=counted["life_area"],
        definition="A service or asset of the early help ecosystem, as counted in the strategy.",
        formula=None,
        x=pd.NaT,
    )


def layer_items(services: pd.DataFrame, layer: str) -> list[str]:
    """The ecosystem picture's items of one layer, as printed: '44 GP surgeries', 'Faith groups'."""
    named = services[(services["layer"] == layer) & (services["section_id"] == "ecosystem")]
    return [
        f"{row.value_text} {row.service}" if isinstance(row.value_text, str) else row.service
        for row in named.itertuples()
    ]


def citation_of(sources: pd.DataFrame, source_id: str) -> str:
    """A source's citation, or a plain fallback when the sources table is missing."""
    match = sources.loc[sources["source_id"] == source_id, "citation"]
    return match.iloc[0] if len(match) else "the source the strategy names"
