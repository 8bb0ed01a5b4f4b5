"""A chart laid out for a slide on a screen (presentation mode): large type, no title, most of a 1080-pixel screen.

The slide shows the chart's message as its own heading, so the figure drops its title and the room above it.
Every piece of text the figure draws (ticks, axis titles, legend, annotations, values on the marks) is raised to
at least `TEXT_SIZE` px, the size the back of a room can read at 1920x1080.
"""

from __future__ import annotations

import plotly.graph_objects as go

TEXT_SIZE = 24  # px: the smallest text on a slide
HEIGHT = 600  # px: the chart's share of a 1080-pixel screen, after the heading, the source and the slide bar


def _at_least(size: float | None, least: int) -> int:
    return max(int(size or 0), least)


def own_layout(figure: go.Figure) -> bool:
    """Whether the figure places its own legend and titles (the village grids), for a size it was built for."""
    return isinstance(figure.layout.meta, dict) and bool(figure.layout.meta.get("own_layout"))


def without_note(figure: go.Figure, note: str) -> go.Figure:
    """A copy of `figure` without the annotation that draws `note` (wrapped onto lines), to show it as text."""
    noteless = go.Figure(figure)
    flat = " ".join(note.split())
    kept = [a for a in noteless.layout.annotations if " ".join((a.text or "").replace("<br>", " ").split()) != flat]
    noteless.layout.annotations = kept
    return noteless


def for_screen(figure: go.Figure, *, size: int = TEXT_SIZE, height: int = HEIGHT) -> go.Figure:
    """A copy of `figure` for presentation mode: untitled, `height` px tall, no text smaller than `size` px."""
    on_screen = go.Figure(figure)
    # A figure that places its own legend and titles above the plot (the village grids) keeps its top margin.
    top = (figure.layout.margin.t or 0) if own_layout(figure) else 50
    on_screen.update_layout(
        title=None,
        height=height,
        font={"size": _at_least(figure.layout.font.size, size)},
        legend={"font": {"size": _at_least(figure.layout.legend.font.size, size)}},
        hoverlabel={"font": {"size": size}},
        margin={"t": top},
    )
    # Every axis, however many (small multiples have one pair each), explicitly: plotly's own default is smaller.
    on_screen.for_each_xaxis(lambda axis: _raise_axis(axis, size))
    on_screen.for_each_yaxis(lambda axis: _raise_axis(axis, size))
    for annotation in on_screen.layout.annotations:
        annotation.font.size = _at_least(annotation.font.size, size)
    for trace in on_screen.data:
        if "textfont" in trace and not isinstance(trace.textfont.size, tuple | list):
            trace.textfont.size = _at_least(trace.textfont.size, size)
    return on_screen


def _raise_axis(axis, size: int) -> None:
    axis.update(tickfont={"size": _at_least(axis.tickfont.size, size)})
    axis.update(title={"font": {"size": _at_least(axis.title.font.size, size)}})
