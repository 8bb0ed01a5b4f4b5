"""Presentation mode: one chart a slide, full screen, in type the back of a room can read.

The deck and the slide are in the URL (`?deck=default` or `?slides=id,id`, and `?slide=N`, counted from one), so a
presenter can bookmark any slide. Previous and Next (or the arrow keys) write the new number back to the URL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

import definitions
from charts.present import for_screen, own_layout
from components import data, style
from components import deck as session_deck
from components.blocks import begin_page
from components.figures import kept
from definitions import decks
from definitions.render import Rendered, render
from insight.facts import MissingData
from insight.text import md

HEADING_PX = 44  # the message's size on a slide: readable from the back of a room
WORDS_PX = 24  # the source and notes under the chart
SCREEN_WIDTH = 1824  # px of a 1920-pixel screen inside the slide's margins
SPARE, MIN_HEIGHT, MAX_HEIGHT = 780, 450, 720  # px left for the chart and the heading, of a 1080-pixel screen

# Static CSS only: no data reaches it. Full screen (no sidebar, header or toolbar), the heading at HEADING_PX and
# every other word at least 24 px, the size charts.present gives the chart's text.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 1rem 3rem !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: 44px !important; line-height: 1.2 !important; padding: 0 0 0.25rem 0 !important; }
[data-testid="stMain"] p, [data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stMain"] [data-testid="stPageLink"] span { font-size: 24px !important; }
[data-testid="stMain"] button p { font-size: 24px !important; }
/* A phone is not a projector: the words at a phone's sizes (the chart keeps the slide's). */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding: 1rem !important; }
  [data-testid="stMain"] h1 { font-size: 28px !important; }
  [data-testid="stMain"] p, [data-testid="stMain"] [data-testid="stCaptionContainer"],
  [data-testid="stMain"] button p { font-size: 16px !important; }
}
</style>
"""


@dataclass(frozen=True)
class Slide:
    rendered: Rendered
    figure: go.Figure  # laid out for a screen (charts.present)
    # Under the chart, after its source: the definition's own note (what the chart needs to be read right, such as
    # why a bar sits under a heading about another figure) and any note the figure would draw into itself (the
    # village grids').
    note: str


def setup(title: str) -> None:
    """The page's tab title, and the full-screen styles (the heading is the slide's own)."""
    begin_page()
    st.set_page_config(page_title=f"{title} · Borough Insight", layout="wide", initial_sidebar_state="collapsed")
    style.apply()  # the focus ring every page has
    st.html(CSS)


def deck() -> decks.Checked:
    """The deck the URL names (else the session's, else the default story), its unknown ids named in a warning;
    the URL is rewritten to name it, without them, so a bookmark reopens what is shown."""
    asked, named = st.query_params.get("slides"), st.query_params.get("deck")
    if named is not None and named != decks.DEFAULT:
        st.warning(f"There is no deck called “{md(named)}”; showing the default story.")
    if asked is not None and named is None:
        chosen = decks.Deck("Your deck", tuple(i for i in asked.split(",") if i))
    elif named is None and session_deck.slides():
        chosen = decks.Deck("Your deck", tuple(session_deck.slides()))
    else:
        chosen = decks.default()
    checked = decks.check(chosen)
    if checked.unknown:
        missing = ", ".join(f"“{md(i)}”" for i in checked.unknown)
        st.warning(f"The deck names charts that no longer exist, so they are left out: {missing}.")
    if chosen.slides == decks.DEFAULT_STORY:
        _keep({"deck": decks.DEFAULT, "slides": None})
    else:
        _keep({"deck": None, "slides": ",".join(chart.id for chart in checked.charts) or None})
    return checked


def _keep(params: dict[str, str | None]) -> None:
    for key, value in params.items():
        if value is None and key in st.query_params:
            del st.query_params[key]
        elif value is not None and st.query_params.get(key) != value:
            st.query_params[key] = value


