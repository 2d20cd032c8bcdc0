"""Tree helpers: class names, the node after a subtree, attachment and ancestry."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.nodes import (
    COMMENT_NAMED,
    COMMENT_NAMED_LIST,
    class_id,
    concealed_by_name,
    deep_text,
    element_from,
    following,
    has_ancestor,
    is_attached,
    outermost,
    unique,
)
from mediespor.extract.select import css

HTML = (
    '<body><div id="Main" class="Article Body"><nav><a>x</a></nav>\n <p id="after">t</p></div>'
    "<section><span>last</span></section></body>"
)


def test_class_id_is_lower_cased_class_then_id():
    tree = LexborHTMLParser(HTML)
    assert class_id(tree.css_first("div")) == "article body main"
    assert class_id(tree.css_first("p")) == " after"


def test_following_skips_text_and_climbs_out_of_last_children():
    tree = LexborHTMLParser(HTML)
    body = tree.body
    nav = tree.css_first("nav")
    assert following(nav, body).mem_id == tree.css_first("p").mem_id
    # <p> is the div's last element: the walk goes on at the <section> after the div.
    assert following(tree.css_first("p"), body).mem_id == tree.css_first("section").mem_id
    assert following(tree.css_first("span"), body) is None


def test_attachment_and_ancestry_after_removal():
    tree = LexborHTMLParser(HTML)
    body = tree.body
    link = tree.css_first("nav a")
    nav = tree.css_first("nav")
    div = tree.css_first("div")
    assert is_attached(link, body)
    assert has_ancestor(link, {div.mem_id}) and not has_ancestor(div, {div.mem_id})
    nav.remove(recursive=False)
    assert not is_attached(link, body)
    assert not has_ancestor(link, {div.mem_id})


def test_unique_comment_list_finds_what_the_is_form_finds_once_each():
    tree = LexborHTMLParser(
        '<body><div id="comments" class="comment-list"><p class="Comment">a</p></div>'
        '<section id="x"><span id="reader-COMMENT">b</span></section></body>'
    )
    listed = css(tree.body, COMMENT_NAMED_LIST)
    # The div matches both parts of the list and is reported twice.
    assert len(listed) == 4
    once = unique(listed)
    assert [n.mem_id for n in once] == [n.mem_id for n in css(tree.body, COMMENT_NAMED)]
    assert [n.tag for n in once] == ["div", "p", "span"]


def test_deep_text_is_the_deep_text_of_every_element():
    tree = LexborHTMLParser(
        "<body><div>Før <!-- en kommentar --><b>fed &amp; <i>kursiv</i></b>\n"
        "<script>var x = 1;</script><svg><text>svg</text></svg><br>efter\u00a0ø"
        "<?php echo 1; ?><p></p></div><span></span></body>"
    )
    elements = [node for node in tree.root.traverse() if node.is_element_node]
    assert len(elements) > 8
    for node in elements:
        assert deep_text(node) == node.text(deep=True)
    assert deep_text(tree.css_first("div")).startswith("Før fed & kursiv\nvar x = 1;svg")
    # A block unlinked alone keeps its text; one removed with its subtree has none left.
    bold, italic = tree.css_first("b"), tree.css_first("i")
    bold.remove(recursive=False)
    assert deep_text(bold) == bold.text(deep=True) == "fed & kursiv"
    italic.remove(recursive=True)
    assert deep_text(italic) == italic.text(deep=True) == ""


def test_element_from_skips_text_and_comments_both_ways():
    tree = LexborHTMLParser("<div id=d> tekst <!-- note --><p id=a>A</p> mere <b id=b>B</b></div>")
    div = tree.css_first("#d")
    assert element_from(div.first_child, "next").attributes["id"] == "a"
    assert element_from(tree.css_first("#b").prev, "prev").attributes["id"] == "a"
    assert element_from(tree.css_first("#a").prev, "prev") is None


def test_outermost_keeps_what_no_other_element_of_the_list_holds():
    tree = LexborHTMLParser(
        "<div id=a><p id=b><span id=c>x</span></p></div><div id=d><div id=e><i id=f>y</i>"
        "</div></div><section id=g><b id=h>z</b></section>"
    )
    nodes = css(tree.root, "#a, #b, #c, #e, #f, #h")
    assert [n.id for n in outermost(nodes)] == ["a", "e", "h"]
    # The same as asking, for each element, whether any other one of the list holds it.
    ids = {n.mem_id for n in nodes}
    assert outermost(nodes) == [n for n in nodes if not has_ancestor(n, ids)]
    assert outermost([]) == []


def test_concealed_by_name_knows_class_words_that_hide_a_layer():
    assert concealed_by_name(("seo-summary hidden", None))
    assert concealed_by_name(("Is-Hidden", None))
    assert concealed_by_name((None, "flyout-menu"))
    assert concealed_by_name(("popup-layer", "x"))
    # A responsive class shows the element on wide screens; a word merely holding "hidden"
    # names no hiding.
    assert not concealed_by_name(("hidden lg:block", None))
    assert not concealed_by_name(("hidden-gems-article", None))
    assert not concealed_by_name(("manchet", "intro"))
    assert not concealed_by_name((None, None))
