"""Backoff bounds and Retry-After parsing."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from mediespor.fetch.retry import RetryPolicy, parse_retry_after

NOW = datetime(2017, 3, 1, 12, 0, 0, tzinfo=UTC)


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    policy = RetryPolicy(base_s=1.0, max_backoff_s=8.0, rng=random.Random(1))
    for attempt, ceiling in [(1, 1), (2, 2), (3, 4), (4, 8), (9, 8)]:
        waits = [policy.backoff(attempt) for _ in range(200)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
        assert len(set(waits)) > 100  # jittered, not fixed


def test_retry_after_seconds_and_dates():
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after("Wed, 01 Mar 2017 12:00:30 GMT", NOW) == 30.0
    assert parse_retry_after("Wed, 01 Mar 2017 11:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after("-5", NOW) is None


def test_wait_prefers_server_hint_up_to_cap():
    policy = RetryPolicy(base_s=1.0, max_retry_after_s=60.0, rng=random.Random(2))
    assert policy.wait_for(1, "30", NOW) == 30.0
    assert policy.wait_for(1, "3600", NOW) == 60.0
    assert 0.5 <= policy.wait_for(1, "garbage", NOW) <= 1.0
    assert 0.5 <= policy.wait_for(1, None, NOW) <= 1.0
