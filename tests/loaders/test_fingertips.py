"""loaders.releases.fingertips on the real export and on small files made from its rows (tests/fixtures/releases/
fingertips/README.md says how each was made). Expected figures come from the file through the csv module, never
from the reader."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders import csv_text
from loaders.errors import BuildError
from loaders.periods import PeriodError, parse_period
from loaders.releases import fingertips, recognise
from loaders.releases.published import FINGERTIPS_BLANK
from tests.conftest import FIXTURES
from tests.loaders.readers import read, rows

HERE = FIXTURES / "releases" / "fingertips"
REAL = HERE / "la_hospital_admissions_2324.csv"
CURRENT = HERE / "current.csv"
VARIANTS = ["current.csv", "older_layout.csv", "utf8_bom.csv", "cp1252_crlf.csv", "multiline_note.csv"]
ENCODINGS = {"cp1252_crlf.csv": "cp1252"}
BAD = sorted((HERE / "bad").glob("*.csv"))
COMPARATOR = "Compared to England value or percentiles"
BROMLEY, LONDON, ENGLAND = "E09000006", "E12000007", "E92000001"
NUMBERS = {
    "value": "Value",
    "lower_ci95": "Lower CI 95.0 limit",
    "upper_ci95": "Upper CI 95.0 limit",
    "lower_ci998": "Lower CI 99.8 limit",
    "upper_ci998": "Upper CI 99.8 limit",
    "count": "Count",
    "denominator": "Denominator",
}


def csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[tuple[int, dict[str, str]]]:
    """Each record of `path` with the line it starts on, read by the csv module alone."""
    reader = csv.reader(io.StringIO(path.read_text(encoding=encoding), newline=""))
    header = next(reader)
    found, last = [], reader.line_num
    for fields in reader:
        found.append((last + 1, dict(zip(header, fields, strict=False))))
        last = reader.line_num
    return found


def ft(path: Path, shown: str | None = None):
    return read(fingertips, path, shown or path.name)


@pytest.fixture(scope="module")
def real():
    return ft(REAL)


@pytest.fixture(scope="module")
def real_rows(real):
    return rows(real)


@pytest.fixture(scope="module")
def expected():
    return csv_rows(REAL)


def headline(row: dict[str, str]) -> bool:
    return row["Sex"] == "Persons" and not row["Category Type"]


def published_figure(line: int, record: dict[str, str]) -> dict:
    """What the reader must give for one record, from the csv module's cells (a file of one age, so age is never a
    breakdown; the comparator is England's)."""
    sex, category_type, category = record["Sex"], record["Category Type"], record["Category"]
    parts = [(sex, "Sex")] if sex != "Persons" else []
    if category_type:
        parts.append((category, category_type))
    return {
        "line": line,
        "measure": record["Indicator ID"],
        "measure_name": record["Indicator Name"],
        "area_code": record["Area Code"],
        "area_name": record["Area Name"],
        "area_type": record["Area Type"],
        "parent_code": record["Parent Code"] or None,
        "parent_name": record["Parent Name"] or None,
        "period": record["Time period"],
        "period_as_published": record["Time period"],
        "breakdown": " · ".join(p for p, _ in parts) or "all",
        "breakdown_type": parts[-1][1] if parts else None,
        **{field: float(record[column]) if record[column] else None for field, column in NUMBERS.items()},
        "value_note": record["Value note"] or None,
        "suppression": FINGERTIPS_BLANK if not record["Value"] else None,
        "comparison": record[COMPARATOR] or None,
        "compared_with": "England" if record[COMPARATOR] else None,
        "version": None,
        "filters": {},
    }


# --- The real file -------------------------------------------------------------------------------------------


def test_real_file_every_record_read_with_its_line(real, real_rows, expected):
    assert len(expected) == 2660
    assert [row["line"] for row in real_rows] == [line for line, _ in expected]
    assert (real.format, real.encoding, real.shown, real.records) == (
        "fingertips",
        "utf-8",
        "la_hospital_admissions_2324.csv",
        2660,
    )
    assert len(real.sha256) == 64
    assert real.skipped == Counter()


def test_real_file_every_figure_matches_the_csv(real_rows, expected):
    """Every column of every figure, against the csv module's reading of the same record."""
    assert real_rows == [published_figure(line, record) for line, record in expected]


def test_real_file_dataset_names_the_indicator(real):
    assert real.dataset == (
        "Fingertips: Hospital admissions caused by unintentional and deliberate injuries in children (aged 0 to 14 years)"
    )
    assert real.dataset_id == "test"  # as its declaration says (the export has no dataset of its own)


