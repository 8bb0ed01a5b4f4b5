"""Load a published release from the dashboard: check the uploaded bytes, preview what they would change, add them.

An upload goes through the same build as a file an analyst copies into `data/incoming/`, so it is read, checked
and refused with the same rules and messages (file, line, column, reason), and written with the same atomic
steps. Three steps, one public function each, none of them Streamlit's:

- `check(name, data)`: what can be refused from the bytes alone, before anything is copied: too big, empty,
  a spreadsheet or zip, neither UTF-8 nor Windows-1252, not a format the build reads, a cell that would run as
  a spreadsheet formula when the figures are downloaded and opened.
- `preview(name, data, paths)`: the build run on a scratch copy of the data tree with the file added; its
  errors are the file's problems, and its observations, compared by key with the current ones, are what
  loading would add or replace.
- `apply(name, data, paths)`: under the tree's build lock, copy the bytes into `data/incoming/` under a safe
  name and build; if the build refuses the file, take it out again (the tables were never touched).

A file that would change nothing is said to be so, with the reason, and is not added: its bytes are already loaded
(the same sha256 as a file under data/releases/ or data/incoming/); it is the same release as a loaded file re-saved
(the same text once read, only line endings, encoding or byte-order mark differ); or, found by the scratch build,
every figure it gives is already loaded, with the same value, from other files (the build's `releases` table says
which: `repeated_from`).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from loaders import csv_text
from loaders.build import adds_nothing, build
from loaders.errors import BuildError, SourceError
from loaders.intake import audit
from loaders.paths import DEFAULT, DataPaths
from loaders.releases import cache, recognise
from loaders.releases.files import release_files
from loaders.releases.published import NUMBER_PATTERN
from loaders.releases.resolve import KEY
from loaders.store import lock

# The largest upload taken. .streamlit/config.toml sets Streamlit's own limit, `[server] maxUploadSize`, in
# megabytes of 1024 x 1024 bytes, to the same number (a test keeps them equal).
MAX_MEGABYTES = 50
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024

# A cell starting with one of these runs as a formula when a spreadsheet opens the figures downloaded from the
# dashboard ("=HYPERLINK(...)", "@SUM(...)"); a tab or carriage return can hide one. A number is not a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_CELLS_NAMED = 20  # the first cells named one by one; the rest are counted
# A number, or one written with a decimal comma ("-1,5": the build refuses it with its own hint), is no formula.
_NUMBER = re.compile(rf"{NUMBER_PATTERN}|[+-]?\d+,\d+")
_MAYBE_FORMULA = re.compile(r'(?:^|,)"?[=+\-@\t\r]', re.MULTILINE)  # a cheap look before reading every cell

FORMATS = recognise.FORMATS
UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._() -]+")
LONGEST_STEM = 100
SKIPPED_NAMES = {"readme.md"}  # data/incoming/README.md is the folder's notes, never read as a release
NOT_IN_TABLES = "—"


@dataclass
class Preview:
    """What loading a file would do, worked out on a scratch copy: nothing changes until `apply`."""

    name: str  # the file's name as the person gave it
    refusals: list[SourceError] = field(default_factory=list)  # why it cannot be loaded (none when it can)
    already: str | None = None  # the loaded file with the same bytes, or the same release re-saved
    nothing: str | None = None  # why loading it would change nothing, in words: then it is not offered
    format: str = ""  # in words: "an OHID Fingertips data export"
    dataset: str = ""  # as the publisher names it
    figures_read: int = 0  # every figure the file publishes, declared as an indicator or not
    added: int = 0  # figures (by key) the tables do not have yet
    replaced: int = 0  # figures the tables have with another value (or suppression)
    unchanged: int = 0  # figures of the file the tables already hold with the same value, or it gives twice
    superseded: int = 0  # figures of the file a newer release already gives: not used
    removed: int = 0  # figures the tables would lose (none, unless the build's rules change)
    tables_changed: list[str] = field(default_factory=list)  # tables besides the figures and releases that change
    indicators_read: int = 0  # indicators the file's figures feed (every measure is one)
    undeclared: int = 0  # of those, how many no declaration names: titled as the publisher names them
    skipped: str | None = None  # what the build left out of the file, and why
    indicators: list[str] = field(default_factory=list)  # titles of the indicators whose figures change
    areas: list[str] = field(default_factory=list)  # names of the areas whose figures change
    periods: list[str] = field(default_factory=list)  # periods whose figures change, in time order
    changes: object = None  # a pandas DataFrame: every figure that would change, in words, before and after
    build: str | None = None  # the build it was worked out against: confirming checks the tables are still it

    @property
    def ok(self) -> bool:
        """Whether the file can be loaded: it is readable and would change something."""
        return not self.refusals and self.already is None and self.nothing is None


@dataclass
class Applied:
    """What `apply` did: the file's place in data/incoming/ and the build's report, or why it did nothing."""

    name: str
    refusals: list[SourceError] = field(default_factory=list)
    already: str | None = None
    nothing: str | None = None  # why it was not added: it would change nothing
    stored: str | None = None  # "data/incoming/<safe name>"
    message: str = ""  # the build's own report
    stale: Preview | None = None  # the tables changed since the preview confirmed: nothing done, a fresh preview
    effect: Preview | None = None  # what it did: the build before and the build after, compared by key

    @property
    def ok(self) -> bool:
        return self.stored is not None


STALE = "the tables changed since your preview"


# ---- check ---------------------------------------------------------------------------------------------------


def check(name: str, data: bytes) -> list[SourceError]:
    """What can be refused from the bytes alone, with the build's own messages where the build has one: the
    size, emptiness, a spreadsheet or zip, the encoding, the format (by the header), and spreadsheet formulas."""
    shown = display_name(name)
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        return [
            SourceError(
                shown,
                None,
                None,
                f"is {size:,.1f} MB, over the {MAX_MEGABYTES} MB the dashboard takes; copy it into data/incoming/ "
                "on the server and run python -m loaders instead",
            )
        ]
    try:
        text = csv_text.decode(data, shown).text
        recognise.format_of(csv_text.head_of_bytes(data, shown)[0], shown)
    except SourceError as problem:
        return [problem]
    return formula_cells(text, shown)


def formula_cells(text: str, shown: str) -> list[SourceError]:
    """Cells that start like a spreadsheet formula, by line and column (the first ones, then a count).

    A published release never holds one; a file that does was edited or made to harm whoever opens the
    figures in a spreadsheet later, so it is refused rather than stored and passed on in downloads."""
    if not _MAYBE_FORMULA.search(text):  # most files: no cell can start so; skip reading every cell
        return []
    found: list[SourceError] = []
    more = 0
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    last = 0
    for fields in reader:
        line, last = last + 1, reader.line_num
        header = header or [f.strip() for f in fields]
        for position, cell in enumerate(fields):
            if not cell.startswith(FORMULA_STARTS) or _NUMBER.fullmatch(cell.strip()):
                continue
            if len(found) == FORMULA_CELLS_NAMED:
                more += 1
                continue
            column = header[position] if line > 1 and position < len(header) else None
            found.append(SourceError(shown, line, column, _formula_reason(cell)))
    if more:
        found.append(SourceError(shown, None, None, f"and {more:,} more cells start like a spreadsheet formula"))
    return found


def _formula_reason(cell: str) -> str:
    start = {"\t": "a tab", "\r": "a carriage return"}.get(cell[0], f'"{cell[0]}"')
    shown = cell.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (
        f'"{shown}" starts with {start}, so a spreadsheet would run it as a formula; a published release never '
        "has one: download the file again from its publisher"
    )


def display_name(name: str) -> str:
    """The file's own name as the person gave it (a browser may send a path), for messages."""
    return re.split(r"[\\/]", name)[-1].strip() or "the uploaded file"


