"""Connections pooled per origin, one connection per pool: pool bookkeeping that does not grow
with load.

httpcore 1.0's pool, whenever a request starts or ends, walks all its connections: it asks each
whether its keep-alive expired (for an idle HTTP/1.1 connection a socket poll) and, for every
idle one, counts all connections again (``_assign_requests_to_connections``). The work per
request grows with the pool size, for the idle part with its square. One pool of 64 connections
over ten hosts made 13.4M ``is_idle`` calls for 3000 pages and fetched 3× slower than 16
connections did. Pools of four connections still walked about seven connections per page, more
at higher concurrency (more idle connections per pool), so each pool now holds one connection
and the walk is one connection long whatever the concurrency.

So connections are pooled per origin (scheme, host, port) in :data:`SHARD_CONNECTIONS`-sized
pools, as many as the per-host limit needs. A request takes a pool with room from a stack (the
one freed last, so a lightly used origin keeps reusing one kept-alive connection); only when
none has room does it queue on the least busy. Politeness already caps requests per host and
over all hosts, so the pools of an origin together hold exactly the per-host limit and never
queue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import httpx

#: Connections per small pool: the per-request walk of httpcore's pool is this long.
SHARD_CONNECTIONS = 1


@dataclass
class _Shard:
    transport: httpx.AsyncHTTPTransport
    in_flight: int = 0


class _Origin:
    """The small pools of one origin, made as requests need them, and which of them have room."""

    def __init__(self, make: Callable[[], _Shard], most: int):
        self.shards: list[_Shard] = []
        self._make = make
        self._most = most
        # A stack: the pool freed last on top, so an origin used one request at a time stays on
        # one kept-alive connection.
        self._free: list[_Shard] = []

    def take(self) -> _Shard:
        """A pool for one more request: one with room (freed last first), else a new one while
        the origin has fewer than its limit, else the least busy."""
        if self._free:
            shard = self._free[-1]
            if shard.in_flight + 1 >= SHARD_CONNECTIONS:
                self._free.pop()
        elif len(self.shards) < self._most:
            # Only now: a pool (and its connection) per request that actually waits for one.
            shard = self._make()
            self.shards.append(shard)
            if SHARD_CONNECTIONS > 1:
                self._free.append(shard)
        else:
            shard = min(self.shards, key=lambda s: s.in_flight)
        shard.in_flight += 1
        return shard

    def give_back(self, shard: _Shard) -> None:
        """``shard``'s request ended (answered, failed or cancelled)."""
        shard.in_flight -= 1
        if shard.in_flight == SHARD_CONNECTIONS - 1:
            self._free.append(shard)


class _Released(httpx.AsyncByteStream):
    """A response body that gives its pool's place back when closed."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]):
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            # Only now is the connection idle again: given back before, the pool could be handed
            # to a request that would then queue inside it behind this closing response.
            if self._release is not None:
                self._release()
                self._release = None


class PerOriginTransport(httpx.AsyncBaseTransport):
    """Sends each request through a small connection pool of its origin, made on first use."""

    def __init__(self, connections_per_origin: int, *, http2: bool = True):
        per_origin = max(1, connections_per_origin)
        size = min(per_origin, SHARD_CONNECTIONS)
        self._shards_per_origin = -(-per_origin // size)
        self._limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        self._http2 = http2
        # One TLS context for all pools: each loads the CA bundle, ~20-80 ms apiece.
        self._ssl = httpx.create_ssl_context()
        self._origins: dict[tuple[bytes, bytes, int | None], _Origin] = {}

    def _origin(self, url: httpx.URL) -> _Origin:
        key = (url.raw_scheme, url.raw_host, url.port)
        origin = self._origins.get(key)
        if origin is None:
            origin = _Origin(self._new_shard, self._shards_per_origin)
            self._origins[key] = origin
        return origin

    def _new_shard(self) -> _Shard:
        transport = httpx.AsyncHTTPTransport(verify=self._ssl, http2=self._http2,
                                             limits=self._limits)  # fmt: skip
        return _Shard(transport)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on a pool of its origin with room (see :meth:`_Origin.take`)."""
        origin = self._origin(request.url)
        shard = origin.take()
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            origin.give_back(shard)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, lambda: origin.give_back(shard))
        return response

    def in_flight(self) -> int:
        """Requests sent and not yet closed, over all origins."""
        return sum(s.in_flight for origin in self._origins.values() for s in origin.shards)

    async def aclose(self) -> None:
        """Close every pool and its connections."""
        origins = list(self._origins.values())
        self._origins.clear()
        for origin in origins:
            for shard in origin.shards:
                await shard.transport.aclose()
