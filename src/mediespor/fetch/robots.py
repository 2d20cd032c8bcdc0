"""robots.txt per origin, fetched once per run and honoured for every request (RFC 9309).

A 2xx file is parsed with protego; 4xx means no rules (allow all); 5xx or an unreachable
server means the host is treated as disallowed for this run, with the reason kept. A file
longer than :data:`ROBOTS_PARSE_BYTES` is parsed up to there (RFC 9309 §2.5 asks for at least
500 KiB), and a 2xx whose body could not be read (cut off, undecodable) disallows the host for
the run: a rule that cannot be read is never taken as "allow all".
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from mediespor.models import FetchResult

#: How much of a robots.txt is read and parsed (RFC 9309 §2.5: at least 500 KiB).
ROBOTS_PARSE_BYTES = 512 * 1024


@dataclass(frozen=True)
class RobotsDecision:
    """Whether a URL may be fetched, why, and the origin's Crawl-delay if any."""

    allowed: bool
    reason: str
    crawl_delay: float | None = None
    #: Refused because robots.txt could not be had (5xx, unreachable, unreadable), not by a
    #: rule: the URL may be tried again in a later run.
    temporary: bool = False


@dataclass(frozen=True)
class _OriginRules:
    parser: Protego | None
    verdict: str  # "rules" | "allow_all" | "disallow_all"
    reason: str


def robots_url(url: str) -> str:
    """The robots.txt URL for ``url``'s origin."""
    p = urlsplit(url)
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), "/robots.txt", "", ""))


def user_agent_token(user_agent: str) -> str:
    """The product token robots.txt groups match against ('mediespor/0.1 (...)' → 'mediespor')."""
    return user_agent.split("/", 1)[0].split()[0].strip() or user_agent


class RobotsCache:
    """Per-run cache of parsed robots.txt files, one fetch per origin even under concurrency."""

    def __init__(self, fetch: Callable[[str], Awaitable[FetchResult]], user_agent: str):
        self._fetch = fetch
        self._agent = user_agent_token(user_agent)
        self._rules: dict[str, _OriginRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def _load(self, origin_robots: str) -> _OriginRules:
        lock = self._locks.setdefault(origin_robots, asyncio.Lock())
        async with lock:
            cached = self._rules.get(origin_robots)
            if cached is not None:
                return cached
            result = await self._fetch(origin_robots)
            rules = self._interpret(result)
            # Out of time is not the host's answer: ask again if time allows.
            if not (result.error_kind and result.error_kind.deferred):
                self._rules[origin_robots] = rules
            return rules

    @staticmethod
    def _interpret(result: FetchResult) -> _OriginRules:
        status = result.status
        if status is not None and 200 <= status < 300 and result.error_kind is not None:
            why = f"robots.txt unreadable ({result.error_kind}: {result.error}); host disallowed"
            return _OriginRules(None, "disallow_all", why)
        if status is not None and 200 <= status < 300:
            body = result.body or b""
            reason = "robots.txt rules"
            if len(body) >= ROBOTS_PARSE_BYTES:
                # Cut at the limit: the last line may be half a rule, so it is dropped (a file
                # without line breaks keeps all it has: dropping it would allow everything).
                cut = max(body.rfind(b"\n"), body.rfind(b"\r"))
                body = body[: cut + 1] if cut >= 0 else body
                reason = (
                    f"robots.txt rules (first {ROBOTS_PARSE_BYTES // 1024} KiB of a longer file)"
                )
            text = body.decode(result.encoding or "utf-8", errors="replace")
            try:
                return _OriginRules(Protego.parse(text), "rules", reason)
            except Exception as exc:  # a broken file is treated as no rules, and said so
                return _OriginRules(None, "allow_all", f"robots.txt unparsable ({exc}); allowed")
        if status is not None and 400 <= status < 500:
            return _OriginRules(None, "allow_all", f"robots.txt status {status}; allow all")
        if status is not None and status >= 500:
            why = f"robots.txt status {status}; host disallowed for this run"
        else:
            why = f"robots.txt unreachable ({result.error_kind}: {result.error}); host disallowed"
        return _OriginRules(None, "disallow_all", why)

    async def check(self, url: str) -> RobotsDecision:
        """May ``url`` be fetched?"""
        rules = await self._load(robots_url(url))
        if rules.verdict == "allow_all":
            return RobotsDecision(True, rules.reason)
        if rules.verdict == "disallow_all":
            return RobotsDecision(False, rules.reason, temporary=True)
        assert rules.parser is not None
        delay = rules.parser.crawl_delay(self._agent)
        if rules.parser.can_fetch(url, self._agent):
            return RobotsDecision(True, "allowed by robots.txt", delay)
        return RobotsDecision(False, f"disallowed by robots.txt for {self._agent}", delay)

    def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay already known for ``url``'s origin (None before its robots.txt)."""
        rules = self._rules.get(robots_url(url))
        if rules is None or rules.parser is None:
            return None
        delay = rules.parser.crawl_delay(self._agent)
        return float(delay) if delay is not None else None
