"""Ranks among authorities on hand-worked cases: ties, suppressed figures, groups the release barely covers, the
family tree and the statistical neighbours the groups come from, the neighbours' average beside the region's and
the country's figures (better or worse only by a declared polarity), and every indicator against England by the
publisher's interval."""

from __future__ import annotations

import pandas as pd
import pytest

from insight.areas import HOME_ROLE, Areas
from insight.league import (
    Family,
    Group,
    against_england_table,
    beside_table,
    comparator_groups,
    compared_words,
    league,
    league_sentences,
    positions,
    rankable,
    standings,
)

# A small country: England > London > Outer London > three boroughs; Inner London > one borough; a region with two
# authorities outside London; one authority merged away (in the areas table, never in the release).
AREAS = pd.DataFrame(
    [
        ("H", "Home", "London borough", HOME_ROLE, "OUT"),
        ("LON", "London", "Region", "region", "ENG"),
        ("ENG", "England", "Country", "country", None),
        ("OUT", "Outer London", "Part of a region", None, "LON"),
        ("INN", "Inner London", "Part of a region", None, "LON"),
        ("A", "Ayton", "Local authority", None, "OUT"),
        ("B", "Beeton", "Local authority", None, "OUT"),
        ("C", "Ceeton", "Local authority", None, "INN"),
        ("NE", "North", "Region", None, "ENG"),
        ("D", "Deeton", "Local authority", None, "NE"),
        ("E", "Eeton", "Local authority", None, "NE"),
        ("OLD", "Merged away", "Local authority", None, "NE"),
    ],
    columns=["area_code", "area_name", "area_type", "role", "parent_code"],
)
FAMILY = Family.from_table(AREAS)
ROLES = Areas.from_table(AREAS)
NEIGHBOURS = ["D", "B", "E", "OLD"]  # the model's order, nearest first: two outside London, one merged away since


def area_group(label: str, area: str) -> Group:
    """Every authority of `area`, as comparator_groups makes it."""
    return Group(label, label, label, tuple(FAMILY.authorities_in(area)), area)


LONDON = area_group("authorities in London", "LON")
ENGLAND = area_group("authorities in England", "ENG")


def test_the_family_tree_gives_groups_and_siblings_from_the_table():
    assert FAMILY.ancestors("H") == ["OUT", "LON", "ENG"]
    assert FAMILY.authorities_in("LON") == ["A", "B", "C", "H"]  # by name: Ayton, Beeton, Ceeton, Home
    assert FAMILY.authorities_in("ENG") == ["A", "B", "C", "D", "E", "H", "OLD"]
    assert FAMILY.siblings("H") == ["A", "B"]  # Outer London's other boroughs, not Inner London's


def test_a_loop_in_the_parents_ends_the_walk():
    looped = Family({"X": "Y", "Y": "X"}, {"X": "Local authority", "Y": "Region"}, {"X": "X", "Y": "Y"})
    assert looped.ancestors("X") == ["Y"]  # not X itself


def test_ties_share_the_better_place_and_suppressed_figures_are_counted_not_ranked():
    # lower is better: D 10, H 20, A 20, B 30, E suppressed, C 40; OLD is not in the release at all.
    values = {"H": 20.0, "A": 20.0, "B": 30.0, "C": 40.0, "D": 10.0, "E": None}
    found = standings(values, FAMILY, "H", [LONDON, ENGLAND], "lower_is_better")
    london, england = found
    assert (london.rank.position, london.rank.of, london.rank.tied, london.rank.missing) == (1, 4, 2, 0)
    assert london.words == "1st of 4 authorities in London (tied with 1 other)"
    assert (england.rank.position, england.rank.of, england.rank.tied, england.rank.missing) == (2, 5, 2, 1)
    assert england.members == ["A", "B", "C", "D", "E", "H"]  # OLD is not a member: the release does not cover it
    assert england.words == "2nd of 5 authorities in England (tied with 1 other; Eeton has no figure)"


def test_higher_is_better_ranks_from_the_top():
    values = {"H": 20.0, "A": 20.0, "B": 30.0, "C": 40.0}
    (london,) = standings(values, FAMILY, "H", [LONDON], "higher_is_better")
    assert london.words == "3rd of 4 authorities in London (tied with 1 other)"


