"""Check that a figure traces to the strategy: its quote is in the text, in its section, and states its value.

Quotes are compared after collapsing runs of whitespace (the text was extracted from a PDF, so line breaks
fall mid-sentence); every other character, curly apostrophes included, must match exactly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s*(million|billion)\b)?", re.I)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
}  # fmt: skip
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.I)
_SCALE = {None: 1, "million": 1e6, "billion": 1e9}


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, so PDF line breaks do not split a quote."""
    return _SPACE.sub(" ", text).strip()


def numbers_in(value_text: str) -> list[float]:
    """The numbers a phrase states, in order: "£83 million" -> [83e6], "250-300" -> [250, 300], "Six" -> [6]."""
    found: list[tuple[int, float]] = []
    for match in _NUMBER.finditer(value_text):
        whole, decimals, scale = match.groups()
        number = float(whole.replace(",", "") + (decimals or ""))
        found.append((match.start(), number * _SCALE[scale.lower() if scale else None]))
    for match in _WORD.finditer(value_text):
        found.append((match.start(), float(_WORDS[match.group(1).lower()])))
    return [number for _, number in sorted(found)]


def decimals_written(value_text: str) -> int:
    """How many decimal places the first number is written with ("8.3%" -> 1, "5%" -> 0)."""
    match = _NUMBER.search(value_text)
    return len(match.group(2)) - 1 if match and match.group(2) else 0


@dataclass(frozen=True)
class Section:
    section_id: str
    title: str
    start: int
    end: int


class StrategyText:
    """The strategy's text with its sections located, for checking quotes."""

    def __init__(self, text: str, markers: dict[str, tuple[str, str]]):
        """`markers` maps a section id to (title, a phrase that occurs once, where the section starts)."""
        self.text = normalise(text)
        starts = []
        for section_id, (title, marker) in markers.items():
            marker = normalise(marker)
            count = self.text.count(marker)
            if count != 1:
                raise ValueError(
                    f'section "{section_id}": its marker "{marker}" occurs {count} times in the text, not once'
                )
            starts.append((self.text.index(marker), section_id, title))
        starts.sort()
        ends = [start for start, _, _ in starts[1:]] + [len(self.text)]
        self.sections = {
            sid: Section(sid, title, start, end) for (start, sid, title), end in zip(starts, ends, strict=True)
        }

    @classmethod
    def from_file(cls, path: Path, markers: dict[str, tuple[str, str]]) -> StrategyText:
        return cls(path.read_text(encoding="utf-8"), markers)

    def quote_problem(self, quote: str, section_id: str | None = None) -> str | None:
        """Why `quote` does not trace to the text (or to its section), or None when it does."""
        wanted = normalise(quote)
        if not wanted:
            return "the quote is empty"
        if wanted != quote.strip():
            return "the quote has line breaks or repeated spaces; write it on one line with single spaces"
        positions = [m.start() for m in re.finditer(re.escape(wanted), self.text)]
        if not positions:
            return f'the quote is not in the strategy text (check every character, including apostrophes): "{_clip(quote)}"'
        if section_id is None:
            return None
        section = self.sections[section_id]
        if not any(section.start <= p and p + len(wanted) <= section.end for p in positions):
            return f'the quote is in the strategy text but not in its section "{section.title}"'
        return None


def value_text_problem(value_text: str, quote: str, values: list[float]) -> str | None:
    """Why `value_text` does not state `values` as written in `quote`, or None when it does."""
    if normalise(value_text) not in normalise(quote):
        return f'the value as written, "{value_text}", is not in the quote'
    stated = numbers_in(value_text)
    expected = sorted(abs(v) for v in values)
    if len(stated) != len(expected) or not all(
        math.isclose(a, b, rel_tol=1e-9) for a, b in zip(sorted(stated), expected, strict=True)
    ):
        shown = ", ".join(_fmt(v) for v in expected) or "no value"
        said = ", ".join(_fmt(v) for v in stated) or "no number"
        return f'the value as written, "{value_text}", says {said} but the row holds {shown}'
    return None


def _fmt(number: float) -> str:
    return f"{number:,.10g}"


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
