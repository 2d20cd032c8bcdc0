"""Error types and the process exit codes that tell cron what happened."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of every ``mediespor`` command."""

    OK = 0
    #: The run finished but some sources failed; everything else was stored.
    PARTIAL = 1
    #: Bad configuration or command-line input; nothing ran.
    CONFIG = 2
    #: Another run holds the database lock; nothing ran.
    LOCKED = 3
    #: Nothing could run for another reason (database unreadable, internal error).
    FATAL = 4


class MediesporError(Exception):
    """Base class for errors that are reported to the user as one clear message."""

    exit_code: ExitCode = ExitCode.FATAL


class ConfigError(MediesporError):
    """A configuration or input file is invalid.

    The message names the file, the line, the key and what is expected.
    """

    exit_code = ExitCode.CONFIG

    def __init__(self, path: str, line: int | None, key: str | None, problem: str):
        self.path = str(path)
        self.line = line
        self.key = key
        self.problem = problem
        where = self.path if line is None else f"{self.path}:{line}"
        what = f" {key}:" if key else ""
        super().__init__(f"{where}:{what} {problem}")


class UsageError(MediesporError):
    """A command was called with arguments that cannot work."""

    exit_code = ExitCode.CONFIG


class LockHeldError(MediesporError):
    """Another live process holds the run lock on this database."""

    exit_code = ExitCode.LOCKED
