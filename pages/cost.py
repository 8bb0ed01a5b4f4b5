"""Cost of late intervention: what the state spends when problems are not prevented earlier."""

from components.blocks import cards, page_header, show

page_header(
    "Cost of late intervention",
    "The Early Intervention Foundation estimated what the state spends on acute and statutory services (such as "
    "children's social care, youth justice and welfare) when children's problems are not prevented earlier. In "
    "{home} it came to {late_intervention_cost_per_person.latest} a person {late_intervention_cost_per_person.latest_when}, "
    "against {late_intervention_cost_per_person.countries.latest} across England and Wales. (The strategy's "
    "comparison with neighbouring boroughs was a picture and is not in its text.)",
)
cards("cost.late_intervention", "cost.late_intervention_countries")
show("cost.per_person")
