"""Deprivation and income: an affluent borough, with wealth not equally shared."""

import streamlit as st

from charts.compare import comparison_bars
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from insight.frames import says, series

page_header(
    "Deprivation and income",
    "In general Bromley is an affluent borough: the **4th least deprived** of the 33 London boroughs, with average "
    "full-time earnings above the London and national averages. But the wealth is not equally shared: 8.3% of "
    "households have no adult in paid work (8,700 households) and 13% of children live in low-income families.",
)
figures = data.figures()

left, right = st.columns(2)
with left:
    chart(
        comparison_bars,
        series(figures, "weekly_earnings"),
        title=lambda f: (
            f"Full-time workers in Bromley earn {says(f, 'current')} on average, more than in London or nationally"
        ),
        what="average weekly earnings",
        kind="Bar chart",
        key="earnings",
    )
with right:
    chart(
        comparison_bars,
        series(figures, "workless_households_share"),
        title=lambda f: (
            f"{says(f, 'current')} of Bromley households have no adult in paid work, fewer than in London or nationally"
        ),
        what="workless households",
        kind="Bar chart",
        key="workless",
        note="8.3% is 8,700 households by the strategy's count; 8,700 is 6.4% of all 135,036 households, so the two "
        "use different totals (see Data and sources).",
    )
chart(
    trend,
    series(figures, "children_low_income_share"),
    title=lambda f: (
        f"The share of children in low-income families fell from {says(f, '2011')} in 2011 to {says(f, '2016')} in 2016"
    ),
    what="children in low-income families",
    kind="Line chart",
    key="low-income",
    note="The strategy writes the fall as '3.7%'; it is 3.7 percentage points (a 22% fall).",
)
