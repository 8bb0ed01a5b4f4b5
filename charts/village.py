"""The village of 100 children drawn as 100 marks: who the children are, and how many share a circumstance.

Ethnic groups take the hue of their family (White blues, Mixed pinks, Black oranges, Asian greens, Other
yellow), shades within a family step clearly in lightness, and each family has its own marker shape, so no
group is told apart by hue alone. The circumstances (low income, free school meals ...) are drawn in one
highlight colour on grey, never in the ethnic colours: the strategy does not say which children they are.

Marks are sized in pixels (plotly markers do not scale with the axes) from the size the figure will be shown
at: pass `height`, and `width` when it is known (an export); without it the marks fit any figure at least 4:3.
With a known width the note is drawn under the grids, unless `note=False`: then it is left in
`layout.meta["caption"]` for the words beside the chart (a slide's text, an image's subtitle) and no room is kept.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import BLUE, GREEN, MUTED_TEXT, ORANGE, PINK, SKY, TEMPLATE, VERMILLION, YELLOW
from insight.village import PANEL_LABELS, SHORT_LABELS, apportion

# Each family's Okabe-Ito hue first, then shades that step clearly in lightness (CIE L* 13 or more apart), given
# to the family's groups largest first, alternating dark and light so neighbours in the grid always contrast.
WHITE_SHADES = (BLUE, SKY, "#003D5C", "#A8D5F2")  # L* 46, 70, 24, 83
MIXED_SHADES = (PINK, "#7E2F66", "#E9B5D2", "#4F1A3F")  # L* 61, 33, 79, 19
BLACK_SHADES = (ORANGE, "#8F4A00", "#F6CF7A", "#4D2800")  # L* 71, 39, 85, 20
ASIAN_SHADES = (GREEN, "#00553D", "#7FD6B8", "#003324")  # L* 58, 31, 80, 18
OTHER_SHADES = (YELLOW, "#7F7F7F", "#A6A6A6", "#404040")  # L* 89, 53, 68, 27
FAMILY_SHADES = {
    "White": WHITE_SHADES,
    "Mixed": MIXED_SHADES,
    "Black": BLACK_SHADES,
    "Asian": ASIAN_SHADES,
    "Other": OTHER_SHADES,
}
FAMILY_SYMBOLS = {"White": "square", "Mixed": "diamond", "Black": "circle", "Asian": "triangle-up", "Other": "star"}
# Plotly draws symbols of one size at different extents: diamonds and stars reach past a square's corners.
OUTLINE = "rgba(0, 0, 0, 0.35)"  # a hairline, so the light shades (and yellow) hold their shape on white

HIGHLIGHT = VERMILLION  # the children with the circumstance
REST = "#D4D4D4"  # everyone else: light grey, never an ethnic colour
HIGHLIGHT_SYMBOL, REST_SYMBOL = "square", "square"
ILLUSTRATIVE = (
    "Positions are illustrative: the strategy says how many of the {size} children, not which ones, "
    "and does not link them to ethnic groups."
)
OVERLAP = "The groups overlap: one child can be in several, and the strategy does not say how many are."

HEIGHT = 720
PANELS_HEIGHT = 600
STRIPS_HEIGHT, STRIP_COLUMNS = (
    820,
    20,
)  # several smaller grids: less height, so a phone's column is not mostly white space
MARGIN = {"l": 24, "r": 24, "t": 96, "b": 84}  # b: room for a note (or the app's legend) under the grids
BARE_BOTTOM = 24  # px under the grids when nothing is drawn there
MARK_FILL = 0.8  # share of a grid cell a mark covers, leaving a gutter between children
MIN_ASPECT = 4 / 3  # without a known width, size marks for any figure at least this wide
LEGEND_SHARE = 0.36  # of a single grid's width, kept for its legend on the right
CAPTION_SIZE = 16
LEGEND_ROW = 44  # pixels for a one-line legend above a row of grids
LEGEND_SIZE, LEGEND_GAP = 20, 40
PANEL_TITLE_SIZE = 15
PHONE_WIDTH = 360  # px: the narrowest chart the app is drawn in (a phone's column)
PHONE_LAYOUT = "phone_layout"  # layout.meta key: laid out for a phone's column, not for a wide screen


def for_a_phone(figure: go.Figure) -> bool:
    """Whether `figure` is laid out for a phone's column (the circumstances as strips, one under another): a wide
    screen, a slide or an image should have it drawn again for its own width (definitions.render.Rendered.figure_at)."""
    return isinstance(figure.layout.meta, dict) and bool(figure.layout.meta.get(PHONE_LAYOUT))


@dataclass(frozen=True)
class _Marks:
    name: str
    count: int
    colour: str
    symbol: str
    hover: str
    legend_rank: int | None = None  # the legend's order, when it differs from the order the marks are placed in


def _cells(start: int, count: int, columns: int) -> tuple[list[int], list[int]]:
    """Grid positions of marks start .. start+count-1, filling rows left to right, top to bottom."""
    positions = range(start, start + count)
    return [p % columns for p in positions], [p // columns for p in positions]


def _check_grid(size: int, columns: int) -> int:
    if isinstance(columns, bool) or not isinstance(columns, int) or columns < 1:
        raise ValueError(f"columns must be a whole number of at least 1, not {columns!r}")
    if size < 1:
        raise ValueError(f"a village needs at least one child, not {size}")
    return math.ceil(size / columns)


def _check_count(count: int, size: int, label: str) -> None:
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= size:
        raise ValueError(f"{label!r}: the count must be a whole number from 0 to {size}, not {count!r}")


def _plot_area(height: int, width: int | None, bottom: int = MARGIN["b"]) -> tuple[float, float]:
    """The plot area in pixels: `width` if known, else the narrowest figure the marks must still fit."""
    shown_width = width if width is not None else MIN_ASPECT * height
    return shown_width - MARGIN["l"] - MARGIN["r"], height - MARGIN["t"] - bottom


SHAPE_SCALE = {"diamond": 1.22, "triangle-up": 1.12, "star": 1.25}  # equal visual weight to a square
DOT = 4  # px: the trace's own marker, a same-coloured dot under each shape, there for hover and the legend


def _mark_shape(symbol: str, x: float, y: float, colour: str, xref: str, yref: str) -> dict:
    """One child as a layout shape in data units, so the grid scales with its chart: a phone's narrow column
    and a 1920-pixel screen draw the same grid (marker sizes, in pixels, do not scale)."""
    h = min(0.5, MARK_FILL / 2 * SHAPE_SCALE.get(symbol, 1.0))
    shape = {"xref": xref, "yref": yref, "fillcolor": colour, "line": {"color": OUTLINE, "width": 1}, "layer": "below"}
    if symbol in ("square", "circle"):
        return {
            **shape,
            "type": "rect" if symbol == "square" else "circle",
            "x0": x - h,
            "x1": x + h,
            "y0": y - h,
            "y1": y + h,
        }
    if symbol == "diamond":
        points = [(x, y - h), (x + h, y), (x, y + h), (x - h, y)]
    elif symbol == "triangle-up":  # the y axis runs downwards: row 0 at the top, so "up" is y - h
        points = [(x, y - h), (x + h, y + h * 0.8), (x - h, y + h * 0.8)]
    elif symbol == "star":
        points = [
            (x + r * math.cos(-math.pi / 2 + k * math.pi / 5), y + r * math.sin(-math.pi / 2 + k * math.pi / 5))
            for k, r in enumerate([h, h * 0.45] * 5)
        ]
    else:
        raise ValueError(f"no shape for the marker symbol {symbol!r}")
    path = "M " + " L ".join(f"{px:.3f},{py:.3f}" for px, py in points) + " Z"
    return {**shape, "type": "path", "path": path}


def _add_marks(fig: go.Figure, marks: Sequence[_Marks], columns: int, **position) -> None:
    """One trace per group (its legend entry, its hover text, one point per child) and one shape per child."""
    start, shapes = 0, []
    for rank, mark in enumerate(marks):
        x, y = _cells(start, mark.count, columns)
        start += mark.count
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                mode="markers",
                name=mark.name,
                legendrank=mark.legend_rank or rank + 1,
                legendgroup=mark.name,
                marker={
                    "color": mark.colour,
                    "symbol": mark.symbol,
                    "size": DOT,
                    "line": {"width": 0},  # an outline would show as a speck inside each child's shape
                },
                hovertext=[mark.hover] * mark.count,
                hoverinfo="text",
            ),
            **position,
        )
        trace = fig.data[-1]  # its axes: "x"/"y", or a subplot's "x2"/"y2"
        xref, yref = trace.xaxis or "x", trace.yaxis or "y"
        shapes += [_mark_shape(mark.symbol, a, b, mark.colour, xref, yref) for a, b in zip(x, y, strict=True)]
    fig.layout.shapes = fig.layout.shapes + tuple(shapes)


def _grid_axes(fig: go.Figure, rows: int, columns: int, **position) -> None:
    """No axes, ticks or gridlines; one data unit is one cell, the same across and down, row 0 at the top."""
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": True, "constrain": "domain"}
    fig.update_xaxes(range=[-0.5, columns - 0.5], **hidden, **position)
    fig.update_yaxes(range=[rows - 0.5, -0.5], scaleratio=1, constraintoward="top", **hidden, **position)
    # scaleanchor ties each panel's y to its own x, so every grid stays square whatever the figure's shape.
    for axis in fig.select_yaxes(**position):
        axis.scaleanchor = axis.plotly_name.replace("yaxis", "x")


def _caption(fig: go.Figure, text: str, *, x: float = 0, y: float = 0, drawn: bool = True) -> None:
    """The grid's note. Drawn into a figure of known width (an image); for the app (`drawn=False`) it is kept in
    `layout.meta["caption"]` instead, for the page to print under the chart, where text wraps to any screen:
    inside the figure, plotly cannot wrap it, and on a phone it ran over the legend."""
    if not drawn:
        fig.update_layout(meta={**(fig.layout.meta or {}), "caption": text})
        return
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=x,
        y=y,
        xanchor="left",
        yanchor="top",
        yshift=-14,
        showarrow=False,
        align="left",
        font={"size": CAPTION_SIZE, "color": MUTED_TEXT},
    )


def _wrap(text: str, px: float, font_size: float, *, least: int = 12) -> str:
    """Plotly does not wrap text: break it into lines that fit `px` (a character is about 0.55 of the font size)."""
    return "<br>".join(textwrap.wrap(text, max(least, int(px / (0.55 * font_size))), break_long_words=False))


def _base_layout(fig: go.Figure, *, title: str, height: int, width: int | None, bottom: int = MARGIN["b"]) -> None:
    fig.update_layout(
        template=TEMPLATE,
        title={"text": title, "xref": "paper", "x": 0},  # aligned with the grid's margin, not the page edge
        height=height,
        margin={**MARGIN, "b": bottom},
        hoverlabel={"font": {"size": 17}},
        meta={"own_layout": True},  # the grids place their own legend and titles (charts.export keeps them)
    )
    if width is not None:
        fig.update_layout(width=width)


def _styles(groups: pd.DataFrame) -> list[tuple[str, str]]:
    """Colour and symbol per group (in the input's order): the family's shape, and its shades by size, largest
    first, so a group keeps its colour however the table is sorted and whatever size the village is drawn at."""
    families = [family if family in FAMILY_SHADES else "Other" for family in groups["family"]]
    by_size = sorted(range(len(groups)), key=lambda i: -int(groups["count"].iat[i]))  # stable for equal counts
    used: dict[str, int] = {}
    styles: dict[int, tuple[str, str]] = {}
    for i in by_size:
        family, shades = families[i], FAMILY_SHADES[families[i]]
        index = used.get(family, 0)
        if index >= len(shades):
            raise ValueError(f"the {family} family has more groups than its {len(shades)} distinguishable shades")
        used[family] = index + 1
        styles[i] = (shades[index], FAMILY_SYMBOLS[family])
    return [styles[i] for i in range(len(groups))]


def _single(
    marks: Sequence[_Marks],
    *,
    title: str,
    size: int,
    columns: int,
    height: int,
    width: int | None,
    caption: str,
    note: bool = True,
) -> go.Figure:
    """One grid and its legend, a caption underneath. Shown in the app (no width known), the legend goes under
    the grid and the grid takes the chart's full width, so a phone's narrow column still draws it large; with
    a known width (an image for a big screen) the legend sits beside the grid, the pair centred."""
    rows = _check_grid(size, columns)
    drawn = width is not None and note  # the caption drawn under the grid
    bottom = MARGIN["b"] if width is None or (drawn and caption) else BARE_BOTTOM  # the app's legend goes under
    plot_width, plot_height = _plot_area(height, width, bottom)
    fig = go.Figure()
    _add_marks(fig, [mark for mark in marks if mark.count], columns)
    _grid_axes(fig, rows, columns)
    _base_layout(fig, title=title, height=height, width=width, bottom=bottom)
    if width is None:
        fig.update_xaxes(domain=[0, 1])
        legend = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top"}
    else:
        cell = min(plot_width * (1 - LEGEND_SHARE) / columns, plot_height / rows)
        grid = cell * columns
        legend_px = max(len(mark.name) for mark in marks) * 0.5 * LEGEND_SIZE + 60
        left = max(0.0, (plot_width - grid - LEGEND_GAP - legend_px) / 2)
        fig.update_xaxes(domain=[left / plot_width, (left + grid) / plot_width])
        legend = {
            "orientation": "v",
            "x": (left + grid + LEGEND_GAP) / plot_width,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
        }
    # maxheight 1: the whole legend shows, however many lines it wraps to on a phone (not a scroll box).
    fig.update_layout(legend={**legend, "font": {"size": LEGEND_SIZE}, "itemsizing": "constant", "maxheight": 1})
    if caption:
        _caption(fig, _wrap(caption, plot_width, CAPTION_SIZE) if drawn else caption, drawn=drawn)
    return fig


def village_grid(
    groups: pd.DataFrame,
    *,
    title: str,
    columns: int = 10,
    size: int | None = None,
    height: int = HEIGHT,
    width: int | None = None,
    note: bool = True,
) -> go.Figure:
    """One mark per child, coloured by ethnic group, largest group first, with counts in the legend.

    `groups` has the village table's columns group, family and count (ethnic rows only). With `size`, the counts
    are re-shared into a village of that size by largest remainder (a class of 30: size=30, columns=6); groups
    with less than one child there are named under the grid rather than silently dropped.
    """
    groups = groups.reset_index(drop=True)
    styles = _styles(groups)
    published = [int(count) for count in groups["count"]]
    total = sum(published) if size is None else size
    # Through the arithmetic even at the published size: it refuses negative counts and leaves whole ones as they are.
    shared = apportion(dict(enumerate(published)), total)
    counts, exact = [s.count for s in shared], [s.exact for s in shared]

    # The legend lists groups by size; the grid places them in blocks by family (largest family first), so each
    # family reads as one patch of its hue: 69 White, 13 Black, 11 Mixed ... rather than a scatter of shades.
    by_size = sorted(range(len(groups)), key=lambda i: -counts[i])  # stable: equal counts keep the table's order
    legend_rank = {i: rank + 1 for rank, i in enumerate(by_size)}
    family_total: dict[str, int] = {}
    for i in range(len(groups)):
        family_total[groups.at[i, "family"]] = family_total.get(groups.at[i, "family"], 0) + counts[i]
    placed = sorted(by_size, key=lambda i: -family_total[groups.at[i, "family"]])  # stable within a family
    marks = []
    for i in placed:
        label = groups.at[i, "group"]
        hover = f"{label}: {counts[i]} of {total} children"
        if exact[i] != counts[i]:
            hover += f" (exactly {exact[i]:.3g}, rounded {'up' if counts[i] > exact[i] else 'down'})"
        marks.append(_Marks(f"{label} ({counts[i]})", counts[i], *styles[i], hover, legend_rank[i]))

    notes = []
    if total != sum(published):
        notes.append(f"Each child here stands for {sum(published) / size:.3g} of the village of {sum(published)}.")
        missing = [groups.at[i, "group"] for i in range(len(groups)) if counts[i] == 0]
        if missing:
            notes.append(f"Fewer than one child in {size}, so not shown: {', '.join(missing)}.")
    caption = " ".join(notes)
    return _single(
        marks, title=title, size=total, columns=columns, height=height, width=width, caption=caption, note=note
    )


def characteristic_grid(
    count: int,
    *,
    label: str,
    size: int = 100,
    columns: int = 10,
    title: str,
    colour: str = HIGHLIGHT,
    height: int = HEIGHT,
    width: int | None = None,
    note: bool = True,
) -> go.Figure:
    """The village with `count` children lit up in one colour and the rest grey: how many, never which ones."""
    _check_count(count, size, label)
    rest = size - count
    marks = [
        _Marks(f"{label} ({count})", count, colour, HIGHLIGHT_SYMBOL, f"{label}: {count} of {size} children"),
        _Marks(f"Other children ({rest})", rest, REST, REST_SYMBOL, f"Other children: {rest} of {size} children"),
    ]
    caption = ILLUSTRATIVE.format(size=size)
    return _single(
        marks, title=title, size=size, columns=columns, height=height, width=width, caption=caption, note=note
    )


@dataclass(frozen=True)
class Panels:
    """The options every builder of several small villages takes, declared once: `size` children a grid in rows of
    `columns`, highlighted in `colour`; `height` and `width` (None: the app's, which may be a phone's); `note`, the
    caption drawn under them (False: the text beside the chart says it)."""

    size: int = 100
    columns: int = 10
    colour: str = HIGHLIGHT
    height: int = PANELS_HEIGHT
    width: int | None = None
    note: bool = True


def _panels(
    panels: Sequence[tuple[str, int]],
    *,
    title: str,
    names: tuple[str, str],
    caption: str,
    layout: Panels,
    across: int = 3,
) -> go.Figure:
    """Several highlight grids, up to `across` in a row; a spare cell (if any) holds the legend and the caption.
    One across stacks them as strips, each titled at its left: titles then have the whole width, on any screen."""
    size, columns, colour = layout.size, layout.columns, layout.colour
    height, width, note = layout.height, layout.width, layout.note
    rows = _check_grid(size, columns)
    # In the app the width is unknown and may be a phone's: titles wrap to fit a phone's panel, so that they
    # never run into each other.
    panel_columns = min(across, len(panels))
    panel_rows = math.ceil(len(panels) / panel_columns)
    spare = panel_rows * panel_columns > len(panels)
    h_gap, v_gap = 0.05, (0.16 if panel_rows > 1 and panel_columns > 1 else 0.11 if panel_rows > 1 else 0.0)
    drawn = width is not None and note  # the caption drawn: in the spare cell, else under the grids
    bottom = MARGIN["b"] if drawn and not spare else BARE_BOTTOM
    plot_width, plot_height = _plot_area(height, width, bottom)
    panel_width = plot_width * (1 - h_gap * (panel_columns - 1)) / panel_columns
    wrap_width = panel_width if width is not None else (PHONE_WIDTH - MARGIN["l"] - MARGIN["r"]) / panel_columns
    titles = [_wrap(panel_title, wrap_width, PANEL_TITLE_SIZE, least=8) for panel_title, _ in panels]
    # Titles wrapped onto more lines in the top row push the grids (and the legend above them) down.
    extra_lines = max(title.count("<br>") for title in titles[:panel_columns])
    top = MARGIN["t"] + round(extra_lines * 1.25 * PANEL_TITLE_SIZE) + (0 if spare else LEGEND_ROW)
    plot_height -= top - MARGIN["t"]

    fig = make_subplots(
        rows=panel_rows,
        cols=panel_columns,
        subplot_titles=titles,
        horizontal_spacing=h_gap,
        vertical_spacing=v_gap,
    )
    fig.update_annotations(font={"size": PANEL_TITLE_SIZE})  # the panel titles: the figure each grid shows
    if panel_columns == 1:  # strips: each title at the strip's left edge, where its grid starts
        fig.update_annotations(x=0, xanchor="left", align="left")
    for n, (_, count) in enumerate(panels):
        position = {"row": n // panel_columns + 1, "col": n % panel_columns + 1}
        marks = [
            _Marks(names[0], count, colour, HIGHLIGHT_SYMBOL, f"{names[0]}: {count} of {size} children"),
            _Marks(names[1], size - count, REST, REST_SYMBOL, f"{names[1]}: {size - count} of {size} children"),
        ]
        before = len(fig.data)
        _add_marks(fig, [mark for mark in marks if mark.count], columns, **position)
        for trace in fig.data[before:]:
            trace.showlegend = n == 0
        _grid_axes(fig, rows, columns, **position)
    if panel_columns == 1:
        fig.update_xaxes(constraintoward="left")

    _base_layout(fig, title=title, height=height, width=width, bottom=bottom)
    fig.update_layout(margin={"t": top}, legend={"orientation": "v", "font": {"size": 18}, "itemsizing": "constant"})
    if spare:
        left = (len(panels) % panel_columns) / panel_columns + h_gap / 2
        below_top_row = 1 - (panel_rows - 1) / panel_rows
        fig.update_layout(legend={"x": left, "xanchor": "left", "y": below_top_row - 0.04, "yanchor": "top"})
        caption_text = _wrap(caption, panel_width, CAPTION_SIZE) if drawn else caption
        _caption(fig, caption_text, x=left, y=below_top_row - 0.16, drawn=drawn)
    else:
        # No spare cell: the legend goes between the title and the panel titles; the caption goes last.
        above = (LEGEND_ROW + extra_lines * 1.25 * PANEL_TITLE_SIZE) / plot_height
        fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1 + above, "yanchor": "bottom"})
        _caption(fig, _wrap(caption, plot_width, CAPTION_SIZE) if drawn else caption, drawn=drawn)
    return fig


def _across(count: int, width: int, height: int, columns: int, rows: int, note: bool) -> int:
    """How many grids a row for a figure of `width` x `height` px: three (two rows, the legend and note in the spare
    cell), unless all in one row (the legend above) draws them clearly larger, as on a wide, short figure such as
    a slide's picture under a long message."""

    def side(across: int) -> float:
        panel_rows = math.ceil(count / across)
        spare = panel_rows * across > count
        plot_width, plot_height = _plot_area(height, width, BARE_BOTTOM if spare or not note else MARGIN["b"])
        plot_height -= 0 if spare else LEGEND_ROW
        v_gap = 0.16 if panel_rows > 1 else 0.0
        panel_width = plot_width * (1 - 0.05 * (across - 1)) / across
        panel_height = plot_height * (1 - v_gap * (panel_rows - 1)) / panel_rows
        return min(panel_width / columns, panel_height / rows)

    three = min(3, count)
    return count if side(count) > 1.15 * side(three) else three


def characteristics_small_multiples(characteristics: pd.DataFrame, *, title: str, **options) -> go.Figure:
    """Every circumstance as its own small village, side by side, in one highlight colour, to show all at once.

    `characteristics` has the village table's columns group_id, group (the label) and count, one row a grid;
    `options` are the Panels' (size, columns, colour, height, width, note).
    """
    layout = Panels(**options)
    strips = layout.width is None  # in the app, where the screen may be a phone's: one strip of 20 x 5 each
    labels = SHORT_LABELS if strips else PANEL_LABELS
    panels = []
    for group_id, label, count in zip(
        characteristics["group_id"], characteristics["group"], characteristics["count"], strict=True
    ):
        _check_count(int(count), layout.size, label)
        short = labels.get(group_id, label[:1].lower() + label[1:])
        panels.append((f"{count} {short}", int(count)))
    if strips:
        height = STRIPS_HEIGHT if layout.height == PANELS_HEIGHT else layout.height
        drawn, across = replace(layout, columns=STRIP_COLUMNS, height=height), 1
    else:
        rows = _check_grid(layout.size, layout.columns)
        drawn = layout
        across = _across(len(panels), layout.width, layout.height, layout.columns, rows, layout.note)
    fig = _panels(
        panels,
        title=title,
        names=("Children it applies to", "Other children"),
        caption=f"{ILLUSTRATIVE.format(size=layout.size)} {OVERLAP}",
        layout=drawn,
        across=across,
    )
    if strips:  # on a wide screen the strips are a narrow column of tiny grids: say so, so it is drawn again
        fig.update_layout(meta={**fig.layout.meta, PHONE_LAYOUT: True})
    return fig


def villages_side_by_side(
    shares: Mapping[str, float], *, label: str, title: str, rest_label: str = "Other children", **options
) -> go.Figure:
    """A percentage at several dates as villages of `size` side by side, each rounded by largest remainder.

    `shares` maps each panel's title (e.g. "2011", "2041 (projected)") to the percentage of children with `label`;
    `options` are the Panels' (size, columns, colour, height, width, note).
    """
    layout = Panels(**options)
    panels = []
    for when, percent in shares.items():
        if not 0 <= percent <= 100:
            raise ValueError(f"the share for {when!r} must be a percentage from 0 to 100, not {percent!r}")
        highlighted = apportion({label: percent, rest_label: 100 - percent}, layout.size)[0]
        panels.append((f"{when}: {highlighted.count} of {layout.size}", highlighted.count))
    return _panels(
        panels,
        title=title,
        names=(label, rest_label),
        caption=f"Each grid is {layout.size} children: the published percentage as whole children (largest remainder).",
        layout=layout,
    )


def circumstance_grid(frame: pd.DataFrame, *, title: str, **options) -> go.Figure:
    """The village table's row of one circumstance as a highlight grid (see characteristic_grid)."""
    row = frame.iloc[0]
    return characteristic_grid(int(row["count"]), label=row["group"], title=title, **options)


def shares_as_villages(
    frame: pd.DataFrame, *, title: str, label: str, rest_label: str = "Other children", **options
) -> go.Figure:
    """One indicator's published percentages (observations) as villages side by side, one per period, each
    titled with its period and marked projected where it is (see villages_side_by_side)."""
    shares = {
        (f"{row['period']} (projected)" if row["status"] == "projected" else row["period"]): row["value"]
        for _, row in frame.sort_values("x").iterrows()
    }
    return villages_side_by_side(shares, label=label, rest_label=rest_label, title=title, **options)
