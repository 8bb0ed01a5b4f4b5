"""The build: what it writes, that it writes it atomically, and that a second build does nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from loaders import freshness, scratch, store
from loaders.build import build
from loaders.paths import ROOT
from loaders.schema import TABLES, arrow_schema
from tests.loaders.test_rejections import table_hashes

THEMES = [
    "cost",
    "deprivation",
    "diversity",
    "education",
    "family_support",
    "health",
    "population",
    "safety",
    "social_care",
]


def manifest_of(paths) -> dict:
    return json.loads(paths.manifest.read_text(encoding="utf-8"))


def test_observations_are_split_by_theme_with_the_published_row_counts(built_copy):
    tables = manifest_of(built_copy)["tables"]
    rows = {name.removeprefix("observations_"): t["rows"] for name, t in tables.items() if t["table"] == "observations"}
    # Counted by hand in the curated files: one row per published (or derived) value.
    assert rows == {
        "cost": 4,
        "deprivation": 12,
        "diversity": 15,
        "education": 28,
        "family_support": 16,
        "health": 20,
        "population": 45,
        "safety": 15,
        "social_care": 12,
    }
    assert sorted(rows) == THEMES


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_round_trips_with_its_schema(built_copy, name):
    entries = [t for t in manifest_of(built_copy)["tables"].values() if t["table"] == name]
    assert entries, f"no file written for {name}"
    for entry in entries:
        table = pq.read_table(built_copy.tables / entry["path"])
        assert table.num_rows == entry["rows"] > 0
        assert table.schema.equals(arrow_schema(name), check_metadata=False)
        described = {f.name: f.metadata[b"description"].decode() for f in table.schema}
        assert all(described.values()), "every column carries its description"
        assert set(described) == {c.name for c in TABLES[name]}


def test_the_manifest_lists_tables_rows_and_input_hashes(built_copy):
    manifest = manifest_of(built_copy)
    assert manifest["inputs"] == freshness.input_hashes(built_copy)
    assert "data/sources/population.csv" in manifest["inputs"]
    assert "loaders/build.py" in manifest["inputs"]
    for entry in manifest["tables"].values():
        assert store.sha256_of(built_copy.tables / entry["path"]) == entry["sha256"]


def test_a_second_build_with_unchanged_sources_does_nothing(data_copy):
    before = {p: p.stat().st_mtime_ns for p in data_copy.tables.rglob("*")}
    report = build(data_copy)
    assert not report.built
    assert report.message.startswith("Nothing to do: 18 table files are up to date")
    assert {p: p.stat().st_mtime_ns for p in data_copy.tables.rglob("*")} == before


def edit_a_note(paths) -> str:
    """Change one note in cost.csv (a change that keeps the file valid); return the new note."""
    cost = paths.sources / "cost.csv"
    new_note = "Also stated in the executive summary (edited)."
    text = cost.read_text(encoding="utf-8").replace("Also stated in the executive summary.", new_note, 1)
    cost.write_text(text, encoding="utf-8")
    return new_note


def test_a_changed_source_triggers_a_build(data_copy):
    new_note = edit_a_note(data_copy)
    assert "data/sources/cost.csv" in freshness.check(data_copy).reason
    assert build(data_copy).built
    notes = pq.read_table(data_copy.tables / "observations" / "cost.parquet").column("note").to_pylist()
    assert any(new_note in note for note in notes if note)


def test_a_build_that_fails_half_way_leaves_the_tables_untouched(data_copy, monkeypatch):
    before = table_hashes(data_copy.tables)
    written = []
    real_parquet = store.Staging.parquet

    def fail_on_the_fourth(self, table, final):
        if len(written) == 3:
            raise OSError("disk full (simulated)")
        written.append(final)
        real_parquet(self, table, final)

    monkeypatch.setattr(store.Staging, "parquet", fail_on_the_fourth)
    with pytest.raises(OSError, match="disk full"):
        build(data_copy, force=True)

    assert len(written) == 3
    assert table_hashes(data_copy.tables) == before, "no table, and no temporary file, is left changed"
    for path in data_copy.tables.rglob("*.parquet"):
        pq.read_table(path)


def test_a_build_interrupted_while_renaming_is_redone_by_the_next(data_copy, monkeypatch):
    """A crash between two renames leaves some new tables and the old manifest; the next build notices."""
    new_note = edit_a_note(data_copy)
    renames = []
    real_replace = os.replace

    def crash_after_two(source, target):
        if len(renames) == 2:
            raise KeyboardInterrupt
        renames.append(target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        build(data_copy, force=True)
    monkeypatch.setattr(os, "replace", real_replace)

    for path in data_copy.tables.rglob("*.parquet"):
        pq.read_table(path)  # every table is whole, old or new
    assert len(renames) == 2
    assert freshness.check(data_copy).fresh is False
    assert build(data_copy).built
    assert freshness.check(data_copy).fresh
    notes = pq.read_table(data_copy.tables / "observations" / "cost.parquet").column("note").to_pylist()
    assert any(new_note in note for note in notes if note)


def test_leftover_temporary_files_of_a_killed_build_are_swept(data_copy):
    leftover = data_copy.tables / "observations" / ".cost.parquet.tmp-99999"
    leftover.write_bytes(b"half a parquet file")
    report = build(data_copy)
    assert not report.built, "the tables themselves are up to date"
    assert not leftover.exists()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_a_build_killed_at_any_moment_leaves_readable_tables(data_copy, delay):
    """SIGKILL a real `python -m loaders --force` part-way; every table stays readable and the next build recovers."""
    env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(data_copy.data)}
    process = subprocess.Popen([sys.executable, "-m", "loaders", "--force"], cwd=ROOT, env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()

    for entry in manifest_of(data_copy)["tables"].values():
        assert pq.read_table(data_copy.tables / entry["path"]).num_rows == entry["rows"]
    build(data_copy)
    assert freshness.check(data_copy).fresh
    assert not [p for p in data_copy.tables.rglob("*") if scratch.TEMP_MARK in p.name]
