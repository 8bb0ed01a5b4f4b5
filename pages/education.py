"""Education and attainment gaps: high attainment overall, and the gaps for children on free school meals."""

import pandas as pd
import streamlit as st

from charts.bars import category_bars
from charts.compare import comparison_bars
from charts.gap import dumbbell
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from insight.frames import gap, says, series

page_header(
    "Education and attainment gaps",
    "Children in Bromley's schools gain high levels of qualifications, and almost all schools are rated Good or "
    "Outstanding. But children eligible for free school meals (an income-related benefit) do less well than "
    "others, from the early years to GCSE, and the gap is also seen for children of Black heritage. The latest "
    "attainment data in the strategy is from 2019.",
)
figures = data.figures()

columns = st.columns(3)
for column, indicator, message in zip(
    columns,
    ["attainment8", "grade5_english_maths_share", "ks2_expected_standard_share"],
    [
        "Attainment 8 at 16: {b} in Bromley, {c} in England",
        "Grade 5 or above in English and maths: {b} against {c}",
        "Primary pupils meeting the expected standard: {b} against {c} nationally",
    ],
    strict=True,
):
    with column:
        rows = series(figures, indicator, breakdowns=["all"])
        rows = rows[rows["period"] == "2019"]
        chart(
            comparison_bars,
            rows,
            title=lambda f, m=message: m.format(
                b=says(f, "2019"), c=says(f, "2019", area=f.loc[f.area_code != "E09000006", "area_code"].iloc[0])
            ),
            what=f"the 2019 results for {indicator}",
            kind="Bar chart",
            key=f"{indicator}-2019",
        )

chart(
    dumbbell,
    series(figures, "attainment8", breakdowns=["FSM eligible", "all other pupils"]),
    title=lambda f: (
        "The Attainment 8 gap between pupils on free school meals and the rest widened, from "
        f"{gap(f, '2015-16', 'FSM eligible', 'all other pupils'):.1f} to "
        f"{gap(f, '2019-20', 'FSM eligible', 'all other pupils'):.1f} points (derived from the published scores)"
    ),
    what="Attainment 8 for pupils eligible for free school meals",
    kind="Dumbbell chart",
    key="a8-fsm-gap",
    label_by="breakdown",
    group="FSM eligible",
    reference="all other pupils",
    note="The strategy writes these scores as percentages (39.7%, 38.8%, 55%, 56.4%); Attainment 8 is a points score.",
)
elg = series(figures, "early_learning_goals_share")
elg_gaps = series(figures, "early_learning_goals_gap")
left, right = st.columns(2)
with left:
    chart(
        dumbbell,
        elg[elg["breakdown"].isin(["FSM eligible", "all"])],
        title="At age 5, the gap for children on free school meals narrowed only slightly: 21 points in 2013, 20 in 2019",
        what="early learning goals by free school meal eligibility",
        kind="Dumbbell chart",
        key="elg-fsm-gap",
        label_by="breakdown",
        group="FSM eligible",
        reference="all",
        published_gaps=elg_gaps,
        note="'all' is all pupils. The strategy writes the gaps as '21%' and '20%'; they are percentage points.",
    )
with right:
    chart(
        dumbbell,
        elg[elg["breakdown"].isin(["Black heritage", "all"])],
        title="For children of Black heritage the gap at age 5 narrowed from 12 points in 2013 to 10 in 2019",
        what="early learning goals for children of Black heritage",
        kind="Dumbbell chart",
        key="elg-black-gap",
        label_by="breakdown",
        group="Black heritage",
        reference="all",
        published_gaps=elg_gaps,
        note="'all' is all pupils. The gaps are percentage points, written in the strategy as '12%' and '10%'.",
    )

left, right = st.columns(2)
with left:
    chart(
        trend,
        series(figures, "elective_home_education"),
        title=lambda f: (
            f"Children educated at home rose from {says(f, '2011/12')} in 2011/12 to {says(f, '2019/20')} in 2019/20"
        ),
        what="children electively home educated",
        kind="Line chart",
        key="home-education",
    )
with right:
    chart(
        category_bars,
        pd.concat(
            [
                series(figures, "children_missing_education_referrals"),
                series(figures, "intention_to_delete_notifications"),
            ]
        ),
        title="In 2019/20 the Education Welfare Service received 530 Child Missing Education referrals and 1,980 notices to delete pupils from a roll",
        what="Education Welfare Service referrals and notifications",
        kind="Bar chart",
        key="missing-education",
        category="title",
        label_by="title",
        horizontal=True,
    )
left, right = st.columns(2)
with left:
    chart(
        category_bars,
        pd.concat([series(figures, "sen_support_pupils"), series(figures, "ehc_plan_pupils")]),
        title="6,500 pupils need support for special educational needs; 2,900 have an Education, Health and Care plan",
        what="pupils with special educational needs",
        kind="Bar chart",
        key="sen",
        category="title",
        label_by="title",
        horizontal=True,
    )
with right:
    chart(
        category_bars,
        pd.concat(
            [series(figures, "schools_good_outstanding_share"), series(figures, "early_years_good_outstanding_share")]
        ),
        title="97% of schools and 99% of early years settings are rated Good or Outstanding",
        what="Ofsted ratings",
        kind="Bar chart",
        key="ofsted",
        category="title",
        label_by="title",
        horizontal=True,
    )
