"""Where the strategy and a publisher state different figures for the same period of the same measure.

A link (data/metadata/indicator_links.csv) says which published series measures what a strategy figure
measures. For a `same` link, a published figure for a period the strategy also gives should be the strategy's
figure, to the places the strategy writes it ("20%" is 19.5 to 20.5): where it is not (re-referrals in 2019/20,
strategy 20%, DfE 21.3%), a data-quality note names both, and neither is chosen silently. A `narrower` link's
published figure counts part of what the strategy's does, so it may be lower; a note is made only where it is
higher. Nothing here changes a value.
"""

from __future__ import annotations

from loaders.releases.resolve import as_published
from loaders.strategy.arithmetic import rounding_tolerance

KIND = "sources_disagree"
HANDLING = (
    "Both kept, each with its source: the strategy's figure with its quote, the published one with its file and line. "
    "Neither replaces the other for that period, and no change is worked out between them."
)


def disagreements(
    links: list[dict], strategy: list[dict], published: list[dict], titles: dict[str, str], home: str
) -> list[dict]:
    """Data-quality rows for every linked pair of figures of the home area, one period, that disagree.
    `strategy` are the strategy's rows; `published` the linked public indicators' headline rows (dicts of the
    tidy columns); `titles` the strategy indicators' titles."""
    by_public: dict[str, list[dict]] = {}
    for row in published:
        if row["area_code"] == home and row["breakdown"] == "all" and row["value"] is not None:
            by_public.setdefault(row["indicator_id"], []).append(row)
    rows = []
    for link in links:
        if link["relation"] not in ("same", "narrower"):
            continue
        stated = [
            s
            for s in strategy
            if s["indicator_id"] == link["strategy_indicator_id"]
            and s["area_code"] == home
            and s["breakdown"] == "all"
            and s["status"] in ("observed", "approximate", "estimate")
            and s.get("period_start") is not None
        ]
        for figure in stated:
            for other in by_public.get(link["public_indicator_id"], []):
                if (other["period_start"], other["period_end"]) != (figure["period_start"], figure["period_end"]):
                    continue
                gap = float(other["value"]) - float(figure["value"])
                allowed = rounding_tolerance(figure.get("value_text"), figure.get("status")) + 1e-9
                if (link["relation"] == "same" and abs(gap) <= allowed) or (
                    link["relation"] == "narrower" and gap <= 0
                ):
                    continue
                rows.append(_note(link, figure, other, titles.get(figure["indicator_id"], figure["indicator_id"])))
    return rows


def _given(row: dict) -> str:
    """A published figure as its file gives it, with its unit's sign ("21.3%"); one the build worked out from
    published counts to one decimal place ("23.5%, worked out")."""
    derived = row.get("status") == "derived"
    text = f"{float(row['value']):,.1f}" if derived else as_published(float(row["value"]))
    text += "%" if row.get("unit") == "percent" else ""
    return f"{text}, worked out from the published counts" if derived else text


def _note(link: dict, figure: dict, other: dict, title: str) -> dict:
    stated = figure.get("value_text") or as_published(figure["value"])
    given = _given(other)
    period = figure["period"]
    publisher = str(other["publisher"]).split(":")[0].split(",")[0]
    if link["relation"] == "same":
        summary = f"{title}, {period}: the strategy says {stated}; the {publisher} gives {given}."
        explanation = (
            f"The strategy gives {stated} for {period} (“{figure['quote']}”); the {publisher} gives {given} "
            f"for the same period ({other['release_file']}, line {other['release_line']}), which is not {stated} to "
            f"the places the strategy writes it. {link['reason']}"
        )
    else:
        summary = f"{title}, {period}: a published count of part of it ({given}) is above the strategy's {stated}."
        explanation = (
            f"The strategy gives {stated} for {period} (“{figure['quote']}”); the {publisher} gives {given} "
            f"for a narrower measure in the same period ({other['release_file']}, line {other['release_line']}), "
            f"which should not exceed it. {link['reason']}"
        )
    return {
        "issue_id": f"{KIND}_{link['public_indicator_id']}_{period}".replace("/", "_").replace(" ", "_"),
        "kind": KIND,
        "summary": summary,
        "explanation": explanation,
        "handling": HANDLING,
        "refs": f"{figure['indicator_id']} | {period} | all | {figure['area_code']}; "
        f"{other['indicator_id']} | {period} | all | {other['area_code']}",
        "values": f"{stated}; {given}",
        "quotes": figure["quote"],
        "curated_file": "data/metadata/indicator_links.csv",
        "curated_line": link.get("curated_line"),
    }
