"""``mediespor run``: the nightly job."""

from __future__ import annotations

from mediespor.cli.main import Context, date_option, new_subparser
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
    since = date_option(a.since)
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
    print(summarize(result))
    return int(result.exit_code)


def summarize(result) -> str:
    """A short human summary of a run; the full counts are in the runs table."""
    c, per = result.counts, result.per_source
    failed = {k: v for k, v in per.items() if v.status == "failed"}
    new = sum(v.records + v.new_items for v in per.values())
    updated = sum(v.updated_items for v in per.values())
    known = c.get("known_coverage") or {}
    lines = [
        f"run {result.run_id}: {result.status} (exit {int(result.exit_code)}): "
        f"{len(per)} sources crawled, {len(failed)} failed; {new} new and {updated} updated "
        f"items; known coverage {known.get('created', 0)} new of {known.get('rows', 0)}; "
        f"{c.get('links', 0)} links" + ("; timeline rendered" if c.get("rendered") else "")
    ]
    for name, v in sorted(failed.items()):
        lines.append(f"  failed: {name}: {(v.error or '')[:160]}")
    for stage, error in sorted((c.get("failed_stages") or {}).items()):
        lines.append(f"  stage failed: {stage}: {error[:160]}")
    return "\n".join(lines)
