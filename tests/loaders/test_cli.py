"""`python -m loaders` as people run it: the no-op answer needs no pandas, and failures go to stderr."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from loaders.paths import ROOT
from tests.loaders import curated

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's


def run(*args, data=None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"BOROUGH_INSIGHT_DATA": str(data)} if data else {})}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_a_no_op_build_says_so_without_importing_pandas(data_copy):
    result = run("-X", "importtime", "-m", "loaders", data=data_copy.data)
    assert result.returncode == 0
    assert result.stdout.startswith(f"Nothing to do: {curated.table_files(data_copy)} table files are up to date")
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time")}
    assert "loaders.store.freshness" in imported
    assert not {"pandas", "pyarrow", "frictionless", "pandera"} & imported


def test_check_reports_stale_tables_with_exit_1(data_copy):
    shutil.rmtree(data_copy.tables_root)
    result = run("-m", "loaders", "--check", data=data_copy.data)
    assert (result.returncode, result.stdout.strip()) == (1, "Out of date: no tables have been built yet")


def test_a_failed_build_exits_1_with_the_reasons_on_stderr(data_copy):
    cost = data_copy.sources / "cost.csv"
    cost.write_text(cost.read_text(encoding="utf-8").replace(",gbp,", ",pounds,", 1), encoding="utf-8")
    result = run("-m", "loaders", data=data_copy.data)
    assert result.returncode == 1
    assert result.stdout == ""
    assert 'data/sources/cost.csv, line 2, column "unit": "pounds" is not one of' in result.stderr


def assert_reports_what_it_built(stdout: str, paths) -> None:
    """The build's message states the tables, files and rows that the curated files hold."""
    built, *rows = curated.build_message_parts(paths)
    assert stdout.startswith(built)
    missing = [part for part in rows if part not in stdout]
    assert not missing, f"{missing} not in: {stdout}"


def test_a_full_build_reports_what_it_built(data_copy):
    result = run("-m", "loaders", "--force", data=data_copy.data)
    assert result.returncode == 0
    assert_reports_what_it_built(result.stdout, data_copy)
    assert "because a build was forced" in result.stdout
