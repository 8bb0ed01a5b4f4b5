"""Headline cards: value, period, direction of travel in words and colour, comparators, meaning, link."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.blocks import missing
from insight.headlines import Card, Headline, headline_for
from loaders import tables


def card(headline: Headline) -> None:
    with st.container(border=True):
        # The title as text wraps; a metric's own label is cut short with an ellipsis.
        st.markdown(f"**{headline.title}**")
        st.metric(
            label=headline.title,
            value=headline.value,
            delta=headline.delta,
            delta_color=headline.delta_colour,
            delta_arrow=headline.delta_arrow,
            label_visibility="collapsed",
        )
        lines = [f"**{headline.period[:1].upper()}{headline.period[1:]}.**", headline.change]
        if headline.comparators:
            lines.append(f"Compared with: {headline.comparators}.")
        lines.append(headline.meaning)
        st.markdown(" ".join(lines))
        st.page_link(headline.page, label="See the figures", icon=":material/arrow_forward:")


@st.cache_resource(show_spinner=False, max_entries=500)
def _headline(card: Card, build_id: str, signature: int, _figures: pd.DataFrame) -> Headline | None:
    """One card's headline, worked out once per build of the tables; None when its figure is missing."""
    try:
        return headline_for(_figures, card)
    except (KeyError, IndexError):
        return None


def card_grid(figures: pd.DataFrame, cards: list[Card], columns: int = 3) -> None:
    """Cards in rows of `columns`; a card whose figure is missing becomes a short message, not an error."""
    build_id, signature = tables.build_id(), len(figures)
    for start in range(0, len(cards), columns):
        for column, spec in zip(st.columns(columns), cards[start : start + columns], strict=False):
            with column:
                headline = _headline(spec, build_id, signature, figures)
                if headline is None:
                    missing(f"the figure '{spec.indicator_id}'")
                else:
                    card(headline)
