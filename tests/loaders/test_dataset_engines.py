"""The observations are a partitioned Parquet dataset that another engine reads as it is: DuckDB, given only the
folder's files, finds the rows and values the dashboard reads."""

from __future__ import annotations

import duckdb
import pytest

from loaders.paths import DEFAULT
from loaders.store.tables import read_observations


@pytest.fixture(scope="module")
def observations(project_tables):
    return read_observations(DEFAULT)


def test_duckdb_reads_every_file_as_one_table_with_the_same_rows_per_indicator(observations):
    files = str(DEFAULT.tables / "observations" / "*.parquet")
    counted = dict(
        duckdb.sql(f"select indicator_id, count(*) from read_parquet('{files}') group by indicator_id").fetchall()
    )
    assert counted == observations["indicator_id"].value_counts().to_dict()
    assert len(counted) == len(list((DEFAULT.tables / "observations").glob("*.parquet")))


def test_duckdb_finds_the_same_values_and_missing_values(observations):
    files = str(DEFAULT.tables / "observations" / "*.parquet")
    key = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown"]
    theirs = duckdb.sql(f"select {', '.join(key)}, value, suppression, release_line from read_parquet('{files}')").df()
    mine = observations[[*key, "value", "suppression", "release_line"]]
    joined = mine.merge(theirs, on=key, how="outer", suffixes=("", "_duckdb"), indicator=True, validate="one_to_one")
    assert (joined["_merge"] == "both").all()
    both_missing = joined["value"].isna() & joined["value_duckdb"].isna()
    assert (both_missing | (joined["value"] == joined["value_duckdb"])).all()
    assert joined["suppression"].fillna("").tolist() == joined["suppression_duckdb"].fillna("").tolist()
