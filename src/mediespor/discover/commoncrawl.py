"""Common Crawl: its URL index finds captures, byte-range requests fetch single WARC records.

For pages that are gone from the web and missing from the Wayback Machine. Discovery asks the
index (``<index_endpoint>/<crawl>-index?url=…&output=json``) and returns candidates whose
``extra`` records crawl, WARC filename, offset and length; :func:`fetch_record` then fetches just
that record with a ``Range`` header and unwraps the archived HTTP response. The candidates
carry no ``fetch_url`` on purpose: a plain GET of a WARC file would download gigabytes.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from mediespor.config.sources import CommonCrawlSource
from mediespor.discover.base import Getter, fetch_problem, safe_canonical
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.discover.wayback import capture_time
from mediespor.failures import FailureKind
from mediespor.models import Candidate, FetchResult
from mediespor.progress import fields

log = logging.getLogger(__name__)
#: How WARC files are served: Common Crawl's data server as a generic binary file.
WARC_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "application/warc"})


@dataclass(frozen=True)
class IndexRecord:
    """One capture in a Common Crawl index."""

    url: str
    timestamp: str
    filename: str
    offset: int
    length: int
    status: str | None = None
    mime: str | None = None
    digest: str | None = None


@dataclass
class IndexPage:
    """The records of one index answer and the lines that could not be read."""

    records: list[IndexRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def parse_index_lines(text: str) -> IndexPage:
    """Parse the index's JSON-lines answer; unreadable lines are reported, not fatal."""
    page = IndexPage()
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
            rec = IndexRecord(
                url=str(obj["url"]),
                timestamp=str(obj["timestamp"]),
                filename=str(obj["filename"]),
                offset=int(obj["offset"]),
                length=int(obj["length"]),
                status=obj.get("status"),
                mime=obj.get("mime"),
                digest=obj.get("digest"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            page.problems.append(f"index line {n} unreadable: {type(exc).__name__}")
            continue
        if rec.offset < 0 or rec.length <= 0:
            page.problems.append(f"index line {n} has a bad offset/length")
            continue
        page.records.append(rec)
    return page


def index_url(
    cfg: CommonCrawlSource, crawl: str, *, page: int | None, num_pages: bool = False
) -> str:
    """The index query URL for one crawl (or its page count)."""
    params = [("url", cfg.url), ("output", "json")]
    if num_pages:
        params.append(("showNumPages", "true"))
    elif page is not None:
        params.append(("page", str(page)))
    return f"{cfg.index_endpoint.rstrip('/')}/{crawl}-index?{urlencode(params)}"


def _num_pages(body: str) -> int | None:
    try:
        obj = json.loads(body)
        return int(obj["pages"]) if isinstance(obj, dict) else int(obj)
    except (ValueError, KeyError, TypeError):
        return None


@discovery
async def discover(walker: SourceWalk[CommonCrawlSource]) -> None:
    """Look the source's URL up in each configured crawl's index."""
    cfg = walker.cfg
    for crawl in cfg.crawls:
        res = await walker.get(index_url(cfg, crawl, page=None, num_pages=True))
        pages = _num_pages(res.text()) if res.ok else None
        # Not every index server answers showNumPages; one plain page still works.
        for page_no in range(1 if pages is None else pages):
            url = index_url(cfg, crawl, page=page_no)
            res = await walker.get(url)
            if res.status == 404:
                break  # the index server's answer for "no captures"
            if not walker.usable(url, res):
                break
            page = parse_index_lines(res.text())
            walker.problems(url, page.problems)
            walker.stats.entries += len(page.records)
            if _emit_records(walker, crawl, page.records):
                return
        log.info(
            "commoncrawl_index",
            extra=fields(source=cfg.name, crawl=crawl, found=len(walker.result.candidates)),
        )


def _emit_records(
    walker: SourceWalk[CommonCrawlSource], crawl: str, records: list[IndexRecord]
) -> bool:
    """Emit the records' pages as candidates; True once ``max_records`` is reached."""
    cfg, st = walker.cfg, walker.stats
    pattern = re.compile(cfg.url_pattern) if cfg.url_pattern else None
    since = walker.cutoff()
    data = cfg.data_endpoint.rstrip("/")
    for rec in records:
        if (rec.status and rec.status != "200") or (rec.mime and "html" not in rec.mime):
            st.filtered += 1
            continue
        original = safe_canonical(rec.url)
        if original is None or (pattern and not pattern.search(original)):
            st.filtered += 1
            continue
        captured = capture_time(rec.timestamp)
        if since and captured and captured < since:
            st.too_old += 1
            continue
        if walker.repeat(original):
            continue
        # No fetch_url: the WARC file is gigabytes; only fetch_record's byte range may
        # download from it.
        walker.emit(
            original,
            extra={
                "warc_url": f"{data}/{rec.filename}",
                "crawl": crawl,
                "filename": rec.filename,
                "offset": rec.offset,
                "length": rec.length,
                "digest": rec.digest,
                "timestamp": rec.timestamp,
                "captured_at": captured.isoformat() if captured else None,
            },
        )
        if len(walker.result.candidates) >= cfg.max_records:
            st.stopped = f"max_records ({cfg.max_records}) reached"
            return True
    return False


def unwrap_warc_record(data: bytes, *, expect_url: str | None = None) -> FetchResult:
    """The archived HTTP response inside one (gzipped) WARC response record, as a FetchResult.

    Raises ValueError when the bytes are not a WARC response record (or not for ``expect_url``).
    """
    try:
        records = ArchiveIterator(io.BytesIO(data))
        record = next(iter(records), None)
        if record is None:
            raise ValueError("no WARC record in the fetched range")
        # warcio reads any line of words as a legacy ARC header; Common Crawl writes WARC only.
        if not record.format.startswith("warc"):
            raise ValueError("not a WARC record")
        if record.rec_type != "response":
            raise ValueError(f"WARC record is a {record.rec_type!r}, not a response")
        target = record.rec_headers.get_header("WARC-Target-URI")
        if expect_url and target and safe_canonical(target) != safe_canonical(expect_url):
            raise ValueError(f"WARC record is for {target}, not {expect_url}")
        http = record.http_headers
        if http is None:
            raise ValueError("WARC response record without an HTTP response")
        status = int(http.get_statuscode())
        headers = {k.lower(): v for k, v in http.headers}
        body = record.content_stream().read()
    except ArchiveLoadFailed as exc:
        raise ValueError(f"not a WARC record: {exc}") from None
    warc_date = record.rec_headers.get_header("WARC-Date")
    try:
        captured_at = (
            datetime.fromisoformat(warc_date.replace("Z", "+00:00")) if warc_date else None
        )
    except ValueError:
        captured_at = None
    ctype = headers.get("content-type", "")
    charset = None
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None
    return FetchResult(
        url=target or (expect_url or ""),
        final_url=target,
        status=status,
        fetched_at=datetime.now(UTC),
        captured_at=captured_at,
        headers=headers,
        body=body,
        content_type=ctype.split(";")[0].strip() or None,
        encoding=charset,
    )


async def fetch_record(getter: Getter, candidate: Candidate) -> FetchResult:
    """Fetch one Common Crawl WARC record by byte range and return the page it archived.

    A failed or unusable fetch comes back as a FetchResult with ``error_kind`` set, never raised.
    """
    extra = candidate.extra
    offset, length = int(extra["offset"]), int(extra["length"])
    url = str(extra.get("warc_url") or "")
    rng = f"bytes={offset}-{offset + length - 1}"
    res = await getter.get(
        url, source=candidate.source, conditional=False, headers={"Range": rng},
        extra_types=WARC_TYPES,
    )  # fmt: skip

    def failed(kind: FailureKind, why: str) -> FetchResult:
        return FetchResult(
            url=candidate.url,
            final_url=None,
            status=res.status,
            fetched_at=res.fetched_at,
            error_kind=kind,
            error=why,
            fetch_id=res.fetch_id,
        )

    problem = fetch_problem(res)
    if problem or not res.ok:
        # Keep the fetcher's kind: a timeout is worth another try, a 404 of the file is not.
        return failed(res.error_kind or FailureKind.FETCH, problem or "no body")
    body = res.body or b""
    if res.status == 200 and len(body) != length:
        # The server ignored Range and sent the whole file; slice the record out of it.
        body = body[offset : offset + length]
    try:
        page = unwrap_warc_record(body, expect_url=candidate.url)
    except ValueError as exc:
        return failed(FailureKind.WARC, str(exc))
    return FetchResult(
        url=candidate.url,
        final_url=page.final_url,
        status=page.status,
        # Our download time: it is when the item was first seen. The capture time is kept
        # apart and read as the page's reference time (reference_time.py).
        fetched_at=res.fetched_at,
        captured_at=page.captured_at,
        headers=page.headers,
        body=page.body,
        content_type=page.content_type,
        encoding=page.encoding,
        fetch_id=res.fetch_id,
    )
