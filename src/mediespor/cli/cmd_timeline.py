"""``mediespor timeline``: write the interactive timeline page (or a static picture of it)."""

from __future__ import annotations

from mediespor.cli.main import Context, new_subparser, project_file
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "timeline",
        "Write the interactive timeline (one offline HTML file) from the database, or a static "
        "picture of it (PNG or SVG, drawn offline with the local Chromium).",
        "  mediespor timeline\n  mediespor timeline --out /media/usb/tidslinje.html\n"
        "  mediespor timeline --png reports/tidslinje.png --svg reports/tidslinje.svg\n",
    )
    p.add_argument("--out", help="where to write the page (default: reports/timeline.html)")
    p.add_argument("--png", metavar="FILE", help="write a PNG picture instead of the page")
    p.add_argument("--svg", metavar="FILE", help="write an SVG picture instead of the page")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Render the timeline page, or the pictures asked for."""
    from mediespor.timeline import render_all

    ctx.existing_db()
    pictures = [(fmt, getattr(ctx.args, fmt)) for fmt in ("png", "svg") if getattr(ctx.args, fmt)]
    if pictures:
        return _pictures(ctx, pictures)
    out = project_file(ctx, ctx.args.out) if ctx.args.out else ctx.paths.reports / "timeline.html"
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name such as {out}/timeline.html")
    # Read-only: rendering never changes data, and may run beside an analyst's open session.
    with ctx.reading() as store:
        report = render_all(store, out.parent, ctx.reporter, index=False, timeline_path=out)
    print(f"{report.timeline} ({report.plotted} på tidslinjen, {report.undated} uden dato)")
    return 0


def _pictures(ctx: Context, pictures: list[tuple[str, str]]) -> int:
    from mediespor.timeline.data import load_timeline
    from mediespor.timeline.picture import write_picture

    targets = [(fmt, project_file(ctx, name)) for fmt, name in pictures]
    for fmt, path in targets:
        if path.is_dir():
            raise UsageError(f"--{fmt} {path} is a folder; give a file name such as {path}/t.{fmt}")
    with ctx.reading() as store:
        data = load_timeline(store.con)
    for fmt, path in targets:
        size = write_picture(data, path, fmt)
        print(f"{path} ({size / 1000:.0f} kB)")
    return 0
