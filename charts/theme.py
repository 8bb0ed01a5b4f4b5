"""The one visual theme: colour-blind-safe colours, readable type, and how each area is drawn.

Colours come from the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies. Bromley
is always the same strong blue; comparators are muted greys that also differ in line dash and marker shape,
so no comparison depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

BLUE, ORANGE, GREEN, PINK, SKY, VERMILLION, YELLOW, BLACK = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
CATEGORICAL = [BLUE, ORANGE, GREEN, PINK, SKY, VERMILLION, "#7F7F7F", YELLOW]
BETTER, WORSE, NEUTRAL = BLUE, VERMILLION, "#6E6E6E"
TEXT, MUTED_TEXT, GRID = "#1A1A1A", "#595959", "#E3E6EA"
PROJECTION_SHADE = "rgba(86, 180, 233, 0.12)"
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
BROMLEY = "E09000006"


@dataclass(frozen=True)
class AreaStyle:
    colour: str
    dash: str
    symbol: str
    width: float
    order: int  # Bromley first in legends


AREA_STYLES = {
    "E09000006": AreaStyle(BLUE, "solid", "circle", 4, 0),  # Bromley
    "E12000007": AreaStyle("#8C8C8C", "dash", "square", 2.5, 1),  # London
    "E92000001": AreaStyle("#4D4D4D", "dot", "diamond", 2.5, 2),  # England
    "national": AreaStyle("#6E6E6E", "dashdot", "triangle-up", 2.5, 3),  # national, geography not stated
    "K04000001": AreaStyle("#4D4D4D", "longdash", "diamond-wide", 2.5, 4),  # England and Wales
}
DEFAULT_AREA = AreaStyle("#A6A6A6", "dash", "x", 2, 9)


def area_style(area_code: str) -> AreaStyle:
    return AREA_STYLES.get(area_code, DEFAULT_AREA)


def register() -> str:
    """Register the plotly template 'borough' (idempotent) and return its name."""
    template = go.layout.Template()
    template.layout = go.Layout(
        font={"family": FONT, "size": 16, "color": TEXT},
        title={"font": {"size": 21, "color": TEXT}, "x": 0, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        separators=".,",
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=CATEGORICAL,
        margin={"l": 10, "r": 24, "t": 70, "b": 40},
        hoverlabel={"font": {"family": FONT, "size": 15}, "bgcolor": "white"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "font": {"size": 15}, "title": {"text": ""}},
        xaxis={
            "showgrid": False,
            "linecolor": "#8C8C8C",
            "ticks": "outside",
            "tickcolor": "#8C8C8C",
            "automargin": True,
        },
        yaxis={
            "gridcolor": GRID,
            "zeroline": False,
            "linecolor": "#8C8C8C",
            "automargin": True,
            "rangemode": "tozero",
            "tickformat": ",~r",
        },
    )
    pio.templates["borough"] = template
    return "borough"


TEMPLATE = register()
