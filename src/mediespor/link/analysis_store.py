"""Keep one analysis per item version in ``item_analysis`` and stream them for linking.

Analyses are computed in chunks and read back in chunks, so linking 100,000 items never holds
all their stems in memory at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from mediespor.danish_dates import sql_local
from mediespor.link.analyse import Analysis, analyse_item, term_bag
from mediespor.link.bulk import IN_IDS, ids_param, insert_rows
from mediespor.progress import Reporter
from mediespor.store.db import Store, utcnow

#: Bumped when the analyser's output changes, so cached analyses are redone.
ANALYSER_VERSION = "2"
CHUNK = 10_000

_COLUMNS = {
    "item_id": "VARCHAR",
    "content_hash": "VARCHAR",
    "analyser": "VARCHAR",
    "local_date": "DATE",
    "precision": "VARCHAR",
    "title_stems": "VARCHAR",
    "body_stems": "VARCHAR",
    "terms": "VARCHAR",
    "amounts": "VARCHAR",
    "dates": "VARCHAR",
    "analysed_at": "TIMESTAMPTZ",
}

# The Copenhagen calendar day, computed in DuckDB: converting TIMESTAMPTZ values to Python
# datetimes costs more than the whole analysis.
_LOCAL_DATE = f"CAST({sql_local('i.published_at')} AS DATE)"
_FRESH = (
    f"a.content_hash = i.content_hash AND a.analyser = '{ANALYSER_VERSION}'"
    f" AND a.local_date IS NOT DISTINCT FROM {_LOCAL_DATE}"
    " AND a.precision IS NOT DISTINCT FROM i.published_precision"
)


def _scope(item_ids: list[str] | None) -> tuple[str, list[object]]:
    if item_ids is None:
        return "i.is_relevant", []
    return f"i.item_id IN {IN_IDS}", [ids_param(item_ids)]


def refresh_analyses(
    store: Store, reporter: Reporter | None = None, *, item_ids: list[str] | None = None
) -> int:
    """Analyse the relevant items (or ``item_ids``) whose cached analysis is missing or stale.

    Stale items are read through a second cursor in chunks and each chunk is written in its
    own transaction, so a killed run keeps what it analysed and memory stays flat.
    """
    where, params = _scope(item_ids)
    stale_sql = (
        f"FROM items i LEFT JOIN item_analysis a ON a.item_id = i.item_id WHERE {where}"
        f" AND NOT coalesce({_FRESH}, FALSE)"
    )
    total = store.con.execute(f"SELECT count(*) {stale_sql}", params).fetchone()[0]
    if not total:
        return 0
    cur = store.con.cursor()
    stage_cm = reporter.stage("link_analyse", total=total) if reporter is not None else None
    stage = stage_cm.__enter__() if stage_cm is not None else None
    try:
        cur.execute(
            f"SELECT i.item_id, i.content_hash, i.title, i.lead, i.text, {_LOCAL_DATE},"
            f" i.published_precision, a.item_id IS NOT NULL {stale_sql} ORDER BY i.item_id",
            params,
        )
        while batch := cur.fetchmany(CHUNK):
            _analyse_chunk(store, batch)
            if stage is not None:
                stage.advance(len(batch))
    finally:
        cur.close()
        if stage_cm is not None:
            stage_cm.__exit__(None, None, None)
    return int(total)


def _analyse_chunk(store: Store, rows: list[tuple]) -> None:
    now = utcnow().isoformat()
    out = []
    replaced = []
    for item_id, chash, title, lead, text, local, precision, cached in rows:
        a = analyse_item(title, lead, text, local, precision)
        if cached:
            replaced.append(item_id)
        out.append(
            {
                "item_id": item_id,
                "content_hash": chash,
                "analyser": ANALYSER_VERSION,
                "local_date": local.isoformat() if local else None,
                "precision": precision,
                "title_stems": " ".join(a.title_stems),
                "body_stems": " ".join(a.body_stems),
                "terms": " ".join(term_bag(a)),
                "amounts": " ".join(a.amounts),
                "dates": " ".join(d.isoformat() for d in a.dates),
                "analysed_at": now,
            }
        )
    with store.transaction() as tx:
        if replaced:
            tx.execute(
                f"DELETE FROM item_analysis WHERE item_id IN {IN_IDS}", [ids_param(replaced)]
            )
        insert_rows(tx, "item_analysis", _COLUMNS, out)


def iter_analyses(
    store: Store, *, item_ids: list[str] | None = None
) -> Iterator[tuple[str, Analysis]]:
    """Cached analyses of the relevant items (or ``item_ids``) in item-id order.

    Reads through its own cursor, so the caller may write to the store while iterating.
    """
    where, params = _scope(item_ids)
    cur = store.con.cursor()
    try:
        cur.execute(
            "SELECT a.item_id, a.local_date, a.title_stems, a.body_stems, a.amounts, a.dates,"
            " a.precision"
            f" FROM items i JOIN item_analysis a ON a.item_id = i.item_id WHERE {where}"
            " ORDER BY a.item_id",
            params,
        )
        while batch := cur.fetchmany(CHUNK):
            for item_id, local, ts, bs, am, ds, precision in batch:
                yield (
                    item_id,
                    Analysis(
                        local,
                        tuple(ts.split()),
                        tuple(bs.split()),
                        tuple(am.split()),
                        tuple(date.fromisoformat(d) for d in ds.split()),
                        precision,
                    ),
                )
    finally:
        cur.close()


def document_frequencies(store: Store) -> tuple[dict[str, int], int]:
    """How many relevant items contain each term, and how many relevant items have analyses.

    Computed inside DuckDB from the cached term bags, so no item is loaded into Python.
    """
    n = store.con.execute(
        "SELECT count(*) FROM items i JOIN item_analysis a ON a.item_id = i.item_id"
        " WHERE i.is_relevant"
    ).fetchone()[0]
    rows = store.con.execute(
        "SELECT term, count(*) FROM (SELECT DISTINCT a.item_id,"
        " unnest(string_split(a.terms, ' ')) AS term FROM items i JOIN item_analysis a"
        " ON a.item_id = i.item_id WHERE i.is_relevant AND a.terms <> '') GROUP BY term"
    ).fetchall()
    return dict(rows), int(n)


def load_analyses(store: Store, *, item_ids: list[str] | None = None) -> dict[str, Analysis]:
    """Refresh and return the analyses of ``item_ids`` (for small sets: explain, tests)."""
    refresh_analyses(store, item_ids=item_ids)
    return dict(iter_analyses(store, item_ids=item_ids))
