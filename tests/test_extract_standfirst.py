"""The standfirst's place: right after the page's headline."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.standfirst import follows_headline


def _paragraph(html: str):
    return LexborHTMLParser(html).css_first("p#s")


def test_a_paragraph_right_after_the_headline_follows_it():
    assert follows_headline(_paragraph("<h1>Titel</h1> <p id=s>Resumé</p>"))


def test_a_box_right_after_the_headline_holding_the_paragraph_first_follows_it():
    html = "<header><h1>Titel</h1><div class=dek>\n<p id=s>Resumé</p><p>Mere</p></div></header>"
    assert follows_headline(_paragraph(html))


def test_a_byline_between_headline_and_paragraph_breaks_the_tie():
    assert not follows_headline(_paragraph("<h1>Titel</h1><p>Af Ida Holm</p><p id=s>Tekst</p>"))
    html = "<h1>Titel</h1><div><p>Af Ida Holm</p><p id=s>Tekst</p></div>"
    assert not follows_headline(_paragraph(html))


def test_a_paragraph_after_a_lesser_heading_or_too_deep_does_not_follow_it():
    assert not follows_headline(_paragraph("<h2>Mellemrubrik</h2><p id=s>Tekst</p>"))
    html = "<h1>Titel</h1><div><div><div><p id=s>Tekst</p></div></div></div>"
    assert not follows_headline(_paragraph(html))
