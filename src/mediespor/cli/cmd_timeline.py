"""``mediespor timeline``: write the interactive timeline page from the database."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser, project_file
from mediespor.errors import UsageError
from mediespor.store.publish import reading
from mediespor.timeline import render_all


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "timeline",
        "Write the interactive timeline (one offline HTML file) from the database.",
        "  mediespor timeline\n  mediespor timeline --out /media/usb/tidslinje.html\n",
    )
    p.add_argument("--out", help="where to write the page (default: reports/timeline.html)")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Render the timeline page."""
    if not ctx.paths.db.exists():
        raise UsageError(f"{ctx.paths.db} does not exist yet; run 'mediespor run' first")
    out = project_file(ctx, ctx.args.out) if ctx.args.out else ctx.paths.reports / "timeline.html"
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name such as {out}/timeline.html")
    # Read-only: rendering never changes data, and may run beside an analyst's open session.
    with reading(ctx.paths.db) as store:
        report = render_all(store, out.parent, ctx.reporter, index=False, timeline_path=out)
    print(f"{report.timeline} ({report.plotted} emner på tidslinjen, {report.undated} uden dato)")
    return 0
