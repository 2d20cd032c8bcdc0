"""Licensed text corpora in Parquet (the Danish Dynaword ``tv2r`` section and the like).

DuckDB reads the Parquet file (a local path or glob, an https:// or hf:// URL) and applies the
topic pre-filter in SQL, so only likely rows come into Python. Each row's text begins with the
headline and a Danish date line (``02 april 2017 kl. 17.58``); :func:`split_row` takes them
apart with :mod:`mediespor.danish_dates`. Rows become list-only items (there is no page to
fetch), each carrying the corpus, its record id and its license as evidence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from mediespor.config.sources import CorpusSource
from mediespor.danish_dates import parse_whole_date
from mediespor.discover.parquet import query_rows, quote, scan
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.models import CorpusRef, ItemRecord
from mediespor.progress import fields
from mediespor.topic import Query
from mediespor.topic.sql import SqlCondition, sql_condition

log = logging.getLogger(__name__)
#: How far into a row the date line may sit (a headline may wrap over two lines).
DATE_LINE_WITHIN = 4
DATE_SOURCE = "date_line"


@dataclass(frozen=True)
class CorpusText:
    """A corpus row's text taken apart."""

    title: str | None
    published_at: datetime | None
    precision: str | None
    body: str


def split_row(text: str) -> CorpusText:
    """Headline, date line and body of a corpus text; undated when no date line is found.

    The headline is every line before the first line that is exactly one Danish date; the body
    is what follows it. Without such a line near the top, the first line is the headline.
    """
    lines = text.splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()][: DATE_LINE_WITHIN + 1]
    for n, i in enumerate(nonblank):
        if n == 0:
            continue
        try:
            when = parse_whole_date(lines[i])
        except ValueError:
            continue
        title = " ".join(lines[j].strip() for j in nonblank[:n])
        return CorpusText(title, when.value, when.precision, "\n".join(lines[i + 1 :]).strip())
    if not nonblank:
        return CorpusText(None, None, None, "")
    first = nonblank[0]
    return CorpusText(lines[first].strip(), None, None, "\n".join(lines[first + 1 :]).strip())


def corpus_sql(cfg: CorpusSource, condition: SqlCondition) -> SqlCondition:
    """The query that reads the matching rows of the corpus, at most ``max_records``."""
    ident, text, src = quote(cfg.id_column), quote(cfg.text_column), quote(cfg.source_column)
    where = [condition.sql]
    params: list[object] = [cfg.path, *condition.params]
    if cfg.sources:
        where.append(f"{src} IN ({', '.join('?' for _ in cfg.sources)})")
        params += cfg.sources
    sql = (
        f"SELECT CAST({ident} AS VARCHAR), {text} FROM read_parquet(?)"
        f" WHERE {' AND '.join(where)} ORDER BY 1 LIMIT {cfg.max_records + 1}"
    )
    return SqlCondition(sql, params)  # type: ignore[arg-type]


def read_rows(cfg: CorpusSource, prefilter: Query | None) -> list[tuple[str, str]]:
    """The (record id, text) rows of the corpus that may match ``prefilter`` (all when None)."""
    return _rows(query_rows(_query(cfg, prefilter)))


def _query(cfg: CorpusSource, prefilter: Query | None) -> SqlCondition:
    text = quote(cfg.text_column)
    condition = sql_condition(prefilter, text) if prefilter else SqlCondition("TRUE")
    return corpus_sql(cfg, condition)


def _rows(rows: list[tuple]) -> list[tuple[str, str]]:
    return [(str(i), t or "") for i, t in rows]


def to_record(cfg: CorpusSource, record_id: str, text: str) -> ItemRecord:
    """The item a corpus row stands for, with its evidence."""
    parts = split_row(text)
    ref = CorpusRef(cfg.corpus, record_id, cfg.license, cfg.attribution)
    provenance: dict[str, object] = {
        "corpus": cfg.corpus, "record_id": record_id, "license": cfg.license,
    }  # fmt: skip
    if parts.published_at is None:
        provenance["undated"] = "no Danish date line after the headline"
    return ItemRecord(
        outlet=cfg.outlet,
        title=parts.title,
        via=cfg.kind,
        source=cfg.name,
        text=parts.body or None,
        published_at=parts.published_at,
        published_precision=parts.precision,
        date_source=DATE_SOURCE if parts.published_at else None,
        language="da",
        provenance=provenance,
        corpus_ref=ref,
    )


def _matches(prefilter: Query | None, record: ItemRecord) -> bool:
    if prefilter is None:
        return True
    text = "\n".join(p for p in (record.title, record.text) if p)
    return prefilter.match(text)[0]


@discovery
async def discover(walker: SourceWalk[CorpusSource], prefilter: Query | None = None) -> None:
    """Read the corpus rows the topic pre-filter keeps (all rows of a topical source)."""
    cfg = walker.cfg
    query = None if cfg.topical else prefilter
    cutoff = walker.cutoff()
    found = await scan(
        _query(cfg, query), walker.result, what="corpus", where=cfg.path, cap=cfg.max_records
    )
    rows = _rows(found or [])
    for record_id, text in rows:
        record = to_record(cfg, record_id, text)
        if not record.title:
            walker.problem(f"{cfg.corpus}#{record_id}", "empty text")
            continue
        if not _matches(query, record):
            walker.stats.filtered += 1
            continue
        if cutoff and record.published_at and record.published_at < cutoff:
            walker.stats.too_old += 1
            continue
        walker.result.records.append(record)
    log.info(
        "discover_corpus",
        extra=fields(source=cfg.name, rows=len(rows), items=len(walker.result.records)),
    )
