"""The compiled attribute reads give what the Python readers give, on pages built to trip them:
date-classed elements (``dates._date_classed``), the metas' keys and contents
(``meta.read_meta``), the author- and byline-classed elements (``byline.visible_authors``) and
the elements named for comments (``nodes.comment_named``)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from compiled import require_compiled
from mediespor.extract import attr_reads
from mediespor.extract import byline as byline_module
from mediespor.extract import dates as dates_module
from mediespor.extract import meta as meta_module
from mediespor.extract import nodes as nodes_module
from mediespor.extract.byline import visible_authors
from mediespor.extract.index import index_page
from mediespor.extract.meta import read_meta
from mediespor.extract.nodes import comment_named

WHAT = "the attribute reads (lexbor_attrs)"


def _date_classed_both(
    html: str, monkeypatch: pytest.MonkeyPatch, remove: str | None = None
) -> tuple[list, list]:
    """``_date_classed`` of ``html``'s root by the compiled reads and by the Python reads."""
    require_compiled(attr_reads.COMPILED, WHAT)
    tree = LexborHTMLParser(html)
    if remove is not None:
        tree.css_first(remove).remove()

    def found():
        return [(n.mem_id, n.tag, n.text(deep=True)) for n in dates_module._date_classed(tree.root)]

    compiled = found()
    monkeypatch.setattr(dates_module, "_compiled", None)
    return compiled, found()


def _meta_both(html: str, monkeypatch: pytest.MonkeyPatch):
    """``read_meta`` of ``html`` by the compiled reads and by the Python reads, on one tree."""
    require_compiled(attr_reads.COMPILED, WHAT)
    tree = LexborHTMLParser(html)
    index = index_page(tree)
    compiled = read_meta(tree, index)
    monkeypatch.setattr(meta_module, "_compiled", None)
    return compiled, read_meta(tree, index)


DATED = """<html><body class="single-post">
<header id="masthead"><div class="Site-Info">Lokalavisen</div></header>
<article class="post">
<h1 class="entry-title">Sagen om ressourceforløb</h1>
<div class="entry-META post-date" id="dateline">Publiceret 29. juni 2017</div>
<p class="byline">Af Anna Andersen</p>
<span class="posted-on" data-a-very-long-attribute-name-indeed="1">28.06.2017</span>
<span class="DATØ-linje">28. juni</span>
<p class="ærlig">Ingen dato her.</p>
<p class>En klasse uden værdi.</p>
<p id>Et id uden værdi.</p>
<svg class="icon-date"><a xlink:href="/a" class="meta-link">svg</a></svg>
<custom-box class="fecha-box"><x-y id="Submitted-date">x</x-y></custom-box>
<template><span class="date">I en skabelon</span></template>
<!-- <span class="date">I en kommentar</span> -->
</article></body></html>"""


def test_date_classed_elements_are_found_alike_and_right(monkeypatch):
    compiled, python = _date_classed_both(DATED, monkeypatch)
    assert compiled == python
    tags = [tag for _, tag, _ in compiled]
    texts = [text for _, _, text in compiled]
    # An element once per cue it matches: "entry-META post-date" holds "meta" and "date",
    # and its id "dateline" the id's "date"; the byline's "byline" and nothing else.
    assert texts.count("Publiceret 29. juni 2017") == 3
    assert texts.count("Af Anna Andersen") == 1
    assert texts.count("28.06.2017") == 1  # "posted"
    # The masthead's "Site-Info" (any ASCII case) and non-ASCII around an ASCII cue.
    assert texts.count("Lokalavisen") == 1
    assert texts.count("28. juni") == 0  # "DATØ" is no "dato": Ø is not folded to o
    assert "Ingen dato her." not in texts
    assert "En klasse uden værdi." not in texts and "Et id uden værdi." not in texts
    # Foreign and custom elements count as any element; a template's content is no child.
    assert tags[-4:] == ["svg", "a", "custom-box", "x-y"]
    assert "I en skabelon" not in texts and "I en kommentar" not in texts


