"""Snapshot every Article field of every shared benchmark page, or compare with a snapshot.

For speed work on the extractor, whose changes must not change a single output: save a
snapshot before the change, compare after it. Every page of ``article-extraction``,
``trafilatura-eval``, ``publication-dates`` and ``fundus-publishers`` in ``../shared/data`` (or
``--data``) is extracted as ``bench/extract.py`` reads it (the two text sets also with no
reference time, the date sets as of a Wayback capture time in the URL), with a fixed reference
time instead of "now" so that two runs on different days agree.

    python bench/extract_snapshot.py save /tmp/before.json
    python bench/extract_snapshot.py diff /tmp/before.json   # exit 1 when any field differs
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from mediespor.extract import extract
from mediespor.reference_time import reference_time

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
FIXED = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
TEXT_SETS = ("article-extraction", "trafilatura-eval")
DATE_SETS = ("publication-dates", "fundus-publishers")


def capture_time(url: str) -> datetime | None:
    """The capture time a Wayback replay URL names, as ``bench/extract.py`` reads it."""
    if urlsplit(url).hostname != "web.archive.org":
        return None
    return reference_time("wayback", {"archive_url": url}, None).value


def pages(data: Path) -> Iterator[tuple[str, bytes, str, datetime | None]]:
    """(key, page bytes, URL, reference time) for every page of the four sets."""
    for name in TEXT_SETS + DATE_SETS:
        folder = data / name
        truth = json.loads((folder / "ground-truth.json").read_text())
        for key in sorted(truth):
            entry = truth[key]
            page = gzip.decompress((folder / entry.get("file", f"html/{key}.html.gz")).read_bytes())
            url = key if name == "publication-dates" else entry.get("url", "")
            url = url if isinstance(url, str) and url.startswith("http") else ""
            if name in TEXT_SETS:
                yield f"{name}/{key}", page, url, FIXED
                yield f"{name}/{key}#none", page, url, None
            else:
                yield f"{name}/{key}", page, url, capture_time(url)


def snapshot(data: Path) -> dict[str, dict[str, str]]:
    """Every field of every page's Article (provenance included), as its repr."""
    out: dict[str, dict[str, str]] = {}
    for key, page, url, ref in pages(data):
        article = extract(page, url, ref)
        out[key] = {k: repr(v) for k, v in dataclasses.asdict(article).items()}
    return out


def differences(old: dict, new: dict, show: int = 10) -> int:
    """Print up to ``show`` differing pages field by field; returns how many pages differ."""
    count = 0
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key) or {}, new.get(key) or {}
        if before == after:
            continue
        count += 1
        if count > show:
            continue
        for field in sorted(before.keys() | after.keys()):
            if before.get(field) != after.get(field):
                print(f"{key} {field}\n  old: {before.get(field, '')[:300]}")
                print(f"  new: {after.get(field, '')[:300]}")
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "diff"))
    parser.add_argument("snapshot", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not all((args.data / name / "ground-truth.json").exists() for name in TEXT_SETS + DATE_SETS):
        print(f"no benchmark data in {args.data}: pass --data", file=sys.stderr)
        return 2
    current = snapshot(args.data)
    if args.action == "save":
        args.snapshot.write_text(json.dumps(current, sort_keys=True))
        print(json.dumps({"pages": len(current)}))
        return 0
    changed = differences(json.loads(args.snapshot.read_text()), current)
    print(json.dumps({"pages": len(current), "differences": changed}))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
