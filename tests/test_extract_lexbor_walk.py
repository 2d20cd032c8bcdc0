"""The compiled page-index walk gives what the Python walk gives, on pages built to trip it."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from compiled import require_compiled
from mediespor.extract import index as index_module
from mediespor.extract.index import PageIndex, index_page


def _summary(index: PageIndex) -> dict[str, object]:
    """Everything the index found, as (tag, text) pairs and node identities."""

    def one(node):
        return None if node is None else (node.mem_id, node.tag, node.text(deep=True))

    return {
        "metas": [one(n) for n in index.metas],
        "jsonld": [one(n) for n in index.jsonld],
        "candidates": [one(n) for n in index.candidates],
        "junk": [one(n) for n in index.junk],
        "canonical": one(index.canonical),
        "title": one(index.title),
        "h1": one(index.h1),
        "time": one(index.time),
        "hatom": one(index.hatom_published),
        "date_published": one(index.date_published),
        "quotes": index.quotes,
        "authors": [one(n) for n in index.authors],
    }


def _both(html: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """The index of ``html`` by the compiled walk and by the Python walk, on one tree."""
    require_compiled(index_module.COMPILED, "the page-index walk (lexbor_walk)")
    tree = LexborHTMLParser(html)
    compiled = _summary(index_page(tree))
    monkeypatch.setattr(index_module, "_compiled", None)
    python = _summary(index_page(tree))
    return compiled, python


PAGE = """<!doctype html><html lang="da" itemprop="x"><head>
<title>Sagen om ressourceforløb | Lokalavisen</title>
<meta property="og:title" content="Sagen"><meta name="description" content="Kort">
<link rel="CANONICAL" href="https://example.dk/sag"><link rel="canonical" href="/anden">
<script type="application/ld+json">{"@type": "NewsArticle"}</script>
<meta itemprop="datePublished" content="2017-06-28">
</head><body class="single">
<custom-header data-a-very-long-attribute-name-indeed="1" novalue><h1>Sagen</h1></custom-header>
<article>
<time datetime="2017-06-28T14:32:00+02:00">28. juni</time>
<abbr class="Published" title="2017-06-28">28/6</abbr>
<p>Første afsnit om fleksjob.</p>
<div class="ArticlePARAGRAPH">Et afsnit i en div.</div>
<div class="parallax">Ikke et afsnit.</div>
<div class="para-text" itemprop="datePublished">Dato i mikrodata: 28. juni 2017.</div>
<span class="para">Et span tæller ikke.</span>
<div>linje<br>linje<br>linje</div>
<blockquote><p>Et citat.</p></blockquote>
<ul><li>Punkt ét</li><li>Punkt to</li></ul>
<figure><p>Billedtekst</p><meta name="date" content="2017-06-29"><div class="para">x</div></figure>
<!-- en kommentar -->
<template><p>Skabelon</p></template>
<table><tr><td>Celle</td></tr></table>
<span itemprop="author">Anna Andersen</span><a rel="author" href="/bo">Bo Bendtsen</a>
</article>
<aside><script type="application/ld+json">{"@type": "Person"}</script><p>Relateret</p></aside>
<svg><title>ikon</title><desc>beskrivelse</desc></svg>
<footer><time datetime="2016-01-01">gammel</time></footer>
</body></html>"""


def test_a_purpose_built_page_is_indexed_alike_and_right(monkeypatch):
    compiled, python = _both(PAGE, monkeypatch)
    assert compiled == python
    # And what both found is right, not merely the same.
    texts = [text for _, _, text in compiled["candidates"]]
    assert "Første afsnit om fleksjob." in texts
    assert "Et afsnit i en div." in texts  # "paragraph" in a class, in any case
    assert "Ikke et afsnit." not in texts  # "parallax" is no paragraph
    assert "Et span tæller ikke." not in texts
    assert "linjelinjelinje" in texts  # the div of <br> lines, once
    assert "Billedtekst" not in texts  # inside a figure: junk
    assert compiled["quotes"] is True
    # The first microdata date outside <meta>, not the html element's unrelated itemprop.
    assert compiled["date_published"][1] == "div"
    assert compiled["canonical"][2] == ""
    assert compiled["h1"][2] == "Sagen"
    assert compiled["time"][2] == "28. juni"
    assert compiled["hatom"][1] == "abbr"
    assert [tag for _, tag, _ in compiled["junk"]].count("figure") == 1
    # Metadata counts wherever it sits: the head, and junk subtrees (figure, aside, svg).
    assert len(compiled["metas"]) == 4 and len(compiled["jsonld"]) == 2
    assert [text for _, _, text in compiled["authors"]] == ["Anna Andersen", "Bo Bendtsen"]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "bare tekst uden tags",
        "<p>Kun et afsnit",
        "<html><head></head><body></body></html>",
        "<!-- kun en kommentar -->",
        # A frameset page has no body: the Python walk reads its metadata from anywhere.
        "<html><head><title>t</title></head><frameset><frame src=a></frameset></html>",
        # Non-ASCII names and values; an itemprop without a value; a value of other case.
        "<body><div class='ÆØÅ-paragraph'>æ</div><p itemprop>ø</p>"
        "<span itemprop='DATEPUBLISHED'>å</span><span itemprop='datePublished'>2017</span>",
        # Attribute names longer than Lexbor keeps inline (16 bytes), before the itemprop.
        "<body><section data-this-name-is-longer-than-sixteen=1 "
        "data-another-rather-long-name itemprop=datePublished><p>x</p></section>",
        # Foreign content: svg and math elements, custom elements everywhere.
        "<body><x-a><x-b><p>i</p></x-b></x-a><math><mi>x</mi></math><svg><p>ud</p></svg>",
        # Junk at the very end of the page, and nested junk.
        "<body><p>a</p><nav><nav><meta name=k content=v></nav></nav>",
        "<body><p>a</p><div>b<br></div><div class=para><br></div>",
    ],
)
def test_odd_pages_are_indexed_alike(html, monkeypatch):
    compiled, python = _both(html, monkeypatch)
    assert compiled == python


def test_a_deep_tree_is_walked_without_recursion(monkeypatch):
    depth = 10_000
    html = "<body>" + "<div>" * depth + "<p>dybt</p>" + "</div>" * depth + "<p>efter</p>"
    compiled, python = _both(html, monkeypatch)
    assert compiled == python
    assert [text for _, _, text in compiled["candidates"]] == ["dybt", "efter"]


def test_a_node_removed_before_the_walk_is_not_found(monkeypatch):
    require_compiled(index_module.COMPILED, "the page-index walk (lexbor_walk)")
    tree = LexborHTMLParser("<body><p>bliver</p><div id=x><p>fjernet</p><br></div>")
    tree.css_first("#x").remove()
    compiled = _summary(index_page(tree))
    monkeypatch.setattr(index_module, "_compiled", None)
    assert compiled == _summary(index_page(tree))
    assert [text for _, _, text in compiled["candidates"]] == ["bliver"]


def test_the_layout_check_needs_a_page_that_exercises_it():
    require_compiled(index_module.COMPILED, "the page-index walk (lexbor_walk)")
    from mediespor.extract import lexbor_walk

    # The scratch page index.py checks with, and ones without any itemprop, or any attribute
    # that metadata is noted by, to read: a check that read no attribute proves nothing and
    # must not pass.
    noted = "<time datetime=2017-06-29>d</time>"
    assert lexbor_walk.check(LexborHTMLParser(f"<p itemprop=datePublished class=para>x</p>{noted}"))
    assert not lexbor_walk.check(LexborHTMLParser(f"<p class=para>x</p>{noted}"))
    assert not lexbor_walk.check(LexborHTMLParser("<p itemprop=datePublished class=para>x</p>"))


# Metadata elements the compiled walk notes itself (index._note's rules for <script>,
# <link>, <title>, <h1>, <time>), with the attributes written every way that matters.
NOTED = """<html><head>
<link rel="Canonical"><link rel="canonical alternate" href="/flere">
<link rel="CANONICAL" href="/rigtig"><link rel="canonical" href="/anden">
<script type="application/ld+json ">{"@type": "Thing"}</script>
<script type="applicatiøn/ld+json">{}</script><script type>{}</script>
<script type="APPLICATION/LD+JSON">{"@type": "NewsArticle"}</script>
<title>Første titel</title><title>Anden titel</title>
</head><body>
<svg><link rel="canonical" xlink:href="/svg"><script xlink:type="application/ld+json">{}</script></svg>
<time>uden maskintid</time><time datetime>tom maskintid</time><time datetime="2017">sen</time>
<h1>Overskriften</h1><h1>Anden overskrift</h1>
<abbr class="PUBLISHED" title="2017-06-29">29/6</abbr>
<nav><script type="application/ld+json">{"@type": "Person"}</script></nav>
</body></html>"""


def test_metadata_is_noted_alike_and_right(monkeypatch):
    compiled, python = _both(NOTED, monkeypatch)
    assert compiled == python
    assert [text for _, _, text in compiled["jsonld"]] == [
        '{"@type": "NewsArticle"}',
        '{"@type": "Person"}',
    ]
    tree = LexborHTMLParser(NOTED)
    assert index_page(tree).canonical.attributes["href"] == "/rigtig"
    assert compiled["title"][2] == "Første titel"
    assert compiled["h1"][2] == "Overskriften"
    assert compiled["time"][2] == "tom maskintid"  # a datetime without a value counts
    assert compiled["hatom"][2] == "29/6"  # left to the Python rule


def test_a_prefixed_href_is_no_href(monkeypatch):
    html = "<body><svg><link rel=canonical xlink:href=/svg></svg><link rel=canonical href=/ok>"
    compiled, python = _both(html, monkeypatch)
    assert compiled == python
    assert index_page(LexborHTMLParser(html)).canonical.attributes == {
        "rel": "canonical",
        "href": "/ok",
    }


def test_no_node_is_refused_not_followed():
    require_compiled(index_module.COMPILED, "the page-index walk (lexbor_walk)")
    # A NULL pointer followed would end the process; a refusal is an error extract() records.
    tree = LexborHTMLParser("<html><head><title>t</title></head><body><p>x</p></body></html>")
    rest = (b"", b"", b"", 0, 0, lambda name: False, lambda *args: None, PageIndex(), (0,) * 5)
    for root, head, body in (
        (None, tree.head, tree.body), (tree.root, None, tree.body), (tree.root, tree.head, None),
    ):  # fmt: skip
        with pytest.raises(TypeError):
            index_module._compiled.walk(root, head, body, *rest)
