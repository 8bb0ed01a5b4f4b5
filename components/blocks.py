"""The blocks every page is made of: its title and words, then charts and cards by their ids (definitions/).

Each chart block is a heading that states its message, the chart, its source and period, its notes, its data
and downloads, and its exports. A figure missing from the tables is a short message in its place; anything
else that goes wrong is a bug, and goes to dashboard.py's last line of defence and the log.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

import definitions
from charts import export
from charts.village import for_a_phone
from components import data, deck, style
from components.figures import kept
from definitions.model import Card, Chart
from definitions.render import Rendered, card, render
from insight.catalogue import to_csv_bytes
from insight.describe import shown_table
from insight.facts import MissingData
from insight.headlines import Headline
from insight.messages import FactsContext, fill
from insight.text import md
from loaders.paths import ROOT

# Each chart's files: label, extension, icon. The image is drawn for its 1600x900 (charts.export); the slide has
# the board pack's layout, its words editable text around the picture (exports.slides.one_slide).
EXPORTS = [
    ("Image (PNG, 1600x900)", "png", ":material/image:"),
    ("Slide (PowerPoint)", "pptx", ":material/co_present:"),
]
MIME = {"png": "image/png", "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
DATA_COLUMNS = ["area", "period", "breakdown", "value", "value_as_written", "status", "unit", "quote", "source"]
ROUTED = "routed_by_dashboard"
DASHBOARD = ROOT / "dashboard.py"  # the main script: every page is routed through its navigation
# A chart laid out for a phone is drawn again for this size (px) for wider screens: the chart's width at 1440x1000
# with the sidebar open, and a height that leaves its heading on the same screen. Wider charts keep the height.
WIDE = (980, 720)
SECTION = "_section_shown"  # the section heading last shown on this run of the page


def _ensure_routed() -> None:
    """Re-run a page that Streamlit ran without dashboard.py's navigation.

    Streamlit decides once per server, at its first session, whether the app uses the old `pages/` folder
    convention (a folder named `pages` beside the main script), and only `st.navigation` switches that off. So a
    first visitor who opens a page's own URL gets the page run on its own, with the folder's file names in the
    sidebar. Calling `st.navigation` here (hidden; the main script, and a page of the asked url path, whose hash
    is that path's) switches the convention off for the server, and the re-run routes the asked page through
    dashboard.py as every later session is routed (tests/e2e/test_first_visitor.py).
    """
    if st.session_state.get(ROUTED):
        return
    asked = (st.context.url or "").rstrip("/").rsplit("/", 1)[-1]  # the page's url path, as dashboard.py names it
    root = str(st.get_option("server.baseUrlPath") or "").strip("/").rsplit("/", 1)[-1]
    pages = [st.Page(str(DASHBOARD), default=True)]
    if asked and ":" not in asked and asked != root:  # a page's own link, not the root (host and port, or base path)
        pages.append(st.Page(str(DASHBOARD), url_path=asked))  # the same url path: the re-run opens that page
    st.navigation(pages, position="hidden")
    st.rerun()


def begin_page() -> None:
    """What every page does first: route through dashboard.py, then pin the build this run reads (components.data),
    so that a build landing while the page draws never mixes two builds on it. For a page that draws its own
    heading instead of `page_header`'s (presentation mode)."""
    _ensure_routed()
    data.pin()


def page_header(title: str, intro: str) -> None:
    """The page's title (also the browser tab's) and a few sentences of context. Both are message templates
    (insight.messages) filled from the tables, so they state no figure of their own."""
    begin_page()
    title = _words(title, data.build_id())
    # Streamlit 1.67 applies the layout only when a page sets it; the entry point's setting does not carry over.
    st.set_page_config(page_title=f"{title} · Borough Insight", layout="wide")
    style.apply()
    st.title(title, anchor=False)
    st.markdown(_words(intro, data.build_id()))
    st.session_state[SECTION] = None


@st.cache_resource(show_spinner=False, max_entries=100)
def _words(template: str, build_id: str) -> str:
    sources = data.sources()
    context = FactsContext(
        sources.figures([]),
        {"home": sources.areas.home_name},
        fallback=lambda name: sources.figures([name]),
        known=lambda name: name in sources.indicator_ids,
    )
    try:
        return fill(template, context, escape=md)
    except MissingData:  # a figure the words use is gone: say the words without it rather than fail the page
        return re.sub(r"\{[^}]*\}", "…", template)


def section(title: str) -> None:
    """A section heading (h2), once: charts of the same section follow it without repeating it."""
    if st.session_state.get(SECTION) != title:
        st.header(title, anchor=False)
        st.session_state[SECTION] = title


def missing(what: str) -> None:
    st.info(
        f"Not available: {what} is missing from the tables. The rest of the page still shows what there is.", icon="ℹ️"
    )


def show(*ids: str, chosen: str | None = None) -> None:
    """The charts and cards of `ids`: one across the page, or several side by side (phones stack them)."""
    shown_definitions = [definitions.get(i) for i in ids]
    section(shown_definitions[0].section)
    if len(shown_definitions) == 1:
        _show(shown_definitions[0], chosen)
        return
    for column, definition in zip(st.columns(len(shown_definitions)), shown_definitions, strict=True):
        with column:
            _show(definition, chosen)


def section_tabs(*rows: tuple[str, ...], key: str = "section") -> None:
    """A long page's rows of charts (each a `show`), grouped by their section into one tab a section, in order.

    Only the open tab is drawn, and it is kept in the link (`?section=The+gaps`), so a link opens a section. Used
    where a page has too many charts to send on every rerun: education's eleven made 71 messages a rerun and the
    slowest page under a burst of sessions (bench/load.py, median of 5 bursts: p95 1.33x the one-chart app's,
    0.53x in tabs)."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for row in rows:
        grouped.setdefault(definitions.get(row[0]).section, []).append(row)
    tabs = st.tabs(list(grouped), key=key, on_change="rerun", bind="query-params")
    for tab, section_rows in zip(tabs, grouped.values(), strict=True):
        if tab.open:
            with tab:
                for row in section_rows:
                    show(*row)


def cards(*ids: str) -> None:
    """Headline cards in a row (up to three across)."""
    shown_definitions = [definitions.get(i) for i in ids]
    section(shown_definitions[0].section)
    for start in range(0, len(shown_definitions), 3):
        for column, definition in zip(st.columns(3), shown_definitions[start : start + 3], strict=False):
            with column:
                _show(definition, None)


def _show(definition: Card | Chart, chosen: str | None) -> None:
    build = data.build_id()
    kept = _kept_of(build)
    prepared = kept.get((definition.id, chosen))
    if prepared is None:
        prepared = kept[definition.id, chosen] = _prepared(definition.id, build, chosen)
    if isinstance(prepared, str):  # a figure it needs is missing from the tables
        missing(f"{definition.what if isinstance(definition, Chart) else definition.indicator} ({prepared})")
    elif isinstance(prepared, Headline):
        headline_card(prepared)
    else:
        chart_block(prepared)


@dataclass(frozen=True)
class Block:
    """A chart as a page shows it: rendered (titled, for exports), the figure without its title (the page
    shows the message as a heading), its data as the page's table shows it, and its CSV. The table is kept as
    Arrow: a rerun then hands Streamlit what it sends, instead of converting a pandas frame each time."""

    rendered: Rendered
    page_figure: go.Figure
    table: pa.Table
    csv: bytes
    # A figure laid out for a phone's column (the village's five circumstances as strips) is drawn again for a wide
    # one; the page shows whichever fits the chart's width (components.style: chart-wide-, chart-narrow-).
    wide: go.Figure | None = None


@st.cache_resource(show_spinner=False, max_entries=4)
def _kept_of(build_id: str) -> dict[tuple[str, str | None], Block | Headline | str]:
    """The charts and cards of one build already prepared, by id and choice: the fast path of every rerun.

    Streamlit's cache hashes each argument of each call (inspecting the signature every time): 11 calls of
    `_prepared` were 13% of education's server time under a burst of sessions. A plain dict read is not. A miss
    goes through `_prepared`, whose cache makes concurrent sessions wait for one computation; clearing
    Streamlit's caches clears this too."""
    return {}


@st.cache_resource(show_spinner=False, max_entries=2000)
def _prepared(definition_id: str, build_id: str, chosen: str | None) -> Block | Headline | str:
    """A chart or card built once per build of the tables (and choice): a rerun only draws it. Missing data
    comes back as the reason, in words; a bug raises."""
    definition = definitions.get(definition_id)
    try:
        if isinstance(definition, Card):
            return card(definition, data.sources())
        rendered = render(definition, data.sources(), chosen=chosen)
    except MissingData as exc:
        return str(exc)
    words = rendered.words.table
    table = pa.Table.from_pandas(shown_table(words, DATA_COLUMNS), preserve_index=False)
    wide = None
    if for_a_phone(rendered.figure):
        wide = kept(export.without_title(rendered.figure_at(*WIDE)).update_layout(width=None))
    return Block(rendered, kept(export.without_title(rendered.figure)), table, to_csv_bytes(words), wide)


def chart_block(block: Block) -> None:
    """The message as a heading, the chart, its source and notes, then its data and exports behind a click."""
    rendered = block.rendered
    chart, words = rendered.definition, rendered.words
    caption = " ".join([words.caption, *rendered.notes])
    anchor = chart.id.replace(".", "-")
    st.subheader(md(rendered.title), anchor=anchor)
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]}
    if block.wide is None:
        st.plotly_chart(block.page_figure, theme=None, key=chart.id, alt=words.alt, config=config)
    else:  # both layouts, in a wrapper whose width says which shows (static CSS: components.style)
        with st.container(key=f"chart-fits-{anchor}"):
            with st.container(key=f"chart-wide-{anchor}"):
                st.plotly_chart(block.wide, theme=None, key=f"{chart.id}-wide", alt=words.alt, config=config)
            with st.container(key=f"chart-narrow-{anchor}"):
                st.plotly_chart(block.page_figure, theme=None, key=chart.id, alt=words.alt, config=config)
    st.caption(md(caption))
    name = chart.what[:1].upper() + chart.what[1:]
    # The data and the exports are drawn only when opened (a rerun): closed, a chart costs its figure alone, not
    # its table, downloads, link and button too (education's rerun went from 39 ms to 27 ms in AppTest). One menu,
    # not a "Data" expander and an "Export" popover: each element is a message on every rerun, and under a burst
    # of sessions a page's tail grows with its messages (bench/load.py: education sent 82 a rerun, 71 after this).
    # One under the other inside: side by side, a chart in a third of the page cut the export buttons' labels short.
    menu = st.expander(
        f"Data and export: {chart.what}", icon=":material/table_view:", key=f"{chart.id}-data", on_change="rerun"
    )
    if menu.open:
        export.warm_in_background()  # once per process: Chromium starts while they read, so their first image is quick
        with menu:
            _data(block, name=f"{rendered.filename}.csv")
            _exports(block, name, caption)