@pytest.mark.parametrize(
    "html",
    [
        "",
        "bare tekst uden tags",
        "<!-- kun en kommentar -->",
        "<html><head></head><body></body></html>",
        "<p class=date>",
        "<html class=date-page><body id=dato><div class=INFO>i</div>",
        # Classes of the same name in other cases and scripts; a cue across a word break.
        "<div class='Dato DATO dato'>a</div><div class='da to'>b</div><b class=İnfo>c</b>",
        # Long attribute names (kept apart by Lexbor) around the class and id.
        "<div data-this-name-is-longer-than-sixteen=1 class=created "
        "data-another-rather-long-name id=date>d</div>",
        "<frameset><frame class=date></frameset>",
    ],
)
def test_odd_pages_give_the_same_date_classed_elements(html, monkeypatch):
    compiled, python = _date_classed_both(html, monkeypatch)
    assert compiled == python


def test_a_deep_tree_is_searched_without_recursion(monkeypatch):
    depth = 10_000
    html = "<body>" + "<div class=x>" * depth + "<p class=dato>dybt</p>" + "</div>" * depth
    compiled, python = _date_classed_both(html + "<p id=date>efter</p>", monkeypatch)
    assert compiled == python
    assert [text for _, _, text in compiled] == ["dybt", "efter"]


def test_a_node_removed_before_the_search_is_not_found(monkeypatch):
    html = "<body><p class=date>bliver</p><div id=x><p class=date>fjernet</p></div>"
    compiled, python = _date_classed_both(html, monkeypatch, remove="#x")
    assert compiled == python
    assert [text for _, _, text in compiled] == ["bliver"]


def test_the_search_stays_inside_the_subtree_asked_about(monkeypatch):
    require_compiled(attr_reads.COMPILED, WHAT)
    tree = LexborHTMLParser(
        "<div class=meta id=top><p class=date>inde</p></div><p class=date>ude</p>"
    )
    top = tree.css_first("#top")
    compiled = [(n.tag, n.text()) for n in dates_module._date_classed(top)]
    monkeypatch.setattr(dates_module, "_compiled", None)
    assert compiled == [(n.tag, n.text()) for n in dates_module._date_classed(top)]
    assert compiled == [("div", "inde"), ("p", "inde")]  # the block itself, then its child


METAS = """<html lang="da"><head>
<meta charset="utf-8">
<meta property="og:title" content="  Sagen om fleksjob  ">
<meta property="" name="Description" content="Kort om sagen">
<meta NAME="author" content="Anna Andersen, Bo Bendtsen">
<meta name="author" content="anna-andersen">
<meta itemprop="datePublished" content="2017-06-29T10:00:00+02:00">
<meta property="og:title" content="Anden titel">
<meta name="keywords">
<meta name="empty" content="">
<meta name="rum" content="   ">
<meta content="uden navn">
<meta data-this-name-is-longer-than-sixteen="1" name="Twitter:Title" content="Tåget ø">
<link rel="canonical" href="https://example.dk/sag">
<title>Sagen | Avisen</title>
</head><body><svg><meta name="i-svg" content="ja"></svg></body></html>"""


def test_metas_are_read_alike_and_right(monkeypatch):
    compiled, python = _meta_both(METAS, monkeypatch)
    assert compiled == python
    assert compiled.tags == {
        "og:title": "Sagen om fleksjob",  # the first one, stripped
        "description": "Kort om sagen",  # an empty property gives way to the name
        "author": "Anna Andersen, Bo Bendtsen",
        "datepublished": "2017-06-29T10:00:00+02:00",
        "twitter:title": "Tåget ø",
        "i-svg": "ja",
    }
    assert compiled.authors == ("Anna Andersen", "Bo Bendtsen")
    assert compiled.canonical == "https://example.dk/sag"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<meta>",
        "<meta name=x content>",
        "<meta property=og:type content=article property=dup>",
        "<head><meta name='ÆØÅ' content='æøå'><meta itemprop='' name='' content=x></head>",
        "<frameset><meta name=a content=b></frameset>",
    ],
)
def test_odd_metas_are_read_alike(html, monkeypatch):
    compiled, python = _meta_both(html, monkeypatch)
    assert compiled == python