def test_real_file_bromley_2010_11(real_rows):
    (row,) = [
        r for r in real_rows if r["area_code"] == BROMLEY and r["period"] == "2010/11" and r["breakdown"] == "all"
    ]
    assert (row["line"], row["area_name"], row["area_type"]) == (43, "Bromley", "Counties & UAs (from Apr 2023)")
    assert (row["measure"], row["period_as_published"]) == ("90284", "2010/11")
    assert (row["parent_code"], row["parent_name"]) == (ENGLAND, "England")
    assert (row["value"], row["lower_ci95"], row["upper_ci95"]) == (76.28465478, 69.25964312, 83.82899365)
    assert (row["lower_ci998"], row["upper_ci998"]) == (None, None)  # 99.8% limits blank for the early years
    assert (row["count"], row["denominator"]) == (432, 56630)
    assert (row["comparison"], row["compared_with"]) == ("Better", "England")
    assert (row["breakdown_type"], row["suppression"], row["value_note"]) == (None, None, None)


def test_real_file_bromley_latest(real_rows, expected):
    bromley = [r for _, r in expected if r["Area Code"] == BROMLEY and headline(r)]
    latest = max(bromley, key=lambda r: r["Time period Sortable"])
    (row,) = [
        r for r in real_rows if r["area_code"] == BROMLEY and r["breakdown"] == "all" and r["period"] == "2023/24"
    ]
    assert latest["Time period"] == "2023/24"
    assert row["value"] == float(latest["Value"]) == 39.5687
    assert (row["lower_ci95"], row["upper_ci95"]) == (
        float(latest["Lower CI 95.0 limit"]),
        float(latest["Upper CI 95.0 limit"]),
    )
    assert (row["lower_ci998"], row["upper_ci998"]) == (31.8443, 47.75425)
    assert (row["count"], row["denominator"]) == (240, 60654)


def test_real_file_headline_and_breakdowns_counted(real_rows, expected):
    want = Counter(r["Area Code"] for _, r in expected if headline(r))
    got = Counter(r["area_code"] for r in real_rows if r["breakdown"] == "all")
    assert got == want
    # Bromley: 14 years; London: no row (this download lists England and its counties & UAs, not regions);
    # England: 28, each year twice (once with no parent, "Not compared", once as a child of England, "Similar").
    assert (got[BROMLEY], got[LONDON], got[ENGLAND]) == (14, 0, 28)
    assert sum(got.values()) == 490
    assert sum(r["breakdown"] != "all" for r in real_rows) == len(expected) - 490 == 2170


def test_real_file_breakdowns_never_in_the_headline(real_rows, expected):
    for row, (_, published) in zip(real_rows, expected, strict=True):
        sex, category_type, category = published["Sex"], published["Category Type"], published["Category"]
        if headline(published):
            assert (row["breakdown"], row["breakdown_type"]) == ("all", None)
        elif not category_type:
            assert (row["breakdown"], row["breakdown_type"]) == (sex, "Sex")
        elif sex == "Persons":
            assert (row["breakdown"], row["breakdown_type"]) == (category, category_type)
        else:
            assert (row["breakdown"], row["breakdown_type"]) == (f"{sex} · {category}", category_type)
    assert sum(r["breakdown_type"] == "Sex" for r in real_rows) == 840  # Male and Female, no category


def test_real_file_single_age_is_not_a_breakdown(real_rows, expected):
    assert {r["Age"] for _, r in expected} == {"<15 yrs"}
    assert not any("<15 yrs" in row["breakdown"] for row in real_rows)


def test_real_file_blank_values_keep_their_note(real_rows, expected):
    blanks = [
        (row, published) for row, (_, published) in zip(real_rows, expected, strict=True) if not published["Value"]
    ]
    assert len(blanks) == 358
    for row, published in blanks:
        assert (row["value"], row["suppression"]) == (None, FINGERTIPS_BLANK)
        assert row["value_note"] == published["Value note"] and row["value_note"]
    assert sum(row["suppression"] is not None for row in real_rows) == 358
    city = [row for row, _ in blanks if row["area_name"] == "City of London"]
    assert len(city) == 38 and {row["value_note"] for row in city} == {"Value for Hackney and City of London combined"}


def test_real_file_areas_periods_and_comparisons(real_rows, expected):
    assert len({r["area_code"] for r in real_rows}) == len({r["Area Code"] for _, r in expected}) == 34
    periods = sorted({r["period"] for r in real_rows})
    assert len(periods) == 14 and (periods[0], periods[-1]) == ("2010/11", "2023/24")
    assert all(parse_period(p).kind == "financial_year" for p in periods)
    assert Counter(r["comparison"] for r in real_rows) == Counter(r[COMPARATOR] or None for _, r in expected)
    assert Counter(r["comparison"] for r in real_rows)["Better"] == 1381


