"""``mediespor run``: the nightly job."""

from __future__ import annotations

from datetime import date

from mediespor.cli.main import Context, new_subparser
from mediespor.errors import UsageError
from mediespor.pipeline import RunOptions, run


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "run",
        "Run the nightly job: discover, fetch, extract, store, link, render.",
        "  mediespor run\n"
        "  mediespor run --source tv2kosmopol-rss --no-render\n"
        "  mediespor --log-format json run   # from cron\n",
    )
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument("--since", help="ignore items older than this date (YYYY-MM-DD)")
    p.add_argument("--no-render", action="store_true", help="skip the timeline and reports")
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be fetched; fetch nothing"
    )
    p.add_argument("--max-requests", type=int, help="stop fetching after this many requests")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Run the pipeline and print a one-line summary."""
    a = ctx.args
    try:
        since = date.fromisoformat(a.since) if a.since else None
    except ValueError:
        raise UsageError(f"--since {a.since!r} is not a date; use YYYY-MM-DD") from None
    if a.max_requests is not None and a.max_requests < 0:
        raise UsageError("--max-requests must be 0 or more")
    options = RunOptions(
        sources=tuple(a.source),
        since=since,
        render=not a.no_render,
        dry_run=a.dry_run,
        max_requests=a.max_requests,
    )
    result = run(ctx.paths, options, ctx.reporter)
    summary = ", ".join(f"{k}={v}" for k, v in result.counts.items() if v not in ({}, None))
    print(f"run {result.run_id}: {result.status} ({summary})")
    return int(result.exit_code)
