"""Load items that arrive outside the crawler: curated lists, archive exports (CSV or JSONL).

Columns: ``url, title, published, outlet`` and optionally ``text, lead, kind``. A row needs a
title and an outlet, and a URL or a date. Bad rows are reported with their line number and
skipped; good rows load. Importing the same file twice adds nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mediespor.danish_dates import MAX_YEAR, MIN_YEAR, parse_iso, parse_whole_date
from mediespor.date_interval import Precision, start_of
from mediespor.models import ITEM_KINDS, ItemRecord, StoredCounts
from mediespor.store.db import Store, utcnow
from mediespor.store.items import StoreRequest, store_items
from mediespor.store.runs import record_reject
from mediespor.topic.query import Query
from mediespor.topic.relevance import judge

KNOWN_COLUMNS = {"url", "title", "published", "outlet", "text", "lead", "kind"}
_KIND_ALIASES = {"tv": "video", "segment": "video", "tv-segment": "video", "blogpost": "blog",
                 "post": "blog", "pressemeddelelse": "press_release", "dagsorden": "agenda"}  # fmt: skip
_YEAR = re.compile(r"(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
#: Rows stored per set-wise write (one transaction holds them all).
IMPORT_BATCH = 1000
#: How a refused ``published`` value can be written instead.
_DATE_FORMS = "2017-06-29, 2017-06-29T14:32:00+02:00, 29. juni 2017, 2018-04, april 2018 or 2018"


@dataclass
class ImportReport(StoredCounts):
    """What an import did: the rows read, what storing the good ones did, the rows refused."""

    rows: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    line: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Published:
    """An import's ``published`` value read: the stored instant, its precision and its source.

    Coarse dates are stored as the first day of their span (:func:`date_interval.start_of`),
    never as a guessed day inside it.
    """

    value: datetime
    precision: Precision
    date_source: str


def parse_published(value: str) -> Published:
    """Read an import's ``published`` value; raise ``ValueError`` with the reason when refused.

    Accepted: ISO datetimes (naive ones are Copenhagen time), ISO days ``2018-04-12``, months
    ``2018-04``, years ``2018``, and Danish dates through :mod:`mediespor.danish_dates`
    (``29.06.2017``, ``29. juni 2017``, ``d. 29. juni 2017 kl. 20.30``, ``april 2018``). A Danish
    date's form is kept in ``date_source`` (``import:danish-text`` …) so analysts see where a
    date came from. Relative dates ("i går") are refused: an import has no reference time.
    """
    text = value.strip()
    if m := _YEAR.fullmatch(text):
        return Published(_coarse(int(m[1]), 1, Precision.YEAR), Precision.YEAR, "import")
    if m := _ISO_MONTH.fullmatch(text):
        if not 1 <= int(m[2]) <= 12:
            raise ValueError(f"there is no month {m[2]}")
        return Published(_coarse(int(m[1]), int(m[2]), Precision.MONTH), Precision.MONTH, "import")
    if _ISO_DATETIME.fullmatch(text):
        dt = parse_iso(text)
        if dt is None:
            raise ValueError("not a valid ISO date and time")
        _check_year(dt.year)
        return Published(dt, Precision.TIME, "import")
    found = parse_whole_date(text)
    source = "import" if found.form == "iso" else f"import:danish-{found.form}"
    return Published(found.value, Precision(found.precision), source)


def _coarse(year: int, month: int, precision: Precision) -> datetime:
    _check_year(year)
    return start_of(date(year, month, 1), precision)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year is outside {MIN_YEAR}–{MAX_YEAR}")


#: Longest field an import row may hold (a whole article's text fits many times over); a longer
#: one is skipped with its line instead of stopping the import (csv's own limit is 128 KiB).
MAX_FIELD_CHARS = 2_000_000
#: Decoding puts each undecodable byte in the text as a lone surrogate (``surrogateescape``);
#: a correctly decoded text never holds one, so finding one finds a bad byte.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class _Text:
    """A decoded file, with where its undecodable bytes were."""

    text: str
    encoding: str
    #: For each undecodable byte: (line, byte offset in the file, the byte).
    bad_bytes: list[tuple[int, int, int]]

    def bad_in(self, first: int, last: int) -> str | None:
        """Why lines ``first``..``last`` cannot be read, or None when they decode cleanly."""
        for line, offset, byte in self.bad_bytes:
            if first <= line <= last:
                example = " e.g. --encoding cp1252" if self.encoding == "UTF-8" else " --encoding"
                return (
                    f"byte 0x{byte:02x} at line {line}, byte offset {offset} is not valid "
                    f"{self.encoding} (if the file is in another encoding, import it with"
                    f"{example})"
                )
        return None


def _decode(raw: bytes, encoding: str) -> _Text:
    """Decode ``raw`` without ever failing; each bad byte is located by line and offset."""
    text = raw.decode(encoding, errors="surrogateescape")
    bom = codecs.lookup(encoding).name == "utf-8-sig"
    plain = "utf-8" if bom else encoding  # encoding with utf-8-sig would add a BOM per piece
    bad: list[tuple[int, int, int]] = []
    offset, done = 3 if bom and raw.startswith(codecs.BOM_UTF8) else 0, 0
    for m in _SURROGATE.finditer(text):
        # Byte offsets are counted incrementally so a file full of bad bytes stays linear.
        offset += len(text[done : m.start()].encode(plain, errors="surrogateescape"))
        line = text.count("\n", 0, m.start()) + 1
        bad.append((line, offset, ord(m.group()) - 0xDC00))
        offset += 1
        done = m.end()
    name = codecs.lookup(encoding).name
    return _Text(text, "UTF-8" if name in ("utf-8", "utf-8-sig") else name, bad)


def _rows(path: Path, encoding: str = "utf-8-sig") -> Iterator[_Row]:
    decoded = _decode(path.read_bytes(), encoding)
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        yield from _json_rows(decoded)
    else:
        yield from _csv_rows(decoded)


def _json_rows(decoded: _Text) -> Iterator[_Row]:
    # Lines end at "\n" only: JSON strings may hold U+2028 and other breaks str.splitlines sees.
    for n, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        if bad := decoded.bad_in(n, n):
            yield _Row(n, {"__error__": bad})
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


def _csv_rows(decoded: _Text) -> Iterator[_Row]:
    # Physical lines exactly as the csv reader counts them (its line_num).
    lines = io.StringIO(decoded.text, newline="").readlines()
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""))
    previous_limit = csv.field_size_limit()
    # csv's limit is process-wide: lifted (no field can be longer than the file) only while
    # this file is read, so a long field reaches the per-column check with its clear reason.
    csv.field_size_limit(max(previous_limit, len(decoded.text) + 1))
    try:
        header = set(reader.fieldnames or [])
        if not {"title", "outlet"} <= header:
            yield _Row(
                1, {"__error__": "the header must name at least the columns title and outlet"}
            )
            return
        start: int | None = reader.line_num + 1
        while start is not None:
            start = yield from _csv_rows_from(decoded, lines, reader.fieldnames, start)
    finally:
        csv.field_size_limit(previous_limit)


def _csv_rows_from(
    decoded: _Text, lines: list[str], fieldnames: Sequence[str], start: int
) -> Generator[_Row, None, int | None]:
    """The rows from physical line ``start`` on. Returns the line to read again from when a
    quote is never closed (it swallowed the rest of the file), else None."""
    reader = csv.DictReader(
        io.StringIO("".join(lines[start - 1 :]), newline=""), fieldnames=fieldnames
    )
    end = start - 1
    while True:
        first = end + 1
        try:
            obj = next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            end = start - 1 + reader.line_num
            yield _Row(first, {"__error__": f"not a valid CSV row ({exc})"})
            continue
        end = start - 1 + reader.line_num
        if first < end == len(lines) and _odd_quotes(lines, first, end):
            # Only the line where the quote opens is lost; the lines it swallowed are rows.
            why = decoded.bad_in(first, first) or (
                f"a quote opened on line {first} is never closed; that line is skipped and "
                "the lines after it are read again"
            )
            yield _Row(first, {"__error__": why})
            return first + 1
        yield _Row(first, _checked_csv_row(obj, decoded, lines, first, end))


#: A quote that opens a field: at the start of a line or right after a comma.
_OPENING_QUOTE = re.compile(r'(?:^|,)\s*"')


def _odd_quotes(lines: list[str], first: int, last: int) -> bool:
    """True when lines ``first``..``last`` hold an odd number of quote characters."""
    return sum(line.count('"') for line in lines[first - 1 : last]) % 2 == 1


def _checked_csv_row(
    obj: dict[str | None, Any], decoded: _Text, lines: list[str], first: int, last: int
) -> dict[str | None, Any]:
    """The row's values, or an ``__error__`` saying why the row (lines first..last) is bad."""
    if bad := decoded.bad_in(first, last):
        return {"__error__": bad}
    if _odd_quotes(lines, first, last) and (
        first < last or _OPENING_QUOTE.search(lines[first - 1])
    ):
        # A quote opened a field and never closed: it swallowed the rest of the file. (A quote
        # inside an unquoted field, as in 5", is a plain character to csv.)
        swallowed = f" (lines {first}–{last} were read as one row)" if first < last else ""
        return {"__error__": f"a quote opened on line {first} is never closed{swallowed}; "
                "close it and import again"}  # fmt: skip
    if None in obj:
        return {"__error__": "more fields than header columns"}
    return obj


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
        if len(value) > MAX_FIELD_CHARS:
            raise ValueError(
                f"column {key!r} holds {len(value):,} characters; at most {MAX_FIELD_CHARS:,} "
                "are imported"
            )
        if _SURROGATE.search(value) or "\x00" in value:
            raise ValueError(f"column {key!r} holds characters that are not text")
        return value or None

    title, outlet, url = text("title"), text("outlet"), text("url")
    if not title:
        raise ValueError("missing title")
    if not outlet:
        raise ValueError("missing outlet")
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise ValueError(f"url {url!r} is not an http(s) URL")
    published = None
    if raw_published := text("published"):
        try:
            published = parse_published(raw_published)
        except ValueError as exc:
            raise ValueError(
                f"published {raw_published!r} is not a date: {exc} (use {_DATE_FORMS})"
            ) from None
    if not url and published is None:
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
        published_at=published.value if published else None,
        published_precision=published.precision.value if published else None,
        date_source=published.date_source if published else None,
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
    encoding: str = "utf-8-sig",
) -> ImportReport:
    """Import ``path`` into ``store``; each good row is stored, each bad one recorded.

    With ``topical`` (a curated list about the dispute) every row is relevant; the topic
    terms that match are still recorded. ``encoding`` is the file's text encoding; bytes it
    cannot decode skip their row with the line and byte offset.
    """
    report = ImportReport()
    source = source or f"import:{path.name}"
    now = utcnow()
    good: list[tuple[int, ItemRecord]] = []
    for row in _rows(path, encoding):
        report.rows += 1
        try:
            good.append((row.line, _to_record(row, source)))
        except ValueError as exc:
            report.rejected.append((row.line, str(exc)))
    with store.transaction() as con:
        requests = []
        for _line, rec in good:
            verdict = judge(
                query, rec.title, rec.lead, rec.text,
                published=rec.published_at, precision=rec.published_precision,
            )  # fmt: skip
            relevant = verdict.relevant or topical
            requests.append(StoreRequest(rec, now, relevant, verdict.terms))
        for start in range(0, len(requests), IMPORT_BATCH):
            for result in store_items(con, requests[start : start + IMPORT_BATCH], run_id=run_id):
                report.count(result)
        for line, reason in report.rejected:
            record_reject(con, run_id, "import", source, f"{path}:{line}", reason)
    return report
