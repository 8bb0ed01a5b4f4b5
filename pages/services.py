"""Services and levels of need: the early help ecosystem and the four tiers of need."""

import streamlit as st

from components.blocks import missing, page_header, section, show
from components.ecosystem import ecosystem

page_header(
    "Services and levels of need",
    "Early help is the work of many: family and friends, universal services such as schools, GPs and libraries, "
    "and more specialist services that families can turn to when needs are complex. The strategy pictures this "
    "as an ecosystem of layers around the child and family, and sets out tiers of need that decide who should help.",
)
show("services.health", "services.learning")
show("services.community", "services.money")

section("The layers of the ecosystem")
ecosystem_view = ecosystem()
if not ecosystem_view.has_services:
    missing("the services of the ecosystem")
for column, (name, items) in zip(st.columns(3), ecosystem_view.layers, strict=True):
    with column, st.container(border=True):
        st.markdown(f"**{name}**\n\n{items}")  # one element, not two: every element is sent on every rerun

section("Levels of need")
st.markdown("The Bromley Safeguarding Children Partnership's Thresholds of Need decide who should help a child:")
for column, (heading, description) in zip(st.columns(4), ecosystem_view.tiers, strict=False):
    with column, st.container(border=True):
        st.markdown(f"{heading}\n\n{description}")
st.caption("Source: the strategy's section 'Early help in Bromley > Understanding levels of need', quoted verbatim.")
