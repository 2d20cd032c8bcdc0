"""The page index: one walk finds metadata elements, paragraph candidates and junk."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.index import index_page

PAGE = """<html lang="da"><head>
<title>Overskrift | Avisen</title>
<meta property="og:title" content="Overskrift">
<link rel="stylesheet" href="/s.css"><link rel="Canonical" href="https://example.dk/a">
<script type="Application/LD+JSON">{"@type": "NewsArticle"}</script>
<script>var state = {};</script>
<link id="comment-reply-css" rel="stylesheet" href="/c.css">
</head><body class="single comments-open">
<header><h1>Overskrift</h1><time datetime="2017-06-29T14:32:00+02:00">29. juni</time></header>
<article>
 <p>Første afsnit.</p>
 <div class="text-paragraph">Andet afsnit uden p.</div>
 <div>linje<br>linje</div>
 <figure><p>Billedtekst i figur.</p><svg><title>ikon</title></svg></figure>
 <ul><li>Punkt</li></ul>
 <span itemprop="author">Anna Jensen</span>
 <a rel="author" href="/forfatter/bo">Bo Hansen</a>
 <meta itemprop="datePublished" content="2017-06-29">
 <span itemprop="datePublished">29. juni 2017</span>
</article>
<aside><p>Relateret</p><meta name="date" content="2017-06-30"></aside>
<section id="comments"><p>En kommentar.</p></section>
</body></html>"""


def _index():
    tree = LexborHTMLParser(PAGE)
    return tree, index_page(tree)


def test_metadata_elements_are_found_wherever_they_sit():
    _, index = _index()
    assert index.title is not None and index.title.text() == "Overskrift | Avisen"
    assert index.h1 is not None and index.h1.text() == "Overskrift"
    assert index.time is not None and index.time.attributes["datetime"].startswith("2017-06-29")
    names = [m.attributes.get("property") or m.attributes.get("name") for m in index.metas]
    # A meta inside a junk element (<aside>) still counts as metadata.
    assert "og:title" in names and "date" in names


def test_type_and_rel_match_regardless_of_case_as_selectors_do():
    _, index = _index()
    assert [s.text() for s in index.jsonld] == ['{"@type": "NewsArticle"}']
    assert index.canonical is not None
    assert index.canonical.attributes["href"] == "https://example.dk/a"


def test_microdata_but_not_a_meta_tag_carrying_itemprop():
    _, index = _index()
    assert index.date_published is not None and index.date_published.tag == "span"
    assert [a.text() for a in index.authors] == ["Anna Jensen", "Bo Hansen"]


def test_candidates_skip_junk_subtrees_and_keep_document_order():
    _, index = _index()
    texts = [c.text(deep=True).strip() for c in index.candidates]
    assert texts == [
        "Første afsnit.",
        "Andet afsnit uden p.",
        "linjelinje",
        "Punkt",
        "En kommentar.",
    ]
    assert "Billedtekst i figur." not in texts and "Relateret" not in texts


def test_junk_lists_only_outermost_body_elements():
    _, index = _index()
    assert [j.tag for j in index.junk] == ["figure", "meta", "aside"]


def test_paragraph_divs_are_found_by_class_only():
    tree = LexborHTMLParser(
        '<body><div id="paragraph-1">Ikke et afsnit efter id.</div>'
        '<div class="Body-Paragraph">Et afsnit efter klasse.</div></body>'
    )
    texts = [c.text() for c in index_page(tree).candidates]
    assert texts == ["Et afsnit efter klasse."]


def test_a_div_named_para_is_a_paragraph_a_parallax_or_separator_is_not():
    tree = LexborHTMLParser(
        '<body><div class="para">Et afsnit, som siden kalder para.</div>'
        '<div class="articleParagraph">Et afsnit i et sammensat navn.</div>'
        '<div class="parallax">Et billede med tekst.</div>'
        '<div class="separator">Streg</div></body>'
    )
    texts = [c.text() for c in index_page(tree).candidates]
    assert texts == ["Et afsnit, som siden kalder para.", "Et afsnit i et sammensat navn."]


def test_index_only_reads_the_tree():
    tree, _ = _index()
    assert tree.css_first("aside") is not None
    assert tree.css_first("figure svg title") is not None


def test_page_without_body_content_gives_an_empty_index():
    index = index_page(LexborHTMLParser(""))
    assert index.candidates == [] and index.junk == [] and index.title is None


def test_element_right_after_a_junk_subtree_is_noted_once():
    tree = LexborHTMLParser(
        '<body><nav><a href="/">Forside</a><meta name="inside" content="1"></nav>'
        '<meta name="after" content="2"><p>Tekst efter menuen.</p></body>'
    )
    index = index_page(tree)
    assert [m.attributes["name"] for m in index.metas] == ["inside", "after"]
    assert [j.tag for j in index.junk] == ["nav", "meta"]
    assert [c.text() for c in index.candidates] == ["Tekst efter menuen."]


def test_scripts_and_links_count_in_the_body_and_inside_junk_subtrees():
    tree = LexborHTMLParser(
        "<html><head><title>T</title></head><body>"
        '<aside><script type="application/ld+json">{"a": 1}</script></aside>'
        '<p>Tekst.</p><script type="APPLICATION/LD+JSON">{"b": 2}</script>'
        '<script type="application/json">{"c": 3}</script>'
        '<nav><link rel="canonical"></nav><link rel="CANONICAL" href="/b"><link rel="canonical" href="/c">'
        "</body></html>"
    )
    index = index_page(tree)
    assert [s.text() for s in index.jsonld] == ['{"a": 1}', '{"b": 2}']
    # The first <link rel=canonical> with an href, wherever it sits.
    assert index.canonical is not None and index.canonical.attributes["href"] == "/b"
    assert [j.tag for j in index.junk] == ["aside", "script", "script", "nav", "link", "link"]


def test_an_element_both_microdata_author_and_rel_author_is_one_author():
    tree = LexborHTMLParser(
        '<body><a itemprop="author" rel="author" href="/a">Ida Holm</a>'
        '<a itemprop="datePublished" rel="author" href="/d">29. juni 2017</a>'
        '<meta itemprop="author" content="Meta Navn"></body>'
    )
    index = index_page(tree)
    assert [a.text() for a in index.authors] == ["Ida Holm"]
    assert index.date_published is not None and index.date_published.text() == "29. juni 2017"


def test_quotes_say_whether_a_blockquote_sits_outside_junk():
    def index(body: str):
        return index_page(LexborHTMLParser(f"<html><body>{body}</body></html>"))

    quoted = index("<div class='embed'><blockquote><p>Opslag</p></blockquote></div><p>Tekst</p>")
    in_junk = index("<aside><blockquote>Citat i en sidebar</blockquote></aside><p>Tekst</p>")
    plain = index("<p>Tekst uden citater</p>")
    assert (quoted.quotes, in_junk.quotes, plain.quotes) == (True, False, False)
    assert [n.tag for n in quoted.candidates] == ["blockquote", "p", "p"]
