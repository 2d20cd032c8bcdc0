"""Reproducible exports of items, events and links (Parquet, CSV, JSON lines).

Same database, same bytes: columns in a fixed order, rows sorted by their keys, one writer
thread. Parquet can be partitioned by outlet and year for tools that prune by folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import duckdb

ExportFormat = Literal["parquet", "csv", "jsonl"]

ITEM_COLUMNS = (
    "item_id", "url", "original_url", "archive_url", "source", "outlet", "kind", "title", "lead",
    "text", "published_at", "published_date", "published_precision", "modified_at", "date_source",
    "authors", "section", "language", "duration_s", "first_seen", "last_seen", "content_hash",
    "is_relevant", "topic_terms",
)  # fmt: skip
EVENT_COLUMNS = (
    "event_id", "date_start", "date_end", "title", "description", "kind", "keywords", "source_url",
)  # fmt: skip
LINK_COLUMNS = ("item_id", "event_id", "score", "status", "reasons", "decided_by", "decided_at")


@dataclass(frozen=True)
class ExportReport:
    """What was written where."""

    files: dict[str, Path]
    rows: dict[str, int]


def _copy_options(fmt: ExportFormat, partition: bool) -> str:
    if fmt == "parquet":
        opts = "FORMAT parquet, COMPRESSION zstd"
        if partition:
            opts += ", PARTITION_BY (outlet, year), OVERWRITE_OR_IGNORE true"
        return opts
    if fmt == "csv":
        return "FORMAT csv, HEADER true"
    return "FORMAT json"


def export(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    fmt: ExportFormat,
    *,
    relevant_only: bool = False,
    since: date | None = None,
    partition: bool = False,
) -> ExportReport:
    """Write ``items``, ``events`` and ``item_events`` to ``out_dir`` in ``fmt``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con.execute("SET threads = 1")  # one writer: deterministic row and file order
    where = ["TRUE"]
    params: list[object] = []
    if relevant_only:
        where.append("is_relevant")
    if since is not None:
        # A month or year reaching past ``since`` is kept: its span, not its first day, counts.
        where.append(
            "(published_at >= CAST(? AS DATE)"
            " OR (published_precision = 'month' AND published_at + INTERVAL 1 MONTH > CAST(? AS DATE))"
            " OR (published_precision = 'year' AND published_at + INTERVAL 1 YEAR > CAST(? AS DATE)))"
        )
        params.extend([since] * 3)
    item_sql = (
        f"SELECT {', '.join(ITEM_COLUMNS)} FROM items WHERE {' AND '.join(where)}"
        " ORDER BY published_at NULLS LAST, item_id"
    )
    if partition and fmt == "parquet":
        item_sql = (
            "SELECT *, coalesce(CAST(year(published_at) AS VARCHAR), 'udateret') AS year"
            f" FROM ({item_sql})"
        )
    link_sql = (
        f"SELECT {', '.join('l.' + c for c in LINK_COLUMNS)} FROM item_events l"
        f" WHERE l.item_id IN (SELECT item_id FROM ({item_sql}))"
        " ORDER BY l.item_id, l.event_id"
    )
    event_sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY date_start, event_id"
    ext = {"parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}[fmt]
    files: dict[str, Path] = {}
    rows: dict[str, int] = {}
    for name, sql, args, can_partition in (
        ("items", item_sql, params, True),
        ("events", event_sql, [], False),
        ("item_events", link_sql, params, False),
    ):
        target = out_dir / (name if (partition and can_partition and fmt == "parquet") else
                            f"{name}.{ext}")  # fmt: skip
        opts = _copy_options(fmt, partition and can_partition)
        path_sql = str(target).replace("'", "''")
        con.execute(f"COPY ({sql}) TO '{path_sql}' ({opts})", args)
        rows[name] = int(con.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0])
        files[name] = target
    con.execute("RESET threads")
    return ExportReport(files, rows)
