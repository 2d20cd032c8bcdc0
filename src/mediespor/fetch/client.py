"""The Fetcher: one polite, archived, retried HTTP GET at a time, as a :class:`FetchResult`.

Every problem the network or server can cause comes back in ``error_kind``/``error``; ``get``
never raises for them. Redirects are followed hop by hop so that each hop passes robots.txt,
the address check and the politeness gate of the host it lands on.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from mediespor.config.sources import CrawlSettings
from mediespor.fetch.body import (
    ACCEPT_ENCODING,
    BodyTooLarge,
    ContentEncodingError,
    Decoder,
    body_problem,
    detect_encoding,
    is_kept_type,
    media_type,
)
from mediespor.fetch.fetchlog import FetchLog, FetchLogEntry, Hop, kept_headers
from mediespor.fetch.politeness import Politeness
from mediespor.fetch.retry import (
    RETRY_ERRORS,
    RetryPolicy,
    parse_retry_after,
    should_retry_status,
)
from mediespor.fetch.robots import RobotsCache
from mediespor.fetch.safety import (
    AddressPolicy,
    BlockedAddress,
    check_host,
    check_peer,
    check_scheme,
    policy_for,
)
from mediespor.fetch.warc import WarcArchive, WarcPointer
from mediespor.models import FetchResult
from mediespor.store.db import Store, utcnow

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,"
    "application/atom+xml,application/json;q=0.8,*/*;q=0.5"
)
#: Error pages and redirects are archived as evidence, but no more of them than this.
_NON_2XX_BODY_LIMIT = 256 * 1024


@dataclass
class _Attempt:
    """The outcome of one request on the wire."""

    url: str
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    raw_size: int = 0
    error_kind: str | None = None
    error: str | None = None
    warc: WarcPointer | None = None
    pending_warc: Callable[[], WarcPointer] | None = None

    def header(self, name: str) -> str | None:
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return None

    @property
    def retryable(self) -> bool:
        if self.error_kind in RETRY_ERRORS:
            return True
        return (
            self.error_kind is None and self.status is not None and should_retry_status(self.status)
        )


class Fetcher:
    """Async HTTP client with robots.txt, politeness, retries, limits and WARC archiving.

    Use as ``async with Fetcher(settings, store, warc_dir, run_id=..., source_delays=...)``.
    ``sleep`` and ``retry`` are injectable so tests can shorten waits and observe them.
    """

    def __init__(
        self,
        settings: CrawlSettings,
        store: Store,
        warc_dir: Path,
        *,
        run_id: int | None = None,
        source_delays: dict[str, float] | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        address_policy: AddressPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.settings = settings
        self.store = store
        self.run_id = run_id
        self.source_delays = dict(source_delays or {})
        self.retry = retry or RetryPolicy(
            max_attempts=settings.max_attempts, max_retry_after_s=settings.max_retry_after_s
        )
        self._sleep = sleep
        if address_policy is None:
            address_policy = policy_for(settings.allow_private_addresses, settings.allowed_networks)
        self.address_policy = address_policy
        self.log = FetchLog(store.con)
        self.archive = WarcArchive(Path(warc_dir), max_bytes=settings.warc_max_bytes)
        self.politeness = Politeness(
            per_host=settings.per_host, global_limit=settings.global_concurrency, sleep=sleep
        )
        agent = settings.user_agent
        if settings.contact_url and settings.contact_url not in agent:
            agent = f"{agent} (+{settings.contact_url})"
        self.user_agent = agent
        self.robots = RobotsCache(self._fetch_robots, agent)
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            http2=True,
            follow_redirects=False,
            transport=self._transport,
            timeout=httpx.Timeout(
                connect=s.connect_timeout_s,
                read=s.read_timeout_s,
                write=s.read_timeout_s,
                pool=s.total_timeout_s,
            ),
            limits=httpx.Limits(
                max_connections=s.global_concurrency,
                max_keepalive_connections=s.global_concurrency,
            ),
            headers={
                "User-Agent": self.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": ACCEPT_ENCODING,
                "Accept-Language": "da, en;q=0.7",
            },
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def flush_log(self) -> None:
        """Write queued ``fetches`` rows now (they are also written in batches and on close)."""
        self.log.flush()

    async def aclose(self) -> None:
        """Close connections and the current WARC file; write queued fetch rows."""
        self.log.flush()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        self.archive.close()

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
        """Fetch ``url`` for ``source``; network and HTTP problems come back in the result.

        ``headers`` adds request headers (e.g. ``Range`` for one record of a Common Crawl WARC).
        ``retry=False`` makes one attempt only: the Wayback CDX API blocks clients that retry
        after its 429s. ``extra_types`` keeps bodies of further content types (a WARC record).
        """
        return await self._get(
            url, source=source, conditional=conditional, obey_robots=True, headers=headers,
            retry=retry, extra_types=extra_types,
        )  # fmt: skip

    async def _fetch_robots(self, url: str) -> FetchResult:
        return await self._get(
            url,
            source="robots",
            conditional=False,
            obey_robots=False,
            extra_types=frozenset({"text/plain"}),
            max_redirects=5,
        )

    def delay_for(self, source: str, url: str) -> float:
        """Seconds between requests to ``url``'s host: the source's delay or Crawl-delay."""
        base = self.source_delays.get(source, self.settings.delay_s)
        robots_delay = self.robots.crawl_delay(url) if self.settings.obey_robots else None
        return max(base, robots_delay or 0.0)

    async def _get(
        self,
        url: str,
        *,
        source: str,
        conditional: bool,
        obey_robots: bool,
        extra_types: frozenset[str] = frozenset(),
        max_redirects: int | None = None,
        headers: dict[str, str] | None = None,
        retry: bool = True,
    ) -> FetchResult:
        if self._client is None:
            raise RuntimeError("use 'async with Fetcher(...)' before calling get()")
        fetched_at = utcnow()
        started = time.perf_counter()
        limit = self.settings.max_redirects if max_redirects is None else max_redirects
        hops: list[Hop] = []
        seen: set[str] = set()
        current = url
        attempts = 0
        validators = None
        last: _Attempt | None = None
        try:
            check_scheme(url)
        except BlockedAddress as exc:
            return self._finish(
                url, source, fetched_at, started, _Attempt(url, error_kind="scheme", error=str(exc)),
                hops, attempts, extra_types, None,
            )  # fmt: skip
        while True:
            seen.add(current)
            refused = await self._refuse_address(current)
            if refused is not None:
                last = refused
                break
            if obey_robots and self.settings.obey_robots:
                decision = await self.robots.check(current)
                if not decision.allowed:
                    refused = _Attempt(current, error_kind="robots", error=decision.reason)
                    refused.warc = self.archive.write_error(
                        url=current, error_kind="robots", error=decision.reason
                    )
                    return self._finish(
                        url, source, fetched_at, started, refused, hops, attempts, extra_types,
                        None,
                    )  # fmt: skip
            validators = self.log.validators(current) if conditional else None
            last, n = await self._with_retries(
                current, source, validators, extra_types, headers, retry=retry
            )
            attempts += n
            location = last.header("location")
            if last.error_kind is None and last.status in REDIRECT_STATUSES and location:
                hops.append(Hop(current, last.status))
                try:
                    target = urljoin(current, location.strip())
                    check_scheme(target)
                except (ValueError, BlockedAddress) as exc:
                    last.error_kind, last.error = "redirect", f"bad redirect target: {exc}"
                    break
                if target in seen:
                    last.error_kind = "redirect_loop"
                    last.error = f"redirect loop: {current} → {target} was already visited"
                    break
                if len(hops) > limit:
                    last.error_kind = "too_many_redirects"
                    last.error = f"more than {limit} redirects"
                    break
                current = target
                continue
            break
        return self._finish(
            url, source, fetched_at, started, last, hops, attempts, extra_types, validators
        )

    async def _refuse_address(self, url: str) -> _Attempt | None:
        # Checked before robots.txt too, so a forbidden host is not even asked for its rules.
        parts = urlsplit(url)
        try:
            await check_host(parts.hostname or "", parts.port or 0, self.address_policy)
        except BlockedAddress as exc:
            out = _Attempt(url, error_kind="blocked_address", error=str(exc))
            out.warc = self.archive.write_error(url=url, error_kind=out.error_kind, error=out.error)
            return out
        return None

    async def _with_retries(
        self,
        url: str,
        source: str,
        validators,
        extra_types: frozenset[str],
        extra_headers: dict[str, str] | None = None,
        *,
        retry: bool = True,
    ) -> tuple[_Attempt, int]:
        attempt = 1
        max_attempts = self.retry.max_attempts if retry else 1
        while True:
            outcome = await self._attempt(url, source, validators, extra_types, extra_headers)
            if not outcome.retryable or attempt >= max_attempts:
                return outcome, attempt
            retry_after = outcome.header("retry-after") if outcome.status else None
            hinted = parse_retry_after(retry_after) if retry_after else None
            wait = self.retry.wait_for(attempt, retry_after)
            if hinted is not None and hinted > self.retry.max_retry_after_s:
                outcome.error_kind = "retry_after"
                outcome.error = (
                    f"status {outcome.status}: Retry-After {retry_after!r} exceeds the cap of "
                    f"{self.retry.max_retry_after_s:g} s; not retried"
                )
                return outcome, attempt
            host = (urlsplit(url).hostname or "").lower()
            if hinted is not None:
                # The server asked for quiet: the host's gate makes this and every other request
                # to it wait, so the pause is not slept twice.
                self.politeness.push_back(host, wait)
            else:
                await self._sleep(wait)
            attempt += 1

    async def _attempt(
        self,
        url: str,
        source: str,
        validators,
        extra_types: frozenset[str],
        extra_headers: dict[str, str] | None = None,
    ) -> _Attempt:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        out = _Attempt(url)
        headers: dict[str, str] = dict(extra_headers or {})
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        async with self.politeness.slot(host, self.delay_for(source, url)):
            try:
                async with asyncio.timeout(self.settings.total_timeout_s):
                    await self._exchange(url, host, headers, extra_types, out)
            except TimeoutError:
                out.error_kind = "timeout"
                out.error = f"no complete response within {self.settings.total_timeout_s:g} s"
        if out.pending_warc is not None:
            out.warc = out.pending_warc()
            out.pending_warc = None
        if out.warc is None:
            out.warc = self.archive.write_error(
                url=url, error_kind=out.error_kind or "unknown", error=out.error or ""
            )
        return out

    async def _exchange(
        self,
        url: str,
        host: str,
        headers: dict[str, str],
        extra_types: frozenset[str],
        out: _Attempt,
    ) -> None:
        assert self._client is not None
        request: httpx.Request | None = None
        raw: list[bytes] = []
        truncated: str | None = None
        response: httpx.Response | None = None
        peer_ip: str | None = None
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                stream = response.extensions.get("network_stream")
                addr = stream.get_extra_info("server_addr") if stream is not None else None
                peer_ip = addr[0] if addr else None
                check_peer(peer_ip, host, self.address_policy)
                out.status = response.status_code
                # Raw pairs keep the server's spelling of header names for the WARC record.
                out.headers = [
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw
                ]
                ctype = response.headers.get("content-type")
                success = 200 <= response.status_code < 300
                if success and not is_kept_type(ctype, extra_types):
                    out.error_kind = "content_type"
                    out.error = f"content type {media_type(ctype)!r} is not kept"
                    truncated = "unwanted-type"
                elif response.status_code != 304:
                    limit = self.settings.max_body_bytes if success else _NON_2XX_BODY_LIMIT
                    decoder = Decoder(response.headers.get("content-encoding"), limit)
                    try:
                        async for chunk in response.aiter_raw():
                            raw.append(chunk)
                            out.raw_size += len(chunk)
                            if out.raw_size > limit:
                                raise BodyTooLarge(f"body exceeds {limit} bytes")
                            decoder.feed(chunk)
                        body = decoder.finish()
                    except BodyTooLarge as exc:
                        truncated = "length"
                        if success:
                            out.error_kind, out.error = "too_large", str(exc)
                    else:
                        problem = body_problem(body, ctype) if success else None
                        if problem:
                            out.error_kind, out.error = "unparseable", problem
                        elif success:
                            out.body = body
            finally:
                await response.aclose()
        except BlockedAddress as exc:
            out.error_kind, out.error = "blocked_address", str(exc)
            truncated = "blocked"
        except ContentEncodingError as exc:
            out.error_kind, out.error = "encoding", str(exc)
            truncated = "unsupported-encoding"
        except httpx.TimeoutException as exc:
            out.error_kind, out.error = "timeout", f"{type(exc).__name__}: {exc or 'timed out'}"
            truncated = "time"
        except httpx.ConnectError as exc:
            out.error_kind, out.error = "connect", f"cannot connect: {exc}"
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            got_response = out.status is not None
            out.error_kind = "truncated" if got_response else "reset"
            out.error = f"{type(exc).__name__}: {exc}"
            truncated = "disconnect"
        except httpx.HTTPError as exc:
            out.error_kind, out.error = "http", f"{type(exc).__name__}: {exc}"
        except (httpx.InvalidURL, ValueError) as exc:  # URLs httpx refuses to send
            out.error_kind, out.error = "invalid_url", f"{type(exc).__name__}: {exc}"
        except asyncio.CancelledError:
            # The total timeout cancels us mid-body: keep what arrived as evidence.
            truncated = "time"
            raise
        finally:
            if out.status is not None and response is not None and request is not None:
                # Written once the host's slot is released: compressing a big body should not
                # hold back the next request to the host.
                out.pending_warc = functools.partial(
                    self.archive.write_exchange,
                    url=url,
                    method="GET",
                    request_headers=[
                        (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
                    ],
                    http_version=response.http_version,
                    status=out.status,
                    reason=response.reason_phrase,
                    response_headers=out.headers,
                    raw_body=b"".join(raw),
                    truncated=truncated,
                    peer_ip=peer_ip,
                )
        if out.error_kind is not None and out.body is not None:
            out.body = None

    def _finish(
        self,
        url: str,
        source: str,
        fetched_at: datetime,
        started: float,
        last: _Attempt,
        hops: list[Hop],
        attempts: int,
        extra_types: frozenset[str],
        validators,
    ) -> FetchResult:
        headers = {k.lower(): v for k, v in last.headers}
        status = last.status
        ctype = headers.get("content-type")
        body = last.body if last.error_kind is None and status and 200 <= status < 300 else None
        not_modified = last.error_kind is None and status == 304
        error_kind, error = last.error_kind, last.error
        if error_kind is None and status is not None and status >= 400:
            error_kind, error = "http_status", f"HTTP {status}"
        encoding = detect_encoding(body, ctype) if body is not None else None
        row_headers = kept_headers(last.headers)
        if not_modified and validators is not None:
            # Keep the validators on the 304 row so the next run can ask again.
            if validators.etag and "etag" not in row_headers:
                row_headers["etag"] = validators.etag
            if validators.last_modified and "last-modified" not in row_headers:
                row_headers["last-modified"] = validators.last_modified
        entry = FetchLogEntry(
            url=url,
            fetched_at=fetched_at,
            run_id=self.run_id,
            source=source,
            final_url=last.url,
            status=status,
            redirects=tuple(hops),
            headers=row_headers,
            content_type=media_type(ctype),
            body_sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
            body_bytes=len(body) if body is not None else None,
            warc=last.warc,
            error_kind=error_kind,
            error=error,
            attempts=max(attempts, 1),
            elapsed_ms=round((time.perf_counter() - started) * 1000, 3),
        )
        fetch_id = self.log.add(entry)
        return FetchResult(
            url=url,
            final_url=last.url,
            status=status,
            fetched_at=fetched_at,
            headers=headers,
            body=body,
            content_type=media_type(ctype),
            encoding=encoding,
            not_modified=not_modified,
            error_kind=error_kind,
            error=error,
            redirects=tuple(h.url for h in hops),
            fetch_id=fetch_id,
        )
