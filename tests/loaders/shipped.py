"""The shipped releases (data/releases/**/*.csv) as the csv module reads them: each file's figures, the indicators
they feed, and what its record in the `releases` table must say.

Worked out here from the files and the curated declarations (data/metadata/release_datasets.csv,
measure_aliases.csv, public_indicators.csv) by the rules DESIGN.md and loaders/releases/ state, with plain
`csv.DictReader`, never by the loaders: a release loads whole (every measure is an indicator, `<dataset_id>_<measure>`
unless a declaration names it, a declaration's `select` claiming only the rows it selects); a DfE filter with several
values is a breakdown whose "Total" is the headline; a confidence limit belongs to its measure; `version` is never a
breakdown; the same figure given twice in a file is kept once.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from loaders.paths import DataPaths

DFE_CODES = {"c", "x", "z", "u", "k", "low"}
TIME = {"time_period", "time_identifier", "geographic_level"}
GEOGRAPHY = {
    "country_code", "country_name", "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "lad_code",
    "lad_name",
}  # fmt: skip
DFE_AREA = {"National": "country_code", "Regional": "region_code", "Local authority": "new_la_code"}
TOTALS = {"Total", "Total children"}  # a filter's value for all its siblings together (the files' own words)
LIMIT = re.compile(r"_(?:lower|upper)_ci$|_ci_(?:low|upp)$", re.IGNORECASE)  # a confidence limit's column
SEPARATOR = " · "

Key = tuple[str, str, str, str | None, str]  # indicator, area, period, breakdown type, breakdown


@dataclass
class Measured:
    """A shipped file as the csv module reads it."""

    file: str  # as the build shows it: data/releases/<folder>/<file>
    format: str
    dataset_id: str
    dataset: str
    publisher: str
    sha256: str
    records: int
    figures_read: int
    figures: dict[Key, tuple[str, int]] = field(default_factory=dict)  # key -> (cell as published, line), first kept
    repeated: int = 0  # figures given again in the file, with the same cell
    differing: list[Key] = field(default_factory=list)  # figures given again with another cell (must be none)
    derived: dict[Key, float] = field(default_factory=dict)  # a share worked out from the file's counts
    declared: set[str] = field(default_factory=set)  # the indicator ids public_indicators.csv declares
    la_numbers: set[tuple[str, str, str]] = field(default_factory=set)  # (LA number, GSS code, period end) given
    pairs: list[tuple[str, int, str]] = field(default_factory=list)  # (LA number, rank, neighbour's number)

    @property
    def indicators(self) -> set[str]:
        return {key[0] for key in (*self.figures, *self.derived)}

    def suppressed(self) -> Counter:
        """The kept figures published without a value, by code ("blank" for an empty cell)."""
        return Counter(code for cell, _ in self.figures.values() if (code := suppression(cell, self.format)))


def suppression(cell: str, kind: str) -> str | None:
    cell = cell.strip()
    if not cell:
        return "blank"
    return cell if kind == "dfe_ees" and cell in DFE_CODES else None


def value_of(cell: str) -> float | None:
    cell = cell.strip()
    return None if not cell or cell in DFE_CODES else float(cell.replace(",", ""))


def csv_records(path: Path, encoding: str = "utf-8-sig") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each record with the file line it starts on, by the csv module alone."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader)]
        records, last = [], reader.line_num
        for fields in reader:
            records.append((last + 1, dict(zip(header, fields, strict=True))))
            last = reader.line_num
    return header, records


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def period_end(label: str) -> str:
    """The last day of a period the DfE's files give: a financial or reporting year ("2024/25") ends on 31 March, an
    academic year ("2024-25") on 31 August, a calendar year ("2024") on 31 December."""
    if "/" in label:
        return f"{int(label[:4]) + 1}-03-31"
    if "-" in label:
        return f"{int(label[:4]) + 1}-08-31"
    return f"{label}-12-31"


def period_order(label: str) -> tuple[int, str]:
    """Periods of one file in time order (a file's labels are all of one kind: "2010/11", "2024-25", "2024")."""
    return int(label[:4]), label


# ---- the declarations ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declared:
    datasets: dict[str, dict]
    aliases: dict[str, dict[str, str]]  # dataset -> published name -> name
    measures: list[dict]  # public_indicators.csv rows, each with its parsed "selected"

    @classmethod
    def of(cls, paths: DataPaths) -> Declared:
        def rows(name):
            with (paths.metadata / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        aliases = defaultdict(dict)
        for row in rows("measure_aliases"):
            aliases[row["dataset_id"]][row["published_name"]] = row["name"]
        measures = []
        for row in rows("public_indicators"):
            terms = [t.partition("=") for t in row["select"].split(";") if t.strip()]
            measures.append({**row, "selected": {c.strip(): v.strip() for c, _, v in terms}})
        return cls({row["dataset_id"]: row for row in rows("release_datasets")}, dict(aliases), measures)

    def of_dataset(self, dataset_id: str) -> list[dict]:
        return [m for m in self.measures if m["dataset_id"] == dataset_id]

    def publisher(self, dataset_id: str) -> str:
        d = self.datasets[dataset_id]
        return f"{d['publisher']}, {d['publication']}" if d["publication"] else d["publisher"]

    def dfe_dataset(self, header: list[str]) -> str:
        """The declared dataset whose recognising columns the header has (the one naming most)."""
        key = lambda name: "".join(name.split()).lower()  # noqa: E731
        best = None
        for dataset_id, d in self.datasets.items():
            if d["format"] != "dfe_ees":
                continue
            renamed = self.aliases.get(dataset_id, {})
            names = {key(renamed.get(n, n)) for n in header} | {key(n) for n in header}
            wanted = [c for c in d["recognised_by"].split(";") if c.strip()]
            if all(key(c) in names for c in wanted) and (best is None or len(wanted) > best[1]):
                best = (dataset_id, len(wanted))
        assert best, f"no declared dataset recognises {header[:12]}"
        return best[0]


# ---- the formats -----------------------------------------------------------------------------------------------


def measure_fingertips(m: Measured, records, declared: Declared) -> None:
    ids = {d["publisher_indicator_id"]: d["indicator_id"] for d in declared.of_dataset("fingertips")}
    m.dataset = "Fingertips: " + "; ".join(dict.fromkeys(r["Indicator Name"] for _, r in records))
    m.figures_read = len(records)
    for line, r in records:
        parts = [(r["Sex"], "Sex")] if r["Sex"] != "Persons" else []
        if r["Category Type"]:
            parts.append((r["Category"], r["Category Type"]))
        indicator = ids.get(r["Indicator ID"]) or f"fingertips_{slug(r['Indicator ID'])}"
        if indicator in ids.values():
            m.declared.add(indicator)
        breakdown = SEPARATOR.join(p for p, _ in parts) or "all"
        add(
            m,
            (indicator, r["Area Code"], r["Time period"], parts[-1][1] if parts else None, breakdown),
            r["Value"],
            line,
        )


def dfe_period(record: dict[str, str], reporting_year: str) -> str:
    period, identifier = record["time_period"], record["time_identifier"]
    if identifier == "Academic year":
        return f"{period[:4]}-{period[4:]}"
    if identifier == "Financial year":
        return f"{period[:4]}/{period[4:]}"
    assert identifier == "Reporting year", identifier
    return period if reporting_year == "calendar_year" else f"{int(period) - 1}/{period[-2:]}"


def measure_dfe(m: Measured, header: list[str], records, declared: Declared) -> None:
    m.dataset_id = declared.dfe_dataset(header)
    dataset = declared.datasets[m.dataset_id]
    m.dataset, m.publisher = dataset["title"], declared.publisher(m.dataset_id)
    renamed = declared.aliases.get(m.dataset_id, {})
    records = [(line, {renamed.get(k, k): v for k, v in r.items()}) for line, r in records]
    names = [renamed.get(n, n) for n in header]
    shown = [(line, r) for line, r in records if r["geographic_level"] in DFE_AREA]

    def is_figure(cell: str) -> bool:
        try:
            float(cell.replace(",", ""))
        except ValueError:
            return cell.strip() in DFE_CODES
        return True

    others = [n for n in names if n not in TIME | GEOGRAPHY and not LIMIT.search(n)]
    measures = [n for n in others if any(is_figure(r[n]) for _, r in shown)]
    filters = [n for n in others if n not in measures and n != "version"]
    several = [f for f in filters if len({r[f] for _, r in shown}) > 1]
    claims = sorted(
        (d for d in declared.of_dataset(m.dataset_id) if not d["derive"]), key=lambda d: bool(d["selected"])
    )
    m.figures_read = len(shown) * len(measures)
    for line, r in shown:
        area, period = r[DFE_AREA[r["geographic_level"]]], dfe_period(r, dataset["reporting_year"])
        if r["geographic_level"] == "Local authority":
            m.la_numbers.add((r["old_la_code"], area, period_end(period)))
        parts = [(r[f], f.replace("_", " ")) for f in several if r[f] not in TOTALS]
        for measure in measures:
            indicator, taken = f"{m.dataset_id}_{slug(measure)}", set()
            for d in claims:  # a declaration with a selection overrides one of the whole measure
                if d["publisher_indicator_id"] == measure and all(r.get(c) == v for c, v in d["selected"].items()):
                    indicator, taken = d["indicator_id"], set(d["selected"].values())
                    m.declared.add(indicator)
            kept = [(p, k) for p, k in parts if p not in taken]
            breakdown = SEPARATOR.join(p for p, _ in kept) or "all"
            kind = SEPARATOR.join(k for _, k in kept) or None
            add(m, (indicator, area, period, kind, breakdown), r[measure], line)


def measure_ons(m: Measured, header: list[str], records, declared: Declared) -> None:
    area, variable, code = header[0], header[3], header[2]
    (counts,) = [
        d for d in declared.of_dataset("ons_census_2021") if d["publisher_indicator_id"] == variable and not d["derive"]
    ]
    (share,) = [
        d for d in declared.of_dataset("ons_census_2021") if d["publisher_indicator_id"] == variable and d["derive"]
    ]
    m.dataset, m.figures_read = f"ONS Census 2021: {variable}", len(records)
    m.declared |= {counts["indicator_id"], share["indicator_id"]}
    prefix = share["derive"].removeprefix("share_excluding:")
    totals = defaultdict(lambda: [0.0, 0.0])
    for line, r in records:
        add(m, (counts["indicator_id"], r[area], "2021", variable, r[variable]), r["Observation"], line)
        if r[code] != "-8":  # "Does not apply" is no group of residents
            totals[r[area]][0] += float(r["Observation"])
            totals[r[area]][1] += float(r["Observation"]) if r[variable].startswith(prefix) else 0
    m.derived = {
        (share["indicator_id"], code, "2021", None, "all"): 100 * (total - excluded) / total
        for code, (total, excluded) in totals.items()
        if total
    }


def measure_neighbours(m: Measured, header: list[str], records) -> None:
    ranks = [int(name[3:]) for name in header if re.fullmatch(r"SN_\d+", name)]
    m.dataset = "Statistical neighbours (2025 model)"
    m.pairs = [(r["old_la_code"], rank, r[f"SN_{rank}"]) for _, r in records for rank in ranks]
    m.figures_read = len(m.pairs)


def add(m: Measured, key: Key, cell: str, line: int) -> None:
    if key in m.figures:
        m.repeated += 1
        if m.figures[key][0].strip() != cell.strip():
            m.differing.append(key)
    else:
        m.figures[key] = (cell, line)


# ---- every shipped file ----------------------------------------------------------------------------------------

_MEASURED: dict[tuple[str, str], Measured] = {}


def shipped_files(paths: DataPaths) -> list[Path]:
    return sorted((paths.data / "releases").rglob("*.csv"))


def measure(paths: DataPaths) -> dict[str, Measured]:
    """Every shipped release of the tree, by the path the build shows (kept once per file's bytes and declarations,
    so a test copy of the tree is not measured again)."""
    declared = Declared.of(paths)
    declarations = hashlib.sha256(repr(declared).encode()).hexdigest()
    found = {}
    for path in shipped_files(paths):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if (digest, declarations) not in _MEASURED:
            _MEASURED[(digest, declarations)] = _measure(path, paths, digest, declared)
        found[_MEASURED[(digest, declarations)].file] = _MEASURED[(digest, declarations)]
    return found


def _measure(path: Path, paths: DataPaths, digest: str, declared: Declared) -> Measured:
    header, records = csv_records(path)
    shown = f"data/{path.relative_to(paths.data).as_posix()}"
    m = Measured(shown, "", "", "", "", digest, len(records), 0)
    if "Indicator ID" in header:
        m.format, m.dataset_id = "fingertips", "fingertips"
        m.publisher = declared.publisher("fingertips")
        measure_fingertips(m, records, declared)
    elif "SN_1" in header:
        m.format, m.dataset_id = "dfe_neighbours", "dfe_statistical_neighbours"
        m.publisher = declared.publisher(m.dataset_id)
        measure_neighbours(m, header, records)
    elif "geographic_level" in header:
        m.format = "dfe_ees"
        measure_dfe(m, header, records, declared)
    else:
        m.format, m.dataset_id = "ons_census", "ons_census_2021"
        m.publisher = declared.publisher("ons_census_2021")
        measure_ons(m, header, records, declared)
    return m


def la_numbers(measured: dict[str, Measured]) -> dict[str, str]:
    """Every three-digit LA number any shipped EES file gives, with the GSS code of its newest period (an authority
    whose code changed keeps its number: Buckinghamshire's 825 is E10000002 to 2020, E06000060 since)."""
    newest: dict[str, tuple[str, str]] = {}
    for m in measured.values():
        for number, code, end in m.la_numbers:
            if number not in newest or end > newest[number][1]:
                newest[number] = (code, end)
    return {number: code for number, (code, _) in newest.items()}


def indicators(paths: DataPaths) -> dict[str, bool]:
    """Every public indicator a build of the tree lists: those the shipped files feed and every declared one, each
    with whether public_indicators.csv declares it."""
    measured = measure(paths)
    found = {indicator: False for m in measured.values() for indicator in m.indicators}
    return found | {d["indicator_id"]: True for d in Declared.of(paths).measures}


def expected_record(m: Measured, numbers: dict[str, str]) -> dict:
    """The file's row of the `releases` table, from the csv module's reading of it."""
    if m.format == "dfe_neighbours":
        kept = sum(1 for number, _, neighbour in m.pairs if number in numbers and neighbour in numbers)
        counts = {"figures_kept": kept, "suppressed": 0, "derived": 0, "repeated": 0, "areas": 0,
                  "first_period": None, "newest_period": None, "indicators": 0, "indicators_declared": 0}  # fmt: skip
    else:
        kept = {**m.figures, **m.derived}
        periods = sorted({key[2] for key in kept}, key=period_order)
        counts = {
            "figures_kept": len(kept),
            "suppressed": m.suppressed().total(),
            "derived": len(m.derived),
            "repeated": m.repeated,
            "areas": len({key[1] for key in kept}),
            "first_period": periods[0],
            "newest_period": periods[-1],
            "indicators": len(m.indicators),
            "indicators_declared": len(m.indicators & m.declared),
        }
    return {
        "release_file": m.file,
        "release_sha256": m.sha256,
        "format": m.format,
        "dataset_id": m.dataset_id,
        "dataset": m.dataset,
        "publisher": m.publisher,
        "encoding": "utf-8",
        "records": m.records,
        "figures_read": m.figures_read,
        "superseded": 0,
        "skipped": 0,
        "skipped_why": None,
        "repeated_from": None,  # no shipped file gives another's figures
        **counts,
    }
