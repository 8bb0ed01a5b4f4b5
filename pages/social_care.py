"""Children's social care, from the front door to the workforce: one tab a section, only the open one drawn."""

from components.blocks import page_header, section_tabs

page_header(
    "Children's social care",
    "Early help aims to keep children out of statutory care wherever possible. Demand at the front door has "
    "grown: referrals to children's social care {csc_referrals.direction} to {csc_referrals.latest} "
    "{csc_referrals.latest_when}, and a larger share of referrals were about children referred in the year before. "
    "The strategy gives the numbers of children in need, on a protection plan and in care as ranges and bounds, "
    "drawn here as such. The Department for Education's published series carry the story on to "
    "{cin_referrals.latest_period}: referrals, what assessments find, child protection plans, children in care, "
    "care leavers, and the social workers whom early help relies on.",
)
section_tabs(
    ("social_care.front_door",),
    ("social_care.referrals", "social_care.referral_rate"),
    ("social_care.re_referrals",),
    ("social_care.assessment_factors",),
    ("social_care.parent_factors",),
    ("social_care.protection_conferences", "social_care.plans_started"),
    ("social_care.plans_at_31_march", "social_care.repeat_plans"),
    ("social_care.plan_durations",),
    ("social_care.at_any_one_time",),
    ("social_care.children_in_need_published",),
    ("social_care.looked_after", "social_care.looked_after_rate"),
    ("social_care.placement_moves",),
    ("social_care.care_leavers",),
    ("social_care.care_leavers_neet", "social_care.care_leavers_eet"),
    ("social_care.social_worker_turnover", "social_care.agency_social_workers"),
    ("social_care.social_worker_vacancies", "social_care.caseloads"),
)
