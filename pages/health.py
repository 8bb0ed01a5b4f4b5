"""Health and wellbeing: pregnancy and birth, and children's emotional and mental health."""

import pandas as pd
import streamlit as st

from charts.bars import category_bars
from charts.compare import comparison_bars
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from components.cards import card_grid
from insight.frames import labelled, says, series
from insight.headlines import Card

page_header(
    "Health and wellbeing",
    "Teenage pregnancy in Bromley has fallen sharply and infant deaths are rare. Emotional and mental health is "
    "the growing concern: more pupils have social, emotional and mental health needs than in London or "
    "nationally, and referrals to Bromley Y, the front door for children's emotional wellbeing, are expected to "
    "rise by almost half.",
)
figures = data.figures()

st.subheader("Pregnancy and birth", anchor=False)
left, right = st.columns(2)
with left:
    chart(
        trend,
        pd.concat([series(figures, "teenage_conception_rate"), series(figures, "under16_conception_rate")]),
        title=lambda f: (
            "Teenage conceptions halved: from "
            f"{says(f[f.indicator_id == 'teenage_conception_rate'], '2013')} in 2013 to "
            f"{says(f[f.indicator_id == 'teenage_conception_rate'], '2020')} in 2020 (under 18s)"
        ),
        what="teenage conception rates",
        kind="Line chart",
        key="conceptions",
        by="indicator",
        labels={"teenage_conception_rate": "Under 18", "under16_conception_rate": "Under 16"},
        y_label="per 1,000 girls of the age",
        label_by="title",
    )
with right:
    chart(
        trend,
        series(figures, "infant_mortality_rate"),
        title="Infant deaths: 3.0 per 1,000 live births in 2015-17, 2.4 in 2017-19 and 2.9 in 2018-20",
        what="infant mortality",
        kind="Line chart",
        key="infant-mortality",
        note="Each figure pools three years; the periods overlap.",
    )

st.subheader("Emotional and mental health", anchor=False)
left, right = st.columns(2)
with left:
    chart(
        comparison_bars,
        series(figures, "semh_pupils_share"),
        title="3% of pupils have social, emotional and mental health needs, more than in London (2.5%) or nationally (2.7%)",
        what="pupils with social, emotional and mental health needs",
        kind="Bar chart",
        key="semh",
    )
with right:
    referrals = labelled(
        figures,
        {
            ("bromley_y_referrals", "current"): "In a typical full year",
            ("bromley_y_referrals", "2021/22"): "Made in 2021/22 (executive summary)",
            "bromley_y_referrals_expected": "Expected, based on 2021/22",
        },
    )
    chart(
        category_bars,
        referrals,
        title="Referrals to Bromley Y are expected to rise by 47%, from about 2,600 a year to 3,833",
        what="referrals to Bromley Y",
        kind="Bar chart",
        key="bromley-y",
        category="label",
        label_by="label",
        horizontal=True,
        note="The executive summary says about 3,800 were made in 2021/22; the body gives 3,833 as the number expected.",
    )
card_grid(
    figures,
    [
        Card("mental_health_admission_rate", page="pages/health.py"),
        Card("pregnant_women_mental_ill_health_share", page="pages/health.py"),
        Card("adult_depression_rank_london", page="pages/health.py"),
    ],
)
