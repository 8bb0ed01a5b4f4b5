"""Words for the data's codes: `label("theme", "family_support")` is "Family support", never the id.

One vocabulary per kind of code the tables hold (themes, statuses, units, polarity, measures, the kinds of
data-quality problem and of arithmetic check, yes/no). A code a vocabulary does not know yet is still shown as
words ("new_kind" -> "New kind"), so a new value in the data reads sensibly before anyone names it here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from insight.format import RATE_BASES, STATUS_WORDS, per_base


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


VOCABULARIES: dict[str, dict] = {
    # In the order of the dashboard's pages.
    "theme": {
        "population": "Population",
        "diversity": "Diversity",
        "deprivation": "Deprivation and income",
        "education": "Education",
        "health": "Health and wellbeing",
        "family_support": "Family support",
        "safety": "Safety",
        "social_care": "Children's social care",
        "cost": "Cost of late intervention",
        "other": "Other published figures",
    },
    # The words charts and captions already use (insight.format.STATUS_WORDS), as a sentence; published first.
    "status": {
        code: _sentence(STATUS_WORDS[code])
        for code in sorted(STATUS_WORDS, key=lambda code: (code != "observed", list(STATUS_WORDS).index(code)))
    },
    "unit": {
        "count": "Count",
        "percent": "Per cent (%)",
        "percent_change": "Per cent change",
        "percentage_points": "Percentage points",
        **{unit: f"Rate {per_base(unit)}" for unit in RATE_BASES},
        "score": "Score",
        "gbp": "Pounds (£)",
        "gbp_per_week": "Pounds a week (£)",
        "rank": "Rank",
        "number": "Number, as published",
    },
    "polarity": {
        "higher_is_better": "Higher is better",
        "lower_is_better": "Lower is better",
        "neutral": "Neither higher nor lower is better",
        None: "Not declared: no figure is called better or worse",
    },
    "measure": {
        "level": "Level",
        "change": "Change over time",
        "gap": "Gap between groups",
        "rank": "Rank",
    },
    # The kinds of problem in the data_quality table ("arithmetic" is added by the build, from the checks).
    "problem": {
        "conflicting_values": "Conflicting values",
        "unit_as_written": "Unit written wrongly",
        "unit_not_stated": "Unit not stated",
        "geography_not_stated": "Geography not stated",
        "period_not_stated": "Period not stated",
        "figure_lost": "Figure lost to a picture",
        "arithmetic": "Sum does not add up",
        "sources_disagree": "The strategy and a publisher differ",
    },
    # The kinds of arithmetic check.
    "check": {
        "percent_change": "Per cent change",
        "difference": "Difference",
        "sum": "Sum",
        "share": "Share",
        "same": "Same figure twice",
    },
    "yes_no": {True: "Yes", False: "No"},
    # A breakdown in words: the DfE's codes for its social care groups (the glossary of "Outcomes for children in
    # need, including children looked after"), and the strategy's lower-case sexes and age bands. A breakdown of several filters
    # ("CINO at 31 March · Special") is worded part by part.
    "breakdown": {
        "all": "All",
        "CINO at 31 March": "In need, no plan, not looked after",
        "CPPO at 31 March": "On a child protection plan",
        "CLA 12 months at 31 March": "Looked after for a year or more",
        "CLA 2 years on 31 March": "Looked after for two years or more",
        "CLA on 31 March": "Looked after on 31 March",
        "male": "Male",
        "female": "Female",
        "age 0-4": "Aged 0 to 4",
        "age 5-9": "Aged 5 to 9",
        "age 10-14": "Aged 10 to 14",
        "age 15-18": "Aged 15 to 18",
    },
}
BREAKDOWN_JOIN = " · "  # how the tables join the filters of one breakdown


def humanise(code: object) -> str:
    """A code as words, for one no vocabulary knows: 'percent_change' -> 'Percent change'."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return ""
    text = str(code)
    words = re.sub(r"[_\s]+", " ", text).strip()
    return _sentence(words) if words else text


def label(vocabulary: str, code: object) -> str:
    """The words for `code` in `vocabulary` ("theme", "status", "unit", "polarity", "measure", "problem",
    "check", "yes_no", "breakdown"); an unknown code (or vocabulary) is written as words by `humanise`."""
    if vocabulary == "breakdown" and isinstance(code, str):
        return breakdown_words(code)
    known = VOCABULARIES.get(vocabulary, {})
    if isinstance(code, float) and math.isnan(code):  # a missing value, as pandas holds it
        code = None
    try:
        return known[code]
    except (KeyError, TypeError):  # TypeError: an unhashable value
        return humanise(code)


def breakdown_words(breakdown: object) -> str:
    """A breakdown as people read it, each of its filters in words: "CPPO at 31 March · Special" -> "On a child
    protection plan · Special"."""
    if not isinstance(breakdown, str):
        return label("breakdown", breakdown)
    known = VOCABULARIES["breakdown"]
    return BREAKDOWN_JOIN.join(known.get(part) or humanise(part) for part in breakdown.split(BREAKDOWN_JOIN))


def labeller(vocabulary: str) -> Callable[[object], str]:
    """`label` for one vocabulary, as a widget's `format_func`."""
    return lambda code: label(vocabulary, code)


def in_order(vocabulary: str, codes) -> list:
    """`codes` in the vocabulary's order (the pages' order for themes, published first for statuses), then any
    codes it does not know, by their words."""
    known = list(VOCABULARIES.get(vocabulary, {}))
    unique = list(dict.fromkeys(codes))
    return sorted(
        unique,
        key=lambda code: (0, known.index(code), "") if code in known else (1, 0, label(vocabulary, code)),
    )


def group_and_member(name: str) -> str:
    """A publisher's "<group>: <member>" category shortened to the group's first word: "Asian, Asian British or
    Asian Welsh: Indian" -> "Asian: Indian" (the Census's ethnic groups, 21 of them, fit one chart). A name
    without a colon is kept."""
    group, colon, member = name.partition(":")
    if not colon or not group.split():
        return name
    return f"{group.split()[0].rstrip(',')}: {member.strip()}"
