"""The spine picture: what it draws, where, and in which colour (the verdict is never colour alone: its words
are the picture's alternative text, and the row says it again)."""

from __future__ import annotations

import base64
import re
from html import escape

import pytest

from charts.spine import PAD, WIDTH, data_uri, markdown, svg
from charts.theme import BLUE, ORANGE
from insight.spine import Spine


def make(home: float, polarity: str | None = "lower_is_better", england: float | None = 50.0) -> Spine:
    return Spine("x", "X", "2023/24", "percent", None, polarity, (0.0, 25.0, 50.0, 75.0, 100.0), england, 40.0, 10,
                 home, "Bromley", 2)  # fmt: skip


def x_of(text: str, tag: str, attribute: str) -> float:
    return float(re.search(rf"<{tag}[^>]*\b{attribute}=\"([\d.]+)\"", text).group(1))


def test_lower_is_better_puts_the_lowest_on_the_right_and_a_value_below_england_is_blue():
    picture = svg(make(10.0))
    assert x_of(picture, "circle", "cx") == pytest.approx(WIDTH - PAD - 0.1 * (WIDTH - 2 * PAD), abs=0.05)
    assert f'fill="{BLUE}"' in picture
    assert x_of(picture, "line", "x1") == WIDTH / 2  # England at 50, the middle of 0..100


def test_higher_is_better_and_worse_than_england_is_orange_on_the_left():
    picture = svg(make(10.0, "higher_is_better"))
    assert x_of(picture, "circle", "cx") == pytest.approx(PAD + 0.1 * (WIDTH - 2 * PAD), abs=0.05)
    assert f'fill="{ORANGE}"' in picture


def test_no_declared_polarity_is_grey_and_without_england_no_line():
    assert 'fill="#595959"' in svg(make(10.0, None))
    assert "<line" not in svg(make(10.0, "higher_is_better", england=None))


def test_the_picture_carries_its_words_as_title_and_alternative_text():
    spine = make(10.0)
    assert f"<title>{escape(spine.words)}</title>" in svg(spine)
    assert markdown(spine).startswith(f"![{spine.words}](data:image/svg+xml;base64,")
    assert base64.b64decode(data_uri(spine).split(",", 1)[1]).decode() == svg(spine)
