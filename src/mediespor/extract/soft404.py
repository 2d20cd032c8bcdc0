"""Soft 404s: error pages served with HTTP 200, which must not become articles.

Many CMSs answer a removed article with a normal page whose headline says it was not found.
The signals are general, never a site's wording: the title or headline is an error phrase (in
Danish or English, or a bare "404"), and the page has almost no text of its own. A real article
about a "404 error" has a long body, so it is kept.
"""

from __future__ import annotations

import re

from mediespor.extract.article import Article

#: Longest body (characters) an error page may have; articles are longer.
MAX_ERROR_TEXT = 600

_ERROR_TITLE = re.compile(
    r"""\b(?:
        (?:siden|side|artiklen|indholdet|siden\s+du\s+leder\s+efter)\s+
        (?:blev\s+ikke\s+fundet|findes\s+ikke|kunne\s+ikke\s+findes|er\s+ikke\s+fundet
           |eksisterer\s+ikke|er\s+fjernet|er\s+slettet)
      | (?:page|article|content)\s+(?:was\s+)?not\s+(?:found|available)
      | page\s+(?:does\s+not|doesn't)\s+exist
      | fejl\s*404|error\s*404
    )\b""",
    re.I | re.X,
)
#: A headline that is only the status code, perhaps with error words ("404", "410 Gone",
#: "Error 404 - Not Found") or only "Not found": "404 borgere fik afslag" is news.
_CODE_TITLE = re.compile(
    r"^\W*(?:(?:fejl|error|http)\s*)?(?:(?:404|410)(?:\W+(?:not\s+found|page\s+not\s+found"
    r"|ikke\s+fundet|gone|fejl|error))?|ikke\s+fundet|not\s+found)\W*$",
    re.I,
)


def soft_404_reason(article: Article) -> str | None:
    """Why the page is an error page answered with 200, or None when it looks like content."""
    if len(" ".join(article.text.split())) > MAX_ERROR_TEXT:
        return None
    for label, value in (("title", article.title), ("first paragraph", _first(article))):
        if not value or len(value) > 120:
            continue
        if _ERROR_TITLE.search(value) or _CODE_TITLE.search(value):
            return f"soft 404: HTTP 200 but the {label} says {value[:80]!r} and the body is short"
    return None


def _first(article: Article) -> str | None:
    return article.paragraphs[0] if article.paragraphs else None
