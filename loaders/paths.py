"""Where the project keeps its data: one place, so tests can point a build at a copy.

Each build of the tables is a folder of its own, `data/tables/builds/<id>/`, never changed once written, and
`data/tables/current` is a symbolic link to the newest (switched with one `os.replace`, loaders.store.publish). A reader
that must see one build however many land while it reads holds `paths.pinned()`: the same paths, fixed to the
build `current` named when it was called.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    """The folders of one data tree: curated inputs under `data/`, built tables under `data/tables/`.

    `build` names one build's folder; without it the tables are whichever build `current` names at each read."""

    data: Path
    build: str | None = None

    @property
    def strategy_text(self) -> Path:
        return self.data / "strategy" / "early-help-strategy-2030.txt"

    @property
    def datapackage(self) -> Path:
        return self.data / "datapackage.json"

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    @property
    def metadata(self) -> Path:
        return self.data / "metadata"

    @property
    def schemas(self) -> Path:
        return self.data / "schemas"

    @property
    def tables_root(self) -> Path:
        """Every build, and the pointer to the current one."""
        return self.data / "tables"

    @property
    def builds(self) -> Path:
        return self.tables_root / "builds"

    @property
    def current(self) -> Path:
        """The symbolic link to the current build's folder (absent before the first build)."""
        return self.tables_root / "current"

    @property
    def tables(self) -> Path:
        """The folder the tables are read from: the pinned build's, else `current` (followed at each read)."""
        return self.builds / self.build if self.build else self.current

    def current_build(self) -> str | None:
        """The id of the build `current` names now, or None before the first build."""
        try:
            return Path(os.readlink(self.current)).name
        except OSError:  # no link yet (or, from an older layout, a folder): nothing to pin
            return None

    def pinned(self) -> DataPaths:
        """These paths fixed to the build current now, so that every later read comes from that one build even
        while newer ones land (unchanged if already pinned, or if nothing is built yet)."""
        if self.build is not None:
            return self
        build = self.current_build()
        return self if build is None else replace(self, build=build)

    def at(self, build: str | None) -> DataPaths:
        """These paths fixed to `build` (None: following `current`)."""
        return replace(self, build=build)

    @property
    def manifest(self) -> Path:
        return self.tables / "manifest.json"

    def relative(self, path: Path) -> str:
        """A path as people see it in messages: relative to the project when it can be."""
        for base in (ROOT, self.data.parent):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()


# BOROUGH_INSIGHT_DATA points the build and the dashboard at another data tree (a test copy, a staging area).
DEFAULT = DataPaths(Path(os.environ.get("BOROUGH_INSIGHT_DATA", ROOT / "data")))
