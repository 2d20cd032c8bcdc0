"""Read what the timeline shows from the store: items, events and the links between them.

Everything leaves this module as frozen dataclasses; the figure, page and report modules never
touch SQL. Dates are converted to Copenhagen local time here, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import duckdb

from mediespor.danish_dates import sql_local
from mediespor.link import explain_da
from mediespor.store.coverage import PathTable, path_counts, path_table
from mediespor.store.evidence import CorpusAttribution, corpus_attributions

#: Shown instead of an event for items without a (non-rejected) link.
NO_EVENT = "ingen begivenhed"
#: Analysts' decisions outrank automatic scores when picking an item's primary event.
_DECIDED = ("confirmed", "added")


@dataclass(frozen=True)
class EventLink:
    """One non-rejected link from an item to an event."""

    event_id: str
    score: float | None
    status: str
    #: The linker's reasons as stored (JSON for analysts; never shown on the pages).
    reasons: str
    #: Why the item is linked, as plain Danish sentences for activists (no scores).
    sentences: tuple[str, ...] = ()

    @property
    def suggested(self) -> bool:
        """True for a link the linker only proposes (shown to readers as "forslag")."""
        return self.status == "suggested"


@dataclass(frozen=True)
class TimelineItem:
    """One dated or undated item as the timeline and reports show it.

    ``url`` is what a click opens: the original, or the archive copy when the original is gone
    (or unknown). It is not yet checked for safety; see :mod:`mediespor.timeline.escape`.
    """

    item_id: str
    outlet: str
    kind: str
    title: str
    lead: str
    published_local: dt.datetime | None
    precision: str | None
    url: str | None
    relevant: bool | None
    links: tuple[EventLink, ...]

    @property
    def primary_event(self) -> str | None:
        """The best link's event id (links are stored best first), ``None`` when unlinked."""
        return self.links[0].event_id if self.links else None


@dataclass(frozen=True)
class TimelineEvent:
    """A curated event with the ids of the items linked to it (in date order)."""

    event_id: str
    title: str
    description: str
    kind: str
    date_start: dt.date
    date_end: dt.date
    source_url: str | None
    item_ids: tuple[str, ...]

    @property
    def is_range(self) -> bool:
        """True when the event spans more than one day."""
        return self.date_end > self.date_start


@dataclass(frozen=True)
class TimelineData:
    """Everything one rendering needs, read in one go."""

    items: tuple[TimelineItem, ...]
    events: tuple[TimelineEvent, ...]
    last_collected: dt.datetime | None
    #: Ids of relevant items with neither a date nor a link (``v_items_needing_date``, in order).
    needs_date: tuple[str, ...] = ()
    #: Relevant items per outlet, month and the path they came by (feed, Wayback, corpus, …).
    paths: PathTable | None = None
    #: The licensed corpora items were read from, with the attribution their licenses ask for.
    corpora: tuple[CorpusAttribution, ...] = ()

    @property
    def dated(self) -> tuple[TimelineItem, ...]:
        """Items with a publication date (the ones that can be placed on the time axis)."""
        return tuple(i for i in self.items if i.published_local is not None)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Outlets with at least one item, alphabetically (case-insensitive)."""
        return tuple(sorted({i.outlet for i in self.items}, key=lambda o: (o.casefold(), o)))


def _pick_url(url: str | None, original: str | None, archive: str | None, gone: bool) -> str | None:
    if gone and archive:
        return archive
    return url or original or archive


@lru_cache(maxsize=4096)
def reason_sentences(raw: str | None, status: str) -> tuple[str, ...]:
    """Why a link was made, as short Danish sentences ("nævner 13 millioner"); the same stored
    reasons recur across many links, so each is read once."""
    return tuple(explain_da.reason_sentences(raw, status))


def _link_rank(link: EventLink, event_start: dict[str, dt.date]) -> tuple:
    decided = 0 if link.status in _DECIDED else 1
    score = -(link.score if link.score is not None else 0.0)
    return (decided, score, event_start.get(link.event_id, dt.date.max), link.event_id)


def load_timeline(con: duckdb.DuckDBPyConnection) -> TimelineData:
    """Read items, events and non-rejected links; each item's links come best first."""
    event_rows = con.execute(
        "SELECT event_id, title, coalesce(description, ''), kind, date_start, date_end, source_url"
        " FROM events ORDER BY date_start, event_id"
    ).fetchall()
    event_start = {r[0]: r[4] for r in event_rows}
    links: dict[str, list[EventLink]] = {}
    for item_id, event_id, score, status, reasons in con.execute(
        "SELECT l.item_id, l.event_id, l.score, l.status, CAST(l.reasons AS VARCHAR)"
        " FROM item_events l JOIN events e USING (event_id) WHERE l.status <> 'rejected'"
    ).fetchall():
        links.setdefault(item_id, []).append(
            EventLink(event_id, score, status, reasons or "", reason_sentences(reasons, status))
        )
    rows = con.execute(
        "SELECT item_id, outlet, kind, coalesce(title, ''), coalesce(lead, ''),"
        f" {sql_local('published_at')}, published_precision,"
        " url, original_url, archive_url, gone, is_relevant"
        " FROM items ORDER BY published_at NULLS LAST, item_id"
    ).fetchall()
    items = []
    for r in rows:
        item_links = sorted(links.get(r[0], ()), key=lambda lk: _link_rank(lk, event_start))
        items.append(
            TimelineItem(
                item_id=r[0], outlet=r[1], kind=r[2], title=r[3], lead=r[4],
                published_local=r[5], precision=r[6] if r[5] is not None else None,
                url=_pick_url(r[7], r[8], r[9], bool(r[10])), relevant=r[11],
                links=tuple(item_links),
            )
        )  # fmt: skip
    by_event: dict[str, list[str]] = {}
    for item in items:  # items are in date order, so each event's list is too
        for link in item.links:
            by_event.setdefault(link.event_id, []).append(item.item_id)
    events = tuple(
        TimelineEvent(
            event_id=r[0], title=r[1], description=r[2], kind=r[3], date_start=r[4],
            date_end=r[5], source_url=r[6], item_ids=tuple(by_event.get(r[0], ())),
        )
        for r in event_rows
    )  # fmt: skip
    last = con.execute("SELECT max(last_seen) FROM items").fetchone()[0]
    needs_date = tuple(
        r[0] for r in con.execute("SELECT item_id FROM v_items_needing_date").fetchall()
    )
    return TimelineData(
        items=tuple(items), events=events, last_collected=last, needs_date=needs_date,
        paths=path_table(path_counts(con)), corpora=tuple(corpus_attributions(con)),
    )  # fmt: skip
