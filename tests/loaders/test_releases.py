"""Published releases dropped into data/incoming/, end to end, on private copies of the data tree.

A dropped file is loaded into the tables atomically and the no-op build stays a no-op; overlapping releases are
resolved (an older release's figures superseded by a newer one's for the periods both cover, the same figure
from two downloads kept once, two files that reach the same period and disagree refused, naming both); a file the
build cannot read stops it with its file, line, column and reason while the tables stay as they were; every
replacement is recorded with both values, files and lines; and each of the sixteen shipped releases' records in the
`releases` table, and the figures and indicators it gives, are measured against counts made with the csv module
(tests/loaders/shipped.py).

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

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders.build import BuildReport, build
from loaders.csv_text import decode
from loaders.errors import BuildError, SourceError
from loaders.paths import DEFAULT, ROOT, DataPaths
from loaders.releases.published import not_a_number, read_numbers
from loaders.releases.resolve import NEWER_RELEASE
from loaders.store import freshness
from loaders.store.publish import sha256_of
from loaders.store.tables import as_text
from tests.conftest import FIXTURES, copy_data
from tests.loaders import shipped
from tests.loaders.readers import replacement, replacements

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

HERE = FIXTURES / "releases" / "incoming"
BAD = sorted(p for p in (HERE / "bad").iterdir() if p.suffix != ".expected")

# The shipped releases, under a data tree (data/ or a copy of it).
FINGERTIPS = Path("releases/ohid_fingertips_child_injury_admissions/la_hospital_admissions_2324.csv")
B1 = Path("releases/dfe_ees_children_in_need_b1/b1_children_in_need_2013_to_2025.csv")
CLA = Path("releases/dfe_ees_cla_rate_per_10k/cla_number_and_rate_per_10k_children.csv")
KS4 = Path("releases/dfe_ees_ks4_outcomes_cin_cla/ks4_la.csv")
ONS = Path("releases/ons_census2021_ethnic_group_utla/ons-ethnic-population-la.csv")
C1 = Path("releases/dfe_ees_cin_referrals_c1/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv")
MYE = Path("releases/ons_mid_year_estimates_children/ons_mid-year_population_estimates_2012_to_2024.csv")
SHIPPED = [p.relative_to(DEFAULT.data) for p in shipped.shipped_files(DEFAULT)]  # every one, sixteen

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
    """The figures the releases put in the observations, as the build's message counts them (the neighbour model's
    pairs go to a table of their own)."""
    return sum(r["figures_kept"] for r in release_records(paths).values() if r["format"] != "dfe_neighbours")


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


value_of = shipped.value_of


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
    raw = b"Indicator ID,Area Code\n90284,E09000006\n90284,E09000006" + bytes([byte]) + b"\n"
    with pytest.raises(SourceError) as raised:
        decode(raw, "x.csv")
    assert (raised.value.file, raised.value.line) == ("x.csv", 3)
    assert f"byte 0x{byte:02X}" in raised.value.reason
    assert "is neither UTF-8 nor Windows-1252 text" in raised.value.reason


def test_every_other_high_byte_is_windows_1252_text():
    defined = [b for b in range(0x80, 0x100) if b not in CP1252_UNDEFINED]
    assert len(bytes(defined).decode("cp1252")) == len(defined)


# ---- numbers as publishers write them --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [("76.28465478", 76.28465478), (" 432 ", 432.0), ("1,234", 1234.0), ("1,234,567.5", 1234567.5), ("1e-05", 1e-05)],
)
def test_a_published_number_is_read(cell, value):
    numbers = read_numbers(pa.array([cell, "2"]))  # with a plain number beside it, and alone
    alone = read_numbers(pa.array([cell]))
    assert numbers.values[0] == alone.values[0] == value
    assert not numbers.unreadable.any() and not numbers.empty.any()


def test_an_empty_cell_or_a_code_is_no_number_and_no_problem():
    numbers = read_numbers(pa.array(["", " ", "c", "low", "12"]), ("c", "low"))
    assert numbers.empty.tolist() == [True, True, False, False, False]
    assert numbers.unreadable.tolist() == [False] * 5
    assert math.isnan(numbers.values[2]) and numbers.values[4] == 12


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("39,5687", " (a decimal comma? write 39.5687)"),
        ("nan", ""),
        ("inf", ""),
        ("1e400", ""),
        ("1_000", ""),
        ("c", ""),  # a DfE code, in a file whose numbers have no codes
        ("12,34", " (a decimal comma? write 12.34)"),
    ],
)
def test_a_cell_float_alone_would_misread_is_not_a_number(cell, hint):
    """A decimal comma must not become 395687, nor "nan", "inf" or "1_000" figures: each is unreadable, named."""
    for cells in ([cell], [cell, "2"]):  # alone, and beside a number Arrow reads
        numbers = read_numbers(pa.array(cells))
        assert numbers.unreadable.tolist()[0] and math.isnan(numbers.values[0])
    assert not_a_number(cell) == f'"{cell}" is not a number{hint}'


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


# Where two releases reach the same period and give the same figure, the one kept is the first by file name and line
# (loaders.releases.resolve: never the order files happen to be read in). Every dropped file's path,
# data/incoming/..., sorts before every shipped one's, data/releases/...: a dropped download that ties with a shipped
# release keeps its figures, and the shipped release's are counted repeated.
assert "data/incoming/" < "data/releases/"
PROVENANCE = ["release_file", "release_sha256", "release_line", "release_dataset", "release_period"]


def test_files_dropped_into_incoming_trigger_a_build_that_loads_them(dropped, built_copy):
    assert dropped.reason.startswith("inputs changed since the last build: data/incoming/")
    assert dropped.report.built
    assert f"releases {released_figures(built_copy):,} from {len(SHIPPED) + 5} files" in dropped.report.message
    assert set(dropped.shown.values()) <= set(release_records(dropped.paths))


def observation_table(paths: DataPaths, indicator: str) -> pa.Table:
    """An indicator's observation file as its rows read (repeated text, kept as dictionaries, as text)."""
    return as_text(pq.read_table(paths.tables / "observations" / f"{indicator}.parquet"))


