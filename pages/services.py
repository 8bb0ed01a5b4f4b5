"""Services and levels of need: the early help ecosystem and the four tiers of need."""

import streamlit as st

from charts.bars import category_bars
from components import data
from components.blocks import chart, missing, page_header
from insight.frames import layer_items

page_header(
    "Services and levels of need",
    "Early help is the work of many: family and friends, universal services such as schools, GPs and libraries, "
    "and more specialist services that families can turn to when needs are complex. The strategy pictures this "
    "as an ecosystem of four layers around the child and family, and sets out four tiers of need that decide "
    "who should help.",
)
counts = data.service_counts()
ecosystem = counts[counts["section_id"] == "ecosystem"]

st.subheader("Universal services, by life area", anchor=False)
left, right = st.columns(2)
for column, (area, message) in zip(
    [left, right, left, right],
    [
        ("health", "Health: 44 GP surgeries, 60 pharmacies, 50+ dentists and opticians, 8 well baby clinics"),
        ("learning", "Learning: 470 childminders, 101 pre-schools, 88 nurseries, 78 primary and 19 secondary schools"),
        ("community", "Community: 129 open spaces and parks, 26 railway stations, 15 libraries, 6 family centres"),
        ("money", "Money: 15,000+ businesses, 500+ voluntary organisations, 17 industry groups"),
    ],
    strict=True,
):
    with column:
        chart(
            category_bars,
            ecosystem[ecosystem["life_area"] == area].sort_values("value", ascending=False),
            title=message,
            what=f"the {area} services",
            kind="Bar chart",
            key=f"services-{area}",
            category="title",
            label_by="title",
            horizontal=True,
            note="'+' marks a lower bound (50+).",
        )

st.subheader("The four layers of the ecosystem", anchor=False)
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
        st.markdown("\n".join(f"- {item}" for item in layer_items(services, layer)))

st.subheader("Levels of need", anchor=False)
st.markdown("The Bromley Safeguarding Children Partnership's Thresholds of Need decide who should help a child:")
levels = data.table("levels_of_need")
for column, row in zip(st.columns(4), levels.itertuples(), strict=False):
    with column, st.container(border=True):
        st.markdown(f"**Tier {row.tier}: {row.referral}**")
        st.markdown(row.description)
st.caption("Source: the strategy's section 'Early help in Bromley > Understanding levels of need', quoted verbatim.")
