"""Readiness: a replica is ready only when its tables are built from the current inputs and intact."""

from __future__ import annotations

import serve


def _forget() -> None:
    serve._last.update(at=float("-inf"), reason="")


def test_built_tables_are_ready(data_copy):
    _forget()
    fresh, reason = serve.readiness(data_copy)
    assert fresh and reason.endswith(")") and "table files are up to date" in reason


def test_a_damaged_table_file_is_not_ready_and_says_which(data_copy):
    _forget()
    (data_copy.tables / "areas.parquet").write_bytes(b"not parquet")
    fresh, reason = serve.readiness(data_copy)
    assert not fresh and reason == "table areas (areas.parquet) differs from the one the manifest lists"


def test_no_tables_is_not_ready_and_not_ready_is_never_kept(data_copy):
    _forget()
    manifest = data_copy.tables / "manifest.json"
    kept = manifest.read_bytes()
    manifest.unlink()
    assert serve.readiness(data_copy) == (False, "no tables have been built yet")
    manifest.write_bytes(kept)
    assert serve.readiness(data_copy)[0]  # asked again at once: ready now, not the old answer
