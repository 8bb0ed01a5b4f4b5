"""Published releases dropped into data/incoming/, end to end, on private copies of the data tree.

A dropped file is loaded into the tables atomically and the no-op build stays a no-op; overlapping releases are
resolved (an older release's figures superseded by a newer one's for the periods both cover, the same figure
from two downloads kept once, two files that reach the same period and disagree refused, naming both); a file the
build cannot read stops it with its file, line, column and reason while the tables stay as they were; and each
shipped release's record in the `releases` table is measured against counts made here with the csv module.

Every fixture is made from the shipped files in data/releases/: tests/fixtures/releases/incoming/README.md says
how, and `test_each_fixture_is_shipped_records_with_its_stated_change` checks it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders import freshness
from loaders.build import BuildReport, build
from loaders.errors import BuildError, SourceError
from loaders.paths import DEFAULT, ROOT, DataPaths
from loaders.published import decode, number
from loaders.store import sha256_of
from tests.conftest import FIXTURES, copy_data

HERE = FIXTURES / "releases" / "incoming"
BAD = sorted(p for p in (HERE / "bad").iterdir() if p.suffix != ".expected")

# The shipped releases, under a data tree (data/ or a copy of it).
FINGERTIPS = Path("releases/ohid_fingertips_child_injury_admissions/la_hospital_admissions_2324.csv")
B1 = Path("releases/dfe_ees_children_in_need_b1/b1_children_in_need_2013_to_2025.csv")
CLA = Path("releases/dfe_ees_cla_rate_per_10k/cla_number_and_rate_per_10k_children.csv")
KS4 = Path("releases/dfe_ees_ks4_outcomes_cin_cla/ks4_la.csv")
ONS = Path("releases/ons_census2021_ethnic_group_utla/ons-ethnic-population-la.csv")
SHIPPED = {FINGERTIPS: "fingertips", B1: "dfe_ees", CLA: "dfe_ees", KS4: "dfe_ees", ONS: "ons_census"}

# The fixtures (README.md there says how each was made).
OLDER_REVISED = "fingertips_bromley_to_2020_21_revised.csv"  # Bromley to 2020/21; Persons 2020/21 revised
OLDER_CP1252 = "fingertips_bromley_to_2020_21_cp1252_crlf.csv"  # Bromley to 2020/21, Windows-1252, CRLF
NEWER = "fingertips_bromley_2012_13_to_2023_24.csv"  # Bromley 2012/13 to 2023/24
DISAGREES = "fingertips_bromley_to_2023_24_disagrees.csv"  # Bromley to 2023/24; Persons 2023/24 differs
ROUNDED = "fingertips_bromley_to_2023_24_rounded.csv"  # Bromley to 2023/24; Persons 2010/11 to 5 decimals
OTHER_PARENT = "fingertips_bromley_parent_london.csv"  # Bromley, downloaded with London as the parent
CLA_REVISED = "cla_bromley_2021_to_2024_revised.csv"  # Bromley 2021-2024; the 2024 rate revised
ONS_BROMLEY = "ons_bromley.csv"  # Bromley's 20 records
SECOND_DOWNLOAD = "la_hospital_admissions_2324 (1).csv"  # the shipped Fingertips file's bytes, as a browser names them

BROMLEY = "E09000006"
INJURIES = "injury_admissions_0_14"
DFE_CODES = {"c", "x", "z", "u", "k"}
CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


# ---- helpers -------------------------------------------------------------------------------------------------


def csv_records(path: Path, encoding: str = "utf-8-sig") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each record with the file line it starts on, by the csv module alone."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        records, last = [], reader.line_num
        for fields in reader:
            records.append((last + 1, dict(zip(header, fields, strict=True))))
            last = reader.line_num
    return header, records


def drop(paths: DataPaths, source: Path, name: str | None = None) -> str:
    """Copy `source` into the tree's data/incoming/ (as `name`); return the path the build's messages show."""
    target = paths.data / "incoming" / (name or source.name)
    shutil.copyfile(source, target)
    return f"data/incoming/{target.name}"


def shown(relative: Path) -> str:
    return f"data/{relative.as_posix()}"


def table_hashes(paths: DataPaths) -> dict[str, str]:
    return {
        p.relative_to(paths.tables).as_posix(): sha256_of(p) for p in sorted(paths.tables.rglob("*")) if p.is_file()
    }


def released_figures(paths: DataPaths) -> int:
    """The figures the releases put in the tables, as the build's message counts them."""
    return sum(r["figures_kept"] for r in release_records(paths).values())


