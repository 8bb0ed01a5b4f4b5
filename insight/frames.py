"""Shape the tidy tables for reading: observations with their indicator's words, their source's citation and
their area's role."""

from __future__ import annotations

import pandas as pd

from insight.areas import HOME_ROLE, Areas

INDICATOR_COLUMNS = ["indicator_id", "title", "definition", "unit_label", "polarity", "measure", "topic"]
SOURCE_COLUMNS = {"source_id": "source_id", "citation": "citation", "link": "source_link"}


def enrich(
    observations: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame, areas: pd.DataFrame
) -> pd.DataFrame:
    """Observations joined to their indicator (title, definition, polarity ...), source (citation, link) and
    area (`area_role`: home, region, country ...), with `x`, the middle of the period, to place financial,
    academic and pooled years on one time axis."""
    frame = observations.merge(indicators[INDICATOR_COLUMNS], on="indicator_id", how="left", validate="many_to_one")
    frame = frame.merge(
        sources[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS), on="source_id", how="left", validate="many_to_one"
    )
    if "source_kind" in frame:  # a published figure cites its publisher and release, and links to it
        released = frame["source_kind"] == "release"
        frame.loc[released, "citation"] = frame.loc[released, "publisher"]
        frame.loc[released, "source_link"] = frame.loc[released, "link"]
    roles = dict(zip(areas["area_code"], areas["role"], strict=True)) if "role" in areas else {}
    frame["area_role"] = frame["area_code"].map(roles).astype(object)
    start = pd.to_datetime(frame["period_start"])
    end = pd.to_datetime(frame["period_end"])
    frame["x"] = start + (end - start) / 2
    return frame


def series(
    frame: pd.DataFrame, indicator_id: str, *, areas: list[str] | None = None, breakdowns: list[str] | None = None
):
    """One indicator's rows, optionally only some areas (codes) or breakdowns, in time order."""
    rows = frame[frame["indicator_id"] == indicator_id]
    if areas is not None:
        rows = rows[rows["area_code"].isin(areas)]
    if breakdowns is not None:  # in the order asked for
        rows = rows[rows["breakdown"].isin(breakdowns)]
        rows = rows.assign(_order=rows["breakdown"].map(breakdowns.index)).sort_values(["_order", "x"])
        return rows.drop(columns="_order").reset_index(drop=True)
    return rows.sort_values(["area_code", "breakdown", "x"], na_position="last").reset_index(drop=True)


def services_frame(services: pd.DataFrame, sources: pd.DataFrame, sections: pd.DataFrame, areas: Areas) -> pd.DataFrame:
    """Service counts shaped like observations (value, unit, status, period, citation, section), so the same
    chart blocks can caption, describe and download them. The services are the home area's."""
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
        area_code=areas.home,
        area_name=areas.home_name,
        area_role=HOME_ROLE,
        period="current",
        period_type="undated",
        period_start=pd.NaT,
        period_end=pd.NaT,
        breakdown=counted["life_area"],
        definition="A service or asset of the early help ecosystem, as counted in the strategy.",
        polarity="neutral",
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
