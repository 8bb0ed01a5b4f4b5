"""Build errors that say where the problem is (file, line, column) and what to do about it."""

from __future__ import annotations

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
