"""loaders.releases.dfe on the DfE's own files. Expectations come from reading the same files with the csv module
(or from the figures as the files print them), never from the reader under test.

The real files are byte-for-byte copies under tests/fixtures/releases/dfe/ (see its README.md); `cuts/` are real
records, byte for byte; derived and bad files are real records with one documented change, and a test checks that
they are.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from loaders.errors import BuildError
from loaders.periods import parse_period
from loaders.releases import dfe, recognise
from loaders.releases.published import DFE_CODES
from tests.conftest import FIXTURES
from tests.loaders.readers import assert_refused_with_where_and_why, csv_records, one, read, rows

DFE = FIXTURES / "releases" / "dfe"
B1 = DFE / "dfe_ees_children_in_need_b1" / "b1_children_in_need_2013_to_2025.csv"
CLA = DFE / "dfe_ees_cla_rate_per_10k" / "cla_number_and_rate_per_10k_children.csv"
KS4 = DFE / "dfe_ees_ks4_outcomes_cin_cla" / "ks4_la.csv"
REVERSED = DFE / "derived" / "ks4_bromley_columns_reversed.csv"
CP1252 = DFE / "derived" / "cla_bromley_cp1252_crlf.csv"
LINE_BREAK = DFE / "derived" / "b1_bromley_line_break.csv"
DISTRICT = DFE / "derived" / "b1_bromley_local_authority_district.csv"
CSWW = DFE / "cuts" / "csww_low.csv"
KS2 = DFE / "cuts" / "ks2_progress_scores.csv"
MYE = DFE / "cuts" / "mye_2023_2024.csv"
ABSENCE = DFE / "cuts" / "absence_bromley_2024_25.csv"
DISTRICTS = FIXTURES / "releases" / "incoming" / "b1_2025_with_districts.csv"
BAD = sorted(p for p in (DFE / "bad").iterdir() if p.is_dir())
BROMLEY = "E09000006"
CODES = set(DFE_CODES)  # c, x, z, u, k and low
SKIPPED = "rows of geographic levels the dashboard does not show ({})"


# What each real file holds, as read from its header and cells by eye: its measure columns, its filter columns, each
# confidence interval's columns (by the measure they bound) and each percentage's count column.
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
        {},
        {},
    ),
    "cla": (CLA, ["population_estimate", "children_count", "rate_per_10000"], ["population_type"], {}, {}),
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
        ],
        ["social_care_group"],  # and `version`, which says how final a figure is: never a breakdown
        {"avg_p8score": ("p8score_CI_low", "p8score_CI_upp")},
        {"pt_l2basics_95": "t_l2basics_95", "pt_l2basics_94": "t_l2basics_94", "pt_ebacc_e_ptq_ee": "t_ebacc_e_ptq_ee"},
    ),
}
# The geography columns of each level, from the EES data standards: (code, name, parent code, parent name).
LEVELS = {
    "National": ("country_code", "country_name", None, None),
    "Regional": ("region_code", "region_name", "country_code", "country_name"),
    "Local authority": ("new_la_code", "la_name", "region_code", "region_name"),
}
VERSIONS = {"Final": 2, "Revised": 3}  # how final: a Revised figure supersedes a Final one of the same period
TOTALS = {"Total", "Total children"}  # a filter's value for all of its siblings together: the headline


def value_of(cell: str) -> float | None:
    return None if cell.strip() in CODES or not cell.strip() else float(cell)


def code_of(cell: str) -> str | None:
    """The suppression a cell carries: its DfE code, "blank" for an empty cell, else none."""
    return cell.strip() if cell.strip() in CODES else "blank" if not cell.strip() else None


def period_label(record: dict[str, str], reporting_year: str = "year_to_31_march") -> str:
    period, identifier = record["time_period"], record["time_identifier"]
    if identifier == "Academic year":
        return f"{period[:4]}-{period[4:]}"
    assert identifier == "Reporting year", identifier
    return period if reporting_year == "calendar_year" else f"{int(period) - 1}/{period[-2:]}"


def breakdowns(records: list[dict[str, str]], filters: list[str]):
    """Each record's (breakdown, breakdown type): the values of the filters with several values in the file (a
    Total value is the headline of its filter), joined with " · "; "all" where none is left."""
    several = [f for f in filters if len({r[f] for r in records}) > 1]

    def of(record):
        parts = [(record[f], f.replace("_", " ")) for f in several if record[f] not in TOTALS]
        if not parts:
            return "all", None
        return " · ".join(p for p, _ in parts), " · ".join(k for _, k in parts)

    return of


def expected_rows(key: str, path: Path | None = None, encoding: str = "utf-8-sig") -> list[dict]:
    """What the reader must give for each record and measure of a real file, from the csv module's records."""
    real, measures, filters, limits, counts = FILES[key]
    records = csv_records(path or real, encoding)
    breakdown_of = breakdowns([r for _, r in records], filters)
    found = []
    for line, record in records:
        code, name, parent_code, parent_name = LEVELS[record["geographic_level"]]
        breakdown, breakdown_type = breakdown_of(record)
        for measure in measures:
            lower, upper = limits.get(measure, (None, None))
            found.append(
                {
                    "line": line,
                    "measure": measure,
                    "measure_name": measure,
                    "area_code": record[code],
                    "area_name": record[name],
                    "area_type": record["geographic_level"],
                    "parent_code": record[parent_code] or None if parent_code else None,
                    "parent_name": record[parent_name] or None if parent_name else None,
                    "period": period_label(record),
                    "period_as_published": f"{record['time_period']} ({record['time_identifier']})",
                    "breakdown": breakdown,
                    "breakdown_type": breakdown_type,
                    "value": value_of(record[measure]),
                    "lower_ci95": value_of(record[lower]) if lower else None,
                    "upper_ci95": value_of(record[upper]) if upper else None,
                    "count": value_of(record[counts[measure]]) if measure in counts else None,
                    "suppression": code_of(record[measure]),
                    "version": VERSIONS[record["version"]] if "version" in record else None,
                    "filters": {f: record[f] for f in filters},
                }
            )
    return found


