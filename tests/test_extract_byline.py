"""Visible byline authors, used when metadata names nobody."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from compiled import require_compiled
from mediespor.extract import attr_reads
from mediespor.extract import byline as byline_module
from mediespor.extract.byline import signed_name, visible_authors
from mediespor.extract.nodes import unique


def _authors(html: str, site: str | None = None):
    return visible_authors(LexborHTMLParser(html), site=site)


def test_microdata_author_name():
    html = (
        '<div itemprop="author"><span itemprop="name">Ida Holm</span> <span>Journalist</span></div>'
    )
    assert _authors(html) == ("Ida Holm",)


def test_rel_author_links_and_prefix():
    html = '<p class="byline">Af <a rel="author" href="/a/ida">Ida Holm</a> og <a rel="author" href="/a/bo">Bo Ek</a></p>'
    assert _authors(html) == ("Ida Holm", "Bo Ek")


def test_byline_text_prefix_is_dropped():
    assert _authors('<span class="author-name">Af Mette Frederiksen</span>') == (
        "Mette Frederiksen",
    )


def test_site_name_email_and_dates_are_not_authors():
    html = (
        '<span class="author-name">Avisen</span><span class="author-name">ida@avisen.dk</span>'
        '<span class="author-name">29. juni 2017</span>'
    )
    assert _authors(html, site="Avisen") == ()


def test_no_byline():
    assert _authors("<p>Ingen forfatter</p>") == ()


def test_links_in_a_byline_class_are_names():
    html = '<div class="Article-ByLine"><p>Af <a href="/p/1">Ida Holm</a></p></div><p>Tekst</p>'
    assert _authors(html) == ("Ida Holm",)


def test_without_a_byline_class_author_classes_are_read_in_page_order():
    html = (
        '<div class="post-author"><a href="/author/bo-ek">Bo Ek</a></div>'
        '<p>Tekst</p><span class="AuthorName">Ida Holm</span><a href="/author/x">Ikke her</a>'
    )
    assert _authors(html) == ("Bo Ek", "Ida Holm")


def test_a_plain_author_class_with_a_prefixed_name_is_a_byline():
    html = (
        '<div class="article-meta"><span class="article-author">Af Mette Holm og Ole Lund</span>'
        '<span class="article-date">28. juni 2017</span></div><p>Tekst</p>'
    )
    assert _authors(html) == ("Mette Holm", "Ole Lund")


def test_an_author_box_bio_or_heading_is_not_a_name():
    html = (
        '<aside class="author-box"><h3>Mere fra forfatteren</h3>'
        "<p>Mette Holm er journalist på Avisen og skriver om social- og beskæftigelse.</p></aside>"
        '<div class="author">redaktionen</div>'
    )
    assert _authors(html) == ()


def test_only_the_first_author_class_holding_a_name_is_the_byline():
    html = (
        '<div class="entry-author">Ole Lund</div><p>Tekst</p>'
        '<ol class="comments"><li><span class="comment-author">Ida Bech</span> skrev noget</li>'
        '<li><span class="comment-author">Bo Ek</span> svarede</li></ol>'
    )
    assert _authors(html) == ("Ole Lund",)


def test_a_label_before_the_name_is_dropped():
    assert _authors('<span class="author-name">Forfatter: Ole Lund</span>') == ("Ole Lund",)
    assert _authors('<p class="post-author">Author(s): Ole Lund</p>') == ("Ole Lund",)


def test_names_in_nested_and_separate_byline_blocks_come_in_page_order_once_each():
    # Byline and author classes nest inside each other and recur further down: each name is
    # read once, in the order the page shows them, whichever block holds it.
    html = (
        '<header class="top"><div class="ArticleByline"><div class="byline-authors">'
        '<a href="/p/1">Ida Holm</a><span class="author-name">Bo Ek</span></div></div></header>'
        '<div class="body"><p>Tekst om fleksjob.</p></div>'
        '<footer><div class="author-box"><a href="/author/ole-lund">Ole Lund</a></div>'
        '<p class="byline">Af <a href="/p/2">Mette Holm</a></p></footer>'
    )
    assert _authors(html) == ("Ida Holm", "Bo Ek", "Ole Lund", "Mette Holm")


def test_a_page_without_author_or_byline_classes_has_no_visible_authors():
    html = '<div class="meta"><span class="name">Ida Holm</span></div><p>Af Bo Ek</p>'
    assert _authors(html) == ()


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Af Mette Holm · 28. juni 2017 kl. 14.32", ("Mette Holm",)),
        ("Af Mette Holm, 28. juni 2017", ("Mette Holm",)),
        ("Posted by Anna Berg on June 28, 2017 at 2:32 pm", ("Anna Berg",)),
        ("By Alex Berg Thursday, November 9, 2023", ("Alex Berg",)),
        ("Af Mette Holm og Ole Dam | 28.06.2017", ("Mette Holm", "Ole Dam")),
        ("Indsendt af mads den 28. juni 2017 - 14:32", ()),
        ("Af redaktionen · 28. juni 2017", ()),
    ],
)
@pytest.mark.parametrize("where", ["byline class", "under the headline"])
def test_a_byline_written_as_a_line_names_its_writers(line: str, names: tuple, where: str):
    if where == "byline class":
        html = f'<article><h1>Overskrift</h1><p class="byline">{line}</p><p>Tekst.</p></article>'
    else:
        html = f'<article><h1>Overskrift</h1><p class="meta">{line}</p><p>Tekst.</p></article>'
    assert _authors(html) == names


@pytest.fixture(params=["compiled", "selector"])
def class_search(request, monkeypatch) -> str:
    """Runs a test with each class search of visible_authors: the compiled one
    (lexbor_attrs.classed, skipped where this install has none) and the selector query."""
    if request.param == "compiled":
        require_compiled(attr_reads.COMPILED, "the attribute reads (lexbor_attrs)")
    else:
        monkeypatch.setattr(byline_module, "_compiled", None)
    return request.param


def _in_article_info(inner: str) -> str:
    """A Joomla-like article whose info list holds ``inner``, after the headline's paragraphs
    (not right under it, where any line is read)."""
    return (
        "<article><h1>Overskrift</h1><p>Et.</p><p>To.</p><p>Tre.</p>"
        f'<dl class="article-info">{inner}</dl></article>'
    )


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        ("createdby", ("Karen Holm",)),
        ("created-by", ("Karen Holm",)),
        ("created_by", ("Karen Holm",)),
        ("entry-posted-by", ("Karen Holm",)),
        ("postedBy", ("Karen Holm",)),
        ("submitted-by", ("Karen Holm",)),
        ("post-writer", ("Karen Holm",)),
        ("WRITER", ("Karen Holm",)),
        ("meta-autor", ("Karen Holm",)),
        ("artikel-forfatter", ("Karen Holm",)),
        # A date's class, an ad's, a share bar's and a sort menu's hold a writer's word's
        # letters, not the word.
        ("created-date", ()),
        ("posted-on", ()),
        ("adsbygoogle", ()),
        ("share-by-mail", ()),
        ("sort-by", ()),
        ("lobby", ()),
    ],
)
def test_a_byline_line_in_an_element_whose_class_names_the_writer(
    cls: str, names: tuple, class_search: str
):
    html = _in_article_info(f'<dd class="{cls}">Skrevet af Karen Holm</dd>')
    assert _authors(html) == names


@pytest.mark.parametrize(
    "inner",
    [
        # A "posted-by" element that holds the post's date only: no name in it.
        '<dd class="posted-by">28. juni 2017 kl. 14.32</dd>',
        '<dd class="posted-by">Skrevet 28. juni 2017</dd>',
        # A "writer" element that holds a list of links to the writer's other posts.
        '<dd class="writer"><ul><li><a href="/a/1">Skrevet af os alle sammen</a></li>'
        '<li><a href="/a/2">Læs flere indlæg</a></li><li><a href="/a/3">Arkiv</a></li></ul></dd>',
        '<div class="more-from-writer"><a href="/nyheder/1">Ventelisten vokser igen</a> '
        '<a href="/nyheder/2">Udvalget holder ekstra møde</a></div>',
        # The class word alone, with no byline line in it.
        '<dd class="createdby">Karen Holm</dd>',
    ],
)
def test_an_element_whose_class_names_the_writer_but_holds_no_byline_names_nobody(
    inner: str, class_search: str
):
    assert _authors(_in_article_info(inner)) == ()


def test_the_compiled_class_search_finds_what_the_selector_finds():
    # Both are built from one tuple of words: a word added to one and not the other fails.
    require_compiled(attr_reads.COMPILED, "the attribute reads (lexbor_attrs)")
    tree = LexborHTMLParser(
        "<body class='single-post'><div class='Article-BYLINE createdBy'><a>Ida Holm</a></div>"
        "<span class='posted_by'>x</span><p class='WRITER-bio autor'>y</p>"
        "<dd class='forfatter'>z</dd><ins class='adsbygoogle'></ins><i class='authør'>w</i>"
        "<b class='author' id='byline'>v</b></body>"
    )
    root = tree.root
    compiled = byline_module._compiled.classed(root, byline_module._CLASSED_PARTS)
    selected = byline_module.css(root, byline_module._CLASSED)
    assert [n.mem_id for n in unique(compiled)] == [n.mem_id for n in unique(selected)]
    assert [n.tag for n in unique(compiled)] == ["div", "span", "p", "dd", "ins", "b"]


def test_a_writer_classed_element_does_not_hide_the_byline_of_an_author_class(class_search: str):
    # The new class words add elements to the search; an author-name element still goes first.
    html = _in_article_info(
        '<dd class="writer-list"><a href="/a/1">Andre indlæg</a></dd>'
        '<dd class="createdby">Skrevet af Karen Holm</dd>'
        '<dd><span class="author-name">Ole Dam</span></dd>'
    )
    assert _authors(html) == ("Ole Dam",)


def test_a_byline_line_far_from_the_headline_is_not_read():
    html = (
        "<article><h1>Overskrift</h1><p>Et.</p><p>To.</p><p>Tre.</p>"
        "<p>Af Mette Holm · 28. juni 2017</p></article>"
    )
    assert _authors(html) == ()


def test_a_profile_links_words_are_no_writer_and_a_posted_by_line_names_one():
    html = (
        '<div class="post-footer"><span class="post-author vcard">Udgivet af '
        '<span class="fn">Lise Holm</span></span></div>'
        '<div class="profile"><a rel="author" href="/profile/1">Vis hele min profil</a></div>'
    )
    assert _authors(html) == ("Lise Holm",)
    assert _authors(html.replace("Udgivet af", "Posted by")) == ("Lise Holm",)


@pytest.mark.parametrize(
    ("last", "name"),
    [
        ("Lise Nielsen, Valby", "Lise Nielsen"),
        ("Ole Dam, Lyngby-Taarbæk", "Ole Dam"),
        ("Lise Nielsen", None),  # no town: a name alone may be a heading or a caption
        ("Keep Talking Sports!", None),
        ("LISE NIELSEN, VALBY", None),
        ("Rådhuset, København", None),  # one word is no full name
    ],
)
def test_a_letter_is_signed_by_the_name_on_its_last_line(last: str, name: str | None):
    paragraphs = ("Første afsnit.", "Andet afsnit.", "Tredje afsnit.", last)
    assert signed_name(paragraphs) == name
    assert signed_name(paragraphs[2:]) is None  # too short a text to be a letter


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("28. juni 2017 | Af Mette Holm", ("Mette Holm",)),
        ("Nyhed · 28. juni 2017 · Af Mette Holm og Ole Dam", ("Mette Holm", "Ole Dam")),
        ("Tekst: Mette Holm · Foto: Ida Lund", ("Mette Holm",)),
        # "af" inside a sentence is no byline.
        ("Borgerne venter, viser en rapport af Mette Holm.", ()),
    ],
)
def test_a_byline_later_in_the_line_under_the_headline_names_its_writers(line, names):
    html = f'<article><h1>Overskrift</h1><p class="meta">{line}</p><p>Tekst.</p></article>'
    assert _authors(html) == names