def test_required_names_identify_the_real_header():
    header = next(csv.reader(io.StringIO(REAL.read_text(encoding="utf-8-sig"))))
    names = {name.strip().casefold() for name in header}
    assert {name.strip().casefold() for name in fingertips.REQUIRED} <= names
    assert not any(name.casefold().startswith("compared to") for name in fingertips.REQUIRED)
    assert recognise.format_of(header, REAL.name) == "fingertips"


# --- Small files made from real rows: layouts and encodings ---------------------------------------------------


def without_line_and_note(found: list[dict]) -> list[dict]:
    """The figures without their line and note (which some fixtures move or change on purpose)."""
    return [{k: v for k, v in row.items() if k not in ("line", "value_note")} for row in found]


def test_small_files_are_real_rows():
    real_lines = REAL.read_bytes().split(b"\n")
    current = CURRENT.read_bytes().split(b"\n")
    assert current[-1] == b"" and current[0] == real_lines[0]
    assert current[1:-1] == [real_lines[n - 1] for n in (2, 3, 20, 38, 43, 49, 697, 739, 2402, 2568, 2634)]
    older = (HERE / "older_layout.csv").read_bytes().split(b"\n")
    assert older[0] == current[0] and [o + b",1y" for o in older[1:-1]] == current[1:-1]
    assert (HERE / "utf8_bom.csv").read_bytes() == b"\xef\xbb\xbf" + CURRENT.read_bytes()
    cp1252 = (HERE / "cp1252_crlf.csv").read_bytes().decode("cp1252")
    assert cp1252.replace("\r\n", "\n").replace("2022\u2013March", "2022 to March") == CURRENT.read_text()
    multi = (HERE / "multiline_note.csv").read_text()
    note = "Value for Hackney and City of London combined"
    assert multi.replace('"Value for Hackney and\nCity of London combined"', note) == CURRENT.read_text()


@pytest.mark.parametrize("name", VARIANTS)
def test_every_layout_and_encoding_gives_the_figures_the_csv_module_reads(name):
    """Each variant, read whole, gives what the csv module reads from it record by record (the older layout's
    records padded with the empty "Time period range" its header names), and the same figures as current.csv."""
    path = HERE / name
    found = rows(ft(path))
    records = csv_rows(path, ENCODINGS.get(name, "utf-8-sig"))
    assert found == [published_figure(line, record) for line, record in records]
    assert without_line_and_note(found) == without_line_and_note(rows(ft(CURRENT)))
    assert len(found) == 11


def test_older_layout_header_has_one_name_more_than_its_rows():
    header, *records = list(csv.reader(io.StringIO((HERE / "older_layout.csv").read_text())))
    assert (len(header), {len(r) for r in records}) == (27, {26})
    assert csv_text.head(HERE / "older_layout.csv", "older_layout.csv")[1] == 26
    assert fingertips.width(header, 26) == 26 and fingertips.width(header, 27) == 27
    assert ft(HERE / "older_layout.csv").figures.equals(ft(CURRENT).figures)


def test_encodings_are_recognised():
    assert ft(CURRENT).encoding == "utf-8"
    assert ft(HERE / "utf8_bom.csv").encoding == "utf-8"  # a byte-order mark is UTF-8's, dropped
    parsed = ft(HERE / "cp1252_crlf.csv")
    assert parsed.encoding == "cp1252"
    (hillingdon,) = [r for r in rows(parsed) if r["area_name"] == "Hillingdon"]
    assert hillingdon["line"] == 10
    assert "HES data for June 2022\u2013March 2023. In 2021/22" in hillingdon["value_note"]
    assert "\r" not in hillingdon["value_note"] and not hillingdon["value_note"].endswith(" ")
    assert rows(parsed)[0]["measure"] == "90284"  # no byte-order mark or stray character in front


def test_line_break_inside_a_quoted_note_keeps_record_lines():
    found = rows(ft(HERE / "multiline_note.csv"))
    expected = csv_rows(HERE / "multiline_note.csv")
    assert [r["line"] for r in found] == [line for line, _ in expected] == [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13]
    (hackney,) = [r for r in found if r["area_name"] == "Hackney"]
    assert (hackney["line"], hackney["value_note"]) == (7, "Value for Hackney and\nCity of London combined")
    assert (hackney["value"], hackney["comparison"]) == (104.9890295, "Better")


