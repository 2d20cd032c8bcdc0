"""Read ``<meta>``, ``<link rel=canonical>``, ``<html lang>`` and ``<title>`` in one pass."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract import attr_reads
from mediespor.extract.index import PageIndex, index_page
from mediespor.extract.names import is_credit_not_name, name_key, split_names

# The compiled reads of the metas' attributes, or None: the switch that an in-process
# comparison turns off.
_compiled = attr_reads.compiled

_AUTHOR_KEYS = frozenset(
    {"author", "article:author", "dc.creator", "parsely-author", "sailthru.author"}
)


@dataclass(frozen=True)
class PageMeta:
    """Head metadata. ``tags`` maps lower-cased name/property/itemprop to the first value."""

    tags: dict[str, str]
    authors: tuple[str, ...]
    canonical: str | None
    language: str | None
    title: str | None

    def get(self, *names: str) -> str | None:
        """The first of ``names`` that the page sets (non-empty)."""
        for name in names:
            value = self.tags.get(name)
            if value:
                return value
        return None


def _meta_fields(metas: list[LexborNode]) -> list[tuple[str | None, str | None]]:
    """Each meta's key (its ``property``, ``name`` or ``itemprop``) and ``content``."""
    if _compiled is not None:
        return _compiled.meta_fields(metas)
    fields = []
    for node in metas:
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        fields.append((key, attrs.get("content")))
    return fields


def read_meta(tree: LexborHTMLParser, index: PageIndex | None = None) -> PageMeta:
    """Collect head metadata from a parsed page."""
    index = index or index_page(tree)
    tags: dict[str, str] = {}
    authors: list[str] = []
    keys: set[str] = set()
    for key, value in _meta_fields(index.metas):
        if not key:
            continue
        value = (value or "").strip()
        if not value:
            continue
        key = key.strip().lower()
        if key in _AUTHOR_KEYS and not is_credit_not_name(value):
            # One tag may name several writers ("Mette Holm, Ole Lund"), and several tags
            # one writer, one of them as a slug ("mette-holm").
            for name in split_names(value):
                if name_key(name) not in keys:
                    keys.add(name_key(name))
                    authors.append(name)
        tags.setdefault(key, value)
    canonical = None
    link = index.canonical
    if link is not None:
        canonical = (link.attributes.get("href") or "").strip() or None
    html = tree.root
    lang = (html.attributes.get("lang") or "").strip() if html is not None else ""
    title_node = index.title
    title = title_node.text(deep=True).strip() if title_node is not None else ""
    return PageMeta(
        tags=tags,
        authors=tuple(authors),
        canonical=canonical,
        language=lang or None,
        title=title or None,
    )
