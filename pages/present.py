"""Presentation mode: a deck's charts one a slide, full screen, each its message in large type, the chart and its
source; stepped by Previous and Next or the arrow keys. The link names the deck and the slide, for a bookmark."""

import streamlit as st

from components import present

present.setup("Present")
checked_deck = present.deck()
if not checked_deck.charts:
    st.title("Nothing to present", anchor=False)
    st.info("This deck has no chart that still exists. Build one on the deck page.")
    st.page_link("pages/deck.py", label="Your deck", icon=":material/slideshow:")
else:
    at = present.number(len(checked_deck.charts))
    present.slide(checked_deck.charts[at - 1])
    present.bar(at, len(checked_deck.charts))