def release_records(paths: DataPaths) -> dict[str, dict]:
    """The `releases` table, by file."""
    return {r["release_file"]: r for r in pq.read_table(paths.tables / "releases.parquet").to_pylist()}


def observations(paths: DataPaths, indicator: str) -> list[dict]:
    return pq.read_table(paths.tables / "observations" / f"{indicator}.parquet").to_pylist()


def run_loaders(paths: DataPaths) -> subprocess.CompletedProcess:
    """`python -m loaders` as people run it, on the tree `paths`."""
    env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(paths.data)}
    return subprocess.run(
        [sys.executable, "-m", "loaders"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def value_of(cell: str) -> float | None:
    cell = cell.strip()
    return None if not cell or cell in DFE_CODES else float(cell.replace(",", ""))


def fingertips_figure(record: dict[str, str]) -> tuple[str, str | None, str]:
    """A Fingertips record's (period, breakdown type, breakdown) as the tables name them: the headline is Persons
    without a category; otherwise the sex and the category, joined (the shipped file publishes one age, "<15 yrs",
    so age is never a breakdown)."""
    parts = [(record["Sex"], "Sex")] if record["Sex"] != "Persons" else []
    if record["Category Type"]:
        parts.append((record["Category"], record["Category Type"]))
    if not parts:
        return record["Time period"], None, "all"
    return record["Time period"], parts[-1][1], " · ".join(part for part, _ in parts)


def bromley_injuries(paths: DataPaths) -> dict[tuple[str, str], dict]:
    """Bromley's injury admissions in the tables, by (period, breakdown)."""
    rows = [r for r in observations(paths, INJURIES) if r["area_code"] == BROMLEY]
    by_figure = {(r["period"], r["breakdown"]): r for r in rows}
    assert len(by_figure) == len(rows), "a figure is in the tables twice"
    return by_figure


def shipped_bromley_injuries(data: Path) -> dict[tuple[str, str], tuple[int, float]]:
    """Bromley's injury admissions as the shipped Fingertips file publishes them: (line, value)."""
    _, records = csv_records(data / FINGERTIPS)
    return {fingertips_figure(r)[::2]: (line, value_of(r["Value"])) for line, r in records if r["Area Code"] == BROMLEY}


# ---- the fixtures are shipped records --------------------------------------------------------------------------

# Each fixture: the shipped file it was cut from, its encoding, which shipped records it keeps, and its changes as
# (fixture line or None for every line, column, the cell in the fixture, the cell as shipped).
FT_PERIOD = "Time period"
MADE_FROM = {
    OLDER_REVISED: (
        FINGERTIPS,
        "utf-8",
        lambda r: r["Area Code"] == BROMLEY and r[FT_PERIOD] <= "2020/21",
        [(30, "Value", "50.0234", "68.07021")],
    ),
    OLDER_CP1252: (
        FINGERTIPS,
        "cp1252",
        lambda r: r["Area Code"] == BROMLEY and r[FT_PERIOD] <= "2020/21",
        [(None, "Indicator Name", "(aged 0–14 years)", "(aged 0 to 14 years)")],
    ),
    NEWER: (FINGERTIPS, "utf-8", lambda r: r["Area Code"] == BROMLEY and r[FT_PERIOD] >= "2012/13", []),
    DISAGREES: (FINGERTIPS, "utf-8", lambda r: r["Area Code"] == BROMLEY, [(39, "Value", "53.5941", "39.5687")]),
    ROUNDED: (FINGERTIPS, "utf-8", lambda r: r["Area Code"] == BROMLEY, [(2, "Value", "76.28465", "76.28465478")]),
    OTHER_PARENT: (
        FINGERTIPS,
        "utf-8",
        lambda r: r["Area Code"] == BROMLEY,
        [(None, "Parent Code", "E12000007", "E92000001"), (None, "Parent Name", "London", "England")],
    ),
    CLA_REVISED: (
        CLA,
        "utf-8-sig",
        lambda r: r["new_la_code"] == BROMLEY and r["time_period"] <= "2024",
        [(3, "rate_per_10000", "47", "48")],
    ),
    ONS_BROMLEY: (ONS, "utf-8-sig", lambda r: r["2023 Upper tier local authorities Code"] == BROMLEY, []),
    "bad/unreadable_number.csv": (
        FINGERTIPS,
        "utf-8",
        lambda r: r["Area Code"] == BROMLEY and r[FT_PERIOD] == "2023/24",
        [(4, "Value", "39,5687", "39.5687")],
    ),
    "bad/dfe_unknown_time_identifier.csv": (
        B1,
        "utf-8-sig",
        lambda r: r["new_la_code"] == BROMLEY and r["time_period"] in ("2024", "2025"),
        [(2, "time_identifier", "Spring term", "Reporting year")],
    ),
}


@pytest.mark.parametrize("name", sorted(MADE_FROM))
def test_each_fixture_is_shipped_records_with_its_stated_change(name):
    shipped, encoding, kept, changes = MADE_FROM[name]
    real_header, real = csv_records(DEFAULT.data / shipped)
    header, records = csv_records(HERE / name, encoding)
    assert header == real_header
    undone = []
    for line, record in records:
        for at, column, in_fixture, as_shipped in changes:
            if at in (None, line):
                assert in_fixture in record[column], (name, line, column)
                record = {**record, column: record[column].replace(in_fixture, as_shipped)}
        undone.append(record)
    assert undone == [r for _, r in real if kept(r)]  # the same records, in the shipped order
    if encoding == "utf-8" and not any(at is None for at, *_ in changes):  # untouched lines are the shipped bytes
        real_lines = set((DEFAULT.data / shipped).read_bytes().split(b"\n"))
        changed = {at for at, *_ in changes}
        lines = (HERE / name).read_bytes().split(b"\n")
        assert all(line in real_lines for at_line, line in enumerate(lines, 1) if at_line not in changed)


def test_the_windows_1252_fixture_has_crlf_and_a_byte_utf8_cannot_read():
    raw = (HERE / OLDER_CP1252).read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") == 30
    assert b"\x96" in raw  # the en dash, in Windows-1252
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_the_bad_fixtures_are_what_their_names_say():
    bad = HERE / "bad"
    assert (bad / "empty.csv").read_bytes() == b""
    assert (bad / "bom_only.csv").read_bytes() == codecs.BOM_UTF8
    assert (bad / "workbook.xlsx").read_bytes()[:4] == b"PK\x03\x04"
    assert (bad / "workbook_named_csv.csv").read_bytes() == (bad / "workbook.xlsx").read_bytes()
    _title, *rest = (bad / "title_row_above_header.csv").read_bytes().split(b"\n", 1)
    assert rest[0].startswith((DEFAULT.data / FINGERTIPS).read_bytes().split(b"\n", 1)[0])
    neither = (bad / "neither_encoding.csv").read_bytes()
    assert neither.count(b"\x81") == 1
    assert neither.split(b"\n")[2].replace(b"\x81", b"") in (DEFAULT.data / FINGERTIPS).read_bytes().split(b"\n")


# ---- Windows-1252 as Python reads it ---------------------------------------------------------------------------


@pytest.mark.parametrize("byte", CP1252_UNDEFINED, ids=[f"0x{b:02X}" for b in CP1252_UNDEFINED])
def test_a_byte_windows_1252_leaves_undefined_is_refused_with_its_line(tmp_path, byte):
    """Python's cp1252 codec refuses the five bytes Windows-1252 leaves undefined (none of them starts a UTF-8
    character either), so a file holding one is text in neither encoding: the message names its line."""
    with pytest.raises(UnicodeDecodeError):
        bytes([byte]).decode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        bytes([byte]).decode("utf-8")
    path = tmp_path / "x.csv"
    path.write_bytes(b"Indicator ID,Area Code\n90284,E09000006\n90284,E09000006" + bytes([byte]) + b"\n")
    with pytest.raises(SourceError) as raised:
        decode(path, "x.csv")
    assert (raised.value.file, raised.value.line) == ("x.csv", 3)
    assert f"byte 0x{byte:02X}" in raised.value.reason
    assert "is neither UTF-8 nor Windows-1252 text" in raised.value.reason


def test_every_other_high_byte_is_windows_1252_text():
    defined = [b for b in range(0x80, 0x100) if b not in CP1252_UNDEFINED]
    assert len(bytes(defined).decode("cp1252")) == len(defined)


# ---- numbers as Fingertips cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"), [("76.28465478", 76.28465478), (" 432 ", 432.0), ("1,234", 1234.0), ("1e-05", 1e-05), ("", None)]
)
def test_a_published_number_is_read(cell, value):
    assert number(cell, "x.csv", 2, "Value") == value


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("39,5687", " (a decimal comma? write 39.5687)"),
        ("nan", ""),
        ("inf", ""),
        ("1e400", ""),
        ("1_000", ""),
        ("c", ""),
    ],
)
def test_a_cell_float_alone_would_misread_is_not_a_number(cell, hint):
    """A decimal comma must not become 395687, nor "nan", "inf" or "1_000" figures: each is refused, named."""
    with pytest.raises(SourceError) as raised:
        number(cell, "x.csv", 2, "Value")
    assert str(raised.value) == f'x.csv, line 2, column "Value": "{cell}" is not a number{hint}'


