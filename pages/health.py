"""Health and wellbeing: pregnancy and birth, and children's emotional and mental health."""

from components.blocks import cards, page_header, show

page_header(
    "Health and wellbeing",
    "Teenage pregnancy in the borough has fallen and infant deaths are rare. Emotional and mental health is the "
    "growing concern: {semh_pupils_share.latest} of pupils have social, emotional and mental health needs, "
    "{semh_pupils_share.compared}, and referrals to Bromley Y, the front door for children's emotional wellbeing, "
    "are expected to rise by {bromley_y_referrals_change.projected:number}%.",
)
show("health.conceptions", "health.infant_mortality")
show("health.semh_pupils", "health.bromley_y")
cards("health.mental_health_admissions", "health.pregnant_women_mental_health", "health.adult_depression")
show("health.injury_admissions")