def safe_name(name: str) -> str:
    """A name to store the file under in data/incoming/: its own letters, digits, spaces and ._()- only, never
    hidden (the build skips dot-files) nor README.md, and not too long for a file system."""
    cleaned = UNSAFE_CHARACTERS.sub("_", display_name(name)).strip(" .")
    stem, suffix = os.path.splitext(cleaned)
    cleaned = stem[:LONGEST_STEM] + suffix[:LONGEST_STEM]
    if not stem or cleaned.lower() in SKIPPED_NAMES:
        cleaned = f"upload-{cleaned}" if stem else "upload.csv"
    return cleaned


def already_loaded(data: bytes, paths: DataPaths) -> str | None:
    """The release file (shipped or in data/incoming/) with exactly these bytes, as messages name it; else None."""
    digest = hashlib.sha256(data).hexdigest()
    for path in release_files(paths):
        if path.stat().st_size == len(data) and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return paths.relative(path)
    return None


def same_release(data: bytes, paths: DataPaths) -> tuple[str, str] | None:
    """The loaded release file (shipped or in data/incoming/) these bytes are a re-saved copy of, and why it is
    the same release in words; else None. The same release: the same text once read as the build reads it (UTF-8
    or Windows-1252, a byte-order mark dropped), line endings and a last newline aside, so every figure and line is
    the same. Files with another header, or another number of lines, are not read whole."""
    shown = "the uploaded file"
    try:
        header = csv_text.head_of_bytes(data, shown)[0]
        text = csv_text.decode(data, shown)
    except SourceError:
        return None
    mine = _lines(text.text)
    for path in release_files(paths):
        try:
            if csv_text.head(path, shown)[0] != header:
                continue
            other = path.read_bytes()
            if abs(_line_count(other) - _line_count(data)) > 1:  # a last newline more or less
                continue
            theirs = csv_text.decode(other, shown)
        except SourceError:  # a file the build refuses is nobody's copy
            continue
        if _lines(theirs.text) == mine and other != data:
            return paths.relative(path), _differences(data, text.encoding, other, theirs.encoding)
    return None


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def _line_count(data: bytes) -> int:
    return data.count(b"\n") or data.count(b"\r")


ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


