"""The explorer's Streamlit pieces: find and pick indicators and areas, choose how to show them, the chart, the
changes between two periods, and downloads of exactly what is drawn. Every choice lives in the URL
(components.state), so a link reopens the same view on any browser and any server; without one, the page opens
on the overview's headline rate for the home area beside its region, country and statistical neighbours.

What a view draws is worked out once per build and choice (`st.cache_resource`, shared read-only by every
session): a rerun that changes nothing, or comes back to a view seen before, costs only the drawing. A view not
seen before reads only its indicators' files, only the columns it draws, as plain records (no DataFrame on the way
unless an option reworks the figures): a change of indicator costs about what a page of one plain chart does."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import definitions
from charts import export
from charts.explorer import bars_spec, for_image, time_spec
from components import data
from components.state import keep_in_url, url_flag, url_list, url_value
from definitions.model import Card
from insight import explore
from insight.areas import role_rank, statistical_neighbours
from insight.catalogue import to_csv_bytes
from insight.projections import METHOD
from insight.text import md
from loaders.store import tables

AS_PUBLISHED = "as published"
EVERYONE = "all"


NEIGHBOURS = "neighbours"  # the pick, among the areas, of the home area's statistical neighbours (`?areas=neighbours`)


@dataclass(frozen=True)
class Picked:
    indicators: tuple[str, ...]
    areas: tuple[str, ...]  # area codes, a group's authorities in place of the group
    through: tuple[tuple[str, str], ...] = ()  # (code, group name) of the areas read only through a group


@dataclass(frozen=True)
class Read:
    """The picked figures (every breakdown) as records (insight.explore.shape), their breakdowns and dated periods."""

    rows: list[dict]
    breakdowns: list[str]
    periods: list[str]


@dataclass(frozen=True)
class View:
    """What the page draws for one choice: the rows, the notes, the chart's kind and figure, the periods, the
    sources, and the view in words (an image's title) and as a file name."""

    rows: list[dict]
    notes: list[str]
    kind: str
    figure: Drawn | None
    periods: list[str]
    sources: str
    title: str
    file: str
    _changes: dict = field(default_factory=dict, compare=False, repr=False)

    def changes(self, start: str, end: str) -> pd.DataFrame:
        """The changes table from `start` to `end`, in words (made once per view and pair of periods)."""
        if (start, end) not in self._changes:
            self._changes[start, end] = explore.readable_changes(explore.changes(self.rows, start, end))
        return self._changes[start, end]


Groups = dict[str, tuple[str, list[str]]]  # a group's key -> its name and its authorities


@dataclass(frozen=True)
class Choices:
    """What the picks offer, once a build: indicators with figures (and their titles), areas in order (the home
    area and its comparators, the groups, then every other area) and their words, and the view a page opens on."""

    indicators: pd.DataFrame
    titles: dict[str, str]
    areas: list[str]
    words: dict[str, str]
    groups: Groups
    opening: tuple[str, ...]
    opening_areas: tuple[str, ...]


@st.cache_resource(max_entries=4, show_spinner=False)
def _choices(build: str) -> Choices:
    sources = data.sources()
    indicators = sources.indicators[sources.indicators["observations"] > 0]
    titles = dict(zip(indicators["indicator_id"], indicators["title"], strict=True))
    table = sources.areas_table.assign(_rank=sources.areas_table["role"].map(role_rank))
    ordered = list(table.sort_values(["_rank", "area_name"], kind="stable")["area_code"])
    groups, group_words = _area_groups(build)
    with_roles = int(table["role"].notna().sum())  # the home area and its comparators first, then the groups
    areas = [*ordered[:with_roles], *groups, *ordered[with_roles:]]
    words = {
        code: explore.area_words(code, name) for code, name in zip(table["area_code"], table["area_name"], strict=True)
    }
    roles = sources.areas.code_by_role
    opening_areas = [roles[role] for role in explore.OPENING_ROLES if role in roles] + [*groups][:1]
    return Choices(
        indicators, titles, areas, words | group_words, groups, _opening(build, titles), tuple(opening_areas)
    )


def _opening(build: str, titles: dict[str, str]) -> tuple[str, ...]:
    """The indicator a page opens on: of the overview's rates declared to have every authority's figures (its
    cards' `spine`), the one the home area has the newest figure of."""
    candidates = [d.spine for d in definitions.of_page("overview") if isinstance(d, Card) and d.spine in titles]
    home = data.sources().areas.home
    chosen = explore.opening_indicator(candidates, _observations(build, tuple(candidates), (home,)))
    return (chosen,) if chosen else ()


def pick() -> Picked:
    """The search box, the indicators it finds, and the areas: by default the opening view."""
    offers = _choices(data.build_id())
    if "find" not in st.session_state:  # free text: nothing to check it against
        st.session_state["find"] = st.query_params.get("find", "")
    query = st.text_input("Find indicators", key="find", placeholder="Words of a title, theme, definition or publisher")
    matching_ids = (
        explore.find(offers.indicators, query)["indicator_id"].tolist() if query.strip() else list(offers.titles)
    )
    url_list("ind", list(offers.titles), list(offers.opening), what="indicators")
    offered = list(dict.fromkeys([*st.session_state["ind"], *matching_ids]))  # picked ones stay, whatever the search
    chosen = st.multiselect(
        f"Indicators ({len(matching_ids):,} of {len(offers.titles):,} match)"
        if query.strip()
        else f"Indicators ({len(offers.titles):,})",
        offered,
        format_func=offers.titles.get,
        key="ind",
        placeholder="Pick one or more",
    )
    url_list("areas", offers.areas, list(offers.opening_areas), what="areas")
    where = st.multiselect(
        "Areas", offers.areas, key="areas", placeholder="Pick areas by name or code, or a group",
        format_func=lambda code: offers.words.get(code, code),
    )  # fmt: skip
    keep_in_url({"find": query, **{key: value for key, value in (("ind", chosen), ("areas", where)) if value}})
    for key, value in (("ind", chosen), ("areas", where)):
        if not value and st.query_params.get_all(key) != [""]:
            st.query_params[key] = ""  # an empty pick stays in the link, which would otherwise open the default view
    codes, through = explore.expand_areas(where, offers.groups)
    return Picked(tuple(chosen), tuple(codes), tuple(through.items()))


@st.cache_resource(max_entries=4, show_spinner=False)
def _area_groups(build: str) -> tuple[Groups, dict[str, str]]:
    """The groups offered among the areas, each one pick (the home area's statistical neighbours, from the DfE's
    model), and each pick's words."""
    sources = data.sources()
    home = sources.areas.home_name
    near = statistical_neighbours(data.table("statistical_neighbours"), sources.areas.home)
    near = [code for code in near if code in set(sources.areas_table["area_code"])]
    if not near:
        return {}, {}
    # The pick's words are short enough for a phone's chip; the chart's legend names the group.
    return {NEIGHBOURS: (f"{home}'s statistical neighbours", near)}, {
        NEIGHBOURS: f"{home}'s {len(near)} statistical neighbours"
    }


def _observations(build: str, indicators: tuple[str, ...], areas: tuple[str, ...]) -> list[dict]:
    """The picked indicators' figures in the picked areas, only the columns the explorer draws, as records."""
    return tables.observation_records(
        data.paths_of(build), indicators=list(indicators), areas=list(areas), columns=explore.READ_COLUMNS
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def _words(build: str) -> explore.Words:
    sources = data.sources()
    return explore.Words.of(sources.indicators, sources.sources, sources.areas_table)


@st.cache_resource(max_entries=64, show_spinner=False)
def _read(build: str, picked: Picked) -> Read:
    rows = _observations(build, picked.indicators, picked.areas)
    rows = explore.shape(rows, _words(build), list(picked.indicators), list(picked.areas))
    present = {r["breakdown"] for r in rows}
    breakdowns = [g for g in dict.fromkeys([EVERYONE, *sorted(present - {None})]) if g in present]
    return Read(rows, breakdowns, explore.periods([r for r in rows if r["x"] is not None]))


def figures(picked: Picked) -> Read:
    """The picked indicators in the picked areas, every breakdown (read once per build and choice)."""
    return _read(data.build_id(), picked)


def breakdowns(read: Read) -> tuple[str, ...]:
    """The breakdowns to draw: the headline unless the link or the reader asks for others."""
    if len(read.breakdowns) < 2:
        return tuple(read.breakdowns)
    url_list("by", read.breakdowns, read.breakdowns[:1], what="breakdowns")
    chosen = st.multiselect(
        "Breakdowns", read.breakdowns, key="by",
        format_func=lambda g: "Everyone (the headline figure)" if g == EVERYONE else g,
    )  # fmt: skip
    keep_in_url({"by": chosen})
    return tuple(chosen)


def options(periods: list[str]) -> explore.Options:
    """How to show the picked figures: indexed to a period, per 10,000, log scale, years filled in."""
    url_value("base", [AS_PUBLISHED, *periods], AS_PUBLISHED, what="a base period")
    for flag in ("per", "log", "fill"):
        url_flag(flag)
    left, middle, right, last = st.columns(4)
    base = left.selectbox(
        "Index to 100 at", [AS_PUBLISHED, *periods], key="base", help="Each series divided by its own value then."
    )
    per = middle.toggle("Counts per 10,000", key="per", help="Where the tables hold the population counted.")
    log = right.toggle("Log scale", key="log")
    fill = last.toggle("Years between projections", key="fill", help=METHOD)
    keep_in_url({"base": None if base == AS_PUBLISHED else base, "per": per, "log": log, "fill": fill})
    return explore.Options(None if base == AS_PUBLISHED else base, per, log, fill)


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(build: str, picked: Picked, by: tuple[str, ...], chosen: explore.Options) -> View:
    through = dict(picked.through)
    rows = [r | {"group": through.get(r["area_code"])} for r in _read(build, picked).rows if r["breakdown"] in by]
    rows, notes = explore.prepare_rows(explore.named(rows), chosen)
    kind = explore.chart_kind(rows)
    spec = {"time": time_spec, "bars": bars_spec}.get(kind)
    figure = Drawn(spec(rows, log=chosen.log)) if spec else None
    cited = [r["citation"] for r in rows if isinstance(r.get("citation"), str)]
    sources = "Sources: " + "; ".join(dict.fromkeys(cited)) + "." if cited else ""
    file = "explorer_" + "_".join(dict.fromkeys(r["indicator_id"] for r in rows))[:80]
    return View(rows, notes, kind, figure, explore.periods(rows), sources, explore.view_title(rows), file)


class Drawn(go.Figure):
    """A chart as the page keeps it: `st.plotly_chart` reads only its dict, which is the chart's plain spec
    (charts.explorer.time_spec, bars_spec), made once per view and never changed, so no plotly object is made of
    it and no rerun copies it (made a figure, kept and drawn, a chart of thirteen areas was copied three times:
    most of a change of indicator's cost). `picture()` is the whole figure, for an image, made when asked."""

    def __init__(self, spec: dict):
        super().__init__()
        self.__dict__["_spec"] = spec

    def to_dict(self) -> dict:
        return self.__dict__["_spec"]

    def picture(self) -> go.Figure:
        return for_image(self.__dict__["_spec"])


def view(picked: Picked, by: tuple[str, ...], chosen: explore.Options) -> View:
    """The rows as drawn after the options, and the chart (once per build and choice, shared by all sessions)."""
    return _view(data.build_id(), picked, by, chosen)


def chart(drawn_view: View) -> None:
    """The chart (its kind follows the data), its notes, and its rows and image as downloads."""
    if drawn_view.figure is None:
        st.info("Nothing to draw yet: pick at least one indicator and one area that have figures.")
        return
    st.plotly_chart(drawn_view.figure, theme=None, key="explorer-chart", config={"displaylogo": False})
    rows = drawn_view.rows
    undated = [r for r in rows if not explore.known(r["x"])] if drawn_view.kind == "time" else []
    if undated:
        st.caption(md("Not on the time axis (no year given): " + "; ".join(
            f"{r['series']}, {r['period']}" for r in undated)))  # fmt: skip
    for note in drawn_view.notes:
        st.caption(md(note))
    left, right = st.columns(2)
    left.download_button(
        "Download the rows drawn (CSV)", lambda: to_csv_bytes(explore.rows_drawn(pd.DataFrame(rows))),
        file_name=f"{drawn_view.file}.csv", mime="text/csv", icon=":material/download:", key="explorer-csv",
    )  # fmt: skip
    image = lambda: export.to_png(drawn_view.figure.picture(), title=drawn_view.title, caption=drawn_view.sources)  # noqa: E731
    right.download_button(
        "Download the chart (PNG)", image,
        file_name=f"{drawn_view.file}.png", mime="image/png", icon=":material/image:", key="explorer-png",
        disabled=not export.available(),
    )  # fmt: skip
    st.caption(md(drawn_view.sources))


def change_table(drawn_view: View) -> None:
    """The changes between two chosen periods, each series in its own unit."""
    periods = drawn_view.periods
    if len(periods) < 2:
        st.caption("Pick figures with at least two periods to see the changes between them.")
        return
    url_value("from", periods, periods[0], what="a period")
    url_value("to", periods, periods[-1], what="a period")
    left, right = st.columns(2)
    start = left.selectbox("From", periods, key="from")
    end = right.selectbox("To", periods, key="to")
    keep_in_url({"from": start, "to": end})
    st.dataframe(drawn_view.changes(start, end), hide_index=True, width="stretch")
