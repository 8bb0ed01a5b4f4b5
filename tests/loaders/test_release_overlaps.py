"""Releases that overlap, are renamed, revised or undeclared, end to end on private copies of the data tree.

One build holds every case (built once for the module): the shipped Fingertips export and KS4 file taken out, and
dropped into data/incoming/ an older revised Fingertips release, the same in Windows-1252, a newer one, a KS4 cut
holding one period as both Final and Revised, a B1 cut with "Local authority district" rows, and a C1 cut under
the column names of the 2025 release. It is checked for what each case must give: the rows of levels not shown
skipped and said once, renamed columns feeding the same indicators, Revised over Final and newer over older with
each replacement recorded, and the same tables whatever order the files are read in. Then a Fingertips export
nobody declared, and a CSV the dashboard does not read.

Every fixture is cut from the shipped releases (tests/fixtures/releases/incoming/README.md says how; test_releases.py
checks it); every expectation is counted here from the files with the csv module.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders.build import BuildReport, build, release_summary
from loaders.contract.schema import arrow_schema
from loaders.errors import BuildError
from loaders.paths import DEFAULT, DataPaths
from loaders.releases import load
from loaders.releases.declarations import Declarations
from loaders.releases.indicators import map_file
from loaders.releases.resolve import LATER_VERSION, NEWER_RELEASE
from loaders.store.tables import as_text
from loaders.strategy.metadata import rows_of
from tests.conftest import copy_data
from tests.loaders import shipped
from tests.loaders.readers import replacement, replacements
from tests.loaders.test_releases import (
    FT_PERIOD,
    HERE,
    csv_records,
    fingertips_figure,
    line_of,
    observations,
    release_records,
    table_hashes,
)

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

FINGERTIPS = Path("releases/ohid_fingertips_child_injury_admissions")
KS4 = Path("releases/dfe_ees_ks4_outcomes_cin_cla")
B1 = Path("releases/dfe_ees_children_in_need_b1/b1_children_in_need_2013_to_2025.csv")
C1 = Path("releases/dfe_ees_cin_referrals_c1/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv")
OLDER_REVISED = "fingertips_bromley_to_2020_21_revised.csv"
OLDER_CP1252 = "fingertips_bromley_to_2020_21_cp1252_crlf.csv"
NEWER = "fingertips_bromley_2012_13_to_2023_24.csv"
VERSIONS = "ks4_bromley_2019_20_final_and_revised.csv"
DISTRICTS = "b1_2025_with_districts.csv"
RENAMED = "c1_bromley_2025_names.csv"
DROPPED = (OLDER_REVISED, OLDER_CP1252, NEWER, VERSIONS, DISTRICTS, RENAMED)
BROMLEY = "E09000006"
INJURIES = "injury_admissions_0_14"
DISTRICT = "Local authority district"


def incoming(name: str) -> str:
    return f"data/incoming/{name}"


def prepare(paths: DataPaths) -> None:
    """The shipped Fingertips export and KS4 file out; the six fixtures in."""
    shutil.rmtree(paths.data / FINGERTIPS)
    shutil.rmtree(paths.data / KS4)
    for name in DROPPED:
        shutil.copyfile(HERE / name, paths.data / "incoming" / name)


# ---- the fixtures are shipped records ------------------------------------------------------------------------


def test_the_district_fixture_is_b1_records_and_their_district_copies():
    """README.md: B1's 2025 records of England, London, Outer London, Bexley, Bromley and Croydon, with lad_code and
    lad_name (empty) after la_name; then the three boroughs' records again as "Local authority district" rows whose
    lad_code and lad_name are the borough's code and name (a London borough is its own district)."""
    header, records = csv_records(HERE / DISTRICTS)
    real_header, real = csv_records(DEFAULT.data / B1)
    by_line = dict(real)
    at = real_header.index("la_name") + 1
    assert header == [*real_header[:at], "lad_code", "lad_name", *real_header[at:]]
    shown, districts = records[:6], records[6:]
    assert [{k: v for k, v in r.items() if k not in ("lad_code", "lad_name")} for _, r in shown] == [
        by_line[n] for n in (2, 9, 13, 150, 152, 153)
    ]
    assert all(r["lad_code"] == r["lad_name"] == "" for _, r in shown)
    for (_, district), (_, borough) in zip(districts, shown[3:], strict=True):
        assert district["geographic_level"] == DISTRICT and borough["geographic_level"] == "Local authority"
        assert (district["lad_code"], district["lad_name"]) == (borough["new_la_code"], borough["la_name"])
        assert {k: v for k, v in district.items() if k not in ("geographic_level", "lad_code", "lad_name")} == {
            k: v for k, v in borough.items() if k not in ("geographic_level", "lad_code", "lad_name")
        }


