"""Shared fixtures: a private, built copy of the data tree for tests that build or change data; `project_tables`
builds the project's own tables (as the dashboard does on start) for the tests that read them, as pages do."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from loaders.build import build, ensure_built
from loaders.paths import DEFAULT, DataPaths
from tests.run_wide import made_once

# Property tests have no per-example deadline: on a busy two-core machine pandas' work alone took 350 ms, and a
# deadline then fails a test for the machine's load, not for what it checks.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_INJURIES = "ohid_fingertips_child_injury_admissions"  # the release tests/fixtures/releases/incoming cuts


def copy_data(source: Path, target: Path, *, with_tables: bool, keep_links: bool = True) -> DataPaths:
    """The tree at `source` copied to `target`/data (`keep_links`: `current` stays a link, as `cp -a` keeps it).
    The readers' cache is hard-linked, not copied: its entries are named by content and only ever replaced whole,
    and copying its 190 MB into every test's tree filled a CI machine's disk."""
    ignore = None if with_tables else shutil.ignore_patterns("tables")
    cache = source / "tables" / "cache"

    def copy(from_: str, to: str) -> None:
        try:
            if cache in Path(from_).parents:
                return os.link(from_, to)
        except OSError:  # another file system
            pass
        shutil.copy2(from_, to)

    shutil.copytree(source, target / "data", ignore=ignore, symlinks=keep_links, copy_function=copy)
    return DataPaths(target / "data")


@pytest.fixture(scope="session")
def project_tables() -> DataPaths:
    """The project's own tables, built if missing or stale (as the dashboard does on start)."""
    ensure_built(DEFAULT)
    return DEFAULT


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory) -> DataPaths:
    """A copy of the curated data, built once per test run from scratch and shared by the xdist workers: tests
    only read it (a test that changes data takes `data_copy`)."""

    def make(folder: Path) -> None:
        report = build(copy_data(DEFAULT.data, folder, with_tables=False))
        assert report.built

    return DataPaths(made_once(tmp_path_factory, "built", make) / "data")


@pytest.fixture
def data_copy(built_copy, tmp_path) -> DataPaths:
    """A fresh copy of the built tree (tables included) that a test may break."""
    return copy_data(built_copy.data, tmp_path, with_tables=True)


@pytest.fixture(scope="session")
def built_without_injuries(tmp_path_factory) -> DataPaths:
    """The project's data without the shipped injury admissions release, built once: the Fingertips fixtures,
    cut from it, then add figures instead of repeating them. Shared by the run's workers, as `built_copy` is."""

    def make(folder: Path) -> None:
        ignored = shutil.ignore_patterns("tables", ".build.lock", SHIPPED_INJURIES)
        shutil.copytree(DEFAULT.data, folder / "data", ignore=ignored)
        build(DataPaths(folder / "data"))

    return DataPaths(made_once(tmp_path_factory, "without-injuries", make) / "data")


@pytest.fixture
def without_injuries(built_without_injuries, tmp_path) -> DataPaths:
    """A fresh copy of that built tree (tables included) that a test may load releases into."""
    return copy_data(built_without_injuries.data, tmp_path, with_tables=True)


# ---- The quick subset ------------------------------------------------------------------------------------------

FULL_SUITE_ONLY = ("e2e", "slow", "app", "builds")  # pyproject.toml's markers: why a test is not a quick one


def pytest_collection_modifyitems(config, items):
    """Tests under tests/pages/ are AppTest's (`app`); every test with none of FULL_SUITE_ONLY is `quick`:
    `pytest -n auto -m quick` runs what a developer runs before every commit (README, Test it)."""
    pages = Path(__file__).parent / "pages"
    for item in items:
        if pages in item.path.parents:
            item.add_marker("app")
        if not any(item.get_closest_marker(name) for name in FULL_SUITE_ONLY):
            item.add_marker("quick")
