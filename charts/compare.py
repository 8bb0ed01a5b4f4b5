"""The home area against its comparators: horizontal bars, home in its blue, comparators grey and patterned."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, category_axis, hover, label, wrap, y_title
from charts.theme import AREA_PATTERNS, area_style


def comparison_bars(frame: pd.DataFrame, *, title: str, height: int | None = None) -> go.Figure:
    """One value per area, the home area on top, each bar labelled with its value; the axis starts at zero.

    Areas are styled by their role (`area_role`), and every bar has its own row (categories by position, so
    an area named like a number would still get a row of its own)."""
    rows = frame.assign(_order=frame["area_role"].map(lambda r: area_style(r).order)).sort_values("_order")
    figure = base_figure(title, height=height or 150 + 62 * len(rows))
    positions = list(range(len(rows)))
    figure.add_trace(
        go.Bar(
            x=rows["value"],
            y=positions,
            orientation="h",
            marker={
                "color": [area_style(r).colour for r in rows["area_role"]],
                "pattern": {
                    "shape": [AREA_PATTERNS.get(r, "") for r in rows["area_role"]],
                    "fgcolor": "white",
                    "size": 8,
                    "fillmode": "overlay",  # white marks over the bar's colour, whatever the template
                },
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
    category_axis(figure, "y", [wrap(name, 14) for name in rows["area_name"]])
    figure.update_layout(showlegend=False, bargap=0.35)
    return figure
