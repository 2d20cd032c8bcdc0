"""``mediespor run``: the nightly job."""

from __future__ import annotations

import logging

from mediespor.cli.main import Context, date_option, new_subparser
from mediespor.errors import UsageError
from mediespor.progress import fields


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "run",
        "Run the nightly job: discover, fetch, extract, store, link, render.",
        "  mediespor run\n"
        "  mediespor run --source tv2kosmopol-rss --no-render\n"
        "  mediespor run --dry-run                 # what would be requested; nothing written\n"
        "  mediespor run --log-format json --log-file data/logs/run.jsonl   # from cron\n",
    )
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument("--since", help="ignore items older than this date (YYYY-MM-DD)")
    p.add_argument("--no-render", action="store_true", help="skip the timeline and reports")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be requested (each URL once); no network, nothing written",
    )
    p.add_argument("--max-requests", type=int, help="stop fetching after this many requests")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Run the pipeline and print a short summary (into the log when there is a log file)."""
    from mediespor.pipeline import RunOptions, run

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
    if a.dry_run:
        pending = result.report.dry_run_pending or 0
        print(f"dry run: {pending} URLs pending in the frontier; nothing was fetched or written")
        return int(result.exit_code)
    text = summarize(result)
    ctx.summary = "; ".join(line.strip() for line in text.splitlines())
    if ctx.output_is_log:
        # Cron mails whatever is printed (on a log file, success stays silent); the journal
        # takes stdout with the JSON lines.
        logging.getLogger(__name__).info("run_summary", extra=fields(summary=text))
    else:
        print(text)
    return int(result.exit_code)


def summarize(result) -> str:
    """A short human summary of a run; the full counts are in the runs table."""
    from mediespor.health import looks_offline

    report = result.report
    per = report.per_source or {}
    failed = {k: v for k, v in per.items() if v.status == "failed"}
    new = sum(v.records + v.stored.created for v in per.values())
    updated = sum(v.stored.updated for v in per.values())
    known = report.known_coverage
    lines = [
        f"run {result.run_id}: {result.status} (exit {int(result.exit_code)}): "
        f"{len(per)} sources crawled, {len(failed)} failed; {new} new and {updated} updated "
        f"items; known coverage {known.created if known else 0} new of "
        f"{known.rows if known else 0}; {report.links or 0} links"
        + ("; timeline rendered" if report.rendered else "")
    ]
    errors = {name: v.error or "" for name, v in failed.items()}
    if looks_offline(list(errors.values()), len(per)):
        # One line for the cause instead of one robots.txt failure per host.
        lines.append(
            f"  no network? {len(failed)} of {len(per)} sources failed because host names do "
            "not resolve; known coverage, links and the timeline were still produced"
        )
    else:
        for name, error in sorted(errors.items()):
            lines.append(f"  failed: {name}: {error[:160]}")
    for stage, error in sorted(report.failed_stages.items()):
        lines.append(f"  stage failed: {stage}: {error[:160]}")
    return "\n".join(lines)
