"""Pieces every chart shares: how a status is drawn, hover and label text, period ticks, the footnote."""

from __future__ import annotations

import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.theme import MUTED_TEXT, PROJECTION_SHADE, TEMPLATE
from insight.format import RATE_BASES, STATUS_WORDS, format_observation, per_base

# A figure's status is drawn by the marker's shape and fill, never by colour alone.
OPEN_STATUSES = {"approximate", "projected", "derived", "estimate", "interpolated"}
BOUND_SYMBOLS = {"lower_bound": "triangle-up", "upper_bound": "triangle-down"}


def marker_symbol(base: str, status: str) -> str:
    if status in BOUND_SYMBOLS:
        return BOUND_SYMBOLS[status]
    return f"{base}-open" if status in OPEN_STATUSES else base


def label(row: pd.Series) -> str:
    """The value printed on the chart: short, with its status in words (about 3,800 · under 350); a rate's unit
    is left to the axis title."""
    return format_observation(row, short=True, bare=True)


def hover(row: pd.Series, who: str) -> str:
    """The figure in full on hover: period, value, status, as written; for a published figure its confidence
    interval, the publisher's comparison and note, and why it is missing where it is."""
    status = "" if row["status"] == "observed" else f"<br><i>{STATUS_WORDS[row['status']]}</i>"
    written = f"<br>as written: “{row['value_text']}”" if isinstance(row.get("value_text"), str) else ""
    extra = ""
    if pd.notna(row.get("lower_ci95")) and pd.notna(row.get("upper_ci95")):
        extra += f"<br>95% confidence interval: {row['lower_ci95']:,.1f} to {row['upper_ci95']:,.1f}"
    if isinstance(row.get("comparison"), str) and isinstance(row.get("compared_with"), str):
        extra += (
            f"<br>{row.get('publisher') or 'publisher'}'s comparison with {row['compared_with']}: {row['comparison']}"
        )
    if isinstance(row.get("suppression_meaning"), str):
        extra += f"<br>not published: {row['suppression_meaning']}"
    if isinstance(row.get("value_note"), str):
        extra += "<br>" + "<br>".join(textwrap.wrap(f"note: {row['value_note']}", 60))
    if isinstance(row.get("quote"), str):
        extra += "<br>" + "<br>".join(textwrap.wrap(f"“{row['quote']}”", 60))
    return f"<b>{who}</b><br>{row['period']}: {format_observation(row)}{status}{written}{extra}<extra></extra>"


# The few tags the charts write themselves (line breaks, bold and italic in hovers, plotly's <extra>): any other
# "<" in a figure's text came from data (an area's name in a release, a title) and is drawn as text, never as markup.
OWN_TAGS = re.compile(r"<(?!/?(?:br|b|i|sup|sub|extra)>)")
TEXT_PROPERTIES = ("name", "text", "hovertext", "hovertemplate", "legendgrouptitle")


def inert(figure: go.Figure) -> go.Figure:
    """`figure` with every "<" that is not one of the charts' own tags written as "&lt;", in trace names, texts
    and hovers, annotations, titles and tick labels: plotly renders a subset of HTML (links among it), so text from
    a published file could otherwise become a link or markup on the chart. Returns the same figure."""
    for trace in figure.data:
        for prop in TEXT_PROPERTIES:
            value = getattr(trace, prop, None) if prop in trace else None
            if isinstance(value, str):
                trace[prop] = _inert(value)
            elif isinstance(value, list | tuple) and any(isinstance(v, str) for v in value):
                trace[prop] = [_inert(v) if isinstance(v, str) else v for v in value]
    layout = figure.layout
    for annotation in layout.annotations or ():
        if isinstance(annotation.text, str):
            annotation.text = _inert(annotation.text)
    if layout.title and isinstance(layout.title.text, str):
        layout.title.text = _inert(layout.title.text)
    for axis in [getattr(layout, name) for name in layout if name.startswith(("xaxis", "yaxis"))]:
        if axis.ticktext:
            axis.ticktext = [_inert(t) if isinstance(t, str) else t for t in axis.ticktext]
    return figure


def _inert(text: str) -> str:
    return OWN_TAGS.sub("&lt;", text)


