"""Data and sources: every figure with its quote, section, source and period; searchable and downloadable."""

import streamlit as st

from components import data
from components.blocks import missing, page_header
from components.browse import found, readable_rows, search, tables
from components.package import download_everything
from insight import catalogue

TAB = "data_sources_tab"

page_header(
    "Data and sources",
    "Every figure on this dashboard is a row below, with the sentence of the strategy that states it, its section, "
    "period, status and source. Search and filter, then download what you need: the files keep each figure's "
    "definition, status, quote and source. Where the strategy contradicts itself or its sums do not add up, both "
    "published values are kept and the problem is listed under **Data quality**.",
)
figures = data.figures()
if figures.empty:
    missing("the figures")
download_everything()
# The search is always drawn (its words and filters must survive a visit to another tab); the other tabs are
# drawn only when opened (a rerun), so the page does not send four more tables nobody is looking at.
every, quality, arithmetic, sources, indicators = st.tabs(
    ["Every figure", "Data quality", "The strategy's arithmetic", "Sources", "Indicators"],
    key=TAB,
    on_change="rerun",
)

with every:
    matched, shown = found(search(figures))
    st.markdown(f"**{len(matched.table):,} of {len(figures):,} figures**")
    st.caption('Each word matches a whole word (a plural finds its singular); put a phrase in "quotes".')
    wide = {"Figure": st.column_config.TextColumn(width=240), "Quote": st.column_config.TextColumn(width="large")}
    readable_rows(shown, key="figure_rows", heading="Figure", columns=catalogue.FIGURE_COLUMNS, column_config=wide)
    downloads = [("CSV", matched.csv, "text/csv"), ("Parquet", matched.parquet, "application/vnd.apache.parquet")]
    for column, (kind, payload, mime) in zip(st.columns(2), downloads, strict=True):
        name = f"{data.sources().areas.home_name.lower()}-early-help_figures.{kind.lower()}"
        column.download_button(
            f"Download these figures ({kind})", lambda p=payload: p, name, mime, icon=":material/download:"
        )


def quality_tab() -> None:
    issues = data.table("data_quality")
    st.markdown(
        f"**{len(issues)} problems in the text**, none of them fixed silently: contradictions, units written wrongly, "
        "periods, units or geographies left out, figures lost to pictures, and sums that do not add up."
    )
    readable_rows(tables().quality, key="quality_rows", heading="Summary")


def arithmetic_tab() -> None:
    checks = data.table("arithmetic_checks")
    st.markdown(
        f"**{int(checks['consistent'].sum())} of {len(checks)}** changes, sums and shares the strategy states add up "
        "when recomputed from its own figures (allowing for how each is rounded); the others are listed under Data "
        "quality."
    )
    readable_rows(tables().arithmetic, key="arithmetic_rows", heading="Check")


def sources_tab() -> None:
    link = {"Link": st.column_config.LinkColumn()}
    readable_rows(tables().sources, key="source_rows", heading="Source", column_config=link)


def indicators_tab() -> None:
    readable_rows(tables().indicators, key="indicator_rows", heading="Indicator")


for tab, draw in (
    (quality, quality_tab),
    (arithmetic, arithmetic_tab),
    (sources, sources_tab),
    (indicators, indicators_tab),
):
    if tab.open:
        with tab:
            draw()