# ---- several downloads dropped beside the shipped releases, built once ---------------------------------------


@dataclass
class Dropped:
    paths: DataPaths
    reason: str  # why the build said it had to build
    report: BuildReport
    shown: dict[str, str]  # fixture -> the path the build shows


@pytest.fixture(scope="module")
def dropped(built_copy, tmp_path_factory) -> Dropped:
    """A built copy with an older revised release, a second download with another parent, an older revised DfE
    release, a cut of the ONS file and the shipped Fingertips file again under another name in data/incoming/."""
    paths = copy_data(built_copy.data, tmp_path_factory.mktemp("dropped"), with_tables=True)
    names = {name: drop(paths, HERE / name) for name in (OLDER_REVISED, OTHER_PARENT, CLA_REVISED, ONS_BROMLEY)}
    names[SECOND_DOWNLOAD] = drop(paths, paths.data / FINGERTIPS, SECOND_DOWNLOAD)
    reason = freshness.check(paths).reason
    return Dropped(paths, reason, build(paths), names)


def test_files_dropped_into_incoming_trigger_a_build_that_loads_them(dropped, built_copy):
    assert dropped.reason.startswith("inputs changed since the last build: data/incoming/")
    assert dropped.report.built
    assert f"releases {released_figures(built_copy):,} from {len(SHIPPED) + 5} files" in dropped.report.message
    assert set(dropped.shown.values()) <= set(release_records(dropped.paths))


