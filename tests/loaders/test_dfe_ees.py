"""loaders.dfe_ees on the DfE's own files. Expectations come from reading the same files with the csv module
(or from the figures as the files print them), never from the reader under test.

The real files are byte-for-byte copies under tests/fixtures/releases/dfe/ (see its README.md); derived and bad
files are real records with one documented change, and a test checks that they are.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from loaders import dfe_ees
from loaders.errors import BuildError
from loaders.periods import parse_period
from loaders.published import DFE_CODES
from tests.conftest import FIXTURES

DFE = FIXTURES / "releases" / "dfe"
B1 = DFE / "dfe_ees_children_in_need_b1" / "b1_children_in_need_2013_to_2025.csv"
CLA = DFE / "dfe_ees_cla_rate_per_10k" / "cla_number_and_rate_per_10k_children.csv"
KS4 = DFE / "dfe_ees_ks4_outcomes_cin_cla" / "ks4_la.csv"
REVERSED = DFE / "derived" / "ks4_bromley_columns_reversed.csv"
CP1252 = DFE / "derived" / "cla_bromley_cp1252_crlf.csv"
LINE_BREAK = DFE / "derived" / "b1_bromley_line_break.csv"
BAD = sorted(p for p in (DFE / "bad").iterdir() if p.is_dir())
BROMLEY = "E09000006"

# What each real file holds, as read from its header and cells by eye: its measure and filter columns.
FILES = {
    "b1": (
        B1,
        [
            "Anypoint_episodes",
            "Anypoint_child",
            "Started_episodes",
            "Started_child",
            "Ended_episodes",
            "Ended_child",
            "At31_episodes",
            "awaiting_assessment",
        ],
        ["category"],
    ),
    "cla": (CLA, ["population_estimate", "children_count", "rate_per_10000"], ["population_type"]),
    "ks4": (
        KS4,
        [
            "t_pupils",
            "t_att8",
            "avg_att8",
            "t_l2basics_95",
            "pt_l2basics_95",
            "t_l2basics_94",
            "pt_l2basics_94",
            "t_ebacc_e_ptq_ee",
            "pt_ebacc_e_ptq_ee",
            "t_ebaccaps",
            "avg_ebaccaps",
            "t_inp8calc",
            "t_p8score",
            "avg_p8score",
            "p8score_CI_low",
            "p8score_CI_upp",
        ],
        ["social_care_group", "version"],
    ),
}
# The geography columns of each level, from the EES data standards: (code, name, parent code, parent name).
LEVELS = {
    "National": ("country_code", "country_name", None, None),
    "Regional": ("region_code", "region_name", "country_code", "country_name"),
    "Local authority": ("new_la_code", "la_name", "region_code", "region_name"),
}


def csv_records(path: Path, encoding: str = "utf-8-sig") -> list[tuple[int, dict[str, str]]]:
    """Each record with the file line it starts on, read by the csv module alone."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        found, start = [], 2
        for record in reader:
            found.append((start, record))
            start = reader.line_num + 1
        return found


def expected_rows(path: Path, measures: list[str], filters: list[str], encoding: str = "utf-8-sig") -> list[tuple]:
    """What the reader must give for each record and measure, computed from the csv module's records."""
    rows = []
    for line, record in csv_records(path, encoding):
        code, name, parent_code, parent_name = LEVELS[record["geographic_level"]]
        for measure in measures:
            cell = record[measure]
            rows.append(
                (
                    line,
                    measure,
                    record[code],
                    record[name],
                    record["geographic_level"],
                    record[parent_code] if parent_code else None,
                    record[parent_name] if parent_name else None,
                    f"{record['time_period']} ({record['time_identifier']})",
                    {f: record[f] for f in filters},
                    None if cell in DFE_CODES else float(cell),
                    cell if cell in DFE_CODES else None,
                )
            )
    return rows


