"""Where the project keeps its data: one place, so tests can point a build at a copy."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DataPaths:
    """The folders of one data tree: curated inputs under `data/`, built tables under `data/tables/`."""

    data: Path

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
    def tables(self) -> Path:
        return self.data / "tables"

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
