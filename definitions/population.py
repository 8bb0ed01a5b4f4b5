"""Population and projections: residents, children, their share, ages and households.

The trends mark the years between published projections (insight.projections) apart from the figures; the
households have no years, so nothing is filled in between them.
"""

from charts.bars import category_bars
from charts.trend import steps, trend
from definitions.model import Chart, Draw

PEOPLE = "Residents and children"
CHILDREN = "Children by age and sex"
HOUSEHOLDS = "Households"
AGES = ("age 0-4", "age 5-9", "age 10-14", "age 15-18")
SEXES = ("female", "male")
BETWEEN = {"interpolate": True}  # the years between published projections, drawn apart (charts.trend)

DEFINITIONS = [
    Chart(
        id="population.residents",
        section=PEOPLE,
        builder=trend,
        draws=Draw(("residents",)),
        message="The population is projected to {residents.projected_direction} by {residents.projected_pct_change}, "
        "from {residents.latest} {residents.latest_when} to {residents.projected} by {residents.projected_period}",
        what="the number of residents",
        options=BETWEEN,
    ),
    Chart(
        id="population.children",
        section=PEOPLE,
        builder=trend,
        draws=Draw(("children",)),
        message="The number of children is projected to {children.projected_direction} by "
        "{children.projected_pct_change}, from {children.latest} {children.latest_when} to {children.projected} "
        "by {children.projected_period}",
        what="the number of children",
        options=BETWEEN,
    ),
    Chart(
        id="population.children_share",
        section=PEOPLE,
        builder=trend,
        draws=Draw(("children_share",)),
        message="Children as a share of residents: {children_share.first} {children_share.first_when}, "
        "{children_share.latest} {children_share.latest_when}, {children_share.projected} projected for "
        "{children_share.projected_period}",
        what="the share of residents who are children",
        options=BETWEEN,
        related=("children_share_change",),
    ),
    Chart(
        id="population.ages",
        section=CHILDREN,
        builder=category_bars,
        draws=Draw(("children_census",), breakdowns=AGES),
        message="Children by age {rows.when}: {rows.listing}",
        what="children by age band",
        options={"shares": Draw(("children_census_share",), breakdowns=AGES), "horizontal": True},
        label_by="breakdown",
    ),
    Chart(
        id="population.sexes",
        section=CHILDREN,
        builder=category_bars,
        draws=Draw(("children_census",), breakdowns=SEXES),
        message="Children by sex {rows.when}: {rows.listing}",
        what="children by sex",
        note="The strategy has no data on children of other gender identities.",
        options={"shares": Draw(("children_census_share",), breakdowns=SEXES), "horizontal": True},
        label_by="breakdown",
    ),
    Chart(
        id="population.households",
        section=HOUSEHOLDS,
        builder=steps,
        draws=Draw(("households",)),
        message="Households {households.direction} from {households.previous} ({households.previous_period}) to "
        "{households.latest} ({households.latest_period}), and are expected to reach {households.projected} "
        "({households.projected_period})",
        what="the number of households",
        note="The strategy gives the households no years (the Housing Strategy's present, and twenty years "
        "either side), so they are drawn in order without a time scale and no years between them are filled in.",
    ),
]