COMPARED = [
    "line", "measure", "measure_name", "area_code", "area_name", "area_type", "parent_code", "parent_name", "period",
    "period_as_published", "breakdown", "breakdown_type", "value", "lower_ci95", "upper_ci95", "count", "suppression",
    "version", "filters",
]  # fmt: skip


def compared(found: list[dict]) -> list[dict]:
    return [{k: r[k] for k in COMPARED} for r in found]


@pytest.fixture(scope="module")
def parsed():
    return {key: read(dfe, path, path.name) for key, (path, *_) in FILES.items()}


@pytest.fixture(scope="module")
def figures(parsed):
    return {key: rows(published) for key, published in parsed.items()}


# -- Every figure of every real file


@pytest.mark.parametrize("key", FILES)
def test_every_record_gives_one_figure_per_measure_as_published(parsed, figures, key):
    path, measures, *_ = FILES[key]
    assert compared(figures[key]) == expected_rows(key)
    assert parsed[key].dataset == "DfE Explore Education Statistics: " + ", ".join(measures)
    assert (parsed[key].format, parsed[key].shown, parsed[key].dataset_id) == ("dfe_ees", path.name, "test")
    assert parsed[key].records == len(csv_records(path))
    assert parsed[key].skipped == Counter()  # every row is of a level the dashboard shows
    assert {r["value_note"] for r in figures[key] if r["suppression"] != "blank"} == {None}


@pytest.mark.parametrize("key", FILES)
def test_suppressed_cells_are_counted_by_code(figures, key):
    path, measures, *_ = FILES[key]
    cells = [record[m].strip() for _, record in csv_records(path) for m in measures]
    assert Counter(r["suppression"] for r in figures[key] if r["suppression"]) == Counter(
        c for c in cells if c in CODES
    )
    assert all(r["value"] is None for r in figures[key] if r["suppression"])
    assert all(r["value"] is not None for r in figures[key] if not r["suppression"])


@pytest.mark.parametrize(
    ("key", "periods"),
    [
        ("b1", {f"{y}/{(y + 1) % 100:02d}" for y in range(2012, 2025)}),
        ("cla", {f"{y}/{(y + 1) % 100:02d}" for y in range(2020, 2025)}),
        ("ks4", {f"{y}-{(y + 1) % 100:02d}" for y in range(2018, 2025)}),
    ],
)
def test_periods_are_labels_the_tables_read(figures, key, periods):
    assert {r["period"] for r in figures[key]} == periods
    kinds = {parse_period(p).kind for p in periods}
    assert kinds == {"academic_year" if key == "ks4" else "financial_year"}


