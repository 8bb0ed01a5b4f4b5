"""Build the tables from the curated sources: load, check, tidy, then publish every table at once as a new
build (`data/tables/builds/<id>/`, made current in one step: loaders.store.publish)."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from loaders import log
from loaders.contract import curated as contract
from loaders.errors import BuildError, SourceError
from loaders.paths import DEFAULT, DataPaths
from loaders.store import freshness, scratch, stage_cache
from loaders.strategy import metadata
from loaders.strategy.refs import Ref

FIGURES = "figures_"


@dataclass
class BuildReport:
    built: bool
    message: str
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def build(paths: DataPaths = DEFAULT, *, force: bool = False) -> BuildReport:
    """Build the tables if their inputs changed (or `force`); raise BuildError, changing nothing, if a source is bad.

    One process: validating the curated files in a forked worker while this one imported pandas, pandera and pyarrow
    saved nothing measurable (bench of 5 pairs on two idle cores: 1.05x when a curated file changed, 0.98x cold),
    so the fork, and what kept it from outliving a killed build, are gone. Each call logs one JSON line
    (loaders.log).
    """
    started = time.perf_counter()
    try:
        report = _build(paths, force=force)
    except BuildError as exc:
        seconds = round(time.perf_counter() - started, 3)
        first = str(exc.errors[0]) if exc.errors else str(exc)
        log.event("build_failed", data=str(paths.data), seconds=seconds, problems=len(exc.errors), first=first)
        raise
    outcome = "built" if report.built else "unchanged"
    rows = sum(report.rows.values())
    log.event("build", data=str(paths.data), outcome=outcome, seconds=round(time.perf_counter() - started, 3),
              tables=len(report.rows), rows=rows)  # fmt: skip
    return report


def _build(paths: DataPaths, *, force: bool) -> BuildReport:
    started = time.perf_counter()
    scratch.sweep(paths)  # a killed build's leftovers and expired builds, even when nothing else is to do
    state = freshness.check(paths)
    if state.fresh and not force:
        return BuildReport(False, f"Nothing to do: {state.reason}.")
    reason = "a build was forced" if state.fresh else state.reason

    from loaders.store import publish as store  # pyarrow: only once there is something to build

    hashes = state.hashes or freshness.input_hashes(paths)  # each input hashed once (a large release is slow to)

    # ---- Load inputs: the curated stage, from its cache when none of its inputs changed ----------
    key = curated_key(hashes)
    curated = stage_cache.get(paths, key)
    if curated is None:
        errors = contract.validate(paths)
        if errors:
            raise BuildError(errors)
        curated, errors = _curated(paths, _read_inputs(paths))
        errors += _check_tidy(paths, curated.tables())
        if errors:
            raise BuildError(errors)
        stage_cache.put(paths, key, curated)

    # ---- Process data: the releases, and every table as written ---------------------------------
    tables, errors = _tidy_tables(paths, curated, hashes)
    errors += _check_required(tables)
    if errors:
        raise BuildError(errors)

    # ---- Save outputs --------------------------------------------------------------------------
    files = _save(paths, tables, hashes, store)
    seconds = time.perf_counter() - started
    rows = {name: len(table) for name, table in tables.items()}
    import pyarrow.compute as pc

    observations = tables["observations"]
    by_theme = _counts(observations.filter(pc.equal(observations["source_kind"], "strategy"))["theme"])
    themes = ", ".join(f"{theme} {count:,}" for theme, count in sorted(by_theme.items()))
    published = rows["observations"] - sum(by_theme.values())
    releases = f"; releases {published:,} from {len(tables['releases'])} files" if tables["releases"] else ""
    others = ", ".join(f"{name} {count:,}" for name, count in rows.items() if name != "observations")
    message = (
        f"Built {len(rows)} tables ({len(files)} files) in {seconds:.2f} s, because {reason}. Rows: "
        f"observations {rows['observations']:,} (strategy: {themes}{releases}); {others}."
    )
    if tables["releases"]:
        message += "\nReleases, file by file:\n" + "\n".join(f"  - {release_summary(r)}" for r in tables["releases"])
    return BuildReport(True, message, rows, seconds)


def release_summary(record: dict) -> str:
    """One file of the build, in a line: figures read, kept and suppressed, what else became of them, and what was
    skipped and why (once per kind, never once per row)."""
    if record["format"] == "dfe_neighbours":
        parts = [f"{record['records']:,} authorities' neighbours read ({record['figures_read']:,} pairs), "
                 f"{record['figures_kept']:,} pairs kept with GSS codes"]  # fmt: skip
    else:
        parts = [f"{record['figures_read']:,} figures read", f"{record['figures_kept']:,} kept"]
        parts.append(f"{record['suppressed']:,} of them suppressed")
        if record["derived"]:
            parts.append(f"{record['derived']:,} of them derived")
        if record["superseded"]:
            parts.append(f"{record['superseded']:,} superseded by newer figures")
        if record["repeated"]:
            parts.append(f"{record['repeated']:,} repeated (kept once)")
        indicators = "indicator" if record["indicators"] == 1 else "indicators"
        parts.append(f"{record['indicators']:,} {indicators} ({record['indicators_declared']:,} declared)")
    skipped = f"skipped: {record['skipped_why']}" if record["skipped_why"] else "nothing skipped"
    nothing = adds_nothing(record)
    said = f"adds nothing, since {nothing}: " if nothing else ""
    return f"{record['release_file']}: {said}{', '.join(parts)}; {skipped}"


def adds_nothing(record: dict) -> str | None:
    """Why a file of the build adds nothing to the tables, in words ("every figure it gives repeats <file>"), or
    None when it adds or supersedes something. A file that keeps and supersedes none of its figures gives only figures
    other files already give (a copy re-saved with other line endings, a cut of a release already loaded)."""
    if record["format"] == "dfe_neighbours":  # pairs, not figures: only the same bytes again add nothing
        return f"it is the same file as {record['repeated_from']}" if record.get("repeated_from") else None
    if record["figures_kept"] or record["superseded"]:
        return None
    if not record["figures_read"]:
        return "it gives no figure"
    others = (record.get("repeated_from") or "").split("; ")
    return f"every figure it gives repeats {_joined(others)}" if others[0] else None


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def ensure_built(paths: DataPaths = DEFAULT) -> BuildReport:
    """Build when the tables are missing or stale: what the dashboard and the tests call before reading."""
    return build(paths)


def _read_inputs(paths: DataPaths) -> dict[str, list[dict]]:
    from loaders.strategy.metadata import rows_of

    return {
        resource["name"]: rows_of(paths.data / resource["path"], paths.relative(paths.data / resource["path"]))
        for resource in contract.resources(paths)
    }


@dataclass
class Curated:
    """What the curated files give a build, whatever the releases: kept whole between builds while none of the
    curated inputs (nor the loaders' code) changes (loaders.store.stage_cache)."""

    inputs: dict[str, list[dict]]
    observations: list[dict]
    sources: list[dict]
    village: list[dict]
    services: list[dict]
    levels: list[dict]
    checks: list[dict]
    issues: list[dict]
    home: str

    @property
    def indicators(self) -> dict[str, dict]:
        return {row["indicator_id"]: row for row in self.inputs["indicators"]}

    def tables(self) -> dict[str, list[dict]]:
        """Its tables, for the tidy checks (the observations are the strategy's)."""
        return {
            "observations": self.observations,
            "sources": self.sources,
            "sections": metadata.sections_table(self.inputs["sections"]),
            "village": self.village,
            "services": self.services,
            "levels_of_need": self.levels,
            "arithmetic_checks": self.checks,
            "data_quality": self.issues,
        }


def curated_key(hashes: dict[str, str]) -> str:
    """What the curated stage depends on: every input but the release files."""
    kept = {name: digest for name, digest in hashes.items() if not _is_release(name)}
    return freshness.combined_hash(kept)


def _is_release(shown: str) -> bool:
    return ("/releases/" in f"/{shown}" and not shown.endswith(".py")) or "/incoming/" in f"/{shown}"


def _curated(paths: DataPaths, inputs: dict[str, list[dict]]) -> tuple[Curated, list[SourceError]]:
    from loaders.strategy import arithmetic, ecosystem, figures, quality
    from loaders.strategy.provenance import StrategyText

    errors: list[SourceError] = []
    text = StrategyText.from_file(paths.strategy_text, metadata.section_markers(inputs["sections"]))
    indicators = {row["indicator_id"]: row for row in inputs["indicators"]}
    area_names = {row["area_code"]: row["area_name"] for row in inputs["areas"]}
    (home,) = [row["area_code"] for row in inputs["areas"] if row["role"] == contract.HOME_ROLE]  # validated: one
    figure_files = {
        r["name"].removeprefix(FIGURES): paths.data / r["path"]
        for r in contract.resources(paths)
        if r["name"].startswith(FIGURES)
    }
    shown = {theme: paths.relative(path) for theme, path in figure_files.items()}

    observations, found = figures.load_figures(figure_files, shown, text, indicators, area_names, home=home)
    errors += found
    for row in observations:
        row["source_kind"] = "strategy"
    sources, found = metadata.sources_table(inputs["sources"], text)
    errors += found
    village, found = ecosystem.village_table(inputs["village"], text)
    errors += found
    services, found = ecosystem.services_table(inputs["services"], text)
    errors += found
    levels, found = ecosystem.levels_table(inputs["levels_of_need"], text)
    errors += found

    lookup = _lookup(observations, village, services)
    checks, found = arithmetic.run_checks(inputs["arithmetic_checks"], lookup, home=home)
    errors += found
    issues, found = quality.quality_table(inputs["data_quality"], checks, lookup, text, home=home)
    errors += found
    errors += metadata.public_indicator_errors(inputs["public_indicators"], indicators)
    return Curated(inputs, observations, sources, village, services, levels, checks, issues, home), errors


def _tidy_tables(
    paths: DataPaths, curated: Curated, hashes: dict[str, str]
) -> tuple[dict[str, list[dict]], list[SourceError]]:
    """Every table, the releases' figures with the strategy's."""
    from loaders.releases.declarations import Declarations

    errors: list[SourceError] = []
    inputs, indicators = curated.inputs, curated.indicators
    declarations = Declarations.from_rows(
        inputs["release_datasets"], inputs["measure_aliases"], inputs["public_indicators"]
    )
    released = _releases(paths, declarations, hashes, errors)
    errors += metadata.release_id_errors(released.indicators, indicators)

    issues = curated.issues + _disagreements(inputs, curated.observations, released.rows, indicators, curated.home)
    every = _observations_table(curated.observations, released.rows)
    tables = {
        "observations": every,
        "indicators": metadata.indicators_table(
            inputs["indicators"], released.indicators, declarations, _counts(every["indicator_id"])
        ),
        "sources": curated.sources,
        "areas": metadata.areas_table(inputs["areas"], released.areas),
        "sections": metadata.sections_table(inputs["sections"]),
        "village": curated.village,
        "services": curated.services,
        "levels_of_need": curated.levels,
        "arithmetic_checks": curated.checks,
        "data_quality": issues,
        "indicator_links": [
            {k: v for k, v in link.items() if not k.startswith("curated_")} for link in inputs["indicator_links"]
        ],
        "releases": released.records,
        "statistical_neighbours": released.neighbours,
        "replacements": released.replacements,
    }
    return tables, errors


def _counts(column) -> dict[str, int]:
    """How many rows hold each value of an Arrow column."""
    import pyarrow as pa

    column = column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column
    return {entry["values"]: entry["counts"] for entry in column.value_counts().to_pylist()}


def _disagreements(inputs: dict, strategy: list[dict], released, indicators: dict, home: str) -> list[dict]:
    """Data-quality notes where the strategy and a linked release give different figures for one period."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from loaders.store.tables import as_text
    from loaders.strategy.links import disagreements

    links = inputs["indicator_links"]
    if released is None or not released.num_rows or not links:
        return []
    linked = pa.array(sorted({link["public_indicator_id"] for link in links}))
    ids = released["indicator_id"].cast(pa.string())
    mine = pc.and_(pc.is_in(ids, value_set=linked), pc.equal(released["area_code"], home))
    columns = ["indicator_id", "area_code", "period", "period_start", "period_end", "breakdown", "value", "unit"]
    rows = released.filter(mine).select([*columns, "status", "publisher", "release_file", "release_line"])
    rows = as_text(rows).to_pylist()

    titles = {key: row["title"] for key, row in indicators.items()}
    return disagreements(links, strategy, rows, titles, home)


def _releases(paths: DataPaths, declarations, hashes: dict[str, str], errors: list[SourceError]):
    """The published releases' figures, indicators, areas and records (none, and their problems added, if any
    file is bad)."""
    from loaders.releases import load

    try:
        return load.load(paths, declarations, hashes)
    except BuildError as exc:
        errors += exc.errors
        return load.Loaded()


def _observations_table(strategy: list[dict], released):
    """The strategy's figures and the releases' as one Arrow table of the tidy columns (indicators.tidy_schema)."""
    import pyarrow as pa

    from loaders.releases.indicators import plain, tidy_schema

    schema = tidy_schema()
    rows = [{name: row.get(name) for name in schema.names} for row in strategy]
    table = pa.Table.from_pylist(rows, schema=plain(schema)).cast(schema)
    return table if released is None or not released.num_rows else pa.concat_tables([table, released])


def _lookup(observations: list[dict], village: list[dict], services: list[dict]) -> dict[Ref, dict]:
    """Every row a reference can name, by reference."""
    lookup: dict[Ref, dict] = {}
    for row in observations:
        lookup[Ref("observations", (row["indicator_id"], row["area_code"], row["period"], row["breakdown"]))] = row
    for row in village:
        lookup[Ref("village", (row["group_id"],))] = {**row, "value": row["count"], "status": "observed"}
    for row in services:
        lookup[Ref("services", (row["service_id"], row["section_id"]))] = {**row, "value": row["count"]}
    return lookup


def _check_tidy(paths: DataPaths, tables: dict[str, list[dict]]) -> list[SourceError]:
    """The tidy checks (loaders.contract.tidy_checks) of every table the curated files make. The releases' figures are
    checked by their readers and loaders.releases.resolve, and are as the publishers give them: a progress score
    below zero or an agency rate above 100% is published, not wrong."""
    import pandas as pd

    from loaders.contract.schema import TABLES
    from loaders.contract.tidy_checks import tidy_errors

    units = contract.vocabulary(paths, "observations", "unit")
    statuses = contract.vocabulary(paths, "observations", "status")
    errors = []
    for name, rows in tables.items():
        frame = pd.DataFrame(rows)
        for column in TABLES[name]:  # a column no row has (the strategy's rows have no release columns) is empty
            if column.name not in frame:
                frame[column.name] = None
        errors += tidy_errors(name, frame, units=units, statuses=statuses)
    return errors


def _check_required(tables: dict) -> list[SourceError]:
    """Every table as written: each column the contract says is always given is given in every row (the small
    tables the releases add to: indicators, areas, data quality, releases, neighbours)."""
    import pyarrow as pa

    from loaders.contract.schema import TABLES

    errors = []
    for name, rows in tables.items():
        if name == "observations":
            continue  # the strategy's rows are checked in the curated stage, the releases' by their readers
        required = [c.name for c in TABLES[name] if not c.nullable]
        found = rows.select(required).to_pylist() if isinstance(rows, pa.Table) else rows
        for number, row in enumerate(found, start=1):
            missing = [column for column in required if row.get(column) is None]
            if missing:
                where = row.get("curated_file") or row.get("release_file") or f"the {name} table"
                errors.append(
                    SourceError(
                        where,
                        row.get("curated_line"),
                        missing[0],
                        f"is empty in row {number} of the {name} table, which needs it",
                    )
                )
    return errors


def _save(paths: DataPaths, tables: dict[str, list[dict]], hashes: dict[str, str], store) -> dict[str, int]:
    """Write every table into a new build and publish it; return the rows of each file written, by manifest key."""
    import pyarrow as pa

    from loaders.contract.schema import arrow_schema

    new = store.NewBuild(paths)
    written: dict[str, dict] = {}
    before = _previous_contents(paths)
    try:
        for name, rows in tables.items():
            schema = arrow_schema(name)
            if name == "observations":  # a file per indicator: a reader's filter on indicators skips the others
                parts = _by_indicator(rows)
            elif isinstance(rows, pa.Table):
                parts = [(f"{name}.parquet", rows.select(schema.names).cast(schema))]
            else:
                parts = [
                    (f"{name}.parquet", pa.Table.from_pylist([_public(row, schema) for row in rows], schema=schema))
                ]
            for relative, table in parts:
                content = content_hash(table)
                earlier = before.get(relative)
                if earlier and earlier["content"] == content and earlier["path"].exists():
                    new.link(earlier["path"], relative, earlier["sha256"])  # unchanged: the earlier file, linked
                else:
                    new.parquet(table, relative)
                key = relative.removesuffix(".parquet").replace("/", "_")
                written[key] = {
                    "table": name,
                    "path": relative,
                    "rows": table.num_rows,
                    "sha256": new.hashes[relative],
                    "content": content,
                }
        manifest = {
            "build": new.id,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "inputs": hashes,
            "inputs_hash": freshness.combined_hash(hashes),
            "tables": written,
        }
        new.json(manifest, paths.manifest.name)
        new.publish()
    except BaseException:
        new.abort()
        raise
    scratch.sweep(paths)
    return {key: entry["rows"] for key, entry in written.items()}


def _previous_contents(paths: DataPaths) -> dict[str, dict]:
    """The current build's files, by path, with their content hashes and where they are (none before a first
    build, or for a build whose manifest predates content hashes)."""
    manifest = freshness.read_manifest(paths.pinned()) or {}
    folder = paths.pinned().tables
    return {
        entry["path"]: {"content": entry["content"], "sha256": entry["sha256"], "path": folder / entry["path"]}
        for entry in manifest.get("tables", {}).values()
        if "content" in entry
    }


def content_hash(table) -> str:
    """A hash of a table's schema and values (its Arrow IPC stream): equal tables, equal hashes, without writing
    Parquet. A build links an earlier build's file whose content hash is the same instead of writing it again."""
    import hashlib

    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return hashlib.sha256(sink.getvalue()).hexdigest()


