"""Load items that arrive outside the crawler: curated lists, archive exports (CSV or JSONL).

Columns: ``url, title, published, outlet`` and optionally ``text, lead, kind``. A row needs a
title and an outlet, and a URL or a date. Bad rows are reported with their line number and
skipped; good rows load. Importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from mediespor.danish_dates import CPH
from mediespor.models import ITEM_KINDS, ItemRecord
from mediespor.store.db import Store, utcnow
from mediespor.store.items import upsert_item
from mediespor.store.runs import record_reject
from mediespor.topic.query import Query
from mediespor.topic.relevance import judge

KNOWN_COLUMNS = {"url", "title", "published", "outlet", "text", "lead", "kind"}
_KIND_ALIASES = {"tv": "video", "segment": "video", "tv-segment": "video", "blogpost": "blog",
                 "post": "blog", "pressemeddelelse": "press_release", "dagsorden": "agenda"}  # fmt: skip
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


@dataclass
class ImportReport:
    """What an import did."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    values: dict[str, Any]


def parse_published(value: str) -> tuple[datetime, str]:
    """Parse an ISO date or datetime (or dd.mm.yyyy); return the instant and its precision.

    A date without time becomes local midnight in Copenhagen with precision ``day``; a naive
    datetime is read as Copenhagen time.
    """
    text = value.strip()
    m = _DMY.match(text)
    if m:
        d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return datetime.combine(d, time(0), CPH), "day"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(date.fromisoformat(text), time(0), CPH), "day"
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CPH)
    return dt, "time"


def _rows(path: Path) -> Iterator[_Row]:
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _Row(n, {"__error__": f"not valid JSON ({exc.msg})"})
                continue
            if not isinstance(obj, dict):
                yield _Row(n, {"__error__": "each line must be a JSON object"})
                continue
            yield _Row(n, obj)
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = set(reader.fieldnames or [])
    if not {"title", "outlet"} <= header:
        yield _Row(1, {"__error__": "the header must name at least the columns title and outlet"})
        return
    for obj in reader:
        # csv's line_num is the physical line of the row's end, which is what editors show.
        if None in obj:
            yield _Row(reader.line_num, {"__error__": "more fields than header columns"})
            continue
        yield _Row(reader.line_num, obj)


def _to_record(row: _Row, source: str) -> ItemRecord:
    v = row.values
    if "__error__" in v:
        raise ValueError(v["__error__"])

    def text(key: str) -> str | None:
        value = v.get(key)
        if value is None:
            return None
        if not isinstance(value, str | int | float):
            raise ValueError(f"column {key!r} must be text")
        value = str(value).strip()
        return value or None

    title, outlet, url = text("title"), text("outlet"), text("url")
    if not title:
        raise ValueError("missing title")
    if not outlet:
        raise ValueError("missing outlet")
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise ValueError(f"url {url!r} is not an http(s) URL")
    published_at = precision = None
    if text("published"):
        try:
            published_at, precision = parse_published(text("published") or "")
        except ValueError:
            raise ValueError(
                f"published {text('published')!r} is not a date (use 2017-06-29 or "
                "2017-06-29T14:32:00+02:00)"
            ) from None
    if not url and published_at is None:
        raise ValueError("a row without url needs a published date")
    kind = (text("kind") or "article").lower()
    kind = _KIND_ALIASES.get(kind, kind)
    if kind not in ITEM_KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(ITEM_KINDS)}")
    if url:
        from mediespor.urls import canonicalize

        url = canonicalize(url)
    return ItemRecord(
        outlet=outlet,
        title=title,
        via="import",
        url=url,
        source=source,
        kind=kind,
        lead=text("lead"),
        text=text("text"),
        published_at=published_at,
        published_precision=precision,
        date_source="import" if published_at else None,
        seen_url=url,
    )


def import_file(
    store: Store,
    path: Path,
    query: Query,
    *,
    run_id: int | None,
    source: str | None = None,
    topical: bool = False,
) -> ImportReport:
    """Import ``path`` into ``store``; each good row is stored, each bad one recorded.

    With ``topical`` (a curated list about the dispute) every row is relevant; the topic
    terms that match are still recorded.
    """
    report = ImportReport()
    source = source or f"import:{path.name}"
    now = utcnow()
    good: list[tuple[int, ItemRecord]] = []
    for row in _rows(path):
        report.rows += 1
        try:
            good.append((row.line, _to_record(row, source)))
        except ValueError as exc:
            report.rejected.append((row.line, str(exc)))
    with store.transaction() as con:
        for _line, rec in good:
            verdict = judge(query, rec.title, rec.lead, rec.text)
            result = upsert_item(
                con, rec, now=now, run_id=run_id, relevant=verdict.relevant or topical,
                topic_terms=verdict.terms,
            )  # fmt: skip
            if result.created:
                report.created += 1
            elif result.new_version:
                report.updated += 1
            else:
                report.unchanged += 1
        for line, reason in report.rejected:
            record_reject(con, run_id, "import", source, f"{path}:{line}", reason)
    return report
