"""The catalogue: whole-word search, the choice as a link, tables in words, any row in full, and safe CSV."""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from insight.areas import HOME_ROLE
from insight.catalogue import (
    FILTERS,
    Selection,
    arithmetic_table,
    catalogue,
    detail,
    filter_options,
    from_query,
    matches,
    quality_table,
    readable,
    search,
    terms,
    to_csv_bytes,
    to_query,
    words,
)

# ---------------------------------------------------------------------------------------------------------------
# Words and phrases
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("Bromley Y", "Referrals to Bromley Y expected in a full year", True),
        ("bromley y", "bromley_y_referrals", True),
        ("Bromley Y", "Bromley's young people, every year", False),  # y is not a word of it
        ("y", "young people every year", False),
        ("refer", "referrals", False),  # no prefixes
        ("referral", "3,422 referrals", True),  # a plural finds its singular ...
        ("referrals", "one referral", True),  # ... and the other way round
        ("family", "families stepped up", True),
        ("2019/20", "4,032 referrals in 2019/20", True),
        ("2019/20", "2018/19 and 2020/21", False),
        ("2019/20", "2019 and 2020", False),  # the parts of 2019/20 must be next to each other
        ("72800", "73,200 and 72,800 children", True),
        ("72,800", "72800", True),
        ("8.3", "8.3% of households", True),
        ("8", "8.3% of households", False),
        ("BROMLEY", "bromley", True),
        ("children's", "the childrens centre", False),
        ("children's", "Children’s social care", True),  # a curly apostrophe is punctuation too
        ('"free school meals"', "eligible for Free School Meals", True),
        ('"school free"', "free school meals", False),
        ('"free school meals', "Free School Meals", True),  # an unclosed quote runs to the end
        ("“free school”", "free school meals", True),
        ("", "anything", True),
        ('""', "anything", True),
        ("referrals", None, False),
    ],
)
def test_every_word_of_the_query_must_be_a_whole_word_of_the_text(query, text, found):
    assert matches(query, text) is found


def test_a_phrase_stays_within_one_column_but_words_may_come_from_any():
    assert matches("Bromley Y", "Bromley", "Y referrals")
    assert not matches('"Bromley Y"', "Bromley", "Y referrals")
    assert matches('"Bromley Y"', "Referrals", "to Bromley Y")


def test_a_query_is_its_words_and_phrases():
    assert terms('Bromley Y "free school meals" 2019/20') == [
        ("bromley",),
        ("y",),
        ("free", "school", "meal"),
        ("2019", "20"),
    ]
    assert terms("  ,  ") == []


@given(st.text(), st.data())
def test_a_word_taken_from_a_text_always_finds_it(text, data):
    found = words(text)
    assume(found)
    word = data.draw(st.sampled_from(found))
    assert matches(word, text)
    assert matches(word.upper(), "something else", text)


@given(st.text(), st.data())
def test_a_run_of_words_taken_from_a_text_always_finds_it_as_a_phrase(text, data):
    found = words(text)
    assume(found)
    start = data.draw(st.integers(0, len(found) - 1))
    end = data.draw(st.integers(start + 1, len(found)))
    assert matches('"' + " ".join(found[start:end]) + '"', text)


SEPARATORS = st.sampled_from([" ", "  ", ", ", "/", "-", "_", "'", "’", "(", ") ", ": ", "\n"])


@given(st.lists(st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True), min_size=1, max_size=8), st.data())
def test_each_word_as_written_finds_the_text_whatever_the_punctuation(written, data):
    text = written[0] + "".join(data.draw(SEPARATORS) + word for word in written[1:])
    for word in written:
        assert matches(word, text), (word, text)
        assert matches(word.swapcase(), text)
    assert matches(" ".join(written), text)
    assert matches('"' + " ".join(written) + '"', text)


@given(st.text(), st.text(), st.text())
def test_more_text_never_loses_a_match_and_word_order_does_not_matter(query, text, more):
    if matches(query, text):
        assert matches(query, text, more)
    unquoted = re.sub(r"[\"“”]", " ", query)
    assert matches(unquoted, text) == matches(" ".join(reversed(unquoted.split())), text)


# ---------------------------------------------------------------------------------------------------------------
# Search and filters over figures
# ---------------------------------------------------------------------------------------------------------------


