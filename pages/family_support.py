"""Family support and referrals: early help reaching families, and families moving to and from social care."""

import pandas as pd
import streamlit as st

from charts.bars import category_bars
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from components.cards import card_grid
from insight.frames import labelled, says, series
from insight.headlines import Card

page_header(
    "Family support and referrals",
    "Bromley's Early Intervention and Family Support service works with families before problems grow: through "
    "six Children and Family Centres, the Bromley Children Project and the Common Assessment Framework (CAF). "
    "Families also move between early help and statutory social care: 'stepped up' when needs grow, 'stepped "
    "down' when statutory support ends.",
)
figures = data.figures()
card_grid(
    figures,
    [
        Card(
            "family_centre_users",
            page="pages/family_support.py",
            meaning="The last full year before the COVID-19 pandemic.",
        )
    ],
    columns=3,
)

chart(
    trend,
    pd.concat([series(figures, "bcp_families"), series(figures, "bcp_children")]),
    title=lambda f: (
        "The Bromley Children Project reached more families: "
        f"{says(f[f.indicator_id == 'bcp_families'], '2020/21')} in 2020/21, up 12% since 2017/18, with "
        f"{says(f[f.indicator_id == 'bcp_children'], '2020/21')} children"
    ),
    what="families and children supported by the Bromley Children Project",
    kind="Line chart",
    key="bcp",
    by="indicator",
    labels={"bcp_families": "Families", "bcp_children": "Children in those families"},
    label_by="title",
    note="The 2017/18 values are not published: they are derived from the stated rises (12% and 24%) and drawn as open markers.",
)
left, right = st.columns(2)
with left:
    chart(
        trend,
        series(figures, "family_support_assessments"),
        title=lambda f: (
            f"Family support assessments rose from {says(f, '2018/19')} in 2018/19 to {says(f, '2020/21')} in 2020/21"
        ),
        what="family support assessments",
        kind="Line chart",
        key="assessments",
    )
with right:
    chart(
        trend,
        series(figures, "caf_completed"),
        title=lambda f: f"Fewer CAFs: {says(f, '2021/22')} in 2021/22 against {says(f, '2018/19')} in 2018/19",
        what="Common Assessment Frameworks completed",
        kind="Line chart",
        key="cafs",
        note="The strategy calls this a 21% decrease; 709 to 588 is a fall of 17.1% (see Data and sources).",
    )
flows = labelled(
    figures,
    {
        "bcp_step_down_families": "Bromley Children Project: stepped down from social care",
        "bcp_step_up_families": "Bromley Children Project: stepped up to social care",
        "caf_step_down": "CAF: stepped down from social care",
        "caf_step_up_families": "CAF: stepped up to social care",
    },
)
chart(
    category_bars,
    flows,
    title="In 2019/20, 169 families were stepped down to the Bromley Children Project and 46 stepped up to social "
    "care; 121 CAFs were stepped down and 215 families stepped up",
    what="families stepped up and down",
    kind="Bar chart",
    key="steps",
    category="label",
    label_by="label",
    horizontal=True,
)
