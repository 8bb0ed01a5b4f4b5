"""Describe the dashboard's tables as a Frictionless Data Package, and write the same description as a README.

Fields, types and descriptions come from the Parquet files themselves (each table and column carries the
description loaders/contract/schema.py gives it), so the description cannot drift from the data; sources and licences come from the
sources table and the releases' own rows.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pyarrow.compute as pc

from insight.areas import HOME_ROLE
from insight.labels import label

STRATEGY_SOURCE = "lbb_early_help_strategy"  # the sources table's row for the strategy itself
KNOWN_LICENCES = {
    "Open Government Licence v3.0": {
        "name": "OGL-UK-3.0",
        "title": "Open Government Licence v3.0",
        "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
}
ARROW_TYPES = [
    (pa.types.is_string, "string"),
    (pa.types.is_large_string, "string"),
    (pa.types.is_integer, "integer"),
    (pa.types.is_floating, "number"),
    (pa.types.is_boolean, "boolean"),
    (pa.types.is_date, "date"),
    (pa.types.is_timestamp, "datetime"),
]
MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}
KINDS = {"csv": "CSV", "parquet": "Parquet"}


def describe(tables: dict[str, pa.Table], files: dict[str, bytes], manifest: dict) -> dict:
    """The `datapackage.json` of the zip: a CSV and a Parquet resource per table, with the same schema."""
    home = _home(tables["areas"])
    strategy = _strategy(tables["sources"])
    resources = []
    for name, table in tables.items():
        fields = [_field(f, table) for f in table.schema]
        for kind in ("csv", "parquet"):
            path = f"tables/{name}.{kind}"
            resource = {
                "name": name if kind == "csv" else f"{name}-parquet",
                "title": f"{name} ({KINDS[kind]}, {table.num_rows:,} rows)",
                "description": table.schema.metadata[b"description"].decode(),
                "path": path,
                "format": kind,
                "mediatype": MEDIA_TYPES[kind],
                **({"encoding": "utf-8"} if kind == "csv" else {}),
                "bytes": len(files[path]),
                "hash": f"sha256:{hashlib.sha256(files[path]).hexdigest()}",
                "schema": {"fields": fields},
            }
            if kind == "parquet":
                # Described with the same schema, checked by its hash: Frictionless reads Parquet through pandas,
                # where an empty integer (curated_line, release_line) becomes NaN and fails as "not an integer".
                resource["type"] = "file"
            resources.append(resource)
    return {
        "name": "borough-insight-early-help-tables",
        "title": f"{home} Early Help Strategy 2030: every table of the dashboard",
        "description": (
            f"The tables behind the dashboard of the {strategy['title']} ({strategy['publisher']}), each as CSV and "
            f"as Parquet. {_rights(tables, strategy)} "
            "CSV cells a spreadsheet would run as a formula (starting =, +, -, @) begin with an apostrophe; the "
            "Parquet files keep every value as built."
        ),
        "created": manifest.get("built_at", ""),
        "licenses": _licences(tables["observations"]),
        "sources": _sources(tables),
        "resources": resources,
    }


def readme(described: dict) -> str:
    """The README of the zip: what each table holds and each column means, from the package's own description."""
    lines = [f"# {described['title']}", "", described["description"], ""]
    lines += [f"Built from the dashboard's tables on {described['created']}.", "", "## Files", ""]
    lines += ["- `datapackage.json`: this description for tools (Frictionless Data Package: fields, types, sources)."]
    for resource in described["resources"]:
        lines.append(f"- `{resource['path']}`: {resource['title']}.")
    lines += ["", "## Licences", ""]
    lines += [f"- {licence['title']}: <{licence['path']}>" for licence in described["licenses"]]
    lines += ["", "## Sources", ""]
    lines += [
        f"- {source['title']}" + (f": <{source['path']}>" if "path" in source else "")
        for source in described["sources"]
    ]
    for resource in described["resources"]:
        if resource["format"] != "csv":
            continue  # the Parquet twin has the same columns
        rows = resource["title"].split(", ")[-1].rstrip(")")
        twin = resource["path"].replace(".csv", ".parquet")
        lines += ["", f"## `{resource['name']}`", "", resource["description"], ""]
        lines += [f"{rows}, in `{resource['path']}` and `{twin}`.", ""]
        lines += ["| column | type | what it holds |", "| --- | --- | --- |"]
        for field in resource["schema"]["fields"]:
            required = ", always given" if field.get("constraints", {}).get("required") else ""
            words = field.get("description", "").replace("|", "\\|")
            lines.append(f"| `{field['name']}` | {field['type']}{required} | {words} |")
    return "\n".join(lines) + "\n"


