"""Gaps between two groups drawn as gaps: a dumbbell per period, the distance between the dots annotated."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, category_axis, hover, label
from charts.theme import BLUE, GRID, ORANGE, text_colour
from insight.format import format_value
from insight.labels import breakdown_words

GROUP_STYLE = {"reference": (BLUE, "diamond"), "group": (ORANGE, "circle")}


def dumbbell(
    frame: pd.DataFrame,
    *,
    title: str,
    group: str,
    reference: str,
    published_gaps: pd.DataFrame | None = None,
    height: int | None = None,
) -> go.Figure:
    """For each period, `group` and `reference` (two breakdowns of one indicator) joined by a line, with the gap
    written above it: the published gap where the strategy states one, else the difference, marked derived.

    Each period is a row of its own, placed by position (periods such as "2013" would otherwise be read as
    numbers by plotly, and two of them could share one row)."""
    periods = list(dict.fromkeys(frame.sort_values("x")["period"]))
    row_of = {period: i for i, period in enumerate(periods)}
    figure = base_figure(title, height=height or 170 + 95 * len(periods))
    unit = frame["unit"].iloc[0]
    for period in periods:
        pair = frame[frame["period"] == period].set_index("breakdown")
        low, high = sorted([pair.loc[group, "value"], pair.loc[reference, "value"]])
        figure.add_trace(
            go.Scatter(
                x=[low, high],
                y=[row_of[period]] * 2,
                mode="lines",
                line={"color": "#B0B0B0", "width": 6},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        gap = pair.loc[reference, "value"] - pair.loc[group, "value"]
        stated = _published_gap(published_gaps, period, group)
        if stated is not None:
            words = f"gap {format_value(abs(stated), 'percentage_points' if unit == 'percent' else unit)} (published)"
        else:
            points = "percentage points" if unit == "percent" else "points"
            words = f"gap {abs(gap):.1f} {points} (derived: {pair.loc[reference, 'value']:g} − {pair.loc[group, 'value']:g})"
        # Its source on a second line: on one, "gap 10 percentage points (published)" ran past a phone's edge.
        figure.add_annotation(
            x=(low + high) / 2, y=row_of[period], text=words.replace(" (", "<br>("), showarrow=False, yshift=34,
            font={"size": 15},
        )  # fmt: skip
    for role, breakdown in (("reference", reference), ("group", group)):
        colour, symbol = GROUP_STYLE[role]
        rows = frame[frame["breakdown"] == breakdown].sort_values("x")
        figure.add_trace(
            go.Scatter(
                x=rows["value"],
                y=[row_of[p] for p in rows["period"]],
                name=breakdown_words(breakdown),
                mode="markers+text",
                marker={"size": 18, "color": colour, "symbol": symbol, "line": {"color": "white", "width": 1.5}},
                text=[label(r) for _, r in rows.iterrows()],
                textposition="bottom center",
                textfont={"color": text_colour(colour), "size": 15},
                hovertemplate=[hover(r, breakdown) for _, r in rows.iterrows()],
                cliponaxis=False,
            )
        )
    values = frame["value"]
    span = max(values.max() - values.min(), 1)
    figure.update_xaxes(
        range=[max(0, values.min() - span * 0.6), values.max() + span * 0.6], showgrid=True, gridcolor=GRID
    )
    category_axis(figure, "y", periods)
    figure.update_yaxes(range=[len(periods) - 0.4, -0.7])  # room above the first row for its gap's note
    figure.update_layout(showlegend=True)
    return figure


def _published_gap(gaps: pd.DataFrame | None, period: str, group: str) -> float | None:
    if gaps is None:
        return None
    match = gaps[(gaps["period"] == period) & (gaps["breakdown"] == group)]
    return float(match["value"].iloc[0]) if len(match) else None
