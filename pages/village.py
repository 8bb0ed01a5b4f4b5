"""Our borough, the village: Bromley as a village of 100 children."""

import streamlit as st

from charts.village import characteristic_grid, characteristics_small_multiples, village_grid, villages_side_by_side
from components import data
from components.blocks import chart, missing, page_header
from insight.describe import village_words
from insight.frames import citation_of, series
from insight.village import apportion, audit_table

page_header(
    "Our borough, the village",
    "One of the easiest ways of picturing the make-up of the borough is as a village of 100 children. The strategy "
    "draws Bromley's children that way: by ethnic group, and by the circumstances some of them live in. Every count "
    "below is the strategy's own; the grids only draw them.",
)
village = data.table("village")
citation = citation_of(data.table("sources"), "gla_population_projections")
ethnic = village[village["group_type"] == "ethnicity"]
circumstances = village[village["group_type"] == "characteristic"]

chart(
    village_grid,
    ethnic,
    title="If Bromley were a village of 100 children, 62 would be White British, 8 Black African and 7 White other",
    what="the village of 100 children",
    kind="Grid chart",
    key="village",
    words=village_words("the village of 100 children", ethnic, citation=citation),
)
st.markdown(" · ".join(f"**{row.count}** would be {row.group}" for row in ethnic.itertuples()))

st.markdown("### Among the same 100 children…")
if circumstances.empty:
    missing("the circumstances of the village's children")
else:
    chosen = (
        st.segmented_control(
            "Show the children who…",
            list(circumstances["group"]),
            default=circumstances["group"].iloc[0],
            key="circumstance",
        )
        or circumstances["group"].iloc[0]
    )
    row = circumstances[circumstances["group"] == chosen].iloc[0]
    st.markdown(f"**What it means:** {row['meaning']}")
    chart(
        lambda f, title: characteristic_grid(int(f["count"].iloc[0]), label=f["group"].iloc[0], title=title),
        circumstances[circumstances["group"] == chosen],
        title=f"{row['count']} of 100 children would {row['group'][0].lower()}{row['group'][1:]}",
        what="the chosen circumstance",
        kind="Grid chart",
        key="circumstance-grid",
        words=village_words(chosen, circumstances[circumstances["group"] == chosen], citation=citation),
        note="Which children is not published: the lit positions are illustrative.",
    )
    chart(
        characteristics_small_multiples,
        circumstances,
        title="All five at once: 13 in low-income families, 11 on free school meals, 11 needing SEN support, "
        "8 in a workless home, 3 with specialist mental health support",
        what="the circumstances of the village's children",
        kind="Grid charts",
        key="circumstances",
        words=village_words("five circumstances", circumstances, citation=citation),
        note="The groups overlap and the strategy does not say by how much.",
    )

st.markdown("### Other villages")
shares = series(data.figures(), "minority_ethnic_share_children")
chart(
    lambda f, title: villages_side_by_side(
        {("2041 (projected)" if r.status == "projected" else r.period): r.value for r in f.itertuples()},
        label="Black, Asian or other ethnic heritage",
        rest_label="White heritage",
        title=title,
    ),
    shares,
    title="Children from Black, Asian or other ethnic heritage: 23 of 100 in 2011, 31 in 2021, 38 projected for 2041",
    what="the share of children from Black, Asian or other ethnic heritage",
    kind="Grid charts",
    key="villages-over-time",
)
chart(
    lambda f, title: village_grid(f, title=title, size=30, columns=6),
    ethnic,
    title=lambda f: (
        "As a classroom of 30: "
        + ", ".join(f"{p.count} {p.group}" for p in apportion(dict(zip(f["group"], f["count"], strict=True)), 30)[:3])
        + " …"
    ),
    what="the village as a classroom of 30",
    kind="Grid chart",
    key="classroom",
    words=village_words("a classroom of 30", ethnic, citation=citation),
    note="Counts of 100 re-shared into 30 by the largest-remainder method, so they still add up to 30.",
)
with st.expander("How the classroom of 30 was rounded"):
    st.markdown(
        "Each group gets the whole part of its exact share of 30, then the children still to place go to the "
        "largest remainders (ties: larger share first, then the strategy's order). So the classroom always adds up "
        "to 30 and no group is more than one child away from its exact share."
    )
    if ethnic.empty:
        missing("the village's ethnic groups")
    else:
        audit = audit_table(apportion(dict(zip(ethnic["group"], ethnic["count"], strict=True)), 30))
        st.dataframe(audit, hide_index=True, width="stretch")