def _endings(data: bytes) -> str:
    return "CRLF" if b"\r\n" in data else "LF" if b"\n" in data else "CR" if b"\r" in data else "none"


def _differences(mine: bytes, my_encoding: str, theirs: bytes, their_encoding: str) -> str:
    """How a file differs from another of the same text, in words: "its line endings (CRLF, where that file has
    LF)"."""
    found = []
    if _endings(mine) != _endings(theirs):
        found.append(f"its line endings ({_endings(mine)}, where that file has {_endings(theirs)})")
    if my_encoding != their_encoding:
        found.append(
            f"its encoding ({ENCODING_NAMES[my_encoding]}, where that file is {ENCODING_NAMES[their_encoding]})"
        )
    marks = [data.startswith(codecs.BOM_UTF8) for data in (mine, theirs)]
    if marks[0] != marks[1]:
        found.append(f"having {'a' if marks[0] else 'no'} byte-order mark at its start")
    ends = [data.endswith((b"\n", b"\r")) for data in (mine, theirs)]
    if ends[0] != ends[1]:
        found.append(f"having {'a' if ends[0] else 'no'} newline at its end")
    return " and ".join(found) if found else "its line endings"


def _same_release_words(file: str, differences: str) -> str:
    return f"it is the same release as {file}: its figures are identical, and it differs only in {differences}"


# ---- preview -------------------------------------------------------------------------------------------------


