"""Article extraction in worker processes, each page with a time budget.

Lexbor parses in C without ever giving the interpreter a chance to interrupt it, and its time
grows faster than linearly with nesting depth (100,000 unclosed ``<div>``s take seconds, two
million take hours). Run on the fetch event loop, one such page would stall every host of the
run. So pages are parsed in separate processes: the loop only waits on a pipe from a helper
thread, a page that outlives its budget has its worker killed and replaced, and the page is
given up with a reason while the other hosts go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from mediespor.extract import Article, extract

#: Seconds a worker may take to start (import selectolax and the extractor) before it counts
#: as broken; not part of a page's budget.
STARTUP_S = 120.0


@dataclass(frozen=True)
class ExtractFailure:
    """Why a page could not be extracted (recorded as the page's reject reason)."""

    reason: str


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the run dies (even by SIGKILL): a worker deep inside
    Lexbor never reads its pipe again, and would otherwise parse on for hours as an orphan."""
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _serve(conn: Connection) -> None:
    """Worker process: extract each page sent, until told to stop (None) or the pipe closes."""
    _die_with_parent()
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        fn, args, kwargs = job
        try:
            value = fn(*args, **kwargs)
        except Exception as exc:  # raised again in the run, as if the call had been local
            try:
                conn.send((False, exc))
            except Exception:  # an exception that cannot be pickled: its text then
                conn.send((False, f"parsing failed: {type(exc).__name__}: {exc}"))
            continue
        conn.send((True, value))


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="mediespor-extract")
        self.proc.start()
        child.close()
        self.ready = False

    def call(self, job: tuple[Callable[..., Any], tuple, dict], budget_s: float) -> Any:
        """Run one job; raise TimeoutError past the budget, EOFError if the worker died."""
        if not self.ready:
            if not self.conn.poll(STARTUP_S):
                raise EOFError("the extraction worker did not start")
            self.conn.recv()
            self.ready = True
        self.conn.send(job)
        if not self.conn.poll(budget_s):
            raise TimeoutError
        return self.conn.recv()

    def kill(self) -> None:
        """End the process at once (it may be deep inside Lexbor) and close the pipe."""
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        """Ask the process to finish, then make sure it has."""
        with contextlib.suppress(Exception):
            self.conn.send(None)
            self.proc.join(2)
        self.kill()


class ExtractPool:
    """A few extraction processes shared by one run; use as an async context manager.

    Workers start on first use (a run with nothing to fetch pays nothing) with the ``spawn``
    method: forking a process that holds DuckDB's and httpx's threads is not safe.
    """

    def __init__(self, workers: int | None = None, budget_s: float = 20.0) -> None:
        self.size = workers or max(1, min(2, os.cpu_count() or 1))
        self.budget_s = budget_s
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="mediespor-extract")
        #: Workers killed for running out of time or dying, and so replaced.
        self.replaced = 0

    def _new_worker(self) -> _Worker:
        worker = _Worker(self._ctx)
        self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.kill()
        self._all.remove(worker)
        self.replaced += 1
        return self._new_worker()

    async def extract(
        self, body: bytes, url: str, fetched_at: datetime | None
    ) -> Article | ExtractFailure:
        """The page's Article, or why there is none (out of time, worker crashed)."""
        try:
            return await self.call(extract, body, url, fetched_at)
        except Exception as exc:  # extract never raises on bad input; a bug costs one page
            return ExtractFailure(f"extraction failed: {type(exc).__name__}: {exc}")

    async def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in a worker (``fn`` a module-level function), or an
        ExtractFailure saying why not; what ``fn`` raises is raised here. ``args[0]``, when
        bytes or text, is the page."""
        loop = asyncio.get_running_loop()
        size = len(args[0]) if args and isinstance(args[0], bytes | str) else 0
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.size):
                self._idle.put_nowait(await loop.run_in_executor(self._threads, self._new_worker))
        worker = await self._idle.get()
        try:
            value = await loop.run_in_executor(
                self._threads, worker.call, (fn, args, kwargs), self.budget_s
            )
        except TimeoutError:
            worker = await loop.run_in_executor(self._threads, self._retire, worker)
            return ExtractFailure(
                f"extraction took longer than {self.budget_s:g} s (pathological page of "
                f"{size} bytes); cut off"
            )
        except (EOFError, OSError) as exc:
            worker = await loop.run_in_executor(self._threads, self._retire, worker)
            return ExtractFailure(f"extraction worker died: {type(exc).__name__}: {exc}")
        except asyncio.CancelledError:
            # The helper thread may still be talking to this worker: never hand it out again.
            worker = self._retire(worker)
            raise
        except Exception as exc:  # e.g. an answer that cannot be unpickled: this page only
            worker = await loop.run_in_executor(self._threads, self._retire, worker)
            return ExtractFailure(f"extraction failed: {type(exc).__name__}: {exc}")
        finally:
            self._idle.put_nowait(worker)
        ok, result = value
        if ok:
            return result
        if isinstance(result, Exception):
            raise result
        return ExtractFailure(str(result))

    def close(self) -> None:
        """Stop every worker and the helper threads."""
        for worker in self._all:
            worker.stop()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)

    async def __aenter__(self) -> ExtractPool:
        self._token = ACTIVE.set(self)
        return self

    async def __aexit__(self, *exc: object) -> None:
        ACTIVE.reset(self._token)
        await asyncio.get_running_loop().run_in_executor(None, self.close)


#: The pool of the running crawl; discovery parses its pages there too.
ACTIVE: ContextVar[ExtractPool | None] = ContextVar("mediespor_parse_pool", default=None)


class ParseCutOff(Exception):
    """A page could not be parsed in its worker (out of time, worker died): the reason."""


async def offload(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in the running crawl's worker pool, or here without one.

    Raises ParseCutOff with the reason when the worker gave the page up.
    """
    pool = ACTIVE.get()
    if pool is None:
        return fn(*args, **kwargs)
    result = await pool.call(fn, *args, **kwargs)
    if isinstance(result, ExtractFailure):
        raise ParseCutOff(result.reason)
    return result
