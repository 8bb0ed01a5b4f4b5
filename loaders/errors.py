"""Build errors that say where the problem is (file, line, column) and what to do about it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceError(Exception):
    """One problem in one source file. `line` is the line of the file (the header is line 1). An exception too,
    so a reader can raise the first problem it cannot read past; BuildError gathers several."""

    file: str
    line: int | None
    column: str | None
    reason: str

    def __reduce__(self):  # pickled by its fields (a build validates in a worker process and sends them back)
        return (type(self), (self.file, self.line, self.column, self.reason))

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.reason}"


class BuildError(Exception):
    """The sources are not fit to build from. Holds every problem found, not just the first."""

    def __init__(self, errors: list[SourceError]):
        self.errors = sorted(set(errors), key=lambda e: (e.file, e.line or 0, e.column or "", e.reason))
        count = len(self.errors)
        lines = "\n".join(f"  - {e}" for e in self.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the sources; no table was changed.\n{lines}")


class Problems:
    """Every problem a reader finds in one file, at most `per_column` listed per column and the rest counted, so
    one bad column cannot drown the others (the DfE's and the ONS's readers share it)."""

    def __init__(self, shown: str, per_column: int = 20):
        self.shown = shown
        self.limit = per_column
        self.errors: list[SourceError] = []
        self.per_column: Counter[str | None] = Counter()

    def __len__(self) -> int:
        return sum(self.per_column.values())

    def add(self, line: int | None, column: str | None, reason: str) -> None:
        self.per_column[column] += 1
        if self.per_column[column] <= self.limit:
            self.errors.append(SourceError(self.shown, line, column, reason))

    def error(self) -> BuildError:
        errors = list(self.errors)
        for column, count in self.per_column.items():
            if count > self.limit:
                where = f'column "{column}"' if column else "the file"
                reason = f"{count} problems in {where}; the first {self.limit} are listed (fix those, then rerun)"
                errors.append(SourceError(self.shown, None, column, reason))
        return BuildError(errors)
