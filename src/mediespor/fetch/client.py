"""The Fetcher: one polite, archived, retried HTTP GET at a time, as a :class:`FetchResult`.

Every problem the network or server can cause comes back in ``error_kind``/``error``; ``get``
never raises for them. Redirects are followed hop by hop so that each hop passes robots.txt,
the address check and the politeness gate of the host it lands on.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import re
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from mediespor.config.sources import CrawlSettings
from mediespor.failures import FailureKind, worth_retrying
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
from mediespor.fetch.budget import TimeBudgets, TimeLeft
from mediespor.fetch.politeness import Politeness
from mediespor.fetch.pools import PerOriginTransport
from mediespor.fetch.retry import RetryPolicy, parse_retry_after
from mediespor.fetch.robots import ROBOTS_PARSE_BYTES, RobotsCache
from mediespor.fetch.safety import (
    AddressPolicy,
    BlockedAddress,
    check_host,
    check_peer,
    check_scheme,
    policy_for,
)
from mediespor.fetch.sinks import FetchRecorder, kept_headers
from mediespor.fetch.warc import WarcArchive
from mediespor.models import FetchLogEntry, FetchResult, Hop, Validators, WarcPointer
from mediespor.urls import host_of

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,"
    "application/atom+xml,application/json;q=0.8,*/*;q=0.5"
)
#: Error pages and redirects are archived as evidence, but no more of them than this.
_NON_2XX_BODY_LIMIT = 256 * 1024


#: Set while a frontier entry (an article discovered in a source) is fetched: its redirects
#: must stay within that source's allowed domains. Discovery's own requests (a feed moving to
#: a feed host) are not gated.
ARTICLE_FETCH: ContextVar[bool] = ContextVar("ARTICLE_FETCH", default=False)
#: ``gate(source, url)``: why ``url`` is outside ``source``'s allowed domains, or None.
RedirectGate = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class _Want:
    """What one request accepts beyond an ordinary page."""

    extra_types: frozenset[str] = frozenset()
    #: Any content type (robots.txt is read whatever its server calls it).
    any_type: bool = False
    #: Keep the first this many bytes of a longer body instead of refusing it (robots.txt).
    prefix_bytes: int | None = None
    #: Refuse empty and binary bodies (robots.txt: an empty file is valid, RFC 9309 reads any).
    check_body: bool = True


_PAGE = _Want()
#: RFC 9309 §2.5: parse at least the first 500 KiB of a robots.txt, however long the file is.
_ROBOTS = _Want(any_type=True, prefix_bytes=ROBOTS_PARSE_BYTES, check_body=False)


@dataclass
class _Attempt:
    """The outcome of one request on the wire."""

    url: str
    status: int | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None
    raw_size: int = 0
    error_kind: FailureKind | None = None
    error: str | None = None
    warc: WarcPointer | None = None
    pending_warc: Callable[[], WarcPointer] | None = None
    #: Retrying cannot help (a body too slow for the total timeout, a malformed header).
    final: bool = False

    def header(self, name: str) -> str | None:
        low = name.lower()
        for k, v in self.headers:
            if k.lower() == low:
                return v
        return None

    @property
    def retryable(self) -> bool:
        return not self.final and worth_retrying(self.error_kind, self.status)


@dataclass
class _Trip:
    """One logical request as it follows redirects: where it is now and what happened so far."""

    url: str
    source: str
    want: _Want
    conditional: bool = True
    headers: dict[str, str] | None = None
    retry: bool = True
    max_redirects: int = 10
    #: The URL the next request goes to (a redirect target, or the slash form of ``url``).
    current: str = ""
    hops: list[Hop] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    attempts: int = 0
    #: Validators sent with the current request (a conditional GET).
    validators: Validators | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        self.current = self.current or self.url


@dataclass
class _Wire:
    """What went over the wire in one exchange, kept for its WARC record."""

    request: httpx.Request | None = None
    response: httpx.Response | None = None
    raw: list[bytes] = field(default_factory=list)
    #: Why the archived body is incomplete (WARC-Truncated), if it is.
    truncated: str | None = None
    peer_ip: str | None = None


@dataclass(frozen=True)
class _Failure:
    """What an exception during an exchange means."""

    kind: FailureKind
    message: str
    #: Why the archived body is incomplete; None keeps what the exchange said so far.
    truncated: str | None = None
    #: Another attempt would fail the same way.
    final: bool = False


class Fetcher:
    """Async HTTP client with robots.txt, politeness, retries, limits and WARC archiving.

    Use as ``async with Fetcher(settings, log=..., archive=..., run_id=...)``: each finished
    request goes to ``log`` (the ``fetches`` table) and its evidence to ``archive`` (WARC
    files); the crawl stage wires both (:func:`mediespor.crawl.wiring.open_fetcher`). ``sleep`` and
    ``retry`` are injectable so tests can shorten waits and observe them.
    """

    def __init__(
        self,
        settings: CrawlSettings,
        *,
        log: FetchRecorder,
        archive: WarcArchive,
        run_id: int | None = None,
        source_delays: dict[str, float] | None = None,
        redirect_gate: RedirectGate | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        address_policy: AddressPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.settings = settings
        self.run_id = run_id
        self.source_delays = dict(source_delays or {})
        self.redirect_gate = redirect_gate
        #: Origins seen redirecting ``/x`` to ``/x/``: canonical URLs drop the slash, so asking
        #: these hosts for an article's slashed form directly saves a redirect per page.
        self._slash_origins: set[str] = set()
        self.retry = retry or RetryPolicy(
            max_attempts=settings.max_attempts, max_retry_after_s=settings.max_retry_after_s
        )
        self._sleep = sleep
        if address_policy is None:
            address_policy = policy_for(settings.allow_private_addresses, settings.allowed_networks)
        self.address_policy = address_policy
        self.log = log
        self.archive = archive
        self.politeness = Politeness(
            per_host=settings.per_host, global_limit=settings.global_concurrency, sleep=sleep
        )
        agent = settings.user_agent
        if settings.contact_url and settings.contact_url not in agent:
            agent = f"{agent} (+{settings.contact_url})"
        self.user_agent = agent
        self.robots = RobotsCache(self._fetch_robots, agent)
        #: The run's deadline and per-host time budgets (they start with the fetcher).
        self.budgets = TimeBudgets(settings.max_run_s, settings.max_host_s)
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        # A pool per origin sized to the per-host limit (see fetch/pools.py: one shared pool
        # slows down as it grows); Politeness holds the global limit.
        transport = self._transport or PerOriginTransport(s.per_host, http2=True)
        self._client = httpx.AsyncClient(
            http2=True,
            follow_redirects=False,
            transport=transport,
            timeout=httpx.Timeout(
                connect=s.connect_timeout_s,
                read=s.read_timeout_s,
                write=s.read_timeout_s,
                pool=s.total_timeout_s,
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
        """Write queued ``fetches`` rows now (the frontier writes them with its pages; the rest
        are written on close)."""
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
            retry=retry, want=_Want(extra_types=extra_types) if extra_types else _PAGE,
        )  # fmt: skip

    async def _fetch_robots(self, url: str) -> FetchResult:
        return await self._get(
            url,
            source="robots",
            conditional=False,
            obey_robots=False,
            want=_ROBOTS,
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
        want: _Want = _PAGE,
        max_redirects: int | None = None,
        headers: dict[str, str] | None = None,
        retry: bool = True,
    ) -> FetchResult:
        if self._client is None:
            raise RuntimeError("use 'async with Fetcher(...)' before calling get()")
        trip = _Trip(
            url, source, want, conditional=conditional, headers=headers, retry=retry,
            max_redirects=self.settings.max_redirects if max_redirects is None else max_redirects,
        )  # fmt: skip
        if ARTICLE_FETCH.get() and _origin(url) in self._slash_origins:
            trip.current = _with_slash(url)
        try:
            check_scheme(url)
        except BlockedAddress as exc:
            return self._finish(trip, _Attempt(url, error_kind=FailureKind.SCHEME, error=str(exc)))
        while True:
            trip.seen.add(trip.current)
            left = self.budgets.left(host_of(trip.current))
            if left.spent:
                return self._deferred(trip, left)
            refused = await self._refuse_address(trip.current)
            if refused is not None:
                return self._finish(trip, refused)
            if obey_robots and self.settings.obey_robots:
                stop = await self._robots_stop(trip)
                if stop is not None:
                    return stop
            trip.validators = self.log.validators(trip.current) if conditional else None
            last, n = await self._with_retries(trip)
            trip.attempts += n
            if last.error_kind and last.error_kind.deferred and not trip.hops:
                # Time ran out before the first request went out: nothing happened on the wire.
                return self._deferred(trip, self.budgets.left(host_of(trip.current)))
            if self._follow_redirect(trip, last) or self._try_slash(trip, last):
                continue
            return self._finish(trip, last)

    async def _robots_stop(self, trip: _Trip) -> FetchResult | None:
        """The result when robots.txt forbids the current URL (or could not be read in time)."""
        current = trip.current
        decision = await self.robots.check(current)
        if decision.allowed:
            return None
        left = self.budgets.left(host_of(current))
        if left.spent:
            # robots.txt itself could not be fetched in time: not a refusal by the host.
            return self._deferred(trip, left)
        kind = FailureKind.ROBOTS_UNAVAILABLE if decision.temporary else FailureKind.ROBOTS
        refused = _Attempt(current, error_kind=kind, error=decision.reason)
        refused.warc = self.archive.write_error(url=current, error_kind=kind, error=decision.reason)
        trip.validators = None
        return self._finish(trip, refused)

    def _follow_redirect(self, trip: _Trip, last: _Attempt) -> bool:
        """True when ``last`` redirects somewhere allowed (``trip`` now points there); a
        redirect that must not be followed is recorded in ``last`` as the failure."""
        location = last.header("location")
        if not (last.error_kind is None and last.status in REDIRECT_STATUSES and location):
            return False
        current = trip.current
        trip.hops.append(Hop(current, last.status))
        try:
            target = urljoin(current, location.strip())
            check_scheme(target)
        except (ValueError, BlockedAddress) as exc:
            last.error_kind, last.error = FailureKind.BAD_REDIRECT, f"bad redirect target: {exc}"
            return False
        if target == _with_slash(current):
            self._slash_origins.add(_origin(current))
        outside = self._outside_scope(trip.source, target)
        if outside is not None:
            last.error_kind, last.error = FailureKind.REDIRECT_OUT_OF_SCOPE, outside
        elif target in trip.seen:
            last.error_kind = FailureKind.REDIRECT_LOOP
            last.error = f"redirect loop: {current} → {target} was already visited"
        elif len(trip.hops) > trip.max_redirects:
            last.error_kind = FailureKind.TOO_MANY_REDIRECTS
            last.error = f"more than {trip.max_redirects} redirects"
        else:
            trip.current = target
            return True
        return False

    def _try_slash(self, trip: _Trip, last: _Attempt) -> bool:
        """True when a 404 should be asked again with a trailing slash (``trip`` points there).

        Canonical keys drop a trailing slash; a strict server that knows only "/x/" answers 404
        for "/x" instead of redirecting. Ask once for the slash form before calling the page
        gone, and remember the host if that was it.
        """
        current = trip.current
        slashed = _with_slash(current)
        if (
            last.status == 404
            and ARTICLE_FETCH.get()
            and slashed != current
            and slashed not in trip.seen
            and _origin(current) not in self._slash_origins
        ):
            trip.hops.append(Hop(current, 404))
            trip.current = slashed
            self._slash_origins.add(_origin(slashed))
            return True
        if last.status == 404 and trip.hops and trip.hops[-1].status == 404:
            # The slash form was no better: the host is not a slash host after all.
            self._slash_origins.discard(_origin(current))
        return False

    def _outside_scope(self, source: str, target: str) -> str | None:
        """Why an article's redirect to ``target`` leaves its source's domains, or None."""
        if self.redirect_gate is None or not ARTICLE_FETCH.get():
            return None
        why = self.redirect_gate(source, target)
        return f"redirect refused: {why}" if why else None

    async def _refuse_address(self, url: str) -> _Attempt | None:
        # Checked before robots.txt too, so a forbidden host is not even asked for its rules.
        parts = urlsplit(url)
        try:
            await check_host(parts.hostname or "", parts.port or 0, self.address_policy)
        except BlockedAddress as exc:
            out = _Attempt(url, error_kind=FailureKind.BLOCKED_ADDRESS, error=str(exc))
            out.warc = self.archive.write_error(url=url, error_kind=out.error_kind, error=out.error)
            return out
        return None

    async def _with_retries(self, trip: _Trip) -> tuple[_Attempt, int]:
        """Request ``trip.current`` until an answer is final or the attempts are used up;
        return the last answer and the number of attempts made."""
        attempt = 1
        max_attempts = self.retry.max_attempts if trip.retry else 1
        host = host_of(trip.current)
        previous: _Attempt | None = None
        while True:
            outcome = await self._attempt(trip)
            if previous is not None and outcome.error_kind and outcome.error_kind.deferred:
                # Time ran out while waiting to retry: the last real answer is the outcome.
                previous.error = (
                    f"{previous.error or f'status {previous.status}'}; not retried: {outcome.error}"
                )
                return previous, attempt - 1
            if not outcome.retryable or attempt >= max_attempts:
                return outcome, attempt
            retry_after = outcome.header("retry-after") if outcome.status else None
            hinted = parse_retry_after(retry_after) if retry_after else None
            wait = self.retry.wait_for(attempt, retry_after)
            if hinted is not None and hinted > self.retry.max_retry_after_s:
                outcome.error_kind = FailureKind.RETRY_AFTER
                outcome.error = (
                    f"status {outcome.status}: Retry-After {retry_after!r} exceeds the cap of "
                    f"{self.retry.max_retry_after_s:g} s; not retried"
                )
                return outcome, attempt
            left = self.budgets.left(host)
            if wait >= left.seconds:
                # The wait alone would spend the host's budget or pass the deadline: the failure
                # stands as it is, and the frontier tries the URL again in a later run.
                outcome.error = (
                    f"{outcome.error or f'status {outcome.status}'}; not retried: {left.reason}"
                )
                return outcome, attempt
            self.budgets.charge(host, wait)
            previous = outcome
            if hinted is not None:
                # The server asked for quiet: the host's gate makes this and every other request
                # to it wait, so the pause is not slept twice.
                self.politeness.push_back(host, wait)
            else:
                await self._sleep(wait)
            attempt += 1

    async def _attempt(self, trip: _Trip) -> _Attempt:
        """One request within the host's politeness slot and time budget, archived."""
        url, validators = trip.current, trip.validators
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        out = _Attempt(url)
        headers: dict[str, str] = dict(trip.headers or {})
        if validators is not None:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified

        def in_time() -> bool:
            return not self.budgets.left(host).spent

        delay = self.delay_for(trip.source, url)
        async with self.politeness.slot(host, delay, wanted=in_time) as ok:
            left = self.budgets.left(host)
            if not ok or left.spent:
                out.error_kind, out.error = left.kind, left.reason
                return out
            total = self.settings.total_timeout_s
            began = time.monotonic()
            try:
                async with asyncio.timeout(min(total, left.seconds)):
                    await self._exchange(url, host, headers, trip.want, out)
            except TimeoutError:
                out.error_kind = FailureKind.TIMEOUT
                # The server answers, only too slowly (a body or headers dripping in): another
                # attempt would cost the same again, so it is not retried.
                out.final = True
                out.error = _cut_off(total, left)
            finally:
                self.budgets.charge(host, time.monotonic() - began)
        if out.pending_warc is not None:
            out.warc = out.pending_warc()
            out.pending_warc = None
        if out.warc is None:
            out.warc = self.archive.write_error(
                url=url, error_kind=out.error_kind or FailureKind.UNKNOWN, error=out.error or ""
            )
        return out

    async def _exchange(
        self,
        url: str,
        host: str,
        headers: dict[str, str],
        want: _Want,
        out: _Attempt,
    ) -> None:
        """One GET on the wire: its head, its body, and what went wrong, recorded in ``out``."""
        assert self._client is not None
        wire = _Wire()
        try:
            wire.request = self._client.build_request("GET", url, headers=headers)
            wire.response = await self._client.send(wire.request, stream=True)
            try:
                self._read_head(wire, host, out)
                await self._read_body(wire, want, out)
            finally:
                await wire.response.aclose()
        except asyncio.CancelledError:
            # The total timeout cancels us mid-body: keep what arrived as evidence.
            wire.truncated = "time"
            raise
        except Exception as exc:
            failure = _failure_of(exc, got_response=out.status is not None)
            if failure is None:
                raise
            out.error_kind, out.error, out.final = failure.kind, failure.message, failure.final
            wire.truncated = failure.truncated or wire.truncated
        finally:
            if out.status is not None and wire.response is not None and wire.request is not None:
                # Written once the host's slot is released: compressing a big body should not
                # hold back the next request to the host.
                out.pending_warc = functools.partial(self._archive_exchange, url, wire, out)
        if out.error_kind is not None and out.body is not None:
            out.body = None

    def _read_head(self, wire: _Wire, host: str, out: _Attempt) -> None:
        """Check the address the response came from, then take its status and headers."""
        assert wire.response is not None
        stream = wire.response.extensions.get("network_stream")
        addr = stream.get_extra_info("server_addr") if stream is not None else None
        wire.peer_ip = addr[0] if addr else None
        check_peer(wire.peer_ip, host, self.address_policy)
        out.status = wire.response.status_code
        # Raw pairs keep the server's spelling of header names for the WARC record.
        out.headers = [
            (k.decode("latin-1"), v.decode("latin-1")) for k, v in wire.response.headers.raw
        ]

    async def _read_body(self, wire: _Wire, want: _Want, out: _Attempt) -> None:
        """Stream the body within its size limit; keep it when it is a page we want."""
        response = wire.response
        assert response is not None
        ctype = response.headers.get("content-type")
        success = 200 <= response.status_code < 300
        if success and not (want.any_type or is_kept_type(ctype, want.extra_types)):
            out.error_kind = FailureKind.CONTENT_TYPE
            out.error = f"content type {media_type(ctype)!r} is not kept"
            wire.truncated = "unwanted-type"
            return
        if response.status_code == 304:
            return
        limit = self.settings.max_body_bytes if success else _NON_2XX_BODY_LIMIT
        if success and want.prefix_bytes is not None:
            limit = want.prefix_bytes
        decoder = Decoder(response.headers.get("content-encoding"), limit)
        try:
            async for chunk in response.aiter_raw():
                wire.raw.append(chunk)
                out.raw_size += len(chunk)
                if out.raw_size > limit:
                    raise BodyTooLarge(f"body exceeds {limit} bytes")
                decoder.feed(chunk)
            body = decoder.finish()
        except BodyTooLarge as exc:
            wire.truncated = "length"
            if success and want.prefix_bytes is not None:
                out.body = decoder.prefix()  # the start is what the caller wants
            elif success:
                out.error_kind, out.error = FailureKind.TOO_LARGE, str(exc)
            return
        problem = body_problem(body, ctype) if success and want.check_body else None
        if problem:
            out.error_kind, out.error = FailureKind.UNPARSEABLE, problem
        elif success:
            out.body = body

    def _archive_exchange(self, url: str, wire: _Wire, out: _Attempt) -> WarcPointer:
        """Write the exchange as WARC request and response records, as it came off the wire."""
        assert wire.request is not None and wire.response is not None and out.status is not None
        return self.archive.write_exchange(
            url=url,
            method="GET",
            request_headers=[
                (k.decode("latin-1"), v.decode("latin-1")) for k, v in wire.request.headers.raw
            ],
            http_version=wire.response.http_version,
            status=out.status,
            reason=wire.response.reason_phrase,
            response_headers=out.headers,
            raw_body=b"".join(wire.raw),
            truncated=wire.truncated,
            peer_ip=wire.peer_ip,
        )

    def _finish(self, trip: _Trip, last: _Attempt) -> FetchResult:
        """The result of a finished request, recorded in the fetch log."""
        headers = {k.lower(): v for k, v in last.headers}
        status = last.status
        ctype = headers.get("content-type")
        body = last.body if last.error_kind is None and status and 200 <= status < 300 else None
        not_modified = last.error_kind is None and status == 304
        error_kind, error = last.error_kind, last.error
        if error_kind is None and status is not None and status >= 400:
            error_kind, error = FailureKind.HTTP_STATUS, f"HTTP {status}"
        entry = FetchLogEntry(
            url=trip.url,
            fetched_at=trip.fetched_at,
            run_id=self.run_id,
            source=trip.source,
            final_url=last.url,
            status=status,
            redirects=tuple(trip.hops),
            headers=_row_headers(last, trip.validators if not_modified else None),
            content_type=media_type(ctype),
            body_sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
            body_bytes=len(body) if body is not None else None,
            warc=last.warc,
            error_kind=error_kind,
            error=error,
            attempts=max(trip.attempts, 1),
            elapsed_ms=round((time.perf_counter() - trip.started) * 1000, 3),
        )
        return FetchResult(
            url=trip.url,
            final_url=last.url,
            status=status,
            fetched_at=trip.fetched_at,
            headers=headers,
            body=body,
            content_type=media_type(ctype),
            encoding=detect_encoding(body, ctype) if body is not None else None,
            not_modified=not_modified,
            error_kind=error_kind,
            error=error,
            redirects=tuple(h.url for h in trip.hops),
            fetch_id=self.log.add(entry),
        )

    def _deferred(self, trip: _Trip, left: TimeLeft) -> FetchResult:
        """No request made: the host's budget or the run's deadline is spent. Nothing went on
        the wire, so nothing is logged or archived; the frontier keeps the URL pending."""
        return FetchResult(
            url=trip.url, final_url=None, status=None, fetched_at=trip.fetched_at,
            error_kind=left.kind, error=left.reason,
        )  # fmt: skip


