"""Head metadata: meta tags by name/property/itemprop, canonical, language, authors."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.meta import read_meta


def test_meta_tags_are_case_insensitive_and_first_wins():
    m = read_meta(
        LexborHTMLParser(
            '<html lang="da-DK"><head><title>T | S</title>'
            '<meta property="OG:Title" content="Første"><meta property="og:title" content="Anden">'
            '<meta name="author" content="Ida Holm"><meta name="author" content="https://x.dk/ida">'
            '<meta name="description" content="  ">'
            '<link rel="canonical" href="https://x.dk/a"></head></html>'
        )
    )
    assert m.get("og:title") == "Første"
    assert m.get("description", "og:title") == "Første"
    assert m.authors == ("Ida Holm",)
    assert m.canonical == "https://x.dk/a"
    assert m.language == "da-DK"
    assert m.title == "T | S"


def test_empty_page():
    m = read_meta(LexborHTMLParser(""))
    assert m.tags == {}
    assert m.canonical is None
    assert m.title is None


def test_one_author_tag_naming_two_writers_gives_two_authors():
    m = read_meta(LexborHTMLParser('<head><meta name="author" content="Mette Holm, Ole Lund">'))
    assert m.authors == ("Mette Holm", "Ole Lund")


def test_an_author_tag_in_surname_first_form_or_with_an_agency_stays_whole():
    m = read_meta(
        LexborHTMLParser(
            '<head><meta name="author" content="Holm, Mette">'
            '<meta name="article:author" content="Ole Lund, Ritzau"></head>'
        )
    )
    assert m.authors == ("Holm, Mette", "Ole Lund, Ritzau")


def test_a_writer_given_again_as_a_slug_or_an_address_or_a_photo_credit_is_one_author():
    m = read_meta(
        LexborHTMLParser(
            '<head><meta name="author" content="Ole Lund">'
            '<meta name="parsely-author" content="ole-lund">'
            '<meta name="dc.creator" content="o.lund@avisen.dk">'
            '<meta name="sailthru.author" content="(Foto: Ida Bech)"></head>'
        )
    )
    assert m.authors == ("Ole Lund",)
