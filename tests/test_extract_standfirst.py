"""The standfirst's place: right after the page's headline; its text: the page's description."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extract_pages import PARAS, jsonld
from mediespor.extract import extract
from mediespor.extract.standfirst import described_standfirst, follows_headline, unrepeated


def _paragraph(html: str):
    return LexborHTMLParser(html).css_first("p#s")


def test_a_paragraph_right_after_the_headline_follows_it():
    assert follows_headline(_paragraph("<h1>Titel</h1> <p id=s>Resumé</p>"))


def test_a_box_right_after_the_headline_holding_the_paragraph_first_follows_it():
    html = "<header><h1>Titel</h1><div class=dek>\n<p id=s>Resumé</p><p>Mere</p></div></header>"
    assert follows_headline(_paragraph(html))


def test_a_byline_between_headline_and_paragraph_breaks_the_tie():
    assert not follows_headline(_paragraph("<h1>Titel</h1><p>Af Ida Holm</p><p id=s>Tekst</p>"))
    html = "<h1>Titel</h1><div><p>Af Ida Holm</p><p id=s>Tekst</p></div>"
    assert not follows_headline(_paragraph(html))


def test_a_paragraph_after_a_lesser_heading_or_too_deep_does_not_follow_it():
    assert not follows_headline(_paragraph("<h2>Mellemrubrik</h2><p id=s>Tekst</p>"))
    html = "<h1>Titel</h1><div><div><div><p id=s>Tekst</p></div></div></div>"
    assert not follows_headline(_paragraph(html))


# --- The standfirst found through the page's description -------------------------------------

URL = "https://www.avisen.dk/indland/raadhuset-dropper-nye-regler"
MANCHET = (
    "Borgerne fik ret: forvaltningen trækker forslaget om skærpede krav til fleksjob tilbage "
    "efter ugers protester"
)
SLOGAN = "Nyheder, debat og baggrund fra hele hovedstaden, hver dag året rundt"


def _page(description: str, manchet: str = MANCHET, *, head: str = "", masthead: str = "") -> str:
    """A page with no <article>/<main>: a headline, a byline, a standfirst box, then the body."""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!doctype html><html lang="da"><head><title>Rådhuset dropper nye regler</title>
<meta name="description" content="{description}">{head}</head><body>
<div class="masthead"><a href="/">Avisen</a><div class="slogan">{masthead}</div></div>
<div class="top"><h1>Rådhuset dropper nye regler</h1>
<div class="byline">Af Ida Holm · 28. juni 2017</div>
<div class="intro"><strong>{manchet}</strong></div></div>
<div class="article-body">{body}</div>
<footer><p>Avisen A/S, Hovedgaden 1, 1000 København K.</p></footer></body></html>"""


def test_the_block_showing_the_description_is_the_standfirst_before_the_body():
    a = extract(_page(MANCHET), URL)
    assert a.paragraphs == (MANCHET, *PARAS)


def test_the_standfirst_found_through_og_or_structured_description():
    og = f'<meta property="og:description" content="{MANCHET}">'
    assert extract(_page("Kort", head=og), URL).paragraphs[0] == MANCHET
    ld = jsonld({"@type": "NewsArticle", "headline": "Rådhuset", "description": MANCHET})
    assert extract(_page("Kort", head=ld), URL).paragraphs[0] == MANCHET


def test_a_description_cut_short_finds_the_whole_standfirst():
    cut = MANCHET[:70].rstrip() + "…"
    assert extract(_page(cut), URL).paragraphs == (MANCHET, *PARAS)


def test_a_description_a_block_holds_after_a_label_is_taken_without_the_label():
    shown = f"<em>Fleksjob</em> {MANCHET}"
    assert extract(_page(MANCHET, shown), URL).paragraphs == (MANCHET, *PARAS)


def test_a_standfirst_longer_than_the_description_is_taken_as_shown():
    description = MANCHET + ", og rådmanden vil nu tale med de berørte borgere om sagen"
    assert extract(_page(description), URL).paragraphs == (MANCHET, *PARAS)


def test_a_description_repeating_the_first_paragraph_adds_nothing():
    # The common case: the description is the body's opening; the box under the headline
    # holds something else.
    a = extract(_page(PARAS[0], "Læs mere om sagen"), URL)
    assert a.paragraphs == tuple(PARAS)


def test_a_standfirst_the_text_already_holds_is_not_added_twice():
    html = _page(MANCHET).replace(
        '<div class="article-body">', f'<div class="article-body"><p>{MANCHET}.</p>'
    )
    a = extract(html, URL)
    assert sum(MANCHET in p for p in a.paragraphs) == 1