def test_the_versions_fixture_is_ks4_records_and_a_final_copy_of_one():
    """README.md: Bromley's three 2019/20 KS4 records (lines 2613, 2776, 2939, "Revised" as published), after a copy
    of the CINO record (line 2613) marked "Final" whose avg_att8 is Bromley's CINO figure of 2018/19 (line 3103)."""
    header, records = csv_records(HERE / VERSIONS)
    real_header, real = csv_records(DEFAULT.data / KS4 / "ks4_la.csv")
    by_line = dict(real)
    assert header == real_header
    (_, final), *revised = records
    assert [r for _, r in revised] == [by_line[n] for n in (2613, 2776, 2939)]
    assert final == {**by_line[2613], "version": "Final", "avg_att8": by_line[3103]["avg_att8"]}
    assert (by_line[2613]["version"], by_line[3103]["time_period"]) == ("Revised", "201819")
    raw = (HERE / VERSIONS).read_bytes().split(b"\n")
    real_lines = (DEFAULT.data / KS4 / "ks4_la.csv").read_bytes().split(b"\n")
    assert raw[0] == real_lines[0] and raw[2:5] == [real_lines[n - 1] for n in (2613, 2776, 2939)]


@dataclass
class Overlapping:
    paths: DataPaths
    report: BuildReport


@pytest.fixture(scope="module")
def overlapping(built_copy, tmp_path_factory) -> Overlapping:
    paths = copy_data(built_copy.data, tmp_path_factory.mktemp("overlapping"), with_tables=True)
    prepare(paths)
    return Overlapping(paths, build(paths))


def summary_lines(report: BuildReport) -> list[str]:
    return report.message.split("\nReleases, file by file:\n", 1)[1].splitlines()


# ---- rows of levels the dashboard does not show --------------------------------------------------------------


def test_a_file_with_district_rows_is_built_and_says_once_what_it_skipped(overlapping):
    _, records = csv_records(HERE / DISTRICTS)
    districts = [r for _, r in records if r["geographic_level"] == DISTRICT]
    shown = [(line, r) for line, r in records if r["geographic_level"] != DISTRICT]
    measures = 8  # Anypoint_episodes ... awaiting_assessment
    why = f"{len(districts)} rows of geographic levels the dashboard does not show ({DISTRICT})"
    record = release_records(overlapping.paths)[incoming(DISTRICTS)]
    assert (record["records"], record["skipped"], record["skipped_why"]) == (len(records), len(districts), why)
    # The same figures as the shipped file, which keeps them (shipped first): each of the cut's is repeated.
    assert (record["figures_read"], record["figures_kept"]) == (len(shown) * measures, 0)
    assert record["repeated"] == len(shown) * measures
    assert overlapping.report.message.count(DISTRICT) == 1  # once for the file, never once per row
    (line,) = [x for x in summary_lines(overlapping.report) if x.startswith(f"  - {incoming(DISTRICTS)}:")]
    assert line.endswith(f"; skipped: {why}")
    assert release_summary(record) == line.removeprefix("  - ")


