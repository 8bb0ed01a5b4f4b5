"""Charts as images and slides for presenters: the message as the title, the source underneath, type big
enough for the back of a room. Rendered by kaleido with the server's Chromium, only when someone asks."""

from __future__ import annotations

import atexit
import shutil
import textwrap
import threading
from collections.abc import Callable

import plotly.graph_objects as go

from charts.theme import MUTED_TEXT

SLIDE = (1600, 900)  # 16:9, the shape of a slide
PRESENTATION = (1920, 1080)  # a full-HD projector or screen: the command line's figures
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_server = threading.Lock()
_started = False


def available() -> bool:
    """Whether this server has a Chromium for kaleido to render with."""
    return chromium() is not None


def chromium() -> str | None:
    """The path of this server's Chromium (kaleido finds the same one), or None."""
    return next((path for path in map(shutil.which, BROWSERS) if path), None)


TITLE_ROOM = 45  # px of a figure's top margin that its own title takes


def without_title(figure: go.Figure) -> go.Figure:
    """A copy of `figure` for a page, which shows the message as a heading: no title, and its room freed."""
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    return go.Figure(figure).update_layout(title=None, margin={"t": max(30, top - TITLE_ROOM)})


TITLE_SIZE, CAPTION_SIZE = 30, 15
TITLE_LINE, CAPTION_LINE = 40, 21  # px a line takes at those sizes
TOP = 32  # px of white above the title


# A figure may keep, in layout.meta, the range an axis takes when drawn wide: its own range leaves a phone's room
# for the labels at its bars' ends (charts.bars), which at 1600 px would leave half the picture empty.
WIDE_RANGE, WIDE_ENOUGH = "wide_range", 900

Redraw = Callable[[int, int], go.Figure]  # (width, height) px -> the figure laid out for that size


