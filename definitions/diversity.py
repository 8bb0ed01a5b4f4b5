"""Diversity: residents and children from Black, Asian or other ethnic heritage; pupils crossing the boundary.

The shares over time (minority_ethnic_shares) are on the population page too (`also_on`), declared once, here."""

from charts.bars import category_bars
from charts.trend import trend
from definitions.model import Chart, Draw
from insight.areas import HOME_ROLE

HERITAGE = "Ethnic heritage"
SCHOOLS = "Schools and the borough boundary"

DEFINITIONS = [
    Chart(
        id="diversity.minority_ethnic_shares",
        section=HERITAGE,
        builder=trend,
        draws=Draw(("minority_ethnic_share_children", "minority_ethnic_share_residents")),
        message="{minority_ethnic_share_children.latest} of children were from a Black, Asian or other ethnic "
        "heritage {minority_ethnic_share_children.latest_when}, against {minority_ethnic_share_residents.latest} "
        "of all residents; the children's share is projected to {minority_ethnic_share_children.projected_direction} "
        "to {minority_ethnic_share_children.projected} by {minority_ethnic_share_children.projected_period}, all "
        "residents' to {minority_ethnic_share_residents.projected} by {minority_ethnic_share_residents.projected_period}",
        what="the shares of residents and children from Black, Asian or other ethnic heritage",
        options={
            "interpolate": True,  # the years between published projections, drawn apart (charts.trend)
            "by": "indicator",
            "labels": {
                "minority_ethnic_share_children": "Children",
                "minority_ethnic_share_residents": "All residents",
            },
        },
        label_by="title",
        related=("minority_ethnic_share_children_change", "minority_ethnic_share_residents_change"),
        also_on=("population",),
    ),
    Chart(
        id="diversity.census_ethnic_groups",
        section=HERITAGE,
        builder=category_bars,
        draws=Draw(("census_ethnic_group",), roles=(HOME_ROLE,)),
        message="In the Census of {census_minority_ethnic_share.latest_period}, {census_minority_ethnic_share.latest} "
        "of {home}'s residents were from a Black, Asian or other ethnic heritage (worked out from the ONS counts); "
        "the strategy gives {minority_ethnic_share_residents.latest} for {minority_ethnic_share_residents.latest_period}",
        what="residents by ethnic group (Census)",
        options={"horizontal": True, "short_names": True},
        label_by="breakdown",
        related=("census_minority_ethnic_share",),
    ),
    Chart(
        id="diversity.white_share_children",
        section=SCHOOLS,
        builder=category_bars,
        draws=Draw(("white_share_children",), breakdowns=("resident children", "pupils in Bromley schools")),
        message="{white_share_children[resident children].latest} of resident children were from White heritage "
        "{white_share_children[resident children].latest_when}, against {white_share_children[pupils in Bromley schools].latest} of "
        "pupils in the borough's schools",
        what="the share of children from White heritage",
        options={"horizontal": True},
        label_by="breakdown",
    ),
    Chart(
        id="diversity.pupils_crossing",
        section=SCHOOLS,
        builder=category_bars,
        draws=Draw(("pupils_leaving_borough", "pupils_entering_borough")),
        message="{pupils_leaving_borough.latest:written} of the borough's children go to school elsewhere; "
        "{pupils_entering_borough.latest:written} come in from outside",
        what="pupils crossing the borough boundary",
        options={"category": "title", "horizontal": True},
        label_by="title",
    ),
]
