"""``mediespor export``: items, events and links as Parquet, CSV or JSON lines."""

from __future__ import annotations

from pathlib import Path

from mediespor.cli.main import Context, date_option, new_subparser
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "export",
        "Export items, events and links (reproducible: fixed columns, sorted rows).",
        "  mediespor export --format parquet out/\n"
        "  mediespor export --format parquet --partition out/   # out/items/outlet=DR/year=2017/\n"
        "  mediespor export --format csv --relevant-only --since 2017-06-01 out/\n",
    )
    p.add_argument("out", help="output folder (created)")
    p.add_argument("--format", choices=["parquet", "csv", "jsonl"], default="parquet")
    p.add_argument("--relevant-only", action="store_true", help="only items about the dispute")
    p.add_argument("--since", help="only items published on or after this date (YYYY-MM-DD)")
    p.add_argument("--partition", action="store_true", help="Parquet by outlet and year")
    p.set_defaults(func=handle)


def handle(ctx: Context) -> int:
    """Write the export and list the files."""
    from mediespor.export import export

    a = ctx.args
    since = date_option(a.since)
    if a.partition and a.format != "parquet":
        raise UsageError("--partition works with --format parquet only")
    with ctx.reading() as store:
        report = export(
            store.con, Path(a.out), a.format,
            relevant_only=a.relevant_only, since=since, partition=a.partition,
        )  # fmt: skip
    for name, path in report.files.items():
        print(f"{name}: {report.rows[name]} rows -> {path}")
    return 0
