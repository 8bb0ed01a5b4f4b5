"""Our borough, the village: the borough's children as a village of 100."""

from charts.village import (
    characteristics_small_multiples,
    circumstance_grid,
    shares_as_villages,
    village_grid,
)
from definitions.model import Chart, Choice, Draw

VILLAGE = "The village"
CIRCUMSTANCES = "Among the same children"
OTHER_VILLAGES = "Other villages"
ETHNIC_GROUPS = Draw(table="village", where={"group_type": "ethnicity"})
CIRCUMSTANCE_ROWS = Draw(table="village", where={"group_type": "characteristic"})

DEFINITIONS = [
    Chart(
        id="village.ethnic_groups",
        section=VILLAGE,
        builder=village_grid,
        draws=ETHNIC_GROUPS,
        message="If {home} were a village of {rows.size} children, the largest groups would be {rows.largest}",
        what="the village of children",
    ),
    Chart(
        id="village.circumstance",
        section=CIRCUMSTANCES,
        builder=circumstance_grid,
        draws=CIRCUMSTANCE_ROWS,
        message="{rows.count} of {rows.size} children would {rows.group}",
        what="the chosen circumstance",
        choice=Choice(column="group", label="Show the children who…"),
    ),
    Chart(
        id="village.all_circumstances",
        section=CIRCUMSTANCES,
        builder=characteristics_small_multiples,
        draws=CIRCUMSTANCE_ROWS,
        message="All {rows.how_many} at once: {rows.listing}",
        what="the circumstances of the village's children",
    ),
    Chart(
        id="village.heritage_over_time",
        section=OTHER_VILLAGES,
        builder=shares_as_villages,
        draws=Draw(("minority_ethnic_share_children",)),
        message="Children from Black, Asian or other ethnic heritage: {minority_ethnic_share_children.first} "
        "{minority_ethnic_share_children.first_when}, {minority_ethnic_share_children.latest} "
        "{minority_ethnic_share_children.latest_when}, {minority_ethnic_share_children.projected} projected for "
        "{minority_ethnic_share_children.projected_period}",
        what="the share of children from Black, Asian or other ethnic heritage",
        options={"label": "Black, Asian or other ethnic heritage", "rest_label": "White heritage"},
        related=("minority_ethnic_share_children_change",),
    ),
    Chart(
        id="village.classroom",
        section=OTHER_VILLAGES,
        builder=village_grid,
        draws=ETHNIC_GROUPS,
        message="As a classroom of {rows.size}: {rows.largest}, and the rest",
        what="the village as a classroom",
        note="The counts of the village of {rows.published_size} re-shared into {rows.size} by the largest-remainder "
        "method, so they still add up to {rows.size}.",
        options={"size": 30, "columns": 6},
    ),
]
