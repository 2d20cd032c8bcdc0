"""Common Crawl's columnar URL index: one SQL query finds a crawl's pages on the dispute.

The index is Parquet, one table per crawl (``cc-index/table/cc-main/warc/crawl=…/subset=warc``),
with the columns ``url``, ``url_host_tld``, ``url_host_registered_domain``, ``url_path``,
``fetch_time``, ``warc_filename``, ``warc_record_offset`` and ``warc_record_length`` among
others. DuckDB reads it locally or over HTTPS and pushes the host, path and topic filters down,
so only matching rows come back. Each URL becomes one candidate carrying its WARC location; the
crawl stage fetches the record by byte range (:func:`mediespor.discover.commoncrawl.fetch_record`).

The same query runs unchanged on Athena or Spark over ``s3://commoncrawl/cc-index/table/…``
when one machine is not enough (docs/sources.md).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time

from mediespor.config.sources import CommonCrawlIndexSource
from mediespor.discover.base import safe_canonical, since_datetime
from mediespor.discover.parquet import query_rows, scan
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.progress import fields
from mediespor.topic import Query
from mediespor.topic.sql import SqlCondition, sql_condition

log = logging.getLogger(__name__)
#: The documented columns the query reads.
COLUMNS = (
    "url", "url_host_registered_domain", "fetch_time", "warc_filename", "warc_record_offset",
    "warc_record_length",
)  # fmt: skip


@dataclass(frozen=True)
class IndexRow:
    """One capture found in the columnar index."""

    url: str
    domain: str | None
    fetch_time: datetime | None
    filename: str
    offset: int
    length: int


def index_sql(
    cfg: CommonCrawlIndexSource, prefilter: Query | None, since: datetime | None
) -> SqlCondition:
    """The query over the index files: host, path, time and topic filters, one row per URL."""
    # A row without a URL or a record location is of no use (and never a crash).
    where = [
        "url IS NOT NULL AND warc_filename IS NOT NULL AND warc_record_offset IS NOT NULL"
        " AND warc_record_length IS NOT NULL"
    ]
    params: list[object] = [list(cfg.index)]
    if cfg.domains:
        where.append(f"url_host_registered_domain IN ({', '.join('?' for _ in cfg.domains)})")
        params += cfg.domains
    if cfg.tld:
        where.append("url_host_tld = ?")
        params.append(cfg.tld)
    if cfg.path_pattern:
        where.append("regexp_matches(url_path, ?)")
        params.append(cfg.path_pattern)
    if prefilter is not None:
        cond = sql_condition(prefilter, "url_path")
        where.append(cond.sql)
        params += cond.params
    start = since_datetime(since, cfg.from_date)
    if start is not None:
        where.append("fetch_time >= ?")
        params.append(start.astimezone(UTC).replace(tzinfo=None))
    if cfg.to_date is not None:
        where.append("fetch_time < ? + INTERVAL 1 DAY")
        params.append(datetime.combine(cfg.to_date, time(0)))
    sql = (
        f"SELECT {', '.join(COLUMNS)} FROM read_parquet(?)"
        f" WHERE {' AND '.join(where)}"
        # The first capture of each URL: one candidate per page, however often it was crawled.
        " QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetch_time, warc_filename) = 1"
        f" ORDER BY url LIMIT {cfg.max_records + 1}"
    )
    return SqlCondition(sql, params)  # type: ignore[arg-type]


def read_index(
    cfg: CommonCrawlIndexSource, prefilter: Query | None, since: datetime | None
) -> list[IndexRow]:
    """The index rows the query keeps."""
    return _rows(query_rows(index_sql(cfg, prefilter, since)))


def _rows(rows: list[tuple]) -> list[IndexRow]:
    return [IndexRow(str(u), d, t, str(f), int(o), int(n)) for u, d, t, f, o, n in rows]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@discovery
async def discover(
    walker: SourceWalk[CommonCrawlIndexSource], prefilter: Query | None = None
) -> None:
    """Query the index files; each matching URL becomes a candidate with its WARC location."""
    cfg = walker.cfg
    query = None if cfg.topical else prefilter
    found = await scan(
        index_sql(cfg, query, walker.since), walker.result, what="index", where=cfg.index[0],
        cap=cfg.max_records,
    )  # fmt: skip
    data = cfg.data_endpoint.rstrip("/")
    for row in _rows(found or []):
        url = safe_canonical(row.url)
        if url is None or row.offset < 0 or row.length <= 0:
            walker.problem(row.url[:200], "index row without a usable URL or range")
            continue
        if walker.repeat(url):
            continue
        captured = _utc(row.fetch_time)
        walker.emit(
            url,
            # A search over a whole TLD finds many outlets: each keeps its own lane.
            outlet=cfg.outlet if cfg.domains else (row.domain or None),
            # No fetch_url: only the record's byte range may be downloaded.
            extra={
                "warc_url": f"{data}/{row.filename}",
                "filename": row.filename,
                "offset": row.offset,
                "length": row.length,
                "captured_at": captured.isoformat() if captured else None,
            },
        )
    log.info(
        "commoncrawl_index", extra=fields(source=cfg.name, found=len(walker.result.candidates))
    )
