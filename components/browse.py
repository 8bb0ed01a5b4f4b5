"""Streamlit pieces of the Data and sources page: a search with filters that live in the URL, and tables whose
rows can be read in full."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st

from components import data, state
from insight import catalogue
from insight.describe import blank_text
from insight.figure_search import COLUMNS, PublishedFigures, shown_table
from insight.labels import labeller
from insight.text import md
from loaders.store import tables as built

TAB = "tab"  # the open tab of Data and sources: in session state and in the link (?tab=Sources)
SELECTABLE = {"on_select": "rerun", "selection_mode": "single-row", "hide_index": True, "width": "stretch"}


@dataclass(frozen=True)
class Rows:
    """A table as the page shows it: the frame (a selected row is read from it in full) and the same rows as Arrow,
    what st.dataframe sends, converted once per build instead of on every rerun."""

    frame: pd.DataFrame
    arrow: pa.Table

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Rows:
        """An empty text cell is shown empty, never as "None" (the frame keeps it missing for a row's detail)."""
        return cls(frame, pa.Table.from_pandas(blank_text(frame), preserve_index=False))


@dataclass(frozen=True)
class Tables:
    """The page's tables other than the search, and what its filters offer, worked out once per build."""

    options: dict[str, list[str]]
    area_names: dict[str, str]
    quality: Rows
    arithmetic: Rows
    sources: Rows
    indicators: Rows


@st.cache_resource(max_entries=4, show_spinner=False)
def _tables(build: str) -> Tables:
    figures = data.figures()
    return Tables(
        catalogue.filter_options(figures),
        dict(zip(figures["area_code"], figures["area_name"], strict=True)),
        Rows.of(catalogue.quality_table(data.table("data_quality"))),
        Rows.of(catalogue.arithmetic_table(data.table("arithmetic_checks"))),
        Rows.of(catalogue.sources_table(data.table("sources"))),
        Rows.of(catalogue.indicators_table(data.table("indicators"))),
    )


def tables() -> Tables:
    return _tables(data.build_id())


@st.cache_resource(max_entries=200, show_spinner=False)
def _strategy_matches(build: str, selection: catalogue.Selection) -> tuple[catalogue.Found, Rows]:
    matched = data.catalogue(selection)
    return matched, Rows.of(matched.table)


def strategy_matches(selection: catalogue.Selection) -> tuple[catalogue.Found, Rows]:
    """What a search finds (an `insight.catalogue.Found`), and its table as shown, once per build and search."""
    return _strategy_matches(data.build_id(), selection)


@st.cache_resource(max_entries=2, show_spinner="Indexing every published figure (once after each build)…")
def _published(build: str) -> PublishedFigures:
    rows = built.scan_observations(data.paths_of(build), columns=COLUMNS, kinds=["release"])
    areas = data.table("areas")
    home = data.sources().areas.home
    return PublishedFigures.build(rows, data.table("indicators")).in_reading_order(areas, home)


@dataclass(frozen=True)
class Published:
    """What a search finds among the published figures: how many, of how many, the first rows as shown, and
    every row as CSV when asked for."""

    count: int
    total: int
    table: Rows
    csv: object  # a callable: the CSV of every row found, made when clicked


@st.cache_resource(max_entries=200, show_spinner=False)
def _published_matches(build: str, selection: catalogue.Selection) -> Published:
    index = _published(build)
    matching_rows = index.find(selection.text, themes=selection.theme, statuses=selection.status, areas=selection.area)
    indicators = data.table("indicators")
    asked = selection.text.strip() or selection.area  # all of them, unasked, would be half a million rows
    first_rows = shown_table(index, matching_rows if asked else matching_rows[:0], indicators)

    def every() -> bytes:
        return catalogue.to_csv_bytes(shown_table(index, matching_rows, indicators, limit=None))

    return Published(len(matching_rows), index.rows.num_rows, Rows.of(first_rows), every)


def published(selection: catalogue.Selection) -> Published:
    """The published figures a search finds (every measure of every release, every area), once per build and search."""
    return _published_matches(data.build_id(), selection)


def readable_rows(table: Rows, *, key: str, heading: str, columns: list[str] | None = None, **options) -> None:
    """A table whose cells may be cut short, and the row a person selects below it in full."""
    table_state = st.dataframe(table.arrow, key=key, column_order=columns, **SELECTABLE, **options)
    rows = [row for row in table_state.selection.rows if row < len(table.frame)]
    if rows:
        st.container(border=True).markdown(catalogue.detail(table.frame.iloc[rows[0]], heading))
    elif len(table.frame):
        st.caption("Select a row (the box at its left) to read all of it below the table.")


def search(figures: pd.DataFrame) -> catalogue.Selection:
    """The search box and filters, first set from the link (?q=&theme=&status=&area=), then written back to it,
    so the link to the page opens the same search. Values the data does not have are named and left out."""
    offered = tables()
    options = offered.options
    if "q" not in st.session_state:  # opened, or reopened: the link's query says what to show
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        linked, st.session_state["ignored"] = catalogue.from_query(query, options)
        st.session_state.update(q=linked.text, theme=[*linked.theme], status=[*linked.status], area=[*linked.area])
    if st.session_state.get("ignored"):
        st.warning(f"Not in the data, so left out of the link's filters: {md(', '.join(st.session_state.ignored))}.")
    text = st.text_input("Search the figures", placeholder='e.g. referrals, "free school meals"', key="q")
    left, middle, right = st.columns(3)
    areas = offered.area_names
    chosen = catalogue.Selection(
        text,
        tuple(left.multiselect("Themes", options["theme"], format_func=labeller("theme"), key="theme")),
        tuple(middle.multiselect("Status", options["status"], format_func=labeller("status"), key="status")),
        tuple(right.multiselect("Areas", options["area"], format_func=areas.get, key="area")),
    )
    # Only the search's own keys: the open tab's key stays in the link.
    query = catalogue.to_query(chosen)
    state.keep_in_url({key: query.get(key) for key in ("q", *catalogue.FILTERS)})
    return chosen


def reference_tabs(quality, arithmetic, sources, indicators) -> None:
    """Data and sources' tabs other than the search, each drawn only while it is open (a tab opened with
    `on_change="rerun"` reruns the page): the page does not send four tables nobody is looking at."""
    for tab, draw in (
        (quality, _quality),
        (arithmetic, _arithmetic),
        (sources, _sources),
        (indicators, _indicators),
    ):
        if tab.open:
            with tab:
                draw()


def _quality() -> None:
    issues = data.table("data_quality")
    st.markdown(
        f"**{len(issues)} problems in the text**, none of them fixed silently: contradictions, units written wrongly, "
        "periods, units or geographies left out, figures lost to pictures, and sums that do not add up."
    )
    readable_rows(tables().quality, key="quality_rows", heading="Summary")


def _arithmetic() -> None:
    checks = data.table("arithmetic_checks")
    st.markdown(
        f"**{int(checks['consistent'].sum())} of {len(checks)}** changes, sums and shares the strategy states add up "
        "when recomputed from its own figures (allowing for how each is rounded); the others are listed under Data "
        "quality."
    )
    readable_rows(tables().arithmetic, key="arithmetic_rows", heading="Check")


def _sources() -> None:
    readable_rows(
        tables().sources, key="source_rows", heading="Source", column_config={"Link": st.column_config.LinkColumn()}
    )


def _indicators() -> None:
    readable_rows(tables().indicators, key="indicator_rows", heading="Indicator")
