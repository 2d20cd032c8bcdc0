"""Connections pooled per origin, in small pools: pool bookkeeping that does not grow with load.

httpcore 1.0's pool, whenever a request starts or ends, walks all its connections: it asks each
whether its keep-alive expired (for an idle HTTP/1.1 connection a socket poll, ~40 µs here) and,
for every idle one, counts all connections again (``_assign_requests_to_connections``). The
work per request grows with the pool size, for the idle part with its square. One pool of 64
connections over ten hosts made 13.4M ``is_idle`` calls for 3000 pages and fetched 3× slower
than 16 connections did.

So connections are pooled per origin (scheme, host, port), and an origin with more allowed
connections than :data:`SHARD_CONNECTIONS` gets several small pools; a request goes to the one
with the fewest requests in flight. Politeness already caps requests per host and over all
hosts, so the pools of an origin together hold exactly the per-host limit and never queue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

#: Connections per small pool: the per-request walk stays a few connections long.
SHARD_CONNECTIONS = 4


@dataclass
class _Shard:
    transport: httpx.AsyncHTTPTransport
    in_flight: int = 0


class _Released(httpx.AsyncByteStream):
    """A response body that gives its pool's request count back when closed."""

    def __init__(self, stream: httpx.AsyncByteStream, shard: _Shard):
        self._stream = stream
        self._shard: _Shard | None = shard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        if self._shard is not None:
            self._shard.in_flight -= 1
            self._shard = None
        await self._stream.aclose()


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
        self._origins: dict[tuple[bytes, bytes, int | None], list[_Shard]] = {}

    def _shards(self, url: httpx.URL) -> list[_Shard]:
        key = (url.raw_scheme, url.raw_host, url.port)
        shards = self._origins.get(key)
        if shards is None:
            shards = [
                _Shard(
                    httpx.AsyncHTTPTransport(
                        verify=self._ssl, http2=self._http2, limits=self._limits
                    )
                )
                for _ in range(self._shards_per_origin)
            ]
            self._origins[key] = shards
        return shards

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` on the least busy pool of its origin (the first when tied, so a
        lightly used origin keeps reusing the same few connections)."""
        shard = min(self._shards(request.url), key=lambda s: s.in_flight)
        shard.in_flight += 1
        try:
            response = await shard.transport.handle_async_request(request)
        except BaseException:
            shard.in_flight -= 1
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, shard)
        return response

    def in_flight(self) -> int:
        """Requests sent and not yet closed, over all origins."""
        return sum(s.in_flight for shards in self._origins.values() for s in shards)

    async def aclose(self) -> None:
        """Close every pool and its connections."""
        origins = list(self._origins.values())
        self._origins.clear()
        for shards in origins:
            for shard in shards:
                await shard.transport.aclose()