def _data(block: Block, *, name: str) -> None:
    """A chart's rows as a table, and as a CSV made when clicked."""
    chart = block.rendered.definition
    st.dataframe(block.table, hide_index=True, width="stretch")
    st.download_button(
        f"Download the data of {chart.what} (CSV)",
        lambda: block.csv,
        file_name=name,
        mime="text/csv",
        key=f"{chart.id}-csv",
        icon=":material/download:",
    )


def _exports(block: Block, name: str, caption: str) -> None:
    """A chart as an image, a slide and a link, and the way into the session's deck."""
    rendered = block.rendered
    chart = rendered.definition
    makers = {
        "png": lambda: export.to_png(rendered.figure, title=rendered.title, caption=caption, redraw=rendered.figure_at),
        "pptx": lambda: _one_slide(rendered),
    }
    for export_kind in EXPORTS:
        export_button(export_kind, makers[export_kind[1]], name, file=rendered.filename, key=chart.id)
    st.page_link(
        "pages/chart.py", label=f"Link to this chart: {name}", icon=":material/link:", query_params={"id": chart.id}
    )
    st.button(
        f"Add to your deck: {name}",
        key=f"{chart.id}-deck",
        on_click=_add_to_deck,
        args=(chart.id, name),
        icon=":material/playlist_add:",
    )