def test_overlapping_releases_change_no_value_of_the_newer(dropped, built_copy):
    """Every figure the dropped files give is repeated or superseded by the shipped releases, which keep a tie's
    provenance: every indicator's observation file is, byte for byte, the one built without them (a file's text
    dictionaries hold only what its own rows use)."""
    files = sorted(p.name for p in (built_copy.tables / "observations").glob("*.parquet"))
    assert files == sorted(p.name for p in (dropped.paths.tables / "observations").glob("*.parquet"))
    for name in files:
        old = (built_copy.tables / "observations" / name).read_bytes()
        assert (dropped.paths.tables / "observations" / name).read_bytes() == old, name


def test_an_older_revised_release_is_superseded_by_the_newer(dropped):
    record = release_records(dropped.paths)[dropped.shown[OLDER_REVISED]]
    assert (record["records"], record["figures_read"]) == (29, 29)
    assert (record["figures_kept"], record["superseded"], record["repeated"]) == (0, 1, 28)
    assert (record["areas"], record["first_period"], record["newest_period"]) == (0, None, None)  # nothing kept
    _, value = shipped_bromley_injuries(dropped.paths.data)[("2020/21", "all")]
    kept = bromley_injuries(dropped.paths)[("2020/21", "all")]
    assert value == 68.07021  # as the newer releases publish it, not the older's 50.0234
    assert (kept["value"], kept["release_file"]) == (value, shown(FINGERTIPS))  # a tie's shipped file keeps it


def line_of(path: Path, wanted, encoding: str = "utf-8-sig") -> tuple[int, dict[str, str]]:
    """The one record of `path` for which `wanted(record)` holds, with its line (by the csv module)."""
    (found,) = [(line, r) for line, r in csv_records(path, encoding)[1] if wanted(r)]
    return found


