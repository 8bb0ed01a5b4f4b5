"""The build: what it writes, that it writes it atomically, and that a second build does nothing."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders.build import build
from loaders.contract.schema import TABLES, arrow_schema
from loaders.paths import ROOT
from loaders.releases.indicators import REPEATED
from loaders.store import freshness, scratch
from loaders.store import publish as store
from loaders.store.tables import as_text, read_observations
from tests.conftest import copy_data
from tests.loaders import curated
from tests.loaders.test_rejections import table_hashes

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

PROC = Path("/proc")
linux_only = pytest.mark.skipif(not (PROC / "self" / "stat").exists(), reason="reads processes from /proc (Linux)")


def manifest_of(paths) -> dict:
    return json.loads(paths.manifest.read_text(encoding="utf-8"))


def observation_files(paths) -> dict[str, int]:
    """The rows of each indicator's observations file, as the manifest lists them."""
    tables = manifest_of(paths)["tables"]
    return {name.removeprefix("observations_"): t["rows"] for name, t in tables.items() if t["table"] == "observations"}


def test_observations_are_a_file_per_indicator_with_the_published_row_counts(built_copy):
    # One file per indicator; the strategy's rows, by theme, one per published (or derived) value of its file.
    files = observation_files(built_copy)
    assert set(files) == curated.indicators_with_figures(built_copy)
    assert all(count > 0 for count in files.values())
    for indicator in ("children", "cla_rate_31_march"):
        assert set(
            pq.read_table(built_copy.tables / "observations" / f"{indicator}.parquet")
            .column("indicator_id")
            .to_pylist()
        ) == {indicator}
    strategy = read_observations(built_copy, kinds=["strategy"])
    assert strategy.groupby("theme").size().to_dict() == curated.rows_by_theme(built_copy)


# The shipped releases never overlap, so the project's build replaces no figure: its replacements table is written
# with its schema and no rows (tests/loaders/test_release_overlaps.py builds one that has some).
EMPTY_IN_THE_PROJECT = {"replacements"}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_round_trips_with_its_schema(built_copy, name):
    entries = [t for t in manifest_of(built_copy)["tables"].values() if t["table"] == name]
    assert entries, f"no file written for {name}"
    for entry in entries:
        table = pq.read_table(built_copy.tables / entry["path"])
        assert table.num_rows == entry["rows"]
        assert table.num_rows > 0 or name in EMPTY_IN_THE_PROJECT
        assert as_text(table).schema.equals(arrow_schema(name), check_metadata=False)
        described = {f.name: f.metadata[b"description"].decode() for f in table.schema}
        assert all(described.values()), "every column carries its description"
        assert set(described) == {c.name for c in TABLES[name]}
        dictionaries = {f.name for f in table.schema if pa.types.is_dictionary(f.type)}
        if (
            name == "observations"
        ):  # repeated text (publisher, file, unit ...) kept once per file, as Arrow dictionaries
            assert dictionaries and dictionaries <= REPEATED
            assert all(table.schema.field(f).type.value_type == pa.string() for f in dictionaries)
        else:
            assert not dictionaries


def test_observations_read_back_as_plain_text(built_copy):
    """loaders.store.tables reads the dictionaries back as text: what pages and other engines get."""
    observations = read_observations(built_copy, indicators=["children", "cla_rate_31_march"])
    assert set(observations["indicator_id"]) == {"children", "cla_rate_31_march"}
    assert all(
        isinstance(v, str) for column in ("indicator_id", "release_file", "unit") for v in observations[column].dropna()
    )
    assert not any(isinstance(dtype, pd.CategoricalDtype) for dtype in observations.dtypes)


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
    assert report.message.startswith(f"Nothing to do: {curated.table_files(data_copy)} table files are up to date")
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
    notes = read_observations(data_copy, themes=["cost"])["note"].to_list()
    assert any(new_note in note for note in notes if note)


def builds_of(paths) -> list[str]:
    return sorted(p.name for p in paths.builds.iterdir())


