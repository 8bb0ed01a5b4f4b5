"""The whole-dashboard zip: every table of the manifest as CSV and Parquet with the manifest's row counts, a
datapackage.json Frictionless validates and whose fields are the Parquet columns, a README naming every table,
built the same twice, and written by `python -m exports package` or refused plainly."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exports.__main__ import main
from exports.package import build_package
from loaders.contract.schema import TABLES
from loaders.paths import DataPaths
from loaders.store.freshness import read_manifest
from loaders.store.tables import TablesMissing

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

# The Table Schema type of each Arrow type the tables use: an oracle apart from exports.datapackage's own.
TYPES = {
    pa.string(): "string",
    pa.float64(): "number",
    pa.int32(): "integer",
    pa.date32(): "date",
    pa.bool_(): "boolean",
}


@pytest.fixture(scope="module")
def package(project_tables) -> bytes:
    return build_package(project_tables)


@pytest.fixture(scope="module")
def unzipped(package, tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    zipfile.ZipFile(io.BytesIO(package)).extractall(folder)
    return folder


@pytest.fixture(scope="module")
def rows(project_tables) -> Counter:
    """Each table's rows, as the manifest counts them (the observations: the sum of their files)."""
    counted = Counter()
    for entry in read_manifest(project_tables)["tables"].values():
        counted[entry["table"]] += entry["rows"]
    return counted


def described(unzipped) -> dict:
    return json.loads((unzipped / "datapackage.json").read_text(encoding="utf-8"))


def test_every_table_of_the_manifest_is_there_as_csv_and_parquet_with_its_rows(package, unzipped, rows):
    names = set(zipfile.ZipFile(io.BytesIO(package)).namelist())
    expected = {f"tables/{table}.{kind}" for table in rows for kind in ("csv", "parquet")}
    assert names == expected | {"datapackage.json", "README.md"}
    assert set(rows) == set(TABLES)
    for table, count in rows.items():
        csv = pd.read_csv(unzipped / "tables" / f"{table}.csv", dtype=str, keep_default_na=False)
        assert len(csv) == count, f"{table}.csv"
        assert pq.read_metadata(unzipped / "tables" / f"{table}.parquet").num_rows == count, f"{table}.parquet"


def test_the_datapackage_validates_with_frictionless(unzipped):
    from frictionless import Package

    report = Package(str(unzipped / "datapackage.json")).validate()
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:20]


def test_every_resource_has_the_columns_types_and_descriptions_of_its_parquet_file(unzipped):
    resources = described(unzipped)["resources"]
    assert sorted(r["path"] for r in resources) == sorted(
        f"tables/{table}.{kind}" for table in TABLES for kind in ("csv", "parquet")
    )
    for resource in resources:
        table = resource["path"].removeprefix("tables/").rsplit(".", 1)[0]
        schema = pq.read_schema(unzipped / resource["path"].replace(".csv", ".parquet"))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names == [c.name for c in TABLES[table]], resource["path"]
        for field, column, declared in zip(fields, schema, TABLES[table], strict=True):
            assert field["type"] == TYPES[column.type], (resource["path"], field["name"])
            assert field.get("constraints", {}).get("required", False) is not column.nullable
            assert field["description"].startswith(declared.description), (resource["path"], field["name"])


def test_units_sources_and_licences_are_described_as_published(unzipped, project_tables):
    package = described(unzipped)
    (observations,) = [r for r in package["resources"] if r["name"] == "observations"]
    (unit,) = [f for f in observations["schema"]["fields"] if f["name"] == "unit"]
    used = set(pd.read_parquet(unzipped / "tables" / "observations.parquet", columns=["unit"])["unit"])
    assert set(unit["constraints"]["enum"]) == used
    assert "percent (Per cent (%))" in unit["description"]
    assert [licence["name"] for licence in package["licenses"]] == ["OGL-UK-3.0"]
    assert "as published by the London Borough of Bromley, which states no licence" in package["description"]
    sources = pd.read_parquet(project_tables.tables / "sources.parquet")
    titled = " ".join(source["title"] for source in package["sources"])
    assert all(title in titled for title in sources["title"])
    released = pd.read_parquet(unzipped / "tables" / "observations.parquet", columns=["publisher", "link"]).dropna()
    paths = {source.get("path") for source in package["sources"]}
    assert set(released["link"]) <= paths


def test_the_readme_says_what_each_table_and_column_holds(unzipped):
    readme = (unzipped / "README.md").read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        assert f"## `{table}`" in readme and f"`tables/{table}.parquet`" in readme, table
        assert all(f"| `{c.name}` |" in readme for c in columns), table
    assert "Open Government Licence v3.0" in readme


def test_no_tables_no_package(tmp_path):
    with pytest.raises(TablesMissing, match="no tables have been built"):
        build_package(DataPaths(tmp_path / "data"))


def test_the_command_writes_the_zip_and_the_same_tables_give_the_same_bytes(tmp_path, capsys, project_tables, package):
    """The command builds the package again from the same tables: byte for byte the fixture's (no time stamp)."""
    out = tmp_path / "deeper" / "everything.zip"
    assert main(["package", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes() == package
    assert {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(package)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert [p.name for p in out.parent.iterdir()] == ["everything.zip"]  # no temporary file left behind


def test_the_command_refuses_an_unwritable_path_plainly(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["package", "--out", str(blocker / "everything.zip")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"python -m exports: cannot write {blocker / 'everything.zip'}")
    assert "Traceback" not in error
