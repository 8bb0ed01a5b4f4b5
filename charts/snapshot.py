"""Figures the strategy gives as ranges, bounds or approximations, drawn as what they are."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, label, wrap
from charts.theme import BLUE
from insight.format import STATUS_WORDS, format_observation


def ranges(frame: pd.DataFrame, *, title: str, height: int | None = None) -> go.Figure:
    """One row per figure: a range as a bar from its lower to its upper end, an upper bound as a faded bar up
    to the bound with an open end, an approximate value as an open marker; each labelled in words."""
    rows = frame.iloc[::-1]
    figure = base_figure(title, height=height or 150 + 70 * len(rows))
    for _, row in rows.iterrows():
        status = row["status"]
        name, text = wrap(row["title"], 18), label(row)
        hovertext = (
            f"<b>{name}</b><br>{format_observation(row)} ({STATUS_WORDS[status]})<br>{row['period']}<extra></extra>"
        )
        if status == "range":
            bar = {"base": row["lower"], "x": row["upper"] - row["lower"], "opacity": 1.0}
        elif status == "upper_bound":
            bar = {"base": 0, "x": row["value"], "opacity": 0.35}
        else:
            bar = None
        if bar:
            figure.add_trace(
                go.Bar(
                    y=[name],
                    x=[bar["x"]],
                    base=[bar["base"]],
                    orientation="h",
                    marker={"color": BLUE, "opacity": bar["opacity"], "line": {"color": BLUE, "width": 2}},
                    text=[text],
                    textposition="outside",
                    textfont={"size": 16, "color": "#1A1A1A"},
                    hovertemplate=hovertext,
                    showlegend=False,
                    cliponaxis=False,
                )
            )
        else:
            figure.add_trace(
                go.Scatter(
                    y=[name],
                    x=[row["value"]],
                    mode="markers+text",
                    marker={"size": 18, "color": BLUE, "symbol": "circle-open", "line": {"width": 3}},
                    text=[text],
                    textposition="middle right",
                    textfont={"size": 16},
                    hovertemplate=hovertext,
                    showlegend=False,
                    cliponaxis=False,
                )
            )
    top = pd.concat([frame["upper"], frame["value"]]).max()
    figure.update_xaxes(
        range=[0, top * 1.5],
        title_text="children at any one time<br><sup>bar: range · faded: under · circle: about</sup>",
        tickformat=",~r",
        showgrid=True,
        gridcolor="#E3E6EA",
    )
    figure.update_yaxes(title_text="", showgrid=False)
    figure.update_layout(barmode="overlay")
    return figure
