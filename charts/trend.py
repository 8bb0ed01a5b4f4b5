"""Trends over time: one line per area (or breakdown), comparators muted, projections dashed in a shaded future."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import base_figure, hover, label, marker_symbol, period_ticks, shade_projection, y_title
from charts.theme import CATEGORICAL, area_style


def trend(
    frame: pd.DataFrame,
    *,
    title: str,
    by: str = "area",
    labels: dict[str, str] | None = None,
    y_label: str | None = None,
    height: int = 420,
) -> go.Figure:
    """Lines over the middle of each period. `by` is "area" (Bromley against comparators), "breakdown" or
    "indicator" (several indicators on one axis, named by `labels`: indicator id -> legend name)."""
    figure = base_figure(title, height=height)
    key = {"area": "area_code", "breakdown": "breakdown", "indicator": "indicator_id"}[by]
    groups = list(
        dict.fromkeys(frame.sort_values("area_code", key=lambda s: s.map(lambda c: area_style(c).order))[key])
    )
    for index, group in enumerate(groups):
        rows = frame[frame[key] == group].dropna(subset=["x"]).sort_values("x")
        who = rows["area_name"].iloc[0] if by == "area" else (labels or {}).get(group, group)
        style = area_style(rows["area_code"].iloc[0])
        colour = style.colour if by == "area" else CATEGORICAL[index % len(CATEGORICAL)]
        symbol = style.symbol if by == "area" else ["circle", "square", "diamond", "triangle-up"][index % 4]
        observed = rows[rows["status"] != "projected"]
        projected = rows[rows["status"] == "projected"]
        # Observed as a solid line; projections continue from the last observed point, dashed.
        for part, dash, show in (
            (observed, style.dash if by == "area" else "solid", True),
            (projected, "dash", observed.empty),
        ):
            if part.empty:
                continue
            points = pd.concat([observed.tail(1), part]) if part is projected and not observed.empty else part
            figure.add_trace(
                go.Scatter(
                    x=points["x"],
                    y=points["value"],
                    name=who,
                    legendgroup=who,
                    showlegend=show,
                    mode="lines+markers+text",
                    line={"color": colour, "width": style.width if by == "area" else 3.5, "dash": dash},
                    marker={
                        "size": 11,
                        "color": colour,
                        "symbol": [marker_symbol(symbol, s) for s in points["status"]],
                        "line": {"width": 2, "color": colour},
                    },
                    # The carried-over last observed point is already labelled by the observed line.
                    text=[
                        label(r) if r["status"] == "projected" or part is observed else "" for _, r in points.iterrows()
                    ],
                    textposition="top center",
                    textfont={"color": colour, "size": 14},
                    hovertemplate=[hover(r, who) for _, r in points.iterrows()],
                    cliponaxis=False,
                )
            )
    projected = frame[frame["status"] == "projected"].dropna(subset=["x"])
    if not projected.empty:
        observed_x = frame[frame["status"] != "projected"]["x"].dropna()
        start = observed_x.max() if not observed_x.empty else projected["x"].min()
        end = pd.to_datetime(projected["period_end"]).max()
        shade_projection(figure, start + (projected["x"].min() - start) / 2, end)
    period_ticks(figure, frame)
    figure.update_yaxes(title_text=y_label or y_title(frame), rangemode="tozero")
    figure.update_layout(showlegend=len(groups) > 1)
    _pad_x(figure, frame)
    return figure


def _pad_x(figure: go.Figure, frame: pd.DataFrame) -> None:
    """Room either side so labels at the first and last point are not clipped."""
    xs = pd.to_datetime(frame["x"].dropna())
    if xs.empty:
        return
    pad = max((xs.max() - xs.min()) * 0.08, pd.Timedelta(days=200))
    figure.update_xaxes(range=[xs.min() - pad, xs.max() + pad])


def steps(frame: pd.DataFrame, *, title: str, order: list[str], height: int = 400) -> go.Figure:
    """Values at periods the strategy gives without dates ('20 years earlier', 'current', '20 years later'),
    in the order given, on a categorical axis: honest about the missing years, still readable as a trend."""
    figure = base_figure(title, height=height)
    rows = frame.set_index("period").loc[order].reset_index()
    style = area_style(rows["area_code"].iloc[0])
    figure.add_trace(
        go.Scatter(
            x=rows["period"],
            y=rows["value"],
            name=rows["area_name"].iloc[0],
            mode="lines+markers+text",
            line={"color": style.colour, "width": style.width},
            marker={"size": 12, "color": style.colour, "symbol": [marker_symbol("circle", s) for s in rows["status"]]},
            text=[label(r) for _, r in rows.iterrows()],
            textposition="top center",
            textfont={"color": style.colour, "size": 14},
            hovertemplate=[hover(r, r["area_name"]) for _, r in rows.iterrows()],
            cliponaxis=False,
        )
    )
    figure.update_xaxes(type="category")
    figure.update_yaxes(title_text=y_title(rows), rangemode="tozero")
    figure.update_layout(showlegend=False)
    return figure
