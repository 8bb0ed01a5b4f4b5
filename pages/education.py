"""Education and attainment gaps: high attainment overall, and the gaps for children on free school meals."""

from components.blocks import page_header, section_tabs

page_header(
    "Education and attainment gaps",
    "Children in the borough's schools gain high levels of qualifications, and almost all schools are rated Good "
    "or Outstanding. But children eligible for free school meals (an income-related benefit) do less well than "
    "others, from the early years to GCSE, and the gap is also seen for children of Black heritage. The latest "
    "attainment figures in the strategy are for {attainment8.latest_period}.",
)
section_tabs(
    ("education.attainment8", "education.grade5_english_maths", "education.primary_expected_standard"),
    ("education.attainment8_fsm_gap",),
    ("education.early_learning_fsm_gap", "education.early_learning_black_heritage_gap"),
    ("education.home_education", "education.missing_education"),
    ("education.special_needs", "education.ofsted"),
    ("education.ks2_social_care", "education.ks4_social_care"),
    ("education.absence_social_care", "education.persistent_absence_social_care"),
)