def test_each_replacement_is_recorded_with_both_values_files_and_lines(dropped):
    """The two figures the dropped releases revised, each replaced by a newer release: the replacements table
    names the figure, both values, both files and both lines (found here from the files)."""
    persons_2020 = lambda r: r[FT_PERIOD] == "2020/21" and fingertips_figure(r)[2] == "all"  # noqa: E731
    older_line, older = line_of(HERE / OLDER_REVISED, persons_2020)
    newer_line, newer = line_of(
        dropped.paths.data / FINGERTIPS, lambda r: r["Area Code"] == BROMLEY and persons_2020(r)
    )
    march = "Children looked after on 31 March each year"
    rate_2024 = lambda r: r["time_period"] == "2024" and r["population_type"] == march  # noqa: E731
    cla_old_line, cla_old = line_of(HERE / CLA_REVISED, rate_2024)
    cla_new_line, cla_new = line_of(dropped.paths.data / CLA, lambda r: r["new_la_code"] == BROMLEY and rate_2024(r))
    assert sorted(replacements(dropped.paths), key=lambda r: r["indicator_id"]) == [
        replacement(
            "cla_rate_31_march",
            BROMLEY,
            "2023/24",
            NEWER_RELEASE,
            (cla_old["rate_per_10000"], dropped.shown[CLA_REVISED], cla_old_line),
            (cla_new["rate_per_10000"], shown(CLA), cla_new_line),
        ),
        replacement(
            INJURIES,
            BROMLEY,
            "2020/21",
            NEWER_RELEASE,
            (older["Value"], dropped.shown[OLDER_REVISED], older_line),
            (newer["Value"], shown(FINGERTIPS), newer_line),
        ),
    ]
    assert (older_line, cla_old_line, float(older["Value"]), float(cla_old["rate_per_10000"])) == (30, 3, 50.0234, 47)
    assert sum(r["superseded"] for r in release_records(dropped.paths).values()) == 2


def test_the_same_figure_from_a_download_with_another_parent_is_kept_once(dropped, built_copy):
    """The same 38 figures as the shipped file gives for Bromley, downloaded with London as the parent: kept once,
    from the shipped file (a shipped file keeps a tie's provenance), and counted repeated in the download's record."""
    record = release_records(dropped.paths)[dropped.shown[OTHER_PARENT]]
    assert (record["figures_read"], record["figures_kept"], record["superseded"], record["repeated"]) == (38, 0, 0, 38)
    ours, before = release_records(dropped.paths)[shown(FINGERTIPS)], release_records(built_copy)[shown(FINGERTIPS)]
    assert (ours["figures_kept"], ours["repeated"]) == (before["figures_kept"], before["repeated"])
    in_tables = bromley_injuries(dropped.paths)
    assert {figure: row["value"] for figure, row in in_tables.items()} == {
        figure: value for figure, (_, value) in shipped_bromley_injuries(dropped.paths.data).items()
    }
    assert {row["release_file"] for row in in_tables.values()} == {shown(FINGERTIPS)}
    assert record["repeated_from"] == shown(FINGERTIPS)  # which file gives the figures it repeats


def test_the_same_bytes_under_another_name_add_nothing(dropped):
    records = release_records(dropped.paths)
    copy = records[dropped.shown[SECOND_DOWNLOAD]]
    assert copy["release_sha256"] == records[shown(FINGERTIPS)]["release_sha256"]
    assert copy["dataset"].endswith(f"(the same file as {shown(FINGERTIPS)})")
    assert (copy["figures_read"], copy["figures_kept"], copy["areas"], copy["newest_period"]) == (2660, 0, 0, None)
    assert [r["release_file"] for r in records.values() if "the same file as" in r["dataset"]] == [copy["release_file"]]
    assert copy["repeated_from"] == shown(FINGERTIPS)
    (line,) = [x for x in dropped.report.message.splitlines() if x.startswith(f"  - {copy['release_file']}:")]
    assert f"adds nothing, since every figure it gives repeats {shown(FINGERTIPS)}" in line