def test_a_group_the_release_barely_covers_is_not_ranked():
    values = {"H": 20.0, "A": 25.0}  # 2 of England's 7 authorities: under half
    (england,) = standings(values, FAMILY, "H", [ENGLAND], "lower_is_better")
    assert england.rank is None
    assert england.words == "not ranked among authorities in England: the release covers 2 of their 7"


def test_the_home_area_without_a_figure_says_so():
    values = {"H": None, "A": 25.0, "B": 30.0, "C": 35.0}
    (london,) = standings(values, FAMILY, "H", [LONDON], "lower_is_better")
    assert london.rank.position is None and london.words == "no figure among authorities in London (3 of them have one)"


def rows(values: dict[str, float | None], *, indicator="rate", unit="per_10000", polarity="lower_is_better", ci=None):
    """Enriched headline rows of one period, as Sources.figures gives them."""
    ci = ci or {}
    return pd.DataFrame(
        [
            {
                "indicator_id": indicator,
                "title": "A rate",
                "polarity": polarity,
                "unit": unit,
                "unit_label": "per 10,000 children",
                "status": "observed",
                "source_kind": "release",
                "measure": "level",
                "area_code": code,
                "area_name": ROLES.name_by_code[code],
                "period": "2024/25",
                "period_type": "financial_year",
                "period_start": pd.Timestamp("2024-04-01"),
                "breakdown": "all",
                "value": value,
                "lower_ci95": ci.get(code, (None, None))[0],
                "upper_ci95": ci.get(code, (None, None))[1],
            }
            for code, value in values.items()
        ]
    )


def test_the_league_in_words_ranks_then_compares_with_england_by_the_interval():
    frame = rows({"H": 40.0, "A": 30.0, "B": 50.0, "LON": 45.0, "ENG": 55.0}, ci={"H": (35.0, 46.0)})
    found = league(frame, FAMILY, ROLES, "rate")
    assert found.period == "2024/25" and found.significance.verdict == "better"
    london, england = found.standings
    assert london.words == "2nd of 3 authorities in London"  # Ceeton is not in the release: not a member
    assert england.words == "not ranked among authorities in England: the release covers 3 of their 7"
    words = " ".join(league_sentences(found, FAMILY.name))
    assert words.startswith("In 2024/25, Home's figure was 40 per 10,000 children. 2nd of 3 authorities in London.")
    assert "Ranked so that 1st is the lowest, which is better." in words
    assert words.endswith(
        "England's figure was 55 per 10,000 children; Home's is lower, which is better, by its 95% confidence interval."
    )


@pytest.mark.parametrize(
    ("interval", "says"),
    [
        ((56.0, 60.0), "Home's is higher, which is worse"),  # wholly above England's 55
        ((50.0, 58.0), "Home's is similar"),  # across it
        ((None, None), "not compared, as no confidence interval is published"),
    ],
)
def test_england_is_compared_only_by_a_published_interval(interval, says):
    frame = rows({"H": 54.0, "A": 30.0, "B": 50.0, "C": 60.0, "ENG": 55.0}, ci={"H": interval})
    words = " ".join(league_sentences(league(frame, FAMILY, ROLES, "rate"), FAMILY.name))
    assert says in words
    assert "significant" not in words


def test_the_chosen_authorities_table_puts_home_first_with_each_position():
    frame = rows({"H": 40.0, "A": 30.0, "B": None, "C": 60.0, "D": 10.0, "E": 70.0})
    table = positions(league(frame, FAMILY, ROLES, "rate"), ["C", "B"], FAMILY.name)
    assert table["Authority"].tolist() == ["Home", "Ceeton", "Beeton"]
    assert table["Figure"].tolist() == ["40 per 10,000 children", "60 per 10,000 children", "no figure"]
    assert table["Position among authorities in London"].tolist() == ["2nd of 3", "3rd of 3", "no figure"]
    assert table["Position among authorities in England"].tolist() == ["3rd of 5", "4th of 5", "no figure"]


def test_no_league_without_a_home_figure():
    assert league(rows({"A": 30.0, "B": 50.0}), FAMILY, ROLES, "rate") is None


def test_counts_and_indicators_without_a_home_headline_are_not_rankable():
    indicators = pd.DataFrame(
        {
            "indicator_id": ["rate", "count", "strategy", "few", "no_home"],
            "source_kind": ["release", "release", "strategy", "release", "release"],
            "unit": ["per_10000", "count", "percent", "percent", "percent"],
            "observations": [10, 500, 99, 20, 900],
        }
    )
    home = pd.concat([rows({"H": 1.0}, indicator=i) for i in ("rate", "count", "strategy", "few")])
    assert rankable(indicators, home) == ["few", "rate"]  # the most figures first