def _by_indicator(observations):
    """The observations (an Arrow table) as one table per indicator, each sorted by area, breakdown and time (a
    filter on areas then reads few row groups), each with the file it goes to, one after the other. Repeated text stays a dictionary,
    as Parquet stores it (loaders.store.tables reads it back as text). An indicator whose rows all come from one chunk
    (one release file, or the strategy) is taken from that chunk alone: nothing is copied twice."""
    import numpy as np
    import pyarrow as pa

    from loaders.releases.indicators import tidy_schema
    from loaders.releases.resolve import ranks

    schema = tidy_schema()
    table = observations.select([f.name for f in schema if f.name not in ("measure", "version")])
    if not table.num_rows:
        return
    indicator = ranks(table["indicator_id"])
    start = table["period_start"].cast(pa.int32()).fill_null(np.iinfo(np.int32).min).to_numpy()
    order = np.lexsort((ranks(table["period"]), start, ranks(table["breakdown"]), ranks(table["area_code"]), indicator))
    indicator = indicator[order]
    starts = [0, *(np.flatnonzero(indicator[1:] != indicator[:-1]) + 1).tolist(), len(indicator)]
    chunks = table.to_batches()
    bounds = np.cumsum([0, *(batch.num_rows for batch in chunks)])
    chunk_of = np.searchsorted(bounds, order, side="right") - 1
    for a, b in itertools.pairwise(starts):  # one at a time: a part is written (or found unchanged) and let go
        rows, which = order[a:b], chunk_of[a:b]
        if (which == which[0]).all():
            part = pa.Table.from_batches([chunks[which[0]].take(pa.array(rows - bounds[which[0]]))])
        else:
            part = table.take(pa.array(rows))
        name = part["indicator_id"][0].as_py()
        yield f"observations/{name}.parquet", compact(part)


def compact(table):
    """The table with each dictionary of text holding only the values its rows use, in the order they first appear:
    an indicator's file then depends on its own figures alone, never on what other files the build read (its
    bytes, and so its hash, change only when its figures do)."""
    import numpy as np
    import pyarrow as pa

    columns = []
    for column in table.columns:
        if not pa.types.is_dictionary(column.type):
            columns.append(column)
            continue
        chunk = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        if not len(chunk.dictionary):  # no value at all: nothing to keep
            columns.append(chunk)
            continue
        indices = chunk.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
        valid = chunk.indices.is_valid().to_numpy(zero_copy_only=False)
        used, first = np.unique(indices[valid], return_index=True)
        used = used[np.argsort(first)]  # in the order the rows first use them
        renumber = np.zeros(len(chunk.dictionary), dtype=np.int32)
        renumber[used] = np.arange(len(used), dtype=np.int32)
        mapped = pa.array(renumber[indices], mask=~valid)
        columns.append(pa.DictionaryArray.from_arrays(mapped, chunk.dictionary.take(pa.array(used, pa.int64()))))
    return pa.Table.from_arrays(columns, schema=table.schema)


def _public(row: dict, schema) -> dict:
    return {name: row.get(name) for name in schema.names}
