"""The services page's words from the tables, worked out once per build: each layer of the ecosystem as a list,
and each tier of need. A rerun only draws them (layer_items filtered the services table on every rerun, 38% of
the page's rerun)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import data
from insight.frames import layer_items
from insight.text import md

LAYERS = {
    "family_and_community": "Family, friends and community",
    "universal": "Universal services",
    "additional_support": "Additional support services",
}


@dataclass(frozen=True)
class Ecosystem:
    layers: list[tuple[str, str]]  # (the layer's name, its items as a Markdown list)
    tiers: list[tuple[str, str]]  # (the tier's heading, its description), both Markdown
    has_services: bool


@st.cache_resource(max_entries=4, show_spinner=False)
def _ecosystem(build: str) -> Ecosystem:
    services = data.table("services")
    levels = data.table("levels_of_need")
    return Ecosystem(
        [(name, "\n".join(f"- {md(item)}" for item in layer_items(services, layer))) for layer, name in LAYERS.items()],
        [(f"**Tier {row.tier}: {md(row.referral)}**", md(row.description)) for row in levels.itertuples()],
        not services.empty,
    )


def ecosystem() -> Ecosystem:
    return _ecosystem(data.build_id())
