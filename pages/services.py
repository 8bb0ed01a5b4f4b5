"""Services and levels of need: the early help ecosystem and the four tiers of need."""

import streamlit as st

from components import data
from components.blocks import missing, page_header, section, show
from insight.frames import layer_items
from insight.text import md

page_header(
    "Services and levels of need",
    "Early help is the work of many: family and friends, universal services such as schools, GPs and libraries, "
    "and more specialist services that families can turn to when needs are complex. The strategy pictures this "
    "as an ecosystem of layers around the child and family, and sets out tiers of need that decide who should help.",
)
show("services.health", "services.learning")
show("services.community", "services.money")

section("The layers of the ecosystem")
services = data.table("services")
layers = {
    "family_and_community": "Family, friends and community",
    "universal": "Universal services",
    "additional_support": "Additional support services",
}
if services.empty:
    missing("the services of the ecosystem")
for column, (layer, name) in zip(st.columns(3), layers.items(), strict=True):
    with column, st.container(border=True):
        st.markdown(f"**{name}**")
        st.markdown("\n".join(f"- {md(item)}" for item in layer_items(services, layer)))

section("Levels of need")
st.markdown("The Bromley Safeguarding Children Partnership's Thresholds of Need decide who should help a child:")
levels = data.table("levels_of_need")
for column, row in zip(st.columns(4), levels.itertuples(), strict=False):
    with column, st.container(border=True):
        st.markdown(f"**Tier {row.tier}: {md(row.referral)}**")
        st.markdown(md(row.description))
st.caption("Source: the strategy's section 'Early help in Bromley > Understanding levels of need', quoted verbatim.")
