"""Entry point of the ``mediespor`` command.

Each command lives in its own module ``mediespor.cli.cmd_<name>`` exposing
``register(subparsers)``; this module only sets global options, dispatches, and turns errors
into one clear message and a documented exit code (see :class:`mediespor.errors.ExitCode`).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from mediespor import __version__
from mediespor.errors import ExitCode, MediesporError
from mediespor.paths import ProjectPaths, resolve_paths
from mediespor.progress import Reporter, logging_to

EPILOG = """\
exit codes:
  0  success
  1  the run finished but some sources failed (the rest was stored)
  2  bad configuration or command-line input; nothing ran
  3  another run holds the database lock; nothing ran
  4  nothing could run for another reason (e.g. the database cannot be opened)

examples:
  mediespor run                       # the nightly job
  mediespor status                    # what the database holds
  mediespor import data/known_coverage.csv
  mediespor sql "SELECT outlet, count(*) FROM items GROUP BY outlet"
"""


@dataclass
class Context:
    """What every command gets: resolved paths and a reporter."""

    paths: ProjectPaths
    reporter: Reporter
    args: argparse.Namespace


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every command registered."""
    parser = argparse.ArgumentParser(
        prog="mediespor",
        description="Collect press coverage of the Copenhagen førtidspension dispute into DuckDB, "
        "link it to events and draw a timeline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"mediespor {__version__}")
    parser.add_argument(
        "--project-dir",
        help="folder holding sources.yaml, events.yaml, data/ and reports/ "
        "(default: $MEDIESPOR_PROJECT_DIR or the current folder)",
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $MEDIESPOR_DB or data/mediespor.duckdb)"
    )
    parser.add_argument("--sources", help="sources file (default: sources.yaml)")
    parser.add_argument("--events", help="events file (default: events.yaml)")
    parser.add_argument(
        "--log-format",
        choices=["auto", "rich", "json", "logfmt"],
        default="auto",
        help="progress and log output: rich on a terminal, logfmt otherwise (default: auto)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    package = importlib.import_module("mediespor.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"mediespor.cli.{info.name}")
            module.register(sub)
    return parser


def new_subparser(sub, name: str, help_text: str, examples: str, **kw) -> argparse.ArgumentParser:
    """Add a command with a help text and examples shown by ``--help``."""
    return sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        **kw,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    reporter = Reporter(args.log_format, quiet=args.quiet)
    try:
        paths = resolve_paths(args.project_dir, args.db, args.sources, args.events)
        ctx = Context(paths=paths, reporter=reporter, args=args)
        with logging_to(reporter):
            return int(args.func(ctx))
    except MediesporError as exc:
        print(f"mediespor: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("mediespor: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: a short message, the traceback only on request
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"mediespor: internal error: {type(exc).__name__}: {exc} (rerun with --debug)",
                file=sys.stderr,
            )
        return int(ExitCode.FATAL)


def date_option(value: str | None, flag: str = "--since"):
    """Parse a YYYY-MM-DD command-line date, or raise UsageError (exit 2) naming the flag."""
    from datetime import date

    from mediespor.errors import UsageError

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date; use YYYY-MM-DD") from None


def project_file(ctx: Context, path: str | Path) -> Path:
    """Resolve a user-given path relative to the current folder, like any CLI tool."""
    return Path(path).expanduser().resolve()
