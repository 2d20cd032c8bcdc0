"""JSON-LD reading: types, nesting, repair of common breakage, recorded failures."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.jsonld import read_jsonld


def _read(*blocks: str):
    scripts = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return read_jsonld(LexborHTMLParser(f"<html><head>{scripts}</head><body></body></html>"))


def test_news_article_beats_webpage_and_breadcrumbs():
    r = _read(
        '{"@type": "BreadcrumbList", "itemListElement": []}',
        '{"@type": "WebPage", "name": "Side", "datePublished": "2017-01-01"}',
        '{"@type": "NewsArticle", "headline": "Nyhed", "datePublished": "2017-06-29"}',
    )
    assert r.article.type == "NewsArticle"
    assert r.article.headline == "Nyhed"
    assert r.types == ("WebPage", "NewsArticle")


def test_list_and_main_entity_nesting():
    r = _read('[{"@type": "WebPage", "mainEntity": {"@type": "Article", "headline": "Inde i"}}]')
    assert r.article.headline == "Inde i"


def test_type_given_as_url_and_list():
    r = _read('{"@type": ["https://schema.org/ReportageNews"], "headline": "Reportage"}')
    assert r.article.type == "ReportageNews"


def test_raw_newline_in_string_is_read():
    r = _read('{"@type": "NewsArticle", "headline": "To\nlinjer"}')
    assert r.article.headline == "To\nlinjer"


def test_broken_block_is_reported_and_others_still_read():
    r = _read('{"@type": "NewsArticle", "headline": ', '{"@type": "BlogPosting", "headline": "OK"}')
    assert r.article.headline == "OK"
    assert len(r.errors) == 1


def test_authors_from_objects_strings_and_joined_names():
    r = _read(
        '{"@type": "NewsArticle", "author": [{"name": "A Hansen og B Berg"}, "C Clausen",'
        ' {"@type": "Organization", "name": "https://x.dk/"}]}'
    )
    assert r.article.authors == ("A Hansen", "B Berg", "C Clausen")


def test_authors_typed_as_organisations_are_told_from_people():
    r = _read(
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "A Hansen"},'
        ' {"@type": "GovernmentOrganization", "name": "Københavns Kommune"}]}'
    )
    assert r.article.authors == ("A Hansen", "Københavns Kommune")
    assert r.article.organisations == ("Københavns Kommune",)


def test_no_jsonld():
    r = read_jsonld(LexborHTMLParser("<p>intet</p>"))
    assert r.article is None
    assert r.errors == ()