def test_the_national_regional_and_authority_rows_of_that_file_are_kept(overlapping):
    """B1 2025 for England, London, Outer London, Bexley, Bromley and Croydon, as the shipped file gives them: the
    same figures, so they are kept once, from the shipped file (a shipped file keeps a tie's provenance)."""
    _, records = csv_records(HERE / DISTRICTS)
    shown = {
        r["new_la_code"] or r["region_code"] or r["country_code"]: (line, float(r["At31_episodes"]))
        for line, r in records
        if r["geographic_level"] != DISTRICT
    }
    assert len(shown) == 6
    rows = {
        r["area_code"]: (r["release_line"], r["value"], r["release_file"])
        for r in observations(overlapping.paths, "cin_at_31_march")
        if r["period"] == "2024/25" and r["area_code"] in shown
    }
    assert {code: value for code, (_, value, _) in rows.items()} == {code: v for code, (_, v) in shown.items()}
    assert {file for _, _, file in rows.values()} == {f"data/{B1.as_posix()}"}
    areas = {r["area_code"] for r in pq.read_table(overlapping.paths.tables / "areas.parquet").to_pylist()}
    assert set(shown) <= areas


# ---- renamed columns -----------------------------------------------------------------------------------------


def aliases() -> dict[str, str]:
    with (DEFAULT.metadata / "measure_aliases.csv").open(encoding="utf-8", newline="") as handle:
        return {r["published_name"]: r["name"] for r in csv.DictReader(handle) if r["dataset_id"] == "cin_c1"}


def test_the_renamed_fixture_is_the_2024_records_under_the_2025_names():
    renamed, records = csv_records(HERE / RENAMED)
    header, shipped_records = csv_records(DEFAULT.data / C1)
    names = aliases()
    assert renamed == [names.get(n, n) for n in header if n not in ("Referrals_rate", "Referrals_child_rate")]
    by_line = dict(shipped_records)
    lines = [2, 152, 167, 316]  # England and Bromley, 2024 and 2023 (README.md)
    assert [{names.get(k, k): v for k, v in by_line[n].items() if not k.endswith("_rate")} for n in lines] == [
        r for _, r in records
    ]


def test_renamed_columns_feed_the_same_indicators_as_the_2024_names(overlapping):
    """referral_count (the 2024 release's Referrals) is cin_referrals, rereferral_percent (Re_referrals_percent)
    cin_rereferrals_share, and every other renamed column the indicator the 2024 name feeds."""
    renamed, records = csv_records(HERE / RENAMED)
    measures = [n for n in renamed if n not in shipped.TIME | shipped.GEOGRAPHY | {"category"}]
    assert len(measures) == 10
    fed: dict[str, set[str]] = {}
    for path in sorted((overlapping.paths.tables / "observations").glob("*.parquet")):
        table = pq.read_table(path, columns=["indicator_id", "publisher_indicator_id", "release_file", "source_kind"])
        for row in as_text(table).to_pylist():
            if row["release_file"] in (incoming(RENAMED), f"data/{C1.as_posix()}"):
                fed.setdefault(row["release_file"], set()).add((row["publisher_indicator_id"], row["indicator_id"]))
    assert incoming(RENAMED) not in fed  # every one of its figures repeats one of the 2024 file's: kept once
    theirs = dict(fed[f"data/{C1.as_posix()}"])
    record = release_records(overlapping.paths)[incoming(RENAMED)]
    assert (record["dataset_id"], record["indicators"], record["indicators_declared"]) == ("cin_c1", 10, 2)
    # Each figure of the renamed file has the key (indicator, area, period, breakdown) of one of the 2024 file's,
    # with the same value: the renamed columns feed the same indicators.
    assert (record["figures_read"], record["figures_kept"], record["repeated"]) == (
        len(records) * 10,
        0,
        len(records) * 10,
    )
    published, dataset = load.read_file(HERE / RENAMED, incoming(RENAMED), declarations())
    mapped = map_file(published, dataset, declarations())
    ours = dict(zip(as_text(mapped.rows).column("publisher_indicator_id").to_pylist(),
                    as_text(mapped.rows).column("indicator_id").to_pylist(), strict=True))  # fmt: skip
    assert ours.keys() == set(measures)
    assert ours == {measure: theirs[measure] for measure in measures}
    assert (ours["referral_count"], ours["rereferral_percent"]) == ("cin_referrals", "cin_rereferrals_share")
    assert ours["rereferral_count"] == "cin_c1_rereferral_count"  # undeclared: <dataset>_<measure>


# ---- Revised over Final, newer over older: replacements -----------------------------------------------------