_EMBEDDED_URL = re.compile(r"/https?:/", re.IGNORECASE)


def _origin(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:  # refused by check_scheme() right after
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def _with_slash(url: str) -> str:
    """``url`` with a trailing slash on its path, unless it ends in one, names a file, has a
    query (``/x?id=3`` and ``/x/?id=3`` may well be different things) or embeds another URL
    (an archive capture spells the original page, not a path of the archive's own)."""
    parts = urlsplit(url)
    last = parts.path.rsplit("/", 1)[-1]
    if not last or "." in last or parts.query or _EMBEDDED_URL.search(parts.path):
        return url
    return parts._replace(path=parts.path + "/").geturl()


def _row_headers(last: _Attempt, validators: Validators | None) -> dict[str, str]:
    """The response headers kept in the ``fetches`` row; a 304 keeps the validators it was
    asked with, so the next run can ask again."""
    row = kept_headers(last.headers)
    if validators is not None:
        if validators.etag and "etag" not in row:
            row["etag"] = validators.etag
        if validators.last_modified and "last-modified" not in row:
            row["last-modified"] = validators.last_modified
    return row


def _cut_off(total_s: float, left: TimeLeft) -> str:
    """Why an attempt was cut off: the total timeout, or the host's budget / run deadline."""
    if left.seconds < total_s:
        return f"cut off after {max(left.seconds, 0):.3g} s: {left.reason}"
    return f"no complete response within {total_s:g} s (the server answers too slowly)"


def _malformed_head(exc: Exception) -> FailureKind | None:
    """The failure kind when httpx refused a response for a malformed header, else None.

    httpx builds the next request from a redirect's Location even when not following it, and
    h11 rejects header lines with control bytes; both raise RemoteProtocolError with a message
    that names the problem, where a dropped connection says "disconnected" or "peer closed".
    """
    text = str(exc).lower()
    if "location" in text:
        return FailureKind.BAD_REDIRECT
    if "illegal header line" in text or "invalid header" in text:
        return FailureKind.BAD_HEADER
    return None


def _failure_of(exc: Exception, *, got_response: bool) -> _Failure | None:
    """The failure an exception during an exchange stands for; None for a bug (re-raised)."""
    if isinstance(exc, BlockedAddress):
        return _Failure(FailureKind.BLOCKED_ADDRESS, str(exc), "blocked")
    if isinstance(exc, ContentEncodingError):
        return _Failure(FailureKind.ENCODING, str(exc), "unsupported-encoding")
    if isinstance(exc, httpx.TimeoutException):
        return _Failure(FailureKind.TIMEOUT, f"{type(exc).__name__}: {exc or 'timed out'}", "time")
    if isinstance(exc, httpx.ConnectError):
        return _Failure(FailureKind.CONNECT, f"cannot connect: {exc}")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        malformed = _malformed_head(exc) if isinstance(exc, httpx.RemoteProtocolError) else None
        if malformed is not None:
            # The server did answer, with a head no client can follow: a fault of the
            # response, not of the connection, and the same again on every attempt.
            return _Failure(malformed, f"{exc}"[:500], final=True)
        kind = FailureKind.TRUNCATED if got_response else FailureKind.RESET
        return _Failure(kind, f"{type(exc).__name__}: {exc}", "disconnect")
    if isinstance(exc, httpx.HTTPError):
        return _Failure(FailureKind.HTTP, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, httpx.InvalidURL | ValueError):  # URLs httpx refuses to send
        return _Failure(FailureKind.INVALID_URL, f"{type(exc).__name__}: {exc}")
    return None