@pytest.mark.parametrize("key", FILES)
def test_geography_columns_are_neither_measures_nor_filters(figures, key):
    """old_la_code holds numbers ("305") but is the LA's old code, not a figure."""
    names = {r["measure"] for r in figures[key]} | {f for r in figures[key] for f in r["filters"]}
    assert not names & {"old_la_code", "new_la_code", "la_name", "region_code", "country_code", "time_period"}


@pytest.mark.parametrize("key", FILES)
def test_each_authority_keeps_its_three_digit_number(parsed, key):
    """The statistical neighbour model names authorities by the number every EES file carries beside the code."""
    path = FILES[key][0]
    expected = {}
    for _, record in sorted(csv_records(path), key=lambda found: found[1]["time_period"]):
        if record["geographic_level"] == "Local authority":  # with the end of its newest period
            expected[record["new_la_code"]] = [
                record["old_la_code"],
                parse_period(period_label(record)).end.isoformat(),
            ]
    assert parsed[key].la_numbers == expected
    assert parsed[key].la_numbers[BROMLEY][0] == "305"


def test_a_filter_with_one_value_describes_the_file(parsed):
    assert parsed["b1"].constants == {"category": "Children in Need"}
    assert parsed["cla"].constants == parsed["ks4"].constants == {}


def test_the_header_identifies_the_format():
    for path, *_ in FILES.values():
        header = next(csv.reader(path.open(encoding="utf-8-sig", newline="")))
        assert recognise.format_of([name.strip() for name in header], path.name) == "dfe_ees"
    ons = FIXTURES / "releases" / "ons" / "ons_census2021_ethnic_group_utla" / "ons-ethnic-population-la.csv"
    header = next(csv.reader(ons.open(encoding="utf-8", newline="")))
    assert recognise.format_of(header, ons.name) == "ons_census"


# -- Bromley's figures, as the files print them


def test_children_in_need_bromley_2025(figures):
    at31 = one(figures["b1"], area_code=BROMLEY, period="2024/25", measure="At31_episodes")
    assert (at31["value"], at31["suppression"], at31["line"]) == (2740, None, 152)
    assert at31["period_as_published"] == "2025 (Reporting year)"
    assert (at31["area_name"], at31["area_type"], at31["parent_code"], at31["parent_name"]) == (
        "Bromley",
        "Local authority",
        "E13000002",
        "Outer London",
    )
    assert (at31["filters"], at31["breakdown"], at31["measure_name"]) == (
        {"category": "Children in Need"},
        "all",
        "At31_episodes",
    )
    assert one(figures["b1"], area_code=BROMLEY, period="2024/25", measure="Anypoint_child")["value"] == 4523


def test_england_and_regions_have_their_parents(figures):
    england = one(figures["b1"], area_code="E92000001", period="2024/25", measure="At31_episodes")
    assert (england["area_type"], england["area_name"], england["parent_code"], england["value"]) == (
        "National",
        "England",
        None,
        402400,
    )
    north_east = one(figures["b1"], area_code="E12000001", period="2024/25", measure="At31_episodes")
    assert (north_east["area_type"], north_east["parent_code"], north_east["parent_name"]) == (
        "Regional",
        "E92000001",
        "England",
    )


def test_looked_after_rate_bromley_2025(figures):
    where = {
        "area_code": BROMLEY,
        "period": "2024/25",
        "population_type": "Children looked after on 31 March each year",
    }
    assert one(figures["cla"], measure="rate_per_10000", **where)["value"] == 47
    assert one(figures["cla"], measure="children_count", **where)["value"] == 343
    assert one(figures["cla"], measure="population_estimate", **where)["value"] == 73457
    rate = one(figures["cla"], measure="rate_per_10000", **where)
    assert (rate["breakdown"], rate["breakdown_type"]) == (
        "Children looked after on 31 March each year",
        "population type",
    )


def test_ks4_bromley_2024_25(figures):
    where = {"area_code": BROMLEY, "period": "2024-25"}
    cino = one(figures["ks4"], measure="avg_att8", social_care_group="CINO at 31 March", **where)
    assert (cino["value"], cino["version"], cino["period_as_published"]) == (22.4, 3, "202425 (Academic year)")
    assert "version" not in cino["filters"] and cino["breakdown"] == "CINO at 31 March"
    cla = one(figures["ks4"], measure="pt_l2basics_95", social_care_group="CLA 12 months at 31 March", **where)
    assert (cla["value"], cla["suppression"], cla["count"]) == (None, "c", None)


