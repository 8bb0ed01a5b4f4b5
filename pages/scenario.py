"""What if: the referrals, child protection plans and children in care that would follow if the number of children
and the rate of referrals changed as an analyst sets (or children followed the published projection). A scenario,
labelled as one wherever it appears and never mixed with the published figures; its inputs live in the link."""

from components.blocks import page_header, section
from components.scenario import scenario_view

page_header(
    "What if",
    "Set how fast the number of children and the rate of referrals per child change each year, or let children "
    "follow the published projection, and see the referrals to children's social care, child protection plans "
    "and children in care that would follow, each year to the end of the projection. This is a scenario, not a "
    "forecast and not a published figure: it is drawn dashed, named a scenario in its table and downloads, and "
    "its assumptions sit beside it. The choices stay in the page's link, so a link reopens the same scenario.",
)
section("Your scenario")
scenario_view()
