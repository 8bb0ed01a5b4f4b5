"""Where the home area sits among the other authorities: a strip of dots per group of authorities.

Every authority is a small open grey circle; the authorities the analyst chose are filled diamonds; the home area
is a large blue circle with its value written beside it; England's and the region's figures are vertical lines
in their own dash, and a group's average a thick black upright bar on its own strip only. Shape, fill, size and dash tell
them apart, so nothing rests on colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, category_axis, hover, inert, label, wrap, y_title
from charts.theme import BLUE, MUTED_TEXT, ORANGE, area_style

OTHERS = "#8C8C8C"
LANES = 3  # neighbouring values are spread over this many rows of a strip, so close dots stay apart
LANE_STEP = 0.14  # the distance between two lanes, in strips (a strip is 1 high)
LINE_DASHES = ("dot", "dash", "dashdot")  # the comparators' lines, nearest first; each its own dash
AVERAGE_COLOUR = "#000000"  # a group's average: black, and a bar where the areas' figures are dashed lines
HEADROOM = 0.45  # strips of room above the first strip, so the home area's label stays inside the plot
LABEL_ABOVE = 0.36  # the home area's value is written this far above its dot, clear of the lanes


def lanes(values: pd.Series) -> pd.Series:
    """A vertical offset per authority: in order of value, the first in the middle lane, the next above, the next
    below, and round again, so dots close in value are drawn apart."""
    order = values.rank(method="first").fillna(0).astype(int)
    return (order % LANES - (LANES // 2)) * LANE_STEP


def strip(
    rows: pd.DataFrame,
    groups: list[tuple[str, list[str]]],
    *,
    home: str,
    chosen: list[str],
    lines: list[str],
    averages: list[tuple[int, str, float]] = (),
    title: str = "",
) -> go.Figure:
    """`rows`: one enriched row per area (its `area_code`, `area_name`, `area_role`, value ...). `groups`: a label
    and the member codes of each strip, top first. `chosen`: the authorities drawn as diamonds. `lines`: the
    codes of the areas drawn as vertical lines (the region, the country), where `rows` has them. `averages`: the
    strip, name and value of each group average, drawn across its strip only."""
    by_code = rows.drop_duplicates("area_code").set_index("area_code", drop=False)
    figure = base_figure(title, height=190 + 130 * len(groups))  # a phone's legend takes several lines
    # The lines first, so the dots are drawn over them; listed last in the legend.
    for code, dash in zip(lines, LINE_DASHES, strict=False):
        if code in by_code.index and pd.notna(by_code.loc[code, "value"]):
            figure.add_trace(_line(by_code.loc[code], len(groups), dash))
    home_row = by_code.loc[home] if home in by_code.index else None
    for position, name, value in averages:
        if home_row is not None:
            figure.add_trace(_average(home_row, position, name, value))
    legend_shown: set[str] = set()
    for position, (_, members) in enumerate(groups):
        present = by_code.loc[[c for c in members if c in by_code.index]]
        present = present[present["value"].notna()]
        offsets = lanes(present["value"]).where(present["area_code"] != home, 0.0)  # home on the strip's spine
        kinds = [
            ("Other authorities", present[~present["area_code"].isin([home, *chosen])], _OTHERS),
            (
                "Chosen authorities",
                present[present["area_code"].isin(chosen) & (present["area_code"] != home)],
                _CHOSEN,
            ),
            (None, present[present["area_code"] == home].head(1), _HOME),
        ]
        for name, part, marker in kinds:
            if part.empty:
                continue
            trace = _markers(part, position + offsets.loc[part.index], marker)
            trace.name = name or part["area_name"].iloc[0]
            trace.showlegend = trace.name not in legend_shown
            trace.legendgroup = trace.name
            legend_shown.add(trace.name)
            figure.add_trace(trace)
            if marker is _HOME:
                _home_label(figure, part.iloc[0], position)
    category_axis(figure, "y", [wrap(label_, 12) for label_, _ in groups])  # broken over lines: room on a phone
    figure.update_yaxes(range=[len(groups) - 0.5, -0.5 - HEADROOM])  # room above the top strip for its label
    figure.update_xaxes(
        title_text=y_title(rows), rangemode="tozero", tickformat=",~r", showgrid=True, gridcolor="#E3E6EA"
    )
    figure.update_layout(hovermode="closest", legend={"traceorder": "normal"})
    return inert(figure)


# How each kind of authority is marked: others faint and open, the chosen ones orange diamonds, home a large dot.
_OTHERS = {"symbol": "circle-open", "size": 9, "color": OTHERS, "line": {"width": 1.5}}
_CHOSEN = {"symbol": "diamond", "size": 12, "color": ORANGE, "line": {"width": 1, "color": "#5C3B00"}}
_HOME = {"symbol": "circle", "size": 20, "color": BLUE, "line": {"width": 2, "color": "white"}}


def _markers(part: pd.DataFrame, y: pd.Series, marker: dict) -> go.Scatter:
    """One kind of authority as markers at their values, each with its hover."""
    return go.Scatter(
        x=part["value"],
        y=y,
        mode="markers",
        cliponaxis=False,  # a figure of 0 sits on the axis whole, not cut in half
        marker=marker,
        hovertemplate=[hover(r, r["area_name"]) for _, r in part.iterrows()],
    )


def _home_label(figure: go.Figure, row: pd.Series, position: int) -> None:
    """The home area's name and value above its strip, on a white ground so no dot runs through the words."""
    figure.add_annotation(
        x=row["value"],
        y=position - LABEL_ABOVE,
        text=f"<b>{row['area_name']}</b> {label(row)}",
        showarrow=True,
        arrowcolor=BLUE,
        ax=0,
        ay=-18,
        yanchor="bottom",
        font={"size": 16, "color": BLUE},
        bgcolor="rgba(255, 255, 255, 0.9)",
    )


def _average(home_row: pd.Series, position: int, name: str, value: float) -> go.Scatter:
    """A group's average as an upright bar on its own strip (a shape no area's line has: lines may lie at the same
    value), named with its value (in the home area's unit) in the legend."""
    row = home_row.copy()
    row["value"], row["status"], row["source_kind"], row["area_name"] = value, "derived", "average", name
    return go.Scatter(
        x=[value],
        y=[position],
        mode="markers",
        cliponaxis=False,  # a figure of 0 sits on the axis whole, not cut in half
        marker={"symbol": "line-ns", "size": 44, "line": {"width": 4, "color": AVERAGE_COLOUR}},
        name=f"{name}: {label(row)}",
        legendrank=1500,
        hovertemplate=[hover(row, name)],
    )


def _line(row: pd.Series, strips: int, dash: str) -> go.Scatter:
    """A comparator's figure as a vertical line across every strip, named with its value in the legend."""
    style = area_style(row.get("area_role"))
    return go.Scatter(
        x=[row["value"], row["value"]],
        y=[-0.5, strips - 0.5],
        mode="lines",
        line={
            "color": style.colour if row.get("area_role") in ("region", "country") else MUTED_TEXT,
            "dash": dash,
            "width": 2,
        },
        name=f"{row['area_name']}: {label(row)}",
        legendrank=2000,
        hovertemplate=hover(row, row["area_name"]),
    )
