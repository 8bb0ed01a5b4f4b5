"""How the home area compares: its rank among its statistical neighbours (or the authorities of its part of the
region, its region or its country) on a published rate, share or score, their average beside the region's and
the country's figures, the authorities an analyst chooses, and every published indicator against England."""

import streamlit as st

from components.blocks import page_header, section
from components.compare import against_england, choose_comparators, choose_group, choose_indicator, league_view

page_header(
    "How {home} compares",
    "Where a public release gives every local authority's figure, this page ranks {home} among its statistical "
    "neighbours (the authorities most like it, by the Department for Education's model) or among the authorities "
    "of its part of the region, its region or the country, sets it beside their average and the region's and the "
    "country's figures, draws where every authority stands, and sets it beside the authorities you choose. Counts "
    "are not ranked: they measure a borough's size. The chosen indicator, group and authorities stay in the link.",
)
indicator = choose_indicator()
group = choose_group() if indicator else None
if indicator and group:
    league_view(indicator, group, choose_comparators(group))
section("Against England, every published indicator")
st.markdown(
    "Each public indicator's newest figure for the borough beside England's. A difference is called higher or "
    "lower only where the publisher gives a confidence interval and the whole interval is on one side."
)
against_england()
