"""The contrast maths of the focus-indicator check (tests/contrast.py, used by tests/e2e/audit.py): no browser, quick."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.contrast import (
    composite,
    contrast_ratio,
    flatten,
    focus_indicator,
    hex_of,
    parse_box_shadow,
    parse_color,
    relative_luminance,
)

STREAMLIT_RING = "rgba(0, 114, 178, 0.5) 0px 0px 0px 3.2px"  # the theme's primary colour at half strength


def test_black_on_white_is_21_to_1():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("rgb(255, 255, 255)", "rgb(0, 0, 0)") == pytest.approx(21.0)


def test_767676_on_white_is_the_lightest_grey_for_4_5_to_1():
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777") < 4.5


def test_known_pairs():
    assert contrast_ratio("#0072B2") == pytest.approx(5.19, abs=0.01)  # the theme's primary colour on white
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == 1.0
    assert relative_luminance(parse_color("#FFFFFF")) == pytest.approx(1.0)
    assert relative_luminance(parse_color("#000")) == 0.0


@pytest.mark.parametrize(
    ("css", "rgba"),
    [
        ("rgb(0, 114, 178)", (0, 114, 178, 1)),
        ("rgba(0, 114, 178, 0.5)", (0, 114, 178, 0.5)),
        ("rgb(0 114 178 / 50%)", (0, 114, 178, 0.5)),
        ("#0072B2", (0, 114, 178, 1)),
        ("#0072b280", (0, 114, 178, 128 / 255)),
        ("#fff", (255, 255, 255, 1)),
        ("transparent", (0, 0, 0, 0)),
        ("color(srgb 0 0.5 1 / 0.25)", (0, 127.5, 255, 0.25)),
    ],
)
def test_parse_color(css, rgba):
    assert parse_color(css) == pytest.approx(rgba)


@pytest.mark.parametrize("css", ["oklch(0.5 0.1 200)", "#12345", "rgb(1, 2)", "blue"])
def test_parse_color_refuses_what_it_cannot_read(css):
    with pytest.raises(ValueError):
        parse_color(css)


def test_a_translucent_colour_is_seen_over_what_is_behind_it():
    assert composite(parse_color("rgba(0, 114, 178, 0.5)"), parse_color("#FFFFFF")) == pytest.approx(
        (127.5, 184.5, 216.5, 1)
    )
    assert contrast_ratio("rgba(0, 114, 178, 0.5)") == pytest.approx(2.14, abs=0.01)  # Streamlit's focus ring
    assert contrast_ratio("rgba(157, 173, 190, 0.15)") == pytest.approx(1.12, abs=0.01)  # its link hover tint
    assert hex_of(flatten(["rgba(0, 0, 0, 0)", "rgb(243, 245, 247)", "rgba(0, 0, 0, 0)"])) == "#F3F5F7"
    assert hex_of(flatten([])) == "#FFFFFF"


colours = st.tuples(*[st.integers(0, 255)] * 3).map(lambda c: f"rgb({c[0]}, {c[1]}, {c[2]})")


@given(colours, colours)
def test_contrast_is_symmetric_and_between_1_and_21(a, b):
    ratio = contrast_ratio(a, b)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert ratio == pytest.approx(contrast_ratio(b, a))


def test_parse_box_shadow():
    [ring] = parse_box_shadow(STREAMLIT_RING)
    assert ring.color == pytest.approx((0, 114, 178, 0.5))
    assert (ring.spread, ring.width, ring.inset, ring.visible) == (3.2, 3.2, False, True)
    two = parse_box_shadow("rgb(255, 255, 255) 0px 0px 0px 2px, rgb(26, 26, 26) 0px 0px 0px 4px inset")
    assert [(s.spread, s.inset) for s in two] == [(2.0, False), (4.0, True)]
    assert parse_box_shadow("none") == []
    assert not parse_box_shadow("rgba(0, 0, 0, 0) 0px 0px 0px 3px")[0].visible


NOTHING = {"outlineStyle": "none", "outlineWidth": "0px", "outlineColor": "rgb(26, 26, 26)", "outlineOffset": "0px",
           "boxShadow": "none", "backgroundColor": "rgba(0, 0, 0, 0)"}  # fmt: skip


def node(focused: dict | None = None, unfocused: dict | None = None, behind: list[str] | None = None) -> dict:
    return {"focused": {**NOTHING, **(focused or {})}, "unfocused": {**NOTHING, **(unfocused or {})},
            "behind": behind or []}  # fmt: skip


def test_an_outline_that_appears_on_focus_is_the_indicator():
    outline = {"outlineStyle": "solid", "outlineWidth": "2px", "outlineColor": "rgb(26, 26, 26)"}
    indicator = focus_indicator([node(outline)])
    assert (indicator.kind, indicator.width) == ("outline", 2.0)
    assert indicator.ratio == pytest.approx(contrast_ratio("#1A1A1A"))


def test_a_style_there_with_or_without_focus_is_no_indicator():
    outline = {"outlineStyle": "solid", "outlineWidth": "1px", "outlineColor": "rgb(0, 0, 0)"}
    assert focus_indicator([node(outline, outline)]) is None
    assert focus_indicator([node(), node()]) is None


def test_streamlit_ring_and_tint_fall_short_of_3_to_1():
    ring = focus_indicator([node({"boxShadow": STREAMLIT_RING})])
    assert ring.kind == "box-shadow" and ring.ratio == pytest.approx(2.14, abs=0.01)
    assert "2.14:1 against #FFFFFF" in ring.describe()
    tint = focus_indicator([node({"backgroundColor": "rgba(157, 173, 190, 0.15)"})])
    assert tint.kind == "background" and tint.ratio == pytest.approx(1.12, abs=0.01)


def test_a_wrapper_border_counts_and_the_strongest_indicator_wins():
    border = {f"border{side}{what}": value for side in ("Top", "Right", "Bottom", "Left")
              for what, value in (("Width", "1px"), ("Style", "solid"))}  # fmt: skip
    chain = [
        node({"boxShadow": STREAMLIT_RING}),
        node({**border, "borderTopColor": "rgb(0, 114, 178)"}, {**border, "borderTopColor": "rgba(26, 26, 26, 0.2)"}),
    ]
    indicator = focus_indicator(chain)
    assert (indicator.kind, indicator.node) == ("border", "its parent")
    assert indicator.ratio == pytest.approx(5.19, abs=0.01)


def test_the_background_behind_is_what_the_indicator_is_seen_against():
    outline = {"outlineStyle": "solid", "outlineWidth": "2px", "outlineColor": "rgb(255, 255, 255)"}
    on_dark = focus_indicator([node(outline, behind=["rgba(0, 0, 0, 0)", "rgb(0, 0, 0)"])])
    assert on_dark.ratio == pytest.approx(21.0)
    on_white = focus_indicator([node(outline)])
    assert on_white.ratio == pytest.approx(1.0)
