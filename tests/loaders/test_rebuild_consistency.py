"""A rebuild while sessions are open: what a reader holding one build reads once the next build has landed.

Today a rebuild replaces each file of `tables/` in place (each whole, by `os.replace`; the manifest last), and a
Sources (one build's tables, shared by every session) reads observation files lazily, per indicator, from that
same folder. So a reader that took its small tables from build A can take an indicator's rows from build B: a
page can show a half-old, half-new set. The test states the guarantee wanted and is expected to fail until
builds land in versioned folders behind one atomically switched pointer (DESIGN.md, "Beyond one machine").
"""

from __future__ import annotations

import shutil

import pytest

from definitions.sources import Sources
from loaders import tables
from loaders.build import build
from tests.conftest import FIXTURES

RELEASE = FIXTURES / "releases" / "incoming" / "fingertips_bromley_2012_13_to_2023_24.csv"  # 36 Bromley figures
INJURIES = "injury_admissions_0_14"


@pytest.mark.xfail(
    strict=True,
    reason="a rebuild replaces tables/ in place and observations are read lazily: a reader holding build A reads "
    "build B's rows of an indicator it had not read yet",
)
def test_a_reader_holding_one_build_reads_that_build_only_while_another_lands(without_injuries):
    held = Sources.load(without_injuries)  # what the sessions of build A share
    areas = list(held.comparator_codes)
    in_build_a = tables.read_observations(without_injuries, indicators=[INJURIES], areas=areas, missing_ok=True)
    counted_in_a = int(held.indicators.set_index("indicator_id").loc[INJURIES, "observations"])

    (without_injuries.data / "incoming").mkdir(exist_ok=True)
    shutil.copy(RELEASE, without_injuries.data / "incoming" / RELEASE.name)
    assert build(without_injuries).built  # build B lands while build A's reader is open

    read_later = held.figures([INJURIES], areas)
    assert len(tables.read_observations(without_injuries, indicators=[INJURIES])) > counted_in_a  # B has more
    assert len(read_later) == len(in_build_a), (
        f"a reader of build A (whose indicators table counts {counted_in_a} figures of {INJURIES}) read "
        f"{len(read_later)} rows of it, build B's, not the {len(in_build_a)} of build A"
    )
