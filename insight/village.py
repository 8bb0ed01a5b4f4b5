"""A village of 100 (or a class of 30): any counts or shares as whole children, by largest remainder.

Hamilton's method gives every group the whole part of its exact share, then hands the seats still free to the
largest remainders, so the children always add up to the village and no group is more than one child off its
exact share. The arithmetic is done in exact fractions, so a seat is never decided by floating-point noise.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import pandas as pd

Rounded = Literal["up", "down", "exact"]
AUDIT_COLUMNS = ["group", "count", "exact", "remainder", "rounded"]
# Shorter still, for the small multiples' panel titles, which must fit a third of a phone's width.
PANEL_LABELS = {
    "low_income": "low income",
    "free_school_meals": "free school meals",
    "sen_support": "SEN support",
    "workless_household": "workless home",
    "mental_health_support": "mental health support",
}
VILLAGE_SIZE = 100  # the strategy pictures its children as "a village of 100 children"; its counts are of 100

# The strategy's labels are long ("Receive specialist support for their emotional and mental health needs");
# the small multiples title each grid with the short form the strategy's summary uses.
SHORT_LABELS = {
    "low_income": "in low-income families",
    "free_school_meals": "eligible for free school meals",
    "sen_support": "needing SEN support",
    "workless_household": "in a home without an adult in paid employment",
    "mental_health_support": "receiving specialist mental health support",
}


@dataclass(frozen=True)
class VillageCount:
    """One group's whole children, and the exact share they were rounded from (for the audit).

    `exact` and `remainder` are the exact fractions as floats, for showing; `count` and `rounded` were decided
    on the fractions themselves (they differ only for a share below float precision of the total).
    """

    group: Hashable
    count: int
    exact: float  # the group's exact share of the village, e.g. 61.73 of 100
    remainder: float  # exact - floor(exact), what competed for the last seats
    rounded: Rounded  # "exact" when the exact share is already a whole number


def _exact_value(group: Hashable, value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        raise ValueError(f"the share of {group!r} is not a number: {value!r}")
    if math.isnan(value):
        raise ValueError(f"the share of {group!r} is missing (NaN)")
    if math.isinf(value):
        raise ValueError(f"the share of {group!r} is infinite")
    if value < 0:
        raise ValueError(f"the share of {group!r} is negative: {value!r}")
    return Fraction(value)


def apportion(shares: Mapping[Hashable, float], size: int = 100) -> list[VillageCount]:
    """Turn counts or shares (any scale) into whole children of a village of `size`, in the input's order.

    The counts add up to `size`; each is the floor or the ceiling of its exact share; a group with no share gets
    no child; a larger share never gets fewer children than a smaller one.

    Ties: when equal remainders compete for the last seats, the group with the larger exact share goes first,
    then the group earlier in the input. So {"a": 1, "b": 1, "c": 1} into 100 gives 34, 33, 33, and only groups
    with equal shares can swap a seat when the input is reordered.

    Raises ValueError, naming the group, for a share that is negative, NaN, infinite or not a number; and for
    no groups, a total of zero, or a size that is not a whole number of at least 1.
    """
    if isinstance(size, bool) or not isinstance(size, numbers.Integral):
        raise ValueError(f"the village size must be a whole number, not {size!r}")
    if size < 1:
        raise ValueError(f"the village size must be at least 1, not {size}")
    size = int(size)
    items = list(shares.items())
    if not items:
        raise ValueError("there are no groups to share the village between")
    groups = [group for group, _ in items]
    if len(set(groups)) != len(groups):
        twice = next(group for group in groups if groups.count(group) > 1)
        raise ValueError(f"the group {twice!r} appears more than once")
    values = [_exact_value(group, value) for group, value in items]
    total = sum(values, Fraction(0))
    if total == 0:
        raise ValueError("the shares add up to zero, so there is nothing to share the village by")

    exact = [value * size / total for value in values]
    counts = [math.floor(share) for share in exact]
    free = size - sum(counts)
    # Largest remainder first; ties to the larger exact share, then to the earlier group (see the docstring).
    queue = sorted(range(len(exact)), key=lambda i: (-(exact[i] - counts[i]), -exact[i], i))
    for i in queue[:free]:
        counts[i] += 1

    return [
        VillageCount(
            group=group,
            count=count,
            exact=float(share),
            remainder=float(share - math.floor(share)),
            rounded="exact" if share.denominator == 1 else "up" if count > share else "down",
        )
        for group, count, share in zip(groups, counts, exact, strict=True)
    ]


def audit_table(village: Sequence[VillageCount]) -> pd.DataFrame:
    """The rounding as a tidy table (group, count, exact, remainder, rounded), to show how each count was made."""
    rows = [(v.group, v.count, v.exact, v.remainder, v.rounded) for v in village]
    table = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    return table.astype({"count": "int64", "exact": "float64", "remainder": "float64"})
