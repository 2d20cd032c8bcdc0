"""Teaser cards: small blocks that link to one other page twice, found by structure alone."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extract_pages import PARAS
from mediespor.extract.cards import teaser_cards
from mediespor.extract.content import main_content

SUMMARY = "Et kort resumé af en anden historie fra samme avis, som ikke hører til artiklen."


def _card(n: int, more: str = "Læs mere") -> str:
    href = f"/nyheder/anden-historie-{n}"
    return (
        f"<div class='item'><a href='{href}'><img src='/b{n}.jpg' alt=''></a>"
        f"<h3><a href='{href}'>En helt anden overskrift nummer {n}</a></h3>"
        f"<p>{SUMMARY}</p><a href='{href}'>{more}</a></div>"
    )


def _page(inner: str) -> str:
    return f"<html><body><div class='post'>{inner}</div></body></html>"


def _paras(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def _text(html: str) -> tuple[str, ...]:
    return main_content(LexborHTMLParser(html)).paragraphs


def test_a_card_between_the_first_paragraphs_is_dropped_whatever_its_class():
    html = _page(_paras(PARAS[:1]) + _card(1) + _paras(PARAS[1:] + PARAS))
    assert _text(html) == tuple(PARAS + PARAS)


def test_a_row_of_cards_after_the_article_is_dropped():
    html = _page(_paras(PARAS) + "<div class='row'>" + _card(1) + _card(2) + _card(3) + "</div>")
    assert _text(html) == tuple(PARAS)


def test_a_card_of_a_linked_title_over_a_linked_summary_is_dropped():
    href = "/nyheder/anden-historie"
    # A summary as long as a paragraph, all of it in the link: no line of link text.
    summary = f"{SUMMARY} {SUMMARY} {SUMMARY} {SUMMARY}"
    card = (
        f"<div class='entry'><a href='{href}'><h3>En helt anden overskrift</h3></a>"
        f"<a href='{href}'>{summary}</a><span class='label'>Økonomi</span></div>"
    )
    html = _page(_paras(PARAS[:1]) + card + _paras(PARAS[1:]))
    assert _text(html) == tuple(PARAS)


def test_a_paragraph_linking_one_address_twice_is_the_articles():
    cited = (
        "Rapporten fra <a href='/rapport'>forvaltningen</a> viser en stigning i klagerne, og "
        "hele <a href='/rapport'>rapporten</a> kan læses på kommunens hjemmeside."
    )
    html = _page(_paras(PARAS[:1]) + f"<p>{cited}</p>" + _paras(PARAS[1:]))
    assert len(_text(html)) == len(PARAS) + 1


def test_a_long_block_with_two_links_to_one_address_is_not_a_card():
    long_block = (
        "<div><a href='/rapport'>Rapporten</a>"
        + _paras(PARAS + PARAS)
        + "<a href='/rapport'>Hent</a></div>"
    )
    tree = LexborHTMLParser(_page(long_block))
    assert teaser_cards(tree.body) == []


def test_links_within_the_page_do_not_make_a_card():
    box = f"<div><a href='#top'>Til toppen</a><p>{SUMMARY}</p><a href='#top'>Op</a></div>"
    tree = LexborHTMLParser(_page(box))
    assert teaser_cards(tree.body) == []
    tree = LexborHTMLParser(_page(_card(1)))
    assert [card.attributes.get("class") for card in teaser_cards(tree.body)] == ["item"]


def test_a_list_of_sources_linking_title_and_file_to_one_address_is_not_a_card():
    sources = (
        "<ul><li><a href='/rapport.pdf'>Rapporten om sagsbehandlingen</a> "
        "(<a href='/rapport.pdf'>pdf</a>)</li>"
        "<li><a href='/notat.pdf'>Forvaltningens notat</a> (<a href='/notat.pdf'>pdf</a>)</li></ul>"
    )
    tree = LexborHTMLParser(_page(_paras(PARAS) + sources))
    assert teaser_cards(tree.body) == []


def test_a_card_without_a_picture_has_a_heading_or_opens_with_its_link_over_a_summary():
    href = "/nyheder/anden-historie"
    headed = (
        f"<div class='a'><h3><a href='{href}'>En anden overskrift</a></h3><p>{SUMMARY}</p>"
        f"<a href='{href}'>Læs mere</a></div>"
    )
    opened = (
        f"<li><a href='{href}'>En anden overskrift</a><p>{SUMMARY}</p>"
        f"<a href='{href}'>Læs mere</a></li>"
    )
    # Prose that links one report twice, and a source described in its own line, are not.
    prose = (
        f"<div class='b'>Ifølge <a href='{href}'>en ny rapport</a> {SUMMARY} "
        f"<a href='{href}'>Hele rapporten</a> ligger på styrelsens hjemmeside.</div>"
    )
    described = (
        f"<ul><li><a href='{href}'>Praksisundersøgelsen</a> om ventetider i ti kommuner, "
        f"herunder København (<a href='{href}'>pdf</a>)</li></ul>"
    )
    for html, cards in ((headed, 1), (f"<ul>{opened}</ul>", 1), (prose, 0), (described, 0)):
        tree = LexborHTMLParser(_page(_paras(PARAS) + html))
        assert len(teaser_cards(tree.body)) == cards, html


def test_only_links_a_few_levels_inside_a_block_make_it_a_card():
    # A card's links sit a few levels inside it; two links to one page far down in a block
    # are two mentions in a long section, found without climbing a deep page to its top.
    def nested(levels: int) -> str:
        link = "<a href='/story'><img src='/b.jpg' alt=''></a>"
        wrapped = "<span>" * levels + link + "</span>" * levels
        return f"<div class='item'>{wrapped}<p>{SUMMARY}</p>{wrapped}</div>"

    near = LexborHTMLParser(_page(nested(2)))
    assert [c.attributes.get("class") for c in teaser_cards(near.body)] == ["item"]
    far = LexborHTMLParser(_page(nested(12)))
    assert teaser_cards(far.body) == []


def test_an_svg_link_with_only_xlink_href_does_not_break_the_page():
    # a[href] finds SVG's <a xlink:href> by its local name; it has no href of its own to read.
    svg = "<svg><a xlink:href='/nyheder/ikon'><text>ikon</text></a></svg>"
    html = _page(_paras(PARAS) + svg + _card(1))
    post = LexborHTMLParser(html).css_first("div.post")
    assert [card.attributes.get("class") for card in teaser_cards(post)] == ["item"]
    from mediespor.extract import extract

    article = extract(html.encode(), "https://example.dk/nyheder/sag")
    assert "errors" not in article.provenance
    assert article.text.split("\n\n")[: len(PARAS)] == PARAS