# --- Columns by name; the comparator column --------------------------------------------------------------------


def rewrite(tmp_path: Path, transform, source: Path = CURRENT) -> Path:
    """A copy of `source` with its header and rows passed through `transform(header, rows)`."""
    header, *records = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"), newline="")))
    header, records = transform(header, records)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *records])
    path = tmp_path / source.name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_columns_found_by_name_in_any_order(tmp_path):
    def reverse(header, records):
        return header[::-1], [row[::-1] for row in records]

    def shout(header, records):
        return [f"  {name.upper()} " for name in header], records

    want = rows(ft(CURRENT))
    assert rows(ft(rewrite(tmp_path, reverse), "current.csv")) == want
    shouted = rows(ft(rewrite(tmp_path, shout), "current.csv"))
    assert {row["compared_with"] for row in shouted} == {"ENGLAND"}  # as the header spells it
    assert [row | {"compared_with": "England"} for row in shouted] == want


@pytest.mark.parametrize(
    ("names", "compared_with", "column"),
    [
        ({COMPARATOR: "Compared to Region value or percentiles"}, "Region", 21),
        ({COMPARATOR: "Compared to Regions (statistical) value or percentiles"}, "Regions (statistical)", 21),
        ({COMPARATOR: "Compared to ICB value or percentiles"}, "ICB", 21),
        ({COMPARATOR: "compared to england value or percentiles"}, "england", 21),
        ({COMPARATOR: "Column not used"}, "percentiles", 22),  # only "Compared to percentiles" is left
        ({COMPARATOR: "Compared to goal"}, "percentiles", 22),  # the goal is never the comparator
        ({COMPARATOR: "Compared to goal", "Compared to percentiles": "Column not used"}, None, None),
    ],
)
def test_comparator_column_every_spelling(tmp_path, names, compared_with, column):
    def rename(header, records):
        return [names.get(name, name) for name in header], records

    found = rows(ft(rewrite(tmp_path, rename), "current.csv"))
    published = [row for _, row in csv_rows(CURRENT)]
    cells = [list(row.values())[column] if column else "" for row in published]
    assert [r["comparison"] for r in found] == [cell or None for cell in cells]
    assert {r["compared_with"] for r in found} == {compared_with}


def test_area_comparator_preferred_to_percentiles_wherever_it_stands(tmp_path):
    def percentiles_first(header, records):
        # put "Compared to percentiles" before the England column; make its cells differ to tell them apart
        order = [22, 21] + [i for i in range(len(header)) if i not in (21, 22)]
        return [header[i] for i in order], [[row[i] for i in order] for row in records]

    found = rows(ft(rewrite(tmp_path, percentiles_first), "current.csv"))
    assert {r["compared_with"] for r in found} == {"England"}
    assert [r["comparison"] for r in found] == [row[COMPARATOR] for _, row in csv_rows(CURRENT)]


def test_empty_comparison_is_none(tmp_path):
    def empty_england(header, records):
        return header, [[*row[:21], "", *row[22:]] for row in records]

    found = rows(ft(rewrite(tmp_path, empty_england), "current.csv"))
    assert {(r["comparison"], r["compared_with"]) for r in found} == {(None, None)}


# --- Time periods ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "label", "kind", "start", "end"),
    [
        ("2010/11", "2010/11", "financial_year", date(2010, 4, 1), date(2011, 3, 31)),
        ("2020", "2020", "calendar_year", date(2020, 1, 1), date(2020, 12, 31)),
        ("2018 - 20", "2018-20", "pooled_years", date(2018, 1, 1), date(2020, 12, 31)),
        ("2098 - 02", "2098-02", "pooled_years", date(2098, 1, 1), date(2102, 12, 31)),
        ("2018 - 19", "2018 to 2019", "span", date(2018, 1, 1), date(2019, 12, 31)),  # not the academic 2018-19
        ("2016/17 - 18/19", "2016/17 to 2018/19", "span", date(2016, 4, 1), date(2019, 3, 31)),
        ("1998/99 - 00/01", "1998/99 to 2000/01", "span", date(1998, 4, 1), date(2001, 3, 31)),
        (" 2018  -  20 ", "2018-20", "pooled_years", date(2018, 1, 1), date(2020, 12, 31)),
    ],
)
def test_period_labels(published, label, kind, start, end):
    assert fingertips._period_label(published) == label
    period = parse_period(label)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize(
    ("published", "reason"),
    [
        ("2023/24 Q1", '"2023/24 Q1" is not a time period I can read; Fingertips writes years (2020)'),
        ("2016/18 - 18/19", '"2016/18 - 18/19" is not a time period I can read: "2016/18 to 2018/19" is not'),
        ("Mar 2020", '"Mar 2020" is not a time period I can read'),
        ("", '"" is not a time period I can read'),
    ],
)
def test_period_labels_refused(published, reason):
    with pytest.raises(PeriodError) as raised:
        fingertips._period_label(published)
    assert str(raised.value).startswith(reason)


