"""Overview: the headline picture for board members, one row per figure, with its direction and verdict."""

import streamlit as st

import definitions
from components import data
from components.blocks import page_header
from components.summary import as_at, summary_table
from insight.since import summary

page_header(
    "{home}'s children and families at a glance",
    "The strategy's headline figures, each the newest published (the strategy's own beside it where a newer release "
    "supersedes it): its change, whether that is **better** or **worse** for children, where {home} stands among "
    "England's authorities and beside London, England and its statistical neighbours. Open a figure for its charts.",
)
ids = [d.id for d in definitions.of_page("overview")]
st.markdown(as_at(ids))
summary_table(ids)
checks, issues = data.table("arithmetic_checks"), data.table("data_quality")
st.caption(
    f"The strategy's own arithmetic: {int(checks['consistent'].sum())} of {len(checks)} changes, sums and shares it "
    f"states add up when recomputed; {len(issues)} problems in the figures are listed under Data and sources."
)
sources = data.sources()
st.page_link(
    "pages/since.py",
    label=f"Since the strategy: {summary(sources.since, sources.areas.home_name, short=True)}",
    icon=":material/update:",
)
