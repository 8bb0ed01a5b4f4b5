"""The DfE's statistical neighbour model: read by loaders.releases.neighbours (authorities by their three-digit
numbers), mapped to GSS codes through the numbers the EES files carry, and written to the `statistical_neighbours`
table. Expectations come from the model and an EES file read with the csv module, never from the loaders."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders.errors import BuildError
from loaders.paths import DEFAULT
from loaders.releases import neighbours, recognise
from tests.conftest import FIXTURES
from tests.loaders import shipped
from tests.loaders.readers import read

MODEL = Path("releases/dfe_statistical_neighbours_2025/sn_model_2025_wide.csv")
B1 = Path("releases/dfe_ees_children_in_need_b1/b1_children_in_need_2013_to_2025.csv")
CUT = FIXTURES / "releases" / "neighbours" / "sn_model_2025_bexley_bromley.csv"
BROMLEY = "E09000006"


def model_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    return shipped.csv_records(path)[1]


def ranks(record: dict[str, str]) -> list[tuple[int, str, str]]:
    """(rank, neighbour's number, closeness) of a model row, nearest first (the trailing space of "Close " dropped)."""
    found = [(int(k[3:]), v, record[f"{k}P"].strip()) for k, v in record.items() if k[:3] == "SN_" and k[3:].isdigit()]
    return sorted(found)


def codes_by_number(path: Path) -> dict[str, str]:
    """Each three-digit LA number of an EES file with the GSS code of its newest record (the csv module's)."""
    _, records = shipped.csv_records(path)
    newest: dict[str, tuple[str, str]] = {}
    for _, r in records:
        if r["geographic_level"] == "Local authority" and (
            r["old_la_code"] not in newest or r["time_period"] > newest[r["old_la_code"]][1]
        ):
            newest[r["old_la_code"]] = (r["new_la_code"], r["time_period"])
    return {number: code for number, (code, _) in newest.items()}


@pytest.fixture(scope="module")
def table(built_copy) -> list[dict]:
    return pq.read_table(built_copy.tables / "statistical_neighbours.parquet").to_pylist()


def test_bromleys_ten_neighbours_in_rank_order(table):
    """Hertfordshire, Trafford, Buckinghamshire, West Berkshire, Bracknell Forest, Oxfordshire, Hampshire, Windsor and
    Maidenhead, Solihull and Surrey: the model's row for Bromley (305), its numbers mapped to codes by B1."""
    records = model_rows(DEFAULT.data / MODEL)
    names = {r["old_la_code"]: r["la_name"] for _, r in records}
    ((line, bromley),) = [(n, r) for n, r in records if r["la_name"] == "Bromley"]
    expected = ranks(bromley)
    assert [names[number] for _, number, _ in expected] == [
        "Hertfordshire",
        "Trafford",
        "Buckinghamshire",
        "West Berkshire",
        "Bracknell Forest",
        "Oxfordshire",
        "Hampshire",
        "Windsor and Maidenhead",
        "Solihull",
        "Surrey",
    ]
    codes = codes_by_number(DEFAULT.data / B1)
    assert codes[bromley["old_la_code"]] == BROMLEY
    mine = sorted((r for r in table if r["area_code"] == BROMLEY), key=lambda r: r["rank"])
    assert [(r["rank"], r["neighbour_number"], r["neighbour_code"], r["closeness"]) for r in mine] == [
        (rank, number, codes[number], closeness) for rank, number, closeness in expected
    ]
    assert {(r["la_number"], r["release_line"], r["release_file"], r["model"]) for r in mine} == {
        ("305", line, f"data/{MODEL.as_posix()}", "Statistical neighbours (2025 model)")
    }


def test_an_authority_whose_code_changed_is_named_by_its_newest_code(table):
    """Buckinghamshire (825) was the county E10000002 to 2020 and the unitary E06000060 since: the newest code."""
    _, records = shipped.csv_records(DEFAULT.data / B1)
    buckinghamshire = {(r["time_period"], r["new_la_code"]) for _, r in records if r["old_la_code"] == "825"}
    newest = max(buckinghamshire)
    assert {code for _, code in buckinghamshire} == {"E10000002", "E06000060"} and newest[1] == "E06000060"
    assert {r["neighbour_code"] for r in table if r["neighbour_number"] == "825"} == {"E06000060"}


def test_every_authority_of_the_model_has_its_ten_neighbours(table, built_copy):
    records = model_rows(DEFAULT.data / MODEL)
    numbers = shipped.la_numbers(shipped.measure(DEFAULT))
    expected = {
        (numbers[r["old_la_code"]], rank, numbers[number])
        for _, r in records
        for rank, number, _ in ranks(r)
        if r["old_la_code"] in numbers and number in numbers
    }
    assert len(records) == 153 and len(expected) == 1530
    assert {(r["area_code"], r["rank"], r["neighbour_code"]) for r in table} == expected
    areas = {r["area_code"] for r in pq.read_table(built_copy.tables / "areas.parquet").to_pylist()}
    assert {r["area_code"] for r in table} | {r["neighbour_code"] for r in table} <= areas


def test_the_reader_gives_each_row_its_neighbours_nearest_first():
    published = read(neighbours, CUT, "sn.csv", {"dataset_id": "dfe_statistical_neighbours"})
    records = model_rows(CUT)
    assert (published.format, published.records, published.figures.num_rows) == ("dfe_neighbours", 2, 0)
    assert [
        (r["la_number"], r["rank"], r["neighbour_number"], r["closeness"], r["release_line"])
        for r in published.neighbours
    ] == sorted(
        (
            (r["old_la_code"], rank, number, closeness, line)
            for line, r in records
            for rank, number, closeness in ranks(r)
        ),
        key=lambda found: (found[1], found[4]),
    )
    assert {r["closeness"] for r in published.neighbours} <= {
        "Extremely close",
        "Very close",
        "Close",
        "Somewhat close",
    }
    header = next(csv.reader(CUT.open(encoding="utf-8-sig", newline="")))
    assert recognise.format_of(header, CUT.name) == "dfe_neighbours"


def test_a_number_that_is_not_three_digits_is_refused_with_its_line_and_column(tmp_path):
    """Bromley's first neighbour written "91" (two digits) in a copy: refused, naming the line and column."""
    bad = tmp_path / "sn.csv"
    shutil.copyfile(CUT, bad)
    bad.write_bytes(bad.read_bytes().replace(b"305,Bromley,3,London,919,", b"305,Bromley,3,London,91,"))
    with pytest.raises(BuildError) as raised:
        read(neighbours, bad, "sn.csv")
    assert [str(e) for e in raised.value.errors] == [
        'sn.csv, line 3, column "SN_1": "91" is not a three-digit DfE local authority number'
    ]


def test_the_cut_is_real_lines_byte_for_byte():
    real = (DEFAULT.data / MODEL).read_bytes().split(b"\n")
    lines = CUT.read_bytes().split(b"\n")
    assert lines[0] == real[0] and lines[-1] == b""
    assert [real.index(line) + 1 for line in lines[1:-1]] == [7, 18]  # Bexley's and Bromley's rows