def test_every_indicator_against_england_with_its_interval_or_why_not():
    frame = pd.concat(
        [
            rows({"H": 40.0, "ENG": 55.0}, indicator="with_ci", ci={"H": (35.0, 46.0)}),
            rows({"H": 40.0, "ENG": 55.0}, indicator="without_ci"),
            rows({"H": 40.0}, indicator="no_england", ci={"H": (35.0, 46.0)}),
        ]
    )
    frame["title"] = frame["indicator_id"]
    table = against_england_table(frame, ROLES).set_index("Indicator")
    assert table.loc["with_ci", "Compared with England"] == "▼ lower, better"  # a fall: the arrow points down
    assert table.loc["with_ci", "95% interval"] == "35.0 to 46.0"
    assert table.loc["without_ci", "Compared with England"] == "– not compared"
    assert table.loc["without_ci", "95% interval"] == "not published"
    assert table.loc["no_england", "England"] == "not in the release"
    assert table.loc["no_england", "Compared with England"] == "– not compared"


@pytest.mark.parametrize(
    ("position", "verdict", "words"),
    [
        ("higher", "better", "▲ higher, better"),
        ("higher", "worse", "▲ higher, worse"),
        ("lower", "worse", "▼ lower, worse"),
        ("similar", "similar", "● similar"),
        ("higher", "not compared", "▲ higher"),  # no polarity declared: the direction, no verdict
        ("not compared", "not compared", "– not compared"),
    ],
)
def test_a_comparison_points_the_way_the_figure_differs_and_says_the_verdict(position, verdict, words):
    assert compared_words(position, verdict) == words


# ---------------------------------------------------------------------------------------------------------------
# Statistical neighbours: the groups from data, the rank among them, their average beside London's and England's.


def test_the_groups_come_from_the_neighbours_table_and_the_areas_tree_nearest_first():
    groups = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    assert [g.key for g in groups] == ["neighbours", "outer_london", "london", "england"]  # keys from the names
    neighbours, outer, london, england = groups
    # The home area and its neighbours in the model's order; OLD is in the areas table, so it stays a member (the
    # release decides whether it is covered); a code the areas table does not hold would be left out.
    assert neighbours.members == ("H", "D", "B", "E", "OLD") and neighbours.area is None
    assert neighbours.label == "authorities in Home's statistical neighbour group"
    assert outer.members == ("A", "B", "H") and outer.area == "OUT"  # its siblings, by name
    assert london.members == ("A", "B", "C", "H") and england.area == "ENG"
    assert comparator_groups(FAMILY, ROLES, ["NOWHERE"])[0].key == "outer_london"  # no model: no neighbour group


def test_the_rank_among_the_neighbours_counts_ties_and_leaves_out_an_authority_the_release_does_not_cover():
    (neighbours, *_) = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    # lower is better: D 10, H 20, B 20, E 30; OLD is not in the release at all, so not a member.
    (found,) = standings({"H": 20.0, "D": 10.0, "B": 20.0, "E": 30.0}, FAMILY, "H", [neighbours], "lower_is_better")
    assert found.members == ["H", "D", "B", "E"]
    assert (found.rank.position, found.rank.of, found.rank.tied) == (2, 4, 2)
    assert found.words == "2nd of 4 authorities in Home's statistical neighbour group (tied with 1 other)"


def test_neighbours_the_release_barely_covers_are_neither_ranked_nor_averaged():
    (neighbours, *_) = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    frame = rows({"H": 20.0, "D": 10.0, "LON": 25.0, "ENG": 30.0})  # 2 of the group's 5 authorities
    found = league(frame, FAMILY, ROLES, "rate", groups=[neighbours])
    assert found.standings[0].rank is None
    assert found.standings[0].words == (
        "not ranked among authorities in Home's statistical neighbour group: the release covers 2 of their 5"
    )
    average = found.beside[0]
    assert (average.label, average.value, average.shown) == (
        "Average of the statistical neighbours",
        None,
        "not averaged",
    )
    assert average.note == "only 1 of the 4 have a figure"


