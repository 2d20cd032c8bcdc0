"""Discovery: turn each configured source into candidate URLs for the frontier.

One module per source kind; the registry (:mod:`mediespor.discover.kinds`) knows them all and
:func:`discover_source` picks the right one.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from mediespor.config.sources import SourceBase
from mediespor.discover.base import (
    DiscoveryResult,
    DiscoveryStats,
    Getter,
    Problem,
    since_datetime,
)
from mediespor.discover.kinds import KINDS, kind_of
from mediespor.progress import fields
from mediespor.topic import Query

log = logging.getLogger(__name__)
__all__ = ["KINDS", "DiscoveryResult", "DiscoveryStats", "Getter", "Problem", "discover_source"]


async def discover_source(
    source_cfg: SourceBase,
    getter: Getter,
    *,
    since: date | datetime | None = None,
    prefilter: Query | None = None,
) -> DiscoveryResult:
    """Run the discovery module for the source's kind (``since``: a date means its midnight UTC).

    ``prefilter`` is the topic pre-filter, handed to kinds that apply it in their own query.

    A parser bug in one source must not end the run: an unexpected exception becomes a problem
    on the result, and the run goes on with the next source.
    """
    kind = kind_of(source_cfg)
    if kind is None:
        result = DiscoveryResult()
        written = getattr(source_cfg, "kind", None)
        result.problems.append(Problem(source_cfg.name, f"no discovery for kind {written!r}"))
        return result
    try:
        # The run's --since is a date; every module compares aware datetimes.
        extra = {"prefilter": prefilter} if kind.pushdown else {}
        return await kind.discover(source_cfg, getter, since=since_datetime(since), **extra)
    except Exception as exc:  # one broken source must not stop the others
        log.error("discover_failed", extra=fields(source=source_cfg.name, error=repr(exc)))
        result = DiscoveryResult()
        result.problems.append(
            Problem(source_cfg.name, f"discovery failed: {type(exc).__name__}: {exc}")
        )
        return result
