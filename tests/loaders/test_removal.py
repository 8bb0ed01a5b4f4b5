"""Removing a release loaded into data/incoming/ and putting it back (loaders.intake.removal), the audit record of each
step, and confirmations made stale by another session's change, on private copies of the data tree.

The real OHID injury admissions release (/work/shared/realdata/, as published; the `without_injuries` tree lacks
the shipped copy) is loaded over an older, revised cut of Bromley's figures, removed (the revised figures come back),
and restored; a figure is checked against its line in the file, and rows are counted, at every step.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders.errors import BuildError, SourceError
from loaders.intake import audit, removal, upload
from loaders.paths import DataPaths
from loaders.releases.resolve import KEY
from loaders.store import freshness
from tests.conftest import FIXTURES, SHIPPED_INJURIES

pytestmark = pytest.mark.builds  # builds data trees: the full suite's, not the quick subset's

REAL = Path("/work/shared/realdata") / SHIPPED_INJURIES / "la_hospital_admissions_2324.csv"
INCOMING = FIXTURES / "releases" / "incoming"
OLDER = INCOMING / "fingertips_bromley_to_2020_21_revised.csv"  # Bromley to 2020/21; Persons 2020/21 revised
NEWER = INCOMING / "fingertips_bromley_2012_13_to_2023_24.csv"  # Bromley 2012/13 to 2023/24, as published
INJURIES = "injury_admissions_0_14"
BROMLEY = "E09000006"
WHO = "analyst@example.org"


def bromley_persons(period: str) -> tuple:
    return (INJURIES, BROMLEY, period, None, "all")


def rows(paths: DataPaths) -> list[dict]:
    """The injury admissions figures in the tables, every area (none before any release gives them)."""
    path = paths.tables / "observations" / f"{INJURIES}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def by_key(paths: DataPaths) -> dict[tuple, dict]:
    """The figures by the tables' key (indicator, area, period, breakdown type, breakdown), each once."""
    found = {tuple(r[k] for k in KEY): r for r in rows(paths)}
    assert len(found) == len(rows(paths)), "a figure is in the tables twice"
    return found


