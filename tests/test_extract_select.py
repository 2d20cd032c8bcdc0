"""Selector queries through the shared engine match what node.css() finds."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.select import css, has_match

HTML = (
    '<body><div class="a"><p>1</p><p class="x">2</p></div><section><p>3</p></section>'
    '<span class="Comment-box">c</span></body>'
)


def test_same_matches_as_node_css_across_documents():
    first, second = LexborHTMLParser(HTML), LexborHTMLParser(HTML.replace("<p>3</p>", ""))
    for tree in (first, second, first):
        for query in ("p", "div p", ':is(p.x, [class*="comment" i])', "body"):
            got = [n.mem_id for n in css(tree.body, query)]
            assert got == [n.mem_id for n in tree.body.css(query)]
    assert [n.text() for n in css(second.root, "p")] == ["1", "2"]


def test_results_belong_to_their_own_document():
    tree = LexborHTMLParser(HTML)
    node = css(tree.body, "section p")[0]
    assert node.parser is tree
    assert node.parent.tag == "section"


def test_has_match():
    tree = LexborHTMLParser(HTML)
    div = css(tree.body, "div")[0]
    assert has_match(div, "p.x")
    assert not has_match(div, "section")
    assert has_match(div, "div")  # the node itself counts, as with node.css()
