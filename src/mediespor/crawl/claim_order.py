"""The frontier's claim order in memory: pending URLs per priority and host, in queue order.

A claim takes hosts in turn (each host's first due URL, then each host's second, and so on).
Ranking every pending row in SQL for that costs in proportion to the queue (a sort of all pending
rows, ~0.1 s at 100,000), and a fetch pass claims every half batch. :class:`ClaimOrder` keeps
the rows' order once, loaded from the ``frontier`` table, and the frontier keeps it in step with
its own writes; a claim then walks only the URLs it returns and those it has to pass over
(excluded, not yet due, of another source). The table stays the truth: before every claim the
frontier compares the number and a digest of its pending rows with this order's and loads the
order again when they differ (any write it did not make, a rolled-back transaction); see
:meth:`mediespor.crawl.frontier.Frontier.claim`. Nothing here is written anywhere, so a killed
run loses nothing.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import reduce
from operator import itemgetter, xor
from typing import NamedTuple

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(moment: datetime) -> int:
    """An aware time in microseconds since 1970 (UTC), as DuckDB's ``epoch_us`` gives it."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


class Queued(NamedTuple):
    """What the claim order needs of one pending URL (a named tuple: a queue of 100,000 is
    built from query rows in a third of a frozen dataclass's time)."""

    url: str
    source: str
    priority: int
    #: The host it is fetched from (an archive capture's host when it has one).
    host: str
    #: When it was queued and when it may be tried again, in microseconds since 1970 (UTC):
    #: integers compare and sort several times faster than aware datetimes.
    added_us: int
    next_try_us: int | None = None
    #: A hash of the columns above as the table holds them (see ``ClaimOrder.digest``).
    digest: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """Its place among the URLs of its priority and host."""
        return (self.added_us, self.url)


@dataclass
class _Host:
    """The keys of one priority and host, sorted; those before ``head`` are all finished."""

    keys: list[tuple[int, str]] = field(default_factory=list)
    head: int = 0


#: A row's key (``Queued.key``) without the call: (added_us, url).
_KEY = itemgetter(4, 0)

#: Finished keys kept at a host's front before the list is cut (cutting copies the rest).
_CUT_AT = 1024


class ClaimOrder:
    """Pending URLs by priority and host, each host's in (added_at, url) order."""

    def __init__(self, rows: Iterable[Queued] = ()):
        self._rows: dict[str, Queued] = {}
        #: The rows' digests xor-ed together: equal to the table's over its pending rows when
        #: the two hold the same rows (the frontier compares them before each claim).
        self.digest = 0
        self._hosts: dict[int, dict[str, _Host]] = {}
        ordered = sorted(rows, key=_KEY)
        self._rows = {row.url: row for row in ordered}
        if len(self._rows) != len(ordered):  # a URL twice: the last one counts, as with put
            self._rows = {}
            for row in ordered:
                self.put(row)
            return
        self.digest = reduce(xor, (row.digest for row in ordered), 0)
        for row in ordered:  # in key order: every host's keys come sorted
            priority = self._hosts.get(row.priority)
            if priority is None:
                priority = self._hosts[row.priority] = {}
            host = priority.get(row.host)
            if host is None:
                host = priority[row.host] = _Host()
            host.keys.append((row.added_us, row.url))

    def __len__(self) -> int:
        return len(self._rows)

    def put(self, row: Queued) -> None:
        """Record ``row`` as pending (new, queued again, or with a new next-try time)."""
        old = self._rows.get(row.url)
        self.digest ^= row.digest ^ (old.digest if old else 0)
        self._rows[row.url] = row
        host = self._hosts.setdefault(row.priority, {}).setdefault(row.host, _Host())
        keys, key = host.keys, row.key
        if not keys or keys[-1] < key:  # the usual case: queued after everything else
            keys.append(key)
            return
        at = bisect_left(keys, key)
        if at == len(keys) or keys[at] != key:
            insort(keys, key)
        host.head = min(host.head, at)

    def drop(self, url: str) -> None:
        """Forget ``url``: it is no longer pending (its key is skipped, then cut)."""
        old = self._rows.pop(url, None)
        if old is not None:
            self.digest ^= old.digest

    def take(
        self, limit: int, now: datetime, exclude: Collection[str], source: str | None
    ) -> list[Queued]:
        """The first ``limit`` URLs due at ``now`` (not in ``exclude``, of ``source`` if given):
        best priority first, hosts in turn, then queue order, i.e. ``ORDER BY priority DESC,
        turn, added_at, url`` where ``turn`` is a URL's rank among those of its priority and
        host that qualify."""
        out: list[Queued] = []
        now_us = micros(now)
        for priority in sorted(self._hosts, reverse=True):
            self._take_turns(priority, limit - len(out), now_us, exclude, source, out)
            if len(out) >= limit:
                break
        return out

    def _take_turns(self, priority, room, now, exclude, source, out: list[Queued]) -> None:
        walks = [self._due(priority, name, h, now, exclude, source)
                 for name, h in list(self._hosts[priority].items())]  # fmt: skip
        turn = _next_of(walks)
        while turn and room > 0:
            turn.sort(key=lambda pair: (pair[0].added_us, pair[0].url))
            taken = turn[:room]
            out.extend(row for row, _ in taken)
            room -= len(taken)
            if room <= 0:
                return
            turn = _next_of(walk for _, walk in taken)

    def _due(self, priority, name, host: _Host, now, exclude, source) -> Iterator[Queued]:
        """The host's due URLs in order; finished keys at its front are passed for good."""
        rows, keys = self._rows, host.keys
        i, leading = host.head, True
        while i < len(keys):
            added_us, url = keys[i]
            i += 1
            row = rows.get(url)
            if (
                row is None
                or row.priority != priority
                or row.host != name
                or row.added_us != added_us
            ):
                if leading:
                    host.head = i
                continue
            if leading:
                leading = False
                if host.head >= _CUT_AT:  # cut the finished front (the list is copied once)
                    del keys[: host.head]
                    i -= host.head
                    host.head = 0
            if row.next_try_us is not None and row.next_try_us > now:
                continue
            if (source is not None and row.source != source) or url in exclude:
                continue
            yield row
        if leading:  # every key finished: forget the host
            del self._hosts[priority][name]
            if not self._hosts[priority]:
                del self._hosts[priority]


def _next_of(walks: Iterable[Iterator[Queued]]) -> list[tuple[Queued, Iterator[Queued]]]:
    """The next row of each walk that has one, with its walk."""
    out = []
    for walk in walks:
        row = next(walk, None)
        if row is not None:
            out.append((row, walk))
    return out
