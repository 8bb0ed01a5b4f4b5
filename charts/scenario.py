"""A "what if" scenario beside the published figures it starts from: one panel a measure (their sizes differ a
hundredfold), the scenario dashed with open circles and named "Scenario" in the legend, hover and label, the
published figures solid with filled diamonds, so the two never read as one series, in colour or without it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.common import inert
from charts.theme import BLUE, TEMPLATE, VERMILLION, text_colour
from insight.format import STATUS_WORDS, format_value

PUBLISHED_NAME, SCENARIO_NAME = "Published figure", "Scenario (not published)"
PANEL_HEIGHT = 190


def _hover(who: str, row: pd.Series, status: str) -> str:
    return f"<b>{who}</b><br>{row['period']}: {format_value(row['value'], 'count')}<br><i>{status}</i><extra></extra>"


def scenario_chart(frame: pd.DataFrame, published: pd.DataFrame, *, title: str) -> go.Figure:
    """Panels of `frame`'s measures (insight.scenario rows, in their order), each with its `published` figures
    (observed solid, a published projection as an open diamond) and the scenario continuing dashed from the
    newest published figure it starts from."""
    measures = list(dict.fromkeys(frame["measure"]))
    titles = dict(zip(frame["measure"], frame["measure_title"], strict=False))
    figure = make_subplots(rows=len(measures), cols=1, shared_xaxes=True, vertical_spacing=0.22 / len(measures))
    for row, measure in enumerate(measures, start=1):
        published_of_measure = published[published["measure"] == measure].sort_values("x")
        counted = published_of_measure[published_of_measure["status"] == "observed"]
        figure.add_trace(
            go.Scatter(
                x=counted["x"],
                y=counted["value"],
                name=PUBLISHED_NAME,
                legendgroup="published",
                showlegend=row == 1,
                mode="lines+markers",
                line={"color": BLUE, "width": 3, "dash": "solid"},
                marker={"size": 10, "color": BLUE, "symbol": "diamond"},
                hovertemplate=[_hover(titles[measure], r, STATUS_WORDS["observed"]) for _, r in counted.iterrows()],
            ),
            row=row,
            col=1,
        )
        ahead = published_of_measure[published_of_measure["status"] == "projected"]
        if len(ahead):
            figure.add_trace(
                go.Scatter(
                    x=ahead["x"],
                    y=ahead["value"],
                    name="Published projection",
                    legendgroup="published",
                    showlegend=False,
                    mode="markers",
                    marker={"size": 12, "color": BLUE, "symbol": "diamond-open", "line": {"width": 2}},
                    hovertemplate=[_hover(titles[measure], r, "published projection") for _, r in ahead.iterrows()],
                ),
                row=row,
                col=1,
            )
        path = frame[frame["measure"] == measure].sort_values("x")
        # The dashed line leaves the newest published figure before it (drawn by the published trace), so the
        # scenario's first year reads as a step from it; that point carries no marker of the scenario's.
        before = counted[counted["x"] < path["x"].min()].tail(1)
        xs, ys = [*before["x"], *path["x"]], [*before["value"], *path["value"]]
        last = len(xs) - 1
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                name=SCENARIO_NAME,
                legendgroup=SCENARIO_NAME,
                showlegend=row == 1,
                mode="lines+markers",
                line={"color": VERMILLION, "width": 3, "dash": "dash"},
                marker={
                    "size": [0] * len(before) + [9] * len(path),
                    "color": "white",
                    "symbol": "circle-open",
                    "line": {"width": 2, "color": VERMILLION},
                },
                cliponaxis=False,
                hovertemplate=[""] * len(before)
                + [_hover(titles[measure], r, "scenario, not a published figure") for _, r in path.iterrows()],
                hoverinfo=["skip"] * len(before) + ["all"] * len(path),
            ),
            row=row,
            col=1,
        )
        # Room above the highest value, inside the panel, for the scenario's last value: written in that
        # headroom at the panel's right, never beside the point, where on a phone the dashed line ran through it.
        top = max([*ys, *published_of_measure["value"]])
        figure.update_yaxes(range=[0, top * 1.3], row=row, col=1)
        axis = "y domain" if row == 1 else f"y{row} domain"
        figure.add_annotation(
            text=f"{path['period'].iloc[-1]}: {format_value(round(ys[last]), 'count')} (scenario)",
            xref="x domain" if row == 1 else f"x{row} domain", yref=axis, x=1, y=1, xanchor="right",
            yanchor="top", showarrow=False, font={"color": text_colour(VERMILLION), "size": 13},
        )  # fmt: skip
        figure.add_annotation(
            text=f"<b>{titles[measure]}</b>",
            xref="x domain" if row == 1 else f"x{row} domain",
            yref=axis,
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 14},
        )
    figure.update_layout(
        template=TEMPLATE,
        title={"text": title},
        height=PANEL_HEIGHT * len(measures) + 110,
        # The legend sits at the top right, beside the first panel's name at the left; the export keeps this
        # layout (charts.export: own_layout) rather than moving the legend over the panel's name.
        legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "font": {"size": 13}},
        margin={"t": 90, "r": 16},
        meta={"own_layout": True, "scenario": True},
        hovermode="closest",
    )
    figure.update_yaxes(tickformat=",~r", title_text="")
    figure.update_xaxes(tickformat="%Y", dtick="M60", tickangle=0, ticks="outside", showgrid=False)
    return inert(figure)
