"""Boxes emptied of their cards: the label left behind goes, the article's blocks stay."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract_pages import PARAS, paras_html, post_text
from mediespor.extract.emptied import LABEL_MAX, drop_emptied_boxes, short_text


def _card(n: int) -> str:
    """A teaser card: picture, title and summary linking to one other story (twice)."""
    href = f"/nyheder/anden-historie-{n}"
    return (
        f"<div class='card'><a href='{href}'><img src='/b{n}.jpg' alt=''></a>"
        f"<h3><a href='{href}'>En helt anden overskrift nummer {n}</a></h3>"
        "<p>Et kort resumé af en anden historie, som ikke hører til artiklen.</p></div>"
    )


def _box(label: str, cards: str) -> str:
    return f"<div class='box'><div class='head'>{label}</div>{cards}</div>"


def test_the_label_of_a_box_of_cards_between_paragraphs_goes_with_its_cards():
    body = paras_html(PARAS[:2]) + _box("Weitere Informationen", _card(1)) + paras_html(PARAS[2:])
    assert post_text(body) == tuple(PARAS)


def test_the_label_goes_when_its_cards_sit_in_empty_wrappers():
    slider = f"<div class='slider'><div class='frame'>{_card(1)}{_card(2)}</div></div>"
    body = paras_html(PARAS[:1]) + _box("Bildstrecke", slider) + paras_html(PARAS[1:])
    assert post_text(body) == tuple(PARAS)


def test_a_box_with_a_sentence_left_in_it_is_the_articles():
    note = "Rådmanden har ikke ønsket at kommentere sagen over for avisen."
    body = paras_html(PARAS[:2]) + _box(note, _card(1)) + paras_html(PARAS[2:])
    assert post_text(body) == (*PARAS[:2], note, PARAS[2])


def test_a_heading_whose_anchor_link_went_is_kept():
    heading = "<h2><a class='anchor' aria-hidden='true' href='#baggrund'>#</a>Baggrund</h2>"
    body = paras_html(PARAS[:1]) + heading + paras_html(PARAS[1:])
    assert post_text(body) == (PARAS[0], "Baggrund", *PARAS[1:])


def test_only_boxes_outside_the_kept_blocks_are_dropped():
    tree = LexborHTMLParser("<div id='a'><span>Mere</span><div id='b'>x</div></div>")
    box = tree.css_first("#a")
    tree.css_first("#b").remove(recursive=True)
    assert drop_emptied_boxes([box], {box.mem_id}) == 0
    assert tree.css_first("#a") is not None
    assert drop_emptied_boxes([box], set()) == 1
    assert tree.css_first("#a") is None


def _block(inner: str):
    return LexborHTMLParser(f"<div id='x'>{inner}</div>").css_first("#x")


def test_a_wrapper_of_pictures_and_whitespace_has_an_empty_text():
    assert short_text(_block("\n  <div>\n <img src='/a.jpg'>\n </div>\n <span> </span>")) == ""


def test_the_label_limit_counts_each_run_stripped():
    # Joined, the label runs past the limit by the spaces at a run's edge; run by run it
    # holds 48 characters, and is a label.
    runs = "Weitere Informationen" + " " * 30 + "<span>Lesetipp und mehr zum Thema</span>"
    text = short_text(_block(runs))
    assert text is not None and text.startswith("Weitere") and len(text) > LABEL_MAX
    long = "<span>" + "Ein langer Satz ohne Ende. " * 3 + "</span><p>Noch mehr.</p>"
    assert short_text(_block(long)) is None


def _emptied(inner: str) -> tuple[LexborHTMLParser, LexborNode]:
    """A page whose block ``#x`` held ``#gone``, removed as boilerplate or as a card."""
    tree = LexborHTMLParser(f"<main><div id='x'>{inner}<div id='gone'>Del</div></div></main>")
    box = tree.css_first("#x")
    tree.css_first("#gone").remove(recursive=True)
    return tree, box


def test_a_heading_beside_a_removed_share_button_stays_a_share_bars_label_goes():
    tree, box = _emptied("<h2>Kommunen afviser kritikken</h2>")
    assert drop_emptied_boxes([], set(), [box]) == 0
    assert tree.css_first("h2").text() == "Kommunen afviser kritikken"
    tree, box = _emptied("<span>Del artiklen</span>")
    assert drop_emptied_boxes([], set(), [box]) == 1
    assert tree.css_first("#x") is None


def test_a_heading_over_removed_cards_goes_with_them():
    tree, box = _emptied("<h3>Mere om sagen</h3>")
    assert drop_emptied_boxes([box], set()) == 1
    assert tree.css_first("h3") is None