def as_tuples(parsed) -> list[tuple]:
    return [
        (
            r.line,
            r.publisher_indicator_id,
            r.area_code,
            r.area_name,
            r.area_type,
            r.parent_code,
            r.parent_name,
            r.period_as_published,
            r.filters,
            r.value,
            r.suppression,
        )
        for r in parsed.rows
    ]


@pytest.fixture(scope="module")
def parsed():
    return {key: dfe_ees.read(path, path.name) for key, (path, _, _) in FILES.items()}


def one(parsed_file, **wanted):
    """The single row whose attributes (or filters, for keys that are filter columns) match."""
    found = [
        r
        for r in parsed_file.rows
        if all(getattr(r, k) == v if hasattr(r, k) else r.filters.get(k) == v for k, v in wanted.items())
    ]
    assert len(found) == 1, f"{len(found)} rows match {wanted}"
    return found[0]


# -- Every figure of every real file


@pytest.mark.parametrize("key", FILES)
def test_every_record_gives_one_row_per_measure_as_published(parsed, key):
    path, measures, filters = FILES[key]
    assert as_tuples(parsed[key]) == expected_rows(path, measures, filters)
    assert parsed[key].dataset == "DfE Explore Education Statistics: " + ", ".join(measures)
    assert (parsed[key].format, parsed[key].shown, parsed[key].path) == ("dfe_ees", path.name, path)


@pytest.mark.parametrize("key", FILES)
def test_suppressed_cells_are_counted_by_code(parsed, key):
    path, measures, _ = FILES[key]
    cells = [record[m] for _, record in csv_records(path) for m in measures]
    assert Counter(r.suppression for r in parsed[key].rows if r.suppression) == Counter(
        c for c in cells if c in DFE_CODES
    )
    assert all(r.value is None for r in parsed[key].rows if r.suppression)
    assert all(r.value is not None for r in parsed[key].rows if not r.suppression)


@pytest.mark.parametrize(
    ("key", "periods"),
    [
        ("b1", {f"{y}/{(y + 1) % 100:02d}" for y in range(2012, 2025)}),
        ("cla", {f"{y}/{(y + 1) % 100:02d}" for y in range(2020, 2025)}),
        ("ks4", {f"{y}-{(y + 1) % 100:02d}" for y in range(2018, 2025)}),
    ],
)
def test_periods_are_labels_the_tables_read(parsed, key, periods):
    assert {r.period for r in parsed[key].rows} == periods
    kinds = {parse_period(p).kind for p in periods}
    assert kinds == {"academic_year" if key == "ks4" else "financial_year"}


@pytest.mark.parametrize("key", FILES)
def test_geography_columns_are_neither_measures_nor_filters(parsed, key):
    """old_la_code holds numbers ("305") but is the LA's old code, not a figure."""
    names = {r.publisher_indicator_id for r in parsed[key].rows} | {f for r in parsed[key].rows for f in r.filters}
    assert not names & {"old_la_code", "new_la_code", "la_name", "region_code", "country_code", "time_period"}


def test_the_header_identifies_the_format():
    for path, _, _ in FILES.values():
        header = next(csv.reader(path.open(encoding="utf-8-sig", newline="")))
        assert {"".join(name.split()).lower() for name in header} >= dfe_ees.REQUIRED
    ons = FIXTURES / "releases" / "ons" / "ons_census2021_ethnic_group_utla" / "ons-ethnic-population-la.csv"
    header = next(csv.reader(ons.open(encoding="utf-8", newline="")))
    assert not {"".join(name.split()).lower() for name in header} >= dfe_ees.REQUIRED


# -- Bromley's figures, as the files print them


def test_children_in_need_bromley_2025(parsed):
    at31 = one(parsed["b1"], area_code=BROMLEY, period="2024/25", publisher_indicator_id="At31_episodes")
    assert (at31.value, at31.suppression, at31.line) == (2740, None, 152)
    assert at31.period_as_published == "2025 (Reporting year)"
    assert (at31.area_name, at31.area_type, at31.parent_code, at31.parent_name) == (
        "Bromley",
        "Local authority",
        "E13000002",
        "Outer London",
    )
    assert (at31.filters, at31.breakdown, at31.publisher_indicator_name) == (
        {"category": "Children in Need"},
        "all",
        "At31_episodes",
    )
    assert one(parsed["b1"], area_code=BROMLEY, period="2024/25", publisher_indicator_id="Anypoint_child").value == 4523


