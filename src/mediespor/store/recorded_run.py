"""A command recorded as a row of ``runs`` that always ends closed, whatever happens.

``mediespor run`` and ``mediespor import`` both open the working copy under the run lock, mark
runs a killed process left ``running`` as interrupted, record their own run, and must never
leave that row ``running`` or claiming ``ok`` when they fail: the one place that knows how.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mediespor.errors import MediesporError
from mediespor.lock import RunLock
from mediespor.progress import fields
from mediespor.store.db import Store
from mediespor.store.publish import work_path, writing
from mediespor.store.runs import mark_interrupted, record_failure, record_failure_in, start_run

log = logging.getLogger(__name__)


@dataclass
class RecordedRun:
    """The open working copy and the run being recorded in it."""

    store: Store
    run_id: int
    #: When the earliest run a killed process left ``running`` started (what it wrote since
    #: may be half written), or None.
    interrupted_at: datetime | None
    #: What to keep in ``runs.counts`` when the run fails (the caller points it at its report).
    counts: Callable[[], dict[str, Any]] = field(default=dict)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def recorded_run(
    db: Path,
    command: str,
    options: dict[str, Any],
    *,
    lock: RunLock | None = None,
    what: str | None = None,
) -> Iterator[RecordedRun]:
    """Record a run of ``command`` in the working copy of ``db`` for the block.

    The block finishes the row itself (``finish_run``) when it succeeds. An exception in it
    fails the row with its reason and :attr:`RecordedRun.counts`; the committed work and that
    row are still published for analysts to see, then a :class:`MediesporError` ("``what``
    failed: …", exit 4) is raised. When publishing or closing fails after the row was recorded,
    the failure is written into the working copy, which the next run starts from. ``lock`` is
    the run lock when the caller holds it already; ``what`` defaults to "``command`` ID".
    """
    run_id: int | None = None
    failure: Exception | None = None

    def failed(exc: Exception) -> str:
        return f"{what or f'{command} {run_id}'} failed: {_reason(exc)}"

    try:
        with writing(db, lock) as store:
            interrupted_at = mark_interrupted(store.con)
            run_id = start_run(store.con, command, options)
            run = RecordedRun(store, run_id, interrupted_at)
            try:
                yield run
            except Exception as exc:
                failure = exc
                record_failure(store.con, run_id, _reason(exc), run.counts())
                log.error("run_failed", extra=fields(run_id=run_id, error=_reason(exc)))
        if failure is not None:
            raise MediesporError(failed(failure)) from failure
    except Exception as exc:
        if run_id is not None:
            record_failure_in(work_path(db), run_id, _reason(exc))
        if isinstance(exc, MediesporError):
            raise
        raise MediesporError(failed(exc)) from exc
