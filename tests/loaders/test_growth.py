"""The data grows and the tests keep passing: a copy with one more valid indicator and figure is built, and every
test that counts rows is run against it. Their expectations come from the curated files (tests/loaders/curated.py),
so they must follow the files; a number typed into a test would fail here."""

from __future__ import annotations

import csv
import inspect
import os
import re
import subprocess
import sys
from dataclasses import dataclass

import pandas as pd
import pytest

from loaders.paths import DEFAULT, ROOT, DataPaths
from tests.conftest import copy_data
from tests.loaders import curated, test_arithmetic, test_build, test_cli, test_contract_guardrails, test_traced

pytestmark = pytest.mark.builds  # builds data trees or packages: the full suite's, not the quick subset's

# A figure the curated files leave out, stated in the strategy's deprivation section.
NEW_INDICATOR = {
    "indicator_id": "london_boroughs",
    "title": "London boroughs",
    "theme": "deprivation",
    "topic": "deprivation",
    "definition": "The number of London boroughs: what Bromley's deprivation rank among the boroughs is out of.",
    "unit": "count",
    "unit_label": "",
    "polarity": "neutral",
    "measure": "level",
}
NEW_FIGURE = {
    "indicator_id": "london_boroughs",
    "area_code": "E12000007",
    "period": "current",
    "breakdown": "all",
    "value": "33",
    "lower": "",
    "upper": "",
    "unit": "count",
    "status": "observed",
    "value_text": "33",
    "source_id": "nomis_and_trust_for_london",
    "section_id": "deprivation",
    "quote": "We are the 4th least deprived of the 33 London Boroughs.",
    "formula": "",
    "note": "Added by tests/loaders/test_growth.py.",
}


@dataclass(frozen=True)
class Grown:
    paths: DataPaths
    message: str  # what `python -m loaders --force` said it built

    @property
    def observations(self) -> pd.DataFrame:
        from loaders.store.tables import read_observations

        return read_observations(self.paths, kinds=["strategy"])

    @property
    def indicators(self) -> pd.DataFrame:
        return pd.read_parquet(self.paths.tables / "indicators.parquet")


def append_row(path, row: dict[str, str]) -> None:
    """Add a row at the end of a curated CSV, in the columns of its header."""
    with open(path, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    text = path.read_text(encoding="utf-8")
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if not text.endswith("\n"):
            handle.write("\n")
        csv.DictWriter(handle, header, lineterminator="\n").writerow(row)


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Grown:
    """A copy of the curated data with the new indicator and figure, built by `python -m loaders --force`."""
    paths = copy_data(DEFAULT.data, tmp_path_factory.mktemp("grown"), with_tables=False)
    append_row(paths.metadata / "indicators.csv", NEW_INDICATOR)
    append_row(paths.sources / "deprivation.csv", NEW_FIGURE)
    env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(paths.data)}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "--force"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return Grown(paths, result.stdout)


def test_the_grown_files_hold_one_more_indicator_and_figure(grown):
    assert len(curated.rows(grown.paths, "indicators")) == len(curated.rows(DEFAULT, "indicators")) + 1
    assert len(curated.observations(grown.paths)) == len(curated.observations(DEFAULT)) + 1
    before, after = curated.rows_by_theme(DEFAULT), curated.rows_by_theme(grown.paths)
    assert after == before | {"deprivation": before["deprivation"] + 1}
    assert curated.statuses(grown.paths) == curated.statuses(DEFAULT) | {
        "observed": curated.statuses(DEFAULT)["observed"] + 1
    }


def test_the_grown_build_has_the_new_figure(grown):
    added = grown.observations.set_index("indicator_id").loc["london_boroughs"]
    assert (added["area_name"], added["value"], added["quote"]) == ("London", 33, NEW_FIGURE["quote"])
    indicators = grown.indicators.set_index("indicator_id")
    assert indicators.loc["london_boroughs", "observations"] == 1


def test_the_grown_build_reports_the_grown_counts(grown):
    test_cli.assert_reports_what_it_built(grown.message, grown.paths)
    grown_total = len(curated.observations(DEFAULT)) + 1
    themes = grown.message.split("(strategy: ", 1)[1].split(";")[0]
    strategy = sum(int(count.replace(",", "")) for count in re.findall(r"[a-z_]+ ([\d,]+)", themes))
    assert strategy == grown_total


# Every test whose expectation was a count of the project's rows, and the guardrails a new figure must pass.
FOLLOWING_THE_FILES = [
    test_build.test_observations_are_a_file_per_indicator_with_the_published_row_counts,
    test_build.test_a_second_build_with_unchanged_sources_does_nothing,
    test_contract_guardrails.test_every_indicator_has_a_plain_english_definition,
    test_contract_guardrails.test_every_indicator_has_at_least_one_figure,
    test_contract_guardrails.test_each_indicator_has_one_unit_and_one_theme,
    test_contract_guardrails.test_status_counts_match_the_text,
    test_contract_guardrails.test_ranges_and_bounds_carry_their_ends,
    test_contract_guardrails.test_comparators_are_rows_with_their_own_area,
    test_contract_guardrails.test_projections_are_marked_projected,
    test_contract_guardrails.test_the_village_adds_up_to_100_children,
    test_contract_guardrails.test_data_quality_records_the_known_conflicts,
    test_traced.test_there_are_figures_for_every_theme,
    test_traced.test_every_quote_is_in_the_strategy_text,
    test_traced.test_every_value_as_written_is_in_its_quote,
    test_traced.test_every_value_is_stated_by_its_value_as_written,
    test_traced.test_derived_rows_say_so_and_show_their_formula,
    test_traced.test_every_source_line_is_printed_in_the_text,
    test_arithmetic.test_the_published_inconsistencies_are_found,
]


@pytest.mark.parametrize(
    "test", FOLLOWING_THE_FILES, ids=[f"{t.__module__.split('.')[-1]}.{t.__name__}" for t in FOLLOWING_THE_FILES]
)
def test_the_count_tests_pass_on_the_grown_data(grown, test):
    """Run the test with the grown copy in place of the project's tables (its fixtures, by parameter name)."""
    given = {
        "observations": grown.observations,
        "indicators": grown.indicators,
        "project_tables": grown.paths,
        "built_copy": grown.paths,
        "data_copy": grown.paths,
    }
    test(**{name: given[name] for name in inspect.signature(test).parameters})
