"""The overview's at-a-glance table: one row per headline figure, in the manner of Fingertips' area summary.

Each row says the figure, its period, its change since the previous published figure with better or worse
in words (and an arrow, and a colour), and how it compares with the other areas. One table is one element,
so the whole picture fits about one screen and draws fast; the theme pages hold the detail.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import definitions
from components import data
from components.blocks import missing
from definitions.render import card
from insight.facts import MissingData
from insight.headlines import Headline
from insight.text import md

BADGES = {"better": ":blue-badge[:material/thumb_up: Better]", "worse": ":orange-badge[:material/thumb_down: Worse]"}
ARROWS = {"up": ":material/arrow_upward:", "down": ":material/arrow_downward:", "off": ""}
NOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"


def summary_table(ids: list[str]) -> None:
    """The headline figures of `ids` as one table, grouped by section, with the conflicts the strategy has
    about them as numbered notes underneath."""
    rows, notes = _summary(tuple(ids), data.build_id())
    if not rows:
        missing("every headline figure")
        return
    st.markdown("\n".join(rows))
    if notes:
        st.caption("  \n".join(notes))


@st.cache_resource(show_spinner=False, max_entries=20)
def _summary(ids: tuple[str, ...], build_id: str) -> tuple[list[str], list[str]]:
    sources = data.sources()
    lines = [
        "| Figure | Latest, and its period | Change since the previous figure | Verdict | Compared with other areas |",
        "| --- | --- | --- | --- | --- |",
    ]
    notes: list[str] = []
    section, shown = None, 0
    for definition_id in ids:
        definition = definitions.get(definition_id)
        if definition.section != section:
            section = definition.section
            lines.append(f"| **{md(section)}** | | | | |")
        try:
            headline = card(definition, sources)
        except MissingData as exc:
            lines.append(f"| {md(definition.indicator)} | not available ({md(exc)}) | | | |")
            continue
        shown += 1
        marks = ""
        for issue in conflicts(headline, sources.data_quality):
            if issue not in notes:
                notes.append(issue)
            marks += NOTE_MARKS[notes.index(issue) % len(NOTE_MARKS)]
        lines.append(_row(headline, definitions.page_drawing(definition.indicator), marks))
    numbered = [f"{NOTE_MARKS[i % len(NOTE_MARKS)]} {md(note)}" for i, note in enumerate(notes)]
    return (lines if shown else []), numbered


def _row(headline: Headline, page: str | None, marks: str) -> str:
    figure = f"[{md(headline.title)}](/{page})" if page else md(headline.title)
    # The note marks inside the bold: after a closing ** that follows "%", Markdown would not close the bold.
    latest = f"**{md(headline.value)}{marks}**"
    if headline.delta is None:
        change, verdict = "none earlier", "–"
    else:
        change = f"{ARROWS[headline.delta_arrow]} {md(headline.delta)}".strip()
        verdict = BADGES.get(headline.verdict, ":gray-badge[No verdict]")
    against = md(headline.comparators) if headline.comparators else "–"
    if headline.against:
        # The areas are named just before: one word says it, unless the verdict differs between them.
        word = headline.against.split(" ")[0]
        colour = {"better": "blue", "worse": "orange"}.get(word, "gray")
        said = word.capitalize() if " but " not in headline.against else headline.against
        against += f" :{colour}-badge[{md(said)}]"
    latest += f" · {md(headline.period_label)}"
    if headline.superseded:
        latest += f" :gray-badge[:material/update: {md(headline.superseded)}]"
    return f"| {figure} | {latest} | {change} | {verdict} | {against} |"


# The strategy contradicts itself, its sums do not add up, or a publisher gives another figure for the same period.
CONFLICTS = ("conflicting_values", "arithmetic", "sources_disagree")


def conflicts(headline: Headline, quality: pd.DataFrame) -> list[str]:
    """Where the strategy contradicts itself about this figure: its data-quality problems that name the row."""
    named = quality.dropna(subset=["refs"])
    return [
        str(issue.summary)
        for issue in named.itertuples(index=False)
        if issue.kind in CONFLICTS and headline.ref in [ref.strip() for ref in issue.refs.split(";")]
    ]


def as_at(ids: list[str]) -> str:
    """'Figures as at 2016 to 2021/22': the span of the periods the table shows, and how many are undated."""
    return _as_at(tuple(ids), data.build_id())


@st.cache_resource(show_spinner=False, max_entries=20)
def _as_at(ids: tuple[str, ...], build_id: str) -> str:
    headlines = []
    for definition_id in ids:
        try:
            headlines.append(card(definitions.get(definition_id), data.sources()))
        except MissingData:
            continue
    dated = sorted((h.period_end, h.period_label) for h in headlines if h.period_end is not None)
    undated = len(headlines) - len(dated)
    if not dated:
        return "None of these figures has a date in the strategy."
    span = dated[0][1] if dated[0][1] == dated[-1][1] else f"{dated[0][1]} to {dated[-1][1]}"
    extra = f"; {undated} are undated, as the strategy gives them" if undated else ""
    return f"Figures as at **{md(span)}** (the newest the strategy has for each){extra}."
