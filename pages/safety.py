"""Safety: domestic abuse, youth justice and homelessness."""

import streamlit as st

from charts.bars import category_bars
from charts.trend import trend
from components import data
from components.blocks import chart, page_header
from components.cards import card_grid
from insight.frames import labelled, says, series
from insight.headlines import Card

page_header(
    "Safety",
    "Domestic abuse, contact with the youth justice system and homelessness are among the strongest threats to a "
    "child's development. Much domestic abuse is never reported, so these figures, mostly from police and "
    "council records, show only part of the picture.",
)
figures = data.figures()
here = "pages/safety.py"

st.subheader("Domestic abuse", anchor=False)
card_grid(
    figures,
    [
        Card(
            "domestic_abuse_incidents",
            page=here,
            meaning="Incidents recorded for intelligence where no crime was committed, such as a verbal argument.",
        ),
        Card("domestic_abuse_cases", page=here, meaning="Reported cases over the five years 2014 to 2019."),
    ],
    columns=2,
)

st.subheader("Youth justice", anchor=False)
left, right = st.columns(2)
with left:
    chart(
        category_bars,
        labelled(
            figures,
            {
                "yj_fixed_term_exclusion_share": "Had a fixed-term exclusion",
                "yj_witnessed_domestic_abuse_share": "Had witnessed domestic abuse at home",
                "yj_permanent_exclusion_share": "Had been permanently excluded",
            },
        ),
        title="Of the 125 young people in the youth justice system in 2018/19, 36% had been excluded for a fixed term and 23% had witnessed domestic abuse",
        what="the youth justice cohort's experiences",
        kind="Bar chart",
        key="yj-profile",
        category="label",
        label_by="label",
        horizontal=True,
    )
with right:
    chart(
        category_bars,
        labelled(
            figures,
            {
                ("yj_male_share", "youth justice cohort"): "Male",
                ("yj_male_share", "all children"): "Male",
                ("yj_white_share", "youth justice cohort"): "White heritage",
                ("yj_white_share", "all children"): "White heritage",
            },
        ),
        title="91% of young people in youth justice were boys, against 51% of all children; 56% were of White heritage, against 69%",
        what="the youth justice cohort against all children",
        kind="Bar chart",
        key="yj-comparison",
        category="label",
        label_by="label",
        horizontal=True,
        colour_by="breakdown",
    )

st.subheader("Homelessness", anchor=False)
left, right = st.columns(2)
with left:
    chart(
        trend,
        series(figures, "young_people_accepted_homeless"),
        title=lambda f: (
            f"Young people aged 16 to 24 accepted as homeless fell from {says(f, '2015/16')} to {says(f, '2016/17')} in a year"
        ),
        what="young people accepted as homeless",
        kind="Line chart",
        key="young-homeless",
    )
with right:
    chart(
        category_bars,
        series(figures, "homeless_acceptances_change", breakdowns=["Black, Asian or other ethnic heritage", "White"]),
        title="Since 2012/13, acceptances as homeless rose 38% for people of Black, Asian or other ethnic heritage, 7% for White people",
        what="the change in homelessness acceptances by ethnic heritage",
        kind="Bar chart",
        key="homeless-ethnicity",
        label_by="breakdown",
        horizontal=True,
    )
card_grid(figures, [Card("homeless_lone_parent_share", page=here)], columns=3)
