"""Write a suggested event into ``events.yaml`` without disturbing what is already there.

The file is hand-edited and commented, so it is never re-serialised: the new entry is appended
as text in the file's own list indentation, the result is validated with the same loader the
rest of mediespor uses, and only then does it replace the file (atomically).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mediespor.config.events import Event, load_events
from mediespor.errors import ConfigError, UsageError
from mediespor.link.suggest import Suggestion
from mediespor.store.items import title_key

_ENTRY = re.compile(r"^(\s*)-\s+id:", re.MULTILINE)


@dataclass(frozen=True)
class Promotion:
    """The event written and where."""

    event: Event
    path: Path
    block: str


def default_event_id(s: Suggestion, taken: set[str]) -> str:
    """``<start date>-<first top terms>``, made unique against ``taken``."""
    words = "-".join(title_key(t) for t in s.top_terms[:2] if title_key(t)) or "forslag"
    base = f"{s.date_start.isoformat()}-{_ascii(words)}"[:60].rstrip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _ascii(text: str) -> str:
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")


def _q(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: quotes, colons and '#' are safe.
    return json.dumps(text, ensure_ascii=False)


def burst_anchors(top_terms: tuple[str, ...]) -> list[str]:
    """Occurrence anchors for a promoted burst: pairs of its three top terms.

    The top terms are what set the burst apart from the rest of the coverage, but one of them
    alone may be a subject word ("jobcentret"); two together name the occurrence.
    """
    terms = [t for t in top_terms[:3] if t.strip()]
    if len(terms) < 2:
        return terms
    return [f"{a} + {b}" for i, a in enumerate(terms) for b in terms[i + 1 :]]


def render_block(
    s: Suggestion,
    event_id: str,
    title: str,
    kind: str,
    indent: str,
    who: str,
    today: date,
) -> str:
    """The YAML text of one events.yaml entry for suggestion ``s``."""
    pad = indent + "  "
    lines = [
        "",
        f"{indent}# Promoted from suggestion {s.suggestion_id} by {who} on {today.isoformat()}:"
        f" {len(s.item_ids)} items from {s.outlets} outlet(s).",
        f"{indent}- id: {event_id}",
    ]
    if s.date_start == s.date_end:
        lines.append(f"{pad}date: {s.date_start.isoformat()}")
    else:
        lines.append(f"{pad}start: {s.date_start.isoformat()}")
        lines.append(f"{pad}end: {s.date_end.isoformat()}")
    desc = f"Foreslået ud fra en stigning i dækningen: {', '.join(s.top_terms)}."
    lines += [
        f"{pad}kind: {kind}",
        f"{pad}title: {_q(title)}",
        f"{pad}description: {_q(desc)}",
        f"{pad}anchors: [{', '.join(_q(a) for a in burst_anchors(s.top_terms))}]",
    ]
    return "\n".join(lines) + "\n"


def promote(
    path: str | Path,
    s: Suggestion,
    *,
    event_id: str | None = None,
    title: str | None = None,
    kind: str = "other",
    who: str = "ukendt",
    today: date | None = None,
) -> Promotion:
    """Append suggestion ``s`` to the events file at ``path`` as a new event; return it.

    Raises UsageError when ``event_id`` is taken and ConfigError when the result would not
    validate (the file is then left as it was).
    """
    p = Path(path)
    existing = load_events(p)
    taken = {e.event_id for e in existing}
    if event_id is not None and event_id in taken:
        raise UsageError(f"event id {event_id!r} is already in {p}; choose another with --id")
    eid = event_id or default_event_id(s, taken)
    text = p.read_text(encoding="utf-8")
    m = _ENTRY.search(text)
    if m is None:
        raise ConfigError(str(p), None, "events", "no '- id:' entry to align a new event with")
    block = render_block(s, eid, title or s.title, kind, m.group(1), who, today or date.today())
    new_text = (text if text.endswith("\n") else text + "\n") + block
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new_text)
        events = load_events(tmp)  # raises ConfigError; the original file is untouched
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    event = next(e for e in events if e.event_id == eid)
    return Promotion(event, p, block)
