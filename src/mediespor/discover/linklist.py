"""Curated link lists: lines such as ``TV2 Lorry 29. juni 2017: <titel>`` on a page or in a file.

Each line gives an outlet, a Danish date and a title, and sometimes a link. The date keeps its
precision ("juni 2017" is a month, stored as its first day with precision ``month``; a linked
line passes it on to the fetched page as ``date_precision`` in the hint). Linked lines become
candidates for the frontier; lines without a link become list-only item records, which the
store keys by outlet + date + title and merges with the same item when a crawl finds its URL.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from mediespor.config.sources import LinklistSource
from mediespor.danish_dates import CPH, parse_danish_date
from mediespor.date_interval import interval
from mediespor.discover.base import safe_canonical
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.models import ItemRecord
from mediespor.progress import fields

log = logging.getLogger(__name__)
#: Block elements whose text is one entry (or several, split at <br>).
_BLOCKS = "li, p, dd, dt, td, h2, h3, h4, blockquote, div"
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
#: An outlet name is short; a longer prefix means the date sits inside running prose.
MAX_OUTLET_WORDS = 6
_SEPARATOR = re.compile(r"\s*[:–—|-]")
_LEAD_PUNCT = " \t:–—-,.;|"
_TRAIL_PUNCT = " \t:–—-,;|("


@dataclass(frozen=True)
class LinklistEntry:
    """One line of a link list."""

    outlet: str
    published_at: datetime
    precision: str
    title: str
    url: str | None
    line: str


def parse_line(
    text: str,
    *,
    href: str | None = None,
    base_url: str | None = None,
    aliases: dict[str, str] | None = None,
) -> LinklistEntry | None:
    """Read ``<outlet> [den] <Danish date>[:|–] <title>``; None when the line is not one."""
    line = " ".join(text.split())
    if not line:
        return None
    found = parse_danish_date(line)
    if found is None:
        return None
    outlet = line[: found.start].strip(_TRAIL_PUNCT + ".")
    if not outlet or len(outlet.split()) > MAX_OUTLET_WORDS:
        return None
    rest = line[found.end :]
    # Entries put a separator between date and title; prose ("... den 26. oktober 2017 og
    # talte ...") does not. A linked line may leave it out ("TV2 Lorry 29. juni 2017 <a>…</a>").
    if not _SEPARATOR.match(rest) and href is None:
        return None
    link = href
    if link is None:
        m = _URL.search(rest)
        if m:
            link = m.group(0).rstrip(".,;")
            rest = rest[: m.start()] + rest[m.end() :]
    title = rest.strip(_LEAD_PUNCT).strip()
    if not title:
        return None
    if aliases:
        outlet = aliases.get(outlet, outlet)
    return LinklistEntry(
        outlet=outlet,
        published_at=found.value,
        precision=found.precision,
        title=title,
        url=safe_canonical(link, base_url) if link else None,
        line=line,
    )


def _leaf_blocks(tree: LexborHTMLParser):
    for node in tree.css(_BLOCKS):
        # Only innermost blocks: a <div> around a list would repeat every line. (Lexbor's css()
        # on a node includes the node itself, hence the identity check.)
        if all(inner.mem_id == node.mem_id for inner in node.css(_BLOCKS)):
            yield node


def parse_page(
    html: str, *, base_url: str, aliases: dict[str, str] | None = None
) -> list[LinklistEntry]:
    """All link-list entries on an HTML page, in page order."""
    out: list[LinklistEntry] = []
    tree = LexborHTMLParser(html)
    for block in _leaf_blocks(tree):
        for fragment in _BR.split(block.html or ""):
            part = LexborHTMLParser(fragment)
            body = part.body
            if body is None:
                continue
            a = body.css_first("a[href]")
            entry = parse_line(
                body.text(separator=" "),
                href=a.attributes.get("href") if a is not None else None,
                base_url=base_url,
                aliases=aliases,
            )
            if entry is not None:
                out.append(entry)
    return out


def parse_text(text: str, *, aliases: dict[str, str] | None = None) -> list[LinklistEntry]:
    """All link-list entries in plain text, one per line (links written out as URLs)."""
    out = []
    for line in text.splitlines():
        entry = parse_line(line.strip(" \t*-•"), aliases=aliases)
        if entry is not None:
            out.append(entry)
    return out


def _before(entry: LinklistEntry, cutoff: datetime) -> bool:
    """True when every day the entry stands for is before the cutoff's Copenhagen day.

    "juni 2017" stands for thirty days: a cutoff on 15 June keeps it.
    """
    span = interval(entry.published_at, entry.precision)
    return span is not None and span.last < cutoff.astimezone(CPH).date()


@discovery
async def discover(walker: SourceWalk[LinklistSource]) -> None:
    """Read the list (page or local file); linked lines become candidates, the rest records.

    A relative ``file`` is read from the current directory (the project folder on a run).
    """
    cfg, result = walker.cfg, walker.result
    cutoff = walker.cutoff()
    where = cfg.url or str(cfg.file)
    entries = await _entries(walker, where)
    if entries is None:
        return
    walker.stats.entries = len(entries)
    if not entries:
        walker.problem(where, "no lines of the form '<outlet> <date>: <title>'")
    for e in entries:
        if walker.repeat((e.outlet, e.published_at.date().isoformat(), e.title)):
            continue
        if cutoff and _before(e, cutoff):
            walker.stats.too_old += 1
            continue
        extra = {"line": e.line, "date_precision": e.precision, "list": where}
        if e.url:
            walker.emit(
                e.url, outlet=e.outlet, title=e.title, published_at=e.published_at, extra=extra
            )
        else:
            result.records.append(
                ItemRecord(
                    outlet=e.outlet,
                    title=e.title,
                    via=walker.via,
                    source=cfg.name,
                    published_at=e.published_at,
                    published_precision=e.precision,
                    date_source=walker.via,
                    provenance=extra,
                )
            )
    log.info(
        "discover_linklist",
        extra=fields(source=cfg.name, linked=len(result.candidates), unlinked=len(result.records)),
    )


async def _entries(walker: SourceWalk[LinklistSource], where: str) -> list[LinklistEntry] | None:
    """The list's entries, from its page or its file; None, with the problem recorded, when
    neither can be read."""
    cfg = walker.cfg
    aliases = dict(cfg.outlet_aliases)
    if cfg.url:
        res = await walker.fetch(cfg.url)
        if res is None:
            return None
        return parse_page(res.text(), base_url=res.final_url or res.url, aliases=aliases)
    try:
        text = Path(cfg.file or "").read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        walker.problem(where, f"cannot read the file: {exc}")
        return None
    return parse_text(text, aliases=aliases)
