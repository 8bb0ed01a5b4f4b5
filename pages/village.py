"""Our borough, the village: the borough's children as a village of 100."""

import streamlit as st

from components.blocks import missing, page_header, section, show
from components.state import url_choice
from components.village import village
from insight.text import md

page_header(
    "Our borough, the village",
    "One of the easiest ways of picturing the make-up of the borough is as a village of children. The strategy "
    "draws {home}'s children that way: by ethnic group, and by the circumstances some of them live in. Every count "
    "below is the strategy's own; the grids only draw them.",
)
village_view = village()

show("village.ethnic_groups")
st.markdown(village_view.sentence)

section("Among the same children")
if not village_view.circumstances:
    missing("the circumstances of the village's children")
else:
    chosen = url_choice("Show the children who…", list(village_view.circumstances), key="circumstance")
    st.markdown(f"**What it means:** {md(village_view.circumstances[chosen])}")
    show("village.circumstance", chosen=chosen)
    show("village.all_circumstances")

show("village.heritage_over_time")
show("village.classroom")
rounding = st.expander("How the classroom was rounded", key="classroom-rounding", on_change="rerun")
if rounding.open:  # drawn only when opened, like a chart's data
    with rounding:
        st.markdown(
            "Each group gets the whole part of its exact share of the classroom, then the children still to place go "
            "to the largest remainders (ties: larger share first, then the strategy's order). So the classroom always "
            "adds up and no group is more than one child away from its exact share."
        )
        if village_view.classroom is None:
            missing("the village's ethnic groups")
        else:
            st.dataframe(village_view.classroom, hide_index=True)