def records(path: Path) -> list[dict]:
    """The file's records, each with its line in the file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [record | {"line": reader.line_num} for record in reader]


def figures_in(path: Path) -> int:
    """How many figures the file gives, counted here: one an area, period, sex and category (if any)."""
    return len({(r["Area Code"], r["Time period"], r["Sex"], r["Category Type"], r["Category"]) for r in records(path)})


def bromley_persons_2023_24() -> tuple[int, float]:
    (record,) = [
        r
        for r in records(REAL)
        if r["Area Code"] == BROMLEY and r["Sex"] == "Persons" and r["Time period"] == "2023/24" and not r["Category"]
    ]
    return record["line"], float(record["Value"])


def test_a_real_release_is_loaded_removed_and_restored_with_an_audit_entry_each_time(without_injuries):
    paths = without_injuries
    assert upload.apply(OLDER.name, OLDER.read_bytes(), paths, who=WHO).ok
    older = by_key(paths)
    assert len(older) == figures_in(OLDER) == 29  # Bromley to 2020/21 (persons only before 2012/13)
    assert older[bromley_persons("2020/21")]["value"] == pytest.approx(50.0234)  # the revised figure

    # ---- upload the real release ------------------------------------------------------------------------------
    preview = upload.preview(REAL.name, REAL.read_bytes(), paths)
    assert preview.ok and preview.build == paths.current_build()
    applied = upload.apply(REAL.name, REAL.read_bytes(), paths, who=WHO, against=preview.build)
    assert applied.ok and applied.stored == f"data/incoming/{REAL.name}"
    real = by_key(paths)
    assert len(real) == figures_in(REAL)
    line, value = bromley_persons_2023_24()
    assert real[bromley_persons("2023/24")]["value"] == pytest.approx(value)  # as the file's line gives it
    assert value == pytest.approx(39.5687) and line == 2634
    assert real[bromley_persons("2020/21")]["value"] == pytest.approx(68.07021)  # the release's, not the revision
    assert {r["area_code"] for r in real.values()} == {r["Area Code"] for r in records(REAL)}
    assert (applied.effect.added, applied.effect.replaced) == (preview.added, preview.replaced)
    assert (preview.added, preview.replaced) == (len(real) - len(older), 1)

    (entry, first) = audit.read(paths)
    assert first["file"] == OLDER.name and first["action"] == "upload"
    assert entry | {"when": "", "build": ""} == {
        "when": "",
        "who": WHO,
        "action": "upload",
        "file": REAL.name,
        "stored": f"data/incoming/{REAL.name}",
        "sha256": hashlib.sha256(REAL.read_bytes()).hexdigest(),
        "added": len(real) - len(older),
        "replaced": 1,
        "superseded": preview.superseded,
        "removed": 0,
        "returned": 0,
        "build": "",
    }
    assert entry["build"] == paths.current_build()

    # ---- remove it: what it alone gave disappears, the revised older figures come back -------------------------
    stored = f"data/incoming/{REAL.name}"
    assert removal.removable(paths) == sorted([f"data/incoming/{OLDER.name}", stored])
    seen = removal.preview_removal(stored, paths)
    assert seen.ok and (seen.removed, seen.returned, seen.returned_changed) == (len(real) - len(older), 29, 1)
    assert seen.returned_from == [f"data/incoming/{OLDER.name}"]
    returned = seen.changes[seen.changes["Change"] == "Returned"].to_dict("records")
    assert [(r["Period"], r["Breakdown"], r["Before"], r["After"]) for r in returned] == [
        ("2020/21", "all", "68.07021", "50.0234")
    ]
    assert (seen.changes["Change"] == "Removed").sum() == len(real) - len(older)

    removed = removal.remove(stored, paths, who=WHO, against=seen.build)
    assert removed.ok and removed.kept.startswith("data/removed/") and removed.kept.endswith(f"-{REAL.name}")
    assert not (paths.data / "incoming" / REAL.name).exists()
    assert (paths.data.parent / removed.kept).read_bytes() == REAL.read_bytes()  # kept, byte for byte
    after_removal = by_key(paths)
    assert {k: r["value"] for k, r in after_removal.items()} == {k: r["value"] for k, r in older.items()}
    assert freshness.check(paths).fresh  # the kept file and the record are no inputs: nothing to rebuild
    entry = audit.read(paths)[0]
    assert (entry["action"], entry["file"], entry["stored"], entry["who"]) == ("remove", REAL.name, removed.kept, WHO)
    assert (entry["removed"], entry["returned"], entry["added"]) == (len(real) - len(older), 29, 0)
    assert entry["sha256"] == hashlib.sha256(REAL.read_bytes()).hexdigest()

    # ---- restore it ---------------------------------------------------------------------------------------------
    (kept,) = removal.kept(paths)
    assert (kept.path, kept.name) == (removed.kept, REAL.name)
    again = removal.preview_restore(kept.path, paths)
    assert (again.added, again.replaced) == (len(real) - len(older), 1)
    restored = removal.restore(kept.path, paths, who="the shared upload token", against=again.build)
    assert restored.ok and restored.stored == stored
    assert removal.kept(paths) == [] and (paths.data / "incoming" / REAL.name).read_bytes() == REAL.read_bytes()
    assert {k: r["value"] for k, r in by_key(paths).items()} == {k: r["value"] for k, r in real.items()}
    entry = audit.read(paths)[0]
    assert (entry["action"], entry["who"], entry["stored"], entry["added"]) == (
        "restore",
        "the shared upload token",
        stored,
        len(real) - len(older),
    )
    assert [e["action"] for e in audit.read(paths)] == ["restore", "remove", "upload", "upload"]


def test_a_confirm_after_another_session_changed_the_tables_gets_a_fresh_preview(without_injuries):
    """Session A previews NEWER; session B loads OLDER; A's confirm does nothing but return a new preview (OLDER's
    figures now repeat or are replaced); A confirms that one: every figure once, NEWER's values."""
    paths = without_injuries
    a = upload.preview(NEWER.name, NEWER.read_bytes(), paths)
    assert (a.added, a.replaced, a.unchanged) == (36, 0, 0)

    assert upload.apply(OLDER.name, OLDER.read_bytes(), paths, who="b@example.org").ok  # session B
    after_b = paths.current_build()
    stale = upload.apply(NEWER.name, NEWER.read_bytes(), paths, who="a@example.org", against=a.build)
    assert not stale.ok and stale.nothing == "the tables changed since your preview"
    assert paths.current_build() == after_b and not (paths.data / "incoming" / NEWER.name).exists()
    fresh = stale.stale
    assert fresh.build == after_b and (fresh.added, fresh.replaced, fresh.unchanged) == (9, 1, 26)
    assert len(by_key(paths)) == 29

    applied = upload.apply(NEWER.name, NEWER.read_bytes(), paths, who="a@example.org", against=fresh.build)
    assert applied.ok
    figures = by_key(paths)  # asserts no key twice
    assert len(figures) == 38 and Counter(r["breakdown"] for r in figures.values()) == Counter(
        {"all": 14, "Male": 12, "Female": 12}
    )  # NEWER's 36 (2012/13 on) and OLDER's persons of 2010/11 and 2011/12
    assert figures[bromley_persons("2020/21")]["value"] == pytest.approx(68.07021)
    assert [(e["who"], e["action"], e["added"]) for e in audit.read(paths)] == [
        ("a@example.org", "upload", 9),
        ("b@example.org", "upload", 29),
    ]