def test_a_revised_figure_replaces_the_final_one_of_the_same_period(overlapping):
    """The KS4 cut holds Bromley's 2019/20 CINO record as Final (its avg_att8 the 2018/19 figure, README.md) and as
    Revised: the Revised is kept, and the replacement recorded with both values, both lines."""
    _, records = csv_records(HERE / VERSIONS)
    final_line, final = line_of(HERE / VERSIONS, lambda r: r["version"] == "Final")
    revised_line, revised = line_of(
        HERE / VERSIONS, lambda r: r["version"] == "Revised" and r["social_care_group"] == final["social_care_group"]
    )
    differ = [k for k in final if final[k] != revised[k]]
    assert differ == ["version", "avg_att8"]
    (kept,) = [
        r
        for r in observations(overlapping.paths, "ks4_attainment8_social_care")
        if r["area_code"] == BROMLEY and r["period"] == "2019-20" and r["breakdown"] == final["social_care_group"]
    ]
    assert (kept["value"], kept["release_line"]) == (float(revised["avg_att8"]), revised_line)
    mine = [r for r in replacements(overlapping.paths) if r["release_file"] == incoming(VERSIONS)]
    assert mine == [
        replacement(
            "ks4_attainment8_social_care",
            BROMLEY,
            "2019-20",
            LATER_VERSION,
            (final["avg_att8"], incoming(VERSIONS), final_line),
            (revised["avg_att8"], incoming(VERSIONS), revised_line),
            ("social care group", final["social_care_group"]),
        )
    ]
    measures = 14  # t_pupils ... avg_p8score (its interval attached, not measures)
    record = release_records(overlapping.paths)[incoming(VERSIONS)]
    assert (record["figures_read"], record["superseded"], record["repeated"]) == (
        len(records) * measures,
        1,
        measures - 1,
    )
    assert record["figures_kept"] == (len(records) - 1) * measures


def test_a_newer_release_replaces_an_older_and_the_replacement_is_recorded(overlapping):
    """Bromley's Persons 2020/21: 50.0234 in the older revised release, 68.07021 in the newer (and in the older's
    Windows-1252 copy, which agrees with the newer and is repeated, not replaced)."""
    older_line, older = line_of(
        HERE / OLDER_REVISED, lambda r: r[FT_PERIOD] == "2020/21" and fingertips_figure(r)[2] == "all"
    )
    newer_line, newer = line_of(HERE / NEWER, lambda r: r[FT_PERIOD] == "2020/21" and fingertips_figure(r)[2] == "all")
    mine = [r for r in replacements(overlapping.paths) if r["indicator_id"] == INJURIES]
    assert mine == [
        replacement(
            INJURIES,
            BROMLEY,
            "2020/21",
            NEWER_RELEASE,
            (older["Value"], incoming(OLDER_REVISED), older_line),
            (newer["Value"], incoming(NEWER), newer_line),
        )
    ]
    assert (float(older["Value"]), float(newer["Value"])) == (50.0234, 68.07021)


def test_the_replacements_table_round_trips_with_its_schema(overlapping):
    table = pq.read_table(overlapping.paths.tables / "replacements.parquet")
    assert table.num_rows == 2 == len(replacements(overlapping.paths))
    assert table.schema.equals(arrow_schema("replacements"), check_metadata=False)
    assert "replacements 2." in overlapping.report.message


# ---- the order files are read in changes nothing -------------------------------------------------------------


def sorted_rows(table: pa.Table) -> list[dict]:
    return sorted(as_text(table).to_pylist(), key=repr)


def tiny_tree(root: Path) -> DataPaths:
    """The overlapping files alone, in a data tree of their own: the shipped B1 and C1 with the six fixtures."""
    paths = DataPaths(root / "data")
    for shipped_file in (B1, C1):
        (paths.data / shipped_file).parent.mkdir(parents=True)
        shutil.copyfile(DEFAULT.data / shipped_file, paths.data / shipped_file)
    (paths.data / "incoming").mkdir()
    for name in DROPPED:
        shutil.copyfile(HERE / name, paths.data / "incoming" / name)
    return paths