def test_a_release_resaved_with_crlf_and_dropped_into_incoming_is_said_to_add_nothing(data_copy, measured):
    """A shipped release re-saved with Windows line endings (CRLF) and copied into data/incoming/: other bytes, the
    same figures. The build keeps every figure once, from the shipped file; the copy's record and the build's summary
    say it adds nothing, naming the file it repeats; no observation changes."""
    original = (data_copy.data / FINGERTIPS).read_bytes()
    assert b"\r" not in original  # shipped with LF line endings
    (data_copy.data / "incoming" / "injuries (2).csv").write_bytes(original.replace(b"\n", b"\r\n"))
    observation_files = lambda: {  # noqa: E731
        path: table["sha256"]
        for path, table in freshness.read_manifest(data_copy)["tables"].items()
        if table["table"] == "observations"
    }
    before = observation_files()

    report = build(data_copy)

    m = measured[shown(FINGERTIPS)]  # the shipped file as the csv module reads it
    records = release_records(data_copy)
    copy, ours = records["data/incoming/injuries (2).csv"], records[shown(FINGERTIPS)]
    read = m.figures_read
    assert (copy["figures_read"], copy["figures_kept"], copy["superseded"], copy["repeated"]) == (read, 0, 0, read)
    assert copy["repeated_from"] == shown(FINGERTIPS)
    assert (ours["figures_kept"], ours["repeated_from"]) == (len(m.figures), None)  # the shipped file keeps its own
    (line,) = [x for x in report.message.splitlines() if x.startswith("  - data/incoming/injuries (2).csv:")]
    assert line.startswith(
        f"  - data/incoming/injuries (2).csv: adds nothing, since every figure it gives repeats {shown(FINGERTIPS)}: "
        f"{read:,} figures read, 0 kept,"
    )
    assert observation_files() == before


def test_a_record_of_several_figures_counts_each_figure_once(dropped):
    """Each revised DfE record holds three figures (population estimate, count and rate): the one revised rate is
    superseded, the others repeated, each counted once."""
    _, revised = csv_records(HERE / CLA_REVISED)
    _, published = csv_records(dropped.paths.data / CLA)
    measures = ["population_estimate", "children_count", "rate_per_10000"]
    by_record = {(r["time_period"], r["population_type"]): r for _, r in published if r["new_la_code"] == BROMLEY}
    differ = [
        (r["time_period"], m)
        for _, r in revised
        for m in measures
        if r[m] != by_record[(r["time_period"], r["population_type"])][m]
    ]
    assert differ == [("2024", "rate_per_10000")]
    record = release_records(dropped.paths)[dropped.shown[CLA_REVISED]]
    assert (record["records"], record["figures_read"]) == (len(revised), len(revised) * len(measures)) == (12, 36)
    assert (record["figures_kept"], record["superseded"], record["repeated"]) == (0, len(differ), 36 - len(differ))
    line, kept_record = line_of(
        dropped.paths.data / CLA,
        lambda r: (
            r["new_la_code"] == BROMLEY
            and r["time_period"] == "2024"
            and r["population_type"].startswith("Children looked after on")
        ),
    )
    for indicator, column in (("cla_rate_31_march", "rate_per_10000"), ("cla_31_march", "children_count")):
        (kept,) = [
            r for r in observations(dropped.paths, indicator) if r["area_code"] == BROMLEY and r["period"] == "2023/24"
        ]
        assert (kept["value"], kept["release_file"], kept["release_line"]) == (
            float(kept_record[column]),
            shown(CLA),
            line,
        )


