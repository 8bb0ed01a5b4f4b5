"""How the home area compares: the indicator, the group to compare within and the comparators chosen (all kept in
the URL), the home area's rank in the group, its region and its country in words, the group's average (or figure)
beside the region's and the country's, the strip of every authority, the chosen authorities' table, and every
published indicator against England by the publisher's confidence interval."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import streamlit as st

from charts.strip import strip
from components import data, state
from components.blocks import section
from components.figures import kept
from insight.areas import statistical_neighbours
from insight.compare import FINGERTIPS_METHOD
from insight.facts import join_words
from insight.league import (
    NEIGHBOURS,
    Family,
    Group,
    against_england_table,
    beside_table,
    comparator_groups,
    league,
    league_sentences,
    positions,
    rankable,
)
from insight.text import md

# The URL's parameters: ?indicator=<id>&group=<key>&compare=<code>,<code>
INDICATOR, GROUP, COMPARE = "indicator", "group", "compare"
# A group with more authorities than this is not made the comparators (every dot a diamond, a box of chips):
# the first group's are, the statistical neighbours.
MAX_LISTED = 20


@dataclass(frozen=True)
class Choices:
    """What the page's choices offer, worked out once per build: the rankable indicators and their titles, the
    areas' family tree, every authority but the home area, by name, the groups to compare within (the statistical
    neighbours first: the default), and the words naming the neighbours and their model."""

    indicators: list[str]
    titles: dict[str, str]
    family: Family
    authorities: list[str]
    groups: list[Group]
    neighbours_note: str

    def group(self, key: str | None) -> Group:
        """The group of this key; the first (the default) for a key no longer offered (a session of an older build)."""
        return next((group for group in self.groups if group.key == key), self.groups[0])

    def comparators(self, group: Group) -> list[str]:
        """The authorities a group gives as comparators: its own (the home area left out), or the first group's
        where it has too many to pick through."""
        listed = group if len(group.members) <= MAX_LISTED + 1 else self.groups[0]
        return [code for code in listed.members if code in self.authorities]  # `authorities` leaves out home


@st.cache_resource(max_entries=4, show_spinner=False)
def _choices(build: str) -> Choices:
    sources = data.sources()
    public = sources.indicators.loc[sources.indicators["source_kind"] == "release", "indicator_id"]
    family = Family.from_table(sources.areas_table)
    home, names = sources.areas.home, family.name
    model = data.table("statistical_neighbours")
    groups = comparator_groups(family, sources.areas, statistical_neighbours(model, home))
    near = [names.get(code, code) for code in groups[0].members[1:]] if groups and groups[0].key == NEIGHBOURS else []
    mine = model[model["area_code"] == home]
    note = (
        f"{sources.areas.home_name}'s statistical neighbours are the {len(near)} authorities the Department for "
        f"Education's model finds most like it, nearest first: {join_words(near)}. Source: "
        f"{mine['model'].iloc[0]} ({mine['release_file'].iloc[0]})."
        if near
        else ""
    )
    return Choices(
        rankable(sources.indicators, sources.figures(public, [home])),
        dict(zip(sources.indicators["indicator_id"], sources.indicators["title"], strict=True)),
        family,
        [code for code in sorted(family.authorities(), key=lambda c: names.get(c, c)) if code != home],
        groups,
        note,
    )


def choices() -> Choices:
    return _choices(data.build_id())


def choose_indicator() -> str | None:
    """The indicator to rank on: a public indicator of a rate, share or score, from `?indicator=` or the first."""
    offered = choices()
    options, titles = offered.indicators, offered.titles
    if not options:
        st.info("No public release of a rate, share or score is loaded yet, so there is nothing to rank.")
        return None
    state.url_value(INDICATOR, options, options[0], what="indicators")
    chosen = st.selectbox("Indicator", options, format_func=titles.get, key=INDICATOR)
    state.keep_in_url({INDICATOR: chosen})
    return chosen


def _group_changed() -> None:
    """A new group brings its own authorities as the comparators (a click, not a link: the link's are kept)."""
    offered = choices()
    st.session_state[COMPARE] = offered.comparators(offered.group(st.session_state[GROUP]))


def choose_group() -> Group | None:
    """The group to rank the home area in: `?group=` (a group's key), by default the statistical neighbours."""
    offered = choices()
    if not offered.groups:
        return None
    keys = [group.key for group in offered.groups]
    state.url_value(GROUP, keys, keys[0], what="comparator groups")
    key = st.segmented_control(
        "Compare within",
        keys,
        format_func=lambda k: offered.group(k).name,
        key=GROUP,
        required=True,
        on_change=_group_changed,
        help="The authorities the borough is ranked among, whose average or figure stands beside its own.",
    )
    chosen = offered.group(key)
    state.keep_in_url({GROUP: chosen.key})
    if chosen.key == NEIGHBOURS:
        st.caption(md(offered.neighbours_note))
    return chosen


def choose_comparators(group: Group) -> list[str]:
    """The authorities to compare with: `?compare=` codes, or by default the group's (or, for a large group, the
    statistical neighbours)."""
    offered = choices()
    names, options = offered.family.name, offered.authorities
    state.url_list(COMPARE, options, offered.comparators(group), what="authorities")
    chosen = st.multiselect(
        "Authorities to compare with",
        options,
        format_func=lambda code: f"{names.get(code, code)} ({code})",
        key=COMPARE,
        placeholder="Choose authorities by name or code",
        help="By default the chosen group's authorities; for a region or the country, too many to list, the "
        "statistical neighbours.",
    )
    if st.query_params.get(COMPARE) != ",".join(chosen):  # kept even when empty: "none" is a choice of its own
        st.query_params[COMPARE] = ",".join(chosen)
    return chosen


@dataclass(frozen=True)
class LeagueView:
    """What the page shows for one indicator and set of chosen authorities, worked out once per build."""

    title: str
    words: str
    beside: pa.Table  # the home area's figure beside the group's average or figure, the region's and the country's
    figure: object  # a plotly Figure, shared read-only
    caption: str
    table: pa.Table  # Arrow: what Streamlit sends, so a rerun converts nothing


@st.cache_resource(max_entries=64, show_spinner=False)
def _league_view(build: str, indicator: str, group: str, chosen: tuple[str, ...]) -> LeagueView | None:
    """Ranks, strip and tables of `indicator` (every authority's figures: the heaviest work of the page, so it is
    kept per build and choice and shared by every session)."""
    sources, offered = data.sources(), choices()
    family, areas = offered.family, sources.areas
    # The chosen group, the region's and the country's, nearest first (the chosen one's average or figure stands
    # beside the home area's first).
    wider = {areas.code_by_role.get("region"), areas.code_by_role.get("country")}
    groups = [g for g in offered.groups if g.key == group or (g.area and g.area in wider)]
    frame = sources.figures([indicator], list(sources.areas_table["area_code"]))
    ranking = league(frame, family, areas, indicator, groups=groups)
    if ranking is None:
        return None
    by_label = {g.label: g for g in groups}
    strips = [(_strip_name(by_label[s.group]), s.members) for s in ranking.standings if s.rank is not None]
    averages = [
        (0, other.label, other.value)
        for other in ranking.beside[:1]
        if other.label.startswith("Average") and other.value is not None and ranking.standings[0].rank is not None
    ]
    # The home area's parent (Outer London), its region and its country, nearest first, each once.
    nearest = [family.parent.get(ranking.home), *(areas.code_by_role.get(r) for r in ("region", "country"))]
    lines = list(dict.fromkeys(code for code in nearest if code))
    first = ranking.home_row
    shapes = "; the black upright bar on the top strip is the group's average" if averages else ""
    caption = (
        f"Each dot is an authority's figure for {ranking.period}; {areas.home_name} is the large dot, the chosen "
        f"authorities are diamonds; the dashed lines are the figures of the areas in the legend{shapes}. Source: "
        f"{first['publisher']}, {first['release_dataset']} ({first['release_file']})."
    )
    return LeagueView(
        ranking.title,
        " ".join(league_sentences(ranking, family.name)),
        pa.Table.from_pandas(beside_table(ranking, family.name), preserve_index=False),
        kept(strip(ranking.rows, strips, home=ranking.home, chosen=list(chosen), lines=lines, averages=averages)),
        caption,
        pa.Table.from_pandas(positions(ranking, list(chosen), family.name), preserve_index=False),
    )


def _strip_name(group: Group) -> str:
    return f"Authorities in {group.name}" if group.area else group.name


def league_view(indicator: str, group: Group, chosen: list[str]) -> None:
    """The home area's standing on `indicator`: in words, beside its group's average, London's and England's, as
    a strip of every authority, and as a table."""
    view = _league_view(data.build_id(), indicator, group.key, tuple(chosen))
    if view is None:
        home = data.sources().areas.home_name
        st.info(f"There is no figure for {md(home)} in this release, so there is no rank.")
        return
    section(md(view.title))
    st.markdown(md(view.words))
    st.table(view.beside, hide_index=True)  # four rows, every word shown: a phone wraps them, never cuts them
    st.caption(
        "Plain differences between published figures (the average is of the authorities' own figures, not weighted "
        "by their size): a small one may be chance. Only England's is also tested, by the borough's 95% confidence "
        "interval where the publisher gives one. Better or worse only where the indicator's polarity is declared."
    )
    st.plotly_chart(
        view.figure,
        theme=None,
        key="compare-strip",
        config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
    )
    st.caption(md(view.caption))
    with st.expander("Data: the chosen authorities' figures and positions"):
        st.dataframe(view.table, hide_index=True, width="stretch")


@st.cache_resource(max_entries=4, show_spinner=False)
def _against_england(build: str) -> pa.Table:
    """The table as shown (verdicts with their icons), as Arrow, once per build."""
    sources = data.sources()
    public = sources.indicators.loc[sources.indicators["source_kind"] == "release", "indicator_id"]
    codes = [sources.areas.home, sources.areas.code_by_role.get("country", "")]
    table = against_england_table(sources.figures(public, codes), sources.areas)
    if table.empty:
        return pa.table({})
    return pa.Table.from_pandas(table.drop(columns=["Position", "How"]), preserve_index=False)


def against_england() -> None:
    """Every public indicator with a figure for the home area, against England, by the Fingertips method."""
    table = _against_england(data.build_id())
    if not table.num_rows:
        st.info("No public release with a figure for the borough is loaded yet.")
        return
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(md(f"Where a 95% confidence interval is published, {FINGERTIPS_METHOD}. Without one, no difference "
                  "is called higher or lower."))  # fmt: skip
