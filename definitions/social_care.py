"""Children's social care, from the front door to the workforce: the strategy's figures beside the Department for
Education's published series (referrals, what assessments find, child protection plans, children in care, care
leavers, social workers), each compared with London and England where the figures allow (rates and shares; a
count is not compared, it ranks size)."""

from charts.bars import category_bars
from charts.snapshot import ranges
from charts.trend import trend
from definitions.model import Chart, Draw
from insight.areas import HOME_ROLE

FRONT_DOOR = "Demand at the front door"
ASSESSED = "What assessments find"
PROTECTION = "Child protection plans"
AT_ANY_TIME = "Children in need, on a plan and in care"
CARE_LEAVERS = "Care leavers"
WORKFORCE = "The workforce behind early help"

# The DfE's factors at the end of assessment (table C3), in words, by the release's measures: a factor concerning the
# child, a parent or carer ("a parent" here), or another member of the household is a column each. Domestic abuse
# concerning a parent is the declared indicator; the others are the release's own measures (counts as published, no
# polarity declared). Short enough to sit beside a bar on a phone.
FACTORS = {
    "cin_c3_mental_health_parent": "A parent's mental health",
    "cin_c3_mental_health_child": "The child's mental health",
    "cin_c3_mental_health_person": "Another household member's mental health",
    "domestic_abuse_at_assessment": "Domestic abuse of a parent",
    "cin_c3_domestic_abuse_child": "Domestic abuse of the child",
    "cin_c3_domestic_abuse_person": "Domestic abuse of another household member",
    "cin_c3_alcohol_misuse_parent": "A parent's alcohol misuse",
    "cin_c3_alcohol_misuse_child": "The child's alcohol misuse",
    "cin_c3_alcohol_misuse_person": "Another household member's alcohol misuse",
    "cin_c3_drug_misuse_parent": "A parent's drug misuse",
    "cin_c3_drug_misuse_child": "The child's drug misuse",
    "cin_c3_drug_misuse_person": "Another household member's drug misuse",
    "cin_c3_learning_disability_parent": "A parent's learning disability",
    "cin_c3_learning_disability_child": "The child's learning disability",
    "cin_c3_learning_disability_person": "Another household member's learning disability",
    "cin_c3_physical_disability_parent": "A parent's physical disability",
    "cin_c3_physical_disability_child": "The child's physical disability",
    "cin_c3_physical_disability_person": "Another household member's physical disability",
    "cin_c3_emotional_abuse": "Emotional abuse",
    "cin_c3_neglect": "Neglect",
    "cin_c3_physical_abuse_adult_on_child": "Physical abuse by an adult",
    "cin_c3_physical_abuse_child_on_child": "Physical abuse by another child",
    "cin_c3_physical_abuse_unknown": "Physical abuse, by whom not recorded",
    "cin_c3_sexual_abuse_adult_on_child": "Sexual abuse by an adult",
    "cin_c3_sexual_abuse_child_on_child": "Sexual abuse by another child",
    "cin_c3_sexual_abuse_unknown": "Sexual abuse, by whom not recorded",
    "cin_c3_child_sexual_exploitation": "Child sexual exploitation",
    "cin_c3_child_criminal_exploitation": "Child criminal exploitation",
    "cin_c3_gangs": "Gangs",
    "cin_c3_going_missing": "Going missing",
    "cin_c3_self_harm": "Self-harm",
    "cin_c3_socially_unacceptable_behaviour": "Socially unacceptable behaviour",
    "cin_c3_trafficking": "Trafficking",
    "cin_c3_female_genital_mutilation": "Female genital mutilation",
    "cin_c3_faith_linked_abuse": "Abuse linked to faith or belief",
    "cin_c3_young_carer": "Being a young carer",
    "cin_c3_privately_fostered": "Being privately fostered",
    "cin_c3_unaccompanied_asylum_seeker": "Being an unaccompanied asylum seeker",
    "cin_c3_other": "Other factors",
}
PARENT_FACTORS = {  # the factors concerning a parent or carer the strategy's themes speak to, as legend names
    "domestic_abuse_at_assessment": "Domestic abuse",
    "cin_c3_mental_health_parent": "Mental health",
    "cin_c3_alcohol_misuse_parent": "Alcohol misuse",
    "cin_c3_drug_misuse_parent": "Drug misuse",
}
# How long the plans open on 31 March had lasted (table D5), in the DfE's bands, shortest first.
DURATIONS = {
    "cpp_d5_3_months_or_less_percent": "Three months or less",
    "cpp_d5_more_than_3_months_6_months_percent": "Over three months, up to six",
    "cpp_d5_more_than_6_months_less_than_1_year_percent": "Over six months, under a year",
    "cpp_d5_1_year_less_than_2_years_percent": "One year, under two",
    "cpp_two_years_share": "Two years or more",
}

