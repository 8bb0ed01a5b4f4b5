"""Population and projections: residents, children, their share, ages and households."""

from components.blocks import page_header, show

page_header(
    "Population and projections",
    "About **{residents.latest}** people live in {home}, **{children.latest}** of them children and young people "
    "{children.latest_when}. The Greater London Authority expects the population to keep growing slowly while the "
    "number of children falls, so children will be a smaller share of the borough. Projections are drawn dashed, "
    "in a shaded future; the years between them are small open diamonds on a straight line, not published figures.",
)
show("population.residents")
show("population.children")
show("population.children_share")
show("diversity.minority_ethnic_shares")  # declared once, with the diversity page's charts
show("population.ages", "population.sexes")
show("population.households")
