"""Lexbor tag ids match the tags that parsed pages carry."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract import tags


def test_ids_match_parsed_elements():
    tree = LexborHTMLParser("<div><a href='/'>x</a><br><table><tr><td>y</td></tr></table></div>")
    found = {node.tag: node.tag_id for node in tree.body.traverse()}
    assert found["div"] == tags.DIV == tags.tag_id("div")
    assert found["a"] == tags.A
    assert found["br"] == tags.BR
    assert found["td"] in tags.tag_ids(["td", "th"])


def test_text_and_comment_ids_differ_from_elements():
    tree = LexborHTMLParser("<p>text<!-- note --></p>")
    kinds = {node.tag: node.tag_id for node in tree.css_first("p").iter(include_text=True)}
    assert kinds["-text"] == tags.TEXT
    assert kinds["-comment"] == tags.COMMENT
    assert len({tags.TEXT, tags.COMMENT, tags.A, tags.BR, tags.DIV}) == 5


def test_custom_tags_never_collide_with_known_ids():
    tree = LexborHTMLParser("<my-widget>x</my-widget>")
    custom = tree.css_first("my-widget").tag_id
    assert custom not in tags.tag_ids(["div", "p", "script", "nav", "a"])
