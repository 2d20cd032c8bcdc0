"""Whether an extracted page is an article at all, and if not, why the crawl refuses it.

A page fetched from a feed, a sitemap or a listing is not always coverage. Two kinds are refused
here, in one place, so the crawl treats them alike (a reject with its reason, counted per
source) and apart only where they differ:

* a soft 404 (:mod:`mediespor.extract.soft404`): an error page served with HTTP 200; the
  article that was at the URL is gone;
* an overview page: a section, tag or search page made only of teaser listings of other
  stories (``provenance["text_source"] == "overview"``). It has no text of its own, so the
  topic filter could only judge its title, and a tag page titled "Førtidspension" would become
  a relevant item. The URL is not gone: it simply never was an article.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediespor.extract.article import Article
from mediespor.extract.soft404 import soft_404_reason

#: The reason recorded in ``rejects`` for an overview page.
OVERVIEW_REASON = "overview page: lists other stories, no article of its own"


@dataclass(frozen=True)
class NotArticle:
    """Why an extracted page is refused instead of stored."""

    #: The error kind counted in the run's per-source counts (``soft_404`` or ``overview``).
    kind: str
    #: The reason recorded in ``rejects``.
    reason: str
    #: Whether the article once at the URL is gone (an item stored from it is marked gone).
    gone: bool


def not_an_article(article: Article) -> NotArticle | None:
    """Why ``article`` is not an article (a soft 404 or an overview page), or None when it is."""
    soft_404 = soft_404_reason(article)
    if soft_404 is not None:
        return NotArticle("soft_404", soft_404, gone=True)
    if article.provenance.get("text_source") == "overview" and not article.text.strip():
        return NotArticle("overview", OVERVIEW_REASON, gone=False)
    return None
