"""What the fetcher hands on: each finished exchange goes to sinks the crawl stage wires.

The fetcher keeps no database or files of its own. It writes the evidence of every exchange
to an :class:`ExchangeArchive` (the WARC files, :class:`mediespor.fetch.warc.WarcArchive`) and
records each finished request in a :class:`FetchRecorder` (the ``fetches`` table,
:class:`mediespor.store.fetches.FetchLog`), which also remembers validators for conditional
requests.
"""

from __future__ import annotations

from typing import Protocol

from mediespor.models import FetchLogEntry, Validators, WarcPointer

#: Response headers worth keeping in the DB (the full set is in the WARC record).
KEPT_HEADERS = (
    "content-type",
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "location",
    "retry-after",
    "cache-control",
    "server",
    "date",
)


def kept_headers(headers: list[tuple[str, str]]) -> dict[str, str]:
    """The subset of response headers stored in the ``fetches`` row."""
    out: dict[str, str] = {}
    for name, value in headers:
        low = name.lower()
        if low in KEPT_HEADERS and low not in out:
            out[low] = value
    return out


class ExchangeArchive(Protocol):
    """Where the evidence of each exchange is written; returns where it lives."""

    def write_exchange(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        http_version: str,
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        raw_body: bytes,
        truncated: str | None = None,
        peer_ip: str | None = None,
    ) -> WarcPointer:
        """Archive one request and its response as they came off the wire."""
        ...

    def write_error(
        self, *, url: str, error_kind: str, error: str, extra: dict | None = None
    ) -> WarcPointer:
        """Archive a request that got no response (refused, timed out, reset)."""
        ...

    def close(self) -> None:
        """Finish the current file."""
        ...


class FetchRecorder(Protocol):
    """Where each finished request is recorded, and what it remembers of earlier ones."""

    def add(self, entry: FetchLogEntry) -> int:
        """Record one request; return its ``fetch_id``."""
        ...

    def validators(self, url: str) -> Validators | None:
        """ETag / Last-Modified of the newest 200 or 304 response served at ``url``."""
        ...

    def flush(self) -> None:
        """Write what is queued now."""
        ...

    def take(self) -> list[tuple[int, FetchLogEntry]]:
        """Hand over the queued rows, to be written in the caller's transaction (the frontier
        commits them with the items that refer to them)."""
        ...

    def put_back(self, rows: list[tuple[int, FetchLogEntry]]) -> None:
        """Queue rows again after the caller's transaction rolled back."""
        ...
