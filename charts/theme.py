"""The one visual theme: colour-blind-safe colours, readable type, and how each area is drawn.

Colours come from the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies. Bromley
is always the same strong blue; comparators are muted greys that also differ in line dash and marker shape,
so no comparison depends on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from insight.areas import HOME_ROLE

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
TEXT, MUTED_TEXT, GRID = "#1A1A1A", "#595959", "#E3E6EA"
PROJECTION_SHADE = "rgba(86, 180, 233, 0.12)"
FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
# Text drawn in a series' colour (data labels) needs 4.5:1 on white; the lighter Okabe-Ito hues do not have it,
# so their text takes a darker shade of the same hue (contrast ratios on white in the comments).
TEXT_SHADES = {
    ORANGE: "#8F4A00",  # 2.2 -> 6.7
    GREEN: "#00664A",  # 3.4 -> 7.0
    PINK: "#8E3A6E",  # 3.1 -> 7.1
    SKY: "#1F6E99",  # 2.3 -> 5.6
    VERMILLION: "#A34700",  # 3.9 -> 6.1
    YELLOW: "#595959",  # 1.3 -> 7.0 (yellow text is unreadable on white: grey)
    "#8C8C8C": "#595959",  # 3.4 -> 7.0
    "#7F7F7F": "#595959",  # 4.0 -> 7.0
    "#A6A6A6": "#595959",  # 2.4 -> 7.0
}


def text_colour(colour: str) -> str:
    """The colour to write a label in beside a mark of `colour`: the same hue, dark enough to read (4.5:1)."""
    return TEXT_SHADES.get(colour, colour)


@dataclass(frozen=True)
class AreaStyle:
    colour: str
    dash: str
    symbol: str
    width: float
    order: int  # Bromley first in legends


# Styles by the area's role (the `role` column of the areas table), never by its code.
AREA_STYLES = {
    HOME_ROLE: AreaStyle(BLUE, "solid", "circle", 4, 0),  # the borough the dashboard is about
    "region": AreaStyle("#8C8C8C", "dash", "square", 2.5, 1),  # London
    "country": AreaStyle("#4D4D4D", "dot", "diamond", 2.5, 2),  # England
    "national": AreaStyle("#6E6E6E", "dashdot", "triangle-up", 2.5, 3),  # national, geography not stated
    "countries": AreaStyle("#4D4D4D", "longdash", "diamond-wide", 2.5, 4),  # England and Wales
}
DEFAULT_AREA = AreaStyle("#A6A6A6", "dash", "x", 2, 9)
# Bars of comparators also differ by a fill pattern, so no comparison rests on colour alone.
AREA_PATTERNS = {HOME_ROLE: "", "region": "/", "country": ".", "national": "x", "countries": "-"}


def area_style(role: object) -> AreaStyle:
    """How an area is drawn, by its role (home, region, country, countries, national; any other area muted)."""
    return AREA_STYLES.get(role, DEFAULT_AREA) if isinstance(role, str) else DEFAULT_AREA


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
