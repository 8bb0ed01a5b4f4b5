"""Cost of late intervention: what the state spends when problems are not prevented earlier."""

from charts.compare import comparison_bars
from components import data
from components.blocks import chart, page_header
from components.cards import card_grid
from insight.frames import says, series
from insight.headlines import Card

page_header(
    "Cost of late intervention",
    "In 2016 the Early Intervention Foundation estimated what the state spends on acute and statutory services "
    "(such as children's social care, youth justice and welfare) when children's problems are not prevented "
    "earlier. Bromley's cost per person is lower than the England and Wales average, and lower than many of its "
    "neighbours (the strategy's comparison with neighbours was a picture and is not in its text).",
)
figures = data.figures()
here = "pages/cost.py"

card_grid(
    figures,
    [
        Card(
            "late_intervention_cost", page=here, meaning="What late intervention costs the state in Bromley each year."
        ),
        Card(
            "late_intervention_cost",
            page=here,
            meaning="The same cost across England and Wales each year.",
            area="K04000001",
        ),
    ],
    columns=2,
)
chart(
    comparison_bars,
    series(figures, "late_intervention_cost_per_person"),
    title=lambda f: (
        f"Late intervention costs {says(f, '2016')} per person a year in Bromley, against {says(f, '2016', area='K04000001')} in England and Wales"
    ),
    what="the cost of late intervention per person",
    kind="Bar chart",
    key="cost-per-person",
)
