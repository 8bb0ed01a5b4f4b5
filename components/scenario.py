"""The "what if" page's pieces: the scenario's inputs kept in the URL (`?projection=yes&children=&rate=`), and the
scenario shown as a chart with its assumptions beside it, a table and downloads, each labelled a scenario.

A value in a link that is not a number in range is named in a warning and the default used, never a traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from charts import export
from charts.scenario import scenario_chart
from components import data
from components.blocks import EXPORTS, export_button
from components.figures import kept
from insight import scenario as model
from insight.catalogue import to_csv_bytes
from insight.text import md

PROJECTION, CHILDREN, RATE = "projection", "children", "rate"  # the URL's parameters
KEYS = {PROJECTION: "scenario_projection", CHILDREN: "scenario_children", RATE: "scenario_rate"}
LIMIT = 20.0  # percent a year either way: past it, ten years multiply or divide a figure by six or more
YES, NO = "yes", "no"


def _from_link(name: str, default: float) -> float:
    raw = st.query_params.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > LIMIT:
        st.warning(
            f"The link's “{md(name)}” is “{md(raw)}”, which is not a yearly change between "
            f"{md(model.percent(-LIMIT))} and {md(model.percent(LIMIT))}; using {md(model.percent(default))} instead."
        )
        return default
    return value


def _projection_from_link() -> bool:
    raw = st.query_params.get(PROJECTION)
    if raw not in (None, YES, NO):
        st.warning(f"The link's “{PROJECTION}” is “{md(raw)}”, which is not “{YES}” or “{NO}”; using “{YES}”.")
    return raw != NO


def choose_assumptions(projected: float) -> model.Assumptions:
    """The two yearly changes and whether children follow the published projection (`projected`, percent a
    year), read from the link on first opening, then from the inputs; the URL always holds the current ones."""
    if KEYS[PROJECTION] not in st.session_state:
        st.session_state[KEYS[PROJECTION]] = _projection_from_link()
    for name in (CHILDREN, RATE):
        if KEYS[name] not in st.session_state:
            st.session_state[KEYS[name]] = _from_link(name, 0.0)
    follow = st.toggle(
        "Children follow the published projection",
        key=KEYS[PROJECTION],
        help="The yearly change that takes the strategy's newest count of children to its projection.",
    )
    left, right = st.columns(2)
    with left:
        if follow:
            st.markdown(f"**Children:** {md(model.percent(projected))} a year, the published projection")
            children = st.session_state[KEYS[CHILDREN]]
            st.session_state[KEYS[CHILDREN]] = children  # kept for when the projection is switched off
        else:
            children = st.number_input(
                "Children: change a year (%)", -LIMIT, LIMIT, step=0.1, format="%.2f", key=KEYS[CHILDREN]
            )
    with right:
        rate = st.number_input(
            "Referrals per child: change a year (%)",
            -LIMIT,
            LIMIT,
            step=0.1,
            format="%.2f",
            key=KEYS[RATE],
            help="The rate of referrals to children's social care per child; referrals change by both together.",
        )
    st.query_params.update({PROJECTION: YES if follow else NO, CHILDREN: f"{children:g}", RATE: f"{rate:g}"})
    return model.Assumptions(children, rate, follow)


@dataclass(frozen=True)
class Worked:
    """A scenario worked out, with what the page draws of it (kept per build and assumptions)."""

    scenario: model.Scenario
    figure: object  # the chart with its title, for the image download
    page_figure: object  # the same without its title, for the page (the heading carries it)
    caption: str
    table: pd.DataFrame
    csv: bytes


@st.cache_resource(max_entries=32, show_spinner=False)
def _projected(build: str) -> float:
    sources = data.sources()
    return (
        model.projection(sources.figures(model.INDICATORS, [sources.areas.home]), sources.areas.home).yearly_change
        * 100
    )


@st.cache_resource(max_entries=32, show_spinner=False)
def _worked(build: str, assumptions: model.Assumptions) -> Worked:
    """The scenario and its chart, table and CSV: worked out once per build and assumptions, shared by sessions
    (the chart of four panels cost a rerun about half a second)."""
    sources = data.sources()
    home = sources.areas.home
    figures = sources.figures(model.INDICATORS, [home])
    scenario = model.scenario(figures, home, assumptions)
    figure = scenario_chart(scenario.frame, model.published(figures, scenario), title=scenario.label)
    return Worked(scenario, figure, kept(export.without_title(figure)), model.caption(scenario), model.table(scenario),
                  to_csv_bytes(model.download(scenario)))  # fmt: skip


def scenario_view(assumptions: model.Assumptions | None = None) -> None:
    """The scenario: its name, the chart with the assumptions beside it, its table, and its downloads."""
    build = data.build_id()
    worked = _worked(build, assumptions or choose_assumptions(_projected(build)))
    scenario, caption = worked.scenario, worked.caption
    st.subheader(md(scenario.label), anchor="scenario")
    chart, words = st.columns([3, 2], gap="large")
    with chart:
        st.plotly_chart(
            worked.page_figure,
            theme=None,
            key="scenario-chart",
            alt=f"{scenario.label}. {caption}",
            config={"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]},
        )
        st.caption(md(caption))
    with words:
        st.markdown("**The scenario's assumptions**")
        st.markdown("\n".join(f"- {md(sentence)}" for sentence in scenario.words))
    st.markdown(f"**{md(scenario.label)}: each year**")
    st.dataframe(worked.table, hide_index=True, width="stretch")
    _downloads(scenario, worked.figure, caption, worked.csv)


def _downloads(scenario: model.Scenario, figure, caption: str, csv: bytes) -> None:
    st.download_button(
        "Download the scenario with its assumptions (CSV)",
        csv,
        file_name="scenario.csv",
        mime="text/csv",
        key="scenario-csv",
        icon=":material/download:",
    )
    # The image; a one-chart slide adds nothing to it here.
    export_button(
        EXPORTS[0],
        lambda: export.to_png(figure, title=scenario.label, caption=caption),
        "the scenario",
        file="scenario",
        key="scenario",
    )
