"""How long to wait before trying a request again (exponential backoff with jitter).

Which failures are worth another try is :func:`mediespor.failures.worth_retrying`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from mediespor.failures import RETRY_STATUSES


@dataclass
class RetryPolicy:
    """Bounded attempts; full-jitter exponential backoff; Retry-After honoured up to a cap."""

    max_attempts: int = 4
    base_s: float = 1.0
    max_backoff_s: float = 60.0
    max_retry_after_s: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.max_backoff_s, self.base_s * (2 ** (attempt - 1)))
        # Half fixed, half random: spreads retries without ever retrying immediately.
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def wait_for(self, attempt: int, retry_after: str | None, now: datetime | None = None) -> float:
        """Seconds to wait before the next attempt, preferring the server's Retry-After."""
        hinted = parse_retry_after(retry_after, now) if retry_after else None
        if hinted is not None:
            return min(hinted, self.max_retry_after_s)
        return self.backoff(attempt)


def parse_retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date; None when unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def should_retry_status(status: int) -> bool:
    """True for statuses that mean "later" (408, 429, 5xx gateway trouble)."""
    return status in RETRY_STATUSES