def test_overlapping_releases_change_no_figure_of_the_newer(dropped, built_copy):
    """Every figure the dropped files give is repeated or superseded by the shipped releases: every observation
    file is byte for byte the one built without them, and so are the shipped releases' records."""
    before = {k: v for k, v in table_hashes(built_copy).items() if k.startswith("observations/")}
    after = {k: v for k, v in table_hashes(dropped.paths).items() if k.startswith("observations/")}
    assert after == before
    records, base = release_records(dropped.paths), release_records(built_copy)
    assert {file: records[file] for file in base} == base


def test_an_older_revised_release_is_superseded_by_the_newer(dropped):
    record = release_records(dropped.paths)[dropped.shown[OLDER_REVISED]]
    assert (record["records"], record["figures_read"]) == (29, 29)
    assert (record["figures_kept"], record["superseded"], record["repeated"]) == (0, 1, 28)
    assert (record["areas"], record["first_period"], record["newest_period"]) == (0, None, None)  # nothing kept
    line, value = shipped_bromley_injuries(dropped.paths.data)[("2020/21", "all")]
    kept = bromley_injuries(dropped.paths)[("2020/21", "all")]
    assert (kept["value"], kept["release_file"], kept["release_line"]) == (value, shown(FINGERTIPS), line)
    assert value == 68.07021  # as the newer release publishes it, not the older's 50.0234


def test_the_same_figure_from_a_download_with_another_parent_is_kept_once(dropped):
    record = release_records(dropped.paths)[dropped.shown[OTHER_PARENT]]
    assert (record["figures_read"], record["figures_kept"], record["superseded"], record["repeated"]) == (38, 0, 0, 38)
    in_tables = bromley_injuries(dropped.paths)
    assert {figure: row["value"] for figure, row in in_tables.items()} == {
        figure: value for figure, (_, value) in shipped_bromley_injuries(dropped.paths.data).items()
    }
    assert {row["release_file"] for row in in_tables.values()} == {shown(FINGERTIPS)}


