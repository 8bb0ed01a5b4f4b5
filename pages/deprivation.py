"""Deprivation and income: an affluent borough, with wealth not equally shared."""

from components.blocks import page_header, show

page_header(
    "Deprivation and income",
    "In general {home} is an affluent borough: **{deprivation_rank_london.latest}** least deprived of the London "
    "boroughs, with average full-time earnings above the London and national averages. But the wealth is not "
    "equally shared: {workless_households_share.latest} of households have no adult in paid work "
    "({workless_households.latest} households) and {children_low_income_share.latest} of children live in "
    "low-income families.",
)
show("deprivation.earnings", "deprivation.workless_households")
show("deprivation.children_low_income")
