"""Your deck: the charts an analyst picked, in their order, for presentation mode and for export.

The deck lives in the session (so it survives page changes, and any chart's "Add to your deck" reaches it) and in
the deck page's URL (`?slides=id,id`), so a link reopens it; a JSON file (definitions.decks) saves and loads it.
A link or file naming a chart that no longer exists is not refused: the rest is kept and the missing ids named.
"""

from __future__ import annotations

import streamlit as st

import definitions
from components import state
from definitions import decks
from insight.text import md

DECK, NAME, SYNCED, NOTICE = "deck", "deck_name", "deck_in_url", "deck_notice"
UPLOAD, PICK, CHOSEN = "deck_upload", "deck_pick", "deck_chosen"


def slides() -> list[str]:
    """The session's deck, as chart ids in order (empty before anything was added or opened)."""
    return list(st.session_state.get(DECK, []))


def started() -> bool:
    return DECK in st.session_state


def _set(ids: list[str], notice: str | None = None) -> None:
    st.session_state[DECK] = list(dict.fromkeys(ids))  # a chart once: a second copy of a slide says nothing new
    st.session_state[NOTICE] = notice


def add(chart_id: str) -> bool:
    """Put a chart at the end of the session's deck; False when it is in it already."""
    ids = slides()
    if chart_id in ids:
        return False
    _set([*ids, chart_id])
    return True


def adopt(deck: decks.Deck, source: str) -> None:
    """Make `deck` the session's, leaving out (and naming) the ids of charts that no longer exist."""
    checked = decks.check(deck)
    notice = None
    if checked.unknown:
        missing = ", ".join(f"“{md(i)}”" for i in checked.unknown)
        notice = f"{source} names charts that no longer exist, so they are left out: {missing}."
    st.session_state[NAME] = deck.name
    _set([chart.id for chart in checked.charts], notice)


def from_url() -> None:
    """Open the URL's deck (`?slides=`) when it is new to the session; else keep the session's, or start with the
    default story."""
    asked = st.query_params.get("slides")
    if started() and (asked is None or asked == st.session_state.get(SYNCED)):
        return
    if asked is None:
        adopt(decks.default(), "The default story")
    else:
        adopt(decks.Deck("Your deck", tuple(i for i in asked.split(",") if i)), "The link")


def keep_in_url() -> None:
    text = ",".join(slides())
    state.keep_in_url({"slides": text})
    st.session_state[SYNCED] = text


# ---- changes, run as the buttons' callbacks (before the page is drawn again) -------------------------------------


def _move_chosen(step: int) -> None:
    """Swap the chosen slide with its neighbour; it stays chosen, so it can be moved again at once."""
    ids = slides()
    index = ids.index(st.session_state[CHOSEN])
    ids[index], ids[index + step] = ids[index + step], ids[index]
    _set(ids)


def _remove_chosen() -> None:
    ids = slides()
    index = ids.index(st.session_state[CHOSEN])
    del ids[index]
    _set(ids)
    if ids:  # the next slide (or the new last one) is chosen, so several can be removed in turn
        st.session_state[CHOSEN] = ids[min(index, len(ids) - 1)]


def _add_picked() -> None:
    picked = st.session_state.get(PICK)
    if picked and not add(picked):
        st.session_state[NOTICE] = f"{md(definitions.get(picked).what)} is in your deck already."


def _load() -> None:
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return
    try:
        deck = decks.from_json(uploaded.getvalue().decode("utf-8", errors="replace"), uploaded.name)
    except decks.DeckError as exc:
        st.session_state[NOTICE] = md(str(exc))
        return
    adopt(deck, uploaded.name)


# ---- what the page shows -----------------------------------------------------------------------------------------


def label(chart: definitions.Chart) -> str:
    """A chart as a person looks for it: its page, its section, what it draws."""
    return f"{chart.page.replace('_', ' ').capitalize()} · {chart.section}: {chart.what}"


def notice() -> None:
    if st.session_state.get(NOTICE):
        st.warning(st.session_state[NOTICE], icon="⚠️")


def slide_list() -> None:
    """The deck's slides in order as one numbered list, then one choice of slide with move up, move down and remove.

    One list and three buttons, not three buttons a slide: a 12-slide deck drew about 100 elements, each sent on
    every rerun, and was the slowest page under a board's burst of sessions (bench/load.py)."""
    charts = decks.check(decks.Deck("", tuple(slides()))).charts
    if not charts:
        st.info("Your deck is empty: add a chart below, or start with the default story.")
        return
    st.markdown("\n".join(f"{number}. {md(label(chart))}" for number, chart in enumerate(charts, start=1)))
    ids = [chart.id for chart in charts]
    named = {chart.id: label(chart) for chart in charts}
    # Named without its number: an option's words must not change when the slide moves, or the browser keeps
    # showing the old words for the chosen slide (seen in Chromium: "Slide 3: …" after it had moved to 2).
    chosen = st.selectbox("Slide to move or remove", ids, key=CHOSEN, format_func=named.__getitem__)
    index = ids.index(chosen)
    up, down, remove = st.columns(3)
    up.button(
        "Move up", key="deck-up", on_click=_move_chosen, args=(-1,), disabled=index == 0, icon=":material/arrow_upward:"
    )
    down.button(
        "Move down",
        key="deck-down",
        on_click=_move_chosen,
        args=(1,),
        disabled=index == len(ids) - 1,
        icon=":material/arrow_downward:",
    )
    remove.button("Remove", key="deck-remove", on_click=_remove_chosen, icon=":material/delete:")


def add_a_chart() -> None:
    """A choice of every chart, by page and title, and a button that puts it at the end of the deck."""
    charts = {chart.id: chart for chart in definitions.charts()}
    st.selectbox("Chart", list(charts), key=PICK, format_func=lambda i: label(charts[i]))
    st.button("Add this chart to the deck", key="deck-add", on_click=_add_picked, icon=":material/add:")


def start_with_default() -> None:
    st.button(
        "Start with the default story",
        key="deck-default",
        on_click=adopt,
        args=(decks.default(), "The default story"),
        icon=":material/auto_stories:",
    )


def save_and_load() -> None:
    """Download the deck as a small JSON file; load one (a file that is not a deck is refused, with why)."""
    deck = decks.Deck(st.session_state.get(NAME) or "Your deck", tuple(slides()))
    st.download_button(
        "Download this deck (JSON)",
        decks.to_json(deck),
        file_name="deck.json",
        mime="application/json",
        key="deck-download",
        icon=":material/download:",
    )
    st.file_uploader("Load a deck (JSON)", type=["json"], key=UPLOAD, on_change=_load)


def present_link() -> None:
    ids = slides()
    if ids:
        st.page_link(
            "pages/present.py",
            label="Present this deck",
            icon=":material/slideshow:",
            query_params={"slides": ",".join(ids), "slide": "1"},
        )
