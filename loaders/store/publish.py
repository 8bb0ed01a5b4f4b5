"""Write a build so that no reader ever sees part of one: a failed, killed or concurrent build changes nothing
anyone reads, and a reader holding one build keeps it whole while the next lands.

A build writes every file into a folder of its own that no reader looks at (`builds/<id>.partial-<host>-<pid>`),
flushes them to disk, renames the folder to `builds/<id>` and then switches `current`, a symbolic link, to it
with `os.replace`: one atomic step, so a reader following `current` sees the old build or the new one, never a
mix. The old build's folder stays, unchanged, for readers pinned to it (DataPaths.pinned) until loaders.store.scratch
removes it after a grace period. Nothing is ever rewritten in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from loaders.paths import DataPaths
from loaders.store import scratch


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class NewBuild:
    """One build's files, written into a folder of their own and published together by `publish()`."""

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self.id = scratch.new_build_id()
        self.folder = paths.builds / scratch.partial_name(self.id)
        self.folder.mkdir(parents=True)
        self.hashes: dict[str, str] = {}  # each file written or linked, by its path in the build: its sha256

    def parquet(self, table: pa.Table, relative: str) -> Path:
        """Write `table` at `relative` in this build; return where it went. (Flushed to disk with the whole build,
        before it is published.)"""
        buffer = pa.BufferOutputStream()
        pq.write_table(table, buffer)
        data = buffer.getvalue()
        path = self._path(relative)
        with open(path, "wb") as handle:
            handle.write(data)
        self.hashes[relative] = hashlib.sha256(data).hexdigest()
        return path

    def link(self, existing: Path, relative: str, sha256: str) -> Path:
        """The file `existing` (of an earlier build, never changed) at `relative` in this build too: a hard link,
        where the file system allows it, else a copy. A file whose content is unchanged is never written again."""
        path = self._path(relative)
        try:
            os.link(existing, path)
        except OSError:
            shutil.copyfile(existing, path)
        self.hashes[relative] = sha256
        return path

    def json(self, document: dict, relative: str) -> Path:
        path = self._path(relative)
        path.write_text(json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        _flush(path)
        return path

    def publish(self) -> DataPaths:
        """Make this build the current one; return the paths pinned to it. Every file written is flushed to disk
        first (one sync for them all), then the folders, then the folder is renamed and `current` switched."""
        _flush_everything()
        for directory in {p.parent for p in self.folder.rglob("*")} | {self.folder}:
            _flush_directory(directory)
        final = self.paths.builds / self.id
        os.replace(self.folder, final)
        _flush_directory(self.paths.builds)
        self.folder = final
        switch_current(self.paths, self.id)
        return self.paths.at(self.id)

    def abort(self) -> None:
        """Remove what was written (a build that failed part-way): readers never saw any of it. A build that did
        become current (only flushing the folder after the switch failed) is kept: readers may hold it."""
        if self.paths.current_build() != self.folder.name:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self, relative: str) -> Path:
        path = self.folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path


def switch_current(paths: DataPaths, build: str) -> None:
    """Point `current` at `builds/<build>` in one step: a new link under a temporary name, renamed over the old.

    The link is relative, so the data tree can be moved or copied (keeping links) and still work. The build it
    pointed at is touched: its grace period (loaders.store.scratch) starts now, when it stops being current."""
    current = paths.current
    previous = paths.current_build()
    if current.is_dir() and not current.is_symlink():  # a tree copied without keeping its links: set it aside
        previous = f"{scratch.MOVED}{scratch.new_build_id()}"
        os.replace(current, paths.builds / previous)
    link = scratch.temporary_name(current)
    link.unlink(missing_ok=True)
    os.symlink(Path(paths.builds.name) / build, link)
    os.replace(link, current)
    _flush_directory(paths.tables_root)
    if previous and previous != build:
        with contextlib.suppress(FileNotFoundError):
            os.utime(paths.builds / previous)


def _flush(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _flush_everything() -> None:
    """Every file written so far, to disk: one sync instead of one a file (a build writes hundreds)."""
    os.sync()


def _flush_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
