"""A page's choices kept in the URL (`st.query_params`), so a link reopens the same view."""

from __future__ import annotations

import streamlit as st

from insight.text import md


def url_choice(label: str, options: list[str], *, key: str) -> str:
    """A one-of-several choice (segmented control) whose value lives in the URL as `?<key>=<option>`, kept there by
    Streamlit's own binding (`bind="query-params"`; the first option, the default, leaves the URL clean).

    The binding drops a value the options lack without a word, so a link asking for one is named in a short warning
    first; the first option is shown. One option is always chosen (`required`)."""
    wanted = st.query_params.get(key)
    if wanted is not None and wanted not in options:
        st.warning(
            f"The link asks for “{md(wanted)}”, which is not one of the choices here; showing the first instead."
        )
    chosen = st.segmented_control(label, options, key=key, default=options[0], required=True, bind="query-params")
    return chosen or options[0]


def _warn_unknown(what: str, unknown: list[str]) -> None:
    quoted = ", ".join(f"“{md(value)}”" for value in unknown)
    st.warning(f"Not in the data, so left out of the link's {what}: {quoted}.")


def url_list(key: str, options: list[str], default: list[str], *, what: str) -> None:
    """Set the session's value of a multiselect keyed `key` from the URL's `?<key>=a,b` on the first run of a
    session (values the options lack are named in a warning and left out), else from `default`. Call before the
    widget; `keep_in_url` after it."""
    if key in st.session_state:
        return
    asked = [value for value in st.query_params.get(key, "").split(",") if value]
    unknown = [value for value in asked if value not in options]
    if unknown:
        _warn_unknown(what, unknown)
    st.session_state[key] = [value for value in asked if value in options] if key in st.query_params else default


def url_value(key: str, options: list[str], default: str, *, what: str) -> None:
    """`url_list` for a one-of-several choice (`?<key>=value`)."""
    if key in st.session_state:
        return
    asked = st.query_params.get(key)
    if asked is not None and asked not in options:
        _warn_unknown(what, [asked])
        asked = None
    st.session_state[key] = asked if asked is not None else default


def url_flag(key: str) -> None:
    """`url_list` for an on/off choice: on when the URL has `?<key>=1`."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(key) == "1"


def keep_in_url(values: dict[str, object]) -> None:
    """Write the page's choices back to the URL: lists joined by commas, flags as 1 (left out when off), text as
    is (left out when empty), so the link reopens the same view."""
    for key, value in values.items():
        text = ",".join(value) if isinstance(value, list | tuple) else "1" if value is True else value or ""
        if text and st.query_params.get_all(key) != [text]:  # all of a repeated key: `get` reads only its last
            st.query_params[key] = text
        elif not text and key in st.query_params:
            del st.query_params[key]
