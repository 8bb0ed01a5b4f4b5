"""How the home area compares: the indicator and the comparators chosen (both kept in the URL), the home area's
rank in its region and country in words, the strip of every authority, the chosen authorities' table, and every
published indicator against England by the publisher's confidence interval."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import streamlit as st

from charts.strip import strip
from components import data, state
from components.blocks import section
from components.figures import kept
from insight.compare import FINGERTIPS_METHOD
from insight.league import Family, against_england_table, league, league_sentences, positions, rankable
from insight.text import md

INDICATOR, COMPARE = "indicator", "compare"  # the URL's parameters: ?indicator=<id>&compare=<code>,<code>
VERDICT_ICONS = {"better": "▲ better", "worse": "▼ worse", "similar": "● similar", "not compared": "– not compared"}


@dataclass(frozen=True)
class Choices:
    """What the page's two choices offer, worked out once per build: the rankable indicators and their titles, the
    areas' family tree, and every authority but the home area, by name."""

    indicators: list[str]
    titles: dict[str, str]
    family: Family
    authorities: list[str]


@st.cache_resource(max_entries=4, show_spinner=False)
def _choices(build: str) -> Choices:
    sources = data.sources()
    public = sources.indicators.loc[sources.indicators["source_kind"] == "release", "indicator_id"]
    family = Family.from_table(sources.areas_table)
    home, names = sources.areas.home, family.name
    return Choices(
        rankable(sources.indicators, sources.figures(public, [home])),
        dict(zip(sources.indicators["indicator_id"], sources.indicators["title"], strict=True)),
        family,
        [code for code in sorted(family.authorities(), key=lambda c: names.get(c, c)) if code != home],
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


def choose_comparators(home: str) -> list[str]:
    """The authorities to compare with: `?compare=` codes, or by default the home area's siblings in `areas`."""
    offered = choices()
    family, options = offered.family, offered.authorities
    names = family.name
    state.url_list(COMPARE, options, family.siblings(home), what="authorities")
    chosen = st.multiselect(
        "Authorities to compare with",
        options,
        format_func=lambda code: f"{names.get(code, code)} ({code})",
        key=COMPARE,
        placeholder="Choose authorities by name or code",
        help="By default the authorities that share the borough's parent area in the areas table.",
    )
    if st.query_params.get(COMPARE) != ",".join(chosen):  # kept even when empty: "none" is a choice of its own
        st.query_params[COMPARE] = ",".join(chosen)
    return chosen


@dataclass(frozen=True)
class LeagueView:
    """What the page shows for one indicator and set of chosen authorities, worked out once per build."""

    title: str
    words: str
    figure: object  # a plotly Figure, shared read-only
    caption: str
    table: pa.Table  # Arrow: what Streamlit sends, so a rerun converts nothing


@st.cache_resource(max_entries=64, show_spinner=False)
def _league_view(build: str, indicator: str, chosen: tuple[str, ...]) -> LeagueView | None:
    """Ranks, strip and table of `indicator` (every authority's figures: the heaviest work of the page, so it is
    kept per build and choice and shared by every session)."""
    sources = data.sources()
    family = choices().family
    frame = sources.figures([indicator], list(sources.areas_table["area_code"]))
    found = league(frame, family, sources.areas, indicator)
    if found is None:
        return None
    groups = [(s.group[:1].upper() + s.group[1:], s.members) for s in found.standings if s.rank is not None]
    # The home area's parent (Outer London), its region and its country, nearest first, each once.
    nearest = [family.parent.get(found.home), *(sources.areas.code_by_role.get(r) for r in ("region", "country"))]
    lines = list(dict.fromkeys(code for code in nearest if code))
    first = found.home_row
    caption = (
        f"Each dot is an authority's figure for {found.period}; {sources.areas.home_name} is the large dot, the "
        f"chosen authorities are diamonds. Source: {first['publisher']}, {first['release_dataset']} "
        f"({first['release_file']})."
    )
    return LeagueView(
        found.title,
        " ".join(league_sentences(found, family.name)),
        kept(strip(found.rows, groups, home=found.home, chosen=list(chosen), lines=lines)),
        caption,
        pa.Table.from_pandas(positions(found, list(chosen), family.name), preserve_index=False),
    )


def league_view(indicator: str, chosen: list[str]) -> None:
    """The home area's standing on `indicator`: in words, as a strip of every authority, and as a table."""
    shown = _league_view(data.build_id(), indicator, tuple(chosen))
    if shown is None:
        home = data.sources().areas.home_name
        st.info(f"There is no figure for {md(home)} in this release, so there is no rank.")
        return
    section(md(shown.title))
    st.markdown(md(shown.words))
    st.plotly_chart(
        shown.figure,
        theme=None,
        key="compare-strip",
        config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
    )
    st.caption(md(shown.caption))
    with st.expander("Data: the chosen authorities' figures and positions"):
        st.dataframe(shown.table, hide_index=True, width="stretch")


@st.cache_resource(max_entries=4, show_spinner=False)
def _against_england(build: str) -> pa.Table:
    """The table as shown (verdicts with their icons), as Arrow, once per build."""
    sources = data.sources()
    public = sources.indicators.loc[sources.indicators["source_kind"] == "release", "indicator_id"]
    codes = [sources.areas.home, sources.areas.code_by_role.get("country", "")]
    table = against_england_table(sources.figures(public, codes), sources.areas)
    if table.empty:
        return pa.table({})
    table["Compared with England"] = table["Compared with England"].map(lambda v: VERDICT_ICONS.get(v, v))
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
