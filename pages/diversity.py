"""Diversity: the growing share of residents and children from Black, Asian or other ethnic heritage."""

import pandas as pd
import streamlit as st

from charts.bars import category_bars
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from insight.frames import says, series

page_header(
    "Diversity",
    "Bromley is becoming more diverse, and its children more so than its adults: **31%** of resident children "
    "were from a Black, Asian or other ethnic heritage in 2021, against **21%** of all residents, and both shares "
    "are expected to keep rising. Many pupils cross the borough boundary to go to school, so Bromley's schools "
    "differ from its resident population.",
)
figures = data.figures()
shares = pd.concat(
    [series(figures, "minority_ethnic_share_children"), series(figures, "minority_ethnic_share_residents")]
)

chart(
    trend,
    shares,
    title=lambda f: (
        "Children are more diverse than adults: "
        f"{says(f[f.indicator_id == 'minority_ethnic_share_children'], '2021')} of children were from a Black, Asian "
        "or other ethnic heritage in 2021, expected to reach "
        f"{says(f[f.indicator_id == 'minority_ethnic_share_children'], '2041')} by 2041"
    ),
    what="the shares of residents and children from Black, Asian or other ethnic heritage",
    kind="Line chart",
    key="minority-ethnic-shares",
    by="indicator",
    labels={"minority_ethnic_share_children": "Children", "minority_ethnic_share_residents": "All residents"},
    label_by="title",
    note="The strategy writes the rises as '5%', '8%' and '7%'; they are percentage points.",
)
left, right = st.columns(2)
with left:
    chart(
        category_bars,
        series(figures, "white_share_children", breakdowns=["resident children", "pupils in Bromley schools"]),
        title="In 2019, 70% of resident children but 67% of pupils in Bromley's schools were from White heritage",
        what="the share of children from White heritage",
        kind="Bar chart",
        key="white-share-children",
        label_by="breakdown",
        horizontal=True,
    )
with right:
    migration = pd.concat([series(figures, "pupils_leaving_borough"), series(figures, "pupils_entering_borough")])
    chart(
        category_bars,
        migration,
        title="Just over 4,500 Bromley children go to school elsewhere; almost 5,900 come in from outside",
        what="pupils crossing the borough boundary",
        kind="Bar chart",
        key="pupil-migration",
        category="title",
        label_by="title",
        horizontal=True,
    )