def figures() -> pd.DataFrame:
    """Four figures shaped like the enriched observations (only the columns the catalogue reads)."""
    rows = [
        ("bromley_y_referrals", "health", "E09000006", "Bromley", "2019/20", "observed", 1996.0, "Referrals to Bromley Y"),
        ("bromley_y_referrals_expected", "health", "E09000006", "Bromley", "2021/22", "projected", 3800.0,
         "Referrals to Bromley Y expected in a full year"),
        ("csc_referrals", "social_care", "E09000006", "Bromley", "2019/20", "observed", 3422.0,
         "Referrals to children's social care"),
        ("young_people", "population", "E12000007", "London", "2021", "observed", 72800.0, "Young people every year"),
    ]  # fmt: skip
    frame = pd.DataFrame(
        rows, columns=["indicator_id", "theme", "area_code", "area_name", "period", "status", "value", "title"]
    )
    return frame.assign(
        quote=[f"The strategy says {t.lower()}: {v:,.0f} in {p}." for t, v, p in zip(frame.title, frame.value, frame.period, strict=True)],
        section="Our borough in numbers",
        area_role=[HOME_ROLE if a == "Bromley" else "region" for a in frame.area_name],
        breakdown="all",
        value_text=[f"{v:,.0f}" for v in frame.value],
        topic="people",
        citation="A source (2022)",
        definition="What it counts.",
        unit="count",
        unit_label=None,
        lower=math.nan,
        upper=math.nan,
        formula=None,
        note=None,
        source_link="https://example.org/a",
        curated_file="data/sources/" + frame.theme + ".csv",
        curated_line=[2, 3, 2, 2],
        measure="level",
    )  # fmt: skip


def test_search_finds_bromley_y_not_every_figure_with_a_y_in_it():
    found = search(figures(), "Bromley Y")
    assert list(found["indicator_id"]) == ["bromley_y_referrals", "bromley_y_referrals_expected"]


def test_search_finds_a_period_and_a_status_in_words():
    assert list(search(figures(), "2019/20")["indicator_id"]) == ["bromley_y_referrals", "csc_referrals"]
    assert list(search(figures(), "projected")["indicator_id"]) == ["bromley_y_referrals_expected"]
    assert list(search(figures(), '"social care"')["indicator_id"]) == ["csc_referrals"]


def test_filters_keep_the_chosen_themes_statuses_and_areas():
    frame = figures()
    assert list(search(frame, themes=["health"], statuses=["observed"])["indicator_id"]) == ["bromley_y_referrals"]
    assert list(search(frame, areas=["E12000007"])["indicator_id"]) == ["young_people"]
    assert list(search(frame, "referrals", themes=["social_care", "health"], areas=["E09000006"])["indicator_id"]) == [
        "bromley_y_referrals",
        "bromley_y_referrals_expected",
        "csc_referrals",
    ]
    assert search(frame, "Bromley Y", themes=["population"]).empty
    assert len(search(frame)) == len(frame)


def test_filter_options_are_codes_in_reading_order():
    options = filter_options(figures())
    assert options == {
        "theme": ["population", "health", "social_care"],
        "status": ["observed", "projected"],
        "area": ["E09000006", "E12000007"],
    }


# ---------------------------------------------------------------------------------------------------------------
# The choice as a link
# ---------------------------------------------------------------------------------------------------------------

OPTIONS = {"theme": ["health", "social_care"], "status": ["observed", "projected"], "area": ["E09000006"]}


def test_a_link_is_read_back_as_the_choice_and_unknown_values_are_named():
    chosen, ignored = from_query(
        {"q": "referrals, 2019/20", "theme": ["social_care", "sport"], "status": "projected,observed,guess"}, OPTIONS
    )
    assert chosen == Selection("referrals, 2019/20", ("social_care",), ("projected", "observed"), ())
    assert ignored == ['theme "sport"', 'status "guess"']
    assert from_query({}, OPTIONS) == (Selection(), [])
    assert from_query({"unrelated": "x", "q": ["old", "new"]}, OPTIONS) == (Selection("new"), [])


def test_a_choice_is_written_as_a_short_link():
    assert to_query(Selection()) == {}
    assert to_query(Selection("  referrals ", ("social_care",), (), ("E09000006",))) == {
        "q": "referrals",
        "theme": ["social_care"],
        "area": ["E09000006"],
    }


@given(
    st.text().map(str.strip),
    *(st.lists(st.sampled_from(OPTIONS[key]), unique=True).map(tuple) for key in FILTERS),
)
def test_a_choice_survives_the_round_trip_through_its_link(text, theme, status, area):
    chosen = Selection(text, theme, status, area)
    assert from_query(to_query(chosen), OPTIONS) == (chosen, [])


# ---------------------------------------------------------------------------------------------------------------
# Tables in words, and any row in full
# ---------------------------------------------------------------------------------------------------------------


def test_the_readable_table_has_words_for_headers_and_codes():
    table = readable(figures())
    assert all(re.fullmatch(r"[A-Z][a-z ]+", column) for column in table.columns), list(table.columns)
    row = table.iloc[1]
    assert (row["Status"], row["Theme"], row["Breakdown"], row["Unit"]) == (
        "Projected",
        "Health and wellbeing",
        "All",
        "Count",
    )
    assert row["Value"] == "3,800" and row["Curated at"] == "data/sources/health.csv:3"


