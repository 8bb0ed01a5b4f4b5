"""Which files are releases: the shipped ones and what an analyst dropped in (the standard library only, so the
no-op build, which hashes them, imports nothing heavy)."""

from __future__ import annotations

from pathlib import Path

from loaders.paths import DataPaths

NOTES = {"readme.md"}  # data/incoming/README.md is the folder's notes, never read as a release


def release_files(paths: DataPaths) -> list[Path]:
    """The shipped releases (data/releases/**/*.csv), then what an analyst dropped into data/incoming/ (any file:
    one that is not a CSV is refused with a reason, not ignored)."""
    shipped = sorted((paths.data / "releases").rglob("*.csv"))
    incoming = paths.data / "incoming"
    dropped = (
        sorted(p for p in incoming.iterdir() if p.is_file() and not p.name.startswith(".")) if incoming.exists() else []
    )
    return shipped + [p for p in dropped if p.name.lower() not in NOTES]