def test_the_neighbours_average_stands_beside_london_and_england_with_better_or_worse_by_polarity():
    (neighbours, _, london, england) = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    # Neighbours D 10, B 25, E 31 (OLD not covered): their mean is 22 to one decimal; H 20 is 2 lower.
    frame = rows({"H": 20.0, "D": 10.0, "B": 25.0, "E": 31.0, "A": 40.0, "C": 5.0, "LON": 26.0, "ENG": 20.0})
    found = league(frame, FAMILY, ROLES, "rate", groups=[neighbours, london, england])
    assert [s.words for s in found.standings] == [
        "2nd of 4 authorities in Home's statistical neighbour group",
        "2nd of 4 authorities in London",
        "3rd of 6 authorities in England",  # C 5 and D 10 are lower
    ]
    average, region, country = found.beside
    assert (average.value, average.shown, average.difference, average.verdict) == (
        22.0, "22.0 per 10,000 children", "2 per 10,000 children lower", "better",
    )  # fmt: skip
    assert average.note == "unweighted mean of 3 of the 4 neighbours' figures"
    assert (region.label, region.shown, region.difference, region.verdict) == (
        "London", "26 per 10,000 children", "6 per 10,000 children lower", "better",
    )  # fmt: skip
    assert (country.label, country.difference, country.verdict) == ("England", "the same", "neither better nor worse")
    assert country.note == "no 95% confidence interval is published, so not tested"
    words = " ".join(league_sentences(found, FAMILY.name))
    assert (
        "The average of the statistical neighbours was 22.0 per 10,000 children; Home's is 2 per 10,000 children "
        "lower, which is better." in words
    )
    table = beside_table(found, FAMILY.name)
    assert table["Compared with"].tolist() == ["Home", "Average of the statistical neighbours", "London", "England"]
    assert table["Better or worse"].tolist() == ["", "better", "better", "neither better nor worse"]


def test_a_mean_of_uneven_figures_is_shown_to_one_decimal_and_a_share_differs_in_points():
    (neighbours, *_) = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    frame = rows({"H": 12.0, "D": 10.0, "B": 11.0, "E": 11.0, "ENG": 14.5}, unit="percent", polarity="higher_is_better")
    found = league(frame, FAMILY, ROLES, "rate", groups=[neighbours])
    average, england = found.beside
    assert (average.value, average.shown) == (10.7, "10.7%")  # 32 / 3 = 10.67
    assert (average.difference, average.verdict) == ("1.3 percentage points higher", "better")
    assert (england.difference, england.verdict) == ("2.5 percentage points lower", "worse")


@pytest.mark.parametrize("polarity", [None, ""])
def test_without_a_declared_polarity_the_page_says_where_it_stands_never_better_or_worse(polarity):
    (neighbours, _, london, _) = comparator_groups(FAMILY, ROLES, NEIGHBOURS)
    frame = rows({"H": 20.0, "D": 10.0, "B": 25.0, "E": 31.0, "A": 40.0, "LON": 26.0}, polarity=polarity)
    found = league(frame, FAMILY, ROLES, "rate", groups=[neighbours, london])
    # Highest first: E 31, B 25, H 20, D 10 among the neighbours; A 40, B 25, H 20 in London (Ceeton not covered).
    assert [s.words for s in found.standings] == [
        "3rd highest of 4 authorities in Home's statistical neighbour group",
        "the lowest of 3 authorities in London",
    ]
    assert {b.verdict for b in found.beside} == {""}
    assert [b.difference for b in found.beside] == ["2 per 10,000 children lower", "6 per 10,000 children lower"]
    words = " ".join(league_sentences(found, FAMILY.name))
    assert "better" not in words.replace("neither higher nor lower is called better", "")
    assert "worse" not in words
    assert "no polarity is declared" in words
    assert set(beside_table(found, FAMILY.name)["Better or worse"][1:]) == {"no polarity declared"}
    table = positions(found, ["E"], FAMILY.name)
    assert table["Position among authorities in Home's statistical neighbour group"].tolist() == [
        "3rd highest of 4",
        "the highest of 4",
    ]


def test_indicators_with_a_better_side_are_offered_first_so_the_page_opens_on_one():
    indicators = pd.DataFrame(
        {
            "indicator_id": ["undeclared", "neutral", "sided"],
            "source_kind": ["release"] * 3,
            "unit": ["percent"] * 3,
            "polarity": [None, "neutral", "lower_is_better"],
            "observations": [900, 500, 10],
        }
    )
    home = pd.concat([rows({"H": 1.0}, indicator=i) for i in ("undeclared", "neutral", "sided")])
    assert rankable(indicators, home) == ["sided", "undeclared", "neutral"]  # then the most figures first
