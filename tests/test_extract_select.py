"""Selector queries through the shared engine match what node.css() finds."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.select import css, find_tags, has_match, has_tag, tag_query

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


def _tag_query_page(items: int) -> LexborHTMLParser:
    # A list of ``items`` entries, each a link and a picture, then a paragraph and a comment.
    entries = "".join(f'<li><a href="/{n}">{n}</a><img src="/{n}.png"></li>' for n in range(items))
    return LexborHTMLParser(f"<body><div><ul>{entries}</ul><!-- note --><p>end</p></div></body>")


def test_tag_queries_find_what_the_selector_finds_in_small_and_large_subtrees():
    # Three elements a list item: 3 items stay under the walk in Python, 30 go past it.
    for items in (0, 1, 3, 30):
        div = css(_tag_query_page(items).body, "div")[0]
        for names in (("a",), ("img", "picture"), ("p",), ("li", "p"), ("div",), ("h2", "h3")):
            tags = tag_query(*names)
            assert tags.query == ", ".join(names)
            found = [n.mem_id for n in find_tags(div, tags)]
            assert found == [n.mem_id for n in css(div, tags.query)]
            assert has_tag(div, tags) == has_match(div, tags.query) == bool(found)


def test_tag_queries_count_the_node_itself_and_skip_comments():
    div = css(_tag_query_page(2).body, "div")[0]
    assert [n.tag for n in find_tags(div, tag_query("div"))] == ["div"]
    assert has_tag(div, tag_query("div"))
    assert not has_tag(div, tag_query("section"))
    assert len(find_tags(div, tag_query("a", "img"))) == 4
