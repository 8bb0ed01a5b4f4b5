"""A measure's unit and title where nobody has declared them, worked out from what the publisher gives.

The unit comes first from the figures themselves: where a file gives a value with its count and denominator
(Fingertips does), the value is count / denominator times 100, 1,000, 10,000 or 100,000, and that says the unit.
Else from the publisher's naming (`_percent`, `pt_`, `per 10,000`, `avg_`, `_rate`, `count`, `number` ...),
else a measure whose every figure is a whole number is a count. What cannot be told is `number`: a figure shown
as published, with no unit claimed. Every inferred unit is marked so in the indicators table, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

WORDS = {
    "count": "a count",
    "percent": "a percentage",
    "per_1000": "a rate per 1,000",
    "per_10000": "a rate per 10,000",
    "per_100000": "a rate per 100,000",
    "score": "a score or average",
    "number": "a number, as published",
}
MULTIPLIERS = {100: "percent", 1_000: "per_1000", 10_000: "per_10000", 100_000: "per_100000"}
TOLERANCE = 0.02  # how far the figures' median multiplier may be from one of MULTIPLIERS
NAMED = [  # (pattern in the measure's id and name, unit), first match wins
    (r"per[ _]?100,?000|per_?100k", "per_100000"),
    (r"per[ _]?10,?000|per_?10k", "per_10000"),
    (r"per[ _]?1,?000(?!,?0)|per_?1k", "per_1000"),
    (r"(?:^|_)(?:pt|pc)_|percent|percentage|(?:^|[^a-z])%|proportion", "percent"),
    (r"(?:^|_)avg_|average|score|(?:^|_)mean", "score"),
    (r"(?:^|_| )rate(?:$|_| )", "number"),  # a rate whose base the name does not give
    (r"(?:^|_)t_|count|number|total|headcount|_fte$|episodes|population|estimate", "count"),
]


@dataclass(frozen=True)
class Evidence:
    """What a measure's figures say about its unit."""

    multiplier: float | None  # the median of value / (count / denominator), where all three are given
    whole: bool  # every figure given is a whole number

    @classmethod
    def of(cls, figures: pa.Table, rows: np.ndarray, values: np.ndarray) -> Evidence:
        mine = values[rows]
        given = mine[~np.isnan(mine)]
        whole = bool(len(given)) and bool(np.all(np.equal(np.mod(given, 1), 0)))
        count = figures["count"].take(pa.array(rows)).to_numpy(zero_copy_only=False)
        denominator = figures["denominator"].take(pa.array(rows)).to_numpy(zero_copy_only=False)
        usable = ~np.isnan(mine) & ~np.isnan(count) & ~np.isnan(denominator) & (count > 0) & (denominator > 0)
        multiplier = float(np.median(mine[usable] / (count[usable] / denominator[usable]))) if usable.any() else None
        return cls(multiplier, whole)


@dataclass(frozen=True)
class Inferred:
    unit: str
    reason: str  # "from its name (“pt_overall”)"


def infer(measure: str, name: str, evidence: Evidence | None) -> Inferred:
    """The unit of an undeclared measure, with how it was told."""
    if evidence and evidence.multiplier:
        for multiplier, unit in MULTIPLIERS.items():
            if abs(evidence.multiplier / multiplier - 1) < TOLERANCE:
                return Inferred(unit, f"from its figures (each is {multiplier:,} × count ÷ denominator)")
    text = f"{measure} {name}".lower()
    for pattern, unit in NAMED:
        if re.search(pattern, text):
            return Inferred(unit, f"from its name (“{measure}”)")
    if evidence and evidence.whole:
        return Inferred("count", "from its figures (every one a whole number)")
    return Inferred("number", "as a plain number: neither its name nor its figures say more")


# The DfE's common column abbreviations, in words, for the title of a measure nobody has declared.
ABBREVIATIONS = {
    "pt": "percentage",
    "pc": "percentage",
    "t": "number of",
    "avg": "average",
    "fte": "(full-time equivalent)",
    "cpp": "child protection plans",
    "cla": "children looked after",
    "cin": "children in need",
    "rwm": "reading, writing and maths",
    "gps": "grammar, punctuation and spelling",
    "mat": "maths",
    "read": "reading",
    "writta": "writing (teacher assessed)",
    "scita": "science (teacher assessed)",
    "att8": "Attainment 8",
    "p8score": "Progress 8 score",
    "ebacc": "EBacc",
    "pa": "persistently absent",
    "sess": "sessions",
    "inp8calc": "in Progress 8",
    "l2basics": "English and maths",
}


def title(name: str, format: str) -> str:
    """A readable title for a measure nobody declared: a DfE column name in words ("pt_rwm_met_expected_standard"
    -> "Percentage reading, writing and maths met expected standard"); other publishers' names as they are."""
    if format != "dfe_ees" or " " in name:
        return name
    words = [ABBREVIATIONS.get(part.lower(), part.lower()) for part in name.split("_") if part]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
