"""``mediespor import FILE``: load items that arrive outside the crawler."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from mediespor.cli.main import Context, new_subparser
from mediespor.errors import ExitCode, UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "import",
        "Import items from a CSV or JSONL file (columns: url, title, published, outlet; "
        "optional text, lead, kind). 'published' keeps its precision: 2017-06-29T14:32:00+02:00, "
        "2017-06-29, 29.06.2017, 29. juni 2017, d. 29. juni 2017 kl. 20.30, 2018-04, april 2018, "
        "2018; empty means undated. A bad row (undecodable bytes, a field over 2 million "
        "characters, a quote never closed) is skipped with its line; the others load.",
        "  mediespor import data/known_coverage.csv\n"
        "  mediespor import infomedia-export.jsonl --source infomedia\n"
        "  mediespor import gammel-liste.csv --encoding cp1252\n",
    )
    p.add_argument("file", help="a .csv or .jsonl file")
    p.add_argument("--source", help="source label recorded for the items (default: import:<file>)")
    p.add_argument(
        "--topical",
        action="store_true",
        help="the file is a curated list about the dispute: mark every row relevant",
    )
    p.add_argument(
        "--encoding",
        default="utf-8-sig",
        help="the file's text encoding, e.g. cp1252 or latin-1 (default: UTF-8)",
    )
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Import the file and report loaded and rejected rows; the run row is always closed."""
    from mediespor.pipeline import load_config

    path = Path(ctx.args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        codecs.lookup(ctx.args.encoding)
    except LookupError:
        raise UsageError(f"--encoding {ctx.args.encoding!r} is not a known encoding") from None
    _, _, query = load_config(ctx.paths)
    report = _import(ctx, path, query)
    ctx.say(
        f"{path}: {report.rows} rows: {report.created} new, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.rejected)} skipped",
        "import_summary",
    )
    ctx.summary = f"{len(report.rejected)} of {report.rows} rows of {path} skipped"
    return int(ExitCode.PARTIAL if report.rejected else ExitCode.OK)


def _import(ctx: Context, path: Path, query):
    """Run the import in a recorded run; whatever happens, the run row ends closed."""
    from mediespor.import_items import import_file

    options = {"file": str(path)}
    with ctx.recording("import", options, what=f"import of {path}") as recorded:
        report = import_file(
            recorded.store, path, query, run_id=recorded.run_id, source=ctx.args.source,
            topical=ctx.args.topical, encoding=ctx.args.encoding,
        )  # fmt: skip
        _finish(ctx, recorded.store, recorded.run_id, path, report)
    return report


def _finish(ctx: Context, store, run_id: int, path: Path, report) -> None:
    """Print the skipped rows and record how the import ended."""
    from mediespor.store.runs import finish_run

    for line, reason in report.rejected:
        ctx.say(f"{path}:{line}: skipped: {reason}", "import_skipped", logging.WARNING,
                path=str(path), line=line, reason=reason)  # fmt: skip
    counts = {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
    }
    status = "partial" if report.rejected else "ok"
    code = ExitCode.PARTIAL if report.rejected else ExitCode.OK
    finish_run(store.con, run_id, status, int(code), counts)