def test_a_confidence_interval_belongs_to_its_measure_not_to_a_total_of_the_same_name(figures):
    """p8score_CI_low and p8score_CI_upp bound avg_p8score (an average), not t_p8score (a total whose name also ends
    in p8score): they are the average's interval, never measures of their own."""
    (line, record), *_ = [
        (line, r)
        for line, r in csv_records(KS4)
        if r["new_la_code"] == BROMLEY and r["time_period"] == "201819" and r["social_care_group"] == "CINO at 31 March"
    ]
    score = one(figures["ks4"], line=line, measure="avg_p8score")
    assert (score["value"], score["lower_ci95"], score["upper_ci95"]) == (-1.25, -1.54, -0.96)
    assert (float(record["p8score_CI_low"]), float(record["p8score_CI_upp"])) == (-1.54, -0.96)
    total = one(figures["ks4"], line=line, measure="t_p8score")
    assert (total["value"], total["lower_ci95"], total["upper_ci95"]) == (-95.125, None, None)
    assert not {r["measure"] for r in figures["ks4"]} & {"p8score_CI_low", "p8score_CI_upp"}


# -- Small cuts of the other releases (real records, byte for byte)


def test_the_low_code_is_a_suppression_of_its_own():
    """The workforce census writes `low` for a positive figure that rounds to zero (Sunderland's agency workers)."""
    found = rows(read(dfe, CSWW, dataset={"reporting_year": "calendar_year"}))
    cells = Counter(cell for _, r in csv_records(CSWW) for cell in r.values())
    assert cells["low"] == 6
    low = [r for r in found if r["suppression"] == "low"]
    assert len(low) == cells["low"] and {r["area_name"] for r in low} == {"Sunderland"}
    assert {r["measure"] for r in low} == {"agency_fte", "agency_rate_fte", "agency_cover_fte"}
    assert all(r["value"] is None for r in low)
    assert DFE_CODES["low"] == "a positive figure that rounds to zero"
    bromley = one(found, area_code=BROMLEY, measure="agency_rate_fte")
    assert (bromley["value"], bromley["suppression"]) == (12.7, None)


@pytest.mark.parametrize(
    ("reporting_year", "periods"), [("calendar_year", {"2024", "2023"}), (None, {"2023/24", "2022/23"})]
)
def test_a_reporting_year_is_the_calendar_year_where_the_dataset_says_so(reporting_year, periods):
    """The workforce is counted on 30 September and mid-year estimates on 30 June: their dataset declares its
    "Reporting year" a calendar year; otherwise a reporting year ends on 31 March."""
    for path in (CSWW, MYE):
        found = rows(read(dfe, path, dataset={"reporting_year": reporting_year}))
        assert {r["period"] for r in found} == periods
        assert {r["period_as_published"] for r in found} == {f"{p} (Reporting year)" for p in ("2024", "2023")}


def test_mid_year_estimates_bromley_2024():
    published = read(dfe, MYE, dataset={"reporting_year": "calendar_year"})
    found = rows(published)
    (line,) = [line for line, r in csv_records(MYE) if r["new_la_code"] == BROMLEY and r["time_period"] == "2024"]
    bromley = one(found, area_code=BROMLEY, period="2024")
    assert (bromley["value"], bromley["line"], bromley["measure"], bromley["breakdown"]) == (
        73457,
        line,
        "population_estimate",
        "all",
    )
    assert parse_period("2024").kind == "calendar_year"
    assert published.constants == {"age_group": "Children aged 0 to 17 years"}


def test_key_stage_2_progress_scores_carry_their_intervals_and_percentages_their_counts():
    published = read(dfe, KS2)
    found = rows(published)
    header = next(csv.reader(KS2.open(encoding="utf-8-sig", newline="")))
    limits = [name for name in header if re.search(r"_(lower|upper)_CI$", name)]
    assert len(limits) == 6 and not {r["measure"] for r in found} & set(limits)
    assert len({r["measure"] for r in found}) == len(header) - 12 - len(limits)  # 12 time, place and filter columns
    for line, record in csv_records(KS2):
        score = one(found, line=line, measure="avg_read_progress_score")
        assert (score["value"], score["lower_ci95"], score["upper_ci95"]) == tuple(
            value_of(record[c])
            for c in ("avg_read_progress_score", "avg_read_progress_score_lower_CI", "avg_read_progress_score_upper_CI")
        )
        share = one(found, line=line, measure="pt_rwm_met_expected_standard")
        assert (share["value"], share["count"]) == (
            value_of(record["pt_rwm_met_expected_standard"]),
            value_of(record["t_rwm_met_expected_standard"]),
        )
        assert share["version"] == VERSIONS[record["version"]]
    bromley = one(
        found, area_code=BROMLEY, period="2022-23", measure="avg_read_progress_score", breakdown="CINO at 31 March"
    )
    assert (bromley["value"], bromley["lower_ci95"], bromley["upper_ci95"]) == (-1.38, -2.75, -0.02)


