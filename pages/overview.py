"""Overview: the headline picture for board members, each figure with its direction and meaning."""

import streamlit as st

from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from components.cards import card_grid
from insight.frames import says, series
from insight.headlines import Card

page_header(
    "Bromley's children and families at a glance",
    "The headline figures of Bromley's Early Help Strategy (our vision for 2030), each with the period it covers, "
    "the direction since the previous published figure, and whether that is **better** or **worse** for children "
    "(said in words as well as colour). Every number is traced to the sentence of the strategy that states it: "
    "open a theme for the charts, or **Data and sources** for the quotes.",
)
figures = data.figures()
GROUPS = {
    "The borough": [
        Card("residents", "pages/population.py", "Everyone living in Bromley, the Greater London Authority's figure."),
        Card(
            "children_census",
            "pages/population.py",
            "Children and young people aged 0 to 18, counted by the 2021 Census.",
        ),
        Card("households", "pages/population.py", "Households in the borough, from the Council's Housing Strategy."),
    ],
    "Income and learning": [
        Card("children_low_income_share", "pages/deprivation.py", "Children living in families on a low income."),
        Card("workless_households_share", "pages/deprivation.py", "Households in which no adult is in paid work."),
        Card(
            "attainment8",
            "pages/education.py",
            "Average GCSE-level results at 16 (a points score from 0 to 90).",
            period="2019",
        ),
        Card(
            "early_learning_goals_gap",
            "pages/education.py",
            "How far children on free school meals trail all children at age 5 (all early learning goals).",
            breakdown="FSM eligible",
        ),
        Card(
            "semh_pupils_share",
            "pages/health.py",
            "Pupils whose main special need is social, emotional and mental health.",
        ),
        Card("teenage_conception_rate", "pages/health.py", "Conceptions to girls under 18; fewer is better."),
    ],
    "Safety and care": [
        Card("mash_enquiries", "pages/social_care.py", "Concerns about children raised with the safeguarding hub."),
        Card(
            "csc_referrals", "pages/social_care.py", "Children referred to social care; more referrals mean more need."
        ),
        Card(
            "re_referrals_share", "pages/social_care.py", "Referrals about a child referred in the previous 12 months."
        ),
        Card(
            "children_on_protection_plan",
            "pages/social_care.py",
            "Children at risk of significant harm, at any one time.",
        ),
        Card("children_in_care", "pages/social_care.py", "Children looked after by the Council, at any one time."),
        Card(
            "domestic_abuse_incidents",
            "pages/safety.py",
            "Non-crime incidents recorded by the police, such as verbal arguments.",
        ),
        Card(
            "late_intervention_cost_per_person",
            "pages/cost.py",
            "What acute and statutory services cost each year when problems are not prevented.",
        ),
    ],
}
for heading, cards in GROUPS.items():
    st.subheader(heading, anchor=False)
    card_grid(figures, cards)

chart(
    trend,
    series(figures, "children"),
    title=lambda f: f"Fewer children ahead: {says(f, '2021')} in 2021, projected to fall to {says(f, '2041')} by 2041",
    what="the number of children",
    kind="Line chart",
    key="overview-children",
    note="Projections are dashed, in the shaded future.",
)
checks = data.table("arithmetic_checks")
st.info(
    f"The strategy's own arithmetic: {int(checks['consistent'].sum())} of {len(checks)} changes, sums and shares it "
    f"states add up when recomputed from its figures. {len(data.table('data_quality'))} problems in the text are "
    "listed, not silently fixed, under Data and sources.",
    icon=":material/fact_check:",
)
