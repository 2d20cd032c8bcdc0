"""The compiled container choice and boilerplate removal (``box_walk``) give what content.py's
Python gives, on pages built to trip them: scores, text lengths, link shares, hidden layers,
the blocks removed, and the article text in the end."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from compiled import PROSE, random_page, require_compiled
from mediespor.extract import content
from mediespor.extract.html import parse_utf8
from mediespor.extract.index import index_page
from mediespor.extract.tags import A

WHAT = "container choice and boilerplate removal (box_walk)"

# Everything the walks read: names that mark blocks and names that do not, attributes without
# values, an attribute name longer than Lexbor stores inline, non-ASCII names and text, custom
# elements, a template, comments, links within links, foreign content, odd whitespace.
PAGE = f"""<!doctype html><html><head><title>t</title></head><body>
<div class="site-header" role="banner"><ul class="menu"><li><a href="/">Forside</a></li>
<li><a href="/a">Arbejde</a></li><li><a href="/b">Borger</a></li></ul></div>
<main><article class="artikel-krop" id="indhold">
<p class="lead" data-a-rather-long-attribute-name-indeed="1" novalue>\u00a0{PROSE}\u3000</p>
<div class="share-bar"><span class="share"><a href="/del">Del</a></span>
<div class="inner-widget"><p>Inde i en fjernet blok.</p></div></div>
<p>{PROSE} <a href="/kilde">Læs <a href="/i">kilden</a></a>, sagde hun.</p>
<custom-box class="fakta" style="color: red"><p>{PROSE}</p></custom-box>
<div class="flyout-panel"><p>{PROSE}</p></div>
<div style="display: none"><p>Skjult tekst i en stil.</p></div>
<div aria-hidden="true" class="plain"><p>Skjult for skærmlæsere.</p></div>
<section hidden><p>Skjult med hidden.</p></section>
<span itemprop="author" class="by">Ole Olsen</span>
<div role="navigation" id="Øverst"><a href="/x">Næste</a></div>
<form class="tilmeld"><p>Skriv dig op til nyhedsbrevet.</p><input name="e"></form>
<div class="teaser"><a href="/t"><img src="t.jpg"></a><a href="/t">En anden historie</a></div>
<template><div class="share">Skabelon</div></template>
<!-- en kommentar --><p>{PROSE}<!-- midt i --> Slut.</p>
<div class="related-links"><ul><li><a href="/r1">Relateret et</a></li></ul></div>
<svg><a xlink:href="/svg" role="navigation"><text>svg-link</text></a></svg>
<p class="bodytext">Kort.</p><p class="bodytext">{PROSE}</p>
</article></main>
<div class="comments"><p>{PROSE}</p></div>
<footer><p>Kontakt redaktionen</p></footer></body></html>"""


def _without_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "_box_walk", None)


def _scored(html: str, deep: bool | None, whole: set[int] | None = None):
    """The scores, prose and blocks of the page's paragraph candidates, by tag and text."""
    tree = LexborHTMLParser(html)
    candidates = index_page(tree).candidates
    if deep is False:
        candidates = [n for n in tree.body.traverse() if n.tag == "div"]
        whole = {n.mem_id for n in candidates if n.attributes.get("class") == "hel"}
    scores, held, nodes = content._score_paragraphs(candidates, deep, tree.root.mem_id, whole)
    if content._box_walk is not None:  # the compiled scores, not the Python's in their place
        assert content._box_walk.score_paragraphs(
            candidates, deep, tree.root.mem_id, whole, content.DIV, A, 10, content._class_weight
        ) == (scores, held, nodes)
    assert set(scores) <= set(nodes) and set(held) == set(nodes)
    assert all(node.mem_id == key for key, node in nodes.items())
    # Keys in insertion order (it decides ties when the blocks are ranked), each told by its
    # place on the page: two parses give two sets of addresses.
    place = {node.mem_id: n for n, node in enumerate(tree.root.traverse())}
    return [(place[key], scores.get(key), held[key], nodes[key].tag) for key in nodes]