def test_a_derived_figure_given_again_is_counted_once(dropped, built_copy):
    """The ONS cut gives Bromley's 20 counts, and from them its share, as the shipped file does: each kept once, from
    the shipped file; the cut's record counts all 21 repeated."""
    record = release_records(dropped.paths)[dropped.shown[ONS_BROMLEY]]
    assert (record["figures_read"], record["figures_kept"], record["derived"], record["repeated"]) == (20, 0, 0, 21)
    ours, before = release_records(dropped.paths)[shown(ONS)], release_records(built_copy)[shown(ONS)]
    assert (ours["figures_kept"], ours["derived"], ours["repeated"]) == (
        before["figures_kept"],
        before["derived"],
        before["repeated"],
    )
    (share,) = [r for r in observations(dropped.paths, "census_minority_ethnic_share") if r["area_code"] == BROMLEY]
    (shipped_share,) = [
        r for r in observations(built_copy, "census_minority_ethnic_share") if r["area_code"] == BROMLEY
    ]
    assert (share["release_file"], share["value"]) == (shown(ONS), shipped_share["value"])


def test_the_build_after_a_successful_one_does_nothing(dropped):
    before = {p: p.stat().st_mtime_ns for p in dropped.paths.tables.rglob("*")}
    report = build(dropped.paths)
    assert not report.built
    assert report.message.startswith("Nothing to do: ")
    assert {p: p.stat().st_mtime_ns for p in dropped.paths.tables.rglob("*")} == before


# ---- releases that overlap, without the shipped Fingertips file --------------------------------------------------


