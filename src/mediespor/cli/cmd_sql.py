"""``mediespor sql``: run a query and print the result, for people without the duckdb CLI."""

from __future__ import annotations

import csv
import sys

from mediespor.cli.main import Context, new_subparser
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "sql",
        "Run a SQL query on the database and print the result as a table or CSV.",
        '  mediespor sql "SELECT * FROM v_coverage_by_week"\n'
        '  mediespor sql --csv "SELECT title, url FROM items WHERE is_relevant" > relevant.csv\n'
        "  mediespor sql \"SELECT title, fts_main_items.match_bm25(item_id, 'førtidspension') AS s"
        ' FROM items WHERE s IS NOT NULL ORDER BY s DESC"\n',
    )
    p.add_argument("query", help="the SQL to run")
    p.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    p.add_argument("--limit", type=int, default=200, help="rows to show in table mode")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Run the query read-only."""
    import duckdb

    from mediespor.store.fts import load_fts

    with ctx.reading() as store:
        # So that match_bm25 works in queries without the analyst loading anything.
        load_fts(store.con)
        try:
            cur = store.con.execute(ctx.args.query)
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {exc}") from None
        if cur.description is None:
            return 0
        names = [d[0] for d in cur.description]
        if ctx.args.csv:
            w = csv.writer(sys.stdout, lineterminator="\n")
            w.writerow(names)
            while batch := cur.fetchmany(10_000):
                w.writerows(batch)
            return 0
        rows = cur.fetchmany(ctx.args.limit + 1)
        from rich.console import Console
        from rich.table import Table

        table = Table(*names)
        for row in rows[: ctx.args.limit]:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console(width=160).print(table)
        if len(rows) > ctx.args.limit:
            print(f"(more than {ctx.args.limit} rows; use --limit or --csv)")
    return 0
