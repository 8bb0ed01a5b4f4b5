"""The whole-dashboard download: every table as CSV and Parquet, described, in one zip (exports.package).

The zip takes seconds to make, so it is made only when someone clicks (a callable `data=`), once per build, and
shared by every session (`st.cache_resource`: the same bytes, never copied per session).
"""

from __future__ import annotations

import streamlit as st

from components import data


@st.cache_resource(show_spinner=False, max_entries=2)
def _package(build: str) -> bytes:
    from exports.package import build_package

    return build_package(data.paths_of(build))


def file_name() -> str:
    """The zip's name, after the home area: 'bromley-early-help_all-tables.zip'."""
    return f"{data.sources().areas.home_name.lower()}-early-help_all-tables.zip"


def download_everything() -> None:
    """The button analysts take everything with: each table as CSV and Parquet, datapackage.json and a README."""
    build = data.build_id()
    st.download_button(
        "Download everything (zip)",
        lambda: _package(build),
        file_name(),
        "application/zip",
        help="Every table as CSV and Parquet, with a Frictionless datapackage.json describing each column, its "
        "unit, sources and licences, and a README of what each table holds.",
        icon=":material/folder_zip:",
    )
