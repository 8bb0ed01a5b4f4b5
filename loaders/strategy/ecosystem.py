"""The village of 100 children, the early help ecosystem's services and the four tiers of need -> tidy rows."""

from __future__ import annotations

from loaders.errors import SourceError
from loaders.strategy.metadata import blank_to_none
from loaders.strategy.provenance import StrategyText, value_text_problem

VILLAGE_SIZE = 100


def _traced(row: dict, text: StrategyText, values: list[float]) -> list[SourceError]:
    """Quote in its section, and (where a count is written) the count in the quote."""
    where = (row["curated_file"], row["curated_line"])
    if reason := text.quote_problem(row["quote"], row["section_id"]):
        return [SourceError(*where, "quote", reason)]
    if row.get("value_text") and (reason := value_text_problem(row["value_text"], row["quote"], values)):
        return [SourceError(*where, "value_text", reason)]
    return []


def village_table(village: list[dict], text: StrategyText) -> tuple[list[dict], list[SourceError]]:
    """Village groups; the ethnic groups must add up to the village's 100 children."""
    rows, errors = [], []
    for group in village:
        where = (group["curated_file"], group["curated_line"])
        count = int(group["count"])
        errors += _traced(group, text, [count])
        if (group["group_type"] == "ethnicity") != bool(group["family"]):
            errors.append(
                SourceError(
                    *where,
                    "family",
                    "ethnic groups need a family (White, Mixed, Black, Asian, Other); characteristics have none",
                )
            )
        rows.append({**blank_to_none(group, "family", "meaning", "note"), "count": count})
    total = sum(r["count"] for r in rows if r["group_type"] == "ethnicity")
    if rows and total != VILLAGE_SIZE:
        errors.append(
            SourceError(
                rows[0]["curated_file"],
                None,
                "count",
                f"the ethnic groups add up to {total} children, not {VILLAGE_SIZE}",
            )
        )
    return rows, errors


def services_table(services: list[dict], text: StrategyText) -> tuple[list[dict], list[SourceError]]:
    """Services of the ecosystem; a count must be written in its quote, and a named service has none."""
    rows, errors = [], []
    for service in services:
        where = (service["curated_file"], service["curated_line"])
        count = int(service["count"]) if service["count"] else None
        if (service["status"] == "named") != (count is None):
            errors.append(SourceError(*where, "count", "a named service has no count; a counted one needs its count"))
        errors += _traced(service, text, [count] if count is not None else [])
        rows.append({**blank_to_none(service, "life_area", "value_text", "note"), "count": count})
    return rows, errors


def levels_table(levels: list[dict], text: StrategyText) -> tuple[list[dict], list[SourceError]]:
    rows, errors = [], []
    for level in levels:
        errors += _traced(level, text, [])
        if level["description"] != level["quote"]:
            errors.append(
                SourceError(
                    level["curated_file"],
                    level["curated_line"],
                    "description",
                    "the description must be the quote, verbatim",
                )
            )
        rows.append({**level, "tier": int(level["tier"])})
    return rows, errors
