"""A definition made real from the tables, without Streamlit: the figure, its message, its words and notes.

Pages show what this returns; the command line, decks and tests call it directly. A figure the tables lack is
MissingData (the page says what is missing); any other exception is a bug and is left to propagate.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from charts import bars, compare, gap, snapshot, trend, village
from charts.common import inert
from charts.present import own_layout
from definitions.model import Card, Chart, Draw
from definitions.select import select
from definitions.sources import Sources
from insight.areas import HOME_ROLE, statistical_neighbours
from insight.describe import Words, alt_text, caption, download_frame, village_words
from insight.facts import Facts, MissingData, ServiceFacts, VillageFacts
from insight.format import format_observation
from insight.headlines import Headline, headline
from insight.messages import FactsContext, fill
from insight.spine import spine
from insight.village import SHORT_LABELS

# What each builder draws, in words, for alt text.
KINDS = {
    trend.trend: "Line chart",
    trend.steps: "Line chart",
    compare.comparison_bars: "Bar chart",
    bars.category_bars: "Bar chart",
    bars.counts: "Dot chart on a logarithmic scale",
    gap.dumbbell: "Dumbbell chart",
    snapshot.ranges: "Range chart",
    village.village_grid: "Grid chart",
    village.circumstance_grid: "Grid chart",
    village.characteristics_small_multiples: "Grid charts",
    village.shares_as_villages: "Grid charts",
}


@dataclass(frozen=True)
class Rendered:
    """Everything a chart block, a slide or a file needs: built once per build of the tables."""

    definition: Chart
    figure: go.Figure  # titled with the message, for images and slides
    title: str  # the message, filled from the data
    words: Words  # alt text, caption (source and period), the rows with their provenance
    notes: tuple[str, ...]  # the definition's note, then the data-quality problems of the rows drawn
    filename: str  # for downloads, without extension: <home>-early-help_<id>_<periods>
    note: str = ""  # the definition's own note, filled: what the chart needs to be read right (slides keep it)
    # The builder again, for a size: (width, height) px -> the figure laid out for it (see figure_at).
    redraw: Callable[[int, int], go.Figure] | None = field(default=None, repr=False, compare=False)

    @property
    def drawn_note(self) -> str:
        """The note the figure leaves for the words under it (`layout.meta["caption"]`: a village grid's, which it
        draws into itself only at a known size; an interpolated trend's, naming the method)."""
        meta = self.figure.layout.meta
        return meta.get("caption", "") if isinstance(meta, dict) else ""

    def figure_at(self, width: int, height: int) -> go.Figure:
        """The figure drawn for `width` x `height` px, for an image, a slide or a wide screen. A figure that lays
        itself out (the village grids: a legend beside a grid, small villages three or five a row rather than a
        phone's strips) is built again for that size, without the note it would draw into itself (every export and
        slide shows the notes as text beside it); any other is this figure, which plotly lays out at any size."""
        if self.redraw is None or not own_layout(self.figure):
            return self.figure
        return self.redraw(width, height)


def context(frame: pd.DataFrame, sources: Sources, rows) -> FactsContext:
    return FactsContext(
        frame,
        {"rows": rows, "home": sources.areas.home_name},
        fallback=lambda name: sources.figures([name]),
        known=lambda name: name in sources.indicator_ids,
    )


def render(chart: Chart, sources: Sources, *, chosen: str | None = None) -> Rendered:
    """Select the rows, fill the message, build the figure and its words."""
    choice = {chart.choice.column: chosen} if chart.choice and chosen is not None else None
    frame = select(chart.draws, sources, chosen=choice)
    options = {k: (select(v, sources) if isinstance(v, Draw) else v) for k, v in chart.options.items()}
    facts = _facts(chart, frame)
    words_context = context(frame, sources, facts)
    title = fill(chart.message, words_context)
    figure = inert(chart.builder(frame, title=title, **options))
    note = fill(chart.note, words_context) if chart.note else ""
    drawn_note = (figure.layout.meta or {}).get("caption", "") if isinstance(figure.layout.meta, dict) else ""
    notes = tuple(
        n
        for n in (
            note,
            drawn_note,
            *quality_notes(frame, sources.data_quality, chart.related),
            *link_notes(chart, sources),
            *superseded_notes([frame, *[v for v in options.values() if isinstance(v, pd.DataFrame)]], sources),
        )
        if n
    )
    if chart.draws.table == "village":
        cited = [sources.citations.get(i, i) for i in dict.fromkeys(frame["source_id"])]
        words = village_words(title, frame, citation="; ".join(cited), kind=KINDS[chart.builder])
    else:
        label_by = "label" if "label" in frame else chart.label_by
        words = Words(
            alt_text(KINDS[chart.builder], title, frame, label_by=label_by), caption(frame), download_frame(frame)
        )

    def redraw(width: int, height: int) -> go.Figure:
        # A builder that lays out its own figure (charts.village) takes the size, and leaves its note to the text.
        return inert(chart.builder(frame, title=title, **{**options, "width": width, "height": height, "note": False}))

    return Rendered(chart, figure, title, words, notes, filename(chart, frame, sources.areas.home_name), note, redraw)


def _facts(chart: Chart, frame: pd.DataFrame):
    if chart.draws.table == "village":
        return VillageFacts(frame, size=chart.options.get("size"), short_labels=SHORT_LABELS)
    if chart.draws.table == "services":
        return ServiceFacts(frame)
    return Facts(frame)


def quality_notes(frame: pd.DataFrame, quality: pd.DataFrame, related: tuple[str, ...] = ()) -> list[str]:
    """The data-quality problems that concern the rows drawn (or the related indicators), as notes: where the
    strategy contradicts itself or its sums do not add up, the chart says so."""
    if quality.empty or "indicator_id" not in frame:  # the village's rows have no data-quality references
        return []
    if "service_id" in frame:  # the services table's references: "service: youth_centres | ecosystem"
        drawn = {f"service: {r.service_id} | {r.section_id}" for r in frame.itertuples(index=False)}
    else:
        drawn = {
            f"{r.indicator_id} | {r.period} | {r.breakdown} | {r.area_code}" for r in frame.itertuples(index=False)
        }
    notes = []
    for issue in quality.dropna(subset=["refs"]).itertuples(index=False):
        refs = [ref.strip() for ref in issue.refs.split(";")]
        if any(ref in drawn or ref.split(" | ")[0] in related for ref in refs):
            notes.append(f"{issue.summary} {issue.handling}")
    return notes


def link_notes(chart: Chart, sources: Sources) -> list[str]:
    """Where a chart draws a public indicator that the strategy measures too (indicator_links), what the link is:
    the same measure, or one defined differently (shown beside, never compared)."""
    drawn = {
        i
        for draw in (chart.draws, *[v for v in chart.options.values() if isinstance(v, Draw)])
        for i in draw.indicators
    }
    titles = dict(zip(sources.indicators["indicator_id"], sources.indicators["title"], strict=True))
    notes = []
    for link in sources.links.itertuples(index=False):
        if link.public_indicator_id in drawn:
            words = "The same measure as" if link.relation == "same" else "Not the same measure as"
            notes.append(
                f"{words} the strategy's {titles.get(link.strategy_indicator_id, link.strategy_indicator_id)}: {link.reason}"
            )
    return notes


def superseded_notes(frames: list[pd.DataFrame], sources: Sources) -> list[str]:
    """For each strategy figure drawn that a newer release supersedes: which, and by what."""
    notes = []
    for frame in frames:
        if not {"indicator_id", "period", "area_code", "source_kind"} <= set(frame.columns):
            continue
        stated = frame[frame["source_kind"] == "strategy"].drop_duplicates(["indicator_id", "period", "area_code"])
        for row in stated.itertuples(index=False):
            label = sources.superseded_by(row.indicator_id, row.period, row.area_code)
            if label:
                notes.append(
                    f"The strategy's {row.title} ({row.period}, {format_observation(row._asdict())}): {label}."
                )
    return list(dict.fromkeys(notes))


def filename(chart: Chart, frame: pd.DataFrame, home_name: str) -> str:
    """'bromley-early-help_social_care-front_door_2018-19-to-2021-22': the chart's id, then its span of periods."""
    home = re.sub(r"[^a-z0-9]+", "-", home_name.lower()).strip("-")
    name = f"{home}-early-help_{chart.id.replace('.', '-')}"
    if "period_start" not in frame:
        return name
    dated = frame.dropna(subset=["period_start"]).sort_values("period_start")
    if dated.empty:
        return name
    first, last = dated["period"].iloc[0], dated["period"].iloc[-1]
    span = first if first == last else f"{first} to {last}"
    return f"{name}_{re.sub(r'[^0-9a-z]+', '-', span.lower()).strip('-')}"


def card(definition: Card, sources: Sources) -> Headline:
    """The headline of a card; MissingData when its figure is not in the tables. A strategy figure a newer release
    of the same measure supersedes is shown as that release's newest figure, with the strategy's as context; a
    figure every authority has is placed among them (its spine)."""
    code = sources.areas.code_by_role.get(definition.role)
    if code is None:
        raise MissingData(f"an area with the role {definition.role}")
    is_home = definition.role == HOME_ROLE

    def of(indicator: str) -> Headline:
        return headline(
            sources.figures([indicator]),
            indicator,
            page=definition.page,
            meaning=definition.meaning or None,
            breakdown=definition.breakdown,
            area=code,
            is_home=is_home,
        )

    card_headline = of(definition.indicator)
    followed = _newer_release(definition, sources) if is_home and definition.follow else None
    if followed is not None:
        stated = card_headline
        when = f"in {stated.period_label}" if stated.period_end is not None else "no year given"
        card_headline = dataclasses.replace(of(followed.public_id), context=f"strategy: {stated.value}, {when}")
    else:
        label = sources.superseded_by(definition.indicator, card_headline.period_label, code)
        card_headline = dataclasses.replace(card_headline, superseded=label) if label else card_headline
    if is_home:
        card_headline = dataclasses.replace(
            card_headline, spine=_spine(definition.spine or card_headline.indicator_id, sources, code)
        )
    return dataclasses.replace(card_headline, title=definition.title) if definition.title else card_headline


def _newer_release(definition: Card, sources: Sources):
    """The Since row whose newer published figure of the same measure supersedes the card's strategy figure."""
    return next(
        (row for row in sources.since if row.strategy_id == definition.indicator and row.superseded),
        None,
    )


def _spine(indicator: str, sources: Sources, home: str):
    """Where the home area stands among England's authorities on `indicator`, where it can be placed."""
    if indicator not in sources.indicator_ids:
        return None
    frame = sources.figures([indicator], list(sources.areas_table["area_code"]))
    return spine(
        frame,
        sources.areas_table,
        home=home,
        country=sources.areas.code_by_role.get("country"),
        neighbours=statistical_neighbours(sources.neighbour_table, home),
    )