def test_england_and_regions_have_their_parents(parsed):
    england = one(parsed["b1"], area_code="E92000001", period="2024/25", publisher_indicator_id="At31_episodes")
    assert (england.area_type, england.area_name, england.parent_code, england.value) == (
        "National",
        "England",
        None,
        402400,
    )
    north_east = one(parsed["b1"], area_code="E12000001", period="2024/25", publisher_indicator_id="At31_episodes")
    assert (north_east.area_type, north_east.parent_code, north_east.parent_name) == (
        "Regional",
        "E92000001",
        "England",
    )


def test_looked_after_rate_bromley_2025(parsed):
    where = {
        "area_code": BROMLEY,
        "period": "2024/25",
        "population_type": "Children looked after on 31 March each year",
    }
    assert one(parsed["cla"], publisher_indicator_id="rate_per_10000", **where).value == 47
    assert one(parsed["cla"], publisher_indicator_id="children_count", **where).value == 343
    assert one(parsed["cla"], publisher_indicator_id="population_estimate", **where).value == 73457


def test_ks4_bromley_2024_25(parsed):
    where = {"area_code": BROMLEY, "period": "2024-25"}
    cino = one(parsed["ks4"], publisher_indicator_id="avg_att8", social_care_group="CINO at 31 March", **where)
    assert (cino.value, cino.filters["version"], cino.period_as_published) == (
        22.4,
        "Revised",
        "202425 (Academic year)",
    )
    cla = one(
        parsed["ks4"], publisher_indicator_id="pt_l2basics_95", social_care_group="CLA 12 months at 31 March", **where
    )
    assert (cla.value, cla.suppression) == (None, "c")


# -- Derived files: the same figures however the file is laid out


def test_columns_are_found_by_name_in_any_order(parsed):
    reversed_file = dfe_ees.read(REVERSED, REVERSED.name)
    header = next(csv.reader(REVERSED.open(encoding="utf-8", newline="")))
    assert header[0] == "p8score_CI_upp" and header[-1] == "time_period"
    original = {(r.line, r.publisher_indicator_id): r for r in parsed["ks4"].rows}
    records = csv_records(KS4)
    hull = "Kingston upon Hull, City of", "202425", "CINO at 31 March"
    lines = [line for line, r in records if r["new_la_code"] == BROMLEY] + [
        line for line, r in records if (r["la_name"], r["time_period"], r["social_care_group"]) == hull
    ]  # the real lines of the fixture's records, in the fixture's order (README.md)
    assert len(reversed_file.rows) == len(lines) * len(FILES["ks4"][1])
    for row in reversed_file.rows:
        real = original[(lines[row.line - 2], row.publisher_indicator_id)]
        assert row.__dict__ | {"line": real.line} == real.__dict__
    assert any(r.area_name == "Kingston upon Hull, City of" for r in reversed_file.rows)


def test_windows_1252_with_crlf(parsed):
    cp1252 = dfe_ees.read(CP1252, CP1252.name)
    assert cp1252.encoding == "cp1252"
    assert b"\r\n" in CP1252.read_bytes()
    assert {r.parent_name for r in cp1252.rows} == {"Outer\u00a0London"}
    lines = [line for line, record in csv_records(CLA) if record["new_la_code"] == BROMLEY]
    original = {(r.line, r.publisher_indicator_id): r for r in parsed["cla"].rows}
    assert [r.line for r in cp1252.rows[::3]] == list(range(2, 2 + len(lines)))
    for row in cp1252.rows:
        real = original[(lines[row.line - 2], row.publisher_indicator_id)]
        assert (row.value, row.suppression, row.filters, row.period) == (
            real.value,
            real.suppression,
            real.filters,
            real.period,
        )


