"""Loading a release from the dashboard (loaders.intake.upload), on private copies of the data tree.

Every refusal the dashboard promises (an unknown format, a file over the size limit, an empty file, a wrong
encoding, a workbook or zip named .csv, a cell a spreadsheet would run as a formula, and whatever the build itself
refuses) comes back with its message, from `preview` and from `apply`, and leaves the tables and data/incoming/
as they were, byte for byte. A release that loads is previewed by counts made here from the file with the csv
module, added by the same build as data/incoming/, and said to be loaded already when it comes again. A file that would
change nothing is not added, and says why: a loaded release re-saved (CRLF, a byte-order mark, Windows-1252) is the
same release; a file whose every figure a loaded release already gives names it. Two uploads at once end with both
applied or one refused, and with tables that match their manifest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import threading
import tomllib
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders.intake import upload
from loaders.paths import DEFAULT, ROOT, DataPaths
from loaders.store import freshness
from tests.conftest import FIXTURES, SHIPPED_INJURIES

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

INCOMING = FIXTURES / "releases" / "incoming"
BAD = INCOMING / "bad"
OLDER = INCOMING / "fingertips_bromley_to_2020_21_revised.csv"  # Bromley to 2020/21; Persons 2020/21 revised
NEWER = INCOMING / "fingertips_bromley_2012_13_to_2023_24.csv"  # Bromley 2012/13 to 2023/24, as published
DISAGREES = INCOMING / "fingertips_bromley_to_2023_24_disagrees.csv"  # Persons 2023/24 differs from NEWER
ONS = INCOMING / "ons_bromley.csv"
CLA_OLDER = INCOMING / "cla_bromley_2021_to_2024_revised.csv"  # an older release: a figure the shipped one supersedes
CP1252_CRLF = INCOMING / "fingertips_bromley_to_2020_21_cp1252_crlf.csv"  # Windows-1252, CRLF line endings
OTHER_PARENT = INCOMING / "fingertips_bromley_parent_london.csv"  # the shipped file's 38 Bromley records, London parent
INJURIES = "injury_admissions_0_14"


# ---- helpers -------------------------------------------------------------------------------------------------


def state(paths: DataPaths) -> dict[str, str]:
    """Every file of the tables and of data/incoming/, with its sha256: what must not change on a refusal."""
    files = [p for folder in (paths.tables, paths.data / "incoming") for p in sorted(folder.rglob("*")) if p.is_file()]
    return {paths.relative(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def expected(name: str) -> list[str]:
    """The parts of the build's message for a bad fixture (its .expected file), naming the file as uploaded."""
    lines = (BAD / name).with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return [line.replace("data/incoming/", "") for line in lines]


def refused(paths: DataPaths, name: str, data: bytes) -> str:
    """Preview and apply `data`; assert both refuse it and change nothing; the refusals, one per line."""
    before = state(paths)
    preview = upload.preview(name, data, paths)
    applied = upload.apply(name, data, paths)
    assert preview.refusals and not preview.ok, preview
    assert applied.refusals and not applied.ok, applied
    assert [str(e) for e in preview.refusals] == [str(e) for e in applied.refusals]
    assert state(paths) == before, "a refused upload changed the tables or data/incoming/"
    assert freshness.check(paths).fresh
    return "\n".join(str(e) for e in applied.refusals)


