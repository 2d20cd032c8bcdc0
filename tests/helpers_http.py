"""A small, honest Getter over real HTTP (httpx) for discovery tests on 127.0.0.1.

It does what the production fetcher's ``get`` promises at the boundary: follows redirects,
sends If-None-Match / If-Modified-Since on conditional requests, passes extra headers, and turns
every failure into a FetchResult instead of raising. It has no politeness or WARC: the tests'
servers are local.
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from mediespor.failures import FailureKind
from mediespor.models import FetchResult


class HttpxGetter:
    """Getter for tests: one httpx.AsyncClient, remembered validators per URL."""

    def __init__(self, timeout: float = 10.0):
        self.client = httpx.AsyncClient(follow_redirects=True, timeout=timeout)
        self.validators: dict[str, dict[str, str]] = {}
        self.requested: list[tuple[str, dict[str, str]]] = []

    async def get(
        self,
        url: str,
        *,
        source: str,
        conditional: bool = True,
        headers: dict[str, str] | None = None,
        retry: bool = True,
        extra_types: frozenset[str] = frozenset(),
    ) -> FetchResult:
        """Fetch ``url`` (one attempt: ``retry`` is accepted and has nothing to turn off; every
        content type is kept, so ``extra_types`` has nothing to add)."""
        send = dict(headers or {})
        if conditional:
            send.update(self.validators.get(url, {}))
        self.requested.append((url, send))
        now = datetime.now(UTC)
        try:
            # Streamed so the response object does not keep its own reference to the body:
            # httpx responses sit in reference cycles, and a cached body would live until the
            # cyclic GC runs, holding several sitemaps' bytes at once.
            async with self.client.stream("GET", url, headers=send) as resp:
                chunks = [c async for c in resp.aiter_bytes()]
        except httpx.HTTPError as exc:
            return FetchResult(
                url=url,
                final_url=None,
                status=None,
                fetched_at=now,
                error_kind=FailureKind.HTTP,
                error=f"{type(exc).__name__}: {exc}",
            )
        hdrs = {k.lower(): v for k, v in resp.headers.items()}
        validators = {}
        if "etag" in hdrs:
            validators["If-None-Match"] = hdrs["etag"]
        if "last-modified" in hdrs:
            validators["If-Modified-Since"] = hdrs["last-modified"]
        if validators and 200 <= resp.status_code < 300:
            self.validators[url] = validators
        ok = 200 <= resp.status_code < 300
        return FetchResult(
            url=url,
            final_url=str(resp.url),
            status=resp.status_code,
            fetched_at=now,
            headers=hdrs,
            body=b"".join(chunks) if ok else None,
            content_type=hdrs.get("content-type", "").split(";")[0].strip() or None,
            encoding=resp.charset_encoding,
            not_modified=resp.status_code == 304,
            redirects=tuple(str(r.url) for r in resp.history),
        )

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self.client.aclose()
