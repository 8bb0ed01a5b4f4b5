"""Education and attainment gaps: results against England, and the gaps for children on free school meals."""

from charts.bars import category_bars
from charts.compare import comparison_bars
from charts.gap import dumbbell
from charts.trend import trend
from definitions.model import Chart, Draw
from insight.labels import breakdown_words

RESULTS = "Results against England"
GAPS = "The gaps"
SERVICES = "Schools, attendance and special needs"
IN_CARE = "Children in need and in care at school"

# The DfE's social care groups (its codes), looked after first: the group the strategy speaks of most.
SOCIAL_CARE_GROUPS = ("CLA 12 months at 31 March", "CPPO at 31 March", "CINO at 31 March")


def by_group(indicator: str) -> dict[tuple[str, str], str]:
    """The label of each social care group's bars for `indicator` (the group in words), in the order drawn."""
    return {(indicator, group): breakdown_words(group) for group in SOCIAL_CARE_GROUPS}


def early_learning_gap(name: str, group: str, *, who: str) -> Chart:
    """The gap at age five between a group (a breakdown of the early learning goals) and all pupils: the shares as
    a dumbbell, the published gap beside each year, and the message of how the published gap moved."""
    gap = f"early_learning_goals_gap[{group}]"
    return Chart(
        id=f"education.early_learning_{name}_gap",
        section=GAPS,
        builder=dumbbell,
        draws=Draw(("early_learning_goals_share",), breakdowns=(group, "all")),
        message=f"At age five, the gap for {who} {{{gap}.widened}}: {{{gap}.first:number}} percentage points "
        f"{{{gap}.first_when}}, {{{gap}.latest:number}} {{{gap}.latest_when}}",
        what=f"early learning goals for {who}",
        note="'all' is all pupils.",
        options={
            "group": group,
            "reference": "all",
            "published_gaps": Draw(("early_learning_goals_gap",), breakdowns=(group,)),
        },
        label_by="breakdown",
        related=("early_learning_goals_gap",),
    )