def test_the_same_bytes_under_another_name_add_nothing(dropped):
    records = release_records(dropped.paths)
    copy = records[dropped.shown[SECOND_DOWNLOAD]]
    assert copy["release_sha256"] == records[shown(FINGERTIPS)]["release_sha256"]
    assert copy["dataset"].endswith(f"(the same file as {shown(FINGERTIPS)})")
    assert (copy["figures_kept"], copy["areas"], copy["newest_period"]) == (0, 0, None)
    assert [r["release_file"] for r in records.values() if "the same file as" in r["dataset"]] == [copy["release_file"]]


def test_a_record_of_several_figures_counts_each_figure_once(dropped):
    """The revised DfE line holds two figures: its rate, superseded, and its count, repeated."""
    record = release_records(dropped.paths)[dropped.shown[CLA_REVISED]]
    assert (record["records"], record["figures_read"]) == (12, 36)  # population estimate, count and rate
    assert (record["figures_kept"], record["superseded"], record["repeated"]) == (0, 1, 11)
    _, shipped = csv_records(dropped.paths.data / CLA)
    ((line, published),) = [
        (line, r)
        for line, r in shipped
        if r["new_la_code"] == BROMLEY
        and r["time_period"] == "2024"
        and r["population_type"] == "Children looked after on 31 March each year"
    ]
    for indicator, column in (("cla_rate_31_march", "rate_per_10000"), ("cla_31_march", "children_count")):
        (kept,) = [
            r for r in observations(dropped.paths, indicator) if r["area_code"] == BROMLEY and r["period"] == "2023/24"
        ]
        assert (kept["value"], kept["release_file"], kept["release_line"]) == (
            float(published[column]),
            shown(CLA),
            line,
        )


def test_a_derived_figure_given_again_is_counted_repeated_not_kept(dropped):
    record = release_records(dropped.paths)[dropped.shown[ONS_BROMLEY]]
    assert (record["figures_read"], record["figures_kept"], record["repeated"]) == (20, 0, 21)  # 20 counts, 1 share
    (share,) = [r for r in observations(dropped.paths, "census_minority_ethnic_share") if r["area_code"] == BROMLEY]
    assert share["release_file"] == shown(ONS)


def test_the_build_after_a_successful_one_does_nothing(dropped):
    before = {p: p.stat().st_mtime_ns for p in dropped.paths.tables.rglob("*")}
    report = build(dropped.paths)
    assert not report.built
    assert report.message.startswith("Nothing to do: ")
    assert {p: p.stat().st_mtime_ns for p in dropped.paths.tables.rglob("*")} == before


# ---- releases that overlap, without the shipped Fingertips file --------------------------------------------------


def test_a_newer_release_supersedes_an_older_only_for_the_periods_both_cover(data_copy):
    """An older release (to 2020/21, one figure revised), the same in Windows-1252 with CRLF, and a newer one
    (from 2012/13): the newer's figures win where they overlap; the two oldest years come from an older file (of
    the two, which agree, the one read first: the Windows-1252 one, its name sorting first)."""
    (data_copy.data / FINGERTIPS).unlink()
    older, cp1252, newer = (drop(data_copy, HERE / name) for name in (OLDER_REVISED, OLDER_CP1252, NEWER))
    assert build(data_copy).built

    records = release_records(data_copy)
    assert (records[newer]["figures_kept"], records[newer]["first_period"], records[newer]["newest_period"]) == (
        36,
        "2012/13",
        "2023/24",
    )
    assert (records[cp1252]["encoding"], records[cp1252]["figures_kept"], records[cp1252]["repeated"]) == (
        "cp1252",
        2,
        27,
    )
    assert "(aged 0–14 years)" in records[cp1252]["dataset"]  # the en dash read as Windows-1252
    assert (records[older]["figures_kept"], records[older]["superseded"], records[older]["repeated"]) == (0, 1, 28)
    assert (records[cp1252]["first_period"], records[cp1252]["newest_period"]) == ("2010/11", "2011/12")

    in_tables = bromley_injuries(data_copy)
    assert {figure: row["value"] for figure, row in in_tables.items()} == {
        figure: value for figure, (_, value) in shipped_bromley_injuries(DEFAULT.data).items()
    }
    _, cp1252_records = csv_records(HERE / OLDER_CP1252, "cp1252")
    two_oldest = {(r[FT_PERIOD], "all"): line for line, r in cp1252_records if r[FT_PERIOD] < "2012/13"}
    assert {
        figure: (row["release_file"], row["release_line"]) for figure, row in in_tables.items() if figure in two_oldest
    } == {figure: (cp1252, line) for figure, line in two_oldest.items()}
    assert {row["release_file"] for figure, row in in_tables.items() if figure not in two_oldest} == {newer}


