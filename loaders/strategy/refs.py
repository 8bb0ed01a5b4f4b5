"""References from one curated row to another, and the small formulas of derived rows.

A reference names an observation as `indicator | period | breakdown | area`; the last two may be left out
(`all`, and the home area: the one data/metadata/areas.csv gives the role "home", passed in as `home`).
`village: group_id` names a village group and `service: service_id | section_id` a service count. Derived
rows hold a formula over references in braces, e.g. `{bcp_families | 2020/21} / 1.12`, evaluated with
simpleeval (arithmetic only, no names or calls), so a derivation is data, not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simpleeval import SimpleEval

_BRACED = re.compile(r"\{([^{}]*)\}")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class RefError(ValueError):
    """A reference or formula that cannot be read or does not resolve."""


@dataclass(frozen=True)
class Ref:
    table: str  # "observations", "village" or "services"
    key: tuple[str, ...]

    def __str__(self) -> str:
        if self.table == "observations":
            indicator, area, period, breakdown = self.key
            return " | ".join((indicator, period, breakdown, area))
        return {"village": "village: ", "services": "service: "}[self.table] + " | ".join(self.key)


def parse_ref(text: str, *, home: str) -> Ref | float:
    """Read one reference (or a plain number, for sums like 100 minus a share); `home` is the area code a
    reference without an area means."""
    text = text.strip()
    if _NUMBER.match(text):
        return float(text)
    table, _, rest = text.partition(":") if re.match(r"^(village|service):", text) else ("", "", text)
    parts = [p.strip() for p in rest.split("|")]
    if any(not p for p in parts):
        raise RefError(f'"{text}" has an empty part; write "indicator | period | breakdown | area"')
    if table == "village":
        if len(parts) != 1:
            raise RefError(f'"{text}": a village reference is "village: group_id"')
        return Ref("village", (parts[0],))
    if table == "service":
        if len(parts) != 2:
            raise RefError(f'"{text}": a service reference is "service: service_id | section_id"')
        return Ref("services", tuple(parts))
    if not 2 <= len(parts) <= 4:
        raise RefError(f'"{text}" needs 2 to 4 parts: "indicator | period | breakdown | area"')
    indicator, period, breakdown, area = parts + ["all", home][len(parts) - 2 :]
    return Ref("observations", (indicator, area, period, breakdown))


def parse_refs(text: str, *, home: str) -> list[Ref | float]:
    """A `;`-separated list of references."""
    return [parse_ref(part, home=home) for part in text.split(";") if part.strip()]


def formula_refs(formula: str, *, home: str) -> list[Ref]:
    """The references a formula uses."""
    refs = [parse_ref(inner, home=home) for inner in _BRACED.findall(formula)]
    if not refs:
        raise RefError(
            f'the formula "{formula}" uses no reference; write references in braces, e.g. {{bcp_families | 2020/21}}'
        )
    return [ref for ref in refs if isinstance(ref, Ref)]


def evaluate(formula: str, values: dict[Ref, float], *, home: str) -> float:
    """Evaluate a formula, with each braced reference replaced by its value."""
    names: dict[str, float] = {}

    def substitute(match: re.Match[str]) -> str:
        ref = parse_ref(match.group(1), home=home)
        if isinstance(ref, float):
            return repr(ref)
        if ref not in values:
            raise RefError(f'the formula refers to "{ref}", which is not a row of the sources')
        name = f"ref{len(names)}"
        names[name] = values[ref]
        return name

    expression = _BRACED.sub(substitute, formula)
    try:
        return float(SimpleEval(names=names, functions={}).eval(expression))
    except Exception as exc:  # simpleeval raises many types; all mean "not a formula"
        raise RefError(f'the formula "{formula}" cannot be evaluated: {exc}') from exc
