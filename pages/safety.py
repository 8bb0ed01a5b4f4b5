"""Safety: domestic abuse, youth justice and homelessness."""

from components.blocks import cards, page_header, show

page_header(
    "Safety",
    "Domestic abuse, contact with the youth justice system and homelessness are among the strongest threats to a "
    "child's development. Much domestic abuse is never reported, so these figures, mostly from police and "
    "council records, show only part of the picture.",
)
cards("safety.domestic_abuse_incidents", "safety.domestic_abuse_cases")
show("safety.youth_justice_profile", "safety.youth_justice_against_all_children")
show("safety.young_people_homeless", "safety.homeless_by_ethnicity")
cards("safety.homeless_lone_parents")
