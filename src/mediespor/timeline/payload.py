"""The item table the page script reads: titles, leads, links, URLs, in the figure's order.

Columnar JSON (one array per field) keeps keys from repeating 100,000 times. Above a size
threshold the JSON is gzip-compressed and base64-encoded; the page inflates it with the
browser's own ``DecompressionStream`` after the plot is drawn, so first paint does not wait.
"""

from __future__ import annotations

import base64
import gzip
from dataclasses import dataclass

from mediespor.models import ITEM_KINDS
from mediespor.timeline.danish import kind_label
from mediespor.timeline.data import TimelineEvent, TimelineItem
from mediespor.timeline.escape import clean, safe_url, script_json

TITLE_CHARS = 110
#: Leads share a character budget so that the page stays small at 100k items: 280 characters
#: each up to ~10k items, fewer (down to none) beyond.
LEAD_CHARS_MAX = 280
LEAD_BUDGET_CHARS = 3_000_000
#: Above this many items the table is shipped compressed.
COMPRESS_ABOVE = 20_000


@dataclass(frozen=True)
class Payload:
    """The serialised item table and how it is encoded (``json`` or ``gzip-base64``)."""

    encoding: str
    text: str
    lead_chars: int


def lead_limit(n_items: int) -> int:
    """How many characters of each lead the page carries for ``n_items`` items."""
    if n_items <= 0:
        return LEAD_CHARS_MAX
    return max(0, min(LEAD_CHARS_MAX, LEAD_BUDGET_CHARS // n_items))


def _relevance(item: TimelineItem) -> int:
    return {True: 1, False: 0}.get(item.relevant, 2)  # 2 = not judged


def build_table(items: tuple[TimelineItem, ...], events: tuple[TimelineEvent, ...]) -> dict:
    """The columnar item table (raw text; the page inserts it with ``textContent`` only)."""
    event_no = {e.event_id: n for n, e in enumerate(events)}
    kinds = list(ITEM_KINDS)
    kind_no = {k: n for n, k in enumerate(kinds)}
    limit = lead_limit(len(items))
    table: dict[str, list] = {"t": [], "l": [], "u": [], "k": [], "r": [], "e": [], "p": []}
    # Reason sentences repeat a lot ("samme dag som begivenheden"): each is stored once.
    sentences: dict[str, int] = {}

    def sentence_ids(texts: tuple[str, ...]) -> list[int]:
        return [sentences.setdefault(clean(t, 200), len(sentences)) for t in texts if t]

    for item in items:
        if item.kind not in kind_no:
            kind_no[item.kind] = len(kinds)
            kinds.append(item.kind)
        table["t"].append(clean(item.title, TITLE_CHARS) or "(uden titel)")
        table["l"].append(clean(item.lead, limit) if limit else "")
        table["u"].append(safe_url(item.url) or "")
        table["k"].append(kind_no[item.kind])
        table["r"].append(_relevance(item))
        table["e"].append(
            [
                [event_no[lk.event_id], int(lk.suggested), sentence_ids(lk.sentences)]
                for lk in item.links
                if lk.event_id in event_no
            ]
        )
        table["p"].append({"time": 0, "day": 1, "month": 2, "year": 3}.get(item.precision or "", 1))
    table["kinds"] = [kind_label(k) for k in kinds]
    table["kindCodes"] = kinds
    table["sentences"] = list(sentences)
    return table


def encode(table: dict, *, compress_above: int = COMPRESS_ABOVE) -> Payload:
    """Serialise ``table`` for a ``<script type="application/json">`` element."""
    n = len(table["t"])
    limit = lead_limit(n)
    if n <= compress_above:
        return Payload("json", script_json(table), limit)
    raw = script_json(table).encode("utf-8")
    packed = base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")
    return Payload("gzip-base64", packed, limit)
