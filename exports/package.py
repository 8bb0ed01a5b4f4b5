"""The whole dashboard as one zip for analysts: every table as CSV and Parquet, the Frictionless
`datapackage.json` describing them and a README of what each holds.

Built only from the built tables (the files `data/tables/manifest.json` lists), so the zip holds exactly the data
the dashboard shows; and deterministically (sorted entries, fixed timestamps), so one build gives the same bytes.

The observations are one `observations.csv` and one `observations.parquet`: the dashboard splits them into a file
per indicator only so that a page reads little, and an analyst wants the one table (one resource to describe,
one file to open, filters are theirs to choose).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from exports import datapackage
from insight.catalogue import to_csv_bytes
from loaders.paths import DEFAULT, DataPaths
from loaders.store.freshness import read_manifest
from loaders.store.tables import TablesMissing, as_text

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no clock in the bytes


class UnwritablePath(OSError):
    """The package's destination cannot be written: the message names it and says why."""


def build_package(paths: DataPaths = DEFAULT) -> bytes:
    """The zip's bytes: `tables/<name>.csv` and `.parquet` for every table, `datapackage.json` and `README.md`."""
    # ---- Load inputs: the manifest says which files make each table (of one build, however many land) ----
    paths = paths.pinned()
    manifest = read_manifest(paths)
    if manifest is None:
        raise TablesMissing(f"no tables have been built ({paths.relative(paths.manifest)} is missing)")
    tables = {name: _read(files, paths) for name, files in _files_by_table(manifest).items()}

    # ---- Process data: each table in both formats, then their description from the same bytes ----
    files: dict[str, bytes] = {}
    for name, (table, parquet) in tables.items():
        files[f"tables/{name}.csv"] = to_csv_bytes(table.to_pandas())
        files[f"tables/{name}.parquet"] = parquet
    described = datapackage.describe({name: table for name, (table, _) in tables.items()}, files, manifest)
    files["datapackage.json"] = (json.dumps(described, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    files["README.md"] = datapackage.readme(described).encode("utf-8")

    # ---- Save outputs ----
    return _zip(files)


def write_package(path: Path, paths: DataPaths = DEFAULT) -> Path:
    """Write the zip to `path` through a temporary name, so an interrupted write never leaves half a zip."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # before building: a bad path is said at once
    except OSError as exc:
        raise UnwritablePath(f"cannot write {path}: {exc.strerror or exc}") from exc
    payload = build_package(paths)
    try:
        temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        temporary.write_bytes(payload)
        os.replace(temporary, path)
    except OSError as exc:
        raise UnwritablePath(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path


def _files_by_table(manifest: dict) -> dict[str, list[str]]:
    """Each table's files, as the manifest lists them (the observations: one per indicator), in a fixed order."""
    by_table: dict[str, list[str]] = {}
    for entry in manifest["tables"].values():
        by_table.setdefault(entry["table"], []).append(entry["path"])
    return {name: sorted(files) for name, files in sorted(by_table.items())}


def _read(files: list[str], paths: DataPaths) -> tuple[pa.Table, bytes]:
    """A table and its Parquet bytes: a one-file table's own bytes, several files joined into one."""
    missing = [f for f in files if not (paths.tables / f).exists()]
    if missing:
        raise TablesMissing(f"the manifest lists {missing[0]}, which is not in {paths.relative(paths.tables)}")
    if len(files) == 1:
        parquet = (paths.tables / files[0]).read_bytes()
        return pq.read_table(io.BytesIO(parquet)), parquet
    table = as_text(pa.concat_tables(as_text(pq.read_table(paths.tables / f)) for f in files))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return table, buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16  # -rw-r--r-- when unzipped, whoever built it
            archive.writestr(entry, files[name])
    return buffer.getvalue()
