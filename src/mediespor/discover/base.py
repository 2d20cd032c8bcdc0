"""What every discovery kind shares: the Getter it fetches through and the result it returns.

Each kind is a module with pure parsers (bytes or text in, typed entries out, easy to test and
fuzz) and an async ``discover(source_cfg, getter, *, since)`` driver around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Protocol

from mediespor.danish_dates import CPH, parse_iso
from mediespor.models import Candidate, FetchResult, ItemRecord
from mediespor.urls import canonicalize

if TYPE_CHECKING:
    from mediespor.config.sources import SourceBase


class Getter(Protocol):
    """Fetches one URL politely (robots, delays, WARC); ``mediespor.fetch.Fetcher`` is one."""

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
        """Fetch ``url`` for ``source``; ``headers`` adds request headers (e.g. Range).

        ``retry=False`` asks for a single attempt (the Wayback CDX API punishes retries).
        ``extra_types`` are content types kept beyond the page and feed types (a Common Crawl
        WARC file is served as application/octet-stream).
        """
        ...


@dataclass(frozen=True)
class Problem:
    """Something that went wrong for one URL; the run goes on."""

    url: str
    reason: str


@dataclass
class DiscoveryStats:
    """Counts for the run report."""

    requests: int = 0
    entries: int = 0
    candidates: int = 0
    duplicates: int = 0
    too_old: int = 0
    filtered: int = 0
    #: Why the walk ended early (a cap, a 429, a loop), or None when it ran to the end.
    stopped: str | None = None


@dataclass
class DiscoveryResult:
    """What one source's discovery found."""

    candidates: list[Candidate] = field(default_factory=list)
    #: Items known without a page to fetch (a link list's unlinked lines, a corpus's rows):
    #: stored as they are.
    records: list[ItemRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stats: DiscoveryStats = field(default_factory=DiscoveryStats)

    def unusable(self, url: str, res: FetchResult) -> bool:
        """True, with the problem recorded for ``url``, when ``res`` gives nothing to parse."""
        problem = fetch_problem(res)
        if problem or not res.ok:
            self.problems.append(Problem(url, problem or "not modified"))
            return True
        return False


def is_repeat(seen: set, key: object, stats: DiscoveryStats) -> bool:
    """True (and counted as a duplicate) when ``key`` was met before in this walk."""
    if key in seen:
        stats.duplicates += 1
        return True
    seen.add(key)
    return False


def fetch_problem(res: FetchResult) -> str | None:
    """Why a fetch gave nothing to parse, or None when it did (304 counts as nothing new)."""
    if res.ok:
        return None
    if res.not_modified or res.status == 304:
        return None
    if res.status is not None and not 200 <= res.status < 300:
        return f"HTTP {res.status}"
    if res.error_kind or res.error:
        return f"fetch failed ({res.error_kind or 'error'}): {res.error or ''}".strip()
    if res.status is None:
        return "fetch failed without a status"
    return f"HTTP {res.status} without a body"


def safe_canonical(url: str | None, base: str | None = None) -> str | None:
    """The canonical form of ``url``, or None when it is not an http(s) URL."""
    if not url:
        return None
    try:
        return canonicalize(url, base)
    except ValueError:
        return None


def since_datetime(*bounds: date | datetime | None) -> datetime | None:
    """The latest of the given bounds as an aware datetime.

    A date means its Copenhagen midnight (``danish_dates``' rule for a date alone); a naive
    datetime is UTC.
    """
    best: datetime | None = None
    for b in bounds:
        if b is None:
            continue
        if isinstance(b, datetime):
            dt = b if b.tzinfo else b.replace(tzinfo=UTC)
        else:
            dt = datetime.combine(b, time(0), tzinfo=CPH)
        if best is None or dt > best:
            best = dt
    return best


_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_w3c_datetime(text: str | None, *, naive: tzinfo = CPH) -> datetime | None:
    """Parse a W3C/ISO 8601 date or datetime into an aware datetime, or None.

    Read by ``danish_dates``' one rule: a value without an offset is Copenhagen time (or
    ``naive``, for a field defined to be in another zone), and a year, month or day alone is
    the local midnight that starts it.
    """
    if not text:
        return None
    s = text.strip()
    if not s:
        return None
    if _W3C_DATE.match(s):
        parts = [int(p) for p in s.split("-")]
        while len(parts) < 3:
            parts.append(1)
        try:
            return datetime(parts[0], parts[1], parts[2], tzinfo=naive)
        except ValueError:
            return None
    return parse_iso(s, naive=naive)


_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# Possessive throughout: one pass over the bytes, whatever they hold (no backtracking).
_BEFORE_SUBSET = re.compile(rb"""(?:"[^"]*"|'[^']*'|[^"'\[>]+)*+""")
_SUBSET = re.compile(rb"""(?:"[^"]*"|'[^']*'|[^"'\]]+|\](?!\s*>))*+""")
_SUBSET_END = re.compile(rb"\]\s*>")


def strip_internal_dtd(body: bytes) -> tuple[bytes, bool]:
    """Remove a DOCTYPE with an internal subset, the home of entity declarations (bombs).

    News feeds and sitemaps never need their own entities; removing the declarations makes
    references to them undefined, so nothing can expand. The DOCTYPE is found wherever it is,
    after any length of prolog (comments, processing instructions), and a subset whose end
    cannot be found takes the rest of the body with it. Returns the body and whether it changed.
    """
    m = _DOCTYPE.search(body)
    if m is None:
        return body, False
    end = _declaration_end(body, m.end())
    if end is None:  # a DOCTYPE without a subset declares no entities: nothing to remove
        return body, False
    return body[: m.start()] + body[end:], True


def _declaration_end(body: bytes, pos: int) -> int | None:
    """Where a DOCTYPE whose name starts at ``pos`` ends, if it has an internal subset."""
    pos = _BEFORE_SUBSET.match(body, pos).end()
    if body[pos : pos + 1] != b"[":
        return None
    pos = _SUBSET.match(body, pos + 1).end()
    end = _SUBSET_END.match(body, pos)
    return end.end() if end else len(body)  # an unterminated subset takes the rest with it


def reached_max_items(cfg: SourceBase, result: DiscoveryResult) -> bool:
    """True once the source has ``max_items`` candidates: its kind stops paging.

    Candidates past the cap are dropped here and the result says why discovery stopped, so a
    site with 2,000 posts costs one run at most ``max_items`` article fetches.
    """
    if len(result.candidates) < cfg.max_items:
        return False
    del result.candidates[cfg.max_items :]
    result.stats.stopped = f"max_items ({cfg.max_items}) reached"
    return True
