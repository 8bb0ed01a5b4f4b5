"""A spine chart as a small SVG picture for a table cell: where the home area stands among England's authorities.

Drawn as Fingertips draws it: a bar from the lowest authority to the highest (the middle half darker), England's
value as a black line, the statistical neighbours' average as a hollow diamond, and the home area as a dot: blue
where it is better than England, orange where worse, grey where no polarity is declared (colour-blind safe, and
the verdict is also written beside it, never by colour alone). Where a polarity is declared the better end is on
the right; otherwise the higher. The picture is an image with its whole content as alternative text.
"""

from __future__ import annotations

import base64
from html import escape

from charts.theme import BLACK, BLUE, ORANGE
from insight.spine import Spine

WIDTH, HEIGHT, PAD = 180, 24, 8
RANGE, MIDDLE, NO_VERDICT = "#D9D9D9", "#9E9E9E", "#595959"


def svg(spine: Spine) -> str:
    """The picture's SVG text."""
    low, high = spine.values[0], spine.values[-1]
    span = (high - low) or 1.0
    flip = spine.polarity == "lower_is_better"

    def x(value: float) -> float:
        share = (value - low) / span
        return round(PAD + (1 - share if flip else share) * (WIDTH - 2 * PAD), 1)

    q1, _, q3 = spine.quartiles
    left, right = sorted((x(q1), x(q3)))
    parts = [
        f'<rect x="{PAD}" y="9" width="{WIDTH - 2 * PAD}" height="6" fill="{RANGE}"/>',
        f'<rect x="{left}" y="9" width="{max(right - left, 1)}" height="6" fill="{MIDDLE}"/>',
    ]
    if spine.england is not None:
        ex = x(spine.england)
        parts.append(f'<line x1="{ex}" y1="3" x2="{ex}" y2="21" stroke="{BLACK}" stroke-width="2"/>')
    if spine.neighbours is not None:
        nx = x(spine.neighbours)
        parts.append(
            f'<path d="M{nx} 6 L{nx + 5} 12 L{nx} 18 L{nx - 5} 12 Z" fill="white" stroke="{BLACK}" stroke-width="1.5"/>'
        )
    parts.append(
        f'<circle cx="{x(spine.home)}" cy="12" r="6" fill="{colour(spine)}" stroke="white" stroke-width="1.5"/>'
    )
    title = escape(spine.words)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{title}"><title>{title}</title>{"".join(parts)}</svg>'
    )


def colour(spine: Spine) -> str:
    """Blue where the home area is better than England, orange where worse, grey otherwise."""
    if not spine.judged or spine.england is None or spine.home == spine.england:
        return NO_VERDICT
    better = spine.home < spine.england if spine.polarity == "lower_is_better" else spine.home > spine.england
    return BLUE if better else ORANGE


def data_uri(spine: Spine) -> str:
    """The picture as a data URI, for an image in Markdown (a table cell)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(spine).encode("utf-8")).decode("ascii")


def markdown(spine: Spine) -> str:
    """The picture as a Markdown image whose alternative text says all it shows."""
    alt = spine.words.replace("[", "(").replace("]", ")")
    return f"![{alt}]({data_uri(spine)})"