def test_a_description_only_in_metadata_adds_nothing():
    a = extract(_page(MANCHET, "Foto: Ida Holm"), URL)
    assert a.paragraphs == tuple(PARAS)
    assert a.lead == MANCHET  # it stays the item's description


def test_a_site_slogan_shown_above_the_headline_is_not_a_standfirst():
    a = extract(_page(SLOGAN, "Foto: Ida Holm", masthead=SLOGAN), URL)
    assert a.paragraphs == tuple(PARAS)
    assert SLOGAN not in a.text


def test_a_description_shown_after_the_body_is_not_a_standfirst():
    # The same summary repeated in a share box below the article is not its standfirst.
    html = _page(MANCHET, "Foto: Ida Holm").replace(
        "<footer>", f'<div class="note"><p>{MANCHET}</p></div><footer>'
    )
    assert extract(html, URL).paragraphs[0] == PARAS[0]


def test_a_short_description_or_a_page_without_headline_finds_nothing():
    assert extract(_page("Fleksjob i København"), URL).paragraphs == tuple(PARAS)
    html = _page(MANCHET).replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    assert MANCHET not in extract(html, URL).paragraphs


def _standfirst(html: str) -> str | None:
    """The standfirst of ``html`` whose body is the element ``#b``."""
    tree = LexborHTMLParser(html)
    return described_standfirst(tree.css_first("h1"), tree.css_first("#b"), (MANCHET,), PARAS)


def test_described_standfirst_reads_only_between_headline_and_body():
    shown = f"<p>{MANCHET}</p>"
    body = f"<div id=b><p>{PARAS[0]}</p></div>"
    assert _standfirst(f"<body><h1>T</h1><div><div>{shown}</div>{body}</div></body>") == MANCHET
    # After the body or in a hidden block: not a standfirst.
    assert _standfirst(f"<body><h1>T</h1>{body}{shown}</body>") is None
    assert _standfirst(f"<body><h1>T</h1><p hidden>{MANCHET}</p>{body}</body>") is None
    # A headline inside the body's block: the standfirst is what comes before the first
    # paragraph there (a heading the text left out), not what comes after it.
    inside = f"<body><div id=b><h1>T</h1><h2>{MANCHET}</h2><p>{PARAS[0]}</p></div></body>"
    assert _standfirst(inside) == MANCHET
    after = f"<body><div id=b><h1>T</h1><p>{PARAS[0]}</p><h2>{MANCHET}</h2></div></body>"
    assert _standfirst(after) is None
    # Boxes of blocks are looked into, not read whole: the body's wrapper is never a match.
    wrapped = f"<body><h1>T</h1><div>{shown}<p>a</p><p>b</p><p>c</p></div>{body}</body>"
    assert _standfirst(wrapped) == MANCHET
    # A caption beside its picture (no <figure>) is not a standfirst, nor a box holding both.
    caption = f'<div><a href="/b.jpg"><img src="/b.jpg"></a><p>{MANCHET}</p></div>'
    assert _standfirst(f"<body><h1>T</h1>{caption}{body}</body>") is None
    framed = f'<div class="pic"><img src="/b.jpg"><span>{MANCHET}</span></div>'
    assert _standfirst(f"<body><h1>T</h1>{framed}{body}</body>") is None
    # Four blocks of text between headline and standfirst: too far for it.
    lines = "".join(f"<div>Linje {n}</div>" for n in range(4))
    assert _standfirst(f"<body><h1>T</h1>{lines}{shown}{body}</body>") is None
    assert _standfirst(f"<body><h1>T</h1>{lines[:-18]}{shown}{body}</body>") == MANCHET


def test_a_description_with_plain_quotes_finds_the_standfirst_as_the_page_shows_it():
    shown = "»Borgerne fik ret«: forvaltningen trækker forslaget om fleksjob tilbage, siger de"
    page = LexborHTMLParser(
        f"<body><h1>T</h1><div>Af Ida Holm</div><div>{shown} i dag</div>"
        f"<div id=b><p>{PARAS[0]}</p></div></body>"
    )
    h1, body = page.css_first("h1"), page.css_first("#b")
    plain = shown.replace("»", '"').replace("«", '"')
    assert described_standfirst(h1, body, (plain,), PARAS) == shown
    assert described_standfirst(h1, body, (plain[:60] + "…",), PARAS) == f"{shown} i dag"
    # The text holding it with other quotes: nothing to add.
    assert described_standfirst(h1, body, (plain,), [shown, *PARAS]) is None


