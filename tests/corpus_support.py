"""Parquet files with the documented schemas, written by the tests themselves (our own texts).

The Danish Gigaword / Dynaword schema: ``id``, ``text`` (headline, a Danish date line, the
body), ``source``, ``added``, ``created`` (a range, not a date).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

BODY = (
    "Kommunen har behandlet flere sager end sidste år, oplyser forvaltningen. "
    "Udvalget vil drøfte tallene på sit næste møde."
)


def corpus_row(n: int, title: str, dateline: str, body: str = BODY, source: str = "tv2r"):
    """One row: id, text, source, added, created."""
    return (f"{source}_{n}", f"{title}\n{dateline}\n{body}", source, "2019-11-13",
            "2015-01-01, 2020-01-01")  # fmt: skip


def write_corpus(path: Path, rows: list[tuple]) -> Path:
    """Write ``rows`` as a Parquet file with the Dynaword columns."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE c (id VARCHAR, text VARCHAR, source VARCHAR, added DATE, created VARCHAR)"
    )
    con.executemany("INSERT INTO c VALUES (?, ?, ?, ?, ?)", rows)
    con.execute(f"COPY c TO '{path}' (FORMAT parquet)")
    con.close()
    return path


def index_row(url: str, fetch_time: str, filename: str, offset: int, length: int) -> tuple:
    """One row of Common Crawl's columnar index with the documented columns."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    labels = host.split(".")
    return (url, labels[-1], ".".join(labels[-2:]), parts.path, fetch_time, filename, offset,
            length)  # fmt: skip


def write_index(path: Path, rows: list[tuple]) -> Path:
    """Write ``rows`` as a Parquet file with the columnar index's documented columns."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE i (url VARCHAR, url_host_tld VARCHAR, url_host_registered_domain VARCHAR,"
        " url_path VARCHAR, fetch_time TIMESTAMP, warc_filename VARCHAR,"
        " warc_record_offset INTEGER, warc_record_length INTEGER)"
    )
    con.executemany("INSERT INTO i VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute(f"COPY i TO '{path}' (FORMAT parquet)")
    con.close()
    return path
