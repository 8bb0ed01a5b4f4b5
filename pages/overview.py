"""Overview: the headline picture for board members, one row per figure, with its direction and verdict."""

import streamlit as st

import definitions
from components import data
from components.blocks import page_header
from components.since import since_table
from components.summary import as_at, summary_table

page_header(
    "{home}'s children and families at a glance",
    "The headline figures of the Early Help Strategy, each with its period, its change since the previous "
    "published figure, whether that is **better** or **worse** for children, and how it compares with London, "
    "England or the nation. Open a figure for its charts, or **Data and sources** for the sentence behind it.",
)
ids = [d.id for d in definitions.of_page("overview")]
st.markdown(as_at(ids))
summary_table(ids)
checks, issues = data.table("arithmetic_checks"), data.table("data_quality")
st.caption(
    f"The strategy's own arithmetic: {int(checks['consistent'].sum())} of {len(checks)} changes, sums and shares it "
    f"states add up when recomputed; {len(issues)} problems in the text are listed under Data and sources."
)

st.header("Since the strategy", anchor=False)
since_table(details=False)
st.page_link("pages/since.py", label="Each figure's quote, release and reason", icon=":material/update:")
