"""A table file that cannot be read costs only its own rows: a reader that tolerates missing tables reads the
others and logs which file it skipped; a strict reader (the command line) still raises."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from loaders.store.tables import read_observations

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

DAMAGED = "teenage_conception_rate"


@pytest.fixture
def damaged(data_copy):
    path = data_copy.tables / "observations" / f"{DAMAGED}.parquet"
    before = read_observations(data_copy)
    path.write_bytes(b"PAR1 not really parquet PAR1")
    return data_copy, before


def test_a_damaged_file_is_skipped_and_named_in_the_log_and_the_other_rows_are_read(damaged, capsys):
    paths, before = damaged
    after = read_observations(paths, missing_ok=True)
    assert len(after) == len(before[before["indicator_id"] != DAMAGED])
    assert DAMAGED not in set(after["indicator_id"])
    (line,) = [json.loads(x) for x in capsys.readouterr().err.splitlines() if "table_unreadable" in x]
    assert line["path"].endswith(f"observations/{DAMAGED}.parquet") and line["error"] == "ArrowInvalid"


def test_reading_only_the_damaged_indicator_finds_no_rows_with_the_columns(damaged):
    paths, before = damaged
    alone = read_observations(paths, indicators=[DAMAGED], missing_ok=True)
    assert alone.empty and list(alone.columns) == list(before.columns)


def test_a_strict_reader_still_raises(damaged):
    with pytest.raises(pa.ArrowInvalid):
        read_observations(damaged[0])
