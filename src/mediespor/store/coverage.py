"""Which path each item came by, counted per outlet and month: where coverage may be missing.

A URL item's paths are every ``via`` that discovered it (``discoveries``: feed, sitemap,
Wayback, Common Crawl, …); an item read from a corpus has its corpus path; an item with neither
came from a curated list or an import. One item found by two paths counts once in each.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from mediespor.danish_dates import sql_local


@dataclass(frozen=True)
class PathCount:
    """Items of one outlet and month that came by one path (``via`` None: list or import)."""

    outlet: str
    month: str | None
    via: str | None
    items: int


_PATHS = """
WITH paths AS (
    SELECT i.item_id, d.via FROM items i JOIN discoveries d ON d.url = i.url
    UNION SELECT i.item_id, d.via FROM items i JOIN discoveries d ON d.url = i.original_url
    UNION SELECT item_id, via FROM item_corpus_records
)
SELECT i.outlet AS outlet, strftime({local}, '%Y-%m') AS month, p.via AS via,
    count(DISTINCT i.item_id)
FROM items i LEFT JOIN paths p USING (item_id)
WHERE {relevant}
GROUP BY 1, 2, 3 ORDER BY lower(outlet), outlet, month NULLS LAST, via NULLS LAST
"""


def path_counts(con: duckdb.DuckDBPyConnection, *, relevant_only: bool = True) -> list[PathCount]:
    """Items per outlet, month (Copenhagen) and path; relevant (or unjudged) items by default."""
    relevant = "i.is_relevant IS NOT FALSE" if relevant_only else "TRUE"
    sql = _PATHS.format(local=sql_local("i.published_at"), relevant=relevant)
    return [PathCount(o, m, v, n) for o, m, v, n in con.execute(sql).fetchall()]


@dataclass(frozen=True)
class PathTable:
    """Path counts pivoted: one row per outlet and month, one column per path."""

    paths: tuple[str | None, ...]
    rows: tuple[tuple[str, str | None, dict[str | None, int]], ...]

    def totals(self) -> dict[str | None, int]:
        """Items per path over all outlets and months."""
        out: dict[str | None, int] = {}
        for _outlet, _month, cells in self.rows:
            for via, n in cells.items():
                out[via] = out.get(via, 0) + n
        return out


def path_table(counts: list[PathCount]) -> PathTable:
    """Pivot ``counts`` (in outlet, month order) into rows of per-path cells."""
    paths = tuple(sorted({c.via for c in counts}, key=lambda v: (v is None, v or "")))
    rows: dict[tuple[str, str | None], dict[str | None, int]] = {}
    for c in counts:
        rows.setdefault((c.outlet, c.month), {})[c.via] = c.items
    return PathTable(paths, tuple((o, m, cells) for (o, m), cells in rows.items()))
