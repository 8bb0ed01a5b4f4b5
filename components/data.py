"""The one way pages get data: the tables, built on first start if missing or stale, read once per build.

Each page run reads one build only: every page pins the build current when it starts (`pin()`, called by
components.blocks.begin_page), and every read of the run comes from that build's folder, however many builds
land meanwhile (loaders.paths). Reads are cached keyed on the build's id, so a rebuilt table is never served
stale and an unchanged one is never read twice; the tables charts are drawn from are shared by every session
(`st.cache_resource`: read-only, never copied per session). A table that is missing comes back empty, with its
columns, so the page shows what is missing instead of failing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from definitions.sources import Sources
from loaders.build import ensure_built
from loaders.errors import BuildError
from loaders.paths import DEFAULT, DataPaths
from loaders.store import tables


@st.cache_resource(show_spinner="Building the tables from the strategy's figures (first start only)…")
def _ensure_built_once() -> str | None:
    """Build once per server process if needed; return a readable problem instead of raising. Nothing else starts
    here: Chromium for image exports is warmed when someone opens a chart's export menu (charts.export), never
    while the first visitors after a start are waiting."""
    try:
        ensure_built(DEFAULT)
    except BuildError as exc:
        return str(exc)
    return None


def tables_problem() -> str | None:
    """Why the tables cannot be shown (a failed build), or None when they are ready."""
    return _ensure_built_once()


PINNED = "pinned_build"  # session state: the build this run reads


def pin() -> None:
    """Hold this run to the build current now (every page calls it first, through components.blocks.begin_page)."""
    st.session_state[PINNED] = tables.build_id(DEFAULT)


def build_id() -> str:
    """The id of the build this run reads: the key every cached read and chart is kept under ('none' before the
    first build). Without a pin (a page run on its own), the build current now."""
    pinned = st.session_state.get(PINNED)
    return pinned if pinned is not None else tables.build_id(DEFAULT)


def paths_of(build: str) -> DataPaths:
    """The data tree fixed to `build` (a `build_id()`)."""
    return DEFAULT.at(None if build == "none" else build)


@st.cache_data(show_spinner=False, max_entries=40)  # a dozen small tables, of the last few builds
def _table(name: str, build: str) -> pd.DataFrame:
    return tables.read_table(name, paths_of(build), missing_ok=True)


@st.cache_resource(show_spinner=False, max_entries=2)
def _sources(build: str) -> Sources:
    """Every table a definition draws from, read once per build and shared read-only by all sessions."""
    return Sources.load(paths_of(build))


def table(name: str) -> pd.DataFrame:
    """A small table (indicators, sources, areas, village ...), from the cache when the build is unchanged."""
    return _table(name, build_id())


def sources() -> Sources:
    """The tables definitions are drawn from (definitions.sources), once per build."""
    return _sources(build_id())


def figures() -> pd.DataFrame:
    """Every figure the strategy states, with its indicator's words, source's citation and area's role."""
    return sources().strategy_figures


@st.cache_data(show_spinner=False, max_entries=200)
def _catalogue(build: str, selection):
    from insight.catalogue import catalogue as search_catalogue

    return search_catalogue(_sources(build).strategy_figures, selection)


def catalogue(selection):
    """The figures a search and filters find (an `insight.catalogue.Selection`), as rows, a readable table, and
    CSV and Parquet downloads, once per selection (an `insight.catalogue.Found`)."""
    return _catalogue(build_id(), selection)