def with_cell(path: Path, line: int, column: str, value: str) -> bytes:
    """The file's bytes with one cell replaced, as a spreadsheet on Windows saves it."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)  # CRLF: a cell holding a carriage return is quoted
    return out.getvalue().encode("utf-8")


def tables_and_incoming(paths: DataPaths) -> dict[str, str]:
    """Every table the manifest lists with its hash, and every file of data/incoming/ with its sha256: what must stay
    as it was when a file is not added, even if a build ran (a build writes a folder of its own each time)."""
    manifest = freshness.read_manifest(paths)
    incoming = sorted(p for p in (paths.data / "incoming").rglob("*") if p.is_file())
    return {name: table["sha256"] for name, table in manifest["tables"].items()} | {
        paths.relative(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in incoming
    }


def shipped_injuries(paths: DataPaths) -> Path:
    return next((paths.data / "releases" / SHIPPED_INJURIES).glob("*.csv"))


def injuries(paths: DataPaths) -> dict[tuple[str, str], float]:
    """The injury admissions figures in the tables, by (period, breakdown)."""
    path = paths.tables / "observations" / f"{INJURIES}.parquet"
    table = pq.read_table(path).to_pylist() if path.exists() else []  # no file: no figure of it yet
    return {(row["period"], row["breakdown"]): row["value"] for row in table if row["area_code"] == "E09000006"}


# ---- refusals ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "title_row_above_header.csv",  # an unknown format: the header is not one the build reads
        "empty.csv",
        "bom_only.csv",  # a spreadsheet's empty sheet saved as "CSV UTF-8"
        "neither_encoding.csv",
        "workbook_named_csv.csv",  # an Excel workbook renamed .csv
        "unreadable_number.csv",  # the build's own rules: a decimal comma
        "dfe_unknown_time_identifier.csv",
    ],
)
def test_a_bad_file_is_refused_with_the_builds_message_and_changes_nothing(data_copy, name):
    message = refused(data_copy, name, (BAD / name).read_bytes())
    for part in expected(name):
        assert part in message


def test_a_zip_named_csv_is_refused(data_copy):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("ons_bromley.csv", ONS.read_bytes())
    message = refused(data_copy, "ons_bromley.csv", packed.getvalue())
    assert message == "ons_bromley.csv: is a zip or Excel workbook with a .csv name, not a CSV file; export it as CSV"


def test_an_old_excel_document_named_csv_is_refused(data_copy):
    message = refused(data_copy, "old.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert message == "old.csv: is an old Office (xls) document with a .csv name, not a CSV file; export it as CSV"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(data_copy):
    header = NEWER.read_bytes().split(b"\n", 1)[0] + b"\n"
    message = refused(data_copy, "huge.csv", header + b" " * (upload.MAX_BYTES + 1 - len(header)))
    assert message.startswith("huge.csv: is 50.0 MB, over the 50 MB the dashboard takes;")


def test_the_size_limit_is_the_one_streamlit_enforces():
    """The uploader refuses a larger file in the browser; `check` refuses it anywhere else, at the same size."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == upload.MAX_MEGABYTES


