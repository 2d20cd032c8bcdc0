"""The compiled walks (``src/mediespor/extract/*.pyx``) in tests.

An install without a C compiler runs the Python walks, so the compiled half of a test skips
there with the reason; with ``MEDIESPOR_REQUIRE_COMPILED=1`` (CI) it fails instead, so CI
always tests both halves. :func:`random_page` makes up pages that reach what the walks read
(``mediespor.extract.compiled_walks.python_only`` turns every walk to its Python).
"""

from __future__ import annotations

import os
import random

import pytest


def require_compiled(available: bool, what: str) -> None:
    """Skip (or, under ``MEDIESPOR_REQUIRE_COMPILED=1``, fail) when ``what`` is not compiled."""
    if available:
        return
    reason = (
        f"{what} is not compiled in this install (no C compiler when it was installed, or "
        "its layout check against selectolax failed): the Python walk ran instead"
    )
    if os.environ.get("MEDIESPOR_REQUIRE_COMPILED") == "1":
        pytest.fail(f"MEDIESPOR_REQUIRE_COMPILED=1 but {reason}")
    pytest.skip(reason)


PROSE = (
    "Kommunen har i flere måneder ladet sagerne om førtidspension ligge, og borgerne venter, "
    "mens sagsbehandlerne skifter, og ingen kan sige hvornår der kommer svar på ansøgningen."
)
_TAGS = (
    "div", "p", "span", "a", "section", "ul", "li", "form", "header", "table", "td", "b",
    "article", "aside", "main", "custom-el", "blockquote", "h2",
    # Read by the index and the text walk: headings, lines, cells, quotes, junk, times.
    "h1", "h3", "pre", "tr", "nav", "figure", "time", "i", "footer",
)  # fmt: skip
_WORDS = (
    "share", "related", "teaser", "comments", "comment-list", "hidden", "is-hidden", "flyout",
    "popup", "infobox", "partner", "ads", "toggle", "article", "body", "text", "Kommentarer",
    "lg:block", "sidebar", "nyhed", "brødtekst", "meta", "caption", "widget",
    # Read by the index (paragraph classes) and the date, byline and comment searches.
    "para", "Article-PARAgraph", "byline", "author", "Dato", "post-date", "published",
    "submitted", "disqus",
)  # fmt: skip
_TEXTS = (
    PROSE, "Kort, tekst.", " \n\t ", "\u00a0", "æøå,", "\u3000ord\uff0c", "Læs mere", "",
    PROSE[:90] + ", og så videre.", "x" * 40,
    "Af Mette Holm", "29. juni 2017 kl. 14.05", "\u200bher", "e\u0301t ord", "\U0001f600 mere",
)  # fmt: skip
_EXTRAS = (
    "style='display: none'", "hidden", "aria-hidden=true", "role=navigation", "itemprop=author",
    "style='color: red'", "role", "data-a-long-attribute-name-x=1",
    "itemprop=datePublished", "datetime='2017-06-29T14:05:00+02:00'", "rel=author", "title",
)  # fmt: skip
_HEAD = (
    "<title>Sagen om førtidspension</title>", "<meta property=og:title content='Et møde'>",
    "<meta name=author content='Ole Lund'>", "<meta NAME=Description content>",
    "<meta itemprop=datePublished content=2017-06-28>", "<link rel=canonical href=/sag>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
    '"2017-06-29T10:00:00+02:00"}</script>',
)  # fmt: skip


def random_page(rng: random.Random) -> str:
    """A made-up page of nested blocks with the names, attributes, metadata and text the
    compiled walks read."""

    def attrs() -> str:
        found = []
        if rng.random() < 0.5:
            found.append(f"class='{' '.join(rng.sample(_WORDS, rng.randint(0, 3)))}'")
        if rng.random() < 0.2:
            found.append(f"id='{rng.choice(_WORDS)}-{rng.randint(0, 3)}'")
        for extra in _EXTRAS:
            if rng.random() < 0.04:
                found.append(extra)
        return " ".join(found)

    def block(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            if roll < 0.35 or depth > 5:
                parts.append(rng.choice(_TEXTS))
            elif roll < 0.45:
                parts.append(f"<a href='/s/{rng.randint(0, 3)}'>{rng.choice(_TEXTS)}</a>")
            elif roll < 0.5:
                parts.append(rng.choice(("<!-- c --><img src=x.jpg>", "<br>", "<br><br>")))
            elif roll < 0.55:
                href = f"/kort/{rng.randint(0, 2)}"
                parts.append(
                    f"<div {attrs()}><a href='{href}'><img src=k.jpg></a>"
                    f"<h2><a href='{href}'>{rng.choice(_TEXTS)}</a></h2></div>"
                )
            else:
                tag = rng.choice(_TAGS)
                parts.append(f"<{tag} {attrs()}>{block(depth + 1)}</{tag}>")
        return "".join(parts)

    head = "".join(part for part in _HEAD if rng.random() < 0.4)
    return f"<html><head>{head}</head><body {attrs()}>{block(0)}</body></html>"