def preview(name: str, data: bytes, paths: DataPaths = DEFAULT) -> Preview:
    """What loading the file would do: the build run on a scratch copy of the tree with the file in its
    data/incoming/, its observations compared with the current tables by key. The copy is always removed."""
    shown = display_name(name)
    paths = paths.pinned()  # the build compared with, named in the preview so a confirm can check it is current
    refusals = check(name, data)
    if refusals:
        return Preview(shown, refusals=refusals, build=paths.build)
    already = already_loaded(data, paths)
    if already:
        nothing = f"it is already loaded, as {already} (the same bytes)"
        return Preview(shown, already=already, nothing=nothing, build=paths.build)
    same = same_release(data, paths)
    if same:
        return Preview(shown, already=same[0], nothing=_same_release_words(*same), build=paths.build)
    with tempfile.TemporaryDirectory(prefix="borough-insight-preview-") as folder:
        scratch = scratch_copy(paths, Path(folder))
        stored = _store(scratch, name, data)
        try:
            build(scratch, force=True)
        except BuildError as exc:
            return Preview(shown, refusals=_as_named(exc.errors, scratch.relative(stored), shown), build=paths.build)
        return _compare(shown, paths, scratch, scratch.relative(stored))


NOT_INPUTS = ("tables", lock.LOCK_NAME, "audit", "removed")  # what a build never reads: not copied for a preview


def scratch_copy(paths: DataPaths, folder: Path) -> DataPaths:
    """The tree's inputs (not its tables, nor the audit record or removed releases) under `folder`/data. Files are
    hard-linked where the file system allows (a build only reads its inputs, and a large release is not copied for a
    preview), else copied."""
    shutil.copytree(paths.data, folder / "data", ignore=shutil.ignore_patterns(*NOT_INPUTS), copy_function=_link)
    (folder / "data" / "incoming").mkdir(exist_ok=True)
    copy = DataPaths(folder / "data")
    kept = cache.folder(paths)
    if kept.is_dir():  # the files read before, so the scratch build re-reads only the new one
        shutil.copytree(kept, cache.folder(copy), copy_function=_link, ignore=shutil.ignore_patterns("*.tmp-*"))
    return copy


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, target)


def _store(paths: DataPaths, name: str, data: bytes) -> Path:
    """Write the bytes into the tree's data/incoming/ under a safe name no other file has, atomically: written
    under a dot-name the build skips, flushed, then renamed, so a build never reads half a file."""
    target = free_name(paths.data / "incoming", safe_name(name))
    temporary = target.parent / f".{target.name}.upload-{os.getpid()}"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target


def free_name(folder: Path, wanted: str) -> Path:
    """`folder`/`wanted`, or, if a file has that name, "name (2).csv" and so on: another release of the same name
    is kept beside it, as a browser names a second download."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(wanted)
    target, copy = folder / wanted, 1
    while target.exists():
        copy += 1
        target = folder / f"{stem} ({copy}){suffix}"
    return target


def _as_named(errors: list[SourceError], stored: str, shown: str) -> list[SourceError]:
    """The build's problems with the stored file called by the name the person gave it."""
    return [
        SourceError(shown if e.file == stored else e.file, e.line, e.column, e.reason.replace(stored, shown))
        for e in errors
    ]


# ---- compare the scratch build with the tables -----------------------------------------------------------------

FIGURE = ("value", "status", "suppression")  # what makes two rows of one key the same figure
CHANGE_ORDER = {"Replaced": 0, "Returned": 1, "Removed": 2, "Added": 3}
CHANGE_COLUMNS = ["Change", "Indicator", "Area", "Period", "Breakdown", "Before", "After", "key"]


@dataclass
class Differences:
    """Two builds' figures compared by key (rows as dicts), and the other tables whose hashes differ."""

    added: list[dict]  # keys only the later build has
    removed: list[dict]  # keys only the earlier build has
    replaced: list[tuple[dict, dict]]  # (earlier, later): another value or suppression
    same: list[tuple[dict, dict]]  # (earlier, later): the same figure, perhaps given by another file now
    tables_changed: list[str]
    titles: dict[str, str]  # indicator titles and area names, of the later build, for words
    areas: dict[str, str]