# ---- releases that disagree ----------------------------------------------------------------------------------


def test_two_releases_reaching_the_same_period_that_disagree_stop_the_build(data_copy):
    dropped = drop(data_copy, HERE / DISAGREES)
    before = table_hashes(data_copy)

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    message = str(raised.value)
    assert message.startswith("1 problem in the sources; no table was changed.")
    line, value = shipped_bromley_injuries(data_copy.data)[("2023/24", "all")]
    assert (line, value) == (2634, 39.5687)
    assert (
        f'{dropped}, line 39, column "value": gives {INJURIES} for {BROMLEY}, 2023/24, all as 53.5941, but '
        f"{shown(FINGERTIPS)} line 2634 gives 39.5687, and both releases reach 2023/24, so neither supersedes the other"
    ) in message
    assert table_hashes(data_copy) == before


def test_a_disagreement_names_both_values_as_published(data_copy):
    """The values differ in the seventh significant digit; the message shows each as its file writes it."""
    dropped = drop(data_copy, HERE / ROUNDED)
    before = table_hashes(data_copy)

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    (error,) = raised.value.errors
    assert (error.file, error.line, error.column) == (dropped, 2, "value")
    assert f"as 76.28465, but {shown(FINGERTIPS)} line 43 gives 76.28465478," in error.reason
    assert table_hashes(data_copy) == before


# ---- files the build cannot read -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", BAD, ids=[p.name for p in BAD])
def test_a_file_the_build_cannot_read_stops_it_and_changes_no_table(data_copy, bad):
    dropped = drop(data_copy, bad)
    before = table_hashes(data_copy)
    assert dropped in freshness.check(data_copy).reason

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    message = str(raised.value)
    assert message.startswith("1 problem in the sources; no table was changed.")
    for expected in bad.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        assert expected in message, f"missing {expected!r} in:\n{message}"
    assert table_hashes(data_copy) == before
    assert release_records(data_copy).keys() == {shown(file) for file in SHIPPED}  # and readable
    (data_copy.data.parent / dropped).unlink()  # taken out again, the tables are the ones the manifest lists
    assert freshness.check(data_copy).fresh


# ---- python -m loaders ---------------------------------------------------------------------------------------


def said(stderr: str) -> tuple[str, list[dict]]:
    """stderr split into what people read and the JSON event lines a log collector reads (loaders.log)."""
    lines = stderr.splitlines(keepends=True)
    events = [json.loads(line) for line in lines if line.startswith('{"at"')]
    return "".join(line for line in lines if not line.startswith('{"at"')), events


def test_python_m_loaders_loads_a_dropped_file_then_has_nothing_to_do(data_copy):
    figures = released_figures(data_copy)
    dropped = drop(data_copy, HERE / OLDER_REVISED)

    first = run_loaders(data_copy)
    words, events = said(first.stderr)
    assert (first.returncode, words) == (0, "")
    assert [(e["event"], e["outcome"]) for e in events] == [("build", "built")]
    assert first.stdout.startswith("Built ")
    assert f"because inputs changed since the last build: {dropped}." in first.stdout
    assert f"releases {figures:,} from {len(SHIPPED) + 1} files" in first.stdout
    assert release_records(data_copy)[dropped]["superseded"] == 1

    again = run_loaders(data_copy)
    words, events = said(again.stderr)
    assert (again.returncode, words) == (0, "")
    assert [(e["event"], e["outcome"]) for e in events] == [("build", "unchanged")]
    assert again.stdout.startswith("Nothing to do: ")


def test_python_m_loaders_refuses_every_bad_file_in_sentences_without_a_traceback(data_copy):
    for bad in BAD:
        drop(data_copy, bad)
    before = table_hashes(data_copy)

    result = run_loaders(data_copy)
    words, events = said(result.stderr)

    assert (result.returncode, result.stdout) == (1, "")
    assert words.startswith(f"Build failed: {len(BAD)} problems in the sources; no table was changed.\n")
    for bad in BAD:
        for expected in bad.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            assert expected in words
    assert "Traceback" not in result.stderr
    assert all(line.startswith("  - data/incoming/") for line in words.splitlines()[1:])
    assert [(e["event"], e["problems"]) for e in events] == [("build_failed", len(BAD))]
    assert table_hashes(data_copy) == before