def test_a_blogs_slogan_under_its_name_in_the_h1_is_not_a_standfirst():
    # Blog templates set the blog's name in the <h1>, its slogan right under it, and the
    # slogan as every page's description; the post's own title is an <h2>.
    html = f"""<html lang="da"><head><title>Nye regler for fleksjob - Borgerbloggen</title>
<meta property="og:title" content="Nye regler for fleksjob">
<meta name="description" content="{SLOGAN}"></head><body>
<header><h1>Borgerbloggen</h1><div class="tagline">{SLOGAN}</div></header>
<div class="post"><h2>Nye regler for fleksjob</h2>{"".join(f"<p>{p}</p>" for p in PARAS)}</div>
</body></html>"""
    a = extract(html, URL)
    assert SLOGAN not in a.text
    assert a.paragraphs == tuple(PARAS)


def test_no_standfirst_under_an_h1_that_is_not_the_headline_a_lesser_heading_shows():
    # A blog named after its topic shares a word with the post's headline ("Rådhuset"); the
    # post's title is an <h2>: the <h1> is not the article's, the block under it no standfirst.
    og = '<meta property="og:title" content="Rådhuset dropper nye regler">'
    h2 = "</strong></div><h2>Rådhuset dropper nye regler</h2>"
    page = _page(MANCHET, head=og).replace("</strong></div>", h2)
    blog = page.replace("<h1>Rådhuset dropper nye regler</h1>", "<h1>Rådhuset i fokus</h1>")
    assert MANCHET not in extract(blog, URL).text
    # An <h1> that is the headline keeps its standfirst, though a lesser heading repeats it.
    assert extract(page, URL).paragraphs == (MANCHET, *PARAS)


def test_a_description_in_a_block_hidden_by_its_style_is_not_a_standfirst():
    for style in ("display:none", "visibility: hidden"):
        html = _page(MANCHET).replace('<div class="intro">', f'<div class="intro" style="{style}">')
        assert extract(html, URL).paragraphs == tuple(PARAS)


def test_a_description_in_a_block_a_class_name_hides_is_not_a_standfirst():
    variants = (
        ('<div class="intro is-hidden">', "</strong></div>"),
        ('<div class="hidden"><div class="intro">', "</strong></div></div>"),  # a box hides it
    )
    for opening, closing in variants:
        html = _page(MANCHET).replace('<div class="intro">', opening)
        html = html.replace("</strong></div>", closing)
        assert extract(html, URL).paragraphs == tuple(PARAS), opening
    # Shown again after the hidden copy: the walk goes past the hidden one and takes it.
    hidden = f'<div class="seo hidden">{MANCHET}</div><div class="intro">'
    html = _page(MANCHET).replace('<div class="intro">', hidden)
    assert extract(html, URL).paragraphs == (MANCHET, *PARAS)


def test_a_description_repeating_the_headline_finds_no_standfirst():
    headline = "Rådhuset dropper de nye regler for fleksjob efter ugers protester"
    html = (
        _page(headline, headline)
        .replace("<h1>Rådhuset dropper nye regler</h1>", f"<h1>{headline}</h1>")
        .replace("<title>Rådhuset dropper nye regler</title>", f"<title>{headline}</title>")
    )
    assert headline not in extract(html, URL).paragraphs


def test_unrepeated_drops_a_lead_the_text_shows_written_a_little_differently():
    lead = "Udvalget vil se „flere tal“, før  kommunen sætter tolv sagsbehandlere på sagerne"
    body = 'Udvalget vil se "flere tal", før kommunen sætter tolv sagsbehandlere på sagerne.'
    other = "Rådmanden lover en opgørelse over de ældste sager inden udvalgets møde i august."
    assert unrepeated([lead, other], [body, "Noget andet."]) == [other]
    assert unrepeated([lead], ["Noget helt andet om budgettet for næste år."]) == [lead]
    assert unrepeated([lead], []) == [lead]
    assert unrepeated([lead, lead.replace("„", '"'), other], [body]) == [other]
    assert unrepeated([lead, lead + ".", other], ["Noget andet."]) == [lead, other]


def test_a_standfirst_under_the_headline_h1_after_a_logo_h1_is_found():
    # The site's logo in the first <h1>, linked home; the article's headline in the second.
    logo = '<div class="masthead"><h1 class="logo"><a href="/">Avisen</a></h1>'
    page = _page(MANCHET).replace('<div class="masthead"><a href="/">Avisen</a>', logo)
    a = extract(page, URL)
    assert a.title == "Rådhuset dropper nye regler"
    assert a.paragraphs == (MANCHET, *PARAS)
    # The second <h1> not the headline (a section's name): the block under it no standfirst.
    section = page.replace("<h1>Rådhuset dropper nye regler</h1>", "<h1>Indland</h1>")
    assert MANCHET not in extract(section, URL).text