def test_problems_and_checks_read_in_words():
    issues = pd.DataFrame(
        {
            "kind": ["conflicting_values", "arithmetic", "new_kind"],
            "summary": ["Two totals", "Does not add up", "Something"],
            "explanation": "Because.",
            "handling": "Both kept.",
            "values": "73,200; 73,400",
            "quotes": "One. / Two.",
        }
    )
    assert list(quality_table(issues)["Problem"]) == ["Conflicting values", "Sum does not add up", "New kind"]
    checks = pd.DataFrame(
        {
            "consistent": [True, False],
            "description": ["Households", "Residents"],
            "kind": ["percent_change", "share"],
            "stated_text": ["5%", "4%"],
            "input_values": ["128,717; 135,036", "330,000; 341,000"],
            "computed": [4.909219, 3.333333],
            "verdict": ["Adds up.", "Does not."],
            "note": [None, "Rounds to 3%."],
        }
    )
    table = arithmetic_table(checks)
    assert list(table["Adds up"]) == ["Yes", "No"] and list(table["Kind"]) == ["Per cent change", "Share"]
    assert list(table["Recomputed"]) == [4.91, 3.33]


def test_a_row_in_full_keeps_every_word_and_leaves_blanks_out():
    quote = "A long sentence. " * 40
    row = pd.Series(
        {
            "Summary": "Two totals",
            "Explanation": "Both kept.",
            "Note": math.nan,
            "Quotes": f"{quote}/ The second quote.",
        }
    )
    text = detail(row, "Summary").replace("\\", "")  # as a reader sees it: the escapes are not shown
    assert text.startswith("**Two totals**")
    assert f"> {quote.strip()}\n" in text and "> The second quote." in text
    assert "**Explanation:** Both kept." in text
    assert "Note" not in text


def test_a_row_in_full_shows_text_as_itself_not_as_markdown():
    text = detail(pd.Series({"Figure": "A_b", "Link": "https://example.org/a (b)"}), "Figure")
    assert text.startswith("**A\\_b**\n\n**Link:** [")
    assert text.endswith(
        "](https://example.org/a%20%28b%29)"
    )  # the address, quoted; its words escaped (tests/insight/test_text.py)


# ---------------------------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------------------------


def test_csv_writes_numbers_as_written_without_a_spurious_point_zero():
    frame = pd.DataFrame(
        {
            "value": [72800.0, 8.3, 0.25, math.nan, -9.0],
            "count": [1, 2, 3, 4, 5],
            "flag": [True, False, True, False, True],
            "text": ["£83 million", "about 3,800", "", None, "3.0"],
            "mixed": [330000.0, "words", None, 1.5, 2],
        }
    )
    assert to_csv_bytes(frame).decode("utf-8").splitlines() == [
        "value,count,flag,text,mixed",
        "72800,1,True,£83 million,330000",
        '8.3,2,False,"about 3,800",words',
        "0.25,3,True,,",
        ",4,False,,1.5",
        "-9,5,True,3.0,2",
    ]


def test_csv_writes_each_cell_as_its_own_kind_where_equal_values_differ_in_kind():
    """True == 1 == 1.0 to a hash: a column mixing them is not written by distinct values, so each keeps its kind."""
    frame = pd.DataFrame({"kinds": [True, 1, 1.0, "1", None], "words": ["=1", "a", "=1", None, "a"]})
    assert to_csv_bytes(frame).decode("utf-8").splitlines() == [
        "kinds,words",
        "True,'=1",
        "1,a",
        "1,'=1",
        "1,",
        ",a",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_defuses_text_that_a_spreadsheet_would_run_as_a_formula(start):
    frame = pd.DataFrame({"quote": [f'{start}HYPERLINK("http://x")', "safe = text"], f"{start}header": ["a", "b"]})
    rows = list(csv.reader(io.StringIO(to_csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["quote", f"'{start}header"]
    assert rows[1][0] == f'\'{start}HYPERLINK("http://x")'
    assert rows[2][0] == "safe = text"


@settings(deadline=None)  # a CSV written and read back per example: a busy machine took over 200 ms
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-(2**53), max_value=2**53), min_size=1))
def test_csv_numbers_read_back_as_the_same_numbers(numbers):
    written = to_csv_bytes(pd.DataFrame({"value": numbers})).decode("utf-8").splitlines()[1:]
    assert not any(cell.endswith(".0") for cell in written)
    assert [float(cell) for cell in written] == [float(n) for n in numbers]


@settings(deadline=None)  # as above
@given(st.lists(st.text(), min_size=1))
def test_csv_text_reads_back_as_written_or_with_one_defusing_quote(texts):
    data = to_csv_bytes(pd.DataFrame({"text": texts})).decode("utf-8")
    cells = [row[0] if row else "" for row in csv.reader(io.StringIO(data, newline=""))][1:]
    assert len(cells) == len(texts)
    for cell, text in zip(cells, texts, strict=True):
        assert cell == ("'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text)


def test_the_catalogue_finds_rows_a_table_and_both_downloads():
    found = catalogue(figures(), Selection("referrals", status=("observed",)))
    assert list(found.rows["indicator_id"]) == ["bromley_y_referrals", "csc_referrals"]
    assert list(found.table["Figure"]) == ["Referrals to Bromley Y", "Referrals to children's social care"]
    lines = found.csv.decode("utf-8").splitlines()
    assert len(lines) == 3 and ",1996," in lines[1] and "1996.0" not in found.csv.decode("utf-8")
    assert len(pd.read_parquet(io.BytesIO(found.parquet))) == 2