@given(st.integers(min_value=1900, max_value=2089), st.integers(min_value=1, max_value=10))
def test_pooled_years_round_trip_to_their_span(first, years):
    last = first + years
    label = fingertips._period_label(f"{first} - {last % 100:02d}")
    period = parse_period(label)
    assert (period.start, period.end) == (date(first, 1, 1), date(last, 12, 31))
    assert period.end.year - period.start.year == years


@given(st.integers(min_value=1900, max_value=2089), st.integers(min_value=1, max_value=10))
def test_pooled_financial_years_round_trip_to_their_span(first, years):
    last = first + years
    published = f"{first}/{(first + 1) % 100:02d} - {last % 100:02d}/{(last + 1) % 100:02d}"
    period = parse_period(fingertips._period_label(published))
    assert (period.start, period.end) == (date(first, 4, 1), date(last + 1, 3, 31))


def test_pooled_period_in_a_file_keeps_its_published_label(tmp_path):
    # Bromley's 2010/11 row relabelled "2018 - 20" only to see the label read; it is no figure for 2018-20
    def relabel(header, records):
        records[4][11] = "2018 - 20"
        return header, records

    fifth = rows(ft(rewrite(tmp_path, relabel), "current.csv"))[4]
    assert (fifth["area_name"], fifth["period"], fifth["period_as_published"]) == ("Bromley", "2018-20", "2018 - 20")


# --- Ages -----------------------------------------------------------------------------------------------------


def test_several_ages_make_age_a_breakdown(tmp_path):
    # one row relabelled to another age only to exercise the rule: it is no figure for that age
    def second_age(header, records):
        records[-1][8] = "0-4 yrs"
        return header, records

    by_line = {r["line"]: r for r in rows(ft(rewrite(tmp_path, second_age), "current.csv"))}
    assert (by_line[2]["breakdown"], by_line[2]["breakdown_type"]) == ("<15 yrs", "Age")  # England, Persons
    assert (by_line[12]["breakdown"], by_line[12]["breakdown_type"]) == ("0-4 yrs", "Age")
    assert (by_line[11]["breakdown"], by_line[11]["breakdown_type"]) == ("Male · <15 yrs", "Age")
    assert by_line[8]["breakdown"] == "Male · <15 yrs · Most deprived decile (IMD2019)"
    assert by_line[8]["breakdown_type"].startswith("County & UA deprivation deciles")
    assert not any(r["breakdown"] == "all" for r in by_line.values())


# --- What it cannot read --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_file_names_file_line_column_and_reason(path):
    with pytest.raises(BuildError) as raised:
        ft(path)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(error) for error in raised.value.errors] == expected
    assert str(raised.value).startswith(f"{len(expected)} problem")


def test_errors_carry_file_line_and_column():
    with pytest.raises(BuildError) as raised:
        ft(HERE / "bad" / "several_problems.csv")
    where = [(e.file, e.line, e.column) for e in raised.value.errors]
    assert where == [
        ("several_problems.csv", 3, None),
        ("several_problems.csv", 11, None),
        ("several_problems.csv", 12, "Time period"),
    ]


def test_empty_cells_a_row_needs(tmp_path):
    def empty(header, records):
        records[4][4] = ""  # Bromley's area code
        records[5][9] = ""  # Hackney: no category type but ...
        records[5][10] = "Most deprived decile (IMD2019)"  # ... a category
        return header, records

    with pytest.raises(BuildError) as raised:
        ft(rewrite(tmp_path, empty), "x.csv")
    assert [str(e) for e in raised.value.errors] == [
        'x.csv, line 6, column "Area Code": is empty; every Fingertips row names its area\'s code',
        'x.csv, line 7, column "Category Type": is empty but its Category is "Most deprived decile (IMD2019)"',
    ]


def test_header_without_rows(tmp_path):
    path = tmp_path / "header_only.csv"
    path.write_bytes(CURRENT.read_bytes().split(b"\n")[0] + b"\n")
    with pytest.raises(BuildError) as raised:
        ft(path)
    assert [str(e) for e in raised.value.errors] == ["header_only.csv: has a header but no rows of figures"]
