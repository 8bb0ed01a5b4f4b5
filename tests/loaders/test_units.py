"""loaders.releases.units: the unit and title of a measure nobody declared, worked out from its figures (a value
that is count / denominator times 100, 1,000, 10,000 or 100,000), else its name, else whole numbers as a count,
else a plain number. Table tests over the publishers' own column names, and properties of the arithmetic."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.releases import fingertips, units
from loaders.releases.published import figures_table
from tests.conftest import FIXTURES
from tests.loaders.readers import read

NO_EVIDENCE = units.Evidence(multiplier=None, whole=False)


@pytest.mark.parametrize(
    ("measure", "unit"),
    [
        # DfE column names, from the shipped releases' headers
        ("pt_overall", "percent"),
        ("pt_rwm_met_expected_standard", "percent"),
        ("children_percent", "percent"),
        ("care_leaver_percent", "percent"),
        ("2_years_or_more_percent", "percent"),
        ("rate_per_10000", "per_10000"),
        ("avg_att8", "score"),
        ("avg_read_progress_score", "score"),
        ("turnover_rate_fte", "number"),  # a rate whose base the name does not give
        ("Referrals_rate", "number"),
        ("t_pupils", "count"),
        ("children_count", "count"),
        ("inpost_headcount", "count"),
        ("population_estimate", "count"),
        ("At31_episodes", "count"),
        ("leavers_fte", "count"),
        # names in words
        ("Referrals per 10,000 children", "per_10000"),
        ("Admissions per 100,000 population", "per_100000"),
        ("Deaths per 1,000 live births", "per_1000"),
        ("Proportion of pupils", "percent"),
        ("% of children", "percent"),
        ("Average caseload", "score"),
        ("Number of children", "count"),
    ],
)
def test_a_unit_from_the_publishers_name(measure, unit):
    inferred = units.infer(measure, measure, NO_EVIDENCE)
    assert inferred.unit == unit
    assert inferred.reason == f"from its name (“{measure}”)"


@pytest.mark.parametrize(
    ("multiplier", "unit"),
    [(100, "percent"), (1_000, "per_1000"), (10_000, "per_10000"), (100_000, "per_100000")],
)
def test_the_figures_say_the_unit_before_the_name(multiplier, unit):
    """A value that is `multiplier` x count / denominator is that unit, whatever its name says."""
    evidence = units.Evidence(multiplier=multiplier * 1.01, whole=False)  # within the 2% the median may stray
    inferred = units.infer("t_pupils", "a count by its name", evidence)
    assert inferred.unit == unit
    assert inferred.reason == f"from its figures (each is {multiplier:,} × count ÷ denominator)"


@pytest.mark.parametrize("multiplier", [37.0, 100 * 1.03, 10_000 * 0.97, 1.0])
def test_a_multiplier_of_no_known_base_says_nothing(multiplier):
    evidence = units.Evidence(multiplier=multiplier, whole=True)
    assert units.infer("avg_att8", "avg_att8", evidence).unit == "score"  # the name
    assert units.infer("Ethnic group", "Ethnic group", evidence).unit == "count"  # whole numbers


def test_whole_numbers_are_a_count_and_anything_else_a_plain_number():
    whole = units.infer("Ethnic group (20 categories)", "Ethnic group (20 categories)", units.Evidence(None, True))
    assert (whole.unit, whole.reason) == ("count", "from its figures (every one a whole number)")
    plain = units.infer("x1", "x1", units.Evidence(None, False))
    assert (plain.unit, plain.reason) == ("number", "as a plain number: neither its name nor its figures say more")
    assert units.infer("x1", "x1", None).unit == "number"


def test_a_fingertips_rate_is_told_per_10000_by_its_figures():
    """Indicator 90284's values are 10,000 x Count / Denominator (Bromley 2010/11: 432 of 56,630 children, 76.28):
    the figures say "per 10,000" though the name says neither."""
    published = read(fingertips, FIXTURES / "releases" / "fingertips" / "current.csv")
    figures = published.figures
    values = figures["value"].to_numpy(zero_copy_only=False)
    evidence = units.Evidence.of(figures, np.arange(figures.num_rows), values)
    assert evidence.multiplier == pytest.approx(10_000, rel=1e-3)
    assert not evidence.whole
    name = figures["measure_name"][0].as_py()
    assert units.infer("90284", name, None).unit == "number"  # its name alone says nothing of a base
    inferred = units.infer("90284", name, evidence)
    assert (inferred.unit, inferred.reason) == ("per_10000", "from its figures (each is 10,000 × count ÷ denominator)")
    assert pytest.approx(76.28465478, rel=1e-8) == 10_000 * 432 / 56630  # Bromley 2010/11, line 43


def evidence_of(values, counts=None, denominators=None) -> units.Evidence:
    length = len(values)
    table = figures_table({"value": np.array(values, float), "count": counts, "denominator": denominators}, length)
    return units.Evidence.of(table, np.arange(length), np.array(values, float))


@given(
    st.sampled_from(sorted(units.MULTIPLIERS)),
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**7)),
        min_size=1,
        max_size=30,
    ),
)
def test_a_value_that_is_a_multiple_of_count_over_denominator_gives_that_unit(multiplier, pairs):
    counts = [float(c) for c, _ in pairs]
    denominators = [float(c + d) for c, d in pairs]  # a count never exceeds its denominator here
    values = [multiplier * c / d for c, d in zip(counts, denominators, strict=True)]
    evidence = evidence_of(values, counts, denominators)
    assert evidence.multiplier == pytest.approx(multiplier, rel=1e-9)
    assert units.infer("x", "x", evidence).unit == units.MULTIPLIERS[multiplier]


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30))
def test_whole_numbers_without_a_denominator_are_a_count(values):
    evidence = evidence_of([float(v) for v in values])
    assert (evidence.multiplier, evidence.whole) == (None, True)
    assert units.infer("x", "x", evidence).unit == "count"


@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30))
def test_a_fraction_anywhere_makes_the_figures_no_count(values):
    values = [*values, 0.5]
    evidence = evidence_of(values)
    assert not evidence.whole
    assert units.infer("x", "x", evidence).unit == "number"


def test_missing_figures_are_no_evidence():
    evidence = evidence_of([float("nan"), float("nan")])
    assert (evidence.multiplier, evidence.whole) == (None, False)


@pytest.mark.parametrize(
    ("name", "format", "title"),
    [
        ("pt_rwm_met_expected_standard", "dfe_ees", "Percentage reading, writing and maths met expected standard"),
        ("avg_p8score", "dfe_ees", "Average Progress 8 score"),
        ("avg_att8", "dfe_ees", "Average Attainment 8"),
        ("At31_episodes", "dfe_ees", "At31 episodes"),
        ("Ethnic group (20 categories)", "ons_census", "Ethnic group (20 categories)"),
        ("Hospital admissions (0 to 14)", "fingertips", "Hospital admissions (0 to 14)"),
        ("A name with spaces", "dfe_ees", "A name with spaces"),
    ],
)
def test_a_title_in_words_for_a_measure_nobody_declared(name, format, title):
    assert units.title(name, format) == title
