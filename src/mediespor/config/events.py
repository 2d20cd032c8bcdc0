"""The model of ``events.yaml``: the curated events that coverage is linked to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mediespor.config.yamlfile import check_unique, load_yaml, validate

EventKind = Literal[
    "demonstration",
    "announcement",
    "decision",
    "meeting",
    "report",
    "election",
    "letter",
    "law",
    "other",
]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Event:
    """A curated event, as used by the store, the linker and the timeline."""

    event_id: str
    date_start: dt.date
    date_end: dt.date
    title: str
    description: str
    kind: str
    keywords: tuple[str, ...]
    source_url: str | None
    #: What makes this occurrence unique (place + action, an amount, a named document, actor +
    #: action). Each anchor is one or more parts joined by " + ", all of which must occur.
    anchors: tuple[str, ...] = ()
    #: Days before the event that coverage may anticipate it (an election campaign); the
    #: linker never uses fewer than its own default.
    before_days: int = 0
    #: Anchors that name the occurrence only in an item dated within its window: pairs of the
    #: subject's own words ("Ankestyrelse* + ressourceforløb*") that any guide also uses.
    window_anchors: tuple[str, ...] = ()

    @property
    def is_range(self) -> bool:
        """True when the event spans more than one day."""
        return self.date_end > self.date_start


class EventEntry(BaseModel):
    """One entry of ``events.yaml``: either ``date`` or ``start`` (+ ``end``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    title: str = Field(min_length=1)
    description: str = ""
    kind: EventKind
    #: Words the whole dispute shares (førtidspension, jobcenter, borgmester): they say an item
    #: is on the subject, never which occurrence it covers. ``keywords`` is the older name.
    subject: list[str] = []
    keywords: list[str] = []
    anchors: list[str] = []
    window_anchors: list[str] = []
    before_days: int = Field(default=0, ge=0, le=90)
    source_url: str | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(
                "use lower-case letters, digits and '-' (e.g. 2017-06-28-demonstration)"
            )
        return value

    @field_validator("subject", "keywords", "anchors", "window_anchors", mode="before")
    @classmethod
    def _keywords(cls, value: object) -> object:
        # YAML reads 2013 or 550 as numbers; as keywords they are words.
        if isinstance(value, list):
            return [
                str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                for v in value
            ]
        return value

    @field_validator("anchors", "window_anchors")
    @classmethod
    def _anchors(cls, value: list[str]) -> list[str]:
        for anchor in value:
            parts = [p.strip() for p in anchor.split("+")]
            if not all(parts):
                raise ValueError(
                    f"anchor {anchor!r} has an empty part; write parts joined by ' + ',"
                    " e.g. 'demonstr* + Rådhus'"
                )
            for part in parts:
                bad = "*" in part.rstrip("*") or (part.endswith("*") and len(part) < 5)
                if bad or (part.endswith("*") and " " in part):
                    raise ValueError(
                        f"anchor part {part!r}: '*' only at the end of one word of at least"
                        " 4 letters, e.g. 'demonstr*'"
                    )
        return value

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("expected an http:// or https:// URL")
        return value

    @model_validator(mode="after")
    def _dates(self) -> EventEntry:
        if self.date is not None and (self.start is not None or self.end is not None):
            raise ValueError("give either 'date' or 'start'/'end', not both")
        if self.date is None and self.start is None:
            raise ValueError("give 'date' (one day) or 'start' and 'end' (a range)")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("'end' is before 'start'")
        if self.subject and self.keywords:
            raise ValueError("give 'subject' (the newer name) or 'keywords', not both")
        return self

    def to_event(self) -> Event:
        """The boundary dataclass."""
        start = self.date or self.start
        assert start is not None
        end = self.date or self.end or start
        return Event(
            event_id=self.id,
            date_start=start,
            date_end=end,
            title=self.title,
            description=self.description.strip(),
            kind=self.kind,
            keywords=tuple(self.subject or self.keywords),
            source_url=self.source_url,
            anchors=tuple(a.strip() for a in self.anchors),
            before_days=self.before_days,
            window_anchors=tuple(a.strip() for a in self.window_anchors),
        )


class EventsFile(BaseModel):
    """The whole ``events.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    events: list[EventEntry]


def load_events(path: str | Path) -> list[Event]:
    """Read and validate ``events.yaml``; raise ConfigError naming file, line and key."""
    p = Path(path)
    data, lines = load_yaml(p)
    parsed = validate(EventsFile, data, lines, p)
    check_unique([e.id for e in parsed.events], "event id", "id", "events", lines, p)
    return [e.to_event() for e in parsed.events]


#: Days before an event that coverage may anticipate it (an event may ask for more with
#: ``before_days``, e.g. an election campaign).
PRE_DAYS = 7
#: Days after an event's end (the whole of a range event counts) that follow-up coverage still
#: belongs to it. The linker's time kernel and relevance's event windows both use these.
POST_DAYS = 42


def pre_days(event: Event) -> int:
    """Days before the event that coverage may anticipate it."""
    return max(PRE_DAYS, event.before_days)
