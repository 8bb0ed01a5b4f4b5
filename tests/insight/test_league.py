"""Ranks among authorities on hand-worked cases: ties, suppressed figures, groups the release barely covers, the
family tree the groups come from, and every indicator against England by the publisher's interval."""

from __future__ import annotations

import pandas as pd
import pytest

from insight.areas import Areas
from insight.league import Family, against_england_table, league, league_sentences, positions, rankable, standings

# A small country: England > London > Outer London > three boroughs; Inner London > one borough; a region with two
# authorities outside London; one authority merged away (in the areas table, never in the release).
AREAS = pd.DataFrame(
    [
        ("H", "Home", "London borough", "home", "OUT"),
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
    found = standings(
        values, FAMILY, "H", {"authorities in London": "LON", "authorities in England": "ENG"}, "lower_is_better"
    )
    london, england = found
    assert (london.rank.position, london.rank.of, london.rank.tied, london.rank.missing) == (1, 4, 2, 0)
    assert london.words == "1st of 4 authorities in London (tied with 1 other)"
    assert (england.rank.position, england.rank.of, england.rank.tied, england.rank.missing) == (2, 5, 2, 1)
    assert england.members == ["A", "B", "C", "D", "E", "H"]  # OLD is not a member: the release does not cover it
    assert england.words == "2nd of 5 authorities in England (tied with 1 other; Eeton has no figure)"


def test_higher_is_better_ranks_from_the_top():
    values = {"H": 20.0, "A": 20.0, "B": 30.0, "C": 40.0}
    (london,) = standings(values, FAMILY, "H", {"authorities in London": "LON"}, "higher_is_better")
    assert london.words == "3rd of 4 authorities in London (tied with 1 other)"


def test_a_group_the_release_barely_covers_is_not_ranked():
    values = {"H": 20.0, "A": 25.0}  # 2 of England's 7 authorities: under half
    (england,) = standings(values, FAMILY, "H", {"authorities in England": "ENG"}, "lower_is_better")
    assert england.rank is None
    assert england.words == "not ranked among authorities in England: the release covers 2 of their 7"


def test_the_home_area_without_a_figure_says_so():
    values = {"H": None, "A": 25.0, "B": 30.0, "C": 35.0}
    (london,) = standings(values, FAMILY, "H", {"authorities in London": "LON"}, "lower_is_better")
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
    assert table.loc["with_ci", "Compared with England"] == "better"
    assert table.loc["with_ci", "95% interval"] == "35.0 to 46.0"
    assert table.loc["without_ci", "Compared with England"] == "not compared"
    assert table.loc["without_ci", "95% interval"] == "not published"
    assert table.loc["no_england", "England"] == "not in the release"
    assert table.loc["no_england", "Compared with England"] == "not compared"
