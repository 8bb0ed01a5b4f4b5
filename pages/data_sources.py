"""Data and sources: every figure with its quote, section, source and period; searchable and downloadable."""

import streamlit as st

from components import data
from components.blocks import missing, page_header

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
every, quality, arithmetic, sources, indicators = st.tabs(
    ["Every figure", "Data quality", "The strategy's arithmetic", "Sources", "Indicators"]
)

with every:
    text = st.text_input("Search the figures", placeholder="e.g. referrals, 2019/20, free school meals", key="search")
    left, middle, right = st.columns(3)
    themes = left.multiselect("Themes", sorted(figures["theme"].unique()), key="themes")
    statuses = middle.multiselect("Status", sorted(figures["status"].unique()), key="statuses")
    areas = right.multiselect("Areas", sorted(figures["area_name"].unique()), key="areas")
    found, csv, parquet = data.catalogue(text, themes, statuses, areas)
    st.markdown(f"**{len(found):,} of {len(figures):,} figures**")
    st.dataframe(
        found,
        hide_index=True,
        width="stretch",
        height=480,
        column_config={
            "quote": st.column_config.TextColumn(width="large"),
            "figure": st.column_config.TextColumn(width="medium"),
        },
    )
    csv_column, parquet_column = st.columns(2)
    csv_column.download_button(
        "Download these figures (CSV)",
        csv,
        file_name="bromley-early-help_figures.csv",
        mime="text/csv",
        icon=":material/download:",
        key="figures-csv",
    )
    parquet_column.download_button(
        "Download these figures (Parquet)",
        parquet,
        file_name="bromley-early-help_figures.parquet",
        mime="application/vnd.apache.parquet",
        icon=":material/download:",
        key="figures-parquet",
    )

with quality:
    issues = data.table("data_quality")
    st.markdown(
        f"**{len(issues)} problems in the text**, none of them fixed silently: contradictions, units written wrongly, "
        "periods, units or geographies left out, figures lost to pictures, and sums that do not add up."
    )
    st.dataframe(
        issues[["kind", "summary", "explanation", "handling", "values", "quotes"]], hide_index=True, width="stretch"
    )

with arithmetic:
    checks = data.table("arithmetic_checks")
    consistent = int(checks["consistent"].sum())
    st.markdown(
        f"**{consistent} of {len(checks)}** changes, sums and shares the strategy states add up when recomputed from "
        "its own figures (allowing for how each is rounded); the others are listed under Data quality."
    )
    st.dataframe(
        checks[["consistent", "description", "verdict", "stated", "inputs", "input_values", "note"]],
        hide_index=True,
        width="stretch",
    )

with sources:
    st.dataframe(data.table("sources")[["citation", "source_line", "link", "note"]], hide_index=True, width="stretch")

with indicators:
    st.dataframe(
        data.table("indicators")[["title", "theme", "definition", "unit", "polarity", "observations"]],
        hide_index=True,
        width="stretch",
    )
