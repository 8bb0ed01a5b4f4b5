"""How the home area compares: its rank among the authorities of its region and country on a published rate,
share or score, beside the authorities an analyst chooses, and every published indicator against England."""

import streamlit as st

from components import data
from components.blocks import page_header, section
from components.compare import against_england, choose_comparators, choose_indicator, league_view

page_header(
    "How {home} compares",
    "Where a public release gives every local authority's figure, this page ranks {home} among the authorities "
    "of its region and of England, draws where every authority stands, and sets it beside the authorities you "
    "choose. Counts are not ranked: they measure a borough's size. The chosen indicator and authorities stay in "
    "the page's link.",
)
indicator = choose_indicator()
if indicator:
    chosen = choose_comparators(data.sources().areas.home)
    league_view(indicator, chosen)
section("Against England, every published indicator")
st.markdown(
    "Each public indicator's newest figure for the borough beside England's. A difference is called higher or "
    "lower only where the publisher gives a confidence interval and the whole interval is on one side."
)
against_england()