@pytest.mark.parametrize("deep", [None, False])
def test_paragraph_scores_match_the_python_scores(monkeypatch, deep):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    html = PAGE + "<div class=hel>" + PROSE + "<b>" + PROSE + "</b></div>"
    html += "<div>" + PROSE + "<br>" + PROSE + "</div>"
    compiled = _scored(html, deep)
    _without_compiled(monkeypatch)
    assert compiled == _scored(html, deep)
    assert compiled  # the page's prose scores


def test_the_article_wins_and_a_link_list_does_not_vote(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    links = "".join(f"<p><a href='/{n}'>{PROSE[:40]}</a> og mere</p>" for n in range(6))
    html = f"<body><div id=links>{links}</div><div id=sag><p>{PROSE}</p><p>{PROSE}</p></div></body>"
    tree = LexborHTMLParser(html)
    scores, held, nodes = content._score_paragraphs(
        index_page(tree).candidates, None, tree.root.mem_id
    )
    story = tree.css_first("#sag").mem_id
    assert max(scores, key=scores.__getitem__) == story
    assert tree.css_first("#links").mem_id not in scores  # mostly links: no votes at all
    # Two paragraphs of 175 characters, each with three commas: 1 + 3 + 1 points apiece, and
    # nothing for a name that says nothing.
    assert held[story] == 2 * len(PROSE) == 350 and scores[story] == 10
    _without_compiled(monkeypatch)
    assert content._score_paragraphs(index_page(tree).candidates, None, tree.root.mem_id) == (
        scores,
        held,
        nodes,
    )


TEXTS = [
    "<p> plain </p>",
    "<p>\u00a0\u2003 Æbler, pærer\uff0c og \U0001f600 \u3000\n</p>",
    "<p>\t\n </p>",
    "<p></p>",
    "<p><a href=x>helt</a> <a href=y>link<a href=z>inde</a></a></p>",
    "<p>før<!-- kommentar -->efter<template>skabelon</template></p>",
    "<p><custom-el data-an-attribute-name-over-sixteen>brugerdefineret</custom-el></p>",
    "<a href=x> linket selv </a>",
]


@pytest.mark.parametrize("html", TEXTS)
def test_text_lengths_and_link_shares_match_python(monkeypatch, html):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    node = LexborHTMLParser("<body>" + html + "</body>").body.child
    compiled = (content._text_len(node), content._prose_link_density(node))
    _without_compiled(monkeypatch)
    python = (content._text_len(node), content._prose_link_density(node))
    assert compiled == python
    assert compiled[0] == len(node.text_lexbor().strip())


def test_link_text_counts_once_per_link_it_is_in():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    # The HTML parser closes a link before opening another; SVG's links nest.
    body = LexborHTMLParser("<body><p>ord <svg><a>aa<g><a>bb</a></g></a></svg></p></body>").body
    p = body.css_first("p")
    # "ord aabb" is 8 characters; the outer link holds 4 of them, the inner one 2 again.
    assert content._text_len(p) == 8
    assert content._prose_link_density(p) == 6 / 8


def test_text_that_is_not_utf8_is_counted_by_python(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    from mediespor.extract import box_walk

    # A character split over two text nodes, and bytes that are no UTF-8 at all: selectolax
    # joins the bytes before decoding them, with replacement characters.
    tree = parse_utf8(b"<body><p>ab\xff cd <a>x\xc3</a>\xa9 og, s\xe5</p></body>")
    p = tree.css_first("p")
    assert box_walk.text_len(p) is None
    assert box_walk.prose_link_density(p, A) is None
    assert box_walk.score_paragraphs([p], None, -1, None, 0, A, 10, lambda n: 0.0) is None
    compiled = (content._text_len(p), content._prose_link_density(p))
    _without_compiled(monkeypatch)
    assert compiled == (content._text_len(p), content._prose_link_density(p))
    assert compiled[0] == len(p.text_lexbor().strip())


def _removed(html: str, keep_ids: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """The article after boilerplate removal, and the text of the paragraphs left."""
    tree = LexborHTMLParser(html)
    article = tree.css_first("article")
    keep = {tree.css_first(f"#{key}").mem_id for key in keep_ids}
    content._remove_boilerplate(article, content._ParagraphCounts([article]), keep)
    return article.html, [p.text().strip() for p in article.css("p")]


def test_boilerplate_removal_matches_python(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    compiled = _removed(PAGE)
    _without_compiled(monkeypatch)
    assert compiled == _removed(PAGE)
    html, left = compiled
    for gone in (
        "Del", "Inde i en fjernet blok.", "Skjult tekst i en stil.", "Skjult for skærmlæsere.",
        "Skjult med hidden.", "Ole Olsen", "Næste", "Skriv dig op", "Relateret et",
    ):  # fmt: skip
        assert gone not in html
    assert left[0] == PROSE and left.count(PROSE) >= 4 and "Kort." in left
    # An element with a prefixed attribute is judged by the Python rules: its role still counts.
    assert "svg-link" not in html


def test_blocks_kept_and_a_removed_root_end_the_walk(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    # The block holding the best-scoring one is kept however it is named; a container that
    # is boilerplate itself goes, and nothing inside it is looked at again.
    html = (
        "<body><article><div class='related' id=best><p>" + PROSE + "</p></div>"
        "<div class=sidebar><p>Side</p></div></article></body>"
    )
    compiled = _removed(html, ("best",))
    tree = LexborHTMLParser("<body><div class='share-box'><p class=share>x</p></div></body>")
    box = tree.css_first("div")
    content._remove_boilerplate(box, content._ParagraphCounts([box]), set())
    assert tree.body.html == "<body></body>"
    _without_compiled(monkeypatch)
    assert compiled == _removed(html, ("best",))
    assert PROSE in compiled[0] and "Side" not in compiled[0]


def test_a_node_removed_before_the_walk_is_not_visited(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    seen = []

    def run():
        tree = LexborHTMLParser(PAGE)
        article = tree.css_first("article")
        article.css_first(".share-bar").remove()
        with monkeypatch.context() as patch:
            patch.setattr(content, "_embeds_post", lambda node, attrs: seen.append(node) or False)
            content._remove_boilerplate(article, content._ParagraphCounts([article]), set())
        found = [node.attributes.get("class") for node in seen]
        seen.clear()
        return found, article.html

    compiled = run()
    _without_compiled(monkeypatch)
    assert compiled == run()
    assert "inner-widget" not in compiled[0] and "related-links" in compiled[0]


def test_hidden_layers_are_passed_over_as_in_python(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    html = (
        "<body><div class='Flyout-menu'><div id=a><p>x</p></div></div>"
        "<div hidden><div id=b><p>x</p></div></div>"
        "<div class='hidden lg:block'><div id=c><p>x</p></div></div>"
        "<div class='is-hidden'><div id=d><p>x</p></div></div>"
        "<svg><g xlink:href='#' class=hidden><g id=e></g></g></svg>"
        "<div class='popup'><span></span></div><div id=f><p>x</p></div></body>"
    )
    tree = LexborHTMLParser(html)
    nodes = {tree.css_first(f"#{key}").mem_id: tree.css_first(f"#{key}") for key in "abcdef"}
    ranked = list(nodes)
    compiled = content._not_concealed(ranked, nodes, 5)
    assert compiled == [ranked[2], ranked[5]]  # responsive "hidden lg:block", and the last
    assert content._not_concealed(ranked[:2], nodes, 5) == ranked[:2]  # all hidden: all of them
    _without_compiled(monkeypatch)
    assert compiled == content._not_concealed(ranked, nodes, 5)


def test_a_deep_tree_is_walked_without_recursion(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    depth = 10_000
    html = (
        "<body><article>" + "<div class=lag>" * depth + f"<p>{PROSE}<a href=x>link</a></p>"
        + "<div class=share><p>del</p></div>" + "</div>" * depth + "</article></body>"
    )  # fmt: skip

    def run():
        tree = LexborHTMLParser(html)
        article = tree.css_first("article")
        found = (content._text_len(article), content._prose_link_density(article))
        scored = content._score_paragraphs(index_page(tree).candidates, None, tree.root.mem_id)
        content._remove_boilerplate(article, content._ParagraphCounts([article]), set())
        return found, sorted(scored[1].values()), article.text().strip()

    compiled = run()
    _without_compiled(monkeypatch)
    assert compiled == run()
    assert compiled[0] == (len(PROSE) + 4 + 3, 4 / (len(PROSE) + 7))
    assert compiled[2] == PROSE + "link"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "just text, no tags at all",
        "<html><body></body></html>",
        "<body><template><p>" + PROSE + "</p></template></body>",
        PAGE,
    ],
)
def test_whole_extraction_is_the_same(monkeypatch, html):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    compiled = content.main_content(LexborHTMLParser(html))
    _without_compiled(monkeypatch)
    assert compiled == content.main_content(LexborHTMLParser(html))
    if html == PAGE:
        assert compiled.paragraphs[0] == PROSE and "Del" not in compiled.paragraphs
    elif "just text" in html:
        assert compiled.paragraphs == ("just text, no tags at all",)


def test_the_layout_check_needs_a_page_that_exercises_it():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    from mediespor.extract import box_walk

    assert box_walk.check(LexborHTMLParser(PAGE + "<i style hidden aria-hidden role itemprop>"), A)
    # No attribute that marks a block, and ASCII text only: the check proves nothing.
    assert not box_walk.check(LexborHTMLParser("<p class=a id=b>x</p>"), A)


CARDS = (
    "<article><div class=grid>"
    "<div class=kort><a href='/sag/1'><img src=a.jpg></a><h3><a href='/sag/1'>Første</a></h3>"
    "</div><li class=kort><a href='/sag/2'>Anden</a> <p>" + PROSE[:60] + "</p>"
    "<a href='/sag/2'>Læs</a></li>"
    "<p>Se <a href='#top'>top</a> og <a href='#top'>top</a>, <a href>tom</a><a href>tom</a></p>"
    "<div><a href='/sag/3'>x</a>" + "<b>" * 12 + "<a href='/sag/3'>dybt</a>" + "</b>" * 12
    + "</div><div><a href='/sag/4'>" + PROSE * 3 + "</a><h2><a href='/sag/4'>Lang</a></h2></div>"
    "</div></article>"
)  # fmt: skip


@pytest.mark.parametrize(
    "html",
    [
        CARDS,
        # An SVG link's xlink:href: the selector finds it by its local name; the Python reads
        # its attributes by their qualified names.
        "<article><div><svg><a xlink:href='/s'>s</a></svg><a href='/s'>t</a><img></div></article>",
    ],
)
def test_teaser_cards_match_python(monkeypatch, html):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    from mediespor.extract import box_walk
    from mediespor.extract.cards import teaser_cards

    def found(compiled):
        article = LexborHTMLParser(html).css_first("article")
        return [node.html for node in teaser_cards(article, set(), compiled)]

    compiled = found(box_walk)
    assert compiled == found(None)
    if html == CARDS:
        # A picture and a heading, a linked title over a summary; not a paragraph's links
        # within the page or to nothing, not links too deep apart, nor a block too long.
        assert [card[:16] for card in compiled] == ['<div class="kort', '<li class="kort"']
    else:
        assert compiled == []  # the SVG link has no href of its own: it repeats no address


def test_attributes_that_mark_a_plainly_named_block_are_read_as_in_python(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    kept = (
        "<div class=a aria-hidden=false><p>synlig for skærmlæsere</p></div>"
        "<div class=b role=main><p>rolle main</p></div>"
        "<div class=c style='display:block; color: red'><p>synlig stil</p></div>"
        "<div class=d itemprop=articleBody><p>brødtekst i mikrodata</p></div>"
        "<div class=e role><p>rolle uden værdi</p></div>"
        "<div id=f aria-hidden=TRUE><p>store bogstaver</p></div>"
    )
    removed = (
        "<div class=g role=complementary><p>sidebar</p></div>"
        "<div class=h style='VISIBILITY :  hidden'><p>usynlig</p></div>"
        "<div class=i itemprop=dateModified><p>ændret</p></div>"
        "<span class=j aria-hidden=true>skjult</span>"
        "<ol class=k hidden><li>skjult liste</li></ol>"
    )
    html = f"<body><article>{kept}{removed}</article></body>"
    compiled = _removed(html)
    _without_compiled(monkeypatch)
    assert compiled == _removed(html)
    assert compiled[1] == [
        "synlig for skærmlæsere", "rolle main", "synlig stil", "brødtekst i mikrodata",
        "rolle uden værdi", "store bogstaver",
    ]  # fmt: skip
    for gone in ("sidebar", "usynlig", "ændret", "skjult"):
        assert gone not in compiled[0]


def test_paragraph_counts_match_python(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    html = (
        "<body><article id=a><p>et</p><div id=d><p>to</p><template><p>skabelon</p></template>"
        "<section><p>tre</p><p>fire</p></section></div><!-- <p>kommentar</p> -->"
        "<p-custom>ikke et afsnit</p-custom></article><aside id=b><p>fem</p></aside></body>"
    )

    def counts():
        tree = LexborHTMLParser(html)
        blocks = [tree.css_first("#a"), tree.css_first("#b"), tree.css_first("#b p")]
        found = content._ParagraphCounts(blocks)
        keys = [n.mem_id for n in tree.body.traverse()]
        return (
            [p.text() for p in found._read()],
            [found.within(n) for n in tree.body.traverse()],
            [found.holds_most(n) for n in tree.body.traverse()],
            len(keys),
        )

    compiled = counts()
    _without_compiled(monkeypatch)
    assert compiled == counts()
    # In document order, a paragraph of two chosen blocks once per block.
    assert compiled[0] == ["et", "to", "tre", "fire", "fem", "fem"]


def _everything(html: str):
    """All that the compiled walks answer, on one parse of ``html``, told by place on the page."""
    from mediespor.extract.cards import teaser_cards

    tree = LexborHTMLParser(html)
    elements = [n for n in tree.root.traverse() if n.is_element_node]
    place = {n.mem_id: i for i, n in enumerate(elements)}
    index = index_page(tree)
    scores = content._score_paragraphs(index.candidates, None, tree.root.mem_id)
    divs = [n for n in elements if n.tag == "div"]
    flat = content._score_paragraphs(
        divs, False, tree.root.mem_id, {divs[0].mem_id} if divs else None
    )
    texts = [(content._text_len(n), content._prose_link_density(n)) for n in elements]
    ranked = [n.mem_id for n in elements[2:]]
    nodes = {n.mem_id: n for n in elements}
    concealed = [place[key] for key in content._not_concealed(ranked, nodes, 5)]
    sections = [place[n.mem_id] for n in content._comment_sections(tree.body)]
    cards = [place[n.mem_id] for n in teaser_cards(tree.body, set(), content._box_walk)]
    content._remove_boilerplate(tree.body, content._ParagraphCounts([tree.body]), set())
    return (
        [[(place[k], v) for k, v in table.items()] for table in scores[:2] + flat[:2]],
        texts, concealed, sections, cards, tree.body.html,
        content.main_content(LexborHTMLParser(html)),
    )  # fmt: skip


def test_random_pages_give_the_same_answers_both_ways(monkeypatch):
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    import random

    rng = random.Random(20171128)
    pages = [random_page(rng) for _ in range(200)]
    compiled = [_everything(html) for html in pages]
    _without_compiled(monkeypatch)
    for html, found in zip(pages, compiled, strict=True):
        assert found == _everything(html), html
    # The pages reach every rule: scores, hidden layers, sections, cards, removals.
    assert sum(bool(found[0][0]) for found in compiled) > 50
    assert sum(len(found[2]) < 5 for found in compiled) > 5
    assert sum(bool(found[3]) for found in compiled) > 10
    assert sum(bool(found[4]) for found in compiled) > 5


def test_no_node_is_refused_not_followed():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    from mediespor.extract import box_walk

    # A NULL pointer followed would end the process; a refusal is an error extract() records.
    with pytest.raises(TypeError):
        box_walk.text_len(None)
    with pytest.raises(TypeError):
        box_walk.tagged(None, A)
    assert box_walk.score_paragraphs([None], None, -1, None, 0, A, 10, None) is None
    with pytest.raises(TypeError):
        box_walk.not_concealed([1], {1: None}, 5, 30, b"", {}, None, None)


def test_the_walk_finds_the_blocks_the_selector_finds():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    import random

    from mediespor.extract.select import css

    # Nothing settled in the walk (no name is plain): every block it finds is checked, and
    # they must be the selector's, in its order. A selector changed without the walk fails.
    rng = random.Random(7)
    for html in [PAGE, CARDS] + [random_page(rng) for _ in range(40)]:
        body = LexborHTMLParser(html).body
        seen: list[LexborNode] = []
        content._box_walk.boilerplate_blocks(
            body, content._BOX_TABLE, content._KEEP_ALWAYS_TABLE, content._FORM, {},
            lambda names: False, content.HIDDEN_STYLE.search, content._META_ITEMPROPS,
            seen.append,
        )  # fmt: skip
        wanted = [
            node.mem_id
            for node in css(body, content._ATTR_SELECTOR)
            if node.tag_id not in content._KEEP_ALWAYS_IDS
        ]
        assert [node.mem_id for node in seen] == wanted


def _blocks_checked(html: str, check) -> None:
    """Run the compiled boilerplate walk over ``html``'s body, nothing settled in the walk."""
    content._box_walk.boilerplate_blocks(
        LexborHTMLParser(html).body, content._BOX_TABLE, content._KEEP_ALWAYS_TABLE,
        content._FORM, {}, lambda names: False, content.HIDDEN_STYLE.search,
        content._META_ITEMPROPS, check,
    )  # fmt: skip


def test_a_check_that_removes_more_than_its_block_stops_the_walk():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    seen: list[str] = []

    def check(node: LexborNode) -> None:
        seen.append(node.attributes["class"])
        if node.attributes["class"] == "a":
            node.parent.remove(recursive=True)  # the block, and the one after it with it

    # Going on would follow the next block out of the tree (its parent is gone).
    with pytest.raises(RuntimeError):
        _blocks_checked(
            "<div><section class=a>x</section><section class=b>y</section></div><p>z</p>", check
        )
    assert seen == ["a"]


def test_a_walk_left_in_a_detached_part_of_the_page_ends():
    require_compiled(content.BOX_WALK_COMPILED, WHAT)
    seen: list[str] = []

    def check(node: LexborNode) -> None:
        seen.append(node.attributes["class"])
        if node.attributes["class"] == "a":
            node.parent.remove(recursive=False)  # the parent alone: the block stays in it

    # The walk goes on inside the block, then finds no way back up: it ends there.
    _blocks_checked(
        "<main><div><section class=a><span class=c>x</span></section></div></main><p class=d>z</p>",
        check,
    )
    assert seen == ["a", "c"]