def test_a_total_is_the_headline_of_its_breakdown():
    """Absence by school phase: the phase "Total" row is the social care group's headline; the phases are its
    breakdown, joined to the group."""
    published = read(dfe, ABSENCE)
    found = rows(published)
    total = one(found, measure="pt_overall", social_care_group="CINO at 31 March", phase_type_grouping="Total")
    assert (total["value"], total["breakdown"], total["breakdown_type"]) == (
        16.2,
        "CINO at 31 March",
        "social care group",
    )
    special = one(found, measure="pt_overall", social_care_group="CINO at 31 March", phase_type_grouping="Special")
    assert (special["value"], special["breakdown"], special["breakdown_type"]) == (
        13.9,
        "CINO at 31 March · Special",
        "social care group · phase type grouping",
    )
    assert published.constants == {"absence_terms": "six half terms"}
    assert {r["breakdown"] for r in found if r["measure"] == "pt_overall"} == {
        " · ".join(p for p in (r["social_care_group"], r["phase_type_grouping"]) if p != "Total")
        for _, r in csv_records(ABSENCE)
    }


@pytest.mark.parametrize(
    ("name", "dataset_id"),
    [
        (
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv",
            "dfe_c1_children_in_need_referrals_and_rereferrals",
        ),
        ("ks4_la.csv", "dfe_ks4_la"),
        ("csww_indicators_2017_to_2024.csv", "dfe_csww_indicators"),
        ("la_cla_placement_stability.csv", "dfe_la_cla_placement_stability"),
        ("Absence (2025).CSV", "dfe_absence"),
    ],
)
def test_an_undeclared_file_is_named_after_itself_without_its_years(name, dataset_id):
    assert dfe.dataset_of_file(f"data/incoming/{name}") == dataset_id


# -- Rows of levels the dashboard does not show: skipped, counted, never an error


def test_a_row_of_another_geographic_level_is_skipped_and_counted():
    """The 2024 record relabelled "Local authority district" (README.md): left out and counted by level; the 2025
    record is read whole."""
    published = read(dfe, DISTRICT)
    (kept_line, _), (_, skipped) = csv_records(DISTRICT)
    assert skipped["geographic_level"] == "Local authority district"
    assert published.skipped == Counter({SKIPPED.format("Local authority district"): 1})
    assert published.records == 2
    found = rows(published)
    assert {r["line"] for r in found} == {kept_line}
    assert len(found) == len(FILES["b1"][1])
    assert one(found, measure="At31_episodes")["value"] == 2740


def test_a_file_with_district_rows_keeps_its_national_regional_and_authority_rows():
    published = read(dfe, DISTRICTS)
    records = csv_records(DISTRICTS)
    shown = [(line, r) for line, r in records if r["geographic_level"] in LEVELS]
    districts = [r for _, r in records if r["geographic_level"] == "Local authority district"]
    assert len(districts) == 3 and len(shown) == 6
    assert published.skipped == Counter({SKIPPED.format("Local authority district"): len(districts)})
    found = rows(published)
    assert sorted({r["line"] for r in found}) == [line for line, _ in shown]
    assert {r["area_type"] for r in found} == {"National", "Regional", "Local authority"}
    assert len(found) == len(shown) * len(FILES["b1"][1])
    assert not {r["measure"] for r in found} & {"lad_code", "lad_name"}


# -- Derived files: the same figures however the file is laid out


