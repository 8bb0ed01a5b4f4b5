"""Population and projections: residents, children, their share, ages and households."""

import streamlit as st

from charts.bars import category_bars
from charts.trend import steps, trend
from components import data
from components.blocks import chart, page_header
from insight.frames import count_and_share_labels, says, series

page_header(
    "Population and projections",
    "About **330,000 people** live in Bromley, **73,400** of them children aged 18 and under (Census 2021). "
    "The Greater London Authority expects the population to keep growing slowly to 2041 while the number of "
    "children falls, so children will be a smaller share of the borough. Projections are drawn dashed, in a "
    "shaded future.",
)
figures = data.figures()

chart(
    trend,
    series(figures, "residents"),
    title=lambda f: (
        f"The population is projected to grow slowly, from {says(f, '2021')} in 2021 to {says(f, '2041')} by 2041"
    ),
    what="the number of residents",
    kind="Line chart",
    key="residents",
)
chart(
    trend,
    series(figures, "children"),
    title=lambda f: (
        f"The number of children is projected to fall by 15%, from {says(f, '2021')} to {says(f, '2041')} by 2041"
    ),
    what="the number of children",
    kind="Line chart",
    key="children",
    note="The Census 2021 count printed elsewhere in the strategy is 73,400, not 73,200: both are kept (see Data and sources).",
)
chart(
    trend,
    series(figures, "children_share"),
    title=lambda f: (
        f"Children are a shrinking share of residents: {says(f, '2011')} in 2011, {says(f, '2041')} projected for 2041"
    ),
    what="the share of residents who are children",
    kind="Line chart",
    key="children-share",
)
left, right = st.columns(2)
with left:
    ages = series(figures, "children_census", breakdowns=["age 0-4", "age 5-9", "age 10-14", "age 15-18"])
    chart(
        category_bars,
        ages,
        title="Children by age in 2021: about a quarter in each five-year band",
        what="children by age band",
        kind="Bar chart",
        key="ages",
        label_by="breakdown",
        text=count_and_share_labels(ages, series(figures, "children_census_share")),
        note="The four bands add up to 73,200, not the 73,400 total printed beside them.",
    )
with right:
    sexes = series(figures, "children_census", breakdowns=["female", "male"])
    chart(
        category_bars,
        sexes,
        title="Children by sex in 2021: 49% girls, 51% boys",
        what="children by sex",
        kind="Bar chart",
        key="sexes",
        label_by="breakdown",
        text=count_and_share_labels(sexes, series(figures, "children_census_share")),
        note="Girls and boys add up to 73,300. The strategy has no data on children of other gender identities.",
    )
chart(
    steps,
    series(figures, "households"),
    title=lambda f: (
        f"Households grew by 5% over 20 years to {says(f, 'current')}, and are expected to reach {says(f, '20 years later')}"
    ),
    what="the number of households",
    kind="Line chart",
    key="households",
    order=["20 years earlier", "current", "20 years later"],
    note="The Housing Strategy gives these figures 20 years apart without naming the years.",
)