def differences(before: DataPaths, after: DataPaths) -> Differences:
    """Every figure that differs between two builds (a build and a scratch one, or one before and one after a
    change), by the tables' key. Only the observation files whose hashes differ are read: a file of one indicator
    that a change leaves alone cannot hold a difference."""
    before, after = before.pinned(), after.pinned()  # one build each throughout, however many land meanwhile
    now, then = _observation_files(after), _observation_files(before)
    changed = sorted(path for path, digest in now.items() if then.get(path) != digest)
    others_now, others_then = _other_tables(after), _other_tables(before)
    tables_changed = sorted(name for name in others_now.keys() | others_then.keys()
                            if others_now.get(name) != others_then.get(name))  # fmt: skip
    lost = sorted(set(then) - set(now))
    old, new = _figures(before, changed + lost), _figures(after, changed)
    pairs = [(old[key], new[key]) for key in new.keys() & old.keys()]
    return Differences(
        added=[new[key] for key in new.keys() - old.keys()],
        removed=[old[key] for key in old.keys() - new.keys()],
        replaced=[(o, n) for o, n in pairs if not all(_same(n[c], o[c]) for c in FIGURE)],
        same=[(o, n) for o, n in pairs if all(_same(n[c], o[c]) for c in FIGURE)],
        tables_changed=tables_changed,
        # Names from both builds: an indicator or area a change takes away is still named in words.
        titles=_names(before, "indicators", "indicator_id", "title")
        | _names(after, "indicators", "indicator_id", "title"),
        areas=_names(before, "areas", "area_code", "area_name") | _names(after, "areas", "area_code", "area_name"),
    )


def changes_table(changes: list[tuple[str, dict | None, dict | None]], found: Differences):
    """Figures that change, in words, one row each: (change, earlier row or None, later row or None), sorted by
    change, indicator, area and period in time."""
    import pandas as pd

    rows = [_change(change, old, new, found.titles, found.areas) for change, old, new in changes]
    rows.sort(key=lambda c: (CHANGE_ORDER[c["Change"]], c["Indicator"], c["Area"], c.pop("order")))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _compare(shown: str, paths: DataPaths, scratch: DataPaths, stored: str) -> Preview:
    """The scratch build (or the build after a change) against the tables before, by key."""
    # ---- Load inputs ---------------------------------------------------------------------------------------
    paths = paths.pinned()  # one build throughout, even if another lands while this one is read
    record = _release_record(scratch, stored)
    found = differences(paths, scratch)

    # ---- Process data --------------------------------------------------------------------------------------
    added, removed, replaced = found.added, found.removed, found.replaced
    unchanged = sum(new["release_file"] == stored for _, new in found.same)
    taken_from = {old["release_file"] for old, new in found.same
                  if new["release_file"] == stored and old["release_file"] != stored}  # fmt: skip
    titles, areas = found.titles, found.areas
    touched = added + [new for _, new in replaced]
    changes = [("Added", None, row) for row in added] + [("Replaced", old, new) for old, new in replaced]
    changes += [("Removed", row, None) for row in removed]
    in_time_order = sorted(touched, key=lambda row: _when(row))
    tables_changed = found.tables_changed
    changes_nothing = not (added or replaced or removed or record["superseded"] or tables_changed)
    return Preview(
        shown,
        build=paths.build,
        nothing=_why_nothing(record, taken_from) if changes_nothing else None,
        tables_changed=tables_changed,
        format=FORMATS.get(record["format"], record["format"]),
        dataset=record["dataset"],
        figures_read=record["figures_read"],
        added=len(added),
        replaced=len(replaced),
        unchanged=record["repeated"] + unchanged,
        superseded=record["superseded"],
        removed=len(removed),
        indicators_read=record["indicators"],
        undeclared=record["indicators"] - record["indicators_declared"],
        skipped=record["skipped_why"],
        indicators=sorted({titles.get(r["indicator_id"], r["indicator_id"]) for r in touched}),
        areas=sorted({areas.get(r["area_code"], r["area_code"]) for r in touched}),
        periods=list(dict.fromkeys(row["period"] for row in in_time_order)),
        changes=changes_table(changes, found),
    )