@pytest.mark.slow
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
    """Neither file is kept: the message names both, with their lines and values, filed against the dropped file
    (the shipped file comes first in the order a tie is kept by)."""
    dropped = drop(data_copy, HERE / DISAGREES)
    before = table_hashes(data_copy)

    with pytest.raises(BuildError) as raised:
        build(data_copy)

    message = str(raised.value)
    assert message.startswith("1 problem in the sources; no table was changed.")
    line, value = shipped_bromley_injuries(data_copy.data)[("2023/24", "all")]
    assert (line, value) == (2634, 39.5687)
    ours, _ = line_of(HERE / DISAGREES, lambda r: r[FT_PERIOD] == "2023/24" and fingertips_figure(r)[2] == "all")
    assert ours == 39
    assert (
        f'{dropped}, line 39, column "value": gives {INJURIES} for {BROMLEY}, 2023/24, all as 53.5941, '
        f"but {shown(FINGERTIPS)} line 2634 gives 39.5687, and both releases reach 2023/24, so neither supersedes the "
        "other; take out the one that is wrong (or older): a file dropped into data/incoming/ is taken out by deleting it"
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


@pytest.mark.slow
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


@pytest.fixture(scope="module")
def measured() -> dict[str, shipped.Measured]:
    """Every shipped release as the csv module reads it (tests/loaders/shipped.py), by the path the build shows."""
    return shipped.measure(DEFAULT)


@pytest.fixture(scope="module")
def kept_by_file(built_copy) -> dict[str, list[tuple]]:
    """Every observation the releases put in the built tables, by file: (key, status, suppression)."""
    columns = ["indicator_id", "area_code", "period", "breakdown_type", "breakdown", "status", "suppression"]
    found = defaultdict(list)
    for path in sorted((built_copy.tables / "observations").glob("*.parquet")):
        table = pq.read_table(path, columns=[*columns, "release_file", "source_kind"])
        if "release" not in set(table.column("source_kind").to_pylist()):
            continue
        for row in table.to_pylist():
            if row["source_kind"] == "release":
                found[row["release_file"]].append(
                    (tuple(row[c] for c in columns[:5]), row["status"], row["suppression"])
                )
    return found


def test_every_shipped_file_is_measured():
    """Sixteen shipped releases: twelve DfE files, the ONS mid-year estimates in the EES layout, a Fingertips export,
    a Census custom dataset and the DfE's statistical neighbour model."""
    assert len(SHIPPED) == 16
    formats = Counter(m.format for m in shipped.measure(DEFAULT).values())
    assert formats == {"dfe_ees": 13, "fingertips": 1, "ons_census": 1, "dfe_neighbours": 1}


@pytest.mark.parametrize("file", SHIPPED, ids=[f.parent.name for f in SHIPPED])
def test_each_shipped_release_is_recorded_as_the_csv_module_counts_it(built_copy, measured, kept_by_file, file):
    m = measured[shown(file)]
    assert m.differing == [], "a figure the file gives twice gives the same value: kept once"
    assert m.sha256 == hashlib.sha256((built_copy.data / file).read_bytes()).hexdigest()
    expected = shipped.expected_record(m, shipped.la_numbers(measured))
    record = release_records(built_copy)[shown(file)]
    assert {k: record[k] for k in expected} == expected
    assert set(record) == set(expected)  # every column of the releases table is measured here

    # Invariants: a figure kept was read (or, for a share, worked out from figures read); Bromley is in each.
    assert record["figures_kept"] - record["derived"] <= record["figures_read"]
    assert record["suppressed"] <= record["figures_kept"]
    if m.format == "dfe_neighbours":
        assert BROMLEY in {
            row["area_code"] for row in pq.read_table(built_copy.tables / "statistical_neighbours.parquet").to_pylist()
        }
        return
    kept = {**m.figures, **m.derived}
    assert BROMLEY in {key[1] for key in kept}

    # What the tables hold from the file: every figure once, the suppressed ones with their codes.
    rows = kept_by_file[shown(file)]
    assert len(rows) == record["figures_kept"]
    assert {key for key, _, _ in rows} == set(kept)
    assert Counter(code for _, status, code in rows if status == "suppressed") == m.suppressed()


def test_every_measure_of_every_release_is_an_indicator(built_copy, measured):
    """A release loads whole: each measure feeds an indicator, named by a declaration or `<dataset>_<measure>`."""
    indicators = pq.read_table(built_copy.tables / "indicators.parquet").to_pylist()
    public = {row["indicator_id"]: row for row in indicators if row["source_kind"] == "release"}
    expected = shipped.indicators(DEFAULT)
    assert {i: row["declared"] for i, row in public.items()} == expected
    counted = Counter()
    for m in measured.values():
        counted.update(key[0] for key in (*m.figures, *m.derived))
    assert {i: row["observations"] for i, row in public.items() if row["observations"]} == dict(counted)
    undeclared = [row for row in public.values() if not row["declared"]]
    assert undeclared and all(row["polarity"] is None and row["unit_inferred"] for row in undeclared)
    assert all(
        row["indicator_id"] == f"{row['dataset_id']}_{shipped.slug(row['publisher_indicator_id'])}"
        for row in undeclared
    )


def bromley_latest(m: shipped.Measured, indicator: str) -> tuple[str, dict[str, float | None]]:
    """An indicator's newest period for Bromley in a measured file, and its values there by breakdown."""
    mine = {k: shipped.value_of(cell) for k, (cell, _) in m.figures.items() if k[0] == indicator and k[1] == BROMLEY}
    mine |= {k: value for k, value in m.derived.items() if k[0] == indicator and k[1] == BROMLEY}
    newest = max((k[2] for k in mine), key=shipped.period_order)
    return newest, {k[4]: v for k, v in mine.items() if k[2] == newest}


@pytest.mark.parametrize("indicator", sorted(i for i, declared in shipped.indicators(DEFAULT).items() if declared))
def test_bromleys_latest_value_is_the_one_published(built_copy, measured, indicator):
    (m,) = [m for m in measured.values() if indicator in m.indicators]
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


def test_bromleys_children_from_the_mid_year_estimates(built_copy):
    """The ONS estimates' "Reporting year" is the calendar year of the estimate (declared calendar_year)."""
    _, records = csv_records(built_copy.data / MYE)
    ((line, record),) = [(n, r) for n, r in records if r["new_la_code"] == BROMLEY and r["time_period"] == "2024"]
    (row,) = [
        r for r in observations(built_copy, "children_0_17_ons") if r["area_code"] == BROMLEY and r["period"] == "2024"
    ]
    assert (row["value"], row["release_line"], row["period_type"]) == (73457, line, "calendar_year")
    assert float(record["population_estimate"]) == 73457
