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
from mediespor.fetch.budget import DEFERRED, TimeBudgets, TimeLeft
from mediespor.fetch.fetchlog import FetchLog, FetchLogEntry, Hop, kept_headers
from mediespor.fetch.politeness import Politeness
from mediespor.fetch.pools import PerOriginTransport
from mediespor.fetch.retry import (
    RETRY_ERRORS,
    RetryPolicy,
    parse_retry_after,
    should_retry_status,
)
from mediespor.fetch.robots import ROBOTS_PARSE_BYTES, RobotsCache
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
    error_kind: str | None = None
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
        if self.final:
            return False
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
        redirect_gate: RedirectGate | None = None,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        address_policy: AddressPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.settings = settings
        self.store = store
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
        fetched_at = utcnow()
        started = time.perf_counter()
        limit = self.settings.max_redirects if max_redirects is None else max_redirects
        hops: list[Hop] = []
        seen: set[str] = set()
        current = url
        if ARTICLE_FETCH.get() and _origin(url) in self._slash_origins:
            current = _with_slash(url)
        attempts = 0
        validators = None
        last: _Attempt | None = None
        try:
            check_scheme(url)
        except BlockedAddress as exc:
            return self._finish(
                url, source, fetched_at, started, _Attempt(url, error_kind="scheme", error=str(exc)),
                hops, attempts, None,
            )  # fmt: skip
        while True:
            seen.add(current)
            left = self.budgets.left(host_of(current))
            if left.spent:
                return self._deferred(url, fetched_at, left)
            refused = await self._refuse_address(current)
            if refused is not None:
                last = refused
                break
            if obey_robots and self.settings.obey_robots:
                decision = await self.robots.check(current)
                left = self.budgets.left(host_of(current))
                if not decision.allowed and left.spent:
                    # robots.txt itself could not be fetched in time: not a refusal by the host.
                    return self._deferred(url, fetched_at, left)
                if not decision.allowed:
                    kind = "robots_unavailable" if decision.temporary else "robots"
                    refused = _Attempt(current, error_kind=kind, error=decision.reason)
                    refused.warc = self.archive.write_error(
                        url=current, error_kind=kind, error=decision.reason
                    )
                    return self._finish(
                        url, source, fetched_at, started, refused, hops, attempts, None
                    )
            validators = self.log.validators(current) if conditional else None
            last, n = await self._with_retries(
                current, source, validators, want, headers, retry=retry
            )
            attempts += n
            if last.error_kind in DEFERRED and not hops:
                # Time ran out before the first request went out: nothing happened on the wire.
                return self._deferred(url, fetched_at, self.budgets.left(host_of(current)))
            location = last.header("location")
            if last.error_kind is None and last.status in REDIRECT_STATUSES and location:
                hops.append(Hop(current, last.status))
                try:
                    target = urljoin(current, location.strip())
                    check_scheme(target)
                except (ValueError, BlockedAddress) as exc:
                    last.error_kind, last.error = "bad_redirect", f"bad redirect target: {exc}"
                    break
                if target == _with_slash(current):
                    self._slash_origins.add(_origin(current))
                outside = self._outside_scope(source, target)
                if outside is not None:
                    last.error_kind, last.error = "redirect_out_of_scope", outside
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
            slashed = _with_slash(current)
            if (
                last.status == 404
                and ARTICLE_FETCH.get()
                and slashed != current
                and slashed not in seen
                and _origin(current) not in self._slash_origins
            ):
                # Canonical keys drop a trailing slash; a strict server that knows only "/x/"
                # answers 404 for "/x" instead of redirecting. Ask once for the slash form
                # before calling the page gone, and remember the host if that was it.
                hops.append(Hop(current, 404))
                current = slashed
                self._slash_origins.add(_origin(current))
                continue
            if last.status == 404 and hops and hops[-1].status == 404:
                # The slash form was no better: the host is not a slash host after all.
                self._slash_origins.discard(_origin(current))
            break
        return self._finish(url, source, fetched_at, started, last, hops, attempts, validators)

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
            out = _Attempt(url, error_kind="blocked_address", error=str(exc))
            out.warc = self.archive.write_error(url=url, error_kind=out.error_kind, error=out.error)
            return out
        return None

    async def _with_retries(
        self,
        url: str,
        source: str,
        validators,
        want: _Want,
        extra_headers: dict[str, str] | None = None,
        *,
        retry: bool = True,
    ) -> tuple[_Attempt, int]:
        attempt = 1
        max_attempts = self.retry.max_attempts if retry else 1
        host = host_of(url)
        previous: _Attempt | None = None
        while True:
            outcome = await self._attempt(url, source, validators, want, extra_headers)
            if previous is not None and outcome.error_kind in DEFERRED:
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
                outcome.error_kind = "retry_after"
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

    async def _attempt(
        self,
        url: str,
        source: str,
        validators,
        want: _Want,
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

        def in_time() -> bool:
            return not self.budgets.left(host).spent

        async with self.politeness.slot(host, self.delay_for(source, url), wanted=in_time) as ok:
            left = self.budgets.left(host)
            if not ok or left.spent:
                out.error_kind, out.error = left.kind, left.reason
                return out
            total = self.settings.total_timeout_s
            began = time.monotonic()
            try:
                async with asyncio.timeout(min(total, left.seconds)):
                    await self._exchange(url, host, headers, want, out)
            except TimeoutError:
                out.error_kind = "timeout"
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
                url=url, error_kind=out.error_kind or "unknown", error=out.error or ""
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
                if success and not (want.any_type or is_kept_type(ctype, want.extra_types)):
                    out.error_kind = "content_type"
                    out.error = f"content type {media_type(ctype)!r} is not kept"
                    truncated = "unwanted-type"
                elif response.status_code != 304:
                    limit = self.settings.max_body_bytes if success else _NON_2XX_BODY_LIMIT
                    if success and want.prefix_bytes is not None:
                        limit = want.prefix_bytes
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
                        if success and want.prefix_bytes is not None:
                            out.body = decoder.prefix()  # the start is what the caller wants
                        elif success:
                            out.error_kind, out.error = "too_large", str(exc)
                    else:
                        problem = body_problem(body, ctype) if success and want.check_body else None
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
            malformed = _malformed_head(exc) if isinstance(exc, httpx.RemoteProtocolError) else None
            if malformed is not None:
                # The server did answer, with a head no client can follow: a fault of the
                # response, not of the connection, and the same again on every attempt.
                out.error_kind, out.error, out.final = malformed, f"{exc}"[:500], True
            else:
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

    def _deferred(self, url: str, fetched_at: datetime, left: TimeLeft) -> FetchResult:
        """No request made: the host's budget or the run's deadline is spent. Nothing went on
        the wire, so nothing is logged or archived; the frontier keeps the URL pending."""
        return FetchResult(
            url=url, final_url=None, status=None, fetched_at=fetched_at,
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


def _cut_off(total_s: float, left: TimeLeft) -> str:
    """Why an attempt was cut off: the total timeout, or the host's budget / run deadline."""
    if left.seconds < total_s:
        return f"cut off after {max(left.seconds, 0):.3g} s: {left.reason}"
    return f"no complete response within {total_s:g} s (the server answers too slowly)"


def _malformed_head(exc: Exception) -> str | None:
    """The failure kind when httpx refused a response for a malformed header, else None.

    httpx builds the next request from a redirect's Location even when not following it, and
    h11 rejects header lines with control bytes; both raise RemoteProtocolError with a message
    that names the problem, where a dropped connection says "disconnected" or "peer closed".
    """
    text = str(exc).lower()
    if "location" in text:
        return "bad_redirect"
    if "illegal header line" in text or "invalid header" in text:
        return "bad_header"
    return None
