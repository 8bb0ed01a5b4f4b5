"""Charts as images and slides for presenters: the message as the title, the source underneath, type big
enough for the back of a room. Rendered by kaleido with the server's Chromium, only when someone asks."""

from __future__ import annotations

import atexit
import io
import shutil
import textwrap
import threading

import plotly.graph_objects as go

from charts.theme import MUTED_TEXT

SLIDE = (1600, 900)  # 16:9, the shape of a slide
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_server = threading.Lock()
_started = False


def available() -> bool:
    """Whether this server has a Chromium for kaleido to render with."""
    return any(shutil.which(name) for name in BROWSERS)


def without_title(figure: go.Figure) -> go.Figure:
    """A copy of `figure` for a page, which shows the message as a heading: no title, and its room freed."""
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    return go.Figure(figure).update_layout(title=None, margin={"t": max(30, top - 45)})


def for_export(
    figure: go.Figure, *, title: str, caption: str, width: int = SLIDE[0], height: int = SLIDE[1]
) -> go.Figure:
    """A copy of `figure` laid out for a slide: the message as a wrapped title in large type, the source as its
    subtitle (above the chart, where no legend or axis can cover it)."""
    exported = go.Figure(figure)
    title_lines = textwrap.wrap(title, max(30, width // 19))
    caption_lines = textwrap.wrap(caption, max(60, width // 9))
    top = 40 + 38 * len(title_lines) + 22 * len(caption_lines) + 24
    # The source as smaller lines of the title itself: plotly misplaces a multi-line title that has a subtitle.
    source = "<br>".join(f"<span style='font-size:15px;color:{MUTED_TEXT}'>{line}</span>" for line in caption_lines)
    exported.update_layout(
        width=width,
        height=height,
        title={
            "text": "<br>".join(title_lines) + "<br>" + source,
            "font": {"size": 30},
            "x": 0.02,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 24},  # plotly anchors a multi-line title by its last line: without room it loses its first
        },
        font={"size": 20},
        margin={"t": top, "l": 40, "r": 40},
    )
    for trace in exported.data:  # values on the chart, readable from the back of a room
        if "textfont" in trace:
            trace.textfont.size = 20
    return exported


def to_png(figure: go.Figure, *, title: str, caption: str) -> bytes:
    """The chart, titled and sourced, as a 1600x900 PNG."""
    import plotly.io as pio

    _start_server()
    exported = for_export(figure, title=title, caption=caption)
    with _server:
        return pio.to_image(exported, format="png", width=SLIDE[0], height=SLIDE[1], scale=1)


def to_slide(figure: go.Figure, *, title: str, caption: str) -> bytes:
    """A one-slide PowerPoint deck: the chart (its message as the title) with its source in the notes too."""
    from pptx import Presentation
    from pptx.util import Emu

    png = to_png(figure, title=title, caption=caption)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 16:9
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    slide.shapes.add_picture(io.BytesIO(png), 0, 0, width=deck.slide_width, height=deck.slide_height)
    slide.notes_slide.notes_text_frame.text = f"{title}\n\n{caption}"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


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
