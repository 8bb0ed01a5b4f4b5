"""Enforce the curated files' contract, declared once in `data/datapackage.json` and `data/schemas/`.

Four passes. A strict line-by-line CSV read catches broken structure (unclosed quotes, rows with too few
or too many fields) by the line a person can find. Frictionless then checks every resource against its
Table Schema: header, types, required cells, enums, patterns, unique fields and primary keys. Next, the
foreign keys the schemas declare are checked here, from the same declarations: Frictionless re-opens every
referenced file for every key (59 opens for 18 files), which cost 0.23 s of a 1.1 s build; a set lookup
costs nothing. Last, the one rule a Table Schema cannot state: some area holds the role "home" (the schema
declares each role unique, so no more than one can).
Every error is translated into a `SourceError` that names the file, line and column and says what to do.
"""

from __future__ import annotations

import json
from pathlib import Path

from loaders.errors import SourceError
from loaders.paths import DataPaths

HOME_ROLE = "home"  # the role (data/schemas/areas.json) of the one area the dashboard is about


def resources(paths: DataPaths) -> list[dict]:
    """The package's resources, with their schemas read in (cheap: plain JSON)."""
    package = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    out = []
    for resource in package["resources"]:
        schema, schema_path = resource["schema"], "data/datapackage.json"
        if isinstance(schema, str):
            schema_path = paths.relative(paths.data / schema)
            schema = json.loads((paths.data / schema).read_text(encoding="utf-8"))
        out.append({**resource, "schema": schema, "schema_path": schema_path})
    return out


def vocabulary(paths: DataPaths, schema_name: str, field: str) -> list[str]:
    """The closed set (enum) the contract declares for one field, e.g. the units of observations."""
    schema = json.loads((paths.schemas / f"{schema_name}.json").read_text(encoding="utf-8"))
    for spec in schema["fields"]:
        if spec["name"] == field:
            return list(spec["constraints"]["enum"])
    raise KeyError(f"{schema_name}.{field} has no enum")


def validate(paths: DataPaths) -> list[SourceError]:
    """Every contract violation in the curated files; an empty list means they are fit to build from."""
    from loaders import csv_text  # numpy and pyarrow: imported to build, never by a no-op build's `import build`

    errors: list[SourceError] = []
    for resource in resources(paths):
        path = paths.data / resource["path"]
        shown = paths.relative(path)
        if not path.exists():
            errors.append(SourceError(shown, None, None, "the file is missing; data/datapackage.json lists it"))
            continue
        errors += csv_text.read_strict(path, shown)[1]
    if errors:  # a broken file makes every later check noise
        return errors
    return _frictionless_errors(paths)


def _frictionless_errors(paths: DataPaths) -> list[SourceError]:
    from frictionless import Package  # imported here: a no-op build never needs it

    declared = resources(paths)
    by_name = {r["name"]: r for r in declared}
    descriptor = json.loads(paths.datapackage.read_text(encoding="utf-8"))
    descriptor["resources"] = [_without_foreign_keys(r) for r in declared]
    report = Package(descriptor, basepath=str(paths.data)).validate()
    errors = []
    for task in report.tasks:
        resource = by_name[task.name]
        shown = paths.relative(paths.data / resource["path"])
        for error in task.errors:
            errors.append(_translate(error.to_dict(), shown, resource))
    return errors + _foreign_key_errors(paths, declared) + _home_area_errors(paths, by_name.get("areas"))


def _without_foreign_keys(resource: dict) -> dict:
    schema = {k: v for k, v in resource["schema"].items() if k != "foreignKeys"}
    return {k: v for k, v in resource.items() if k != "schema_path"} | {"schema": schema}


def _foreign_key_errors(paths: DataPaths, declared: list[dict]) -> list[SourceError]:
    """Each declared foreign key: every row's value must be a key of the referenced resource."""
    by_name = {r["name"]: r for r in declared}
    errors = []
    for resource in declared:
        for key in resource["schema"].get("foreignKeys", []):
            target = by_name[key["reference"]["resource"]]
            target_path = paths.data / target["path"]
            allowed = {tuple(row[f] for f in key["reference"]["fields"]) for _, row in read_rows(target_path)}
            path = paths.data / resource["path"]
            for line, row in read_rows(path):
                value = tuple(row[f] for f in key["fields"])
                if all(value) and value not in allowed:
                    errors.append(
                        SourceError(
                            paths.relative(path),
                            line,
                            ", ".join(key["fields"]),
                            f'"{", ".join(value)}" is not in {paths.relative(target_path)}; add it there or fix the spelling',
                        )
                    )
    return errors


