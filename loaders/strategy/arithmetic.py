"""Check the strategy's own arithmetic: recompute each stated change, sum and share from the figures it uses.

A stated value is rounded as written ("5%" covers 4.5 to 5.5; "8.3%" covers 8.25 to 8.35; "around 2,600"
covers 2,550 to 2,650), bounds are bounds ("under 1%"), and anything else is an inconsistency for the data
quality table: both published values are kept, the difference is shown, nothing is silently fixed.
"""

from __future__ import annotations

import math

from loaders.errors import SourceError
from loaders.strategy.provenance import decimals_written, numbers_in
from loaders.strategy.refs import Ref, RefError, parse_ref, parse_refs


def compute(kind: str, values: list[float]) -> float:
    """The value a check's inputs give: percent_change and difference go from the first input to the second."""
    if kind == "percent_change":
        first, second = values
        return (second - first) / first * 100
    if kind == "difference":
        first, second = values
        return second - first
    if kind == "sum":
        return math.fsum(values)
    if kind == "share":
        part, whole = values
        return part / whole * 100
    if kind == "same":
        (only,) = values
        return only
    raise ValueError(f"unknown check kind {kind!r}")


def rounding_tolerance(value_text: str | None, status: str | None) -> float:
    """Half a unit of the last place the value is written to: "5%" -> 0.5, "8.3%" -> 0.05, "around 2,600" -> 50."""
    if not value_text:
        return 0.0
    places = decimals_written(value_text)
    if places or status != "approximate":
        return 0.5 * 10**-places
    numbers = numbers_in(value_text)
    whole = str(int(numbers[0])) if numbers else "0"
    zeros = len(whole) - len(whole.rstrip("0"))
    return 0.5 * 10**zeros


def run_checks(checks: list[dict], lookup: dict[Ref, dict], *, home: str) -> tuple[list[dict], list[SourceError]]:
    """Each check's outcome; `lookup` maps a reference to its row (with `value`, and `value_text`/`status` when
    published); `home` is the area a reference without one means."""
    results, errors = [], []
    for check in checks:
        where = (check["curated_file"], check["curated_line"])
        try:
            stated = parse_ref(check["stated"], home=home)
            stated_row = _resolve(stated, lookup)
        except RefError as exc:
            errors.append(SourceError(*where, "stated", str(exc)))
            continue
        try:
            inputs = parse_refs(check["inputs"], home=home)
            input_rows = [_resolve(ref, lookup) for ref in inputs]
        except RefError as exc:
            errors.append(SourceError(*where, "inputs", str(exc)))
            continue
        input_values = [row["value"] for row in input_rows]
        try:
            computed = compute(check["kind"], input_values)
        except (ValueError, ZeroDivisionError) as exc:
            errors.append(
                SourceError(
                    *where, "inputs", f"cannot compute a {check['kind']} from {len(input_values)} inputs: {exc}"
                )
            )
            continue
        tolerance = rounding_tolerance(stated_row.get("value_text"), stated_row.get("status"))
        consistent, verdict = _judge(stated_row, computed, tolerance)
        results.append(
            {
                "check_id": check["check_id"],
                "kind": check["kind"],
                "description": check["description"],
                "stated": str(stated) if isinstance(stated, Ref) else _fmt(stated),
                "stated_value": stated_row["value"],
                "stated_text": stated_row.get("value_text"),
                "inputs": "; ".join(str(r) if isinstance(r, Ref) else _fmt(r) for r in inputs),
                "input_values": "; ".join(_fmt(v) for v in input_values),
                "computed": computed,
                "tolerance": tolerance,
                "consistent": consistent,
                "verdict": verdict,
                "note": check["note"] or None,
                "curated_file": check["curated_file"],
                "curated_line": check["curated_line"],
            }
        )
    return results, errors


def _resolve(ref: Ref | float, lookup: dict[Ref, dict]) -> dict:
    if isinstance(ref, float):
        return {"value": ref, "value_text": None, "status": "observed"}
    row = lookup.get(ref)
    if row is None or row.get("value") is None:
        raise RefError(f'"{ref}" is not a row of the sources with a value')
    return row


def _judge(stated: dict, computed: float, tolerance: float) -> tuple[bool, str]:
    value, status = stated["value"], stated.get("status")
    written = f'"{stated["value_text"]}"' if stated.get("value_text") else _fmt(value)
    if status in ("upper_bound", "lower_bound"):
        below = status == "upper_bound"
        ok = computed < value + 1e-9 if below else computed > value - 1e-9
        relation = ("below" if below else "above") if ok else ("not below" if below else "not above")
        return ok, f"Stated as {written}; recomputed {_fmt(computed)}, {relation} {_fmt(value)}."
    ok = abs(computed - value) <= tolerance + 1e-9
    low, high = _fmt(value - tolerance), _fmt(value + tolerance)
    band = (
        f" (read as {low} to {high})"
        if low != high
        else (f" (read as {_fmt(value)})" if stated.get("value_text") not in (None, _fmt(value)) else "")
    )
    return ok, f"Stated as {written}{band}; recomputed {_fmt(computed)}: {'consistent' if ok else 'inconsistent'}."


def _fmt(number: float) -> str:
    """Readable numbers for verdicts: 3.3, 17.1, 73,200."""
    if abs(number) >= 1000:
        return f"{number:,.0f}"
    return f"{number:.2f}".rstrip("0").rstrip(".")