def test_the_layout_check_needs_a_page_that_exercises_it():
    require_compiled(attr_reads.COMPILED, WHAT)
    from mediespor.extract import lexbor_attrs

    assert lexbor_attrs.check(LexborHTMLParser("<p class=date id=x>y</p><meta name=a content=b>"))
    # A page with no date-classed element proves nothing about the search: no pass.
    assert not lexbor_attrs.check(LexborHTMLParser("<p class=x>y</p>"))


def _authors_both(html: str, monkeypatch: pytest.MonkeyPatch):
    """``visible_authors`` of ``html`` by the compiled class search and by the selector query."""
    require_compiled(attr_reads.COMPILED, WHAT)
    compiled = visible_authors(LexborHTMLParser(html))
    monkeypatch.setattr(byline_module, "_compiled", None)
    return compiled, visible_authors(LexborHTMLParser(html))


BYLINES = """<html><body><article>
<h1>Sagen om fleksjob</h1>
<div class="Article-BYLINE"><a href="/journalist/anna">Anna Andersen</a></div>
<aside class="author-box"><span class="AUTHOR-name">Bo Bendtsen</span></aside>
</article></body></html>"""


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (BYLINES, ("Anna Andersen", "Bo Bendtsen")),
        # A class naming an author, in other cases; its own text a name.
        ("<body><h1>Sag</h1><span class='ArticleAuthor'>Af Mette Holm</span>", ("Mette Holm",)),
        # No class names an author or a byline: the line under the headline.
        ("<body><h1>Sag</h1><p>Af Mette Holm · 28. juni 2017</p>", ("Mette Holm",)),
        # Non-ASCII around the words, and a class without a value; "authør" is no author.
        (
            "<body><h1>S</h1><p class>x</p><div class='øst-BYLINE'><a>Ole Lund</a></div>",
            ("Ole Lund",),
        ),
        ("<body><h1>S</h1><div class='bylinë'><a>Ole Lund</a></div>", ()),
        ("<body><h1>S</h1><div class='authør'>Ole Lund</div>", ()),
    ],
)
def test_bylines_are_read_alike_and_right(html, expected, monkeypatch):
    compiled, python = _authors_both(html, monkeypatch)
    assert compiled == python
    assert compiled == expected


COMMENTS = """<html><body class="comments-open"><article>
<p>Tekst.</p>
<section id="Comments" class="comment-list"><div class="COMMENT">Første</div>
<div class="reply" id="comment-2">Anden</div><p class="kommentar">Dansk ord</p></section>
<svg><g class="comment-icon"></g></svg>
<template><div class="comment">I en skabelon</div></template>
<div class="cömment">Ikke en</div>
</article></body></html>"""


def test_comment_named_elements_are_found_alike_and_right(monkeypatch):
    require_compiled(attr_reads.COMPILED, WHAT)
    tree = LexborHTMLParser(COMMENTS)
    compiled = [(n.mem_id, n.tag, n.attributes) for n in comment_named(tree.root)]
    monkeypatch.setattr(nodes_module, "_compiled", None)
    assert compiled == [(n.mem_id, n.tag, n.attributes) for n in comment_named(tree.root)]
    # Each once, in order, though the section's id and class both name comments; the body's
    # state class counts here (the readers rule page-level elements out themselves).
    assert [tag for _, tag, _ in compiled] == ["body", "section", "div", "div", "g"]


def test_no_node_is_refused_not_followed():
    require_compiled(attr_reads.COMPILED, WHAT)
    # A NULL pointer followed would end the process; a refusal is an error extract() records.
    with pytest.raises(TypeError):
        attr_reads.compiled.classed(None, ((False, b"date"),))
    metas = LexborHTMLParser("<meta name=a content=b>").css("meta")
    with pytest.raises(TypeError):
        attr_reads.compiled.meta_fields([*metas, None])
