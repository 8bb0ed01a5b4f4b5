"""Data and sources: every figure with its quote, section, source and period; searchable and downloadable."""

import streamlit as st

from components import data
from components.blocks import missing, page_header
from components.browse import TAB, published, readable_rows, reference_tabs, search, strategy_matches
from components.package import download_everything
from insight import catalogue

page_header(
    "Data and sources",
    "Every figure on this dashboard is a row below: the strategy's, each with the sentence that states it, its "
    "section, period, status and source; and every figure of the public releases loaded, each with its file and "
    "line. Search and filter, then download what you need. Where the strategy contradicts itself, its sums do not add "
    "up or a publisher gives another figure for the same period, both values are kept and the problem is listed "
    "under **Data quality**.",
)
figures = data.figures()
if figures.empty:
    missing("the figures")
download_everything()
# The search is always drawn (its words and filters must survive a visit to another tab); the other tabs are
# drawn only when opened (a rerun), so the page does not send four more tables nobody is looking at. The open tab
# is in the link (?tab=Data+quality), so a link can send someone straight to the problems or the sources.
every, quality, arithmetic, sources, indicators = st.tabs(
    ["Every figure", "Data quality", "The strategy's arithmetic", "Sources", "Indicators"],
    key=TAB,
    on_change="rerun",
    bind="query-params",
)

with every:
    selection = search(figures)
    matched, matched_rows = strategy_matches(selection)
    st.markdown(f"**{len(matched.table):,} of {len(figures):,} of the strategy's figures**")
    st.caption('Each word matches a whole word (a plural finds its singular); put a phrase in "quotes".')
    wide = {"Figure": st.column_config.TextColumn(width=240), "Quote": st.column_config.TextColumn(width="large")}
    readable_rows(
        matched_rows, key="figure_rows", heading="Figure", columns=catalogue.FIGURE_COLUMNS, column_config=wide
    )
    downloads = [("CSV", matched.csv, "text/csv"), ("Parquet", matched.parquet, "application/vnd.apache.parquet")]
    for column, (kind, payload, mime) in zip(st.columns(2), downloads, strict=True):
        name = f"{data.sources().areas.home_name.lower()}-early-help_figures.{kind.lower()}"
        column.download_button(
            f"Download these figures ({kind})", lambda p=payload: p, name, mime, icon=":material/download:"
        )

    released = published(selection)
    shown_rows = len(released.table.frame)
    if released.count and shown_rows:
        more = f" (the first {shown_rows:,} shown; download them all)" if released.count > shown_rows else ""
        st.markdown(f"**{released.count:,} of {released.total:,} published figures**{more}")
        st.dataframe(released.table.arrow, hide_index=True, width="stretch", key="published_rows")
        st.download_button(
            "Download these published figures (CSV)",
            released.csv,
            f"{data.sources().areas.home_name.lower()}-early-help_published-figures.csv",
            "text/csv",
            icon=":material/download:",
        )
    elif released.count:
        st.caption(f"Type a word or choose an area to search the {released.total:,} published figures too.")
    else:
        st.markdown(f"**No published figure** of the {released.total:,} matches.")

reference_tabs(quality, arithmetic, sources, indicators)
