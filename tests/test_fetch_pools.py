"""Per-origin connection pools: full per-host parallelism, kept-alive connections, hosts apart."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from fetch_support import hold_until_all_in
from loopserver import LoopServer, Reply
from mediespor.fetch.pools import SHARD_CONNECTIONS, PerOriginTransport

HOSTS = ("127.0.0.1", "127.0.0.2")


@pytest.fixture
def server():
    with LoopServer(HOSTS) as srv:
        yield srv


def _peer_ports(server: LoopServer, ip: str, writers: list) -> set[int]:
    return {w.get_extra_info("peername")[1] for w, host in writers if host == ip}


def _page_writers(server: LoopServer) -> list:
    """Route /page (answers "side"); returns the (writer, host) of each request, as they come."""
    writers: list = []

    @server.route("/page")
    async def page(req, writer):
        writers.append((writer, req.host_ip))
        return Reply(body=b"side")

    return writers


async def _burst(client: httpx.AsyncClient, url: str, n: int) -> list[int]:
    responses = await asyncio.gather(*(client.get(url) for _ in range(n)))
    return [r.status_code for r in responses]


def test_an_origin_gets_all_its_connections_at_once_across_small_pools(server):
    limit = 3 * SHARD_CONNECTIONS  # three small pools behind one origin
    arrived = hold_until_all_in(server, limit).in_flight

    async def go():
        async with httpx.AsyncClient(transport=PerOriginTransport(limit)) as client:
            return await _burst(client, server.url("/hold"), limit)

    assert asyncio.run(go()) == [200] * limit
    assert max(arrived) == limit


def test_sequential_requests_reuse_one_connection_per_origin(server):
    writers = _page_writers(server)

    async def go():
        async with httpx.AsyncClient(transport=PerOriginTransport(16)) as client:
            for _ in range(5):
                for ip in HOSTS:
                    response = await client.get(server.url("/page", ip))
                    assert response.text == "side"

    asyncio.run(go())
    assert len(writers) == 10
    first, second = (_peer_ports(server, ip, writers) for ip in HOSTS)
    assert len(first) == 1 and len(second) == 1 and first != second


def test_every_request_gives_its_place_back_failed_or_answered(server):
    # A place not given back would make its pool look busy for good, and later requests would
    # pile onto the other pools of the origin and queue there.
    @server.route("/broken")
    async def broken(req, writer):
        writer.close()  # no response at all
        return None

    @server.route("/page")
    async def page(req, writer):
        return Reply(body=b"ok")

    async def go():
        transport = PerOriginTransport(2 * SHARD_CONNECTIONS)
        async with httpx.AsyncClient(transport=transport) as client:
            for _ in range(5):
                with pytest.raises(httpx.RemoteProtocolError):
                    await client.get(server.url("/broken"))
            assert transport.in_flight() == 0
            async with client.stream("GET", server.url("/page")) as response:
                assert transport.in_flight() == 1
                assert await response.aread() == b"ok"
            assert transport.in_flight() == 0
            assert await _burst(client, server.url("/page"), 8) == [200] * 8
            assert transport.in_flight() == 0

    asyncio.run(go())


def test_after_a_burst_requests_go_back_to_the_connection_freed_last(server):
    # The pools with room form a stack: a quiet origin after a busy spell keeps reusing one
    # kept-alive connection instead of rotating over all of them (each would age out alone).
    limit = 4
    arrived = hold_until_all_in(server, limit).in_flight
    writers = _page_writers(server)

    async def go():
        async with httpx.AsyncClient(transport=PerOriginTransport(limit)) as client:
            assert await _burst(client, server.url("/hold"), limit) == [200] * limit
            for _ in range(6):
                assert (await client.get(server.url("/page"))).text == "side"

    asyncio.run(go())
    assert max(arrived) == limit
    assert len(writers) == 6 and len(_peer_ports(server, HOSTS[0], writers)) == 1
