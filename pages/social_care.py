"""Children's social care: demand at the front door, and children in need, on plans and in care."""

from components.blocks import page_header, show

page_header(
    "Children's social care",
    "Early help aims to keep children out of statutory care wherever possible. Demand at the front door has "
    "grown: referrals to children's social care {csc_referrals.direction} to {csc_referrals.latest} "
    "{csc_referrals.latest_when}, and a larger share of referrals were about children referred in the year before. "
    "The strategy gives the numbers of children in need, on a protection plan and in care as ranges and bounds, "
    "drawn here as such.",
)
show("social_care.front_door")
show("social_care.re_referrals", "social_care.protection_conferences")
show("social_care.at_any_one_time")
show("social_care.looked_after", "social_care.looked_after_rate")
show("social_care.children_in_need_published")
