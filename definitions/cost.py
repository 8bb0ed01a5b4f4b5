"""Cost of late intervention: what the state spends when problems are not prevented earlier."""

from charts.compare import comparison_bars
from definitions.model import Card, Chart, Draw

COST = "What late intervention costs"

DEFINITIONS = [
    Card(
        id="cost.late_intervention",
        section=COST,
        indicator="late_intervention_cost",
        meaning="What late intervention costs the state in the borough each year.",
    ),
    Card(
        id="cost.late_intervention_countries",
        section=COST,
        indicator="late_intervention_cost",
        role="countries",
        meaning="The same cost across England and Wales each year.",
    ),
    Chart(
        id="cost.per_person",
        section=COST,
        builder=comparison_bars,
        draws=Draw(("late_intervention_cost_per_person",)),
        message="Late intervention costs {late_intervention_cost_per_person.latest} per person a year in {home}, "
        "against {late_intervention_cost_per_person.countries.latest} in "
        "{late_intervention_cost_per_person.countries.area}",
        what="the cost of late intervention per person",
    ),
]
