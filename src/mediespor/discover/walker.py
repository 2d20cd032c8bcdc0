"""What every discovery walker does the same way, written once.

A walker fetches URLs for its source (each counted as a request), records what went wrong with
one of them and goes on, and emits candidates stamped with its source, kind and outlet.
:class:`SourceWalk` holds one source's walk under way; :func:`discovery` turns a walker body
``async def discover(walker, **options) -> None`` into the ``discover(source_cfg, getter, *,
since)`` every kind offers, so the setup and the final count are not repeated per kind.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from mediespor.config.sources import SourceBase, kind_name
from mediespor.discover.base import (
    DiscoveryResult,
    DiscoveryStats,
    Getter,
    Problem,
    is_repeat,
    since_datetime,
)
from mediespor.models import Candidate, FetchResult

C = TypeVar("C", bound=SourceBase)
#: A candidate's outlet when none is named: the source's (None is a value: no outlet known).
_OWN: Any = object()


@dataclass
class SourceWalk(Generic[C]):
    """One source's discovery under way: its config, the getter, the run's bound, the result."""

    cfg: C
    getter: Getter
    #: The run's ``--since`` (an aware datetime), before the source's own bounds.
    since: datetime | None = None
    result: DiscoveryResult = field(default_factory=DiscoveryResult)
    #: The keys met so far (URLs, or a link list's outlet, day and title).
    seen: set[object] = field(default_factory=set)

    def __post_init__(self) -> None:
        #: The kind the candidates come by (``via``).
        self.via = kind_name(type(self.cfg))

    @property
    def stats(self) -> DiscoveryStats:
        """The walk's counts (the result's)."""
        return self.result.stats

    def cutoff(self, *bounds: date | datetime | None) -> datetime | None:
        """The latest of the run's bound, the source's ``since`` and ``bounds``."""
        return since_datetime(self.since, self.cfg.since, *bounds)

    async def get(self, url: str, *, conditional: bool = False, **options: Any) -> FetchResult:
        """Fetch ``url`` for this source, counted as one request."""
        res = await self.getter.get(url, source=self.cfg.name, conditional=conditional, **options)
        self.stats.requests += 1
        return res

    async def fetch(
        self, url: str, *, stop: str | None = None, **options: Any
    ) -> FetchResult | None:
        """The answer for ``url``, or None when it gives nothing to parse (see :meth:`usable`)."""
        res = await self.get(url, **options)
        return res if self.usable(url, res, stop=stop) else None

    def usable(self, url: str, res: FetchResult, *, stop: str | None = None) -> bool:
        """True when ``res`` gives something to parse.

        Otherwise why is recorded as a problem of ``url`` and, with ``stop``, the walk says it
        ended there; the caller goes on with the next URL or ends.
        """
        if not self.result.unusable(url, res):
            return True
        if stop is not None:
            self.stats.stopped = stop
        return False

    def repeat(self, key: object) -> bool:
        """True (and counted as a duplicate) when ``key`` was met before in this walk."""
        return is_repeat(self.seen, key, self.stats)

    def problem(self, url: str, reason: str) -> None:
        """Record what went wrong with ``url``; the walk goes on."""
        self.result.problems.append(Problem(url, reason))

    def problems(self, url: str, reasons: Iterable[str]) -> None:
        """Record each of ``reasons`` (a parser's complaints about one page) for ``url``."""
        self.result.problems.extend(Problem(url, r) for r in reasons)

    def candidate(
        self, url: str, *, via: str | None = None, outlet: Any = _OWN, **fields: Any
    ) -> Candidate:
        """A candidate of this source, with its kind and outlet unless others are named."""
        if outlet is _OWN:
            outlet = self.cfg.outlet
        return Candidate(url, self.cfg.name, via or self.via, outlet, **fields)

    def emit(self, url: str, **fields: Any) -> None:
        """Add a candidate of this source to the result."""
        self.result.candidates.append(self.candidate(url, **fields))


Body = Callable[..., Awaitable[None]]


def discovery(body: Body) -> Callable[..., Awaitable[DiscoveryResult]]:
    """``discover(source_cfg, getter, *, since=None, **options)`` around a walker body.

    The body gets a fresh :class:`SourceWalk` (and the ``options``, e.g. a pushed-down
    ``prefilter``) and fills its result; the result's candidate count is set at the end.
    """

    async def discover(
        source_cfg: SourceBase,
        getter: Getter,
        *,
        since: date | datetime | None = None,
        **options: Any,
    ) -> DiscoveryResult:
        walk = SourceWalk(source_cfg, getter, since_datetime(since))
        await body(walk, **options)
        walk.stats.candidates = len(walk.result.candidates)
        return walk.result

    return functools.update_wrapper(discover, body, assigned=("__module__", "__doc__"), updated=())
