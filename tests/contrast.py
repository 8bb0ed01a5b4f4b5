"""Colour contrast as WCAG 2.2 defines it, and the focus indicator read from computed styles. Pure: no browser.

`contrast_ratio` is WCAG's (L1 + 0.05) / (L2 + 0.05) of relative luminances. Colours come as the browser
computes them ("rgb(0, 114, 178)", "rgba(0, 114, 178, 0.5)", "transparent"), or as hex. A translucent colour is
composited over what is behind it first, since that is what a person sees.

`focus_indicator` takes what the browser read for a focused element and up to a few of its ancestors, each in
its focused and unfocused state, and finds the indicator: whatever of outline, box-shadow, border or background
changes when the element takes focus (WCAG 2.2, 1.4.11 Non-text Contrast, applied to the focus indicator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WHITE = (255.0, 255.0, 255.0, 1.0)
MINIMUM = 3.0  # WCAG 1.4.11: user interface components and their states, against adjacent colours

RGBA = tuple[float, float, float, float]
_FUNCTION = re.compile(r"rgba?\(\s*([^)]*)\)", re.IGNORECASE)
_SRGB = re.compile(r"color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*/\s*([\d.]+%?))?\s*\)")
_NAMED = {"transparent": (0.0, 0.0, 0.0, 0.0), "white": WHITE, "black": (0.0, 0.0, 0.0, 1.0)}
_LENGTH = re.compile(r"^(-?[\d.]+)(px)?$")


def parse_color(css: str) -> RGBA:
    """A CSS colour as (r, g, b, alpha), channels 0-255 and alpha 0-1: hex (#rgb, #rgba, #rrggbb, #rrggbbaa),
    rgb()/rgba() in comma or space syntax (percent alpha too), color(srgb ...), or transparent, white, black.
    Anything else (oklch(), a named colour) raises ValueError."""
    text = css.strip().lower()
    if text in _NAMED:
        return _NAMED[text]
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9a-f]+", digits):
            raise ValueError(f"not a hex colour: {css!r}")
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return (float(channels[0]), float(channels[1]), float(channels[2]), alpha)
    srgb = _SRGB.fullmatch(text)
    if srgb:  # color(srgb r g b / a), channels 0-1: how Chromium computes a colour given that way
        r, g, b = (float(srgb.group(i)) * 255 for i in (1, 2, 3))
        alpha = srgb.group(4)
        return (r, g, b, 1.0 if alpha is None else float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha))
    match = _FUNCTION.fullmatch(text)
    if not match:
        raise ValueError(f"not a colour this helper reads: {css!r}")
    parts = [p for p in re.split(r"[\s,/]+", match.group(1).strip()) if p]
    if len(parts) not in (3, 4):
        raise ValueError(f"not a colour this helper reads: {css!r}")
    r, g, b = (float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3])
    alpha = 1.0
    if len(parts) == 4:
        alpha = float(parts[3][:-1]) / 100 if parts[3].endswith("%") else float(parts[3])
    return (r, g, b, alpha)


def composite(top: RGBA, under: RGBA) -> RGBA:
    """`top` painted over `under` (source-over); opaque when `under` is."""
    alpha = top[3] + under[3] * (1 - top[3])
    if alpha == 0:
        return (0.0, 0.0, 0.0, 0.0)
    mix = [(top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / alpha for i in range(3)]
    return (mix[0], mix[1], mix[2], alpha)


def flatten(layers: list[str], base: RGBA = WHITE) -> RGBA:
    """The colour seen through `layers` (CSS colours, innermost first, as read walking up the page) over `base`."""
    seen = base
    for layer in reversed(layers):
        seen = composite(parse_color(layer), seen)
    return seen


def relative_luminance(color: RGBA) -> float:
    """WCAG 2.2's relative luminance of an opaque sRGB colour (alpha is ignored: composite first)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(color[i]) for i in range(3))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: RGBA | str, background: RGBA | str = WHITE) -> float:
    """WCAG's contrast ratio, 1 to 21. A translucent foreground is composited over the background first; the
    background is taken over white if it is translucent itself."""
    back = parse_color(background) if isinstance(background, str) else background
    fore = parse_color(foreground) if isinstance(foreground, str) else foreground
    back = composite(back, WHITE)
    fore = composite(fore, back)
    lighter, darker = sorted((relative_luminance(fore), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hex_of(color: RGBA) -> str:
    """#RRGGBB, with the alpha as a percentage when it is not opaque."""
    text = "#" + "".join(f"{round(c):02X}" for c in color[:3])
    return text if color[3] >= 0.999 else f"{text} at {color[3]:.0%}"


# --- box-shadow ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shadow:
    color: RGBA
    x: float
    y: float
    blur: float
    spread: float
    inset: bool

    @property
    def visible(self) -> bool:
        return self.color[3] > 0 and (self.spread > 0 or self.blur > 0 or self.x != 0 or self.y != 0)

    @property
    def width(self) -> float:
        """How far it reaches beyond the box: its spread, or else its blur or offset."""
        return max(self.spread, self.blur, abs(self.x), abs(self.y))


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def parse_box_shadow(css: str) -> list[Shadow]:
    """Computed box-shadows ("rgba(0, 114, 178, 0.5) 0px 0px 0px 3.2px, ..." or "none"), in order."""
    if css.strip() in ("", "none"):
        return []
    shadows = []
    for part in _split_top_level(css):
        color_match = re.search(r"rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}\b|\btransparent\b", part)
        color = parse_color(color_match.group(0)) if color_match else (0.0, 0.0, 0.0, 1.0)
        rest = part[: color_match.start()] + part[color_match.end() :] if color_match else part
        words = rest.split()
        lengths = [float(m.group(1)) for w in words if (m := _LENGTH.match(w))]
        lengths += [0.0] * (4 - len(lengths))
        shadows.append(Shadow(color, lengths[0], lengths[1], lengths[2], lengths[3], "inset" in words))
    return shadows


def px(css: str) -> float:
    """A computed length in px ("3.2px" -> 3.2); 0 for anything else."""
    match = _LENGTH.match(css.strip())
    return float(match.group(1)) if match else 0.0


# --- the focus indicator ------------------------------------------------------------------------------------------

OUTLINE = ("outlineStyle", "outlineWidth", "outlineColor", "outlineOffset")
SIDES = ("Top", "Right", "Bottom", "Left")


@dataclass(frozen=True)
class Indicator:
    """One visible change on focus: what it is, how thick, its colour, what it is seen against, and the ratio."""

    kind: str  # outline, box-shadow, border, background
    node: str  # which node of the chain carries it: "the element" or "its parent", ...
    width: float
    color: RGBA
    against: RGBA
    ratio: float

    def describe(self) -> str:
        where = "" if self.node == "the element" else f" on {self.node}"
        size = f" {self.width:g}px" if self.kind != "background" else ""
        return f"{self.kind}{size} {hex_of(self.color)}{where}: {self.ratio:.2f}:1 against {hex_of(self.against)}"


NODE_NAMES = ["the element", "its parent", "its grandparent", "its great-grandparent"]


def _node_name(index: int) -> str:
    return NODE_NAMES[index] if index < len(NODE_NAMES) else f"its ancestor {index} levels up"


def _indicators_of(index: int, focused: dict, unfocused: dict, behind: list[str]) -> list[Indicator]:
    """What changed on one node between its unfocused and focused styles, each with its contrast."""
    name = _node_name(index)
    outside = flatten(behind)  # what is around the node: the page behind its parent, and so on up
    inside = composite(parse_color(focused.get("backgroundColor", "transparent")), outside)
    found = []

    def add(kind: str, width: float, color: RGBA, against: RGBA) -> None:
        seen = composite(color, against)
        found.append(Indicator(kind, name, width, seen, against, contrast_ratio(seen, against)))

    drawn = focused.get("outlineStyle", "none") not in ("none", "hidden") and px(focused.get("outlineWidth", "0")) > 0
    if drawn and any(focused.get(k) != unfocused.get(k) for k in OUTLINE):
        against = inside if px(focused.get("outlineOffset", "0")) < 0 else outside
        add("outline", px(focused["outlineWidth"]), parse_color(focused["outlineColor"]), against)
    if focused.get("boxShadow", "none") != unfocused.get("boxShadow", "none"):
        for shadow in parse_box_shadow(focused.get("boxShadow", "none")):
            if shadow.visible:
                add("box-shadow", shadow.width, shadow.color, inside if shadow.inset else outside)
    for side in SIDES:
        keys = (f"border{side}Color", f"border{side}Width", f"border{side}Style")
        width = px(focused.get(keys[1], "0"))
        drawn = width > 0 and focused.get(keys[2], "none") not in ("none", "hidden")
        if drawn and any(focused.get(k) != unfocused.get(k) for k in keys):
            add("border", width, parse_color(focused[keys[0]]), outside)
            break
    if focused.get("backgroundColor") != unfocused.get("backgroundColor"):
        add("background", 0.0, inside, outside)
    return found


def focus_indicator(chain: list[dict]) -> Indicator | None:
    """The strongest focus indicator on a focused element or its nearest ancestors, or None if nothing visible
    changes on focus.

    `chain` holds the element first, then its ancestors; each entry has `focused` and `unfocused` (computed
    styles: outline*, boxShadow, border<Side>Color/Width/Style, backgroundColor) and `behind` (the background
    colours of its ancestors, nearest first, as computed; white is assumed under them all). An outline or
    shadow drawn outside the box is seen against what is behind the node; a background change against the same.
    A style that is there whether or not the element has focus does not indicate focus, so it is not counted.
    """
    found = [
        indicator
        for index, node in enumerate(chain)
        for indicator in _indicators_of(index, node["focused"], node["unfocused"], node["behind"])
    ]
    return max(found, key=lambda i: (i.ratio, i.width), default=None)