def test_a_quoted_field_may_hold_a_line_break(parsed):
    broken = dfe_ees.read(LINE_BREAK, LINE_BREAK.name)
    first = one(broken, period="2024/25", publisher_indicator_id="At31_episodes")
    assert (first.line, first.filters, first.value) == (2, {"category": "Children in\nNeed"}, 2740)
    assert one(broken, period="2023/24", publisher_indicator_id="At31_episodes").line == 4  # after the 2-line record
    original = {(r.period, r.publisher_indicator_id): r.value for r in parsed["b1"].rows if r.area_code == BROMLEY}
    assert {(r.period, r.publisher_indicator_id): r.value for r in broken.rows} == original


# -- Bad files: refused, saying where and why


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_file_is_refused_with_where_and_why(case: Path):
    shown = f"releases/dfe/{case.name}.csv"
    with pytest.raises(BuildError) as raised:
        dfe_ees.read(case / "file.csv", shown)
    message = str(raised.value)
    for expected in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert expected in message, f"missing {expected!r} in:\n{message}"
    assert all(e.file == shown and e.line is not None and e.reason for e in raised.value.errors)
    assert f"{shown}, line " in message


def test_many_bad_cells_in_one_column_are_listed_then_counted(tmp_path):
    """A whole column of bad cells reports the first 20 and a count, not one line per record."""
    records = csv_records(B1)[:30]
    header = list(records[0][1])
    bad = tmp_path / "b1.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for _, record in records:
            writer.writerow([":" if name == "At31_episodes" else record[name] for name in header])
    with pytest.raises(BuildError) as raised:
        dfe_ees.read(bad, "b1.csv")
    errors = raised.value.errors
    assert len(errors) == 21
    assert errors[0].reason.startswith('30 problems in column "At31_episodes"; the first 20 are listed')


# -- Fixtures: nothing invented


def records_by_name(path: Path, encoding: str) -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return [dict(zip(header, fields, strict=False)) for fields in reader]


@pytest.mark.parametrize(
    ("fixture", "real", "encoding", "differing_cells"),
    [
        (REVERSED, KS4, "utf-8", 0),
        (CP1252, CLA, "cp1252", 0),
        (LINE_BREAK, B1, "utf-8", 0),
        *[(case / "file.csv", None, "utf-8", 1) for case in BAD],
    ],
)
def test_derived_files_hold_only_real_records(fixture, real, encoding, differing_cells):
    """Each record, the README's change undone (no-break space, line break), is a real record, or differs from
    one in at most the one cell a bad file changes."""
    candidates = [real] if real else [B1, CLA, KS4]
    real_records = [record for path in candidates for _, record in csv_records(path)]
    for record in records_by_name(fixture, encoding):
        undone = {k: v.replace("\u00a0", " ").replace("\n", " ") for k, v in record.items()}
        best = min(sum(r.get(k) != v for k, v in undone.items()) for r in real_records)
        assert best <= differing_cells, f"{fixture.name}: {record} is not a real record"


def test_an_empty_measure_cell_has_no_value_and_says_so(tmp_path):
    """The DfE writes a code for every missing figure; a blank cell is kept as no value, with a note saying so."""
    header = next(csv.reader(B1.open(encoding="utf-8", newline="")))
    record, other = [r for _, r in csv_records(B1) if r["new_la_code"] == BROMLEY][:2]
    blank = tmp_path / "b1.csv"
    with blank.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerow(["" if name == "awaiting_assessment" else record[name] for name in header])
        writer.writerow([other[name] for name in header])  # its number keeps the column a measure
    rows = {r.publisher_indicator_id: r for r in dfe_ees.read(blank, "b1.csv").rows if r.line == 2}
    empty = rows["awaiting_assessment"]
    assert (empty.value, empty.suppression, empty.value_note) == (
        None,
        None,
        "the cell is empty (the file gives no DfE code)",
    )
    assert rows["At31_episodes"].value == float(record["At31_episodes"])
