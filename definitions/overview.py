"""Overview: the headline figures for board members, one row each, grouped as the strategy groups them, then the
care leavers and the workforce the releases add. A row's title is the indicator's, or a shorter one for a table."""

from definitions.model import Card

BOROUGH = "The borough"
LEARNING = "Income and learning"
CARE = "Safety and care"
CARE_LEAVERS_AND_WORKFORCE = "Care leavers and social workers"

DEFINITIONS = [
    Card("overview.residents", BOROUGH, "residents", "Everyone living in the borough (GLA)."),
    Card("overview.children", BOROUGH, "children", "Children and young people, as the GLA counts them."),
    Card("overview.households", BOROUGH, "households", "Households, from the Council's Housing Strategy."),
    Card("overview.children_low_income", LEARNING, "children_low_income_share", "Children in low-income families."),
    Card(
        "overview.workless_households",
        LEARNING,
        "workless_households_share",
        "Households where no adult works.",
        title="Workless households",
    ),
    Card("overview.attainment8", LEARNING, "attainment8", "Average results at sixteen, a points score."),
    Card(
        "overview.early_learning_gap",
        LEARNING,
        "early_learning_goals_gap",
        "How far children on free school meals trail all children at age five.",
        breakdown="FSM eligible",
        title="Early learning gap (free school meals)",
    ),
    Card(
        "overview.semh_pupils",
        LEARNING,
        "semh_pupils_share",
        "Pupils whose main need is emotional or mental.",
        title="Pupils with emotional or mental health needs",
    ),
    Card("overview.teenage_conceptions", LEARNING, "teenage_conception_rate", "Conceptions to girls under eighteen."),
    Card(
        "overview.mash_enquiries",
        CARE,
        "mash_enquiries",
        "Concerns raised with the safeguarding hub.",
        title="Safeguarding hub (MASH) enquiries",
    ),
    Card(
        "overview.referrals",
        CARE,
        "csc_referrals",
        "Children referred to social care.",
        spine="cin_referral_rate",
        title="Referrals to social care",
    ),
    Card("overview.re_referrals", CARE, "re_referrals_share", "Referrals of a child referred in the year before."),
    Card(
        "overview.protection_plans",
        CARE,
        "children_on_protection_plan",
        "Children at risk of significant harm.",
        title="Children on a protection plan",
    ),
    Card(
        "overview.children_in_care",
        CARE,
        "children_in_care",
        "Children looked after by the Council.",
        spine="cla_rate_31_march",
        title="Children in care",
    ),
    Card(
        "overview.domestic_abuse",
        CARE,
        "domestic_abuse_incidents",
        "Non-crime incidents the police recorded.",
        title="Domestic abuse incidents",
    ),
    Card(
        "overview.late_intervention_cost",
        CARE,
        "late_intervention_cost_per_person",
        "What acute services cost when problems are not prevented.",
        title="Cost of late intervention a person",
    ),
    Card(
        "overview.care_leavers_neet",
        CARE_LEAVERS_AND_WORKFORCE,
        "care_leavers_neet_19_21",
        "Care leavers aged nineteen to twenty-one not in education, employment or training.",
        title="Care leavers not in education, work or training",
    ),
    Card(
        "overview.social_worker_turnover",
        CARE_LEAVERS_AND_WORKFORCE,
        "social_worker_turnover",
        "Social workers who left in the year, as a share of those in post.",
    ),
]
