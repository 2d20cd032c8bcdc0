"""Listings of other stories told by structure: units under headlines that link away."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.listings import is_listing

SUMMARY = "En kort appetitvækker om en anden sag fra kommunen, som du måske også vil læse."


def _node(html: str):
    return LexborHTMLParser(html).css_first("#t")


def _units(unit: str, n: int = 5) -> str:
    return "".join(unit.format(i=i, summary=SUMMARY) for i in range(n))


def test_units_under_linked_headlines_are_a_listing():
    unit = "<div class=card><h3><a href='/s{i}'>Historie nr. {i}</a></h3><p>{summary}</p></div>"
    assert is_listing(_node(f"<div id=t><h2>Mere fra kommunen</h2>{_units(unit)}</div>"))


def test_units_wrapped_in_their_link_are_a_listing():
    unit = "<li><a href='/s{i}'><h4>Historie nr. {i}</h4><p>{summary}</p></a></li>"
    assert is_listing(_node(f"<ul id=t>{_units(unit)}</ul>"))


def test_units_under_a_title_link_without_a_heading_are_a_listing():
    unit = (
        "<div class=item><a href='/s{i}'><img src='/b{i}.jpg'></a>"
        "<a class=title href='/s{i}'>En anden historie nummer {i}</a><p>{summary}</p></div>"
    )
    assert is_listing(_node(f"<div id=t>{_units(unit)}</div>"))


def test_units_under_a_headline_ending_in_a_read_more_link_are_a_listing():
    unit = "<li><h4>Historie nr. {i}</h4><p>{summary}</p><a href='/s{i}'>Læs mere</a></li>"
    assert is_listing(_node(f"<ul id=t>{_units(unit)}</ul>"))
    # A longer closing link is a source or a call, not a teaser's "more".
    source = (
        "<li><h4>Del {i}</h4><p>{summary}</p><a href='/r{i}'>Hele rapporten fra udvalget</a></li>"
    )
    assert not is_listing(_node(f"<ul id=t>{_units(source)}</ul>"))


def test_units_that_open_with_prose_are_not_a_listing_whatever_links_follow():
    unit = "<div class=chunk><p>{summary}</p><a href='/kilde{i}'>Læs hele rapporten her</a></div>"
    assert not is_listing(_node(f"<div id=t>{_units(unit)}</div>"))


def test_two_teasers_are_not_yet_a_listing():
    unit = "<div class=card><h3><a href='/s{i}'>Historie nr. {i}</a></h3><p>{summary}</p></div>"
    assert not is_listing(_node(f"<div id=t>{_units(unit, 2)}</div>"))


def test_an_article_in_sections_with_plain_headings_is_not_a_listing():
    # Headings that only name a section do not link away, even with a link in the text.
    unit = (
        "<section class=part><h3>Del {i}</h3><p>{summary} "
        "<a href='/kilde'>Kilden</a> siger det samme.</p></section>"
    )
    assert not is_listing(_node(f"<div id=t>{_units(unit)}</div>"))