def _field(field: pa.Field, table: pa.Table) -> dict:
    """A Table Schema field from a Parquet column: its type, description, whether it is always given, and for a
    unit column the units used, each in words."""
    kind = next((name for test, name in ARROW_TYPES if test(field.type)), None)
    if kind is None:
        raise TypeError(f"no Table Schema type for the column {field.name} ({field.type})")
    described = {"name": field.name, "type": kind}
    description = (field.metadata or {}).get(b"description", b"").decode("utf-8")
    if field.name == "unit" and kind == "string":
        units = sorted(set(table.column("unit").drop_null().to_pylist()))
        description = f"{description} Units here: " + "; ".join(f"{u} ({label('unit', u)})" for u in units) + "."
        described["constraints"] = {"enum": units}
    if description:
        described["description"] = description
    if not field.nullable:
        described.setdefault("constraints", {})["required"] = True
    return described


def _home(areas: pa.Table) -> str:
    rows = areas.filter(pc.equal(areas["role"], HOME_ROLE)).column("area_name").to_pylist()
    return rows[0] if rows else "The borough's"


def _strategy(sources: pa.Table) -> dict:
    """The strategy's own row of the sources table (publisher, title, link)."""
    found = [row for row in sources.to_pylist() if row["source_id"] == STRATEGY_SOURCE]
    return found[0] if found else {"publisher": "its publisher", "title": "strategy", "link": None}


def _rights(tables: dict[str, pa.Table], strategy: dict) -> str:
    """What may be done with it, as stated: the releases' licence from their rows; the strategy states none."""
    released = _released(tables["observations"])
    licences = ", ".join(sorted({row["licence"] for row in released if row["licence"]}))
    return (
        f"The figures from publishers' releases (rows with source_kind 'release') are published under the "
        f"{licences}; attribute each to its publisher. The strategy's own figures, quotes and words (rows with "
        "source_kind 'strategy', and the quotes in the other tables) are reproduced from the strategy as "
        f"published by the {strategy['publisher']}, which states no licence for it."
    )


def _licences(observations: pa.Table) -> list[dict]:
    texts = sorted({row["licence"] for row in _released(observations) if row["licence"]})
    return [KNOWN_LICENCES.get(text, {"name": text, "title": text}) for text in texts]


def _sources(tables: dict[str, pa.Table]) -> list[dict]:
    """The strategy's sources (the sources table), then each release's publisher and where they publish it."""
    found = []
    for row in tables["sources"].to_pylist():
        year = f" ({row['year']})" if row["year"] else ""
        found.append(_source(f"{row['publisher']}: {row['title']}{year}", row["link"]))
    seen = {(row["publisher"], row["link"]) for row in _released(tables["observations"])}
    found += [_source(publisher, link) for publisher, link in sorted(seen, key=str)]
    return found


def _source(title: str, link: str | None) -> dict:
    """A Frictionless source: one `path`, so a second address a source gives ("a; b") stays in the title."""
    links = [part.strip() for part in (link or "").split(";") if part.strip()]
    if not links:
        return {"title": title}
    also = f" (also {', '.join(links[1:])})" if links[1:] else ""
    return {"title": title + also, "path": links[0]}


def _released(observations: pa.Table) -> list[dict]:
    columns = ["publisher", "link", "licence"]
    kept = observations.filter(pc.equal(observations["source_kind"], "release")).select(columns)
    return kept.group_by(columns, use_threads=False).aggregate([]).to_pylist()  # each distinct row once
