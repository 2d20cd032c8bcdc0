"""Cut a WARC file back to its last complete record after a crash.

A run killed while writing leaves its last gzip member half written. Standard tools stop with
an error at such a tail, so the next run trims every file the interrupted run may have written
back to the end of its last complete record. Records the database points at are always complete
(the pointer is written after the record), so trimming never loses evidence.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class RepairResult:
    """What was trimmed from one file."""

    path: Path
    kept_bytes: int
    removed_bytes: int


def complete_prefix(path: Path) -> int:
    """Length of the longest prefix of ``path`` made of complete gzip members."""
    data = path.read_bytes()
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        try:
            d.decompress(data[pos:])
        except zlib.error:
            break
        if not d.eof:
            break
        pos = len(data) - len(d.unused_data)
    return pos


def repair_file(path: Path) -> RepairResult:
    """Trim ``path`` to its complete members (no change when it is already whole)."""
    size = path.stat().st_size
    keep = complete_prefix(path)
    if keep < size:
        with open(path, "r+b") as fh:
            fh.truncate(keep)
            os.fsync(fh.fileno())
    return RepairResult(path, keep, size - keep)


def repair_since(folder: Path, since: datetime) -> list[RepairResult]:
    """Repair every ``*.warc.gz`` in ``folder`` modified at or after ``since``."""
    if not folder.is_dir():
        return []
    cutoff = since.timestamp()
    out = []
    for path in sorted(folder.glob("*.warc.gz")):
        if path.stat().st_mtime >= cutoff:
            result = repair_file(path)
            if result.removed_bytes:
                out.append(result)
    return out