def base_figure(title: str, *, height: int = 420) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(template=TEMPLATE, title={"text": title}, height=height)
    return figure


# Characters of tick labels, gaps included, that fit a phone's plot width: on a 390 px phone a plot with a value
# axis title is about 260 px wide, and four "2014/15" labels (40 characters) ran together there; three fit.
TICK_ROOM = 34
TICK_GAP = 3  # characters of space between two labels


def period_ticks(figure: go.Figure, frame: pd.DataFrame) -> None:
    """Ticks at the published periods, labelled as published (2019/20, 2015-16), not as calendar dates; in a long
    series, as many evenly spaced ones as fit a phone's width (fewer for longer labels: "2020/21" takes more
    room than "2020"), always the last."""
    ticks = frame.dropna(subset=["x"]).drop_duplicates("period").sort_values("x")
    most = max(2, TICK_ROOM // (ticks["period"].str.len().max() + TICK_GAP)) if len(ticks) else 0
    if len(ticks) > most:
        step = -(-len(ticks) // most)
        ticks = ticks.iloc[sorted({*range(len(ticks) - 1, -1, -step)})]
    figure.update_xaxes(tickvals=list(ticks["x"]), ticktext=list(ticks["period"]), tickangle=0)


def projection_start(observed_ends: list, first_projected_start):
    """Where the shaded future begins, by one rule on every chart: at the end of the newest figure counted before
    the first projection (the end of 2021 for a census year), else where the first projection's period starts.
    (Halfway to the first projection put it at 2026 on one chart and 2031 on another.)"""
    first = pd.Timestamp(first_projected_start)
    before = [pd.Timestamp(end) for end in observed_ends if pd.notna(end) and pd.Timestamp(end) <= first]
    return max(before) if before else first


def shade_projection(figure: go.Figure, start, end) -> None:
    """The future as a shaded band labelled 'projected', so a projection never reads as a count. The label sits at
    the band's foot: its head is where the values of a rising series are labelled (339,000 printed over it)."""
    figure.add_vrect(x0=start, x1=end, fillcolor=PROJECTION_SHADE, line_width=0, layer="below")
    figure.add_annotation(
        x=start,
        xref="x",
        y=0,
        yref="paper",
        text="projected →",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"color": MUTED_TEXT, "size": 14},
    )


def y_title(frame: pd.DataFrame) -> str:
    """The value axis's title from the unit; a rate names its population (per 1,000 live births) when every
    row shares it, else only its base (per 1,000)."""
    row = frame.iloc[0]
    labels = set(frame["unit_label"].dropna()) if "unit_label" in frame else set()
    if row["unit"] in RATE_BASES:
        return labels.pop() if len(labels) == 1 else per_base(row["unit"])
    if row["unit"] == "number":  # a number of something the indicator names (cases per social worker)
        return labels.pop() if len(labels) == 1 else "number"
    return {
        "count": "number",
        "percent": "%",
        "percent_change": "% change",
        "percentage_points": "percentage points",
        "score": "score",
        "gbp": "£",
        "gbp_per_week": "£ a week",
        "rank": "rank",
    }.get(row["unit"], "")


def wrap(text: str, width: int = 22) -> str:
    """Break a long category label over lines, so a half-width chart keeps its room for the bars."""
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def category_axis(figure: go.Figure, axis: str, labels: list[str], *, top_first: bool = True) -> None:
    """Categories drawn at positions 0, 1, 2 ... with their labels as tick text.

    Plotly reads category names that look like numbers ("2013", "2019") as numbers: rows merge, and an
    annotation placed by such a name lands at position 2013. Positions cannot be misread, so every chart of
    categories places its marks and notes by position and names them here. On a vertical axis the first
    category is at the top.
    """
    positions = list(range(len(labels)))
    settings = {
        "tickmode": "array",
        "tickvals": positions,
        "ticktext": labels,
        "range": [len(labels) - 0.5, -0.5] if axis == "y" and top_first else [-0.5, len(labels) - 0.5],
        "showgrid": False,
        "zeroline": False,
        "title_text": "",
        "ticks": "",
    }
    (figure.update_yaxes if axis == "y" else figure.update_xaxes)(**settings)
