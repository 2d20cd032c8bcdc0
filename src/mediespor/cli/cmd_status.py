"""``mediespor status``: what the database holds and how the last runs went."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser

#: The widest an error, flag or counts note gets in the one line of its source or run.
_NOTE_CHARS = 44


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
    """Print the status tables (one line per outlet, run and source; times in UTC)."""
    from rich.console import Console
    from rich.markup import escape

    from mediespor.store.publish import working_copy_problem

    console = Console(width=120)
    problem = working_copy_problem(ctx.existing_db())
    if problem is not None:
        # The published copy below is intact, but no run can write until this is repaired.
        console.print(
            f"[bold red]working database damaged[/]: {escape(problem)}. Every run will stop with "
            "exit 4 until it is restored: mediespor check --repair",
            markup=True,
            highlight=False,
        )
    with ctx.reading() as store:
        _print_store(console, store.con, ctx)
    return 0


def _print_store(console, con, ctx: Context) -> None:
    from rich.markup import escape
    from rich.table import Table

    from mediespor.health import brief_error, looks_offline, source_health
    from mediespor.store.db import utcnow
    from mediespor.store.status import outlet_counts, recent_runs, totals

    t = Table(title="Items per outlet (dates: Copenhagen days)")
    for col in ("outlet", "items", "relevant", "undated", "first", "last"):
        t.add_column(col, no_wrap=True)
    for o in outlet_counts(con):
        t.add_row(o.outlet, str(o.items), str(o.relevant), str(o.undated), _day(o.first),
                  _day(o.last))  # fmt: skip
    console.print(t)
    _print_paths(console, con, full=ctx.args.paths)
    n = totals(con)
    console.print(
        f"items: {n.items}  relevant: {n.relevant}  versions: {n.versions}  "
        f"events: {n.events}  links: {n.links}  fetches: {n.fetches}  "
        f"schema: {n.schema}  db: {ctx.paths.db}"
    )
    r = Table(title=f"Last {ctx.args.runs} runs (times in UTC, as in the log lines)")
    for col in ("run", "command", "started (UTC)", "seconds", "status", "exit"):
        r.add_column(col, no_wrap=True, min_width=len(col))
    r.add_column("counts", no_wrap=True, overflow="ellipsis", max_width=_NOTE_CHARS)
    for run in recent_runs(con, ctx.args.runs):
        brief = ", ".join(
            f"{k}={v}" for k, v in run.counts.items() if isinstance(v, int | float | str)
        )
        r.add_row(str(run.run_id), run.command, f"{run.started_utc:%Y-%m-%d %H:%MZ}",
                  "" if run.seconds is None else str(run.seconds), run.status,
                  "" if run.exit_code is None else str(run.exit_code), brief)  # fmt: skip
    console.print(r)
    h = Table(title="Source health")
    # Widths that keep a source on one line of 120 columns; the full error is in runs.counts.
    for col, width in (("source", 24), ("outlet", 14), ("kind", 9), ("on", 3), ("fails", 5),
                       ("last new", 10), ("flags", 32)):  # fmt: skip
        h.add_column(col, no_wrap=True, overflow="ellipsis", min_width=min(width, len(col) + 1),
                     max_width=width)  # fmt: skip
    health = source_health(con, now=utcnow())
    for sh in health:
        flags = "; ".join(sh.flags)
        if sh.last_error and sh.consecutive_failures:
            error = brief_error(sh.last_error)
            flags = f"{flags} ({error})" if flags else error
        flags = escape(_short(" ".join(flags.split())))
        h.add_row(sh.name, sh.outlet, sh.kind, "ja" if sh.enabled else "nej",
                  str(sh.consecutive_failures),
                  sh.last_new_item_at.strftime("%Y-%m-%d") if sh.last_new_item_at else "",
                  f"[bold red]{flags}[/]" if sh.flags else flags)  # fmt: skip
    console.print(h)
    failing = [sh.last_error or "" for sh in health if sh.enabled and sh.consecutive_failures]
    if looks_offline(failing, sum(1 for sh in health if sh.enabled)):
        console.print(
            f"no network? {len(failing)} sources last failed because host names do not resolve",
            highlight=False,
        )
    _print_needs_date(console, con)


def _day(value) -> str:
    return value.isoformat() if value is not None else ""


def _short(text: str) -> str:
    """One line's worth of a note: the full error is in ``runs.counts``."""
    return text if len(text) <= _NOTE_CHARS else text[: _NOTE_CHARS - 1] + "…"


def _print_needs_date(console, con) -> None:
    from rich.table import Table

    from mediespor.health import NEEDS_DATE_HINT, items_needing_date

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


def _print_paths(console, con, *, full: bool) -> None:
    """One line of relevant items per path; with ``full``, the table per outlet and month."""
    from rich.table import Table

    from mediespor.discover.kinds import path_label
    from mediespor.store.coverage import path_counts, path_table

    table = path_table(path_counts(con))
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
