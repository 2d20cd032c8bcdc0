"""Progress on a terminal (rich), structured log lines everywhere else (cron).

Log lines go through standard :mod:`logging`: a module logs with
``logging.getLogger(__name__).warning("event_name", extra=fields(url=...))`` and, while
:func:`logging_to` is active (the CLI wraps every command in it), the line is written by the
command's reporter in its format (json and logfmt are :class:`logging.Formatter` s, rich goes
through the live console so bars stay intact). Outside a command such lines go nowhere.

A :class:`Reporter` is for progress: on a terminal it draws rich progress bars per stage;
otherwise a stage is a ``stage_start`` and a ``stage_end`` line, as JSON lines or logfmt.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["auto", "rich", "json", "logfmt"]
_MAX_FIELD = 300
#: The logger every module's logger (``logging.getLogger(__name__)``) reports to.
LOGGER = "mediespor"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING,
           "error": logging.ERROR}  # fmt: skip
logging.getLogger(LOGGER).addHandler(logging.NullHandler())


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _MAX_FIELD:
        return value[: _MAX_FIELD - 3] + "..."
    return value


def _logfmt_value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    if text == "" or any(c in text for c in ' ="\n\t'):
        return json.dumps(text, ensure_ascii=False)
    return text


def _rate_column_class():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Units per second of a stage (pages, URLs, items), as rich has none for counts."""

        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.1f}/s", style="cyan")

    return RateColumn


def _RateColumn():
    return _rate_column_class()()


class Stage:
    """Handle for one stage's progress."""

    def __init__(self, reporter: Reporter, name: str, total: int | None, task_id: Any):
        self._r = reporter
        self.name = name
        self.total = total
        self.done = 0
        self._task = task_id

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more units of work done."""
        self.done += n
        if self._task is not None and self._r._progress is not None:
            self._r._progress.update(self._task, advance=n)

    def set_total(self, total: int) -> None:
        """Set or change the amount of work expected."""
        self.total = total
        if self._task is not None and self._r._progress is not None:
            self._r._progress.update(self._task, total=total)


def fields(**values: Any) -> dict[str, Any]:
    """``extra=`` for a logging call: the event's fields (``None`` values are left out)."""
    return {"fields": values}


def _level_name(levelno: int) -> str:
    return logging.getLevelName(levelno).lower()


def _record_fields(record: logging.LogRecord) -> dict[str, Any]:
    values = getattr(record, "fields", None) or {}
    return {k: _short(v) for k, v in values.items() if v is not None}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: ``ts``, ``level``, ``event`` and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one JSON line (without the newline)."""
        head = {"ts": _timestamp(record.created), "level": _level_name(record.levelno),
                "event": record.getMessage()}  # fmt: skip
        return json.dumps({**head, **_record_fields(record)}, default=str, ensure_ascii=False)


class LogfmtFormatter(logging.Formatter):
    """``key=value`` pairs a line, values quoted when they hold spaces or quotes."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one logfmt line (without the newline)."""
        parts = [f"ts={_timestamp(record.created)}", f"level={_level_name(record.levelno)}",
                 f"event={_logfmt_value(record.getMessage())}"]  # fmt: skip
        parts += [f"{k}={_logfmt_value(v)}" for k, v in _record_fields(record).items()]
        return " ".join(parts)


def _timestamp(created: float) -> str:
    stamp = datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")
    return stamp.replace("+00:00", "Z")


class ReporterHandler(logging.Handler):
    """Writes log records as the reporter's lines (its format, its stream, its quietness)."""

    def __init__(self, reporter: Reporter) -> None:
        super().__init__(logging.WARNING if reporter.quiet else logging.INFO)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        """Write one record; a failure to write is logging's to report, not the run's."""
        try:
            self.reporter.write(record)
        except Exception:  # logging's own convention: report it on stderr and go on
            self.handleError(record)


@contextmanager
def logging_to(reporter: Reporter) -> Iterator[None]:
    """Route the ``mediespor`` loggers to ``reporter`` until the block ends (re-entrant: a
    command run in-process twice, or a stage routing to its command's reporter again, never
    writes a line twice)."""
    logger = logging.getLogger(LOGGER)
    if any(getattr(h, "reporter", None) is reporter for h in logger.handlers):
        yield  # already routed to this reporter (a stage inside a command): once is enough
        return
    handler = ReporterHandler(reporter)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(handler.level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


class Reporter:
    """Reports events and stage progress in the format suited to where output goes."""

    def __init__(self, fmt: LogFormat = "auto", stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        if fmt == "auto":
            fmt = "rich" if self.stream.isatty() else "logfmt"
        self.fmt = fmt
        self.quiet = quiet
        self._progress = None
        self._console = None
        if fmt == "rich":
            from rich.console import Console

            self._console = Console(file=self.stream)

    def log(self, event: str, level: str = "info", **fields: Any) -> None:
        """Write one structured event."""
        if self.quiet and level == "info":
            return
        record = logging.LogRecord(LOGGER, _LEVELS.get(level, logging.INFO), "", 0, event,
                                   None, None)  # fmt: skip
        record.fields = fields
        self.write(record)

    def write(self, record: logging.LogRecord) -> None:
        """Write one log record in this reporter's format."""
        if self.fmt == "rich":
            level = _level_name(record.levelno)
            style = {"warning": "yellow", "error": "bold red"}.get(level, "dim")
            detail = " ".join(f"{k}={_logfmt_value(v)}" for k, v in _record_fields(record).items())
            target = self._progress.console if self._progress is not None else self._console
            target.print(f"[{style}]{record.getMessage()}[/{style}] {detail}", highlight=False,
                         markup=True)  # fmt: skip
            return
        formatter = JsonFormatter() if self.fmt == "json" else LogfmtFormatter()
        self.stream.write(formatter.format(record) + "\n")
        self.stream.flush()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        """Report a stage's start, progress and end."""
        start = datetime.now(UTC)
        if self.fmt == "rich" and not self.quiet and self._progress is not None:
            # Stages inside stages, or running side by side (concurrent sources), share the one
            # live display rich allows: each adds its own bar.
            progress = self._progress
            task = progress.add_task(name, total=total)
            try:
                yield Stage(self, name, total, task)
            finally:
                progress.update(task, visible=False)
        elif self.fmt == "rich" and not self.quiet:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            with Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=False,
            ) as progress:
                self._progress = progress
                task = progress.add_task(name, total=total)
                try:
                    yield Stage(self, name, total, task)
                finally:
                    self._progress = None
        else:
            self.log("stage_start", stage=name, total=total)
            stage = Stage(self, name, total, None)
            yield stage
            secs = (datetime.now(UTC) - start).total_seconds()
            self.log("stage_end", stage=name, done=stage.done, seconds=round(secs, 3))
