"""References between rows and the formulas of derived rows."""

from __future__ import annotations

import pytest

from loaders.strategy.refs import Ref, RefError, evaluate, formula_refs, parse_ref, parse_refs

HOME = "E09000033"  # any home area: the build passes the one data/metadata/areas.csv gives the role "home"


def test_a_short_reference_means_the_home_area_and_all():
    assert parse_ref("households | current", home=HOME) == Ref("observations", ("households", HOME, "current", "all"))
    assert parse_ref("households | current | all", home="E09000006").key[1] == "E09000006"


def test_a_full_reference_keeps_breakdown_and_area():
    ref = parse_ref("weekly_earnings | current | all | E12000007", home=HOME)
    assert ref == Ref("observations", ("weekly_earnings", "E12000007", "current", "all"))
    assert str(ref) == "weekly_earnings | current | all | E12000007"


def test_village_service_and_number_references():
    assert parse_refs("village: low_income; service: youth_centres | ecosystem; 100", home=HOME) == [
        Ref("village", ("low_income",)),
        Ref("services", ("youth_centres", "ecosystem")),
        100.0,
    ]


@pytest.mark.parametrize(
    "text", ["households", "a | b | c | d | e", "households || all", "village: a | b", "service: a"]
)
def test_malformed_references_are_refused(text):
    with pytest.raises(RefError):
        parse_ref(text, home=HOME)


def test_a_formula_is_evaluated_over_its_references():
    base = parse_ref("bcp_families | 2020/21", home=HOME)
    assert evaluate("{bcp_families | 2020/21} / 1.12", {base: 972}, home=HOME) == pytest.approx(867.857, abs=1e-3)
    assert formula_refs("{bcp_families | 2020/21} / 1.12", home=HOME) == [base]


def test_a_formula_may_not_call_anything():
    base = parse_ref("bcp_families | 2020/21", home=HOME)
    with pytest.raises(RefError, match="cannot be evaluated"):
        evaluate("__import__('os').system('true') + {bcp_families | 2020/21}", {base: 1}, home=HOME)


def test_a_formula_without_references_is_refused():
    with pytest.raises(RefError, match="uses no reference"):
        formula_refs("972 / 1.12", home=HOME)
