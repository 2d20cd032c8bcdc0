"""What the fetcher hands on: each finished request goes to sinks the crawl stage wires.

The fetcher opens no database or files of its own. It is handed a
:class:`~mediespor.fetch.warc.WarcArchive` for the evidence of every exchange, and a
:class:`FetchRecorder` (the ``fetches`` table, :class:`mediespor.store.fetches.FetchLog`) that
records each finished request and remembers validators for conditional requests.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from mediespor.models import FetchLogEntry, Validators

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

    def take(self, pages: Collection[str] = ()) -> list[tuple[int, FetchLogEntry]]:
        """Hand over the queued rows of no page and those of ``pages``, to be written in the
        caller's transaction (the frontier commits them with the items that refer to them)."""
        ...

    def put_back(self, rows: list[tuple[int, FetchLogEntry]]) -> None:
        """Queue rows again after the caller's transaction rolled back."""
        ...
