"""Helpers shared by the fetch tests: a fetcher on a fresh store, sleep recording, and a route
that holds requests until enough are in at once."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from loopserver import LoopServer, Reply
from mediespor.config.sources import CrawlSettings
from mediespor.crawl.wiring import open_fetcher
from mediespor.fetch.client import Fetcher
from mediespor.fetch.retry import RetryPolicy
from mediespor.models import Candidate
from mediespor.store.db import Store, open_store


@dataclass
class SleepLog:
    """Records the waits the fetcher asks for and sleeps only briefly, keeping tests fast."""

    asked: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await asyncio.sleep(0)


def cand(url: str, **kw) -> Candidate:
    """A candidate as a feed would queue it (source "s" unless given)."""
    return Candidate(url=url, source=kw.pop("source", "s"), via="feed", **kw)


def settings(**overrides) -> CrawlSettings:
    """Crawl settings for loopback tests: private addresses allowed, no delay, short timeouts."""
    base = dict(
        allow_private_addresses=True,
        delay_s=0.0,
        connect_timeout_s=2.0,
        read_timeout_s=2.0,
        total_timeout_s=5.0,
        max_attempts=3,
    )
    base.update(overrides)
    return CrawlSettings(**base)


def open_test_store(tmp_path: Path) -> Store:
    """A file-backed store in ``tmp_path``."""
    return open_store(tmp_path / "test.duckdb")


def fetcher(store: Store, tmp_path: Path, *, sleep=None, **overrides) -> Fetcher:
    """A Fetcher writing WARC files under ``tmp_path/warc`` with a fast retry policy."""
    s = settings(**overrides)
    return open_fetcher(
        s,
        store,
        tmp_path / "warc",
        run_id=1,
        retry=RetryPolicy(max_attempts=s.max_attempts, base_s=0.01, max_backoff_s=0.05,
                          max_retry_after_s=s.max_retry_after_s),
        sleep=sleep or SleepLog(),
    )  # fmt: skip


def fetch(store: Store, tmp_path: Path, url: str, *, source: str = "test", **kw):
    """Fetch one URL with a fresh fetcher; return the FetchResult."""

    async def go():
        async with fetcher(store, tmp_path, **kw) as f:
            return await f.get(url, source=source)

    return asyncio.run(go())


def dripping(body: bytes, interval_s: float, content_type: str = "text/html; charset=utf-8"):
    """A loopback handler that sends ``body`` one byte every ``interval_s`` seconds."""

    async def handler(req, writer: asyncio.StreamWriter) -> None:
        writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
                     f"Content-Length: {len(body)}\r\n\r\n".encode())  # fmt: skip
        try:
            for i in range(len(body)):
                writer.write(body[i : i + 1])
                await writer.drain()
                await asyncio.sleep(interval_s)
        except ConnectionError:
            pass
        writer.close()

    return handler


@dataclass
class Held:
    """What a :func:`hold_until_all_in` route saw."""

    #: Requests then in flight on the arriving request's host, at each arrival.
    in_flight: list[int] = field(default_factory=list)
    #: For each answer: whether it came once all were in (not after the wait ran out).
    all_in: list[bool] = field(default_factory=list)


def hold_until_all_in(server: LoopServer, limit: int, *, wait_s: float = 20.0) -> Held:
    """Route /hold (on every host): answer only once ``limit`` requests have arrived over all
    hosts, or after ``wait_s``; keep the wait within the client's read timeout."""
    held = Held()

    @server.route("/hold")
    async def hold(req, writer):
        held.in_flight.append(req.in_flight)
        for _ in range(round(wait_s / 0.01)):
            if len(held.in_flight) >= limit:
                break
            await asyncio.sleep(0.01)
        held.all_in.append(len(held.in_flight) >= limit)
        return Reply(body=b"<p>ok</p>")

    return held
