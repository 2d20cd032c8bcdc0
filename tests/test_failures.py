"""The failure kinds and the one rule for retrying them."""

from __future__ import annotations

import json

import pytest

from mediespor.failures import FailureKind, worth_retrying


def test_statuses_that_say_later_are_retried_and_others_not():
    for status in (408, 429, 500, 502, 503, 504):
        assert worth_retrying(None, status)  # an answer on the wire (the fetcher's view)
        assert worth_retrying(FailureKind.HTTP_STATUS, status)  # the frontier's view
    for status in (200, 301, 400, 401, 403, 404, 410, 501):
        assert not worth_retrying(None, status)
        assert not worth_retrying(FailureKind.HTTP_STATUS, status)


def test_network_trouble_is_transient_and_refusals_are_final():
    transient = {"connect", "timeout", "reset", "truncated", "http", "retry_after",
                 "robots_unavailable"}  # fmt: skip
    assert {k.value for k in FailureKind if k.transient} == transient
    for kind in FailureKind:
        assert worth_retrying(kind, None) is (kind.value in transient)
    assert not FailureKind.ROBOTS.transient and FailureKind.ROBOTS.skipped
    assert FailureKind.CONTENT_TYPE.skipped and not FailureKind.HTTP_STATUS.skipped


def test_out_of_time_or_requests_is_deferred_not_failed():
    assert {k for k in FailureKind if k.deferred} == {
        FailureKind.HOST_BUDGET, FailureKind.DEADLINE, FailureKind.BUDGET,
    }  # fmt: skip
    assert not any(k.deferred and (k.transient or k.skipped) for k in FailureKind)


def test_kinds_store_and_compare_as_their_old_strings():
    assert FailureKind.TIMEOUT == "timeout" and f"{FailureKind.HTTP_STATUS}" == "http_status"
    assert json.dumps({FailureKind.RESET: FailureKind.RESET}) == '{"reset": "reset"}'
    assert FailureKind("too_large") is FailureKind.TOO_LARGE
    with pytest.raises(ValueError):
        FailureKind("protocol")  # listed as retryable once, never produced


def test_every_kind_is_documented_in_the_schema():
    import re
    from pathlib import Path

    schema = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text("utf-8")
    assert [k.value for k in FailureKind if not re.search(f"`{k.value}[`:]", schema)] == []
