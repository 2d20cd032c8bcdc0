"""Keep one analysis per item version in ``item_analysis`` and load them for linking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mediespor.link.analyse import Analysis, analyse_item
from mediespor.link.bulk import insert_rows
from mediespor.progress import Reporter
from mediespor.store.db import Store, utcnow

#: Bumped when the analyser's output changes, so cached analyses are redone.
ANALYSER_VERSION = "1"

_COLUMNS = {
    "item_id": "VARCHAR",
    "content_hash": "VARCHAR",
    "analyser": "VARCHAR",
    "local_date": "DATE",
    "title_stems": "VARCHAR[]",
    "body_stems": "VARCHAR[]",
    "amounts": "VARCHAR[]",
    "dates": "DATE[]",
    "analysed_at": "TIMESTAMPTZ",
}

_LOCAL_DATE = "CAST(i.published_at AT TIME ZONE 'Europe/Copenhagen' AS DATE)"


@dataclass(frozen=True)
class LoadedAnalyses:
    """The analyses of the items in scope, and how many had to be computed now."""

    by_item: dict[str, Analysis]
    analysed_now: int


def load_analyses(
    store: Store, reporter: Reporter | None = None, *, item_ids: list[str] | None = None
) -> LoadedAnalyses:
    """Analyses of all relevant items (or of ``item_ids``), computing only the stale ones."""
    con = store.con
    scope = "i.is_relevant" if item_ids is None else "i.item_id IN (SELECT unnest(?))"
    params: list[object] = [] if item_ids is None else [item_ids]
    fresh = (
        f"a.content_hash = i.content_hash AND a.analyser = '{ANALYSER_VERSION}'"
        f" AND a.local_date IS NOT DISTINCT FROM {_LOCAL_DATE}"
    )
    by_item: dict[str, Analysis] = {}
    cur = con.execute(
        "SELECT a.item_id, a.local_date, a.title_stems, a.body_stems, a.amounts, a.dates"
        f" FROM items i JOIN item_analysis a ON a.item_id = i.item_id WHERE {scope} AND {fresh}",
        params,
    )
    while batch := cur.fetchmany(20_000):
        for item_id, local, ts, bs, am, ds in batch:
            by_item[item_id] = Analysis(local, tuple(ts), tuple(bs), tuple(am), tuple(ds))
    stale = con.execute(
        "SELECT i.item_id, i.content_hash, i.title, i.lead, i.text, i.published_at"
        f" FROM items i LEFT JOIN item_analysis a ON a.item_id = i.item_id"
        f" WHERE {scope} AND NOT coalesce({fresh}, FALSE) ORDER BY i.item_id",
        params,
    ).fetchall()
    if not stale:
        return LoadedAnalyses(by_item, 0)
    now = utcnow()
    rows = []
    if reporter is not None:
        with reporter.stage("link_analyse", total=len(stale)) as st:
            for n, row in enumerate(stale, 1):
                rows.append(_analyse_row(row, by_item, now))
                if n % 5000 == 0 or n == len(stale):
                    st.advance(5000 if n % 5000 == 0 else n % 5000)
    else:
        rows = [_analyse_row(row, by_item, now) for row in stale]
    with store.transaction() as tx:
        tx.execute(
            "DELETE FROM item_analysis WHERE item_id IN (SELECT unnest(?))",
            [[r["item_id"] for r in rows]],
        )
        insert_rows(tx, "item_analysis", _COLUMNS, rows)
    return LoadedAnalyses(by_item, len(rows))


def _analyse_row(row: tuple, by_item: dict[str, Analysis], now) -> dict[str, object]:
    item_id, chash, title, lead, text, published_at = row
    a = analyse_item(title, lead, text, published_at)
    by_item[item_id] = a
    return {
        "item_id": item_id,
        "content_hash": chash,
        "analyser": ANALYSER_VERSION,
        "local_date": _iso(a.local_date),
        "title_stems": list(a.title_stems),
        "body_stems": list(a.body_stems),
        "amounts": list(a.amounts),
        "dates": [d.isoformat() for d in a.dates],
        "analysed_at": now.isoformat(),
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
