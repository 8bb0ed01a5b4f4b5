"""The blocks every page is made of: its opening words, a chart with its caption, data and download, and a
note when a figure is missing. A missing table or indicator is a message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import export
from insight.describe import Words, alt_text, caption, download_frame, download_name
from loaders import tables

EXPORTS = [
    ("Image (PNG, 1600x900)", export.to_png, "png", ":material/image:"),
    ("Slide (PowerPoint)", export.to_slide, "pptx", ":material/co_present:"),
]
MIME = {"png": "image/png", "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
DATA_COLUMNS = ["area", "period", "breakdown", "value", "value_as_written", "status", "unit", "quote", "source"]


ROUTED = "routed_by_dashboard"


def _ensure_routed() -> None:
    """Re-run a page that Streamlit ran without dashboard.py's navigation.

    Streamlit 1.67 decides once per server, at its first session, whether the app uses the old `pages/` folder
    convention (a folder named `pages` beside the main script), and only `st.navigation` switches that off.
    So a first visitor who opens a page's own URL gets the page run on its own, with the folder's file names
    in the sidebar. Switching the flag off and re-running routes the page through dashboard.py as every later
    session is routed.
    """
    if st.session_state.get(ROUTED):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def page_header(title: str, intro: str) -> None:
    """The page title and two or three sentences of context in plain English."""
    _ensure_routed()
    # Streamlit 1.67 applies the layout only when a page sets it; the entry point's setting does not carry over.
    st.set_page_config(layout="wide")
    st.title(title)
    st.markdown(intro)


def missing(what: str) -> None:
    st.info(
        f"Not available: {what} is missing from the tables. The rest of the page still shows what there is.", icon="ℹ️"
    )


def chart(
    build: Callable[..., go.Figure],
    frame: pd.DataFrame,
    *,
    title: str | Callable[[pd.DataFrame], str],
    what: str,
    kind: str,
    key: str,
    label_by: str = "area_name",
    note: str | None = None,
    words: Words | None = None,
    **options,
) -> None:
    """Build a figure from `frame` and show it with alt text, its source and period, its data and downloads.

    `title` states the chart's message; it may be a function of the frame, so that numbers in it come from the
    data. `what` names the figures in words, for the message shown instead when they are missing. `words`
    replaces the alt text, caption and table drawn from observation rows, for frames that are not observations.
    """
    if frame is None or frame.empty:
        missing(what)
        return
    settings = repr((title if isinstance(title, str) else None, sorted(options.items())))
    prepared = _prepare(
        key, tables.build_id(), _signature(frame), kind, label_by, settings, build, frame, title, words, options
    )
    if isinstance(prepared, str):  # a figure the chart needs is absent from the tables
        missing(f"{what} ({prepared})")
        return
    show(prepared, note=note, key=key)


@dataclass(frozen=True)
class Prepared:
    """Everything a chart block shows, built once per build of the tables (reruns only draw it)."""

    figure: go.Figure  # titled, for images and slides
    shown: go.Figure  # the same without its title, which the page shows as a heading
    title: str
    words: Words
    csv: bytes
    filename: str


def _signature(frame: pd.DataFrame) -> int:
    return int(pd.util.hash_pandas_object(frame.astype(str), index=True).sum())


@st.cache_resource(show_spinner=False, max_entries=2000)
def _prepare(
    key, build_id, signature, kind, label_by, settings, _build, _frame, _title, _words, _options
) -> Prepared | str:
    """Build the figure and its words; cached on the chart, the tables' build, the frame's content and the
    settings (arguments named with _ are not hashed), so a rerun costs only drawing. Returns the reason
    instead when a figure the chart needs is missing."""
    try:
        figure = _build(_frame, title=_title(_frame) if callable(_title) else _title, **_options)
    except (KeyError, IndexError, ValueError) as exc:
        return str(exc)
    title = figure.layout.title.text
    words = _words or Words(alt_text(kind, title, _frame, label_by=label_by), caption(_frame), download_frame(_frame))
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    shown = go.Figure(figure).update_layout(title=None, margin={"t": max(30, top - 45)})  # the title's room, freed
    csv = words.table.to_csv(index=False).encode("utf-8")
    return Prepared(figure, shown, title, words, csv, download_name(title, _frame))


def show(prepared: Prepared, *, note: str | None, key: str) -> None:
    """The message as a heading, the chart, its caption, then its data and exports behind a click."""
    figure, title, words, filename = prepared.figure, prepared.title, prepared.words, prepared.filename
    # The message is a heading of the page, which wraps on any screen; the figure keeps its title for exports.
    st.markdown(f"#### {title}")
    st.plotly_chart(
        prepared.shown,
        theme=None,
        key=key,
        alt=words.alt,
        config={"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]},
    )
    full_caption = words.caption + (f" {note}" if note else "")
    st.caption(full_caption)
    # One under the other: side by side, a chart in a third of the page cut the export button's label short.
    with st.expander("Show the data"):
        st.dataframe(words.table[[c for c in DATA_COLUMNS if c in words.table]], hide_index=True, width="stretch")
        st.download_button(
            "Download this data (CSV)",
            prepared.csv,
            file_name=filename,
            mime="text/csv",
            key=f"{key}-csv",
            icon=":material/download:",
        )
    with st.popover("Image or slide", icon=":material/slideshow:", width="content"):
        ready = export.available()
        for label, render, extension, icon in EXPORTS:
            st.download_button(
                label,
                # Rendered only when clicked (a callable), so a page never pays for an export nobody asked for.
                lambda render=render: render(figure, title=title, caption=full_caption),
                file_name=filename.replace(".csv", f".{extension}"),
                mime=MIME[extension],
                key=f"{key}-{extension}",
                disabled=not ready,
                help=None if ready else "Needs Chromium on the server (apt-get install chromium).",
                icon=icon,
            )
