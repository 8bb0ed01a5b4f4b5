"""The overview's at-a-glance tables: one row per headline figure, in the manner of Fingertips' area summary.

One table, a row per figure under its section's row. Each row says the newest figure and its period (a published release's where one supersedes the strategy's, the
strategy's figure beside it), its change since the previous figure with better or worse in words (and an arrow,
and a colour), where the borough stands among England's authorities (a spine chart, with its words), and how it
compares with the other areas. One element, so the picture fits about a screen and a half and draws fast; the
theme pages hold the detail.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import definitions
from charts.spine import markdown as spine_picture
from components import data
from components.blocks import missing
from definitions.render import card
from insight.facts import MissingData, judge
from insight.headlines import Headline
from insight.spine import compared
from insight.text import md

BADGES = {"better": ":blue-badge[:material/thumb_up: Better]", "worse": ":orange-badge[:material/thumb_down: Worse]"}
ARROWS = {"up": ":material/arrow_upward:", "down": ":material/arrow_downward:", "off": ""}
NOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹"
COLUMNS = ("Latest", "Change", "Among authorities", "Compared with")
# What the spine's marks mean, once under the tables (each picture also says it all in its alternative text).
LEGEND = (
    "**Among authorities**: England's local authorities from lowest to highest (the middle half darker; better to "
    "the right where better is declared): **|** England, **◇** {home}'s statistical neighbours' average, **●** "
    "{home}, blue where better than England, orange where worse, grey where no one has declared which way is better."
)


def summary_table(ids: list[str]) -> None:
    """The headline figures of `ids` as a table a section, with the conflicts about them as numbered notes."""
    text, notes, spines = _summary(tuple(ids), data.build_id())
    if not text:
        missing("every headline figure")
        return
    with st.container(key="overview_summary"):
        st.markdown(text)
    if spines:
        st.caption(LEGEND.format(home=md(data.sources().areas.home_name)))
    if notes:
        st.caption("  \n".join(notes))


@st.cache_resource(show_spinner=False, max_entries=20)
def _summary(ids: tuple[str, ...], build_id: str) -> tuple[str, list[str], int]:
    sources = data.sources()
    lines = [f"| Figure | {' | '.join(COLUMNS)} |", "| --- | --- | --- | --- | --- |"]
    notes: list[str] = []
    figures_listed = spines = 0
    section = None
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
        figures_listed += 1
        spines += headline.spine is not None
        marks = ""
        for issue in conflicts(headline, sources.data_quality):
            if issue not in notes:
                notes.append(issue)
            marks += NOTE_MARKS[notes.index(issue) % len(NOTE_MARKS)]
        lines.append(_row(headline, definitions.page_drawing(definition.indicator), marks))
    numbered = [f"{NOTE_MARKS[i % len(NOTE_MARKS)]} {md(note)}" for i, note in enumerate(notes)]
    return ("\n".join(lines) if figures_listed else ""), numbered, spines


def _row(headline: Headline, page: str | None, marks: str) -> str:
    figure = f"[{md(headline.title)}](/{page})" if page else md(headline.title)  # the card's own title, if it has one
    return f"| {figure} | {_latest(headline, marks)} | {_change(headline)} | {_standing(headline)} | {_compared(headline)} |"


def _latest(headline: Headline, marks: str) -> str:
    # The note marks inside the bold: after a closing ** that follows "%", Markdown would not close the bold.
    latest = f"**{md(headline.value)}{marks}** · {md(headline.period_label)}"
    if headline.context:
        latest += f" :gray[({md(headline.context)})]"
    if headline.superseded:
        latest += f" :gray-badge[:material/update: {md(headline.superseded)}]"
    return latest


def _change(headline: Headline) -> str:
    if headline.delta is None:
        return "none earlier"
    change = f"{ARROWS[headline.delta_arrow]} {md(headline.delta)}".strip()
    return f"{change} {BADGES.get(headline.verdict, ':gray-badge[No verdict]')}"


def _standing(headline: Headline) -> str:
    """The spine chart and its rank in words, or a dash where the figure cannot be placed among authorities."""
    if headline.spine is None:
        return "–"
    spine = headline.spine
    return f"{spine_picture(spine)} :gray[{md(spine.short_rank)}]"


def _compared(headline: Headline) -> str:
    """The other areas' figures and the verdict against them in a badge. Where the borough is placed by a rate
    beside its count (a count is never set beside other areas' counts: they grow with an area's size), that
    rate and its comparators; the statistical neighbours' average wherever the spine has it."""
    spine = headline.spine
    parts = [md(headline.comparators)] if headline.comparators else []
    if spine is not None and spine.indicator_id != headline.indicator_id:
        parts.append(f"{md(spine.formatted(spine.home))} ({md(compared(spine))})")
    elif spine is not None and spine.neighbours is not None:
        parts.append(f"neighbours {md(spine.formatted(spine.neighbours, bare=True))}")
    if not parts:
        return "–"
    text = " · ".join(parts)
    if headline.against:  # the areas are named just before: one word says it, unless it differs between them
        word = headline.against.split(" ")[0]
        colour = {"better": "blue", "worse": "orange"}.get(word, "gray")
        said = word.capitalize() if " but " not in headline.against else headline.against
        return f"{text} :{colour}-badge[{md(said)}]"
    if spine is not None and spine.judged and spine.england is not None:
        word = judge(spine.home - spine.england, spine.polarity)
        if word in BADGES:
            return f"{text} :{'blue' if word == 'better' else 'orange'}-badge[{word.capitalize()} than England]"
    return text


CONFLICTS = ("conflicting_values", "arithmetic", "sources_disagree")  # contradictions, sums, two sources


def conflicts(headline: Headline, quality: pd.DataFrame) -> list[str]:
    """Where the strategy contradicts itself about this figure, or a publisher gives another for its period: the
    data-quality problems that name the row."""
    named = quality.dropna(subset=["refs"])
    return [
        str(issue.summary)
        for issue in named.itertuples(index=False)
        if issue.kind in CONFLICTS and headline.ref in [ref.strip() for ref in issue.refs.split(";")]
    ]


def as_at(ids: list[str]) -> str:
    """'Figures as at 2024/25 (published releases) and 2016 to 2021/22 (the strategy's)': the newest period of
    the figures shown, published and the strategy's apart, and how many are undated."""
    return _as_at(tuple(ids), data.build_id())


@st.cache_resource(show_spinner=False, max_entries=20)
def _as_at(ids: tuple[str, ...], build_id: str) -> str:
    headlines = []
    for definition_id in ids:
        try:
            headlines.append(card(definitions.get(definition_id), data.sources()))
        except MissingData:
            continue
    published = sorted((h.period_end, h.period_label) for h in headlines if h.source and h.period_end is not None)
    stated = sorted((h.period_end, h.period_label) for h in headlines if not h.source and h.period_end is not None)
    undated = sum(h.period_end is None for h in headlines)
    parts = []
    if published:
        parts.append(f"**{md(published[-1][1])}** for the figures a newer public release gives")
    if stated:
        span = stated[0][1] if stated[0][1] == stated[-1][1] else f"{stated[0][1]} to {stated[-1][1]}"
        parts.append(f"**{md(span)}** for the strategy's own")
    if not parts:
        return "None of these figures has a date."
    extra = f"; {undated} are undated, as the strategy gives them" if undated else ""
    return f"Figures as at {' and '.join(parts)}{extra}."