def for_export(
    figure: go.Figure,
    *,
    title: str,
    caption: str,
    width: int = SLIDE[0],
    height: int = SLIDE[1],
    redraw: Redraw | None = None,
) -> go.Figure:
    """A copy of `figure` laid out for a slide: the message as a wrapped title in large type, its first line
    32 px below the top edge, the source and notes under it as the subtitle, then the legend, then the chart.

    `redraw` (definitions.render.Rendered.figure_at) draws the figure again for the room the words leave it: a
    figure that lays itself out (the village grids) was laid out for the page it was built for, perhaps a phone's
    column, and must be laid out for the image instead."""
    title_lines = textwrap.wrap(title, max(30, width // 19))
    caption_lines = textwrap.wrap(caption, max(60, width // 9))
    # Untitled (a slide's picture, whose message and source are text boxes of their own): no room kept for them.
    words = (
        TOP + TITLE_LINE * len(title_lines) + CAPTION_LINE * len(caption_lines) + 36
        if title_lines or caption_lines
        else 24
    )
    if redraw is not None:  # the words take the place of the figure's own title, and of the room it kept for it
        figure = redraw(width, height - words + TITLE_ROOM)
    exported = go.Figure(figure)
    # A figure that lays out its own legend and titles above the plot (the village grids) keeps its top margin
    # (less its own title's room: the export's words replace the title) and side margins for them; any other
    # gets a legend row of the export's own.
    own_layout = isinstance(figure.layout.meta, dict) and figure.layout.meta.get("own_layout")
    legend = 44 if _has_legend(exported) and not own_layout else 0
    kept = max(0, (figure.layout.margin.t or 0) - TITLE_ROOM) if own_layout else 0
    top = words + legend + kept
    sides = {"l": figure.layout.margin.l, "r": figure.layout.margin.r} if own_layout else {"l": 40, "r": 40}
    exported.update_layout(
        width=width,
        height=height,
        title={
            "text": "<br>".join(title_lines),
            "font": {"size": TITLE_SIZE},
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            # Plotly places a multi-line title by its last line: move it down by the lines above that.
            "y": 1 - (TOP + TITLE_LINE * max(0, len(title_lines) - 1)) / height,
            "yanchor": "top",
            "subtitle": {"text": "<br>".join(caption_lines), "font": {"size": CAPTION_SIZE, "color": MUTED_TEXT}},
        },
        font={"size": 20},
        margin={"t": top, **sides},
    )
    if legend:  # one row at the size of every other word (the longest legend of any chart fits 1,600 px)
        exported.update_layout(
            legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "font": {"size": 20}}
        )
    for trace in exported.data:  # values on the chart, readable from the back of a room
        if "textfont" in trace:
            trace.textfont.size = 20
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    for axis, extent in meta.get(WIDE_RANGE, {}).items():  # room kept for a phone's labels, not needed this wide
        if width >= WIDE_ENOUGH:
            exported.update_layout({axis: {"range": extent}})
    if own_layout:  # the grids' titles and legend too: laid out for a size, their words are short enough for it
        exported.update_layout(legend={"font": {"size": max(20, exported.layout.legend.font.size or 0)}})
        for annotation in exported.layout.annotations:
            annotation.font.size = max(20, annotation.font.size or 0)
    return exported


def _has_legend(figure: go.Figure) -> bool:
    legend_setting = figure.layout.showlegend
    named = [t for t in figure.data if t.showlegend is not False and t.name]
    return bool(named) and (legend_setting is True or (legend_setting is None and len(named) > 1))


def to_image(
    figure: go.Figure,
    *,
    title: str,
    caption: str,
    kind: str = "png",
    width: int = SLIDE[0],
    height: int = SLIDE[1],
    redraw: Redraw | None = None,
) -> bytes:
    """The chart, titled and sourced, as a PNG or SVG of `width` x `height` pixels (1600x900 by default); an
    empty title leaves the words off for a slide that shows them as text. Pass `redraw` for a chart that lays
    itself out (see for_export)."""
    exported = for_export(figure, title=title, caption=caption, width=width, height=height, redraw=redraw)
    return draw(exported, kind)


def draw(exported: go.Figure, kind: str = "png") -> bytes:
    """A figure already laid out for its size (for_export) drawn by kaleido as a PNG or SVG of that size."""
    import plotly.io as pio

    _start_server()
    width, height = exported.layout.width, exported.layout.height
    with _server:
        return pio.to_image(exported, format=kind, width=width, height=height, scale=1)


def to_png(figure: go.Figure, *, title: str, caption: str, redraw: Redraw | None = None) -> bytes:
    return to_image(figure, title=title, caption=caption, kind="png", redraw=redraw)


_warming = threading.Lock()  # held only to start the warm-up thread once per process
_warm_started = False


def warm_in_background() -> None:
    """Start Chromium and draw one tiny image in a thread, once per process, so the export a presenter is about to
    ask for takes a fraction of a second, not the ~2 to 5 s of a cold start. Does nothing without a Chromium, or
    when already started: cheap enough to call on every run that shows export buttons.

    Called when someone opens a chart's "Data and export" menu (components.blocks), never when the server starts:
    Chromium's start (about 2 s of CPU; run as root, its browser and GPU processes raise their priority above the
    server's) and its first page, plotly.js, took the CPU of the first visitors after a start (bench/load.py
    --after-start)."""
    global _warm_started
    with _warming:
        if _warm_started or _started or not available():
            return
        _warm_started = True
    threading.Thread(target=_warm, name="warm-image-export", daemon=True).start()


def _warm() -> None:
    try:
        to_image(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), title="", caption="", width=64, height=36)
    except Exception as exc:  # the first real export will then start Chromium itself, and say what goes wrong
        from loaders import log

        log.event("export_warm_up_failed", error=type(exc).__name__, message=str(exc))


def _start_server() -> None:
    """Start kaleido's Chromium once per process: about 3 s the first time, then 0.2 s an image."""
    global _started
    with _server:
        if _started:
            return
        import kaleido
        import plotly.io as pio

        kaleido.start_sync_server()
        atexit.register(kaleido.stop_sync_server)  # a clean shutdown, not a JSON error from a dying browser
        pio.defaults.headers = {}  # else every export warns that options are ignored by a running server
        pio.defaults.mathjax = None  # its default fetches MathJax from the internet
        _started = True
