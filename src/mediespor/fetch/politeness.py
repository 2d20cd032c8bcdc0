"""Politeness: per-host concurrency and minimum spacing, and a global cap over all hosts.

A request holds a slot for its host from start to the end of its body. The spacing is measured
between request starts, so a host sees at most one new request per delay whatever the latency;
with one request per host at a time (the default) it is also kept after each response ends, so
the gap holds at the server even when a request is slow to leave or arrive. The global cap is a
ceiling (:mod:`mediespor.fetch.ceiling`): fewer requests at once while the event loop has no CPU
to spare; the per-host limits and delays are kept exactly.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from mediespor.fetch.ceiling import CeilingLimit


@dataclass
class _HostState:
    slots: asyncio.Semaphore
    turn: asyncio.Lock
    next_start: float = 0.0


class Politeness:
    """Grants request slots so no host is hit harder than allowed."""

    def __init__(
        self,
        *,
        per_host: int,
        global_limit: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        self.per_host = per_host
        self._global = CeilingLimit(global_limit)
        self._hosts: dict[str, _HostState] = {}
        self._clock = clock
        self._sleep = sleep

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            state = _HostState(asyncio.Semaphore(self.per_host), asyncio.Lock())
            self._hosts[host] = state
        return state

    @asynccontextmanager
    async def slot(
        self, host: str, delay_s: float, *, wanted: Callable[[], bool] | None = None
    ) -> AsyncIterator[bool]:
        """Wait until ``host`` may get another request ``delay_s`` after the previous start.

        Yields True with the slot held. ``wanted`` is asked when this request's turn comes and
        again after its wait: once it says False (the host's time is up) the request gives its
        turn away at once and the block gets False, so a queue of requests that will not be
        sent does not wait out a delay each.
        """
        state = self._state(host)
        async with state.slots:
            async with state.turn:
                granted = wanted is None or wanted()
                wait = state.next_start - self._clock()
                if granted and wait > 0:
                    await self._sleep(wait)
                    granted = wanted is None or wanted()
                if granted:
                    # The global slot is taken last so that waiting out one host's delay never
                    # blocks requests to other hosts.
                    await self._global.acquire()
                    state.next_start = self._clock() + delay_s
            if not granted:
                yield False
                return
            try:
                yield True
            finally:
                self._global.release()
                if self.per_host == 1:
                    # One at a time: count the delay from the end of the response too, so the
                    # server sees the gap even when the request itself was slow to arrive.
                    state.next_start = max(state.next_start, self._clock() + delay_s)

    def push_back(self, host: str, seconds: float) -> None:
        """Keep ``host`` quiet for ``seconds`` (after a 429/503 with Retry-After)."""
        state = self._state(host)
        state.next_start = max(state.next_start, self._clock() + seconds)
