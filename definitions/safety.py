"""Safety: domestic abuse, youth justice and homelessness."""

from charts.bars import category_bars
from charts.trend import trend
from definitions.model import Card, Chart, Draw

ABUSE = "Domestic abuse"
JUSTICE = "Youth justice"
HOMELESS = "Homelessness"

DEFINITIONS = [
    Card(
        id="safety.domestic_abuse_incidents",
        section=ABUSE,
        indicator="domestic_abuse_incidents",
        meaning="Incidents recorded for intelligence where no crime was committed, such as a verbal argument.",
    ),
    Card(
        id="safety.domestic_abuse_cases",
        section=ABUSE,
        indicator="domestic_abuse_cases",
        meaning="Reported cases of domestic abuse over the period given.",
    ),
    Chart(
        id="safety.youth_justice_profile",
        section=JUSTICE,
        builder=category_bars,
        draws=Draw(
            ("yj_fixed_term_exclusion_share", "yj_witnessed_domestic_abuse_share", "yj_permanent_exclusion_share"),
            labels={
                "yj_fixed_term_exclusion_share": "Had a fixed-term exclusion",
                "yj_witnessed_domestic_abuse_share": "Had witnessed domestic abuse at home",
                "yj_permanent_exclusion_share": "Had been permanently excluded",
            },
        ),
        message="Of the {yj_young_people.latest} young people in the youth justice system "
        "{yj_young_people.latest_when}, {yj_fixed_term_exclusion_share.latest} had been excluded for a fixed term "
        "and {yj_witnessed_domestic_abuse_share.latest} had witnessed domestic abuse",
        what="the youth justice cohort's experiences",
        options={"category": "label", "horizontal": True},
    ),
    Chart(
        id="safety.youth_justice_against_all_children",
        section=JUSTICE,
        builder=category_bars,
        draws=Draw(
            ("yj_male_share", "yj_white_share"),
            labels={
                ("yj_male_share", "youth justice cohort"): "Boys",
                ("yj_male_share", "all children"): "Boys",
                ("yj_white_share", "youth justice cohort"): "White heritage",
                ("yj_white_share", "all children"): "White heritage",
            },
        ),
        message="{yj_male_share[youth justice cohort].latest} of young people in youth justice were boys, against "
        "{yj_male_share[all children].latest} of all children; {yj_white_share[youth justice cohort].latest} were "
        "of White heritage, against {yj_white_share[all children].latest}",
        what="the youth justice cohort against all children",
        options={"category": "label", "horizontal": True, "colour_by": "breakdown"},
    ),
    Chart(
        id="safety.young_people_homeless",
        section=HOMELESS,
        builder=trend,
        draws=Draw(("young_people_accepted_homeless",)),
        message="{young_people_accepted_homeless.title} {young_people_accepted_homeless.direction} from "
        "{young_people_accepted_homeless.previous} to {young_people_accepted_homeless.latest} "
        "{young_people_accepted_homeless.latest_when}",
        what="young people accepted as homeless",
    ),
    Chart(
        id="safety.homeless_by_ethnicity",
        section=HOMELESS,
        builder=category_bars,
        draws=Draw(("homeless_acceptances_change",), breakdowns=("Black, Asian or other ethnic heritage", "White")),
        message="Acceptances as homeless {homeless_acceptances_change[White].latest_when}: "
        "{homeless_acceptances_change[Black, Asian or other ethnic heritage].latest} for people of Black, Asian or "
        "other ethnic heritage, {homeless_acceptances_change[White].latest} for White people",
        what="the change in homelessness acceptances by ethnic heritage",
        options={"horizontal": True},
        label_by="breakdown",
    ),
    Card(id="safety.homeless_lone_parents", section=HOMELESS, indicator="homeless_lone_parent_share"),
]
