"""One chart by its link: `?id=social_care.front_door` opens just that chart, with its source and data."""

import streamlit as st

import definitions
from components.blocks import page_header, show
from insight.text import md

page_header(
    "Any chart, by its link",
    "Every chart of the dashboard has an id and a link of its own: the link opens the same chart, with its "
    "source, notes and data. Pick one below, or use *Link to this chart* under any chart.",
)
charts = {chart.id: chart for chart in definitions.charts()}
wanted = st.query_params.get("id")
if wanted is not None and wanted not in charts:
    try:
        definitions.get(wanted)
        problem = f"“{wanted}” is a headline card, not a chart."
    except definitions.UnknownDefinition as exc:
        problem = str(exc)
    st.warning(f"{md(problem)} Pick a chart below.")
    wanted = None
ids = list(charts)
chosen = st.selectbox(
    "Chart",
    ids,
    index=ids.index(wanted) if wanted else 0,
    format_func=lambda i: f"{charts[i].section} · {charts[i].what}",  # words; the id is in the link
)
if st.query_params.get("id") != chosen:
    st.query_params["id"] = chosen
show(chosen)
