"""Family support and referrals: early help reaching families, and families moving to and from social care."""

from charts.bars import category_bars
from charts.trend import trend
from definitions.model import Card, Chart, Draw

REACH = "Reaching families"
ASSESSMENTS = "Assessments"
STEPS = "Between early help and social care"

DEFINITIONS = [
    Card(
        id="family_support.family_centres",
        section=REACH,
        indicator="family_centre_users",
        meaning="The last full year before the pandemic.",
    ),
    Chart(
        id="family_support.children_project",
        section=REACH,
        builder=trend,
        draws=Draw(("bcp_families", "bcp_children")),
        message="The Bromley Children Project supported {bcp_families.latest} families {bcp_families.latest_when} "
        "({bcp_families_change.latest} from {bcp_families_change.latest_period}), with {bcp_children.latest} children",
        what="families and children supported by the Bromley Children Project",
        note="Open markers are derived from the stated rises, not published.",
        options={
            "by": "indicator",
            "labels": {"bcp_families": "Families", "bcp_children": "Children in those families"},
        },
        label_by="title",
    ),
    Chart(
        id="family_support.assessments",
        section=ASSESSMENTS,
        builder=trend,
        draws=Draw(("family_support_assessments",)),
        message="Family support assessments {family_support_assessments.direction} from "
        "{family_support_assessments.previous} {family_support_assessments.previous_when} to "
        "{family_support_assessments.latest} {family_support_assessments.latest_when}",
        what="family support assessments",
    ),
    Chart(
        id="family_support.cafs",
        section=ASSESSMENTS,
        builder=trend,
        draws=Draw(("caf_completed",)),
        message="Common Assessment Frameworks completed {caf_completed.direction} from {caf_completed.previous} "
        "{caf_completed.previous_when} to {caf_completed.latest} {caf_completed.latest_when}",
        what="Common Assessment Frameworks completed",
        related=("caf_completed_change",),
    ),
    Chart(
        id="family_support.steps",
        section=STEPS,
        builder=category_bars,
        draws=Draw(
            ("bcp_step_down_families", "bcp_step_up_families", "caf_step_down", "caf_step_up_families"),
            labels={
                "bcp_step_down_families": "Bromley Children Project: stepped down from social care",
                "bcp_step_up_families": "Bromley Children Project: stepped up to social care",
                "caf_step_down": "CAF: stepped down from social care",
                "caf_step_up_families": "CAF: stepped up to social care",
            },
        ),
        message="{bcp_step_down_families.latest} families were stepped down to the Bromley Children Project and "
        "{bcp_step_up_families.latest} stepped up to social care {bcp_step_down_families.latest_when}; "
        "{caf_step_down.latest} CAFs were stepped down and {caf_step_up_families.latest} families stepped up",
        what="families stepped up and down",
        options={"category": "label", "horizontal": True},
    ),
]
