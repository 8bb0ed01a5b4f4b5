"""The one way pages get data: the tables, built on first start if missing or stale, read once per build.

Reads are cached with `st.cache_data` keyed on the build id (from the manifest), so a rebuilt table is never
served stale and an unchanged one is never read twice. A table that is missing comes back empty, with its
columns, so the page shows what is missing instead of failing.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders import tables
from loaders.build import ensure_built
from loaders.errors import BuildError
from loaders.paths import DEFAULT


@st.cache_resource(show_spinner="Building the tables from the strategy's figures (first start only)…")
def _ensure_built_once() -> str | None:
    """Build once per server process if needed; return a readable problem instead of raising."""
    try:
        ensure_built(DEFAULT)
    except BuildError as exc:
        return str(exc)
    return None


def tables_problem() -> str | None:
    """Why the tables cannot be shown (a failed build), or None when they are ready."""
    return _ensure_built_once()


@st.cache_data(show_spinner=False)
def _table(name: str, build: str) -> pd.DataFrame:
    return tables.read_table(name, missing_ok=True)


@st.cache_data(show_spinner=False)
def _figures(build: str) -> pd.DataFrame:
    from insight.frames import enrich

    return enrich(
        tables.read_observations(missing_ok=True),
        tables.read_table("indicators", missing_ok=True),
        tables.read_table("sources", missing_ok=True),
    )


@st.cache_data(show_spinner=False)
def _services(build: str) -> pd.DataFrame:
    from insight.frames import services_frame

    return services_frame(_table("services", build), _table("sources", build), _table("sections", build))


def table(name: str) -> pd.DataFrame:
    """A small table (indicators, sources, areas, village ...), from the cache when the build is unchanged."""
    return _table(name, tables.build_id())


def figures() -> pd.DataFrame:
    """Observations with their indicator's words and their source's citation: what pages chart."""
    return _figures(tables.build_id())


def service_counts() -> pd.DataFrame:
    """The ecosystem's counted services, shaped like observations for the chart blocks."""
    return _services(tables.build_id())


@st.cache_data(show_spinner=False, max_entries=200)
def _catalogue(
    build: str, text: str, themes: tuple, statuses: tuple, areas: tuple
) -> tuple[pd.DataFrame, bytes, bytes]:
    from insight.catalogue import as_parquet, readable, search
    from insight.describe import download_frame

    found = search(_figures(build), text, themes=list(themes), statuses=list(statuses), areas=list(areas))
    return readable(found), download_frame(found).to_csv(index=False).encode("utf-8"), as_parquet(found)


def catalogue(text: str, themes: list[str], statuses: list[str], areas: list[str]) -> tuple[pd.DataFrame, bytes, bytes]:
    """The figures a search finds, as a readable table and as CSV and Parquet downloads, once per search."""
    return _catalogue(tables.build_id(), text, tuple(themes), tuple(statuses), tuple(areas))
