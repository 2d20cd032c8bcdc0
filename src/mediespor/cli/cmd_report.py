"""``mediespor report``: write reports/index.html (and the timeline beside it)."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser, project_file
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "report",
        "Write the report (index.html: coverage per event and per outlet and month) and the "
        "timeline it links to.",
        "  mediespor report\n  mediespor report --out /tmp/rapport\n",
    )
    p.add_argument("--out", help="folder to write into (default: reports/)")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Render index.html and timeline.html."""
    from mediespor.timeline import render_all

    ctx.existing_db()
    out = project_file(ctx, ctx.args.out) if ctx.args.out else ctx.paths.reports
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder")
    with ctx.reading() as store:
        report = render_all(store, out, ctx.reporter)
    print(f"{report.index}\n{report.timeline}")
    return 0
