"""The explorer's Streamlit pieces: find and pick indicators and areas, choose how to show them, the chart, the
changes between two periods, and downloads of exactly what is drawn. Every choice lives in the URL
(components.state), so a link reopens the same view on any browser and any server.

What a view draws is worked out once per build and choice (`st.cache_resource`, shared read-only by every
session): a rerun that changes nothing, or comes back to a view seen before, costs only the drawing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import export
from charts.explorer import explorer_chart
from components import data
from components.figures import kept
from components.state import keep_in_url, url_flag, url_list, url_value
from insight import explore
from insight.areas import role_rank, statistical_neighbours
from insight.catalogue import to_csv_bytes
from insight.projections import METHOD
from insight.text import md

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
    """The picked figures (every breakdown), their breakdowns and periods."""

    frame: pd.DataFrame
    breakdowns: list[str]
    periods: list[str]


@dataclass(frozen=True)
class View:
    """What the page draws for one choice: the rows, the notes, the chart's kind and figure, the periods."""

    frame: pd.DataFrame
    notes: list[str]
    kind: str
    figure: go.Figure | None
    periods: list[str]
    sources: str


def pick() -> Picked:
    """The search box, the indicators it finds, and the areas: by default the home area and its comparators."""
    sources = data.sources()
    indicators = sources.indicators[sources.indicators["observations"] > 0]
    titles = dict(zip(indicators["indicator_id"], indicators["title"], strict=True))
    table = sources.areas_table.assign(_rank=sources.areas_table["role"].map(role_rank))
    areas = list(table.sort_values(["_rank", "area_name"])["area_code"])
    names = dict(zip(table["area_code"], table["area_name"], strict=True))

    if "find" not in st.session_state:  # free text: nothing to check it against
        st.session_state["find"] = st.query_params.get("find", "")
    query = st.text_input("Find indicators", key="find", placeholder="Words of a title, theme, definition or publisher")
    found = explore.find(indicators, query)["indicator_id"].tolist()
    url_list("ind", list(titles), [], what="indicators")
    offered = list(dict.fromkeys([*st.session_state["ind"], *found]))  # picked ones stay, whatever the search
    chosen = st.multiselect(
        f"Indicators ({len(found):,} of {len(titles):,} match)" if query.strip() else f"Indicators ({len(titles):,})",
        offered,
        format_func=titles.get,
        key="ind",
        placeholder="Pick one or more",
    )
    groups, words = area_groups()
    with_roles = int(table["role"].notna().sum())  # the home area and its comparators first, then the groups
    areas = [*areas[:with_roles], *groups, *areas[with_roles:]]
    url_list("areas", areas, list(sources.comparator_codes), what="areas")
    where = st.multiselect(
        "Areas", areas, key="areas", placeholder="Pick areas by name or code, or a group",
        format_func=lambda code: words[code] if code in words else f"{names.get(code, code)} ({code})",
    )  # fmt: skip
    keep_in_url({"find": query, "ind": chosen, "areas": where})
    codes, through = explore.expand_areas(where, groups)
    return Picked(tuple(chosen), tuple(codes), tuple(through.items()))


Groups = dict[str, tuple[str, list[str]]]  # a group's key -> its name and its authorities


@st.cache_resource(max_entries=4, show_spinner=False)
def _area_groups(build: str) -> tuple[Groups, dict[str, str]]:
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


def area_groups() -> tuple[Groups, dict[str, str]]:
    """The groups offered among the areas, each one pick (the home area's statistical neighbours, from the DfE's
    model), and each pick's words."""
    return _area_groups(data.build_id())


@st.cache_resource(max_entries=64, show_spinner=False)
def _read(build: str, picked: Picked) -> Read:
    frame = explore.narrow(data.sources().figures(picked.indicators, picked.areas))
    order = {code: i for i, code in enumerate(picked.indicators)}
    where = {code: i for i, code in enumerate(picked.areas)}  # the areas as picked: a group's nearest first
    frame = frame.assign(_order=frame["indicator_id"].map(order), _area=frame["area_code"].map(where))
    frame = frame.sort_values(["_order", "_area", "breakdown", "x"]).drop(columns=["_order", "_area"])
    frame = frame.reset_index(drop=True)
    present = set(frame["breakdown"])
    breakdowns = [g for g in dict.fromkeys([EVERYONE, *sorted(present - {None})]) if g in present]
    return Read(frame, breakdowns, explore.periods(frame.dropna(subset=["x"])))


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
    frame = _read(build, picked).frame
    frame = frame[frame["breakdown"].isin(by)].reset_index(drop=True)
    frame = explore.with_names(frame.assign(group=frame["area_code"].map(dict(picked.through))))
    frame, notes = explore.prepare(frame, chosen)
    kind = explore.chart_kind(frame)
    figure = None if kind == "none" else kept(explorer_chart(frame, kind=kind, log=chosen.log))
    cited = frame["citation"].dropna().astype(str) if "citation" in frame else pd.Series(dtype=str)
    sources = "Sources: " + "; ".join(dict.fromkeys(cited)) + "." if len(cited) else ""
    return View(frame, notes, kind, figure, explore.periods(frame), sources)


def view(picked: Picked, by: tuple[str, ...], chosen: explore.Options) -> View:
    """The rows as drawn after the options, and the chart (once per build and choice, shared by all sessions)."""
    return _view(data.build_id(), picked, by, chosen)


def chart(shown: View) -> None:
    """The chart (its kind follows the data), its notes, and its rows and image as downloads."""
    if shown.figure is None:
        st.info("Nothing to draw yet: pick at least one indicator and one area that have figures.")
        return
    st.plotly_chart(shown.figure, theme=None, key="explorer-chart", config={"displaylogo": False})
    frame = shown.frame
    undated = frame[frame["x"].isna()] if shown.kind == "time" else frame.iloc[0:0]
    if len(undated):
        st.caption(md("Not on the time axis (no year given): " + "; ".join(
            f"{r.series}, {r.period}" for r in undated.itertuples())))  # fmt: skip
    for note in shown.notes:
        st.caption(md(note))
    left, right = st.columns(2)
    left.download_button(
        "Download the rows drawn (CSV)", lambda: to_csv_bytes(explore.rows_drawn(frame)), file_name="explorer.csv",
        mime="text/csv", icon=":material/download:", key="explorer-csv",
    )  # fmt: skip
    right.download_button(
        "Download the chart (PNG)", lambda: export.to_png(shown.figure, title="Explorer", caption=shown.sources),
        file_name="explorer.png", mime="image/png", icon=":material/image:", key="explorer-png",
        disabled=not export.available(),
    )  # fmt: skip
    st.caption(md(shown.sources))


def change_table(shown: View) -> None:
    """The changes between two chosen periods, each series in its own unit."""
    periods = shown.periods
    if len(periods) < 2:
        st.caption("Pick figures with at least two periods to see the changes between them.")
        return
    url_value("from", periods, periods[0], what="a period")
    url_value("to", periods, periods[-1], what="a period")
    left, right = st.columns(2)
    start = left.selectbox("From", periods, key="from")
    end = right.selectbox("To", periods, key="to")
    keep_in_url({"from": start, "to": end})
    table = explore.changes(shown.frame[shown.frame["status"] != "interpolated"], start, end)
    st.dataframe(explore.readable_changes(table), hide_index=True, width="stretch")
