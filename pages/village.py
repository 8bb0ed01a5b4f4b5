"""Our borough, the village: the borough's children as a village of 100."""

import streamlit as st

import definitions
from components import data
from components.blocks import missing, page_header, section, show
from components.state import url_choice
from insight.text import md
from insight.village import apportion, audit_table

page_header(
    "Our borough, the village",
    "One of the easiest ways of picturing the make-up of the borough is as a village of children. The strategy "
    "draws {home}'s children that way: by ethnic group, and by the circumstances some of them live in. Every count "
    "below is the strategy's own; the grids only draw them.",
)
village = data.table("village")
ethnic = village[village["group_type"] == "ethnicity"]
circumstances = village[village["group_type"] == "characteristic"]

show("village.ethnic_groups")
st.markdown(" · ".join(f"**{row.count}** would be {md(row.group)}" for row in ethnic.itertuples()))

section("Among the same children")
if circumstances.empty:
    missing("the circumstances of the village's children")
else:
    chosen = url_choice("Show the children who…", list(circumstances["group"]), key="circumstance")
    meaning = circumstances.loc[circumstances["group"] == chosen, "meaning"].iloc[0]
    st.markdown(f"**What it means:** {md(meaning)}")
    show("village.circumstance", chosen=chosen)
    show("village.all_circumstances")

show("village.heritage_over_time")
show("village.classroom")
with st.expander("How the classroom was rounded"):
    st.markdown(
        "Each group gets the whole part of its exact share of the classroom, then the children still to place go to "
        "the largest remainders (ties: larger share first, then the strategy's order). So the classroom always adds "
        "up and no group is more than one child away from its exact share."
    )
    if ethnic.empty:
        missing("the village's ethnic groups")
    else:
        size = definitions.get("village.classroom").options["size"]
        shares = dict(zip(ethnic["group"], ethnic["count"], strict=True))
        st.dataframe(audit_table(apportion(shares, size)), hide_index=True)