def _home_area_errors(paths: DataPaths, areas: dict | None) -> list[SourceError]:
    """Exactly one area is the home area: at most one by the schema (roles are unique), at least one here."""
    if areas is None:
        return []
    path = paths.data / areas["path"]
    rows = read_rows(path)
    if not rows or "role" not in rows[0][1] or any(row["role"] == HOME_ROLE for _, row in rows):
        return []  # no areas at all, or no role column, is reported already
    lines = f"lines {rows[0][0]} to {rows[-1][0]}" if len(rows) > 1 else f"line {rows[0][0]}"
    return [
        SourceError(
            paths.relative(path),
            None,
            "role",
            f'none of its {len(rows)} areas ({lines}) has the role "{HOME_ROLE}"; give it to the one area the '
            "dashboard is about",
        )
    ]


def _translate(error: dict, shown: str, resource: dict) -> SourceError:
    kind = error["type"]
    line = error.get("rowNumber")
    column = error.get("fieldName")
    cell = error.get("cell")
    schema_file = resource["schema_path"]
    if kind == "type-error":
        wanted = {
            "number": "a number (digits only, e.g. 73400 or 8.3: no commas, % or £)",
            "integer": "a whole number",
            "boolean": "true or false",
        }
        field_type = _field(resource, column)["type"]
        return SourceError(shown, line, column, f'"{cell}" is not {wanted.get(field_type, field_type)}')
    if kind == "constraint-error":
        constraints = _field(resource, column).get("constraints", {})
        if cell in (None, "") and constraints.get("required"):
            return SourceError(shown, line, column, "is empty but every row needs a value")
        if "enum" in constraints and cell not in constraints["enum"]:
            return SourceError(
                shown,
                line,
                column,
                f'"{cell}" is not one of: {", ".join(constraints["enum"])} (declared in {schema_file})',
            )
        return SourceError(
            shown, line, column, f'"{cell}" breaks the rule {error.get("note")} (declared in {schema_file})'
        )
    if kind == "unique-error":
        earlier = error.get("note", "").replace("the same as in the row at position", "line")
        return SourceError(
            shown,
            line,
            column,
            f'"{cell}" is already on {earlier}; each row needs its own value in this column (declared in {schema_file})',
        )
    if kind == "primary-key":
        key = ", ".join(resource["schema"]["primaryKey"])
        earlier = error.get("note", "").replace("the same as in the row at position", "line")
        return SourceError(
            shown, line, None, f"repeats the key ({key}) of {earlier}; each published value needs its own row"
        )
    if kind == "missing-label":
        return SourceError(shown, 1, column, f"the header lacks this column, which {schema_file} requires")
    if kind == "extra-label":
        return SourceError(
            shown, 1, error.get("label"), f"is not a column of {schema_file}; remove it or add it to the schema"
        )
    if kind == "incorrect-label":
        return SourceError(
            shown,
            1,
            error.get("label"),
            f'the header says "{error.get("label")}" where {schema_file} expects "{column}"',
        )
    if kind == "duplicate-label":
        return SourceError(shown, 1, error.get("label"), "the header names this column twice")
    return SourceError(shown, line, column, error.get("message", kind))


def _field(resource: dict, name: str | None) -> dict:
    return next((f for f in resource["schema"]["fields"] if f["name"] == name), {"type": "string"})


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """A validated CSV's rows as (file line, {column: text}); empty cells are empty strings."""
    from loaders import csv_text

    table, errors = csv_text.read_strict(path, str(path))
    if errors or table is None:  # validate() has run, so this only guards against misuse
        raise ValueError(f"{path} was not validated: {errors[0]}")
    return [(line, dict(zip(table.header, fields, strict=True))) for line, fields in table.rows]