def _why_nothing(record: dict, taken_from: set[str]) -> str:
    """Why a file whose figures would all stay as they are changes nothing, in words: the files that already give
    its figures (the build's `repeated_from`, and any whose figures it would only take the place of)."""
    others = {name for name in (record["repeated_from"] or "").split("; ") if name} | taken_from
    if others:
        files = sorted(others)
        named = files[0] if len(files) == 1 else f"{', '.join(files[:-1])} and {files[-1]}"
        return f"every figure it gives is already loaded, with the same value, from {named}"
    return adds_nothing(record) or "every figure it gives is already in the tables with the same value"


def _same(new, old) -> bool:
    """Whether two cells hold the same figure: equal, or both missing (NaN is never equal to itself)."""
    missing = (new is None or new != new, old is None or old != old)
    return all(missing) or (not any(missing) and new == old)


def _when(row: dict) -> tuple:
    """A period's place in time: dated periods by their start, then undated ones by name."""
    start = row["period_start"]
    return (start is None, str(start), row["period"])


def _observation_files(paths: DataPaths) -> dict[str, str]:
    """The observation files the manifest lists, with their hashes (none before a first build)."""
    from loaders.store.freshness import read_manifest

    manifest = read_manifest(paths) or {}
    return {t["path"]: t["sha256"] for t in manifest.get("tables", {}).values() if t["table"] == "observations"}


def _other_tables(paths: DataPaths) -> dict[str, str]:
    """The tables besides the observations and the releases (which lists every file), with their hashes: what else
    a file could change (its indicators' words, areas, neighbours, replacements, data-quality notes)."""
    from loaders.store.freshness import read_manifest

    manifest = read_manifest(paths) or {}
    tables = manifest.get("tables", {}).values()
    return {t["table"]: t["sha256"] for t in tables if t["table"] not in ("observations", "releases")}


def _figures(paths: DataPaths, files: list[str]) -> dict[tuple, dict]:
    """Every row of these observation files (those missing from the tree left out), by the tables' key."""
    import pyarrow.parquet as pq

    columns = [*KEY, *FIGURE, "period_start", "release_file"]
    rows = {}
    for name in files:
        if (paths.tables / name).exists():
            for row in pq.read_table(paths.tables / name, columns=columns).to_pylist():
                rows[tuple(row[k] or "" if k == "breakdown_type" else row[k] for k in KEY)] = row
    return rows


def _release_record(paths: DataPaths, stored: str) -> dict:
    import pyarrow.parquet as pq

    records = pq.read_table(paths.tables / "releases.parquet").to_pylist()
    (record,) = [r for r in records if r["release_file"] == stored]
    return record


def _names(paths: DataPaths, table: str, key: str, name: str) -> dict[str, str]:
    import pyarrow.parquet as pq

    rows = pq.read_table(paths.tables / f"{table}.parquet", columns=[key, name]).to_pylist()
    return {row[key]: row[name] for row in rows}


def _change(change: str, old: dict | None, new: dict | None, titles: dict[str, str], areas: dict[str, str]) -> dict:
    """One figure that would change, in words: its key, and its value before and after in full, as published
    (an analyst compares them with the file). `key` is the tables' own (indicator, area, period, breakdown type,
    breakdown); `order` sorts periods in time."""
    row = new or old
    kind, group = row["breakdown_type"], row["breakdown"]
    return {
        "Change": change,
        "Indicator": titles.get(row["indicator_id"], row["indicator_id"]),
        "Area": f"{areas.get(row['area_code'], row['area_code'])} ({row['area_code']})",
        "Period": row["period"],
        "Breakdown": f"{kind}: {group}" if kind else group,
        "Before": _value(old) if old else NOT_IN_TABLES,
        "After": _value(new) if new else NOT_IN_TABLES,
        "key": (row["indicator_id"], row["area_code"], row["period"], kind or None, group),
        "order": (*_when(row), kind or "", group),
    }


