"""Bars for parts of a whole and for counts by category, each bar labelled with its value."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, category_axis, hover, label, wrap, y_title
from charts.export import WIDE_RANGE
from charts.theme import AREA_PATTERNS, BLUE, CATEGORICAL, GRID, area_style
from insight.labels import breakdown_words, group_and_member

PHONE_PLOT = 190  # pixels of a horizontal bar chart's plot on a phone (390 wide, less the category names)
LABEL_CHARACTER = 8.5  # pixels a character of a 15 px bar label takes, about
WIDE_PLOT, WIDE_CHARACTER = 1000, 11.5  # the same in a 1,600 px image, its labels 20 px (charts.export)
# A second, third ... series of grouped bars also differs by its fill pattern, never by colour alone.
GROUP_PATTERNS = ["", "/", ".", "x", "-", "+"]


def category_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    category: str = "breakdown",
    horizontal: bool = False,
    colour_by: str | None = None,
    shares: pd.DataFrame | None = None,
    height: int | None = None,
    short_names: bool = False,
    ranked: bool = False,
    top: int | None = None,
) -> go.Figure:
    """A bar per row, in the frame's order, labelled with its value. `colour_by` names a column whose values
    become grouped series, each with its colour, fill pattern and legend entry; otherwise every bar is blue.
    `shares` (rows of a share indicator by the same breakdown) adds each bar's published share to its label:
    '19,100 (26%)'. `short_names` shortens "<group>: <member>" names to the group's first word (the hover
    keeps the whole name). `ranked` orders the bars largest first (a figure not published last); `top` draws only
    the first that many categories and says so in a drawn note (the chart's data table keeps every row)."""
    if ranked:
        frame = frame.sort_values("value", ascending=False, kind="stable", na_position="last")
    categories = list(dict.fromkeys(frame[category]))
    note = ""
    if top is not None and len(categories) > top:
        note = f"The {top} largest of {len(categories)} are drawn; the data table under the chart has every one."
        categories = categories[:top]
        frame = frame[frame[category].isin(categories)]
    position = {name: i for i, name in enumerate(categories)}
    figure = base_figure(title, height=height or (150 + 55 * len(frame) if horizontal else 420))
    groups = list(dict.fromkeys(frame[colour_by])) if colour_by else [None]
    share_of = shares.set_index("breakdown")["value"].to_dict() if shares is not None and len(shares) else {}
    all_labels = pd.Series("", index=frame.index)
    for index, group in enumerate(groups):
        rows = frame if group is None else frame[frame[colour_by] == group]
        labels = [
            label(r) + (f" ({share_of[r['breakdown']]:g}%)" if r.get("breakdown") in share_of else "")
            for _, r in rows.iterrows()
        ]
        all_labels[rows.index] = labels
        places = [position[name] for name in rows[category]]
        colour, pattern = _group_style(rows, group, index, colour_by)
        # A figure not published (suppressed) is a bar of no length whose label says so, not a silent gap.
        values = rows["value"].fillna(0)
        axis_values = {"x": values, "y": places} if horizontal else {"x": places, "y": values}
        figure.add_trace(
            go.Bar(
                **axis_values,
                orientation="h" if horizontal else "v",
                name=str(group) if group is not None else "",
                marker={
                    "color": colour,
                    # overlay: white marks over the bar's colour (plotly's "replace" leaves the bar clear)
                    "pattern": {
                        "shape": pattern,
                        "fgcolor": "white",
                        "size": 7,
                        "fillmode": "overlay",
                    },
                },
                text=labels,
                textposition="outside",
                constraintext="none",
                textfont={"size": 15},
                hovertemplate=[hover(r, r[category]) for _, r in rows.iterrows()],
                cliponaxis=False,
            )
        )
    drawn = frame["value"].fillna(0)
    top = drawn.max() * (room_for_labels(drawn, all_labels) if horizontal else 1.2)
    if horizontal:  # an image or slide 1,600 px wide needs far less room for the labels than a phone
        wide = drawn.max() * room_for_labels(drawn, all_labels, plot=WIDE_PLOT, character=WIDE_CHARACTER)
        figure.update_layout(meta={**(figure.layout.meta or {}), WIDE_RANGE: {"xaxis": [0, wide]}})
    value_axis = {"title_text": y_title(frame), "range": [0, top], "tickformat": ",~r"}
    if horizontal:
        # Few ticks, level: with the room the labels need, plotly's own five tilted and ran together on a phone.
        figure.update_xaxes(**value_axis, showgrid=True, gridcolor=GRID, nticks=3, tickangle=0)
        category_names = [group_and_member(name) for name in categories] if short_names else categories
        category_names = (
            [breakdown_words(name) for name in category_names] if category == "breakdown" else category_names
        )
        category_axis(figure, "y", [wrap(name) for name in category_names])
    else:
        figure.update_yaxes(**value_axis)
        category_axis(figure, "x", [breakdown_words(n) for n in categories] if category == "breakdown" else categories)
    figure.update_layout(showlegend=colour_by is not None, barmode="group")
    if note:
        figure.update_layout(meta={**(figure.layout.meta or {}), "caption": note})
    return figure


def log_room(values: pd.Series, labels, low: float) -> float:
    """Powers of ten the log axis runs past its largest value, so that each dot's label (written to its right)
    fits a phone's plot: a label taking the share f of the plot after a dot d powers of ten below the largest
    needs room r with d + r >= f x (the whole span)."""
    span = math.log10(values.max()) - math.log10(low)
    room = 0.5
    for value, text in zip(values, labels, strict=True):
        share = min((len(str(text)) * LABEL_CHARACTER * 16 / 15 + 12) / PHONE_PLOT, 0.6)
        below = math.log10(values.max()) - math.log10(value)
        room = max(room, (share * span - below) / (1 - share))
    return room


def room_for_labels(
    values: pd.Series, labels: pd.Series, *, plot: int = PHONE_PLOT, character: float = LABEL_CHARACTER
) -> float:
    """How far past the longest bar the value axis runs, as a multiple of it, so that every bar's label, written
    at its end, fits a phone's plot ("about 3,800" was cut at the right edge): a bar of value v and a label of w
    pixels needs v/top of the plot plus w, within the plot."""
    longest = values.max()
    if not longest or longest <= 0:
        return 1.4
    needed = [
        (value / longest) / max(1 - (len(text) * character + 8) / plot, 0.35)
        for value, text in zip(values, labels, strict=True)
    ]
    return min(max(1.2, *needed), 2.9)


def _group_style(rows: pd.DataFrame, group, index: int, colour_by: str | None) -> tuple[str, str]:
    """A series' colour and fill pattern: areas as every chart draws them (home blue and plain, comparators by
    their role's colour and pattern); other groups by their order."""
    if group is None:
        return BLUE, ""
    if colour_by in ("area_name", "area_code") and "area_role" in rows and rows["area_role"].notna().all():
        role = rows["area_role"].iloc[0]
        return area_style(role).colour, AREA_PATTERNS.get(role, "")
    return CATEGORICAL[index % len(CATEGORICAL)], GROUP_PATTERNS[index % len(GROUP_PATTERNS)]


def counts(frame: pd.DataFrame, *, title: str, category: str = "title", height: int | None = None) -> go.Figure:
    """Counts that span several orders of magnitude (2 learning shops to 15,000+ businesses) as dots on a
    logarithmic scale, each labelled as the text writes it: on a linear scale the small counts vanish, and a
    dot, unlike a bar, does not ask to be read as a length from zero. A lower bound ('15,000+') is an open
    triangle pointing up."""
    rows = frame.sort_values("value", ascending=False, kind="stable")
    figure = base_figure(title, height=height or 130 + 46 * len(rows))
    positions = list(range(len(rows)))
    bound = rows["status"] == "lower_bound"
    dots = go.Scatter(
        x=rows["value"],
        y=positions,
        mode="markers+text",
        marker={
            "size": 16,
            "color": BLUE,
            "symbol": ["triangle-up-open" if b else "circle" for b in bound],
            "line": {"width": 2.5, "color": BLUE},
        },
        text=[row.get("value_text") or label(row) for _, row in rows.iterrows()],
        textposition="middle right",
        textfont={"size": 16, "color": "#1A1A1A"},
        hovertemplate=[hover(r, r[category]) for _, r in rows.iterrows()],
        cliponaxis=False,
        showlegend=False,
    )
    figure.add_trace(dots)
    low = max(rows["value"].min() / 2, 0.5)
    high = rows["value"].max() * 10 ** log_room(rows["value"], dots.text, low)  # room for each dot's label
    figure.update_xaxes(
        type="log",
        range=[math.log10(low), math.log10(high)],
        # A label every second power of ten, a grid line at each: six labels ran together on a phone's plot
        # ("10,000100,000"); each dot is labelled with its figure anyway.
        tickvals=[v for v in (1, 100, 10_000, 1_000_000) if low <= v <= rows["value"].max()],  # not in the room
        tickformat=",",
        minor={"tickvals": [v for v in (10, 1_000, 100_000) if low <= v <= high], "showgrid": True, "gridcolor": GRID},
        title_text="number (log scale)",
        tickangle=0,
        showgrid=True,
        gridcolor=GRID,
    )
    category_axis(figure, "y", [wrap(name, 24) for name in rows[category]])
    return figure
