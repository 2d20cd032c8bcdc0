"""Not an article: a soft 404 and an overview page are refused, each with its reason; articles
(short ones too) are kept."""

from __future__ import annotations

from faultsuite import LONG_BODY, TEASERS, overview_page, page
from mediespor.extract import extract
from mediespor.extract.not_article import OVERVIEW_REASON, not_an_article

URL = "https://avis.example.dk/emne/foertidspension"


def test_a_tag_page_of_teasers_is_an_overview_not_an_article():
    refused = not_an_article(extract(overview_page("Førtidspension"), URL))
    assert refused is not None
    assert (refused.kind, refused.reason, refused.gone) == ("overview", OVERVIEW_REASON, False)


def test_a_soft_404_is_refused_and_its_article_is_gone():
    article = extract(page("Siden blev ikke fundet", "<p>Prøv at søge igen.</p>"), URL)
    refused = not_an_article(article)
    assert refused is not None
    assert refused.kind == "soft_404" and refused.gone
    assert refused.reason.startswith("soft 404")


def test_an_article_is_kept():
    assert not_an_article(extract(page("Førtidspension: udvalg", LONG_BODY), URL)) is None


def test_a_one_sentence_brief_above_the_same_teasers_is_kept():
    # The teaser cards of an overview page under a short news item are its neighbours: the
    # item is an article, not an overview.
    cards = "".join(f'<div class="card"><a href="/n/{n}"><h2>{h}</h2></a><p>{s}</p></div>'
                    for n, (h, s) in enumerate(TEASERS))  # fmt: skip
    brief = (
        "<html><body><article><h1>Kort nyt</h1><p>Københavns Kommune har i dag sendt"
        " 40 sager om førtidspension tilbage til sagsbehandlerne.</p></article>"
        f"{cards}</body></html>"
    )
    article = extract(brief, URL)
    assert "40 sager" in article.text
    assert not_an_article(article) is None
