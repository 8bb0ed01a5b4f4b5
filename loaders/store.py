"""Write tables so that a failed or killed build never leaves a half-written one, and hash them for the manifest.

A build stages every file under a temporary name beside its final one (a dot-name, which readers and
pyarrow datasets ignore), and only when all are written and flushed to disk renames each into place with
`os.replace`, an atomic step: a reader sees the old file or the new one, never part of one. The manifest
is renamed last; until then the previous manifest describes the tables, and the next build sees that the
tables do not match it and builds again. A killed build's temporary files are swept away when the next
build starts (loaders.scratch).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from loaders.scratch import temporary_name


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Staging:
    """Files written under temporary names, to be moved into place together by `commit()`."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def parquet(self, table: pa.Table, final: Path) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = temporary_name(final)
        self.pending.append((temporary, final))
        pq.write_table(table, temporary)
        _flush(temporary)

    def json(self, document: dict, final: Path) -> None:
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = temporary_name(final)
        self.pending.append((temporary, final))
        temporary.write_text(
            json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        _flush(temporary)

    def commit(self) -> None:
        """Rename every staged file into place, in the order staged (stage the manifest last)."""
        for temporary, final in self.pending:
            os.replace(temporary, final)
        for directory in {final.parent for _, final in self.pending}:
            _flush_directory(directory)
        self.pending.clear()

    def abort(self) -> None:
        for temporary, _ in self.pending:
            temporary.unlink(missing_ok=True)
        self.pending.clear()


def _flush(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _flush_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
