"""The audit record (loaders.intake.audit): lines appended, never rewritten, read newest first; a torn line is skipped;
and the record, with the removed releases kept beside it, is nothing a build reads."""

from __future__ import annotations

import json

import pytest

from loaders.intake import audit
from loaders.paths import DataPaths
from loaders.store import freshness

ENTRY = dict(
    who="analyst@example.org",
    action="upload",
    file="injuries.csv",
    stored="data/incoming/injuries.csv",
    sha256="0" * 64,
    added=3,
    replaced=1,
    superseded=0,
    removed=0,
    returned=0,
    build="b1",
)


def test_entries_are_appended_and_read_newest_first(tmp_path):
    paths = DataPaths(tmp_path / "data")
    assert audit.read(paths) == []
    first = audit.append(paths, **ENTRY, when="2025-01-01T09:00:00Z")
    written = audit.log_path(paths).read_bytes()
    second = audit.append(paths, **(ENTRY | {"action": "remove", "removed": 4, "added": 0}))

    assert audit.log_path(paths).read_bytes().startswith(written)  # the first line is never rewritten
    assert audit.read(paths) == [second, first]
    assert list(json.loads(written)) == list(audit.FIELDS)
    assert second["when"].endswith("Z") and len(second["when"]) == len("2025-01-01T09:00:00Z")


def test_a_line_cut_short_by_a_crash_is_skipped(tmp_path):
    paths = DataPaths(tmp_path / "data")
    audit.append(paths, **ENTRY)
    with open(audit.log_path(paths), "ab") as handle:
        handle.write(b'{"when": "2025-01-01T09:00:0')
    assert [e["file"] for e in audit.read(paths)] == ["injuries.csv"]


@pytest.mark.parametrize("wrong", [{"action": "delete"}, {"colour": "red"}])
def test_an_entry_with_an_unknown_action_or_field_is_refused(tmp_path, wrong):
    with pytest.raises(ValueError):
        audit.append(DataPaths(tmp_path / "data"), **ENTRY | wrong)
    assert not audit.log_path(DataPaths(tmp_path / "data")).exists()


def test_the_record_and_the_removed_releases_are_not_build_inputs(tmp_path):
    paths = DataPaths(tmp_path / "data")
    (paths.data / "incoming").mkdir(parents=True)
    (paths.data / "removed").mkdir()
    (paths.data / "removed" / "20250101T090000Z-injuries.csv").write_text("a,b\n")
    audit.append(paths, **ENTRY)
    inputs = [p.relative_to(paths.data).parts[0] for p in freshness.input_files(paths) if paths.data in p.parents]
    assert not {"audit", "removed"} & set(inputs)
