"""The article-extraction pages that the extraction timing scripts share.

`bench/extract_ab.py` and `bench/extract_queries.py` time the same 121 pages at the same fixed
reference time; they read them here, so both time exactly the same thing.
"""

from __future__ import annotations

import gzip
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
# A fixed reference time: every version and every round reads the same dates.
FETCHED_AT = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


class Page(NamedTuple):
    """One benchmark page: its id, its HTML bytes and the URL it was published at."""

    id: str
    html: bytes
    url: str


def load_pages(data: Path) -> list[Page] | None:
    """The article-extraction pages under ``data``, in id order; None (said on stderr) without."""
    folder = data / "article-extraction"
    if not folder.is_dir():
        print(f"no benchmark data in {data}: pass --data", file=sys.stderr)
        return None
    truth = json.loads((folder / "ground-truth.json").read_text())
    return [
        Page(
            key,
            gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()),
            truth[key]["url"],
        )
        for key in sorted(truth)
    ]
