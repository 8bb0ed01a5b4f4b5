"""A page's choices kept in the URL (`st.query_params`), so a link reopens the same view."""

from __future__ import annotations

import streamlit as st

from insight.text import md


def url_choice(label: str, options: list[str], *, key: str) -> str:
    """A one-of-several choice (segmented control) whose value lives in the URL as `?<key>=<option>`.

    Opening a link with a valid value selects it; an unknown value is named in a short warning and the first
    option is used. Choosing another option rewrites the URL."""
    wanted = st.query_params.get(key)
    if wanted is not None and wanted not in options:
        st.warning(
            f"The link asks for “{md(wanted)}”, which is not one of the choices here; showing the first instead."
        )
        wanted = None
    if key not in st.session_state:
        st.session_state[key] = wanted or options[0]
    chosen = st.segmented_control(label, options, key=key) or options[0]
    if st.query_params.get(key) != chosen:
        st.query_params[key] = chosen
    return chosen
