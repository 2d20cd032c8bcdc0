"""Progress on a terminal (rich), structured log lines everywhere else (cron).

Every long-running command reports through a :class:`Reporter`. On a terminal it draws rich
progress bars per stage; otherwise it writes one line per notable event, as JSON lines or
logfmt, and never writes whole pages.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["auto", "rich", "json", "logfmt"]
_MAX_FIELD = 300


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
        fields = {k: _short(v) for k, v in fields.items() if v is not None}
        if self.fmt == "rich":
            style = {"warning": "yellow", "error": "bold red"}.get(level, "dim")
            detail = " ".join(f"{k}={_logfmt_value(v)}" for k, v in fields.items())
            target = self._progress.console if self._progress is not None else self._console
            target.print(f"[{style}]{event}[/{style}] {detail}", highlight=False, markup=True)
            return
        ts = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if self.fmt == "json":
            line = json.dumps(
                {"ts": ts, "level": level, "event": event, **fields},
                default=str,
                ensure_ascii=False,
            )
        else:
            parts = [f"ts={ts}", f"level={level}", f"event={_logfmt_value(event)}"]
            parts += [f"{k}={_logfmt_value(v)}" for k, v in fields.items()]
            line = " ".join(parts)
        self.stream.write(line + "\n")
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