def _one_slide(rendered: Rendered) -> bytes:
    from exports.slides import one_slide  # python-pptx and the slide layout, only when someone asks

    return one_slide(rendered)


def export_button(export_kind: tuple, make: Callable[[], bytes], name: str, *, file: str, key: str) -> None:
    """One of EXPORTS as a download made by `make` only when clicked (a callable), so a page never pays for an
    export nobody asked for; disabled, and saying why, where the server has no Chromium."""
    label, extension, icon = export_kind
    ready = export.available()
    st.download_button(
        f"{label}: {name}",
        make,
        file_name=f"{file}.{extension}",
        mime=MIME[extension],
        key=f"{key}-{extension}",
        disabled=not ready,
        help=None if ready else "Needs Chromium on the server (apt-get install chromium).",
        icon=icon,
    )


def _add_to_deck(chart_id: str, name: str) -> None:
    """Any chart, from any page, to the end of the session's deck (components.deck; the deck page orders it)."""
    added = deck.add(chart_id)
    st.toast(
        f"{name}: added to your deck." if added else f"{name} is in your deck already.", icon=":material/slideshow:"
    )


def headline_card(headline: Headline) -> None:
    """A headline figure: value, period, the change in words and colour, comparators and meaning."""
    with st.container(border=True):
        # The title as text wraps; a metric's own label is cut short with an ellipsis.
        st.markdown(f"**{md(headline.title)}**")
        st.metric(
            label=headline.title,
            value=headline.value,
            delta=headline.delta,
            delta_color=headline.delta_colour,
            delta_arrow=headline.delta_arrow,
            label_visibility="collapsed",
        )
        lines = [f"**{md(headline.period[:1].upper() + headline.period[1:])}.**", md(headline.change)]
        if headline.comparators:
            lines.append(f"Compared with: {md(headline.comparators)}.")
        lines.append(md(headline.meaning))
        st.markdown(" ".join(lines))
        if headline.superseded:
            st.markdown(f":gray-badge[:material/update: {md(headline.superseded)}]")