def test_columns_are_found_by_name_in_any_order(figures):
    reversed_file = rows(read(dfe, REVERSED))
    header = next(csv.reader(REVERSED.open(encoding="utf-8", newline="")))
    assert header[0] == "p8score_CI_upp" and header[-1] == "time_period"
    original = {(r["line"], r["measure"]): r for r in figures["ks4"]}
    records = csv_records(KS4)
    hull = "Kingston upon Hull, City of", "202425", "CINO at 31 March"
    lines = [line for line, r in records if r["new_la_code"] == BROMLEY] + [
        line for line, r in records if (r["la_name"], r["time_period"], r["social_care_group"]) == hull
    ]  # the real lines of the fixture's records, in the fixture's order (README.md)
    assert len(reversed_file) == len(lines) * len(FILES["ks4"][1])
    for row in reversed_file:
        real = original[(lines[row["line"] - 2], row["measure"])]
        assert row | {"line": real["line"]} == real
    assert any(r["area_name"] == "Kingston upon Hull, City of" for r in reversed_file)


def test_windows_1252_with_crlf(figures):
    published = read(dfe, CP1252)
    assert published.encoding == "cp1252"
    assert b"\r\n" in CP1252.read_bytes()
    found = rows(published)
    assert {r["parent_name"] for r in found} == {"Outer\u00a0London"}
    lines = [line for line, record in csv_records(CLA) if record["new_la_code"] == BROMLEY]
    original = {(r["line"], r["measure"]): r for r in figures["cla"]}
    assert sorted({r["line"] for r in found}) == list(range(2, 2 + len(lines)))
    for row in found:
        real = original[(lines[row["line"] - 2], row["measure"])]
        assert {k: row[k] for k in ("value", "suppression", "filters", "period", "breakdown")} == {
            k: real[k] for k in ("value", "suppression", "filters", "period", "breakdown")
        }


def test_a_quoted_field_may_hold_a_line_break(figures):
    found = rows(read(dfe, LINE_BREAK))
    first = one(found, period="2024/25", measure="At31_episodes")
    assert (first["line"], first["filters"], first["value"]) == (2, {"category": "Children in\nNeed"}, 2740)
    assert one(found, period="2023/24", measure="At31_episodes")["line"] == 4  # after the 2-line record
    original = {(r["period"], r["measure"]): r["value"] for r in figures["b1"] if r["area_code"] == BROMLEY}
    assert {(r["period"], r["measure"]): r["value"] for r in found} == original


# -- Bad files: refused, saying where and why


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_file_is_refused_with_where_and_why(case: Path):
    shown = f"releases/dfe/{case.name}.csv"
    message = assert_refused_with_where_and_why(dfe, case, shown)
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
        read(dfe, bad, "b1.csv")
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
        (DISTRICT, B1, "utf-8", 1),
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


@pytest.mark.parametrize(
    ("cut", "shipped"),
    [
        (CSWW, "dfe_ees_csc_workforce/csww_indicators_2017_to_2024.csv"),
        (KS2, "dfe_ees_ks2_social_care/ks2_la.csv"),
        (MYE, "ons_mid_year_estimates_children/ons_mid-year_population_estimates_2012_to_2024.csv"),
        (ABSENCE, "dfe_ees_absence_social_care/absence_la.csv"),
    ],
)
def test_cuts_are_real_lines_byte_for_byte(cut, shipped):
    from loaders.paths import DEFAULT

    real = (DEFAULT.data / "releases" / shipped).read_bytes().split(b"\n")
    lines = cut.read_bytes().split(b"\n")
    assert lines[0] == real[0] and lines[-1] == b""  # the header as shipped (its byte-order mark too)
    positions = [real.index(line) for line in lines[1:-1]]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)  # whole records, in order


def test_an_empty_measure_cell_has_no_value_and_says_so(tmp_path):
    """The DfE writes a code for every missing figure; a blank cell is kept as no value ("blank"), with a note."""
    header = next(csv.reader(B1.open(encoding="utf-8", newline="")))
    record, other = [r for _, r in csv_records(B1) if r["new_la_code"] == BROMLEY][:2]
    blank = tmp_path / "b1.csv"
    with blank.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerow(["" if name == "awaiting_assessment" else record[name] for name in header])
        writer.writerow([other[name] for name in header])  # its number keeps the column a measure
    found = {r["measure"]: r for r in rows(read(dfe, blank, "b1.csv")) if r["line"] == 2}
    empty = found["awaiting_assessment"]
    assert (empty["value"], empty["suppression"], empty["value_note"]) == (
        None,
        "blank",
        "the cell is empty (the file gives no DfE code)",
    )
    assert found["At31_episodes"]["value"] == float(record["At31_episodes"])
