"""Time limits of a crawl: a deadline for the whole run and a time budget for each host.

A slow host must not hold a nightly run hostage: a body dripping at one byte a second, or a
server that answers every request with "retry later", costs at most ``max_host_s`` of the run,
retries, waits and slow bodies included. When a host's budget or the run's deadline is spent,
its remaining URLs are not fetched but left pending in the frontier for the next night, with
the reason (``host_budget`` or ``deadline``) recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from mediespor.failures import FailureKind


@dataclass(frozen=True)
class TimeLeft:
    """Seconds a request to one host may still take, and which limit that is."""

    seconds: float
    #: HOST_BUDGET or DEADLINE: the limit that binds.
    kind: FailureKind
    reason: str

    @property
    def spent(self) -> bool:
        """True when nothing is left: the request must not be made."""
        return self.seconds <= 0


class TimeBudgets:
    """Tracks the run's deadline and the seconds charged to each host.

    A host is charged for the time its requests hold a connection slot (from sending until the
    body ends or is cut off) and for the waits between its retries; politeness delays, which
    the crawler chooses itself, are not charged.
    """

    def __init__(
        self, max_run_s: float, max_host_s: float, *, clock: Callable[[], float] = time.monotonic
    ):
        self.max_run_s = max_run_s
        self.max_host_s = max_host_s
        self._clock = clock
        self._deadline = clock() + max_run_s
        self._spent: dict[str, float] = {}

    def charge(self, host: str, seconds: float) -> None:
        """Count ``seconds`` against ``host``'s budget."""
        self._spent[host] = self._spent.get(host, 0.0) + max(0.0, seconds)

    def spent(self, host: str) -> float:
        """Seconds charged to ``host`` so far."""
        return self._spent.get(host, 0.0)

    def run_over(self) -> bool:
        """True once the run's deadline has passed."""
        return self._clock() >= self._deadline

    def left(self, host: str) -> TimeLeft:
        """How long a request to ``host`` may take now, bounded by both limits."""
        run_left = self._deadline - self._clock()
        host_left = self.max_host_s - self.spent(host)
        if run_left <= host_left:
            return TimeLeft(
                run_left, FailureKind.DEADLINE,
                f"the run's deadline (crawl.max_run_s = {self.max_run_s:g} s) has passed;"
                " left for the next run",
            )  # fmt: skip
        return TimeLeft(
            host_left, FailureKind.HOST_BUDGET,
            f"{host} used its time budget (crawl.max_host_s = {self.max_host_s:g} s) in this"
            " run; left for the next run",
        )  # fmt: skip