@pytest.mark.parametrize(
    ("cell", "starts"),
    [
        ('=HYPERLINK("http://example.com","Click")', '"="'),
        ("+cmd|' /C calc'!A0", '"+"'),
        ("-2+3+cmd|' /C calc'!A0", '"-"'),
        ("@SUM(1+1)*cmd|' /C calc'!A0", '"@"'),
        ("\t=1+1", "a tab"),
        ("\r=1+1", "a carriage return"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_refused(data_copy, cell, starts):
    column = "Ethnic group (20 categories)"
    message = refused(data_copy, "ons_bromley.csv", with_cell(ONS, 3, column, cell))
    assert message.startswith(f'ons_bromley.csv, line 3, column "{column}": "')
    assert f"starts with {starts}, so a spreadsheet would run it as a formula" in message
    assert "\n" not in message  # one cell, one problem


def test_many_formula_cells_are_named_up_to_a_limit_then_counted():
    rows = ONS.read_text(encoding="utf-8-sig").splitlines()
    data = "\n".join([rows[0], *(f"{line},=1,=2" for line in rows[1:])]).encode()  # two more cells a record
    problems = upload.check("ons_bromley.csv", data)
    cells = 2 * (len(rows) - 1)
    assert len(problems) == upload.FORMULA_CELLS_NAMED + 1
    assert problems[0].line == 2 and problems[0].column is None  # beyond the header's columns: no name
    more = cells - upload.FORMULA_CELLS_NAMED
    assert str(problems[-1]) == f"ons_bromley.csv: and {more} more cells start like a spreadsheet formula"


@pytest.mark.parametrize("number", ["-1.5", "-8", "+3", "-1,234.5", "-1e3"])
def test_a_negative_or_signed_number_is_not_a_formula(number):
    assert upload.check("ons_bromley.csv", with_cell(ONS, 3, "Observation", number)) == []


def test_every_shipped_release_passes_the_checks():
    for path in sorted((DEFAULT.data / "releases").rglob("*.csv")):
        assert upload.check(path.name, path.read_bytes()) == [], path


# ---- preview and apply ---------------------------------------------------------------------------------------


def test_a_preview_counts_what_the_file_would_add_and_replace_and_changes_nothing(without_injuries):
    assert upload.apply(OLDER.name, OLDER.read_bytes(), without_injuries).ok  # the tables reach 2020/21
    before = state(without_injuries)

    preview = upload.preview("newer.csv", NEWER.read_bytes(), without_injuries)

    # Counted here from the file: records after 2020/21 are new; Persons 2020/21 is the one OLDER revised; the
    # rest repeat what OLDER gave.
    with NEWER.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    later = [r for r in records if r["Time period"] > "2020/21"]
    assert (len(records), len(later)) == (36, 9)
    assert preview.ok and preview.format == "an OHID Fingertips data export"
    assert (preview.added, preview.replaced, preview.unchanged, preview.superseded, preview.removed) == (9, 1, 26, 0, 0)
    assert preview.figures_read == len(records)
    assert preview.indicators == ["Hospital admissions for injuries (children aged 0 to 14)"]
    assert preview.areas == ["Bromley"]
    assert preview.periods == ["2020/21", "2021/22", "2022/23", "2023/24"]
    replaced = preview.changes[preview.changes["Change"] == "Replaced"].to_dict("records")
    assert [(r["Period"], r["Breakdown"], r["Before"], r["After"]) for r in replaced] == [
        ("2020/21", "all", "50.0234", "68.07021")
    ]
    assert (preview.changes["Change"] == "Added").sum() == 9
    assert state(without_injuries) == before, "a preview changed the tables"


def test_applying_adds_the_figures_and_the_same_file_again_is_already_loaded(without_injuries):
    assert injuries(without_injuries) == {}
    applied = upload.apply(NEWER.name, NEWER.read_bytes(), without_injuries)
    assert applied.ok and applied.stored == f"data/incoming/{NEWER.name}"
    assert applied.message.startswith("Built ")
    figures = injuries(without_injuries)
    assert len(figures) == 36 and figures[("2023/24", "all")] == pytest.approx(39.5687)
    assert freshness.check(without_injuries).fresh

    after = state(without_injuries)
    again = upload.preview("a copy.csv", NEWER.read_bytes(), without_injuries)
    assert again.already == f"data/incoming/{NEWER.name}" and not again.ok
    assert again.nothing == f"it is already loaded, as data/incoming/{NEWER.name} (the same bytes)"
    repeat = upload.apply("a copy.csv", NEWER.read_bytes(), without_injuries)
    assert repeat.already == f"data/incoming/{NEWER.name}" and not repeat.ok
    assert state(without_injuries) == after


def test_a_shipped_release_uploaded_again_is_already_loaded(data_copy):
    shipped = next((data_copy.data / "releases" / SHIPPED_INJURIES).glob("*.csv"))
    assert upload.preview(shipped.name, shipped.read_bytes(), data_copy).already == data_copy.relative(shipped)


# ---- files that would change nothing ---------------------------------------------------------------------------

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("resave", "differs"),
    [
        (lambda data: data.replace(b"\n", b"\r\n"), "its line endings (CRLF, where that file has LF)"),
        (lambda data: BOM + data, "having a byte-order mark at its start"),
        (lambda data: BOM + data.replace(b"\n", b"\r\n").rstrip(b"\r\n"), "its line endings (CRLF, where that file "
         "has LF) and having a byte-order mark at its start and having no newline at its end"),
    ],
    ids=["crlf", "byte-order mark", "crlf, byte-order mark, no last newline"],
)  # fmt: skip
def test_a_loaded_release_resaved_is_the_same_release_and_is_not_added(data_copy, resave, differs):
    """The shipped injuries release (LF, no byte-order mark, a newline at its end) re-saved as a spreadsheet or an
    editor on Windows saves it: other bytes, the same text. Not added, by preview or by apply, saying which release
    it is and what differs."""
    shipped = shipped_injuries(data_copy)
    original = shipped.read_bytes()
    assert b"\r" not in original and not original.startswith(BOM) and original.endswith(b"\n")
    copy = resave(original)
    assert copy != original
    before = state(data_copy)

    preview = upload.preview("injuries resaved.csv", copy, data_copy)
    applied = upload.apply("injuries resaved.csv", copy, data_copy)

    file = data_copy.relative(shipped)
    why = f"it is the same release as {file}: its figures are identical, and it differs only in {differs}"
    assert (preview.ok, preview.already, preview.nothing, preview.refusals) == (False, file, why, [])
    assert (applied.ok, applied.already, applied.nothing, applied.stored) == (False, file, why, None)
    assert state(data_copy) == before


def test_a_windows_1252_release_resaved_as_utf8_with_lf_is_the_same_release(without_injuries):
    """The other way round: a loaded Windows-1252 file with CRLF (its en dash is byte 0x96) re-saved as UTF-8 with LF."""
    assert upload.apply(CP1252_CRLF.name, CP1252_CRLF.read_bytes(), without_injuries).ok
    original = CP1252_CRLF.read_bytes()
    assert b"\x96" in original and b"\r\n" in original
    utf8 = original.decode("cp1252").replace("\r\n", "\n").encode("utf-8")
    before = state(without_injuries)

    preview = upload.preview(CP1252_CRLF.name, utf8, without_injuries)

    assert (preview.ok, preview.already) == (False, f"data/incoming/{CP1252_CRLF.name}")
    assert preview.nothing.endswith(
        "differs only in its line endings (LF, where that file has CRLF) and its encoding (UTF-8, where that file is "
        "Windows-1252)"
    )
    assert state(without_injuries) == before


def test_a_file_whose_every_figure_repeats_a_loaded_release_adds_nothing_and_is_not_added(data_copy):
    """Not a copy (every record's parent is London, not England), yet every figure it gives is one the shipped release
    gives with the same value: previewed by the scratch build, said to add nothing, naming that release; apply, asked
    anyway (another session loaded it since its preview), takes it out again and rebuilds."""
    with OTHER_PARENT.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert len(records) == 38 and {r["Parent Name"] for r in records} == {"London"}
    shipped = data_copy.relative(shipped_injuries(data_copy))
    before = tables_and_incoming(data_copy)

    preview = upload.preview(OTHER_PARENT.name, OTHER_PARENT.read_bytes(), data_copy)

    assert not preview.ok and preview.already is None and not preview.refusals
    assert (preview.added, preview.replaced, preview.unchanged, preview.superseded, preview.removed) == (0, 0, 38, 0, 0)
    assert (preview.figures_read, preview.tables_changed) == (len(records), [])
    assert preview.nothing == f"every figure it gives is already loaded, with the same value, from {shipped}"
    assert tables_and_incoming(data_copy) == before

    applied = upload.apply(OTHER_PARENT.name, OTHER_PARENT.read_bytes(), data_copy)

    assert (applied.ok, applied.stored, applied.already) == (False, None, None)
    assert applied.nothing == f"every figure it gives repeats {shipped}"
    assert tables_and_incoming(data_copy) == before  # the file out of data/incoming/, the tables as they were
    assert freshness.check(data_copy).fresh


def test_a_copy_that_would_take_a_loaded_files_place_adds_nothing_whatever_its_name(without_injuries):
    """Two dropped files that tie keep the first name's figures: a copy named to sort first would take the loaded
    file's place without changing a figure. Re-written with every cell quoted (not the same text), it is found by the
    scratch build, and the file whose place it would take is named."""
    assert upload.apply("z newer.csv", NEWER.read_bytes(), without_injuries).ok
    with NEWER.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    quoted = io.StringIO(newline="")
    csv.writer(quoted, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    assert quoted.getvalue().encode() != NEWER.read_bytes()

    preview = upload.preview("a copy.csv", quoted.getvalue().encode(), without_injuries)

    assert not preview.ok and preview.already is None
    assert (preview.added, preview.replaced, preview.unchanged, preview.removed) == (0, 0, len(rows) - 1, 0)
    assert (
        preview.nothing
        == "every figure it gives is already loaded, with the same value, from data/incoming/z newer.csv"
    )


def test_a_file_that_changes_figures_is_still_offered_beside_a_loaded_copy(without_injuries):
    """Not a false alarm: OLDER loaded, NEWER shares 26 of its figures yet adds and replaces others, so it is offered."""
    assert upload.apply(OLDER.name, OLDER.read_bytes(), without_injuries).ok
    preview = upload.preview(NEWER.name, NEWER.read_bytes(), without_injuries)
    assert preview.ok and preview.nothing is None and (preview.added, preview.replaced) == (9, 1)


def test_a_build_failure_takes_the_stored_file_out_again(without_injuries):
    """NEWER loads; DISAGREES then gives Persons 2023/24 another value for the same reach: the build refuses it,
    naming both files, and the refused file is not left in data/incoming/ to break the next build."""
    assert upload.apply(NEWER.name, NEWER.read_bytes(), without_injuries).ok
    message = refused(without_injuries, DISAGREES.name, DISAGREES.read_bytes())
    assert f'{DISAGREES.name}, line 39, column "value"' in message
    assert f"data/incoming/{NEWER.name} line" in message
    assert sorted(p.name for p in (without_injuries.data / "incoming").iterdir()) == ["README.md", NEWER.name]


def test_a_name_is_stored_safely_inside_data_incoming(without_injuries):
    applied = upload.apply("../../tables/README.md", NEWER.read_bytes(), without_injuries)
    assert applied.ok and applied.stored == "data/incoming/upload-README.md"
    assert (without_injuries.data / "incoming" / "README.md").read_bytes() == (
        DEFAULT.data / "incoming" / "README.md"
    ).read_bytes()


# ---- two at once ---------------------------------------------------------------------------------------------


def at_once(paths: DataPaths, *files: tuple[str, bytes]) -> list[upload.Applied]:
    """Apply each file from its own thread, all released at the same moment."""
    start = threading.Barrier(len(files))
    results: list[upload.Applied | None] = [None] * len(files)

    def run(position: int, name: str, data: bytes) -> None:
        start.wait()
        results[position] = upload.apply(name, data, paths)

    threads = [threading.Thread(target=run, args=(i, *file)) for i, file in enumerate(files)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def assert_whole(paths: DataPaths) -> None:
    """The tables match their manifest (no table torn), and no temporary file is left."""
    assert freshness.check(paths).fresh, freshness.check(paths).reason
    assert not [p for p in paths.data.rglob(".*") if p.name not in {".build.lock", ".gitattributes"}]


def test_two_different_uploads_at_once_are_both_applied(without_injuries):
    results = at_once(without_injuries, (OLDER.name, OLDER.read_bytes()), (CLA_OLDER.name, CLA_OLDER.read_bytes()))
    assert all(r.ok for r in results), results
    assert_whole(without_injuries)
    assert len(injuries(without_injuries)) == 29


def test_the_same_upload_twice_at_once_is_applied_once(without_injuries):
    results = at_once(without_injuries, *[(NEWER.name, NEWER.read_bytes())] * 2)
    assert sorted(r.ok for r in results) == [False, True]
    assert [r.already for r in results if not r.ok] == [f"data/incoming/{NEWER.name}"]
    assert_whole(without_injuries)


def test_two_uploads_that_disagree_at_once_end_with_one_applied_and_one_refused(without_injuries):
    results = at_once(without_injuries, (NEWER.name, NEWER.read_bytes()), (DISAGREES.name, DISAGREES.read_bytes()))
    assert sorted(r.ok for r in results) == [False, True]
    (loser,) = [r for r in results if not r.ok]
    assert "so neither supersedes the other" in "\n".join(str(e) for e in loser.refusals)
    assert_whole(without_injuries)
    assert len(injuries(without_injuries)) == (38 if results[1].ok else 36)
