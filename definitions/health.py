"""Health and wellbeing: pregnancy and birth, and children's emotional and mental health."""

from charts.bars import category_bars
from charts.compare import comparison_bars
from charts.trend import trend
from definitions.model import Card, Chart, Draw

BIRTH = "Pregnancy and birth"
MENTAL = "Emotional and mental health"
INJURIES = "Injuries"

DEFINITIONS = [
    Chart(
        id="health.conceptions",
        section=BIRTH,
        builder=trend,
        draws=Draw(("teenage_conception_rate", "under16_conception_rate")),
        message="{teenage_conception_rate.title} {teenage_conception_rate.direction_since_first} from "
        "{teenage_conception_rate.first} {teenage_conception_rate.first_when} to {teenage_conception_rate.latest} "
        "{teenage_conception_rate.latest_when}",
        what="teenage conception rates",
        options={"by": "indicator"},
        label_by="title",
    ),
    Chart(
        id="health.infant_mortality",
        section=BIRTH,
        builder=trend,
        draws=Draw(("infant_mortality_rate",)),
        message="{infant_mortality_rate.title}: {infant_mortality_rate.latest:long} "
        "{infant_mortality_rate.latest_when}, against {infant_mortality_rate.previous} "
        "{infant_mortality_rate.previous_when}",
        what="infant mortality",
        note="Each figure pools several years, so the periods overlap.",
    ),
    Chart(
        id="health.semh_pupils",
        section=MENTAL,
        builder=comparison_bars,
        draws=Draw(("semh_pupils_share",)),
        message="{semh_pupils_share.latest} of pupils have social, emotional and mental health needs, "
        "{semh_pupils_share.compared}",
        what="pupils with social, emotional and mental health needs",
    ),
    Chart(
        id="health.bromley_y",
        section=MENTAL,
        builder=category_bars,
        draws=Draw(
            ("bromley_y_referrals", "bromley_y_referrals_expected"),
            labels={
                "bromley_y_referrals": "Made ({period})",
                "bromley_y_referrals_expected": "Expected in a full year (on {period} numbers)",
            },
        ),
        message="Referrals to Bromley Y are expected to rise by {bromley_y_referrals_change.projected:number}%, "
        "from {bromley_y_referrals.latest} a year to {bromley_y_referrals_expected.projected}",
        what="referrals to Bromley Y",
        # The projection's basis, in the strategy's words: the rise is measured from the typical full year.
        note="The basis of the projection: the strategy says {bromley_y_referrals.latest} referrals are made in a "
        "full year (it gives no year) and, based on referral numbers in {bromley_y_referrals_expected.projected_period}, "
        "expects them to rise by {bromley_y_referrals_change.projected:number}% to "
        "{bromley_y_referrals_expected.projected}. That rise fits the full year's figure, not the "
        "{bromley_y_referrals.previous:written} its summary says were made in {bromley_y_referrals.previous_period} "
        "(that many, plus the rise, would be far more); the strategy does not say by when.",
        options={"category": "label", "horizontal": True},
    ),
    Card(id="health.mental_health_admissions", section=MENTAL, indicator="mental_health_admission_rate"),
    Card(id="health.pregnant_women_mental_health", section=MENTAL, indicator="pregnant_women_mental_ill_health_share"),
    Card(id="health.adult_depression", section=MENTAL, indicator="adult_depression_rank_london"),
    Chart(
        id="health.injury_admissions",
        section=INJURIES,
        builder=trend,
        draws=Draw(("injury_admissions_0_14",)),
        message="Hospital admissions for injuries: {injury_admissions_0_14.latest:long} "
        "{injury_admissions_0_14.latest_when}, {injury_admissions_0_14.direction_since_first} from "
        "{injury_admissions_0_14.first} {injury_admissions_0_14.first_when}; the publisher judges it "
        "{injury_admissions_0_14.published_comparison}",
        what="hospital admissions for injuries to children",
    ),
]