DEFINITIONS = [
    Chart(
        id="education.attainment8",
        section=RESULTS,
        builder=comparison_bars,
        draws=Draw(("attainment8",), breakdowns=("all",), periods="latest"),
        message="{attainment8.title}: {attainment8.latest} in {home} {attainment8.latest_when}, {attainment8.compared}",
        what="the Attainment 8 results",
    ),
    Chart(
        id="education.grade5_english_maths",
        section=RESULTS,
        builder=comparison_bars,
        draws=Draw(("grade5_english_maths_share",), breakdowns=("all",), periods="latest"),
        message="{grade5_english_maths_share.title}: {grade5_english_maths_share.latest} in {home} "
        "{grade5_english_maths_share.latest_when}, {grade5_english_maths_share.compared}",
        what="the results in English and maths",
    ),
    Chart(
        id="education.primary_expected_standard",
        section=RESULTS,
        builder=comparison_bars,
        draws=Draw(("ks2_expected_standard_share",), breakdowns=("all",), periods="latest"),
        message="{ks2_expected_standard_share.title}: {ks2_expected_standard_share.latest} in {home} "
        "{ks2_expected_standard_share.latest_when}, {ks2_expected_standard_share.compared}",
        what="the primary results",
    ),
    Chart(
        id="education.attainment8_fsm_gap",
        section=GAPS,
        builder=dumbbell,
        draws=Draw(("attainment8",), breakdowns=("FSM eligible", "all other pupils")),
        message="The Attainment 8 gap between pupils on free school meals and the rest "
        "{attainment8[FSM eligible].gap_to[all other pupils].widened}, from "
        "{attainment8[FSM eligible].gap_to[all other pupils].first:number} to "
        "{attainment8[FSM eligible].gap_to[all other pupils].latest:number} points (derived from the published scores)",
        what="Attainment 8 for pupils eligible for free school meals",
        options={"group": "FSM eligible", "reference": "all other pupils"},
        label_by="breakdown",
    ),
    early_learning_gap("fsm", "FSM eligible", who="children on free school meals"),
    early_learning_gap("black_heritage", "Black heritage", who="children of Black heritage"),
    Chart(
        id="education.home_education",
        section=SERVICES,
        builder=trend,
        draws=Draw(("elective_home_education",)),
        message="Children educated at home {elective_home_education.direction_since_first} from "
        "{elective_home_education.first} {elective_home_education.first_when} to {elective_home_education.latest} "
        "{elective_home_education.latest_when}",
        what="children electively home educated",
    ),
    Chart(
        id="education.missing_education",
        section=SERVICES,
        builder=category_bars,
        draws=Draw(("children_missing_education_referrals", "intention_to_delete_notifications")),
        message="The Education Welfare Service received {children_missing_education_referrals.latest} Child Missing "
        "Education referrals and {intention_to_delete_notifications.latest} notices to delete pupils from a roll "
        "{children_missing_education_referrals.latest_when}",
        what="Education Welfare Service referrals and notifications",
        options={"category": "title", "horizontal": True},
        label_by="title",
    ),
    Chart(
        id="education.special_needs",
        section=SERVICES,
        builder=category_bars,
        draws=Draw(("sen_support_pupils", "ehc_plan_pupils")),
        message="{sen_support_pupils.latest} pupils need support for special educational needs; "
        "{ehc_plan_pupils.latest} have an Education, Health and Care plan",
        what="pupils with special educational needs",
        options={"category": "title", "horizontal": True},
        label_by="title",
    ),
    Chart(
        id="education.ofsted",
        section=SERVICES,
        builder=category_bars,
        draws=Draw(("schools_good_outstanding_share", "early_years_good_outstanding_share")),
        message="{schools_good_outstanding_share.latest} of schools and {early_years_good_outstanding_share.latest} "
        "of early years settings are rated Good or Outstanding",
        what="Ofsted ratings",
        options={"category": "title", "horizontal": True},
        label_by="title",
    ),
    Chart(
        id="education.ks2_social_care",
        section=IN_CARE,
        builder=category_bars,
        draws=Draw(("ks2_rwm_social_care",), periods="latest", labels=by_group("ks2_rwm_social_care")),
        message="{ks2_rwm_social_care[CINO at 31 March].latest} of children in need in {home} reached the expected "
        "standard in reading, writing and maths at the end of primary school "
        "{ks2_rwm_social_care[CINO at 31 March].latest_when}, {ks2_rwm_social_care[CINO at 31 March].compared_verdict}",
        what="primary results of children in need and looked after",
        note="'In need' counts children in need with no protection plan who were not looked after. Where a group has "
        "only a few children, the DfE does not publish its figure (suppressed), so that they cannot be identified.",
        options={"colour_by": "area_name", "horizontal": True, "category": "label"},
        label_by="breakdown",
    ),
    Chart(
        id="education.ks4_social_care",
        section=IN_CARE,
        builder=category_bars,
        draws=Draw(
            ("ks4_attainment8_social_care",),
            periods="latest",
            labels=by_group("ks4_attainment8_social_care"),
        ),
        message="Children looked after in {home} averaged "
        "{ks4_attainment8_social_care[CLA 12 months at 31 March].latest} in Attainment 8 "
        "{ks4_attainment8_social_care[CLA 12 months at 31 March].latest_when}, "
        "{ks4_attainment8_social_care[CLA 12 months at 31 March].compared_verdict}",
        what="Attainment 8 of children in need and looked after",
        options={"colour_by": "area_name", "horizontal": True, "category": "label"},
        label_by="breakdown",
    ),
    Chart(
        id="education.absence_social_care",
        section=IN_CARE,
        builder=category_bars,
        draws=Draw(("absence_social_care",), periods="latest", labels=by_group("absence_social_care")),
        message="Children in need in {home} missed {absence_social_care[CINO at 31 March].latest} of their school "
        "sessions {absence_social_care[CINO at 31 March].latest_when}, "
        "{absence_social_care[CINO at 31 March].compared_verdict}; children looked after missed "
        "{absence_social_care[CLA 12 months at 31 March].latest}",
        what="school absence of children in need and looked after",
        options={"colour_by": "area_name", "horizontal": True, "category": "label"},
        label_by="breakdown",
    ),
    Chart(
        id="education.persistent_absence_social_care",
        section=IN_CARE,
        builder=category_bars,
        draws=Draw(
            ("persistent_absence_social_care",), periods="latest", labels=by_group("persistent_absence_social_care")
        ),
        message="{persistent_absence_social_care[CPPO at 31 March].latest} of children on a protection plan in "
        "{home} were persistently absent {persistent_absence_social_care[CPPO at 31 March].latest_when}, "
        "{persistent_absence_social_care[CPPO at 31 March].compared_verdict}; of children in need, "
        "{persistent_absence_social_care[CINO at 31 March].latest}",
        what="persistent absence of children in need and looked after",
        note="Persistently absent: missing a tenth or more of possible school sessions.",
        options={"colour_by": "area_name", "horizontal": True, "category": "label"},
        label_by="breakdown",
    ),
]
