"""``mediespor status``: what the database holds and how the last runs went."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mediespor.cli.main import Context, new_subparser
from mediespor.discover.kinds import path_label
from mediespor.errors import UsageError
from mediespor.health import NEEDS_DATE_HINT, items_needing_date, source_health
from mediespor.store.coverage import PathTable, path_counts, path_table
from mediespor.store.db import utcnow
from mediespor.store.publish import reading, working_copy_problem


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "status",
        "Show items per outlet, relevant items, events, links and the last runs.",
        "  mediespor status\n  mediespor status --runs 20\n",
    )
    p.add_argument("--runs", type=int, default=5, help="how many recent runs to show")
    p.add_argument(
        "--paths",
        action="store_true",
        help="per outlet and month, how many relevant items came by which path"
        " (feed, sitemap, Wayback, corpus, index, list)",
    )
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Print the status tables."""
    if not ctx.paths.db.exists():
        raise UsageError(f"{ctx.paths.db} does not exist yet; run 'mediespor run' first")
    console = Console(width=120)
    problem = working_copy_problem(ctx.paths.db)
    if problem is not None:
        # The published copy below is intact, but no run can write until this is repaired.
        console.print(
            f"[bold red]working database damaged[/]: {escape(problem)}. Every run will stop with "
            "exit 4 until it is restored: mediespor check --repair",
            markup=True,
            highlight=False,
        )
    with reading(ctx.paths.db) as store:
        con = store.con
        t = Table(title="Items per outlet")
        for col in ("outlet", "items", "relevant", "undated", "first", "last"):
            t.add_column(col)
        rows = con.execute(
            "SELECT outlet, count(*), count(*) FILTER (WHERE is_relevant),"
            " count(*) FILTER (WHERE published_at IS NULL),"
            " strftime(min(published_at), '%Y-%m-%d'), strftime(max(published_at), '%Y-%m-%d')"
            " FROM items GROUP BY outlet ORDER BY outlet"
        ).fetchall()
        for r in rows:
            t.add_row(*(str(v) if v is not None else "" for v in r))
        console.print(t)
        _print_paths(console, path_table(path_counts(con)), full=ctx.args.paths)
        totals = con.execute(
            "SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM items WHERE is_relevant),"
            " (SELECT count(*) FROM item_versions), (SELECT count(*) FROM events),"
            " (SELECT count(*) FROM item_events WHERE status <> 'rejected'),"
            " (SELECT count(*) FROM fetches), (SELECT max(version) FROM schema_version)"
        ).fetchone()
        console.print(
            f"items: {totals[0]}  relevant: {totals[1]}  versions: {totals[2]}  "
            f"events: {totals[3]}  links: {totals[4]}  fetches: {totals[5]}  "
            f"schema: {totals[6]}  db: {ctx.paths.db}"
        )
        r = Table(title=f"Last {ctx.args.runs} runs")
        for col in ("run", "command", "started", "seconds", "status", "exit", "counts"):
            r.add_column(col, overflow="fold")
        for row in con.execute(
            "SELECT run_id, command, strftime(started_at, '%Y-%m-%d %H:%M'),"
            " round(epoch(finished_at) - epoch(started_at), 1), status, exit_code, counts"
            " FROM runs ORDER BY run_id DESC LIMIT ?",
            [ctx.args.runs],
        ).fetchall():
            counts = json.loads(row[6]) if row[6] else {}
            brief = ", ".join(
                f"{k}={v}" for k, v in counts.items() if isinstance(v, int | float | str)
            )
            r.add_row(*(str(v) if v is not None else "" for v in row[:6]), brief)
        console.print(r)
        h = Table(title="Source health")
        for col in ("source", "outlet", "kind", "enabled", "failures in a row", "last new item",
                    "flags"):  # fmt: skip
            h.add_column(col, overflow="fold")
        for sh in source_health(con, now=utcnow()):
            last = sh.last_new_item_at.strftime("%Y-%m-%d") if sh.last_new_item_at else ""
            flags = "; ".join(sh.flags)
            if sh.last_error and sh.consecutive_failures:
                flags = f"{flags} ({sh.last_error})" if flags else sh.last_error
            h.add_row(sh.name, sh.outlet, sh.kind, "ja" if sh.enabled else "nej",
                      str(sh.consecutive_failures), last,
                      f"[bold red]{flags}[/]" if sh.flags else flags)  # fmt: skip
        console.print(h)
        _print_needs_date(console, con)
    return 0


def _print_needs_date(console: Console, con) -> None:
    needs = items_needing_date(con)
    if not needs.total:
        console.print("needs a date: 0 (every relevant item has a date or a link)")
        return
    noun = "item" if needs.total == 1 else "items"
    t = Table(title=f"Needs a date: {needs.total} relevant {noun} without a date or a link")
    for col in ("item", "outlet", "kind", "title", "url"):
        t.add_column(col, overflow="fold")
    for item in needs.items:
        t.add_row(item.item_id, item.outlet, item.kind, item.title or "", item.url or "")
    console.print(t)
    if needs.total > len(needs.items):
        console.print(
            f"… and {needs.total - len(needs.items)} more: mediespor sql "
            '"SELECT * FROM v_items_needing_date"'
        )
    console.print(NEEDS_DATE_HINT)


def _print_paths(console: Console, table: PathTable, *, full: bool) -> None:
    """One line of items per path; with ``full``, the table per outlet and month."""
    if not table.rows:
        return
    totals = table.totals()
    console.print(
        "relevant items by path: "
        + "  ".join(f"{path_label(v)} {totals[v]}" for v in table.paths)
        + ("" if full else "  (per outlet and month: mediespor status --paths)"),
        highlight=False,
    )
    if not full:
        return
    t = Table(title="Relevant items per outlet, month and path")
    for col in ("outlet", "month", *(path_label(v) for v in table.paths)):
        t.add_column(col)
    for outlet, month, cells in table.rows:
        t.add_row(outlet, month or "udateret", *(str(cells.get(v, "")) for v in table.paths))
    console.print(t)
