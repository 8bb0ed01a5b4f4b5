"""Borough Insight: the figures of Bromley's Early Help Strategy 2030. This file only routes."""

import traceback

import streamlit as st

from components.data import tables_problem
from loaders import log

st.set_page_config(page_title="Borough Insight · Bromley Early Help", page_icon="assets/favicon.png", layout="wide")

# Each url_path is its file's name, so that a link opened on a fresh server finds the same page either way
# (see components.blocks._ensure_routed). Streamlit serves its default page at "/" only, so the overview is also
# a visible page of its own at /overview (a bookmark or a link to /overview opens it), and the default is a
# hidden entry of the same script.
pages = {
    "": [
        st.Page(
            "pages/overview.py",
            title="Overview",
            icon=":material/dashboard:",
            url_path="home",
            default=True,
            visibility="hidden",
        ),
    ],
    "Summary": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview"),
        st.Page("pages/village.py", title="Our borough, the village", icon=":material/grid_view:", url_path="village"),
        st.Page("pages/since.py", title="Since the strategy", icon=":material/update:", url_path="since"),
        st.Page("pages/compare.py", title="How we compare", icon=":material/leaderboard:", url_path="compare"),
        st.Page("pages/scenario.py", title="What if", icon=":material/tune:", url_path="scenario"),
    ],
    "Themes": [
        st.Page(
            "pages/population.py", title="Population and projections", icon=":material/groups:", url_path="population"
        ),
        st.Page("pages/diversity.py", title="Diversity", icon=":material/diversity_3:", url_path="diversity"),
        st.Page(
            "pages/deprivation.py", title="Deprivation and income", icon=":material/payments:", url_path="deprivation"
        ),
        st.Page(
            "pages/education.py", title="Education and attainment gaps", icon=":material/school:", url_path="education"
        ),
        st.Page(
            "pages/health.py", title="Health and wellbeing", icon=":material/health_and_safety:", url_path="health"
        ),
        st.Page(
            "pages/family_support.py",
            title="Family support and referrals",
            icon=":material/family_restroom:",
            url_path="family_support",
        ),
        st.Page("pages/safety.py", title="Safety", icon=":material/shield:", url_path="safety"),
        st.Page(
            "pages/social_care.py", title="Children's social care", icon=":material/child_care:", url_path="social_care"
        ),
        st.Page("pages/cost.py", title="Cost of late intervention", icon=":material/balance:", url_path="cost"),
        st.Page(
            "pages/services.py",
            title="Services and levels of need",
            icon=":material/account_tree:",
            url_path="services",
        ),
    ],
    "Tools": [
        st.Page("pages/explorer.py", title="Explore any figure", icon=":material/query_stats:", url_path="explorer"),
        st.Page("pages/data_sources.py", title="Data and sources", icon=":material/dataset:", url_path="data_sources"),
        st.Page("pages/load_data.py", title="Load data", icon=":material/upload_file:", url_path="load_data"),
        st.Page("pages/chart.py", title="Any chart, by its link", icon=":material/link:", url_path="chart"),
        st.Page("pages/deck.py", title="Your deck", icon=":material/playlist_play:", url_path="deck"),
        st.Page("pages/present.py", title="Present", icon=":material/slideshow:", url_path="present"),
    ],
}
st.session_state["routed_by_dashboard"] = True  # see components.blocks._ensure_routed
page = st.navigation(pages)
# The navigation first: while a first start builds the tables, the sidebar already lists the pages by their titles
# (before it, Streamlit showed its own list of the files in pages/, "chart", "compare", ..., for those seconds).
problem = tables_problem()
if problem:
    st.error("The dashboard's tables could not be built from the strategy's figures, so there is nothing to show yet.")
    st.code(problem, language=None)
    st.stop()
try:
    page.run()
except Exception as exc:  # the last line of defence: a readable message for people, the traceback for the log
    log.event("page_failed", page=page.title, url=page.url_path, error=type(exc).__name__, message=str(exc),
              traceback=traceback.format_exc())  # fmt: skip
    st.error(
        f"Sorry, part of this page could not be drawn ({type(exc).__name__}: {exc}). The other pages still work, "
        "and Data and sources lists every figure."
    )
