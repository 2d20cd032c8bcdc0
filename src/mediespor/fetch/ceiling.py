"""The global concurrency limit as a ceiling: fewer requests at once while the event loop has
no CPU to spare.

Requests beyond what the loop can turn around do not raise throughput: their responses wait in
socket buffers and their state in memory until the loop gets to them. On loopback, where the
loop is CPU-bound, 64 requests at once cost 7-10 % more CPU per page than 16 (measured with the
same pages, hosts, WARC and log; the Python work per page is the same, within 0.3 % of calls),
and a cap of 12 requests on the wire made 64 and 16 cost the same. So the limit a request waits
for moves between a floor and the configured ceiling, following how much of the time the loop's
thread wanted the CPU (running, or runnable and waiting for a core): it shrinks while that is
(nearly) all of the time and grows back as soon as the loop waits for the network, so a crawl
over real hosts, where the loop mostly waits, keeps the whole ceiling.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

#: The limit never drops below this (or the ceiling, if lower): enough requests to keep a busy
#: loop fed when responses come back fast, and the project's concurrency shapes below it are
#: never touched.
FLOOR = 16
#: Seconds between looks at the loop thread's CPU demand.
WINDOW_S = 0.05
#: Demand (share of the window the thread wanted the CPU) above which the limit shrinks ...
BUSY = 0.95
#: ... and below which it grows back.
SPARE = 0.85


def thread_demand() -> Callable[[], float]:
    """A clock of the calling thread's CPU demand: seconds it ran or waited for a core.

    Linux's per-thread schedstat counts both; elsewhere only the CPU time is known (a thread
    preempted by other processes then looks less busy than it is, and the limit stays higher).
    """
    stat = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")

    def from_schedstat() -> float:
        ran, waited, _ = stat.read_text().split()
        return (int(ran) + int(waited)) / 1e9

    try:
        from_schedstat()
    except (OSError, ValueError):
        return time.thread_time
    return from_schedstat


class CeilingLimit:
    """An async counting limit whose capacity moves between a floor and ``ceiling``.

    Waiters are served first come, first served; ``demand`` and ``clock`` are injectable so
    tests can play a busy or an idle loop.
    """

    def __init__(
        self,
        ceiling: int,
        *,
        demand: Callable[[], float] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.ceiling = ceiling
        self.floor = min(ceiling, FLOOR)
        #: Requests allowed at once now: from the floor up, as the loop shows CPU to spare (a
        #: crawl that waits on the network reaches the ceiling within a few windows).
        self.capacity = self.floor
        self.in_use = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._demand = demand
        self._clock = clock
        self._mark: tuple[float, float] | None = None
        self._tick: asyncio.TimerHandle | None = None

    async def acquire(self) -> None:
        """Wait for room, then take it."""
        if self._mark is None:
            # Measured from the first request on, in the thread that runs the event loop.
            self._demand = self._demand or thread_demand()
            self._mark = (self._clock(), self._demand())
        if self.in_use < self.capacity and not self._waiters:
            self.in_use += 1
            return
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        self._waiters.append(waiter)
        if self._tick is None:
            # Room may also come from a higher capacity, not only from a request ending: a
            # crawl whose requests all hang on slow hosts must still grow while the loop idles.
            self._tick = loop.call_later(WINDOW_S, self._on_tick)
        try:
            await waiter
        except BaseException:
            if not waiter.cancelled():
                self.release()  # handed room just as it was cancelled: give it on
            elif waiter in self._waiters:
                self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        """Give room back; look at the loop's demand once per window."""
        self.in_use -= 1
        self._adjust()
        self._wake()

    def _on_tick(self) -> None:
        self._tick = None
        self._adjust()
        self._wake()
        if self._waiters:
            self._tick = asyncio.get_running_loop().call_later(WINDOW_S, self._on_tick)

    def _wake(self) -> None:
        while self._waiters and self.in_use < self.capacity:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self.in_use += 1
                waiter.set_result(None)

    def _adjust(self) -> None:
        assert self._mark is not None and self._demand is not None
        now = self._clock()
        started, demanded = self._mark
        if now - started < WINDOW_S:
            return
        spent = self._demand()
        busy = (spent - demanded) / (now - started)
        self._mark = (now, spent)
        if busy >= BUSY:
            self.capacity = max(self.floor, self.capacity * 3 // 4)
        elif busy < SPARE:
            self.capacity = min(self.ceiling, self.capacity + max(1, self.capacity // 4))