def declarations() -> Declarations:
    def rows(name):
        return rows_of(DEFAULT.metadata / f"{name}.csv", f"data/metadata/{name}.csv")

    return Declarations.from_rows(rows("release_datasets"), rows("measure_aliases"), rows("public_indicators"))


def orders(files: list[Path]) -> list[list[Path]]:
    shuffled = list(files)
    random.Random(2030).shuffle(shuffled)
    return [files, files[::-1], shuffled]


def test_the_same_figures_are_kept_whatever_order_the_files_are_read_in(tmp_path, monkeypatch):
    """Ties (the two older Fingertips releases; B1 and C1 given twice) are broken by file name and line, never by
    the order of reading: every order gives the same rows, replacements, records, indicators and areas."""
    paths = tiny_tree(tmp_path)
    files = load.release_files(paths)
    assert len(files) == 8
    found = []
    for order in orders(files):
        monkeypatch.setattr(load, "release_files", lambda _paths, order=order: list(order))
        loaded = load.load(paths, declarations())
        found.append(
            (
                sorted_rows(loaded.rows),
                sorted_rows(loaded.replacements),
                sorted(loaded.records, key=lambda r: r["release_file"]),
                loaded.indicators,
                loaded.areas,
            )
        )
    assert found[1] == found[0] and found[2] == found[0]
    rows, replaced, records, _, _ = found[0]
    assert len(replaced) == 2 and {r["reason"] for r in replaced} == {LATER_VERSION, NEWER_RELEASE}
    assert sum(r["repeated"] for r in records) > 0  # the ties were there to be broken
    oldest = [r for r in rows if r["indicator_id"] == INJURIES and r["period"] in ("2010/11", "2011/12")]
    assert {r["release_file"] for r in oldest} == {incoming(OLDER_CP1252)}  # of two that agree, the first by name


def test_the_overlapping_files_load_as_one(tmp_path):
    """Without a build: the district rows skipped and counted once, the renamed C1 columns under the indicators of
    the 2024 names, the Final figure replaced by the Revised, the older figure by the newer."""
    paths = tiny_tree(tmp_path)
    loaded = load.load(paths, declarations())
    records = {r["release_file"]: r for r in loaded.records}
    why = f"3 rows of geographic levels the dashboard does not show ({DISTRICT})"
    assert (records[incoming(DISTRICTS)]["skipped"], records[incoming(DISTRICTS)]["skipped_why"]) == (3, why)
    assert {r["skipped"] for file, r in records.items() if file != incoming(DISTRICTS)} == {0}
    rows = as_text(loaded.rows.select(["indicator_id", "publisher_indicator_id", "release_file"])).to_pylist()
    fed = {}
    for row in rows:
        fed.setdefault(row["release_file"], {})[row["publisher_indicator_id"]] = row["indicator_id"]
    assert incoming(RENAMED) not in fed  # its figures repeat the 2024 file's (same keys, same values): kept once
    assert records[incoming(RENAMED)]["repeated"] == records[incoming(RENAMED)]["figures_read"]
    theirs = fed[f"data/{C1.as_posix()}"]
    published, dataset = load.read_file(HERE / RENAMED, incoming(RENAMED), declarations())
    mapped = as_text(map_file(published, dataset, declarations()).rows).to_pylist()
    ours = {row["publisher_indicator_id"]: row["indicator_id"] for row in mapped}
    assert ours == {measure: theirs[measure] for measure in ours} and len(ours) == 10
    assert {k: ours[k] for k in ("referral_count", "rereferral_percent")} == {
        "referral_count": "cin_referrals",
        "rereferral_percent": "cin_rereferrals_share",
    }
    reasons = {(r["indicator_id"], r["reason"]) for r in loaded.replacements.to_pylist()}
    assert reasons == {("ks4_attainment8_social_care", LATER_VERSION), (INJURIES, NEWER_RELEASE)}


