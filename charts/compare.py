"""Bromley against its comparators: horizontal bars, Bromley in its blue, comparators grey and hatched."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, hover, label, wrap, y_title
from charts.theme import area_style

PATTERNS = {"E09000006": "", "E12000007": "/", "E92000001": ".", "national": "x", "K04000001": "-"}


def comparison_bars(frame: pd.DataFrame, *, title: str, height: int | None = None) -> go.Figure:
    """One value per area, Bromley on top, each bar labelled with its value; the axis starts at zero."""
    rows = frame.assign(order=frame["area_code"].map(lambda c: area_style(c).order)).sort_values(
        "order", ascending=False
    )
    figure = base_figure(title, height=height or 150 + 62 * len(rows))
    figure.add_trace(
        go.Bar(
            x=rows["value"],
            y=[wrap(name, 14) for name in rows["area_name"]],
            orientation="h",
            marker={
                "color": [area_style(c).colour for c in rows["area_code"]],
                "pattern": {"shape": [PATTERNS.get(c, "") for c in rows["area_code"]], "fgcolor": "white", "size": 8},
            },
            text=[label(r) for _, r in rows.iterrows()],
            textposition="outside",
            textfont={"size": 16},
            hovertemplate=[hover(r, r["area_name"]) for _, r in rows.iterrows()],
            cliponaxis=False,
        )
    )
    top = rows["value"].max()
    figure.update_xaxes(
        title_text=y_title(rows), range=[0, top * 1.35], tickformat=",~r", showgrid=True, gridcolor="#E3E6EA"
    )
    figure.update_yaxes(title_text="", showgrid=False)
    figure.update_layout(showlegend=False, bargap=0.35)
    return figure
