"""Take a release an analyst loaded out of the tables from the dashboard, and put it back: never deleted.

Only files in `data/incoming/` can be removed: the shipped releases (`data/releases/`) and the strategy's curated
sources are the project's own, refused here with a reason. A removal is a build like an upload (loaders.intake.upload):
`preview_removal` builds a scratch copy of the tree without the file and compares it with the tables by key (the
upload preview's own comparison: figures that disappear, and older figures that come back, such as those a newer
release had superseded); `remove` moves the file, under the tree's build lock, into `data/removed/<time>-<name>`
(which no build reads) and builds. `restore` is an upload of the kept bytes that moves the file back
(`loaders.intake.upload.apply(source=...)`), previewed by `preview_restore`. Each is recorded in the audit record
(loaders.intake.audit), and each confirmation checks the tables are still the build its preview was made against.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from loaders.build import build
from loaders.errors import BuildError, SourceError
from loaders.intake import audit, upload
from loaders.paths import DEFAULT, DataPaths
from loaders.releases.files import release_files
from loaders.store import lock

KEPT_TIME = "%Y%m%dT%H%M%SZ"  # the prefix of a kept file's name: when it was removed, UTC


@dataclass
class RemovalPreview:
    """What removing a loaded release would do, worked out on a scratch copy: nothing changes until `remove`."""

    stored: str  # "data/incoming/<name>"
    refusals: list[str] = field(default_factory=list)  # why it cannot be removed, in sentences
    build: str | None = None  # the build it was worked out against
    removed: int = 0  # figures the tables would no longer have
    returned: int = 0  # figures another, older file gives again once this one no longer does
    returned_changed: int = 0  # of those, how many come back with another value
    replaced: int = 0  # other figures whose value would change
    returned_from: list[str] = field(default_factory=list)  # the files whose figures come back
    tables_changed: list[str] = field(default_factory=list)
    changes: object = None  # a pandas DataFrame, as the upload preview's: Removed, Returned and Replaced rows

    @property
    def ok(self) -> bool:
        return not self.refusals


@dataclass
class Removed:
    """What `remove` did: where the file is kept now, or why nothing was done."""

    stored: str
    refusals: list[str] = field(default_factory=list)
    kept: str | None = None  # "data/removed/<time>-<name>"
    message: str = ""  # the build's own report
    stale: RemovalPreview | None = None  # the tables changed since the preview: nothing done, a fresh preview
    effect: RemovalPreview | None = None  # the builds before and after, compared

    @property
    def ok(self) -> bool:
        return self.kept is not None


@dataclass(frozen=True)
class Kept:
    """A removed release, kept so it can be put back."""

    path: str  # "data/removed/<time>-<name>"
    name: str  # its name in data/incoming/ before it was removed
    removed_at: str  # UTC, ISO 8601
    file: Path  # where it is on disk


# ---- which files ----------------------------------------------------------------------------------------------


def kept_folder(paths: DataPaths) -> Path:
    return paths.data / "removed"


def removable(paths: DataPaths = DEFAULT) -> list[str]:
    """The releases that can be removed, as messages name them: the files analysts added to data/incoming/."""
    return list(_removable(paths))


def _removable(paths: DataPaths) -> dict[str, Path]:
    incoming = (paths.data / "incoming").resolve()
    return {paths.relative(p): p for p in release_files(paths) if p.resolve().parent == incoming}


def why_not_removable(stored: str, paths: DataPaths = DEFAULT) -> str | None:
    """Why `stored` (as `removable` names it) cannot be removed, in a sentence; None when it can."""
    if stored in _removable(paths):
        return None
    data = paths.data.resolve()
    path = (data / stored.split("/", 1)[-1]).resolve()  # "data/releases/..." names a file under the tree
    if data / "releases" in path.parents and path.exists():
        return (
            f"{stored} is a release shipped with the project (data/releases/), not one added to data/incoming/, "
            "so it cannot be removed from the dashboard"
        )
    if data in path.parents and path.exists():
        return (
            f"{stored} is one of the project's curated files (the strategy, its sources and metadata), not a release "
            "added to data/incoming/, so it cannot be removed from the dashboard"
        )
    return f"{stored} is not a release loaded into data/incoming/, so there is nothing to remove"


def kept(paths: DataPaths = DEFAULT) -> list[Kept]:
    """The removed releases kept under data/removed/, newest first."""
    folder = kept_folder(paths)
    files = sorted(folder.iterdir(), reverse=True) if folder.is_dir() else []
    found = []
    for path in files:
        when, _, name = path.name.partition("-")
        try:
            removed_at = datetime.strptime(when, KEPT_TIME).strftime(audit.WHEN)
        except ValueError:  # not a file `remove` kept
            continue
        found.append(Kept(paths.relative(path), name, removed_at, path))
    return found


# ---- remove ---------------------------------------------------------------------------------------------------


def preview_removal(stored: str, paths: DataPaths = DEFAULT) -> RemovalPreview:
    """What removing the file would do: the build run on a scratch copy of the tree without it, compared with the
    current tables by key. The copy is always removed."""
    paths = paths.pinned()
    refusal = why_not_removable(stored, paths)
    if refusal:
        return RemovalPreview(stored, refusals=[refusal], build=paths.build)
    with tempfile.TemporaryDirectory(prefix="borough-insight-removal-") as folder:
        scratch = upload.scratch_copy(paths, Path(folder))
        # The scratch copy's own link to the file (its name inside the tree is the same): the file itself stays.
        (scratch.data / _removable(paths)[stored].relative_to(paths.data)).unlink()
        try:
            build(scratch, force=True)
        except BuildError as exc:
            return RemovalPreview(stored, refusals=[str(e) for e in exc.errors], build=paths.build)
        return _compare(stored, paths, scratch)


def _compare(stored: str, before: DataPaths, after: DataPaths) -> RemovalPreview:
    """The build without the file against the build with it, in the words of a removal."""
    found = upload.differences(before, after)
    returned = [(old, new) for old, new in found.same + found.replaced if old["release_file"] == stored]
    changed = [(old, new) for old, new in found.replaced if old["release_file"] == stored]
    others = [(old, new) for old, new in found.replaced if old["release_file"] != stored]
    changes = [("Removed", row, None) for row in found.removed] + [("Returned", o, n) for o, n in changed]
    changes += [("Replaced", o, n) for o, n in others] + [("Added", None, row) for row in found.added]
    return RemovalPreview(
        stored,
        build=before.pinned().build,
        removed=len(found.removed),
        returned=len(returned) + len(found.added),
        returned_changed=len(changed),
        replaced=len(others),
        returned_from=sorted({new["release_file"] or "the strategy" for _, new in returned} | _files(found.added)),
        tables_changed=found.tables_changed,
        changes=upload.changes_table(changes, found),
    )


def _files(rows: list[dict]) -> set[str]:
    return {row["release_file"] or "the strategy" for row in rows}


def remove(stored: str, paths: DataPaths = DEFAULT, *, who: str = "not named", against: str | None = None) -> Removed:
    """Take the file out of the tables: under the build lock, move it into data/removed/<time>-<name> and build.
    A refused build moves it back (the tables were never touched). `against`: the build the preview was made
    against; if the tables are another one by now, nothing is done and `stale` holds a fresh preview."""
    with lock.exclusive(paths):
        refusal = why_not_removable(stored, paths)
        if refusal:
            return Removed(stored, refusals=[refusal])
        if against is not None and paths.current_build() != against:
            stale = True
        else:
            stale = False
            removed = _remove_locked(stored, paths, who)
    if stale:
        return Removed(stored, refusals=[upload.STALE], stale=preview_removal(stored, paths))
    return removed


def _remove_locked(stored: str, paths: DataPaths, who: str) -> Removed:
    source = _removable(paths)[stored]
    data = source.read_bytes()
    before = paths.pinned()
    target = kept_folder(paths) / f"{datetime.now(UTC).strftime(KEPT_TIME)}-{source.name}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():  # removed twice within a second (removed, restored, removed): never over a kept file
        target = upload.free_name(target.parent, target.name)
    os.replace(source, target)
    try:
        report = build(paths)
    except BuildError as exc:
        os.replace(target, source)
        return Removed(stored, refusals=[str(e) for e in exc.errors])
    except BaseException:
        os.replace(target, source)
        raise
    effect = _compare(stored, before, paths.pinned())
    audit.append(
        paths,
        who=who,
        action="remove",
        file=source.name,
        stored=paths.relative(target),
        sha256=hashlib.sha256(data).hexdigest(),
        added=0,
        replaced=effect.replaced,
        superseded=0,
        removed=effect.removed,
        returned=effect.returned,
        build=paths.current_build(),
    )
    return Removed(stored, kept=paths.relative(target), message=report.message, effect=effect)


# ---- restore --------------------------------------------------------------------------------------------------


def _kept_file(kept_path: str, paths: DataPaths) -> Kept:
    found = next((k for k in kept(paths) if k.path == kept_path), None)
    if found is None:
        raise SourceError(kept_path, None, None, "is not a removed release kept under data/removed/")
    return found


def preview_restore(kept_path: str, paths: DataPaths = DEFAULT) -> upload.Preview:
    """What putting a removed release back would do: the upload preview of its bytes under its old name."""
    found = _kept_file(kept_path, paths)
    return upload.preview(found.name, found.file.read_bytes(), paths)


def restore(
    kept_path: str, paths: DataPaths = DEFAULT, *, who: str = "not named", against: str | None = None
) -> upload.Applied:
    """Put a removed release back into data/incoming/ through the same build as an upload (moved, not copied);
    recorded as a restore. A refused or stale restore leaves it kept where it was."""
    found = _kept_file(kept_path, paths)
    return upload.apply(found.name, found.file.read_bytes(), paths, who=who, against=against, source=found.file)
