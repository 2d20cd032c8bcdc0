"""``mediespor import FILE``: load items that arrive outside the crawler."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from mediespor.cli.main import Context, new_subparser
from mediespor.errors import ExitCode, MediesporError, UsageError


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
    from mediespor.store.publish import work_path
    from mediespor.store.runs import mark_interrupted, record_failure, record_failure_in, start_run

    run_id: int | None = None
    failure: Exception | None = None
    try:
        with ctx.writing(create=True) as store:
            # Under the lock, any row still 'running' belongs to a process that died.
            mark_interrupted(store.con)
            run_id = start_run(store.con, "import", {"file": str(path)})
            try:
                report = import_file(
                    store, path, query, run_id=run_id, source=ctx.args.source,
                    topical=ctx.args.topical, encoding=ctx.args.encoding,
                )  # fmt: skip
            except Exception as exc:
                # Recorded and published (the import's rows were rolled back), then reported.
                failure = exc
                record_failure(store.con, run_id, f"{type(exc).__name__}: {exc}")
            if failure is None:
                _finish(ctx, store, run_id, path, report)
        if failure is not None:
            raise MediesporError(
                f"import of {path} failed: {type(failure).__name__}: {failure}"
            ) from failure
    except Exception as exc:
        if run_id is not None:
            record_failure_in(work_path(ctx.paths.db), run_id, f"{type(exc).__name__}: {exc}")
        if isinstance(exc, MediesporError):
            raise
        raise MediesporError(f"import of {path} failed: {type(exc).__name__}: {exc}") from exc
    return report


def _finish(ctx: Context, store, run_id: int, path: Path, report) -> None:
    """Print the skipped rows and record how the import ended."""
    from mediespor.store.runs import finish_run

    for line, reason in report.rejected:
        ctx.say(f"{path}:{line}: skipped: {reason}", "import_skipped", logging.WARNING,
                line=line, reason=reason)  # fmt: skip
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
