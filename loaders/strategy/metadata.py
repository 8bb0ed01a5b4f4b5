"""The metadata files (indicators, sources, areas, sections) -> rows for their tidy tables."""

from __future__ import annotations

from pathlib import Path

from loaders.contract.curated import HOME_ROLE, read_rows
from loaders.errors import SourceError
from loaders.strategy.provenance import StrategyText


def rows_of(path: Path, shown: str) -> list[dict]:
    """A validated CSV's rows as dicts, each with the file and line it came from (`curated_file`, `curated_line`)."""
    return [{**cells, "curated_file": shown, "curated_line": line} for line, cells in read_rows(path)]


def blank_to_none(row: dict, *columns: str) -> dict:
    return {**row, **{c: (row[c] or None) for c in columns}}


def section_markers(sections: list[dict]) -> dict[str, tuple[str, str]]:
    return {s["section_id"]: (s["title"], s["marker"]) for s in sections}


def sources_table(sources: list[dict], text: StrategyText) -> tuple[list[dict], list[SourceError]]:
    """Sources with a short citation for chart footers; each printed 'Source:' line must be in the text."""
    rows, errors = [], []
    for source in sources:
        if source["source_line"] and (reason := text.quote_problem(source["source_line"])):
            errors.append(SourceError(source["curated_file"], source["curated_line"], "source_line", reason))
        rows.append({**blank_to_none(source, "year", "link", "source_line", "note"), "citation": citation(source)})
    return rows, errors


def citation(source: dict) -> str:
    """'Publisher: Title (year)', each title with its own year where the source line gives several:
    'London Borough of Bromley and Public Health England: Children's Scrutiny Dataset (2021 and 2022); ...'."""
    publishers = " and ".join(p.strip() for p in source["publisher"].split(";"))
    titles = [t.strip() for t in source["title"].split(";")]
    years = [y.strip() for y in source["year"].split(";")] if source["year"] else []
    if len(years) == len(titles):
        works = "; ".join(f"{t} ({y})" for t, y in zip(titles, years, strict=True))
    else:
        works = "; ".join(titles) + (f" ({source['year']})" if source["year"] else "")
    return f"{publishers}: {works}"


def indicators_table(
    indicators: list[dict], released: dict[str, dict], declarations, counts: dict[str, int]
) -> list[dict]:
    """The strategy's indicators and the public ones (every measure of every release, declared or not), with how
    many values each has (`counts`, by indicator); a declared indicator no loaded file gives is still listed (and
    tested for). Public indicators keep the publisher's id and name beside ours."""
    strategy = [
        {**blank_to_none(i, "unit_label"), "observations": counts.get(i["indicator_id"], 0), "source_kind": "strategy"}
        for i in indicators
    ]
    published = dict(released)
    for declared in declarations.measures:  # declared, but no file loaded gives it
        if declared.indicator_id not in published and declared.dataset_id in declarations.datasets:
            dataset = declarations.datasets[declared.dataset_id]
            published[declared.indicator_id] = {
                "indicator_id": declared.indicator_id,
                "title": declared.title,
                "theme": declared.theme or dataset.theme,
                "topic": declared.topic or dataset.topic,
                "definition": declared.definition,
                "unit": declared.unit or "number",
                "unit_label": declared.unit_label,
                "unit_inferred": declared.unit is None,
                "polarity": declared.polarity,
                "measure": declared.kind,
                "source_kind": "release",
                "declared": True,
                "publisher": dataset.publisher_words,
                "publisher_indicator_id": declared.measure,
                "publisher_indicator_name": declared.measure,
                "dataset_id": dataset.dataset_id,
                "dataset": dataset.title,
                "link": declared.link or dataset.link,
            }
    rows = [{**row, "observations": counts.get(key, 0)} for key, row in sorted(published.items())]
    return strategy + rows


def public_indicator_errors(public: list[dict], strategy: dict[str, dict]) -> list[SourceError]:
    """A public indicator may not take a strategy indicator's id (they share the indicators table)."""
    return [
        SourceError(
            row["curated_file"],
            row["curated_line"],
            "indicator_id",
            f'"{row["indicator_id"]}" is already a strategy indicator (data/metadata/indicators.csv); choose another id',
        )
        for row in public
        if row["indicator_id"] in strategy
    ]


def release_id_errors(released: dict[str, dict], strategy: dict[str, dict]) -> list[SourceError]:
    """A measure nobody declared is named `<dataset>_<measure>`; that name may not be a strategy indicator's."""
    return [
        SourceError(
            "data/metadata/release_datasets.csv",
            None,
            "dataset_id",
            f'the measure "{row["publisher_indicator_id"]}" of dataset "{row["dataset_id"]}" would be named '
            f'"{indicator}", already a strategy indicator; declare it under another id in public_indicators.csv',
        )
        for indicator, row in released.items()
        if indicator in strategy
    ]


def areas_table(areas: list[dict], published: dict[str, dict] | None = None) -> list[dict]:
    """The curated areas (with their roles), then every other area a published file names (no role). An area a
    file gives as a parent is as the curated file says (Outer London is part of London)."""
    published = published or {}
    curated = [
        {
            **blank_to_none(a, "note", "role", "parent_code"),
            "is_comparator": a["role"] != HOME_ROLE,
            "la_number": published.get(a["area_code"], {}).get("la_number"),
        }
        for a in areas
    ]
    known = {a["area_code"] for a in curated}
    others = [
        {**area, "role": None, "note": None, "is_comparator": True}
        for code, area in sorted(published.items())
        if code not in known
    ]
    return curated + others


def sections_table(sections: list[dict]) -> list[dict]:
    return [{**s, "contents_page": int(s["contents_page"])} for s in sections]