def test_a_removal_confirmed_after_another_upload_gets_a_fresh_preview(without_injuries):
    paths = without_injuries
    assert upload.apply(OLDER.name, OLDER.read_bytes(), paths).ok
    stored = f"data/incoming/{OLDER.name}"
    a = removal.preview_removal(stored, paths)
    assert (a.removed, a.returned) == (29, 0)

    assert upload.apply(NEWER.name, NEWER.read_bytes(), paths).ok  # another session: now NEWER gives 26 of them too
    stale = removal.remove(stored, paths, against=a.build)
    assert not stale.ok and stale.refusals == ["the tables changed since your preview"]
    assert (paths.data / "incoming" / OLDER.name).exists() and removal.kept(paths) == []
    assert (stale.stale.removed, stale.stale.returned) == (2, 0)  # NEWER gives all but 2010/11 and 2011/12 now

    assert removal.remove(stored, paths, against=stale.stale.build).ok
    figures = by_key(paths)
    assert len(figures) == 36 and figures[bromley_persons("2020/21")]["value"] == pytest.approx(68.07021)


@pytest.mark.parametrize(
    ("stored", "why"),
    [
        (f"data/releases/{SHIPPED_INJURIES}/la_hospital_admissions_2324.csv", "is a release shipped with the project"),
        ("data/sources/cost.csv", "is one of the project's curated files"),
        ("data/incoming/README.md", "is one of the project's curated files"),
        ("data/incoming/no such file.csv", "is not a release loaded into data/incoming/"),
        ("data/incoming/../releases/x.csv", "is not a release loaded into data/incoming/"),
    ],
)
def test_shipped_and_curated_files_cannot_be_removed(data_copy, stored, why):
    build = data_copy.current_build()
    seen = removal.preview_removal(stored, data_copy)
    done = removal.remove(stored, data_copy, who=WHO)
    assert not seen.ok and not done.ok and seen.refusals == done.refusals
    (message,) = done.refusals
    assert message.startswith(f"{stored} {why}"), message
    assert data_copy.current_build() == build and audit.read(data_copy) == [] and removal.kept(data_copy) == []
    assert (data_copy.data / "releases" / SHIPPED_INJURIES / "la_hospital_admissions_2324.csv").exists()


def test_a_removal_whose_build_is_refused_puts_the_file_back_and_changes_nothing(without_injuries, monkeypatch):
    """The build after the move is refused (here by a stand-in: no real file refuses a removal yet): the file is
    back in data/incoming/ with its bytes, nothing is kept in data/removed/, the tables and the record are as
    they were, and the refusal is the build's own words."""
    paths = without_injuries
    assert upload.apply(OLDER.name, OLDER.read_bytes(), paths, who=WHO).ok
    stored, build, figures = f"data/incoming/{OLDER.name}", paths.current_build(), by_key(paths)
    refusal = SourceError("data/metadata/indicator_links.csv", 7, "public_indicator_id", "names no indicator")

    def refused(paths, **options):
        raise BuildError([refusal])

    monkeypatch.setattr(removal, "build", refused)
    done = removal.remove(stored, paths, who=WHO)

    assert not done.ok and done.refusals == [str(refusal)]
    assert (paths.data / "incoming" / OLDER.name).read_bytes() == OLDER.read_bytes()
    assert removal.kept(paths) == [] and not any((paths.data / "removed").glob("*"))
    assert paths.current_build() == build and by_key(paths) == figures
    assert [e["action"] for e in audit.read(paths)] == ["upload"]


def test_a_release_put_back_after_its_name_was_taken_is_kept_beside_the_other(without_injuries):
    """OLDER is removed, then NEWER is loaded under the same name; putting OLDER back stores it as "(2)" beside
    NEWER, never over it, and the tables hold both releases' figures, the newer release's where they overlap."""
    paths = without_injuries
    name = "injuries.csv"
    assert upload.apply(name, OLDER.read_bytes(), paths, who=WHO).ok
    assert removal.remove(f"data/incoming/{name}", paths, who=WHO).ok
    assert upload.apply(name, NEWER.read_bytes(), paths, who=WHO).ok  # another release, the same name
    (kept,) = removal.kept(paths)

    restored = removal.restore(kept.path, paths, who=WHO)

    assert restored.ok and restored.stored == "data/incoming/injuries (2).csv"
    assert (paths.data / "incoming" / name).read_bytes() == NEWER.read_bytes()
    assert (paths.data / "incoming" / "injuries (2).csv").read_bytes() == OLDER.read_bytes()
    assert removal.kept(paths) == []
    figures = by_key(paths)  # NEWER's 36, and OLDER's persons of 2010/11 and 2011/12
    assert len(figures) == 38 and figures[bromley_persons("2020/21")]["value"] == pytest.approx(68.07021)
    latest = audit.read(paths)[0]
    assert (latest["action"], latest["stored"], latest["who"]) == ("restore", "data/incoming/injuries (2).csv", WHO)
