"""Author names from the visible byline, for pages whose metadata names none."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.jsonld import split_names

# Most specific first: microdata names, rel=author links, then elements named as bylines.
_SELECTORS = (
    '[itemprop="author"] [itemprop="name"]',
    '[itemprop="author"]',
    'a[rel="author"]',
    '[class*="author-name" i], [class*="authorname" i], [class*="byline__name" i]',
    '[class*="byline" i] a, [class*="author" i] a[href*="author"]',
)
_PREFIX = re.compile(r"^(?:by|af|von|par|por|di|door|av|skrevet af|written by)\s+", re.I)
_NOT_A_NAME = re.compile(r"[@/\d]|^(?:by|af|von)$", re.I)


def _clean_name(raw: str) -> str | None:
    name = _PREFIX.sub("", " ".join(raw.split())).strip(" ,;:|")
    if not name or len(name) > 60 or len(name.split()) > 6 or _NOT_A_NAME.search(name):
        return None
    return name


def visible_authors(tree: LexborHTMLParser, *, site: str | None = None) -> tuple[str, ...]:
    """Names in the page's byline (none when only the site or an e-mail address is named)."""
    for selector in _SELECTORS:
        names: list[str] = []
        for node in tree.css(selector)[:10]:
            for part in split_names(node.text(deep=True)):
                name = _clean_name(part)
                if name and name != site and name not in names:
                    names.append(name)
        if names:
            return tuple(names)
    return ()
