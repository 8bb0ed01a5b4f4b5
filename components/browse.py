"""Streamlit pieces of the Data and sources page: a search with filters that live in the URL, and tables whose
rows can be read in full."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from insight import catalogue
from insight.labels import labeller
from insight.text import md

SELECTABLE = {"on_select": "rerun", "selection_mode": "single-row", "hide_index": True, "width": "stretch"}


def readable_rows(table: pd.DataFrame, *, key: str, heading: str, columns: list[str] | None = None, **options) -> None:
    """A table whose cells may be cut short, and the row a person selects below it in full."""
    shown = st.dataframe(table, key=key, column_order=columns, **SELECTABLE, **options)
    rows = [row for row in shown.selection.rows if row < len(table)]
    if rows:
        st.container(border=True).markdown(catalogue.detail(table.iloc[rows[0]], heading))
    elif len(table):
        st.caption("Select a row (the box at its left) to read all of it below the table.")


def search(figures: pd.DataFrame) -> catalogue.Selection:
    """The search box and filters, first set from the link (?q=&theme=&status=&area=), then written back to it,
    so the link to the page opens the same search. Values the data does not have are named and left out."""
    options = catalogue.filter_options(figures)
    if "q" not in st.session_state:  # opened, or reopened: the link's query says what to show
        query = {key: st.query_params.get_all(key) for key in st.query_params}
        linked, st.session_state["ignored"] = catalogue.from_query(query, options)
        st.session_state.update(q=linked.text, theme=[*linked.theme], status=[*linked.status], area=[*linked.area])
    if st.session_state.get("ignored"):
        st.warning(f"Not in the data, so left out of the link's filters: {md(', '.join(st.session_state.ignored))}.")
    text = st.text_input("Search the figures", placeholder='e.g. referrals, "free school meals"', key="q")
    left, middle, right = st.columns(3)
    areas = dict(zip(figures["area_code"], figures["area_name"], strict=True))
    chosen = catalogue.Selection(
        text,
        tuple(left.multiselect("Themes", options["theme"], format_func=labeller("theme"), key="theme")),
        tuple(middle.multiselect("Status", options["status"], format_func=labeller("status"), key="status")),
        tuple(right.multiselect("Areas", options["area"], format_func=areas.get, key="area")),
    )
    st.query_params.from_dict(catalogue.to_query(chosen))
    return chosen
