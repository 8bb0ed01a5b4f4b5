"""Words for the data's codes: every code the data contract allows has words, and an unknown one still reads."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insight.format import STATUS_WORDS
from insight.labels import VOCABULARIES, group_and_member, humanise, in_order, label, labeller
from loaders.paths import ROOT

# The fields of the data contract (data/schemas/*.json) whose codes reach a page, and their vocabulary.
CODED_FIELDS = {
    ("indicators", "theme"): "theme",
    ("indicators", "unit"): "unit",
    ("indicators", "polarity"): "polarity",
    ("indicators", "measure"): "measure",
    ("observations", "unit"): "unit",
    ("observations", "status"): "status",
    ("data_quality", "kind"): "problem",
    ("arithmetic_checks", "kind"): "check",
}


@pytest.mark.parametrize(
    ("vocabulary", "code", "words"),
    [
        ("theme", "family_support", "Family support"),
        ("theme", "social_care", "Children's social care"),
        ("problem", "conflicting_values", "Conflicting values"),
        ("problem", "arithmetic", "Sum does not add up"),
        ("unit", "percent_change", "Per cent change"),
        ("unit", "per_1000", "Rate per 1,000"),
        ("polarity", "higher_is_better", "Higher is better"),
        ("status", "observed", "Published"),
        ("status", "upper_bound", "Upper bound"),
        ("check", "same", "Same figure twice"),
        ("yes_no", True, "Yes"),
        ("yes_no", False, "No"),
        ("breakdown", "all", "All"),
    ],
)
def test_codes_read_as_words(vocabulary, code, words):
    assert label(vocabulary, code) == words
    assert labeller(vocabulary)(code) == words


def test_statuses_are_the_words_charts_already_use():
    assert set(VOCABULARIES["status"]) == set(STATUS_WORDS)
    for code, words in STATUS_WORDS.items():
        assert label("status", code) == words[0].upper() + words[1:]


def test_every_code_the_data_contract_allows_has_words():
    unnamed = []
    for (schema, field), vocabulary in CODED_FIELDS.items():
        fields = json.loads((ROOT / "data" / "schemas" / f"{schema}.json").read_text(encoding="utf-8"))["fields"]
        (declared,) = [f for f in fields if f["name"] == field]
        codes = declared["constraints"]["enum"]
        unnamed += [f"{schema}.{field}: {code}" for code in codes if code not in VOCABULARIES[vocabulary]]
    assert not unnamed, f"add words for these codes to insight/labels.py: {unnamed}"


def test_unknown_codes_and_vocabularies_still_read_as_words():
    assert label("theme", "new_theme") == "New theme"
    assert label("no such vocabulary", "higher_is_better") == "Higher is better"
    assert label("breakdown", "FSM eligible") == "FSM eligible"
    assert label("theme", None) == ""
    assert label("theme", math.nan) == ""
    assert label("theme", ["unhashable"]) == "['unhashable']"


@given(st.from_regex(r"[a-z]+(_[a-z0-9]+)*", fullmatch=True))
def test_an_unknown_code_reads_as_words_and_back(code):
    words = humanise(code)
    assert "_" not in words and words[0].isupper()
    assert words.lower().replace(" ", "_") == code


def test_codes_in_reading_order_then_unknown_ones_by_their_words():
    assert in_order("theme", ["cost", "zebra_crossings", "population", "cost", "apples"]) == [
        "population",
        "cost",
        "apples",
        "zebra_crossings",
    ]
    assert in_order("status", ["range", "projected", "observed"])[0] == "observed"


@pytest.mark.parametrize(
    ("published", "short"),
    [
        ("Asian, Asian British or Asian Welsh: Indian", "Asian: Indian"),
        ("Mixed or Multiple ethnic groups: White and Black African", "Mixed: White and Black African"),
        (
            "White: English, Welsh, Scottish, Northern Irish or British",
            "White: English, Welsh, Scottish, Northern Irish or British",
        ),
        ("Does not apply", "Does not apply"),
        (": no group", ": no group"),
    ],
)
def test_a_group_and_member_name_keeps_the_groups_first_word(published, short):
    assert group_and_member(published) == short
