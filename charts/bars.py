"""Bars for parts of a whole and for counts by category, each bar labelled with its value."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, hover, label, wrap, y_title
from charts.theme import BLUE, CATEGORICAL


def category_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    category: str = "breakdown",
    horizontal: bool = False,
    colour_by: str | None = None,
    text: list[str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """A bar per row, in the frame's order, labelled with the value (or `text`). `colour_by` names a column
    whose values get the categorical colours and a legend; otherwise every bar is Bromley blue."""
    figure = base_figure(title, height=height or (150 + 55 * len(frame) if horizontal else 420))
    groups = list(dict.fromkeys(frame[colour_by])) if colour_by else [None]
    for index, group in enumerate(groups):
        rows = frame if group is None else frame[frame[colour_by] == group]
        labels = text if text is not None and group is None else [label(r) for _, r in rows.iterrows()]
        names = [wrap(c) for c in rows[category]] if horizontal else list(rows[category])
        axis_values = {"x": rows["value"], "y": names} if horizontal else {"x": names, "y": rows["value"]}
        figure.add_trace(
            go.Bar(
                **axis_values,
                orientation="h" if horizontal else "v",
                name=str(group) if group is not None else "",
                marker={"color": BLUE if group is None else CATEGORICAL[index % len(CATEGORICAL)]},
                text=labels,
                textposition="outside",
                constraintext="none",
                textfont={"size": 15},
                hovertemplate=[hover(r, r[category]) for _, r in rows.iterrows()],
                cliponaxis=False,
            )
        )
    top = frame["value"].max() * (1.4 if horizontal else 1.2)
    value_axis = {"title_text": y_title(frame), "range": [0, top], "tickformat": ",~r"}
    if horizontal:
        figure.update_xaxes(**value_axis, showgrid=True, gridcolor="#E3E6EA")
        figure.update_yaxes(autorange="reversed", title_text="")
    else:
        figure.update_yaxes(**value_axis)
        figure.update_xaxes(title_text="", type="category", categoryorder="array", categoryarray=list(frame[category]))
    figure.update_layout(showlegend=colour_by is not None, barmode="group")
    return figure
