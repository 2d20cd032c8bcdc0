"""Why a fetch gave no page, as one typed kind, and the one rule for trying it again.

The kinds' values are what ``fetches.error_kind``, ``frontier.last_error``, ``rejects`` and the
per-source error counts in ``runs.counts`` store, so they must never change spelling. The
fetcher retries a transient failure within a run (with backoff); the frontier keeps a URL
whose failure is still transient pending for a later run. Both ask :func:`worth_retrying`.
"""

from __future__ import annotations

from enum import StrEnum


class FailureKind(StrEnum):
    """Why a request gave no usable answer (a ``str``: it compares and stores as its value)."""

    # Refused before anything went on the wire.
    SCHEME = "scheme"
    INVALID_URL = "invalid_url"
    BLOCKED_ADDRESS = "blocked_address"
    ROBOTS = "robots"
    ROBOTS_UNAVAILABLE = "robots_unavailable"
    # Time or request budget spent: the URL waits for the next run, untried.
    HOST_BUDGET = "host_budget"
    DEADLINE = "deadline"
    BUDGET = "budget"
    # The connection.
    CONNECT = "connect"
    TIMEOUT = "timeout"
    RESET = "reset"
    TRUNCATED = "truncated"
    HTTP = "http"
    # The answer.
    HTTP_STATUS = "http_status"
    RETRY_AFTER = "retry_after"
    CONTENT_TYPE = "content_type"
    TOO_LARGE = "too_large"
    UNPARSEABLE = "unparseable"
    ENCODING = "encoding"
    BAD_HEADER = "bad_header"
    # Redirects.
    BAD_REDIRECT = "bad_redirect"
    REDIRECT_OUT_OF_SCOPE = "redirect_out_of_scope"
    REDIRECT_LOOP = "redirect_loop"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    # An archived record (a Common Crawl WARC record fetched by byte range).
    FETCH = "fetch"
    WARC = "warc"
    UNKNOWN = "unknown"

    @property
    def transient(self) -> bool:
        """Another attempt may well succeed (a later one in this run, or the next run)."""
        return self in _TRANSIENT

    @property
    def deferred(self) -> bool:
        """No request was made because time or the request budget ran out: not a failure."""
        return self in _DEFERRED

    @property
    def skipped(self) -> bool:
        """Final, but by rule rather than fault (robots.txt forbids it, a type we do not keep)."""
        return self in _SKIPPED


_TRANSIENT = frozenset(
    {
        FailureKind.CONNECT,
        FailureKind.TIMEOUT,
        FailureKind.RESET,
        FailureKind.TRUNCATED,
        FailureKind.HTTP,
        FailureKind.RETRY_AFTER,
        # robots.txt answered 5xx or not at all tonight; a rule that forbids is ``robots``.
        FailureKind.ROBOTS_UNAVAILABLE,
    }
)
_DEFERRED = frozenset({FailureKind.HOST_BUDGET, FailureKind.DEADLINE, FailureKind.BUDGET})
_SKIPPED = frozenset({FailureKind.ROBOTS, FailureKind.CONTENT_TYPE})

#: Statuses that say "try later" rather than "no".
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def worth_retrying(kind: FailureKind | None, status: int | None) -> bool:
    """The one retry rule: a transient failure, or a status that says "later"."""
    if kind is None or kind == FailureKind.HTTP_STATUS:
        return status in RETRY_STATUSES
    return FailureKind(kind).transient
