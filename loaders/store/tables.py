"""Read the built tables: the one way pages (through components.data) and analysts get at the data.

Observations are read as a `pyarrow.dataset` with filters pushed down, so the same call works when the
observations grow from one small file per theme to a partitioned dataset of every local authority.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from loaders.paths import DEFAULT, DataPaths


class TablesMissing(FileNotFoundError):
    """A table whose file is not there: never built (run `python -m loaders`), or deleted since."""


def build_id(paths: DataPaths = DEFAULT) -> str:
    """The id of the build these paths read (pinned, or current now): the key for caching reads ('none' before
    the first build). Every build has an id of its own, so a rebuilt table is never served from a cache."""
    return paths.pinned().build or "none"


def empty(name: str) -> pd.DataFrame:
    """A table with its columns and no rows: what a reader that tolerates a missing table gets."""
    from loaders.contract.schema import arrow_schema

    return arrow_schema(name).empty_table().to_pandas()


def read_table(name: str, paths: DataPaths = DEFAULT, *, missing_ok: bool = False) -> pd.DataFrame:
    """One of the small tables (indicators, sources, areas, sections, village, services, ...).

    A table that was never built raises TablesMissing, or with `missing_ok` comes back empty (with its columns),
    so a page can say what is missing instead of failing."""
    path = paths.tables / f"{name}.parquet"
    if not path.exists():
        if missing_ok:
            return empty(name)
        raise TablesMissing(f"the table {name} has not been built ({paths.relative(path)} is missing)")
    return ds.dataset(path, format="parquet").to_table().to_pandas()


def read_observations(
    paths: DataPaths = DEFAULT,
    *,
    themes: list[str] | None = None,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    kinds: list[str] | None = None,
    missing_ok: bool = False,
) -> pd.DataFrame:
    """Observations, optionally only some themes, indicators, areas (codes) or kinds of source (strategy,
    release). The filters are pushed down to the files: a file holds one indicator, its rows sorted by area,
    so a page reading three areas of one indicator opens one file and reads little of it. With `missing_ok`, a
    file that cannot be read (damaged, or deleted while being read) is skipped and logged, like a missing one."""
    folder = paths.tables / "observations"
    if not folder.exists() or not any(folder.glob("*.parquet")):
        if missing_ok:
            return empty("observations")
        raise TablesMissing(f"the observations have not been built ({paths.relative(folder)} is missing)")
    condition = None
    for column, wanted in (
        ("theme", themes),
        ("indicator_id", indicators),
        ("area_code", areas),
        ("source_kind", kinds),
    ):
        if wanted is not None:
            term = ds.field(column).isin(list(wanted))
            condition = term if condition is None else condition & term
    files = _observation_files(folder, indicators)
    if not files:
        return empty("observations")
    try:
        return ds.dataset(files, schema=_schema(), format="parquet").to_table(filter=condition).to_pandas()
    except (pa.ArrowException, OSError):  # one bad file spoils the whole read: find it, and read the others
        if not missing_ok:
            raise
    return _readable_files(files, condition)


def observation_records(paths: DataPaths, *, indicators: list[str], areas: list[str], columns: list[str]) -> list[dict]:
    """Some columns of these indicators' observations in these areas, as plain records (text as text): for a view
    that draws few figures, with no DataFrame on the way. Each indicator's own file, its rows sorted by area, so
    little is read. A file that cannot be read is skipped and logged, as `read_observations(missing_ok=True)`."""
    folder = paths.tables / "observations"
    files = _observation_files(folder, indicators) if folder.exists() else []
    if not files or not areas:
        return []
    try:
        table = ds.dataset(files, format="parquet").to_table(
            columns=columns, filter=ds.field("area_code").isin(list(areas))
        )
        return as_text(table).to_pylist()  # records of dictionary columns cost four times as much
    except (pa.ArrowException, OSError):  # one bad file spoils the whole read: the others, through the reader
        frame = read_observations(paths, indicators=indicators, areas=areas, missing_ok=True)[columns]
        return frame.astype(object).where(frame.notna(), None).to_dict("records")


def scan_observations(paths: DataPaths = DEFAULT, *, columns: list[str], kinds: list[str] | None = None) -> pa.Table:
    """Some columns of every observation (of some kinds of source), as Arrow, repeated text kept as the files keep
    it (dictionaries): for a reader of every figure (the search of Data and sources), without the cost of a pandas
    frame of every column."""
    folder = paths.tables / "observations"
    files = _observation_files(folder, None) if folder.exists() else []
    if not files:
        return _schema().empty_table().select(columns)
    condition = ds.field("source_kind").isin(kinds) if kinds else None
    return ds.dataset(files, format="parquet").to_table(columns=columns, filter=condition)


def _readable_files(files: list[str], condition) -> pd.DataFrame:
    """The rows of each file that can be read; each that cannot is logged (a page then says its figure is missing,
    and /ready, which checks every file's hash, takes the replica out of the proxy's rotation)."""
    from loaders import log

    parts = []
    for file in files:
        try:
            parts.append(ds.dataset(file, schema=_schema(), format="parquet").to_table(filter=condition))
        except (pa.ArrowException, OSError) as exc:
            log.event("table_unreadable", path=file, error=type(exc).__name__, message=str(exc)[:300])
    return pa.concat_tables(parts).to_pandas() if parts else empty("observations")


def as_text(table: pa.Table) -> pa.Table:
    """The table with repeated text (kept as dictionaries in the observation files) as plain text."""
    fields = [f.with_type(pa.string()) if pa.types.is_dictionary(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def _schema() -> pa.Schema:
    """The observations as readers get them: text as text (the files keep repeated text as dictionaries)."""
    from loaders.contract.schema import arrow_schema

    return arrow_schema("observations")


def _observation_files(folder, indicators: list[str] | None) -> list[str]:
    """The files to open: an indicator's own file when the indicators are named (a file holds one), else all."""
    if indicators is None:
        return sorted(str(p) for p in folder.glob("*.parquet"))
    return [str(folder / f"{i}.parquet") for i in sorted(set(indicators)) if (folder / f"{i}.parquet").exists()]