def test_a_build_that_fails_half_way_leaves_the_tables_untouched(data_copy, monkeypatch):
    before, builds = table_hashes(data_copy.tables), builds_of(data_copy)
    written = []
    real_parquet, real_link = store.NewBuild.parquet, store.NewBuild.link

    def fail_on_the_fourth(real):
        """A table written, or linked unchanged from the last build: the fourth fails."""

        def put(self, *args):
            if len(written) == 3:
                raise OSError("disk full (simulated)")
            written.append(args[-2] if real is real_link else args[-1])
            return real(self, *args)

        return put

    monkeypatch.setattr(store.NewBuild, "parquet", fail_on_the_fourth(real_parquet))
    monkeypatch.setattr(store.NewBuild, "link", fail_on_the_fourth(real_link))
    with pytest.raises(OSError, match="disk full"):
        build(data_copy, force=True)

    assert len(written) == 3
    assert table_hashes(data_copy.tables) == before, "no table readers see is changed"
    assert builds_of(data_copy) == builds, "the failed build's folder is removed"
    for path in data_copy.tables.rglob("*.parquet"):
        pq.read_table(path)


def test_a_build_interrupted_before_it_becomes_current_changes_nothing_and_is_redone(data_copy, monkeypatch):
    """A crash after the new build's folder is complete but before `current` points at it: readers still see the
    old build, whole, and the next build notices the change and publishes it."""
    new_note = edit_a_note(data_copy)
    before, builds = table_hashes(data_copy.tables), builds_of(data_copy)
    real_symlink = os.symlink

    def crash(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "symlink", crash)
    with pytest.raises(KeyboardInterrupt):
        build(data_copy, force=True)
    monkeypatch.setattr(os, "symlink", real_symlink)

    assert table_hashes(data_copy.tables) == before
    assert builds_of(data_copy) == builds
    assert freshness.check(data_copy).fresh is False
    assert build(data_copy).built
    assert freshness.check(data_copy).fresh
    notes = read_observations(data_copy, themes=["cost"])["note"].to_list()
    assert any(new_note in note for note in notes if note)


def test_each_build_is_a_folder_of_its_own_and_current_names_the_newest(data_copy):
    first = data_copy.current_build()
    assert build(data_copy, force=True).built
    second = data_copy.current_build()
    assert second != first and builds_of(data_copy) == sorted([first, second])
    assert os.readlink(data_copy.current) == f"builds/{second}", "a relative link: the tree can be moved"
    assert manifest_of(data_copy)["build"] == second
    assert manifest_of(data_copy.at(first))["build"] == first, "the superseded build is kept, unchanged"


def test_a_tree_copied_without_its_links_builds_again_and_sets_the_copied_folder_aside(data_copy, tmp_path):
    copied = copy_data(data_copy.data, tmp_path / "plain", with_tables=True, keep_links=False)
    assert copied.current.is_dir() and not copied.current.is_symlink()
    assert build(copied, force=True).built
    assert copied.current.is_symlink() and freshness.check(copied).fresh
    (aside,) = [p for p in copied.builds.iterdir() if p.name.startswith(scratch.MOVED)]
    age(aside, scratch.GRACE_SECONDS + 1)
    scratch.sweep(copied)
    assert not aside.exists()


