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
        # So that match_bm25 works without the analyst loading anything; only then, as loading
        # the extension costs more than the rest of a small query.
        if "fts_main_" in ctx.args.query.lower():
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
        print(text_table(names, rows[: ctx.args.limit]))
        if len(rows) > ctx.args.limit:
            print(f"(more than {ctx.args.limit} rows; use --limit or --csv)")
    return 0


#: The widest a cell is shown in table mode (the whole value is in --csv).
_CELL_CHARS = 60


def text_table(names: list[str], rows: list[tuple]) -> str:
    """Rows as aligned plain-text columns, like psql: a header, a rule, one line per row.

    Plain text rather than rich: importing rich costs more than the rest of a small query.
    """

    def cell(value: object) -> str:
        text = "" if value is None else " ".join(str(value).split())
        return text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"

    cells = [[str(n) for n in names], *([cell(v) for v in row] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(names))]

    def line(values: list[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(c) for c in cells[1:])])
