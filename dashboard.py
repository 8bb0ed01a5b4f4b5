"""Borough Insight: the figures of Bromley's Early Help Strategy 2030. This file only routes."""

import streamlit as st

from components.data import tables_problem

st.set_page_config(page_title="Borough Insight · Bromley Early Help", page_icon="🏘️", layout="wide")

problem = tables_problem()
if problem:
    st.error("The dashboard's tables could not be built from the strategy's figures, so there is nothing to show yet.")
    st.code(problem, language=None)
    st.stop()

pages = {
    "Summary": [st.Page("pages/overview.py", title="Overview", icon="🏠", url_path="overview", default=True)],
}
st.navigation(pages).run()
