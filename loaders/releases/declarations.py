"""What the curated metadata says about publishers' files: their datasets, renamed columns and declared measures.

- `data/metadata/release_datasets.csv`: each dataset, with the columns that recognise its files, its theme and
  what its "Reporting year" means.
- `data/metadata/measure_aliases.csv`: columns a publisher renamed between releases, under one name.
- `data/metadata/public_indicators.csv`: the measures that matter enough to declare, with our id, words, unit and
  polarity. A declaration sets words; it never decides what is kept (every measure of a file is loaded).

A file no dataset recognises is still read: its dataset is named after the file (loaders.releases.dfe).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.releases import dfe, fingertips, ons_census

DFE_PUBLISHER = "Department for Education: Explore Education Statistics"


@dataclass(frozen=True)
class Dataset:
    dataset_id: str
    format: str
    publisher: str
    publication: str
    title: str
    theme: str | None = None
    topic: str | None = None
    recognised_by: tuple[str, ...] = ()
    reporting_year: str | None = None
    link: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # a column's published name -> the dataset's name for it
    declared: bool = True

    @property
    def publisher_words(self) -> str:
        """Who publishes it, and in what: shown beside every figure (OGL v3 asks for attribution)."""
        return f"{self.publisher}, {self.publication}" if self.publication else self.publisher

    def as_reader_options(self) -> dict:
        return {
            "dataset_id": self.dataset_id,
            "title": self.title,
            "reporting_year": self.reporting_year,
            "aliases": self.aliases,
        }


@dataclass(frozen=True)
class Declared:
    """One declared measure (a row of public_indicators.csv)."""

    indicator_id: str
    dataset_id: str
    measure: str  # the publisher's id, as the dataset names it
    select: dict[str, str]
    derive: str | None
    title: str
    theme: str | None
    topic: str | None
    definition: str
    unit: str | None
    unit_label: str | None
    polarity: str | None
    kind: str  # level, change, gap, rank
    link: str | None
    curated_file: str
    curated_line: int


@dataclass
class Declarations:
    datasets: dict[str, Dataset]
    measures: list[Declared]

    @classmethod
    def from_rows(cls, datasets: list[dict], aliases: list[dict], public: list[dict]) -> Declarations:
        """From the validated rows of the three curated files."""
        renamed: dict[str, dict[str, str]] = {}
        for row in aliases:
            renamed.setdefault(row["dataset_id"], {})[row["published_name"]] = row["name"]
        found = {
            row["dataset_id"]: Dataset(
                dataset_id=row["dataset_id"],
                format=row["format"],
                publisher=row["publisher"],
                publication=row["publication"],
                title=row["title"],
                theme=row["theme"] or None,
                topic=row["topic"] or None,
                recognised_by=tuple(c.strip() for c in (row["recognised_by"] or "").split(";") if c.strip()),
                reporting_year=row["reporting_year"] or None,
                link=row["link"],
                aliases=renamed.get(row["dataset_id"], {}),
            )
            for row in datasets
        }
        measures = [
            Declared(
                indicator_id=row["indicator_id"],
                dataset_id=row["dataset_id"],
                measure=row["publisher_indicator_id"],
                select=parse_select(row["select"]),
                derive=row["derive"] or None,
                title=row["title"],
                theme=row["theme"] or None,
                topic=row["topic"] or None,
                definition=row["definition"],
                unit=row["unit"] or None,
                unit_label=row["unit_label"] or None,
                polarity=row["polarity"] or None,
                kind=row["measure"],
                link=row["link"] or None,
                curated_file=row.get("curated_file", ""),
                curated_line=row.get("curated_line", 0),
            )
            for row in public
        ]
        return cls(found, measures)

    def of_dataset(self, dataset_id: str) -> list[Declared]:
        return [m for m in self.measures if m.dataset_id == dataset_id]

    def dataset_for(self, format: str, header: list[str], shown: str) -> Dataset:
        """The declared dataset a file of `format` with this header belongs to (the one whose recognising columns
        it has, naming most), else one named after the file."""
        candidates = [d for d in self.datasets.values() if d.format == format]
        best = None
        for dataset in candidates:
            names = {dfe.key(dataset.aliases.get(name.strip(), name)) for name in header}
            names |= {dfe.key(name) for name in header}
            recognised = all(dfe.key(column) in names for column in dataset.recognised_by)
            if recognised and (best is None or len(dataset.recognised_by) > len(best.recognised_by)):
                best = dataset
        if best is not None:
            return best
        return _undeclared(format, shown)


def parse_select(text: str | None) -> dict[str, str]:
    """'column=value;column=value' as a dict (a value may hold commas, never a semicolon)."""
    wanted = {}
    for term in filter(None, (t.strip() for t in (text or "").split(";"))):
        column, _, value = term.partition("=")
        wanted[column.strip()] = value.strip()
    return wanted


def _undeclared(format: str, shown: str) -> Dataset:
    """A dataset nobody declared: its files are still read whole, named after the file (DfE) or the format."""
    if format == fingertips.FORMAT:
        return Dataset(fingertips.DATASET_ID, format, "Office for Health Improvement and Disparities: Fingertips",
                       "", "Fingertips data export", "health", None, declared=False)  # fmt: skip
    if format == ons_census.FORMAT:
        return Dataset(ons_census.DATASET_ID, format, "Office for National Statistics", "Census 2021",
                       "Census 2021 custom dataset", "population", None, declared=False)  # fmt: skip
    dataset_id = dfe.dataset_of_file(shown)
    stem = shown.rsplit("/", 1)[-1]
    return Dataset(dataset_id, format, DFE_PUBLISHER, "", f"Explore Education Statistics file {stem}", None, None,
                   declared=False)  # fmt: skip
