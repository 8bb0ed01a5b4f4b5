"""Family support and referrals: early help reaching families, and families moving to and from social care."""

from components.blocks import cards, page_header, show

page_header(
    "Family support and referrals",
    "The borough's Early Intervention and Family Support service works with families before problems grow: "
    "through its Children and Family Centres, the Bromley Children Project and the Common Assessment Framework "
    "(CAF). Families also move between early help and statutory social care: 'stepped up' when needs grow, "
    "'stepped down' when statutory support ends.",
)
cards("family_support.family_centres")
show("family_support.children_project")
show("family_support.assessments", "family_support.cafs")
show("family_support.steps")