def number(count: int) -> int:
    """The slide the URL asks for (counted from one), kept within the deck and written back."""
    try:
        asked = int(st.query_params.get("slide", "1"))
    except ValueError:
        asked = 1
    chosen = min(max(asked, 1), count)
    _keep({"slide": str(chosen)})
    return chosen


def _step(to: int) -> None:
    st.query_params["slide"] = str(to)


@st.cache_resource(show_spinner=False, max_entries=500)
def _slide(chart_id: str, build_id: str) -> Slide | str:
    """A chart laid out for a slide, once per build of the tables; a figure missing from them comes back as why."""
    chart = definitions.get(chart_id)
    try:
        rendered = render(chart, data.sources())
        note = " ".join(text for text in (rendered.note, rendered.drawn_note) if text)
        height = chart_height(rendered.title, " ".join((rendered.words.caption, note)))
        if own_layout(rendered.figure) and "xaxis2" in rendered.figure.layout:
            # Small villages side by side are laid out for the screen (three a row, the legend in a spare cell, or
            # all in one row where that draws them larger), not as the app's strips for a phone; their note goes
            # under the chart, as text.
            figure = rendered.figure_at(SCREEN_WIDTH, height)
        else:
            figure = rendered.figure  # the app's layout draws no note into a single grid
    except MissingData as exc:
        return str(exc)
    return Slide(rendered, kept(for_screen(figure, height=height)), note)


def chart_height(message: str, under: str = "") -> int:
    """The chart's height on a 1920x1080 screen: what the heading (as many lines as the message wraps to), the
    words under the chart (source, period and note, beyond the two lines SPARE leaves them) and the slide bar
    leave, so the whole slide shows without scrolling."""
    lines = math.ceil(len(message) * HEADING_PX * 0.47 / SCREEN_WIDTH)
    under_lines = math.ceil(len(under) * WORDS_PX * 0.47 / SCREEN_WIDTH)
    spare = SPARE - lines * round(HEADING_PX * 1.25) - max(0, under_lines - 2) * round(WORDS_PX * 1.6)
    return max(MIN_HEIGHT, min(MAX_HEIGHT, spare))


def slide(chart: definitions.Chart) -> None:
    """The message as the heading, the chart, its source under it."""
    laid_out = _slide(chart.id, data.build_id())
    if isinstance(laid_out, str):  # why it is missing
        st.title(md(chart.what[:1].upper() + chart.what[1:]), anchor=False)
        st.info(f"Not available: {md(chart.what)} is missing from the tables ({md(laid_out)}).")
        return
    st.title(md(laid_out.rendered.title), anchor=False)
    st.plotly_chart(
        laid_out.figure,
        theme=None,
        key=f"slide-{chart.id}",
        alt=laid_out.rendered.words.alt,
        config={"displayModeBar": False},
    )
    st.caption(md(" ".join(text for text in (laid_out.rendered.words.caption, laid_out.note) if text)))


def bar(at: int, count: int) -> None:
    """Previous, the slide counter and Next (also the arrow keys), and a quiet way out to the deck page."""
    out, previous, counter, following = st.columns([3, 2, 2, 2], vertical_alignment="center")
    # A bookmark opened in a new session has no deck of its own yet: the way out takes the presented one along.
    query = {} if session_deck.started() else {"slides": st.query_params.get("slides", ",".join(decks.DEFAULT_STORY))}
    out.page_link("pages/deck.py", label="Exit", icon=":material/close:", query_params=query)
    previous.button(
        "Previous",
        key="slide-previous",
        on_click=_step,
        args=(at - 1,),
        disabled=at == 1,
        shortcut="ArrowLeft",
        width="stretch",
    )
    counter.markdown(f"Slide {at} of {count}", text_alignment="center")
    following.button(
        "Next",
        key="slide-next",
        on_click=_step,
        args=(at + 1,),
        disabled=at == count,
        shortcut="ArrowRight",
        width="stretch",
    )
