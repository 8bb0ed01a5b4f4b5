"""The explorer's arithmetic on hand-worked values, several of them the strategy's own examples: referrals
3,422 in 2018/19 to 4,032 in 2021/22; children 73,200 in 2021 to 66,800 in 2031 ("9% fewer"); the share of
residents who are children 22% to 20% ("down 2 percentage points")."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from insight.areas import HOME_ROLE
from insight.explore import (
    changes,
    chart_kind,
    expand_areas,
    find,
    growth,
    index_to,
    narrow,
    per_population,
    periods,
    readable_changes,
    with_names,
)


def row(indicator, period, value, *, start, unit="count", area="E09000006", breakdown="all", **extra):
    begin = pd.Timestamp(start) if start else pd.NaT
    return {
        "indicator_id": indicator,
        "title": indicator.replace("_", " ").capitalize(),
        "area_code": area,
        "area_name": "Bromley" if area == "E09000006" else "England",
        "breakdown": breakdown,
        "period": period,
        "period_start": begin,
        "x": begin + pd.Timedelta(days=182) if start else pd.NaT,
        "value": value,
        "unit": unit,
        "unit_label": None,
        "status": "observed",
        **extra,
    }


def frame(*rows) -> pd.DataFrame:
    return with_names(pd.DataFrame(rows))


REFERRALS = [
    row("referrals", "2018/19", 3422, start="2018-04-01"),
    row("referrals", "2021/22", 4032, start="2021-04-01"),
]
CHILDREN = [row("children", "2021", 73200, start="2021-01-01"), row("children", "2031", 66800, start="2031-01-01")]
SHARE = [
    row("children_share", "2021", 22, start="2021-01-01", unit="percent"),
    row("children_share", "2031", 20, start="2031-01-01", unit="percent"),
]


def test_a_count_changes_by_its_difference_percent_and_compound_growth():
    (found,) = changes(frame(*REFERRALS), "2018/19", "2021/22").to_dict("records")
    assert found["Change"] == 610  # 4,032 - 3,422
    assert found["Percent change"] == pytest.approx(17.826, abs=1e-3)  # 610 / 3,422
    assert found["Years"] == 3.0
    assert found["Compound annual growth"] == pytest.approx(
        5.620, abs=1e-3
    )  # (4,032 / 3,422) ** (1/3) - 1: ln 1.17826 = 0.16404
    assert found["Percentage-point change"] is None


def test_the_strategys_nine_percent_fewer_children_by_2031():
    (found,) = changes(frame(*CHILDREN), "2021", "2031").to_dict("records")
    assert found["Change"] == -6400
    assert round(found["Percent change"]) == -9  # the strategy: "a decrease of 9%"
    assert found["Compound annual growth"] == pytest.approx(((66800 / 73200) ** 0.1 - 1) * 100)


def test_a_share_changes_by_percentage_points_never_by_a_percent():
    (found,) = changes(frame(*SHARE), "2021", "2031").to_dict("records")
    assert found["Percentage-point change"] == -2  # the strategy: "down 2 percentage points"
    assert found["Percent change"] is None and found["Compound annual growth"] is None
    (shown,) = readable_changes(changes(frame(*SHARE), "2021", "2031")).to_dict("records")
    assert shown["Change"] == "-2 percentage points" and shown["Percent change"] == "–"


def test_a_missing_period_is_said_not_guessed():
    (found,) = changes(frame(*REFERRALS), "2011", "2021/22").to_dict("records")
    assert found["Change"] == "no figure for 2011" and found["From value"] is None


def test_the_readable_table_writes_units_and_signs():
    (shown,) = readable_changes(changes(frame(*REFERRALS), "2018/19", "2021/22")).to_dict("records")
    assert shown == {
        "Series": "Bromley",
        "From": "2018/19: 3,422",
        "To": "2021/22: 4,032",
        "Change": "+610",
        "Percent change": "+17.8%",
        "Percentage-point change": "–",
        "Compound annual growth": "+5.62% a year over 3 years",
    }


@pytest.mark.parametrize(
    ("start", "end", "years", "expected"),
    [(100, 121, 2, 10.0), (100, 100, 5, 0.0), (100, 50, 0, None), (0, 5, 2, None)],
)
def test_compound_growth_by_hand(start, end, years, expected):
    found = growth(start, end, years)
    assert found == (None if expected is None else pytest.approx(expected))


def test_each_series_is_indexed_to_its_own_base_and_one_without_it_is_named():
    england = row("referrals", "2018/19", 400000, start="2018-04-01", area="E92000001")
    indexed, notes = index_to(frame(*REFERRALS, england, *CHILDREN), "2018/19")
    assert indexed.loc[indexed["period"] == "2021/22", "value"].tolist() == pytest.approx([4032 / 3422 * 100])
    assert indexed.loc[indexed["period"] == "2018/19", "value"].tolist() == [100.0, 100.0]
    assert set(indexed["unit"]) == {"index"} and set(indexed["unit_label"]) == {"index, 2018/19 = 100"}
    assert notes == ["Children · Bromley: no figure in 2018/19 to index to, so left out"]


def test_counts_with_a_denominator_become_rates_and_the_rest_stay_as_published():
    counted = row("admissions", "2023/24", 250, start="2023-04-01", denominator=50000)
    bare = row("referrals", "2021/22", 4032, start="2021-04-01", denominator=math.nan)
    shown, notes = per_population(frame(counted, bare))
    assert shown["value"].tolist() == [50.0, 4032]  # 250 / 50,000 * 10,000
    assert shown["unit"].tolist() == ["per_10000", "count"]
    assert notes == ["Referrals · Bromley: shown as published (the tables hold no denominator for it)"]


def test_the_chart_kind_follows_the_data():
    assert chart_kind(frame(*REFERRALS)) == "time"
    assert chart_kind(frame(REFERRALS[0])) == "bars"  # one period
    assert chart_kind(frame(row("children_in_care", "current", 350, start=None))) == "bars"  # undated
    assert chart_kind(pd.DataFrame()) == "none"


def test_periods_in_time_order_then_undated():
    undated = row("children_in_care", "current", 350, start=None)
    assert periods(frame(*CHILDREN, undated, *REFERRALS)) == ["2018/19", "2021", "2021/22", "2031", "current"]


INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["cla", "careers", "injuries"],
        "title": ["Children in care", "Careers advice", "Hospital admissions for injuries"],
        "theme": ["social_care", "education", "health"],
        "topic": ["children in care", "careers", "injuries"],
        "definition": ["Children looked after by the council", "Pupils given careers advice", "Emergency admissions"],
        "publisher": ["Department for Education", "", "Office for Health Improvement and Disparities"],
    }
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("care", ["cla"]),  # a whole word: not "careers"
        ("Department for Education", ["cla"]),  # the publisher
        ("admission", ["injuries"]),  # a plural finds its singular
        ("health", ["injuries"]),  # the theme in words
        ("", ["cla", "careers", "injuries"]),
        ("nothing like it", []),
    ],
)
def test_indicators_are_found_by_whole_words_of_their_title_theme_definition_or_publisher(query, expected):
    assert find(INDICATORS, query)["indicator_id"].tolist() == expected


NEAR = {"neighbours": ("Home's statistical neighbours", ["N1", "N2", "N3"])}  # a group's authorities, nearest first


@pytest.mark.parametrize(
    ("picked", "areas", "through"),
    [
        # The group is one pick: its authorities read in its place, nearest first, each marked as the group's.
        (
            ["H", "neighbours"],
            ["H", "N1", "N2", "N3"],
            dict.fromkeys(["N1", "N2", "N3"], "Home's statistical neighbours"),
        ),
        # An authority also picked by itself stays a series of its own, read once, where it was first picked.
        (
            ["N2", "neighbours", "H"],
            ["N2", "N1", "N3", "H"],
            dict.fromkeys(["N1", "N3"], "Home's statistical neighbours"),
        ),
        (["H", "E"], ["H", "E"], {}),  # no group picked: the picks as they are
        (
            ["neighbours", "neighbours"],
            ["N1", "N2", "N3"],
            dict.fromkeys(["N1", "N2", "N3"], "Home's statistical neighbours"),
        ),
    ],
)
def test_a_group_picked_among_the_areas_reads_its_authorities(picked, areas, through):
    assert expand_areas(picked, NEAR) == (areas, through)


def test_the_group_an_area_came_through_survives_narrowing_for_the_chart():
    rows = frame(*REFERRALS).assign(group="Home's statistical neighbours")
    assert narrow(rows)["group"].tolist() == ["Home's statistical neighbours"] * 2


def test_on_a_log_scale_figures_of_zero_are_named_as_gaps():
    from insight.explore import Options, prepare

    rows = frame(*REFERRALS, row("referrals", "2022/23", 0, start="2022-04-01"))
    _, notes = prepare(rows, Options(log=True))
    assert notes == [
        "On a log scale a figure of zero or below cannot be drawn: 1 left as gaps in their lines (Bromley)."
    ]
    assert prepare(rows, Options())[1] == []  # on a linear scale zero is drawn


# ---- records as the page reads them: shaped, named, titled; the view it opens on; areas in words -----------------


def test_records_are_shaped_with_their_words_the_middle_of_their_period_and_in_the_order_picked():
    from datetime import date

    from insight.explore import Words, shape

    words = Words(
        {"rate": {"title": "A rate", "unit_label": "per 10,000 children", "measure": "level"}},
        {"dfe": "Department for Education (2025)", "gla": "GLA (2022)"},
        {"E09000006": HOME_ROLE, "E92000001": "country"},
    )
    read = [
        {"indicator_id": "rate", "area_code": code, "period": period, "period_start": start, "period_end": end,
         "breakdown": "all", "source_kind": kind, "source_id": source, "publisher": publisher}
        for code, period, start, end, kind, source, publisher in [
            ("E92000001", "2024/25", date(2024, 4, 1), date(2025, 3, 31), "release", None, "DfE"),
            ("E09000006", "2024/25", date(2024, 4, 1), date(2025, 3, 31), "release", None, "DfE"),
            ("E09000006", "2021", date(2021, 1, 1), date(2021, 12, 31), "strategy", "gla", None),
            ("E09000006", "current", None, None, "strategy", "gla", None),
        ]
    ]  # fmt: skip
    rows = shape(read, words, ["rate"], ["E09000006", "E92000001"])
    assert [(r["area_code"], r["period"]) for r in rows] == [
        ("E09000006", "2021"), ("E09000006", "2024/25"), ("E09000006", "current"), ("E92000001", "2024/25"),
    ]  # fmt: skip
    assert [r["x"] for r in rows] == [pd.Timestamp("2021-07-02"), pd.Timestamp("2024-09-30"), None,
                                      pd.Timestamp("2024-09-30")]  # fmt: skip
    assert [r["citation"] for r in rows] == ["GLA (2022)", "DfE", "GLA (2022)", "DfE"]  # a release cites its publisher
    assert {r["title"] for r in rows} == {"A rate"} and [r["area_role"] for r in rows] == [HOME_ROLE] * 3 + ["country"]


def test_records_are_prepared_as_their_frame_is():
    from insight.explore import Options, prepare, prepare_rows

    rows = frame(*REFERRALS, row("referrals", "2022/23", 0, start="2022-04-01"))
    for chosen in (Options(), Options(log=True), Options(base="2018/19")):
        expected, notes = prepare(rows, chosen)
        records, said = prepare_rows(rows.to_dict("records"), chosen)
        assert [r["value"] for r in records] == pytest.approx(expected["value"].tolist())
        assert [r["value_as_published"] for r in records] == [3422, 4032, 0]
        assert said == notes


def test_a_views_title_names_its_indicators_and_few_areas_and_counts_many():
    from insight.explore import named, view_title

    rows = named(
        [r | {"group": None} for r in [*REFERRALS, row("referrals", "2021/22", 400000, start="2021-04-01", area="E")]]
    )
    assert view_title(rows) == "Referrals: Bromley and England"
    near = [row("rate", "2021", 1, start="2021-01-01", area=f"N{i}") | {"group": "Home's neighbours"} for i in range(9)]
    assert view_title(named([*CHILDREN, *near])) == "Children and Rate: Bromley and Home's neighbours"
    many = [row("rate", "2021", 1, start="2021-01-01", area=f"A{i}") | {"area_name": f"Area {i}"} for i in range(6)]
    assert view_title(named(many)) == "Rate in 6 areas"


@pytest.mark.parametrize(
    ("code", "name", "words"),
    [
        ("E09000006", "Bromley", "Bromley (E09000006)"),
        ("E06000061 / E06000062", "Two merged", "Two merged (E06000061 / E06000062)"),  # both codes real
        ("national", "National (geography not stated)", "National (geography not stated)"),  # the tables' own key
    ],
)  # fmt: skip
def test_an_area_is_listed_by_name_with_its_gss_code_only_where_it_has_one(code, name, words):
    from insight.explore import area_words

    assert area_words(code, name) == words


def test_the_opening_indicator_is_the_declared_one_with_the_newest_headline_figure():
    from insight.explore import opening_indicator

    def figure(indicator, end, breakdown="all", value=1.0):
        return {"indicator_id": indicator, "period_end": pd.Timestamp(end), "breakdown": breakdown, "value": value}

    rows = [
        figure("referral_rate", "2024-03-31"), figure("cla_rate", "2025-03-31"), figure("cla_rate", "2024-03-31"),
        figure("referral_rate", "2026-03-31", breakdown="Boys"), figure("referral_rate", "2027-03-31", value=None),
    ]  # fmt: skip
    assert opening_indicator(["referral_rate", "cla_rate"], rows) == "cla_rate"  # a breakdown or a gap is no figure
    tied = [figure("a", "2025-03-31"), figure("b", "2025-03-31")]
    assert opening_indicator(["b", "a"], tied) == "b"  # the first declared on a tie
    assert opening_indicator(["a"], []) is None
