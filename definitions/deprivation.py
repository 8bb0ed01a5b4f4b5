"""Deprivation and income: an affluent borough, with wealth not equally shared."""

from charts.compare import comparison_bars
from charts.trend import trend
from definitions.model import Chart, Draw

INCOME = "Earnings and work"
LOW_INCOME = "Children in low-income families"

DEFINITIONS = [
    Chart(
        id="deprivation.earnings",
        section=INCOME,
        builder=comparison_bars,
        draws=Draw(("weekly_earnings",)),
        message="Full-time workers in {home} earn {weekly_earnings.latest} on average, {weekly_earnings.compared}",
        what="average weekly earnings",
    ),
    Chart(
        id="deprivation.workless_households",
        section=INCOME,
        builder=comparison_bars,
        draws=Draw(("workless_households_share",)),
        message="{workless_households_share.latest} of households in {home} have no adult in paid work, "
        "{workless_households_share.compared}",
        what="workless households",
    ),
    Chart(
        id="deprivation.children_low_income",
        section=LOW_INCOME,
        builder=trend,
        draws=Draw(("children_low_income_share",)),
        message="The share of children in low-income families {children_low_income_share.direction_since_first} "
        "from {children_low_income_share.first} {children_low_income_share.first_when} to "
        "{children_low_income_share.latest} {children_low_income_share.latest_when}",
        what="children in low-income families",
        related=("children_low_income_share_change",),
    ),
]
