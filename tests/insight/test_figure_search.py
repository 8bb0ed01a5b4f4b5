"""Searching every published figure by the words of its fields, on a small table worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa

from insight.areas import HOME_ROLE
from insight.figure_search import COLUMNS, PublishedFigures, shown_table

ROWS = [  # indicator, area code, area name, period, breakdown, value
    ("cla", "E09000006", "Bromley", "2024/25", "all", 343.0),
    ("cla", "E09000006", "Bromley", "2023/24", "all", 350.0),
    ("cla", "E09000003", "Barnet", "2024/25", "all", 343.0),
    ("ref", "E09000006", "Bromley", "2023/24", "all", 4556.0),
    ("ref", "E09000006", "Bromley", "2023/24", "CINO at 31 March", 12.5),
]


def table() -> pa.Table:
    return pa.table(
        {
            "indicator_id": [r[0] for r in ROWS],
            "area_code": [r[1] for r in ROWS],
            "area_name": [r[2] for r in ROWS],
            "period": [r[3] for r in ROWS],
            "period_end": [date(int(r[3][:4]) + 1, 3, 31) for r in ROWS],
            "breakdown": [r[4] for r in ROWS],
            "value": [r[5] for r in ROWS],
            "status": ["observed"] * len(ROWS),
            "theme": ["social_care"] * len(ROWS),
            "release_file": ["x.csv"] * len(ROWS),
            "release_line": list(range(2, 2 + len(ROWS))),
        }
    ).select(COLUMNS)


INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["cla", "ref"],
        "title": ["Children looked after on 31 March", "Referrals to children's social care"],
        "topic": ["children in care", "referrals"],
        "theme": ["social_care", "social_care"],
        "publisher_indicator_id": ["children_count", "referral_count"],
        "unit": ["count", "count"],
        "unit_label": [None, None],
    }
)
AREAS = pd.DataFrame(
    {"area_code": ["E09000006", "E09000003"], "area_name": ["Bromley", "Barnet"], "role": [HOME_ROLE, None]}
)


def index() -> PublishedFigures:
    return PublishedFigures.build(table(), INDICATORS).in_reading_order(AREAS, "E09000006")


def test_a_number_finds_every_figure_of_that_value_as_typed_with_or_without_thousands_separators():
    found = index()
    assert list(found.find("343")) == [0, 2]
    assert list(found.find("4,556")) == list(found.find("4556")) == [3]
    assert list(found.find("12.5")) == [4]


def test_every_word_must_be_in_the_row_each_within_one_field_plurals_as_singulars():
    found = index()
    assert list(found.find("343 Bromley")) == [0]
    assert list(found.find("referral")) == list(found.find("referrals")) == [3, 4]
    assert list(found.find('"looked after" 2023/24')) == [1]
    assert list(found.find('"after looked"')) == []
    assert list(found.find("CINO")) == [4]


def test_filters_narrow_by_area_and_an_empty_search_finds_all():
    found = index()
    assert list(found.find("", areas=("E09000003",))) == [2]
    assert len(found.find("")) == len(ROWS)


def test_the_rows_shown_put_the_home_area_first_newest_first_each_value_in_its_unit_with_its_line():
    found = index()
    shown = shown_table(found, found.find("looked after"), INDICATORS)
    assert list(zip(shown["Area"], shown["Period"], shown["Value"], strict=True)) == [
        ("Bromley", "2024/25", "343"),
        ("Bromley", "2023/24", "350"),
        ("Barnet", "2024/25", "343"),
    ]
    assert list(shown["File and line"]) == ["x.csv, line 2", "x.csv, line 3", "x.csv, line 4"]
    assert len(shown_table(found, found.find(""), INDICATORS, limit=2)) == 2
