"""Explore any figure: any indicators in any areas, over time, with the changes between two periods, in a link
that reopens the same view."""

import streamlit as st

from components.blocks import page_header, section
from components.explorer import breakdowns, change_table, chart, figures, options, pick, view

page_header(
    "Explore any figure",
    "Find indicators by the words of their title, theme, definition or publisher, pick the areas, and see them "
    "over time: observed figures solid, projections dashed, published confidence intervals as bands, the "
    "strategy's own figures ringed. The page's link keeps every choice: send it to a colleague and they see "
    "the same chart.",
)
picked = pick()
if not picked.indicators or not picked.areas:
    st.info("Pick at least one indicator and one area to draw them.")
else:
    read = figures(picked)
    drawn_view = view(picked, breakdowns(read), options(read.periods))
    chart(drawn_view)
    section("Changes between two periods")
    change_table(drawn_view)