DEFINITIONS = [
    # ---- Demand at the front door ----------------------------------------------------------------------------
    Chart(
        id="social_care.front_door",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("mash_enquiries", "csc_referrals")),
        message="MASH enquiries {mash_enquiries.direction} to {mash_enquiries.latest} {mash_enquiries.latest_when} "
        "({mash_enquiries.verdict}), and referrals to children's social care {csc_referrals.direction} to "
        "{csc_referrals.latest} {csc_referrals.latest_when} ({csc_referrals.verdict})",
        what="MASH enquiries and referrals",
        options={"by": "indicator", "labels": {"mash_enquiries": "MASH enquiries", "csc_referrals": "Referrals"}},
        label_by="title",
    ),
    Chart(
        id="social_care.referrals",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("cin_referrals",), roles=(HOME_ROLE,)),
        message="{cin_referrals.latest} referrals were made to children's social care in {home} "
        "{cin_referrals.latest_when}, {cin_referrals.up_down} from {cin_referrals.previous} "
        "{cin_referrals.previous_when} ({cin_referrals.verdict}); the strategy cited {csc_referrals.first} "
        "{csc_referrals.first_when} and {csc_referrals.latest} {csc_referrals.latest_when}",
        what="referrals to children's social care (DfE)",
        options={"marks": Draw(("csc_referrals",))},
    ),
    Chart(
        id="social_care.referral_rate",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("cin_referral_rate",)),
        message="In {home}, {cin_referral_rate.latest:long} were referred to children's social care "
        "{cin_referral_rate.latest_when}, {cin_referral_rate.compared_verdict}",
        what="the rate of referrals",
    ),
    Chart(
        id="social_care.re_referrals",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("cin_rereferrals_share",)),
        message="Re-referrals within a year were {cin_rereferrals_share.latest} of referrals in {home} "
        "{cin_rereferrals_share.latest_when}, {cin_rereferrals_share.compared_verdict}; the strategy cited "
        "{re_referrals_share.first} {re_referrals_share.first_when} and {re_referrals_share.latest} "
        "{re_referrals_share.latest_when}",
        what="re-referrals",
        options={"marks": Draw(("re_referrals_share",))},
    ),
    # ---- What assessments find -------------------------------------------------------------------------------
    Chart(
        id="social_care.assessment_factors",
        section=ASSESSED,
        builder=category_bars,
        draws=Draw(tuple(FACTORS), roles=(HOME_ROLE,), periods="latest", labels=FACTORS),
        message="Assessments in {home} {rows.when} most often found {rows.largest}; one assessment can find "
        "several factors, each counted as published",
        what="factors found at the end of assessment",
        note="A parent is a parent or carer. The factors a social worker found at the end of an assessment, counted "
        "as the DfE publishes them: the number of assessments that found each.",
        options={"category": "label", "horizontal": True, "ranked": True, "top": 12},
    ),
    Chart(
        id="social_care.parent_factors",
        section=ASSESSED,
        builder=trend,
        draws=Draw(tuple(PARENT_FACTORS), roles=(HOME_ROLE,)),
        message="Assessments in {home} finding a concern about a parent's mental health "
        "{cin_c3_mental_health_parent.direction_since_first} from {cin_c3_mental_health_parent.first} "
        "{cin_c3_mental_health_parent.first_when} to {cin_c3_mental_health_parent.latest} "
        "{cin_c3_mental_health_parent.latest_when}; those finding domestic abuse of a parent "
        "{domestic_abuse_at_assessment.direction_since_first} from {domestic_abuse_at_assessment.first} to "
        "{domestic_abuse_at_assessment.latest}",
        what="factors concerning a parent",
        note="A parent is a parent or carer. Counts of assessments, as published: one assessment can find several "
        "factors.",
        options={"by": "indicator", "labels": PARENT_FACTORS},
        label_by="title",
    ),
    # ---- Child protection plans ------------------------------------------------------------------------------
    Chart(
        id="social_care.protection_conferences",
        section=PROTECTION,
        builder=category_bars,
        draws=Draw(("icpc_child_protection_plans",), labels={"icpc_child_protection_plans": "{when}"}),
        message="{icpc_child_protection_plans.latest} initial child protection conferences led to a plan, "
        "{icpc_child_protection_plans.up_down} from {icpc_child_protection_plans.previous} "
        "{icpc_child_protection_plans.previous_when} ({icpc_child_protection_plans.verdict})",
        what="initial child protection conferences leading to a plan",
        options={"category": "label"},
    ),
    Chart(
        id="social_care.plans_started",
        section=PROTECTION,
        builder=trend,
        draws=Draw(("cpp_started",), roles=(HOME_ROLE,)),
        message="{cpp_started.latest} child protection plans started in {home} {cpp_started.latest_when}, "
        "{cpp_started.up_down} from {cpp_started.previous} {cpp_started.previous_when} ({cpp_started.verdict})",
        what="child protection plans started (DfE)",
    ),
    Chart(
        id="social_care.plans_at_31_march",
        section=PROTECTION,
        builder=trend,
        draws=Draw(("cpp_at_31_march",), roles=(HOME_ROLE,)),
        message="{cpp_at_31_march.latest} children were on a child protection plan in {home} at the end of "
        "{cpp_at_31_march.latest_period}, {cpp_at_31_march.up_down} from {cpp_at_31_march.previous} a year before "
        "({cpp_at_31_march.verdict}); "
        "the strategy gave {children_on_protection_plan.latest} at any one time (the shaded band)",
        what="children on a child protection plan (DfE)",
        options={"marks": Draw(("children_on_protection_plan",))},
    ),
    Chart(
        id="social_care.repeat_plans",
        section=PROTECTION,
        builder=trend,
        draws=Draw(("cpp_repeat_share",)),
        message="{cpp_repeat_share.latest} of the plans started in {home} {cpp_repeat_share.latest_when} were a "
        "child's second or later plan, {cpp_repeat_share.compared_verdict}",
        what="second or later child protection plans",
    ),
    Chart(
        id="social_care.plan_durations",
        section=PROTECTION,
        builder=category_bars,
        draws=Draw(tuple(DURATIONS), periods="latest", labels=DURATIONS),
        message="{cpp_two_years_share.title}: {cpp_two_years_share.latest} of those open in {home} at the end of "
        "{cpp_two_years_share.latest_period}, {cpp_two_years_share.compared_verdict}",
        what="how long child protection plans had lasted",
        note="The share of the plans open on the last day of the year in each band of how long they had lasted.",
        options={"category": "label", "colour_by": "area_name", "horizontal": True},
    ),
    # ---- Children in need, on a plan and in care -------------------------------------------------------------
    Chart(
        id="social_care.at_any_one_time",
        section=AT_ANY_TIME,
        builder=ranges,
        draws=Draw(("children_in_need", "children_on_protection_plan", "children_in_care", "care_leavers")),
        message="At any one time: {children_in_need.latest} children in need, {children_on_protection_plan.latest} "
        "on a protection plan, {children_in_care.latest} in care, and {care_leavers.latest} care leavers supported",
        what="children in need, on a plan and in care",
        label_by="title",
    ),
    Chart(
        id="social_care.children_in_need_published",
        section=AT_ANY_TIME,
        builder=trend,
        draws=Draw(("cin_at_31_march",), roles=(HOME_ROLE,)),
        message="{cin_at_31_march.latest} episodes of need were open to children's social care at the end of "
        "{cin_at_31_march.latest_period}, {cin_at_31_march.up_down} from {cin_at_31_march.previous} a year before "
        "({cin_at_31_march.verdict})",
        what="children in need (DfE)",
        options={"marks": Draw(("children_in_need",))},
    ),
    Chart(
        id="social_care.looked_after",
        section=AT_ANY_TIME,
        builder=trend,
        draws=Draw(("cla_31_march",), roles=(HOME_ROLE,)),
        message="{cla_31_march.latest} children were looked after by the Council at the end of "
        "{cla_31_march.latest_period}, {cla_31_march.up_down} from {cla_31_march.previous} a year before "
        "({cla_31_march.verdict}); the strategy said {children_in_care.latest}",
        what="children looked after",
        options={"marks": Draw(("children_in_care",))},
    ),
    Chart(
        id="social_care.looked_after_rate",
        section=AT_ANY_TIME,
        builder=trend,
        draws=Draw(("cla_rate_31_march",)),
        message="{cla_rate_31_march.latest:long} were looked after in {home} at the end of "
        "{cla_rate_31_march.latest_period}, {cla_rate_31_march.compared_verdict}",
        what="the rate of children looked after",
    ),
    Chart(
        id="social_care.placement_moves",
        section=AT_ANY_TIME,
        builder=trend,
        draws=Draw(("cla_three_placements_share",)),
        message="{cla_three_placements_share.title}: {cla_three_placements_share.latest} in {home} "
        "{cla_three_placements_share.latest_when}, {cla_three_placements_share.compared_verdict}",
        what="children in care who moved placement often",
    ),
    # ---- Care leavers ----------------------------------------------------------------------------------------
    Chart(
        id="social_care.care_leavers",
        section=CARE_LEAVERS,
        builder=trend,
        draws=Draw(("care_leavers_17_21",), roles=(HOME_ROLE,)),
        message="{home} was in touch with {care_leavers_17_21[19 to 21 years].latest} care leavers aged "
        "{care_leavers_17_21[19 to 21 years].breakdown} and {care_leavers_17_21[17 to 18 years].latest} aged "
        "{care_leavers_17_21[17 to 18 years].breakdown} {care_leavers_17_21[19 to 21 years].latest_when}; the "
        "strategy says it supports {care_leavers.latest:written} care leavers",
        what="care leavers by age (DfE)",
        note="The DfE publishes no total of the two age bands, and counts only the care leavers of those ages.",
        options={"by": "breakdown", "marks": Draw(("care_leavers",))},
        label_by="breakdown",
    ),
    Chart(
        id="social_care.care_leavers_neet",
        section=CARE_LEAVERS,
        builder=trend,
        draws=Draw(("care_leavers_neet_19_21",)),
        message="{care_leavers_neet_19_21.title}: {care_leavers_neet_19_21.latest} in {home} "
        "{care_leavers_neet_19_21.latest_when}, {care_leavers_neet_19_21.compared_verdict}",
        what="care leavers not in education, employment or training",
    ),
    Chart(
        id="social_care.care_leavers_eet",
        section=CARE_LEAVERS,
        builder=trend,
        draws=Draw(("care_leavers_eet_19_21",)),
        message="{care_leavers_eet_19_21.title}: {care_leavers_eet_19_21.latest} in {home} "
        "{care_leavers_eet_19_21.latest_when}, {care_leavers_eet_19_21.compared_verdict}",
        what="care leavers in education, employment or training",
    ),
    # ---- The workforce behind early help ---------------------------------------------------------------------
    Chart(
        id="social_care.social_worker_turnover",
        section=WORKFORCE,
        builder=trend,
        draws=Draw(("social_worker_turnover",)),
        message="Early help rests on a stable workforce: social worker turnover in {home} "
        "{social_worker_turnover.direction} from {social_worker_turnover.previous} to {social_worker_turnover.latest} "
        "{social_worker_turnover.latest_when} ({social_worker_turnover.verdict}), "
        "{social_worker_turnover.compared_verdict}",
        what="social worker turnover",
    ),
    Chart(
        id="social_care.agency_social_workers",
        section=WORKFORCE,
        builder=trend,
        draws=Draw(("social_worker_agency_share",)),
        message="Agency staff were {social_worker_agency_share.latest} of {home}'s children's social workers "
        "{social_worker_agency_share.latest_when}, {social_worker_agency_share.up_down} from "
        "{social_worker_agency_share.previous} ({social_worker_agency_share.verdict}), "
        "{social_worker_agency_share.compared_verdict}",
        what="agency social workers",
    ),
    Chart(
        id="social_care.social_worker_vacancies",
        section=WORKFORCE,
        builder=trend,
        draws=Draw(("social_worker_vacancy_rate",)),
        message="{social_worker_vacancy_rate.latest} of social worker posts in {home} were vacant "
        "{social_worker_vacancy_rate.latest_when}, {social_worker_vacancy_rate.up_down} from "
        "{social_worker_vacancy_rate.previous} ({social_worker_vacancy_rate.verdict}), "
        "{social_worker_vacancy_rate.compared_verdict}",
        what="social worker vacancies",
    ),
    Chart(
        id="social_care.caseloads",
        section=WORKFORCE,
        builder=trend,
        draws=Draw(("social_worker_caseload",)),
        message="A social worker in {home} held {social_worker_caseload.latest:value} cases on average "
        "{social_worker_caseload.latest_when} ({social_worker_caseload.verdict} than the year before), "
        "{social_worker_caseload.compared_verdict}",
        what="social worker caseloads",
    ),
]
