"""The tables a definition is drawn from. Small tables are read once per build; observations are read on
demand, only the indicators and areas a chart draws (a filter pushed down to the Parquet files), so the cost of
a page grows with what it shows, not with what is stored. Pages get a Sources through components.data
(shared, once per build); the command line, decks and tests through `Sources.load()`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

import pandas as pd

from insight.areas import Areas
from insight.frames import enrich, services_frame
from loaders import tables
from loaders.paths import DEFAULT, DataPaths

ObservationReader = Callable[..., pd.DataFrame]  # tables.read_observations's signature: indicators=, areas=, kinds=


class Sources:
    """Observations by indicator and area, enriched for reading; the village, services and data quality."""

    def __init__(self, read_table: Callable[[str], pd.DataFrame], read_observations: ObservationReader):
        self._read = read_observations
        self._lock = threading.Lock()
        self._cache: dict[tuple, pd.DataFrame] = {}
        self.areas_table = read_table("areas")
        self.areas = Areas.from_table(self.areas_table)
        self.indicators = read_table("indicators")
        self.sources = read_table("sources")
        self.village = read_table("village")
        self.services = services_frame(read_table("services"), self.sources, read_table("sections"), self.areas)
        self.data_quality = read_table("data_quality")
        self.links = read_table("indicator_links")
        self.indicator_ids = frozenset(self.indicators["indicator_id"])
        self.citations = dict(zip(self.sources["source_id"], self.sources["citation"], strict=True))

    @classmethod
    def load(cls, paths: DataPaths = DEFAULT) -> Sources:
        """The built tables of `paths` (missing tables come back empty, so a page can say what is missing)."""
        return cls(
            lambda name: tables.read_table(name, paths, missing_ok=True),
            lambda **filters: tables.read_observations(paths, missing_ok=True, **filters),
        )

    @property
    def comparator_codes(self) -> tuple[str, ...]:
        """The areas with a role (home and its comparators): what charts draw unless asked for others."""
        return tuple(self.areas.code_by_role.values())

    def figures(self, indicators: Iterable[str], areas: Iterable[str] | None = None) -> pd.DataFrame:
        """The observations of `indicators` in `areas` (codes; by default the areas with a role), with their
        indicator's words, source's citation and area's role. Read once per indicators and areas, then shared."""
        key = (
            tuple(sorted(set(indicators))),
            tuple(sorted(set(areas if areas is not None else self.comparator_codes))),
        )
        with self._lock:
            if key not in self._cache:
                frame = self._read(indicators=list(key[0]), areas=list(key[1]))
                self._cache[key] = enrich(frame, self.indicators, self.sources, self.areas_table)
            return self._cache[key]

    @property
    def strategy_figures(self) -> pd.DataFrame:
        """Every figure the strategy states (the catalogue of Data and sources)."""
        with self._lock:
            if ("strategy",) not in self._cache:
                frame = self._read(kinds=["strategy"])
                self._cache[("strategy",)] = enrich(frame, self.indicators, self.sources, self.areas_table)
            return self._cache[("strategy",)]