def age(path: Path, seconds: float) -> None:
    """Make `path` look `seconds` old (its own time, not a link's target's)."""
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_leftovers_of_killed_builds_and_expired_builds_are_swept(data_copy):
    current = data_copy.current_build()
    dead = _a_dead_pid()
    partial_of_dead = data_copy.builds / f"{scratch.new_build_id()}{scratch.PARTIAL}{socket.gethostname()}-{dead}"
    partial_of_live = data_copy.builds / scratch.partial_name(scratch.new_build_id())  # this process: running
    expired = data_copy.builds / scratch.new_build_id()
    recent = data_copy.builds / scratch.new_build_id()
    for folder in (partial_of_dead, partial_of_live, expired, recent):
        (folder / "observations").mkdir(parents=True)
        (folder / "observations" / "children.parquet").write_bytes(b"half a parquet file")
    age(expired, scratch.GRACE_SECONDS + 60)
    age(data_copy.builds / current, scratch.GRACE_SECONDS + 60)  # current for long: never removed
    stale_link = data_copy.tables_root / f".current{scratch.TEMP_MARK}{dead}"
    stale_link.symlink_to(f"builds/{current}")
    age(stale_link, scratch.LINK_SECONDS + 1)
    old_layout = data_copy.tables_root / "manifest.json"
    old_layout.write_text("{}")

    report = build(data_copy)

    assert not report.built, "the tables themselves are up to date"
    assert builds_of(data_copy) == sorted([current, partial_of_live.name, recent.name])
    assert not stale_link.is_symlink() and not old_layout.exists()
    assert data_copy.current_build() == current and freshness.check(data_copy).fresh


def _a_dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# ---- A killed build: its tables, and its processes ---------------------------------------------------------
# Each build runs as the leader of a process group of its own, so "every process of the build" is every process of
# the group, any it started included. A test kills the whole group on the way out, pass or fail, so it never leaves
# a process behind.

GRACE_SECONDS = 5.0  # how long a killed build's processes may take to go (the kernel's signal takes milliseconds)


def living_members(group: int) -> list[int]:
    """Pids of the processes of `group` that still run. A zombie has ended (it holds no memory and only waits
    to be reaped, which in a container whose init reaps nothing may never happen), so it does not count."""
    found = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            state, _parent, pgrp = stat.read_text().rpartition(")")[2].split()[:3]
        except (OSError, ValueError):  # ended while we looked
            continue
        if int(pgrp) == group and state not in ("Z", "X"):
            found.append(int(stat.parent.name))
    return sorted(found)


def survivors(group: int, grace: float = GRACE_SECONDS) -> list[int]:
    """The members of `group` still running once they have had `grace` seconds to end (none: an empty list)."""
    deadline = time.monotonic() + grace
    while (alive := living_members(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


@contextlib.contextmanager
def own_group(*args: str, **popen) -> Iterator[subprocess.Popen]:
    """Run a command as the leader of a new process group; on the way out SIGKILL whatever of the group runs."""
    process = subprocess.Popen(args, start_new_session=True, **popen)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def kill_a_build(paths, when: Callable[[subprocess.Popen], object]) -> tuple[list[int], list[int]]:
    """Start `python -m loaders --force`, SIGKILL it once `when(process)` returns; return the processes of the
    build running just before the kill and those still running `GRACE_SECONDS` after it."""
    env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(paths.data)}
    with own_group(sys.executable, "-m", "loaders", "--force", cwd=ROOT, env=env) as process:
        when(process)
        before = living_members(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        return before, survivors(process.pid)


def assert_the_tables_survive_and_the_next_build_recovers(paths) -> None:
    for entry in manifest_of(paths)["tables"].values():
        assert pq.read_table(paths.tables / entry["path"]).num_rows == entry["rows"]
    build(paths)
    assert freshness.check(paths).fresh
    assert not [p for p in paths.builds.iterdir() if scratch.PARTIAL in p.name], "the killed build's folder is swept"
    assert not [p for p in paths.tables_root.iterdir() if scratch.TEMP_MARK in p.name]


@pytest.mark.slow
@linux_only
@pytest.mark.parametrize("delay", [0.3, 0.6, 0.9, 1.2])
def test_a_build_killed_at_any_moment_leaves_readable_tables(data_copy, delay):
    """SIGKILL a real `python -m loaders --force` part-way: none of its processes lives on, every table stays
    readable and the next build recovers."""
    before, alive = kill_a_build(data_copy, when=lambda process: time.sleep(delay))
    assert alive == [], f"{alive} of the build's processes {before} still run {GRACE_SECONDS} s after it was killed"
    assert_the_tables_survive_and_the_next_build_recovers(data_copy)