def _value(row: dict) -> str:
    """A figure as the file gives it: the value in full, or its suppression code."""
    value, suppression = row["value"], row["suppression"]
    if value is None or value != value:  # None or NaN: not published
        return f"suppressed ({suppression})" if suppression else "not published"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# ---- apply ---------------------------------------------------------------------------------------------------


def apply(
    name: str,
    data: bytes,
    paths: DataPaths = DEFAULT,
    *,
    who: str = "not named",
    against: str | None = None,
    source: Path | None = None,
) -> Applied:
    """Add the file to the tables: under the tree's build lock, copy the bytes into data/incoming/ under a safe
    name, then build as `python -m loaders` does. If the build refuses the file, the file is taken out again and
    its problems returned; the tables were never touched (a build writes nothing until every check passes).

    `against`: the build the person's preview was made against (`Preview.build`); if the tables are another build
    by the time the lock is held, nothing is done and `stale` holds a fresh preview to show instead. `source`: a
    removed release kept under data/removed/ (the same bytes) to move back rather than write anew: a restore.
    Every file added is recorded, with `who` and its effect, in the audit record (loaders.intake.audit)."""
    shown = display_name(name)
    refusals = check(name, data)
    if refusals:
        return Applied(shown, refusals=refusals)
    with lock.exclusive(paths):
        if against is not None and paths.current_build() != against:
            stale = True
        else:
            stale = False
            applied = _apply_locked(shown, name, data, paths, who, source)
    if stale:  # worked out after letting go of the lock: a preview builds only a scratch copy
        return Applied(shown, nothing=STALE, stale=preview(name, data, paths))
    return applied


def _apply_locked(shown: str, name: str, data: bytes, paths: DataPaths, who: str, source: Path | None) -> Applied:
    already = already_loaded(data, paths)  # inside the lock: the same file twice at once is loaded once
    if already:
        return Applied(shown, already=already, nothing=f"it is already loaded, as {already} (the same bytes)")
    same = same_release(data, paths)
    if same:
        return Applied(shown, already=same[0], nothing=_same_release_words(*same))
    before = paths.pinned()
    stored = _place(paths, name, data, source)
    try:
        report = build(paths)
        # Loaded since its preview by another file, its figures may all be repeats now: taken out again.
        nothing = adds_nothing(_release_record(paths, paths.relative(stored)))
        if nothing:
            _take_out(stored, source)
            build(paths)
            return Applied(shown, nothing=nothing.replace(paths.relative(stored), shown))
    except BuildError as exc:
        _take_out(stored, source)
        return Applied(shown, refusals=_as_named(exc.errors, paths.relative(stored), shown))
    except BaseException:
        _take_out(stored, source)
        raise
    effect = _compare(shown, before, paths.pinned(), paths.relative(stored))
    audit.append(
        paths,
        who=who,
        action="restore" if source else "upload",
        file=shown,
        stored=paths.relative(stored),
        sha256=hashlib.sha256(data).hexdigest(),
        added=effect.added,
        replaced=effect.replaced,
        superseded=effect.superseded,
        removed=effect.removed,
        returned=0,
        build=paths.current_build(),
    )
    return Applied(shown, stored=paths.relative(stored), message=report.message, effect=effect)


def _place(paths: DataPaths, name: str, data: bytes, source: Path | None) -> Path:
    """The file in data/incoming/: written there, or (a restore) moved back from where it was kept."""
    if source is None:
        return _store(paths, name, data)
    target = free_name(paths.data / "incoming", safe_name(name))
    os.replace(source, target)
    return target


def _take_out(stored: Path, source: Path | None) -> None:
    """Undo `_place`: a written file is deleted; a restored one goes back where it was kept, never deleted."""
    if source is None:
        stored.unlink(missing_ok=True)
    elif stored.exists():
        os.replace(stored, source)
