"""Children's social care: demand at the front door, and children in need, on plans and in care."""

import pandas as pd
import streamlit as st

from charts.bars import category_bars
from charts.snapshot import ranges
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from insight.frames import labelled, says, series

page_header(
    "Children's social care",
    "Early help aims to keep children out of statutory care wherever possible. Demand at the front door has "
    "risen: more enquiries to the Multi Agency Safeguarding Hub (MASH) and more referrals, and a larger share of "
    "referrals about children referred in the previous year. The strategy gives the numbers of children in need, "
    "on a protection plan and in care as ranges and bounds, drawn here as such.",
)
figures = data.figures()

chart(
    trend,
    pd.concat([series(figures, "mash_enquiries"), series(figures, "csc_referrals")]),
    title=lambda f: (
        f"Demand is rising: MASH enquiries rose to {says(f[f.indicator_id == 'mash_enquiries'], '2019/20')} in 2019/20 "
        f"and referrals to {says(f[f.indicator_id == 'csc_referrals'], '2021/22')} in 2021/22"
    ),
    what="MASH enquiries and referrals",
    kind="Line chart",
    key="front-door",
    by="indicator",
    labels={"mash_enquiries": "MASH enquiries", "csc_referrals": "Referrals to children's social care"},
    label_by="title",
)
left, right = st.columns(2)
with left:
    chart(
        trend,
        series(figures, "re_referrals_share"),
        title=lambda f: (
            f"Re-referrals within 12 months rose from {says(f, '2018/19')} to {says(f, '2019/20')} of referrals in a year"
        ),
        what="re-referrals",
        kind="Line chart",
        key="re-referrals",
    )
with right:
    chart(
        category_bars,
        labelled(
            figures,
            {
                ("icpc_child_protection_plans", "2018/19"): "2018/19",
                ("icpc_child_protection_plans", "not stated"): "Later (year not stated)",
            },
        ),
        title="411 initial child protection conferences led to a plan, up from 340 in 2018/19",
        what="initial child protection conferences leading to a plan",
        kind="Bar chart",
        key="icpc",
        category="label",
        label_by="label",
        note="The strategy does not give the year of the 411.",
    )
chart(
    ranges,
    pd.concat(
        [
            series(figures, i)
            for i in ["children_in_need", "children_on_protection_plan", "children_in_care", "care_leavers"]
        ]
    ),
    title="At any one time: 800 to 950 children in need, 250 to 300 on a protection plan, under 350 in care, and about 200 care leavers supported",
    what="children in need, on a plan and in care",
    kind="Range chart",
    key="snapshot",
    label_by="title",
)
