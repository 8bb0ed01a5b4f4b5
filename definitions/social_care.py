"""Children's social care: demand at the front door; children in need, on plans and in care."""

from charts.bars import category_bars
from charts.snapshot import ranges
from charts.trend import trend
from definitions.model import Chart, Draw

FRONT_DOOR = "Demand at the front door"
AT_ANY_TIME = "Children in need, on a plan and in care"
SINCE = "What the Department for Education has published since"

DEFINITIONS = [
    Chart(
        id="social_care.front_door",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("mash_enquiries", "csc_referrals")),
        message="MASH enquiries {mash_enquiries.direction} to {mash_enquiries.latest} {mash_enquiries.latest_when}, "
        "and referrals to children's social care to {csc_referrals.latest} {csc_referrals.latest_when}",
        what="MASH enquiries and referrals",
        options={"by": "indicator", "labels": {"mash_enquiries": "MASH enquiries", "csc_referrals": "Referrals"}},
        label_by="title",
    ),
    Chart(
        id="social_care.re_referrals",
        section=FRONT_DOOR,
        builder=trend,
        draws=Draw(("re_referrals_share",)),
        message="Re-referrals within a year {re_referrals_share.direction} from {re_referrals_share.previous} "
        "to {re_referrals_share.latest} of referrals {re_referrals_share.latest_when}",
        what="re-referrals",
    ),
    Chart(
        id="social_care.protection_conferences",
        section=FRONT_DOOR,
        builder=category_bars,
        draws=Draw(("icpc_child_protection_plans",), labels={"icpc_child_protection_plans": "{when}"}),
        message="{icpc_child_protection_plans.latest} initial child protection conferences led to a plan, "
        "{icpc_child_protection_plans.up_down} from {icpc_child_protection_plans.previous} "
        "{icpc_child_protection_plans.previous_when}",
        what="initial child protection conferences leading to a plan",
        options={"category": "label"},
    ),
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
        id="social_care.looked_after",
        section=SINCE,
        builder=trend,
        draws=Draw(("cla_31_march",), roles=("home",)),
        message="{cla_31_march.latest} children were looked after by the Council at the end of "
        "{cla_31_march.latest_period}, {cla_31_march.direction} from {cla_31_march.previous} a year before; the "
        "strategy said {children_in_care.latest}",
        what="children looked after",
        options={"marks": Draw(("children_in_care",))},
    ),
    Chart(
        id="social_care.looked_after_rate",
        section=SINCE,
        builder=trend,
        draws=Draw(("cla_rate_31_march",)),
        message="{cla_rate_31_march.latest:long} were looked after in {home} at the end of "
        "{cla_rate_31_march.latest_period}, {cla_rate_31_march.compared}",
        what="the rate of children looked after",
    ),
    Chart(
        id="social_care.children_in_need_published",
        section=SINCE,
        builder=trend,
        draws=Draw(("cin_at_31_march",), roles=("home",)),
        message="{cin_at_31_march.latest} episodes of need were open to children's social care at the end of "
        "{cin_at_31_march.latest_period}, {cin_at_31_march.direction} from {cin_at_31_march.previous} a year before",
        what="children in need (DfE)",
        options={"marks": Draw(("children_in_need",))},
    ),
]
