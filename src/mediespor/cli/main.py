"""Entry point of the ``mediespor`` command.

Each command lives in its own module ``mediespor.cli.cmd_<name>`` exposing
``register(subparsers)``; this module only sets global options, dispatches, and turns errors
into one clear message and a documented exit code (see :class:`mediespor.errors.ExitCode`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import logging
import os
import pkgutil
import sys
import traceback
from pathlib import Path

from mediespor import __version__
from mediespor.cli.context import Context
from mediespor.errors import ExitCode, MediesporError
from mediespor.paths import resolve_paths
from mediespor.progress import Reporter, fields, logging_to

EPILOG = """\
exit codes:
  0  success
  1  the run finished but some sources failed (the rest was stored)
  2  bad configuration or command-line input; nothing ran
  3  another run holds the database lock; nothing ran
  4  nothing could run for another reason (e.g. the database cannot be opened)

global options (--db, --log-format, --debug …) go before or after the command.

examples:
  mediespor run                       # the nightly job
  mediespor status                    # what the database holds
  mediespor import data/known_coverage.csv
  mediespor sql "SELECT outlet, count(*) FROM items GROUP BY outlet"
"""


def _global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """The options every command takes, before or after the command's name.

    The copy on each command has no defaults (``SUPPRESS``), so an option given after the
    command overrides the top-level value and an absent one leaves it alone.
    """

    def d(value):
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--project-dir",
        default=d(None),
        help="folder holding sources.yaml, events.yaml, data/ and reports/ "
        "(default: $MEDIESPOR_PROJECT_DIR or the current folder)",
    )
    parser.add_argument(
        "--db",
        default=d(None),
        help="DuckDB file (default: $MEDIESPOR_DB or data/mediespor.duckdb)",
    )
    parser.add_argument("--sources", default=d(None), help="sources file (default: sources.yaml)")
    parser.add_argument("--events", default=d(None), help="events file (default: events.yaml)")
    parser.add_argument(
        "--log-format",
        choices=["auto", "rich", "json", "logfmt"],
        default=d("auto"),
        help="progress and log output: rich on a terminal, logfmt otherwise (default: auto)",
    )
    parser.add_argument(
        "--log-file",
        default=d(None),
        metavar="FILE",
        help="append log lines to FILE instead of stderr (for cron: then nothing is printed "
        "unless the exit code is not 0, and cron mails that)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", default=d(False), help="only warnings and errors"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=d(False),
        help="show tracebacks of internal errors",
    )


@functools.cache
def global_options_parent() -> argparse.ArgumentParser:
    """A parent parser adding the global options to a command (``parents=[...]``).

    Built once per process: it holds only option definitions (argparse keeps parsed values in
    the namespace, never in the parser), and building it for each of ~20 parsers was a third
    of ``mediespor --help``'s time.
    """
    parent = argparse.ArgumentParser(add_help=False)
    _global_options(parent, defaults=False)
    return parent


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
    _global_options(parser, defaults=True)
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
        parents=[global_options_parent()],
        **kw,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Re-entrant: everything a call sets up (the log file, the reporter) is closed before it
    returns.
    """
    args = build_parser().parse_args(argv)
    with contextlib.ExitStack() as stack:
        log_file = None
        if args.log_file:
            try:
                log_file = stack.enter_context(open(args.log_file, "a", encoding="utf-8"))
            except OSError as exc:
                print(f"mediespor: cannot open --log-file {args.log_file}: {exc}", file=sys.stderr)
                return int(ExitCode.CONFIG)
        reporter = Reporter(args.log_format, stream=log_file, quiet=args.quiet)
        stack.enter_context(logging_to(reporter))
        code, message, ctx = _dispatch(args, reporter)
        if message is not None:
            if log_file is not None:
                log = logging.getLogger(__name__)
                log.error("command_failed", extra=fields(exit_code=code, error=message))
            print(f"mediespor: {message}", file=sys.stderr)
        elif code != 0 and log_file is not None and ctx is not None and ctx.summary:
            # Output to a log file leaves cron nothing to mail; a failure must reach a person.
            print(
                f"mediespor {args.command}: exit {code}: {ctx.summary} (details: {args.log_file})",
                file=sys.stderr,
            )
        return code


def _dispatch(
    args: argparse.Namespace, reporter: Reporter
) -> tuple[int, str | None, Context | None]:
    """Run the command: its exit code, the error message if it failed with one, its context."""
    ctx: Context | None = None
    try:
        paths = resolve_paths(args.project_dir, args.db, args.sources, args.events)
        ctx = Context(paths=paths, reporter=reporter, args=args)
        return int(args.func(ctx)), None, ctx
    except MediesporError as exc:
        return int(exc.exit_code), str(exc), ctx
    except KeyboardInterrupt:
        return 130, "interrupted", ctx
    except BrokenPipeError:
        _stdout_gone()
        return SIGPIPE_EXIT, None, ctx
    except Exception as exc:  # last resort: a short message, the traceback only on request
        if args.debug:
            traceback.print_exc()
        hint = "" if args.debug else " (rerun with --debug)"
        return int(ExitCode.FATAL), f"internal error: {type(exc).__name__}: {exc}{hint}", ctx


#: What a shell reports for a command ended by SIGPIPE (as ``git log | head`` ends).
SIGPIPE_EXIT = 141


def _stdout_gone() -> None:
    """The reader of our output has gone (``mediespor sql … | head``): stop quietly.

    stdout is pointed at /dev/null so that the final flush at exit cannot fail once more
    (the recipe in Python's ``signal`` documentation).
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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
