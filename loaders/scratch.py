"""The temporary files a build writes before it moves them into place: their names, and sweeping away those
a killed build left behind. Standard library only, so even a no-op build can tidy up."""

from __future__ import annotations

import os
from pathlib import Path

TEMP_MARK = ".tmp-"


def temporary_name(final: Path) -> Path:
    """A dot-name beside `final`, which readers and pyarrow datasets ignore."""
    return final.with_name(f".{final.name}{TEMP_MARK}{os.getpid()}")


def sweep_temporary_files(directory: Path) -> list[Path]:
    """Remove temporary files a killed build left behind; return what was removed."""
    if not directory.exists():
        return []
    leftovers = [p for p in directory.rglob(f".*{TEMP_MARK}*") if p.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers
