"""Diversity: the growing share of residents and children from Black, Asian or other ethnic heritage."""

from components.blocks import page_header, show

page_header(
    "Diversity",
    "{home} is becoming more diverse, and its children more so than its adults: "
    "**{minority_ethnic_share_children.latest}** of resident children were from a Black, Asian or other ethnic "
    "heritage {minority_ethnic_share_children.latest_when}, against **{minority_ethnic_share_residents.latest}** of "
    "all residents, and both shares are projected to keep rising. Many pupils cross the borough boundary to go to "
    "school, so the borough's schools differ from its resident population.",
)
show("diversity.minority_ethnic_shares")
show("diversity.census_ethnic_groups")
show("diversity.white_share_children", "diversity.pupils_crossing")
