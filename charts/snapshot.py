"""Figures the strategy gives as ranges, bounds or approximations, drawn as what they are.

A range is a bar from its lower to its upper end. A bound is never a bar (a bar from zero to 350 reads as
350): it is a mark at the bound with an arrow pointing the way the value lies ("under 350": left). An
approximate value is an open circle. A key in readable type says which is which.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, category_axis, label, wrap
from charts.theme import BLUE, GRID, TEXT
from insight.format import STATUS_WORDS, format_observation

KEY = {
    "range": "Range: the number lies between the ends",
    "upper_bound": "Upper bound: the number is below the mark",
    "lower_bound": "Lower bound: the number is above the mark",
    "point": "About, or as published: one value",
}
ARROW_SHARE = 0.12  # an arrow's length, as a share of the axis


def ranges(frame: pd.DataFrame, *, title: str, height: int | None = None) -> go.Figure:
    """One row per figure, first at the top, each labelled in words (800 to 950, under 350, about 200)."""
    rows = frame.reset_index(drop=True)
    figure = base_figure(title, height=height or 210 + 72 * len(rows))
    top = pd.concat([rows["upper"], rows["value"], rows["lower"]]).max() * 1.45
    arrow = top * ARROW_SHARE
    keyed: set[str] = set()
    for position, row in rows.iterrows():
        status = row["status"]
        name = wrap(row["title"], 18)
        hovertext = (
            f"<b>{name}</b><br>{format_observation(row)} ({STATUS_WORDS[status]})<br>{row['period']}<extra></extra>"
        )
        kind = status if status in ("range", "upper_bound", "lower_bound") else "point"
        common = {"hovertemplate": hovertext, "legendgroup": kind, "name": KEY[kind], "cliponaxis": False}
        common["showlegend"] = kind not in keyed
        keyed.add(kind)
        if kind == "range":
            figure.add_trace(
                go.Bar(
                    y=[position],
                    x=[row["upper"] - row["lower"]],
                    base=[row["lower"]],
                    orientation="h",
                    width=0.5,
                    marker={"color": BLUE, "line": {"color": BLUE, "width": 2}},
                    text=[label(row)],
                    textposition="outside",
                    textfont={"size": 16, "color": TEXT},
                    **common,
                )
            )
        elif kind in ("upper_bound", "lower_bound"):
            bound = row["upper"] if kind == "upper_bound" else row["lower"]
            towards = -1 if kind == "upper_bound" else 1
            figure.add_trace(
                go.Scatter(
                    y=[position, position],
                    x=[bound, bound + towards * arrow],
                    mode="lines+markers",
                    line={"color": BLUE, "width": 3, "dash": "dot"},
                    marker={
                        "symbol": ["line-ns-open", "triangle-left" if towards < 0 else "triangle-right"],
                        "size": [26, 16],
                        "color": BLUE,
                        "line": {"color": BLUE, "width": 3},
                    },
                    **common,
                )
            )
            figure.add_annotation(
                x=bound, y=position, text=label(row), showarrow=False, xanchor="left" if towards < 0 else "right",
                xshift=14 * -towards, font={"size": 16, "color": TEXT},
            )  # fmt: skip
        else:
            figure.add_trace(
                go.Scatter(
                    y=[position],
                    x=[row["value"]],
                    mode="markers+text",
                    marker={"size": 18, "color": BLUE, "symbol": "circle-open", "line": {"width": 3}},
                    text=[label(row)],
                    textposition="middle right",
                    textfont={"size": 16, "color": TEXT},
                    **common,
                )
            )
    figure.update_xaxes(
        range=[0, top], title_text="children at any one time", tickformat=",~r", showgrid=True, gridcolor=GRID
    )
    category_axis(figure, "y", [wrap(title, 18) for title in rows["title"]])
    figure.update_layout(
        barmode="overlay",
        showlegend=True,
        legend={
            "orientation": "h",
            "y": 1.02,
            "yanchor": "bottom",
            "x": 0,
            "font": {"size": 16},
            "traceorder": "normal",
        },
    )
    return figure