@pytest.mark.slow
def test_a_build_reading_the_files_in_reverse_writes_the_same_tables(overlapping, tmp_path, monkeypatch, built_copy):
    """The whole build, its release files read last to first: every observation file holds the same rows in the
    same order, and the same bytes (each file's text dictionaries hold only what its rows use, in the order they
    first use it), and the replacements, releases, indicators, areas and neighbours tables the same rows."""
    paths = copy_data(built_copy.data, tmp_path, with_tables=True)
    prepare(paths)
    real = load.release_files
    monkeypatch.setattr(load, "release_files", lambda p: real(p)[::-1])
    assert build(paths).built
    ours, theirs = paths.tables / "observations", overlapping.paths.tables / "observations"
    assert sorted(p.name for p in ours.glob("*.parquet")) == sorted(p.name for p in theirs.glob("*.parquet"))
    for path in sorted(ours.glob("*.parquet")):
        assert path.read_bytes() == (theirs / path.name).read_bytes(), path.name
    for table in ("replacements", "releases", "indicators", "areas", "statistical_neighbours"):
        assert sorted_rows(pq.read_table(paths.tables / f"{table}.parquet")) == sorted_rows(
            pq.read_table(overlapping.paths.tables / f"{table}.parquet")
        ), table


# ---- a Fingertips export nobody declared ---------------------------------------------------------------------


@pytest.mark.slow
def test_an_undeclared_fingertips_export_is_kept_whole_under_its_own_id(data_copy):
    """Indicator 90284 with its declaration taken out of public_indicators.csv: every figure kept, as
    fingertips_90284, its unit told by its figures (10,000 x count / denominator), no polarity claimed, and the
    build says the file's indicator is not declared."""
    declared = data_copy.metadata / "public_indicators.csv"
    lines = declared.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sum(",fingertips,90284," in line for line in lines) == 1
    declared.write_text("".join(line for line in lines if ",fingertips,90284," not in line), encoding="utf-8")
    report = build(data_copy)

    shipped_file = f"data/{FINGERTIPS.as_posix()}/la_hospital_admissions_2324.csv"
    measured = shipped.measure(DEFAULT)[shipped_file]
    expected = {("fingertips_90284", *key[1:]) for key in measured.figures}
    rows = observations(data_copy, "fingertips_90284")
    assert {
        (r["indicator_id"], r["area_code"], r["period"], r["breakdown_type"], r["breakdown"]) for r in rows
    } == expected
    assert not (data_copy.tables / "observations" / f"{INJURIES}.parquet").exists()
    indicators = {r["indicator_id"]: r for r in pq.read_table(data_copy.tables / "indicators.parquet").to_pylist()}
    assert INJURIES not in indicators
    indicator = indicators["fingertips_90284"]
    assert (indicator["declared"], indicator["unit"], indicator["unit_inferred"], indicator["polarity"]) == (
        False,
        "per_10000",
        True,
        None,
    )
    assert indicator["title"] == indicator["publisher_indicator_name"] == measured.dataset.removeprefix("Fingertips: ")
    assert "its unit (a rate per 10,000) is inferred from its figures" in indicator["definition"]
    assert {r["unit"] for r in rows} == {"per_10000"}
    record = release_records(data_copy)[shipped_file]
    assert (record["indicators"], record["indicators_declared"], record["figures_kept"]) == (1, 0, len(expected))
    (line,) = [x for x in summary_lines(report) if x.startswith(f"  - {shipped_file}:")]
    assert "1 indicator (0 declared)" in line


# ---- a file the dashboard does not read ----------------------------------------------------------------------


def test_a_csv_of_another_kind_is_refused_naming_its_file_line_and_reason_and_no_table_changes(data_copy):
    """A real CSV that is no release (the project's own measure_aliases.csv, dropped in by mistake)."""
    shutil.copyfile(DEFAULT.metadata / "measure_aliases.csv", data_copy.data / "incoming" / "aliases.csv")
    before = table_hashes(data_copy)
    with pytest.raises(BuildError) as raised:
        build(data_copy)
    (error,) = raised.value.errors
    assert (error.file, error.line, error.column) == ("data/incoming/aliases.csv", 1, None)
    assert error.reason.startswith(
        "is not a format the dashboard reads: its header (dataset_id, published_name, name, note) is not an OHID "
        "Fingertips data export"
    )
    assert str(raised.value).startswith("1 problem in the sources; no table was changed.")
    assert table_hashes(data_copy) == before
