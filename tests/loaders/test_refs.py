"""References between rows and the formulas of derived rows."""

from __future__ import annotations

import pytest

from loaders.refs import BROMLEY, Ref, RefError, evaluate, formula_refs, parse_ref, parse_refs


def test_a_short_reference_means_bromley_and_all():
    assert parse_ref("households | current") == Ref("observations", ("households", BROMLEY, "current", "all"))


def test_a_full_reference_keeps_breakdown_and_area():
    ref = parse_ref("weekly_earnings | current | all | E12000007")
    assert ref == Ref("observations", ("weekly_earnings", "E12000007", "current", "all"))
    assert str(ref) == "weekly_earnings | current | all | E12000007"


def test_village_service_and_number_references():
    assert parse_refs("village: low_income; service: youth_centres | ecosystem; 100") == [
        Ref("village", ("low_income",)),
        Ref("services", ("youth_centres", "ecosystem")),
        100.0,
    ]


@pytest.mark.parametrize(
    "text", ["households", "a | b | c | d | e", "households || all", "village: a | b", "service: a"]
)
def test_malformed_references_are_refused(text):
    with pytest.raises(RefError):
        parse_ref(text)


def test_a_formula_is_evaluated_over_its_references():
    base = parse_ref("bcp_families | 2020/21")
    assert evaluate("{bcp_families | 2020/21} / 1.12", {base: 972}) == pytest.approx(867.857, abs=1e-3)
    assert formula_refs("{bcp_families | 2020/21} / 1.12") == [base]


def test_a_formula_may_not_call_anything():
    base = parse_ref("bcp_families | 2020/21")
    with pytest.raises(RefError, match="cannot be evaluated"):
        evaluate("__import__('os').system('true') + {bcp_families | 2020/21}", {base: 1})


def test_a_formula_without_references_is_refused():
    with pytest.raises(RefError, match="uses no reference"):
        formula_refs("972 / 1.12")
