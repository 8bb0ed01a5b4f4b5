"""The data-quality table: where the strategy contradicts itself, leaves out a unit, a period or a geography,
or lost a figure to a picture, and where its own arithmetic does not add up. Nothing here changes a value."""

from __future__ import annotations

from loaders.errors import SourceError
from loaders.strategy.provenance import StrategyText
from loaders.strategy.refs import Ref, RefError, parse_refs

ARITHMETIC_HANDLING = "Both published values are kept as written; the recomputed value is shown here, not substituted."


def quality_table(
    issues: list[dict], checks: list[dict], lookup: dict[Ref, dict], text: StrategyText, *, home: str
) -> tuple[list[dict], list[SourceError]]:
    """Curated issues (their references resolved to values and quotes) plus every inconsistent arithmetic check."""
    rows, errors = [], []
    for issue in issues:
        where = (issue["curated_file"], issue["curated_line"])
        try:
            refs = [r for r in parse_refs(issue["refs"], home=home) if isinstance(r, Ref)]
            missing = [str(r) for r in refs if r not in lookup]
            if missing:
                raise RefError(f'"{missing[0]}" is not a row of the sources')
        except RefError as exc:
            errors.append(SourceError(*where, "refs", str(exc)))
            continue
        if issue["quote"] and (reason := text.quote_problem(issue["quote"])):
            errors.append(SourceError(*where, "quote", reason))
        found = [lookup[r] for r in refs]
        rows.append(
            {
                "issue_id": issue["issue_id"],
                "kind": issue["kind"],
                "summary": issue["summary"],
                "explanation": issue["explanation"],
                "handling": issue["handling"],
                "refs": "; ".join(map(str, refs)) or None,
                "values": "; ".join(_as_written(row) for row in found) or None,
                "quotes": " / ".join(dict.fromkeys(row["quote"] for row in found)) or issue["quote"] or None,
                "curated_file": issue["curated_file"],
                "curated_line": issue["curated_line"],
            }
        )
    for check in checks:
        if check["consistent"]:
            continue
        refs = [check["stated"], *check["inputs"].split("; ")]
        found = [lookup[r] for r in parse_refs("; ".join(refs), home=home) if isinstance(r, Ref) and r in lookup]
        rows.append(
            {
                "issue_id": f"arithmetic_{check['check_id']}",
                "kind": "arithmetic",
                "summary": f"{check['description']}: does not add up.",
                "explanation": " ".join(filter(None, [check["verdict"], check["note"]])),
                "handling": ARITHMETIC_HANDLING,
                "refs": "; ".join(refs),
                "values": "; ".join(_as_written(row) for row in found),
                "quotes": " / ".join(dict.fromkeys(row["quote"] for row in found)),
                "curated_file": check["curated_file"],  # where the check is declared
                "curated_line": check["curated_line"],
            }
        )
    return rows, errors


def _as_written(row: dict) -> str:
    return row.get("value_text") or f"{row['value']:,g}"
