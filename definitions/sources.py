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
from insight.since import Since, since_strategy
from loaders.paths import DEFAULT, DataPaths
from loaders.store import tables

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
        self.neighbour_table = read_table("statistical_neighbours")
        self.indicator_ids = frozenset(self.indicators["indicator_id"])
        self.citations = dict(zip(self.sources["source_id"], self.sources["citation"], strict=True))

    @classmethod
    def load(cls, paths: DataPaths = DEFAULT) -> Sources:
        """The built tables of `paths` (missing tables come back empty, so a page can say what is missing), all of
        one build: the one current now, which stays readable for as long as anyone may hold it (loaders.store.scratch)."""
        paths = paths.pinned()
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
        """Every figure the strategy states (the catalogue of Data and sources), each of the home area's with
        `superseded_by` where a newer release of the same measure supersedes it."""
        cached = self._cache.get(("strategy",))
        if cached is not None:
            return cached
        with self._lock:
            frame = enrich(self._read(kinds=["strategy"]), self.indicators, self.sources, self.areas_table)
        since = self._since(frame)
        labels = {(row.strategy_id, row.stated_period): row.superseded_by for row in since if row.superseded}
        keys = zip(frame["indicator_id"], frame["period"], frame["area_code"] == self.areas.home, strict=True)
        superseded = [labels.get((i, p)) if home else None for i, p, home in keys]
        frame = frame.assign(superseded_by=pd.array(superseded, dtype="string"))  # text even when none is
        with self._lock:
            self._cache.setdefault(("since",), since)
            return self._cache.setdefault(("strategy",), frame)

    @property
    def since(self) -> list[Since]:
        """Each strategy figure a loaded release covers, beside its newest published figure (insight.since)."""
        self.strategy_figures  # noqa: B018 (works the rows out once, with the figures)
        return self._cache[("since",)]

    def superseded_by(self, indicator_id: str, period: str, area_code: str) -> str | None:
        """The label of a strategy figure a newer release supersedes ("Superseded by <publisher>, <period>")."""
        if area_code != self.areas.home:
            return None
        return next(
            (
                r.superseded_by
                for r in self.since
                if r.superseded and (r.strategy_id, r.stated_period) == (indicator_id, period)
            ),
            None,
        )

    def _since(self, strategy: pd.DataFrame) -> list[Since]:
        if self.links.empty:
            return []
        published = self.figures(self.links["public_indicator_id"], [self.areas.home])
        return since_strategy(self.links, strategy, published, self.areas.home)