# ---- each shipped release, measured with the csv module --------------------------------------------------------


def declared() -> list[dict[str, str]]:
    with (DEFAULT.metadata / "public_indicators.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def selection(indicator: dict[str, str]) -> dict[str, str]:
    terms = [t.partition("=") for t in indicator["select"].split(";") if t.strip()]
    return {column.strip(): value.strip() for column, _, value in terms}


def period_order(label: str) -> tuple[int, str]:
    return int(label[:4]), label


@dataclass
class Measured:
    """A shipped file as the csv module reads it: its records, figures and the declared figures it gives."""

    records: int
    figures_read: int
    figures: dict[tuple, list[str]]  # (indicator, area, period, breakdown type, breakdown) -> cells as published
    derived: dict[tuple, float]  # the same key -> a value worked out from the file's counts
    not_declared: str | None


def measure_fingertips(path: Path, indicators: list[dict]) -> Measured:
    _, records = csv_records(path)
    ids = {i["publisher_indicator_id"]: i["indicator_id"] for i in indicators if i["format"] == "fingertips"}
    figures = defaultdict(list)
    for _, r in records:
        if r["Indicator ID"] in ids:
            period, kind, breakdown = fingertips_figure(r)
            figures[(ids[r["Indicator ID"]], r["Area Code"], period, kind, breakdown)].append(r["Value"])
    undeclared = sorted({r["Indicator ID"] for _, r in records} - ids.keys())
    return Measured(len(records), len(records), dict(figures), {}, ", ".join(undeclared) or None)


def dfe_period(record: dict[str, str]) -> str:
    period, identifier = record["time_period"], record["time_identifier"]
    if identifier == "Reporting year":
        return f"{int(period) - 1}/{period[-2:]}"
    assert identifier == "Academic year", identifier
    return f"{period[:4]}-{period[4:]}"


DFE_AREA = {"National": "country_code", "Regional": "region_code", "Local authority": "new_la_code"}


def measure_dfe(path: Path, indicators: list[dict]) -> Measured:
    header, records = csv_records(path)

    def is_figure(cell: str) -> bool:
        try:
            float(cell.replace(",", ""))
        except ValueError:
            return cell in DFE_CODES
        return True

    measures = [
        column
        for column in header
        if column not in ("time_period", "time_identifier", "geographic_level")
        and not column.endswith(("_code", "_name"))
        and any(is_figure(r[column]) for _, r in records)
    ]
    figures, matched = defaultdict(list), set()
    for _, r in records:
        for indicator in indicators:
            column, by = indicator["publisher_indicator_id"], indicator["breakdown_by"]
            if indicator["format"] != "dfe_ees" or column not in measures:
                continue
            if all(r.get(c) == v for c, v in selection(indicator).items()):
                matched.add(column)
                key = (
                    indicator["indicator_id"],
                    r[DFE_AREA[r["geographic_level"]]],
                    dfe_period(r),
                    by.replace("_", " ") if by else None,
                    r[by] if by else "all",
                )
                figures[key].append(r[column])
    undeclared = ", ".join(sorted(set(measures) - matched)) or None
    return Measured(len(records), len(records) * len(measures), dict(figures), {}, undeclared)


def measure_ons(path: Path, indicators: list[dict]) -> Measured:
    header, records = csv_records(path)
    area, variable = header[0], header[3]
    (counts,) = [i for i in indicators if i["publisher_indicator_id"] == variable and not i["derive"]]
    (share,) = [i for i in indicators if i["publisher_indicator_id"] == variable and i["derive"]]
    prefix = share["derive"].removeprefix("share_excluding:")
    figures, totals = {}, defaultdict(lambda: [0.0, 0.0])
    for _, r in records:
        key = (counts["indicator_id"], r[area], "2021", variable, r[variable])
        assert key not in figures
        figures[key] = [r["Observation"]]
        if r[header[2]] != "-8":  # "Does not apply" is no group of residents
            totals[r[area]][0] += float(r["Observation"])
            totals[r[area]][1] += float(r["Observation"]) if r[variable].startswith(prefix) else 0
    derived = {
        (share["indicator_id"], code, "2021", None, "all"): 100 * (total - excluded) / total
        for code, (total, excluded) in totals.items()
        if total
    }
    return Measured(len(records), len(records), figures, derived, None)


MEASURE = {"fingertips": measure_fingertips, "dfe_ees": measure_dfe, "ons_census": measure_ons}


@pytest.fixture(scope="module")
def measured() -> dict[Path, Measured]:
    indicators = declared()
    return {file: MEASURE[kind](DEFAULT.data / file, indicators) for file, kind in SHIPPED.items()}


def suppressed_by_code(cells: list[str], kind: str) -> str | None:
    """The suppression code of a figure published as missing ("blank" for an empty Fingertips value)."""
    cell = cells[0].strip()
    if kind == "fingertips":
        return "blank" if not cell else None
    return cell if cell in DFE_CODES else None


@pytest.mark.parametrize("file", list(SHIPPED), ids=[f.parent.name for f in SHIPPED])
def test_each_shipped_release_is_recorded_as_the_csv_module_counts_it(built_copy, measured, file):
    kind, m = SHIPPED[file], measured[file]
    for key, cells in m.figures.items():  # a figure the file gives twice gives the same value: kept once
        assert len(set(cells)) == 1, (key, cells)
    kept = {**m.figures, **m.derived}
    periods = sorted({key[2] for key in kept}, key=period_order)
    suppressed = Counter(code for cells in m.figures.values() if (code := suppressed_by_code(cells, kind)))
    expected = {
        "release_file": shown(file),
        "release_sha256": hashlib.sha256((built_copy.data / file).read_bytes()).hexdigest(),
        "format": kind,
        "encoding": "utf-8-sig",
        "records": m.records,
        "figures_read": m.figures_read,
        "figures_kept": len(kept),
        "suppressed": suppressed.total(),
        "superseded": 0,
        "repeated": sum(len(cells) - 1 for cells in m.figures.values()),
        "not_declared": m.not_declared,
        "areas": len({key[1] for key in kept}),
        "first_period": periods[0],
        "newest_period": periods[-1],
    }
    record = release_records(built_copy)[shown(file)]
    assert {k: record[k] for k in expected} == expected

    # Invariants: a figure kept was read (or, for a share, worked out from figures read); Bromley is in each.
    assert record["figures_kept"] - len(m.derived) <= record["figures_read"]
    assert record["suppressed"] <= record["figures_kept"]
    assert BROMLEY in {key[1] for key in kept}

    # What the tables hold from the file: every figure once, the suppressed ones with their codes.
    rows = [
        r for i in {key[0] for key in kept} for r in observations(built_copy, i) if r["release_file"] == shown(file)
    ]
    assert len(rows) == record["figures_kept"]
    assert Counter(r["suppression"] for r in rows if r["status"] == "suppressed") == suppressed
    assert {(r["indicator_id"], r["area_code"], r["period"], r["breakdown_type"], r["breakdown"]) for r in rows} == set(
        kept
    )


def bromley_latest(m: Measured, indicator: str) -> tuple[str, dict[str, float | None]]:
    """An indicator's newest period for Bromley in a measured file, and its values there by breakdown."""
    mine = {k: cells[0] for k, cells in m.figures.items() if k[0] == indicator and k[1] == BROMLEY}
    mine |= {k: value for k, value in m.derived.items() if k[0] == indicator and k[1] == BROMLEY}
    newest = max((k[2] for k in mine), key=period_order)
    return newest, {k[4]: v if isinstance(v, float) else value_of(v) for k, v in mine.items() if k[2] == newest}


@pytest.mark.parametrize("indicator", [i["indicator_id"] for i in declared()])
def test_bromleys_latest_value_is_the_one_published(built_copy, measured, indicator):
    (m,) = [m for m in measured.values() if any(k[0] == indicator for k in {**m.figures, **m.derived})]
    newest, published = bromley_latest(m, indicator)
    rows = [r for r in observations(built_copy, indicator) if r["area_code"] == BROMLEY]
    latest = max(rows, key=lambda r: r["period_end"])
    assert latest["period"] == newest
    in_tables = {r["breakdown"]: r["value"] for r in rows if r["period"] == newest}
    assert in_tables.keys() == published.keys()
    for breakdown, value in published.items():
        assert (in_tables[breakdown] is None) == (value is None), breakdown
        if value is not None:
            assert math.isclose(in_tables[breakdown], value, rel_tol=1e-12), breakdown
