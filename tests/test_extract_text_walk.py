"""The compiled text walk (``text_walk``) gives exactly what ``content._Walker.walk`` gives.

Every page is walked by the Python walk and, where the compiled module is built, by the
compiled one too: the blocks, the pending text and the walker's counters must be identical,
and they must be what the page says.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from compiled import require_compiled
from extract_pages import PARAS, page
from mediespor.extract import content, extract
from mediespor.extract.content import _Walker
from mediespor.extract.teasers import HEADING, LABEL, LINKS, PROSE, Block

COMPILED = content._text_walk
WHAT = "the text walk (text_walk)"


@pytest.fixture(params=["python", "compiled"])
def path(request: pytest.FixtureRequest) -> str:
    """Which walk a test runs: the Python walk, or the compiled one (checked against it)."""
    if request.param == "compiled":
        require_compiled(COMPILED is not None, WHAT)
    return request.param


@dataclass
class Walked:
    """What a walk left in its walker: the finished blocks, and what was pending at its end."""

    blocks: list[Block]
    pending: list[str]
    link_chars: int
    link_end: int
    anchors: list[int]
    marks: tuple[int, int, int]


def _walk_with(compiled: object, node: LexborNode, walker: _Walker | None = None) -> Walked:
    saved = content._text_walk
    content._text_walk = compiled
    try:
        walker = walker if walker is not None else _Walker()
        walker.walk(node)
        pending = list(walker.buf)
        chars, end = walker.link_chars, walker.link_end
        anchors = [a.mem_id for a in walker.anchors]
        walker.flush()
    finally:
        content._text_walk = saved
    marks = (walker.quote, walker.heading, walker.cell)
    return Walked(walker.blocks, pending, chars, end, anchors, marks)


def walk(path: str, node: LexborNode) -> Walked:
    """Walk ``node`` on ``path``; on the compiled path, the Python walk must agree."""
    python = _walk_with(None, node)
    if path == "python":
        return python
    compiled = _walk_with(COMPILED, node)
    assert compiled == python
    return compiled


def body(html: str) -> LexborNode:
    return LexborHTMLParser(html).body  # a node holds on to its parser


def texts(walked: Walked) -> list[str]:
    return [block.text for block in walked.blocks]


def test_paragraphs_headings_quotes_and_cells_become_blocks_of_their_kind(path):
    node = body(
        "<div><h1>Sidens titel</h1><p>Første afsnit om sagen, med <em>lidt</em> <b>fremhævet"
        "</b> tekst.</p>\n  <h2>En mellemrubrik</h2>\n<blockquote><p>Et citat der står"
        " for sig selv.</p></blockquote><table><tr><td>Tal i en celle 1/3</td><th>"
        "Kolonne</th></tr></table><p>Sidste afsnit slutter her.</p></div>"
    )
    walked = walk(path, node)
    assert walked.blocks == [
        Block(PROSE, "Første afsnit om sagen, med lidt fremhævet tekst."),
        Block(HEADING, "En mellemrubrik"),
        Block(PROSE, "Et citat der står for sig selv."),
        Block(PROSE, "Tal i en celle 1/3"),
        Block(PROSE, "Kolonne"),
        Block(PROSE, "Sidste afsnit slutter her."),
    ]
    assert walked.marks == (0, 0, 0)


def test_link_text_is_counted_and_a_line_of_links_is_told_apart(path):
    node = body(
        "<div><p>Borgerne mødte op ved rådhuset, <a href='/a'>skriver avisen</a> i dag.</p>"
        "<p><a href='/b'>Første historie</a> <a href='/c'>Anden historie</a></p>"
        "<p>Hele rapporten kan læses <a href='/r'>her</a>.</p></div>"
    )
    walked = walk(path, node)
    assert walked.blocks[0] == Block(PROSE, "Borgerne mødte op ved rådhuset, skriver avisen i dag.")
    assert walked.blocks[1] == Block(LINKS, "Første historie Anden historie", True)
    assert walked.blocks[2].text == "Hele rapporten kan læses her."
    assert walked.anchors == []  # taken with the blocks whose link text they hold


def test_pending_link_text_is_kept_for_the_flush(path):
    node = body("<p>Tekst før <a href='/x'> et link </a>\n</p>")
    tree_p = node.css_first("p")
    walker_result = walk(path, tree_p)
    assert walker_result.pending == ["Tekst før ", " et link ", "\n"]
    assert walker_result.link_chars == len("et link")
    assert walker_result.link_end == 2
    assert walker_result.anchors == [tree_p.css_first("a").mem_id]


def test_line_breaks_one_joins_two_end_a_paragraph_but_not_in_a_quote(path):
    node = body(
        "<div>Første linje i teksten<br>fortsætter her.<br> <br>Andet afsnit står for sig."
        "<blockquote>Linje et af citatet<br><br>linje to af citatet</blockquote></div>"
    )
    assert texts(walk(path, node)) == [
        "Første linje i teksten fortsætter her.",
        "Andet afsnit står for sig.",
        "Linje et af citatet linje to af citatet",
    ]


def test_a_header_is_walked_only_when_it_holds_prose(path):
    prose = "Et langt afsnit i sidehovedet, der fortæller om sagen og dens baggrund i flere ord."
    node = body(
        f"<header><p>Kort rubrik</p></header><header><p>{prose} {prose}</p></header>"
        "<p>Brødtekst efter sidehovedet.</p>"
    )
    assert texts(walk(path, node)) == [f"{prose} {prose}", "Brødtekst efter sidehovedet."]


def test_custom_elements_attributes_and_comments(path):
    long_name = "data-" + "x" * 40
    node = body(
        f"<my-widget hidden {long_name}='1' data-é='ø'><p class='brødtekst Übersicht'>Tekst i"
        " et <x-inline>selvlavet</x-inline> element<!-- en kommentar --> med <span"
        f" {long_name}>attributter</span>.</p></my-widget>"
    )
    assert texts(walk(path, node)) == ["Tekst i et selvlavet element med attributter."]


def test_non_ascii_text_is_normalised_once(path):
    # A decomposed "é" (e + combining accent), a no-break space and a zero-width space.
    node = body("<p>Cafe\u0301en i\u00a0Valby\u200b åbner igen på mandag.</p><p>\u00a0</p>")
    assert texts(walk(path, node)) == ["Caféen i Valby åbner igen på mandag."]


def test_empty_and_text_only_documents(path):
    assert walk(path, body("")).blocks == []
    assert walk(path, body("<p> \n\t</p><div>\u00a0 </div>")).blocks == []
    walked = walk(path, body("Bare tekst uden nogen elementer om noget."))
    assert walked.pending == ["Bare tekst uden nogen elementer om noget."]
    assert texts(walked) == ["Bare tekst uden nogen elementer om noget."]


def test_template_content_is_not_walked(path):
    node = body("<div><template><p>Skabelonens tekst.</p></template><p>Synlig tekst.</p></div>")
    assert texts(walk(path, node)) == ["Synlig tekst."]


def test_deeply_nested_markup_is_read_whole_below_the_depth_limit(path):
    depth = 10_000
    node = body(
        "<div>" * depth + "Dyb <a href='/d'>tekst</a> nederst i træet." + "</div>" * depth
        + "<p>" + "<span>" * depth + "Dybt inde i linjen." + "</span>" * depth + "</p>"
    )  # fmt: skip
    assert texts(walk(path, node)) == ["Dyb tekst nederst i træet.", "Dybt inde i linjen."]


def test_a_node_removed_before_the_walk_is_not_read(path):
    node = body(
        "<div><p>Første afsnit bliver stående.</p><p>Dette afsnit fjernes.</p>"
        "<p>Et afsnit med en <span>fjernet del</span>rest tilbage.</p></div>"
    )
    paragraphs = node.css("p")
    paragraphs[1].remove(recursive=True)
    paragraphs[2].css_first("span").remove(recursive=True)
    assert texts(walk(path, node)) == [
        "Første afsnit bliver stående.",
        "Et afsnit med en rest tilbage.",
    ]


def test_a_walker_carries_its_state_from_one_walk_to_the_next(path):
    node = body("<p>Første del af sætningen, <a href='/x'>et link</a> </p><p>og resten.</p>")
    first, second = node.css("p")
    walkers = []
    for compiled in (None, COMPILED) if path == "compiled" else (None,):
        walker = _Walker()
        saved = content._text_walk
        content._text_walk = compiled
        try:
            walker.walk(first)
            walker.walk(second)
            walker.flush()
        finally:
            content._text_walk = saved
        walkers.append(walker.blocks)
    assert walkers[0] == [Block(PROSE, "Første del af sætningen, et link og resten.")]
    assert all(blocks == walkers[0] for blocks in walkers)


def test_a_fragment_root_is_walked_as_the_python_walk_walks_it(path):
    tree = LexborHTMLParser(
        "<p>Et fragment med tekst.</p><p>Og et afsnit til.</p>", is_fragment=True
    )
    assert texts(walk(path, tree.root)) == ["Et fragment med tekst.", "Og et afsnit til."]


def test_section_labels_keep_their_kind(path):
    node = body("<div><h3>Læs også</h3><p><a href='/x'>En anden historie om noget</a></p></div>")
    kinds = [block.kind for block in walk(path, node).blocks]
    assert kinds in ([LABEL, LINKS], [HEADING, LINKS])


LINES = [
    (["  Et  afsnit\n", "\tmed\u00a0mellemrum \u3000 "], "Et afsnit med mellemrum"),
    (["Skjult\u200b bin\xadde\u200dstreg\ufeff", "\u2060 tekst"], "Skjult bindestreg tekst"),
    (["Cafe\u0301", " \u2000 ", "åben"], "Caf\u00e9 åben"),
    (["\u0301\u0316 mærker først"], "\u0316\u0301 mærker først"),
    (["Kun ASCII her.", " ", "Og her."], "Kun ASCII her. Og her."),
    (["\u200b", " \n "], ""),
    (["Emoji 😀\x1c\x1d\x85slut\u2028linje"], "Emoji 😀 slut linje"),
    ([], ""),
]


@pytest.mark.parametrize(("pieces", "line"), LINES)
def test_a_blocks_pieces_make_one_single_spaced_line(path, pieces, line):
    assert content._single_spaced("".join(pieces)) == line
    if path == "compiled":
        compiled = COMPILED.block_text(pieces)
        if "\u0301" in "".join(pieces):
            assert compiled is None  # not in NFC: the Python normalises it
        else:
            # The same characters in the same representation (a str of the narrowest kind).
            assert compiled == line and compiled.isascii() == line.isascii()


def test_whitespace_and_nfc_do_not_meet():
    """What lets the compiled line join its whitespace before asking for NFC: whitespace
    normalises to whitespace, and no other character's canonical decomposition holds any
    (so nothing composes with it, and NFC makes none)."""
    import sys
    import unicodedata

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert all(unicodedata.normalize("NFC", char).isspace() for char in spaces)
    space_codes = {f"{ord(char):04X}" for char in spaces}
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<") and not chr(code).isspace():
            assert not space_codes & set(decomposition.split()), hex(code)


def test_a_line_of_nfc_safe_characters_is_in_nfc():
    """The compiled line asks for NFC only when a character may change under it; every other
    character is its own NFC, no combining mark, and never composes with the one before it."""
    import sys
    import unicodedata

    require_compiled(COMPILED is not None, WHAT)
    safe = {code for low, high in ((0, 0x2FF), *COMPILED.NFC_SAFE) for code in range(low, high + 1)}
    for code in safe:
        char = chr(code)
        assert unicodedata.combining(char) == 0 and unicodedata.normalize("NFC", char) == char
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            later = {int(part, 16) for part in decomposition.split()[1:]}
            assert not later & safe, hex(code)
    assert not set(range(0x1161, 0x11C3)) & safe  # Hangul vowels and finals compose too


LONG = (
    "Udvalget holdt et ekstraordinært møde om sagsbehandlingen i kommunen, og borgmesteren"
    " fremlagde en plan med flere sagsbehandlere, kortere ventetider og en ny klageadgang for"
    " de borgere, der har ventet længst på en afgørelse om førtidspension eller fleksjob, mens"
    " demonstranterne stod uden for rådhuset med bannere og talte med forbipasserende."
)


def test_long_lines_take_their_kind_from_where_they_stand(path):
    assert len(LONG) >= content._LINKS_MAX
    token = "-".join(["klassenavn"] * 40)  # a long line without a space is no text
    node = body(
        f"<div><h2>{LONG}</h2><blockquote><p>{LONG} <a href='/k'>{LONG}</a></p></blockquote>"
        f"<p>{LONG} <a href='/x'>Læs hele planen</a></p><p>{LONG} <a href='/y'>{LONG}</a> </p>"
        f"<p>{token}</p><td>{LONG}</td></div>"
    )
    walked = walk(path, node)
    assert walked.blocks == [
        Block(HEADING, LONG),
        Block(PROSE, f"{LONG} {LONG}"),
        Block(PROSE, f"{LONG} Læs hele planen"),  # a short link at its end: still prose
        Block(PROSE, f"{LONG} {LONG}", True),  # half of it a link at its end
        Block(PROSE, LONG),
    ]


def test_a_link_that_only_says_here_ends_a_pointer_but_not_a_sentence_of_facts(path):
    node = body(
        "<div><p>Hele rapporten om ventetiderne kan læses <a href='/r'>her</a>.</p>"
        "<p>Tallene viser, at ventetiden steg, som det kan læses <a href='/r'>her</a>.</p>"
        "<p>Links uden tekst <a href='/tom'></a>bliver til næste linje.</p></div>"
    )
    walked = walk(path, node)
    assert walked.blocks == [
        Block(PROSE, "Hele rapporten om ventetiderne kan læses her.", True),
        Block(PROSE, "Tallene viser, at ventetiden steg, som det kan læses her.", False),
        Block(PROSE, "Links uden tekst bliver til næste linje."),
    ]


def test_the_layout_check_reads_text_nodes_as_selectolax_does():
    require_compiled(COMPILED is not None, WHAT)
    page = "<p>Tekst med æøå\u00a0og 😀</p>\n\t<!-- en kommentar --><div> \r\n</div><b>x</b>"
    assert COMPILED.check(LexborHTMLParser(page))
    # A page with no text to compare proves nothing: it does not pass.
    assert not COMPILED.check(LexborHTMLParser("<div></div>"))


def _extract_with(compiled: object, html: str):
    saved = content._text_walk
    content._text_walk = compiled
    try:
        return extract(html.encode(), "https://avisen.example/indland/artikel", None)
    finally:
        content._text_walk = saved


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "before": "<p class=lead>Et langt indledende afsnit over artiklen, der opsummerer sagen"
            " om reglerne for førtidspension og fleksjob i kommunen i flere sætninger.</p>"
        },
        {
            "after": "<blockquote>Et citat fra en borger<br><br>— Borger, 28. juni 2017</blockquote>"
            "<h3>Mere om sagen</h3><p>Hele rapporten kan læses <a href=/r>her</a>.</p>"
        },
        {
            "paras": [
                *PARAS,
                "Foto: Ida Holm",
                "28. juni 2017 kl. 16.00",
                "<b>1/3</b>",
                "Annonce",
                "wide-browser-and-larger",
                "https://avisen.example/kopi",
            ]
        },
    ],
)
def test_the_whole_extractor_gives_the_same_article_either_way(path, extra):
    html = page(**extra)
    python = _extract_with(None, html)
    assert all(para in python.text for para in PARAS) and "Læs også" not in python.text
    # Credits, date lines, counters, ad labels, class names and bare addresses are no text.
    junk = ("Foto:", "kl. 16.00", "1/3", "Annonce", "wide-browser", "https://")
    assert not any(line in python.text for line in junk)
    if path == "compiled":
        assert _extract_with(COMPILED, html) == python


def test_no_node_is_refused_not_followed():
    require_compiled(COMPILED is not None, WHAT)
    # A NULL pointer followed would end the process; a refusal is an error extract() records.
    with pytest.raises(TypeError):
        COMPILED.walk(_Walker(), None, False, 0, 10, content._WALK_KINDS, content._BREAK)


def test_a_link_mark_past_the_block_is_an_error_not_a_read(path, monkeypatch):
    # The last link's piece is read at link_end - 1: a mark past the pieces is never read
    # outside the list, compiled or not.
    if path == "python":
        monkeypatch.setattr(content, "_text_walk", None)
    walker = _Walker()
    walker.buf.extend(["Læs ", "mere"])
    walker.link_end = 40
    with pytest.raises(IndexError):
        walker.flush()


def test_a_piece_that_is_no_text_is_refused_not_read():
    require_compiled(COMPILED is not None, WHAT)
    # Read as a string's characters, an int's memory would be read past its end.
    for buf in (["Læs ", 1], [b"bytes"], [None, "x"]):
        with pytest.raises(TypeError):
            COMPILED.block_text(buf)
    walker = _Walker()
    walker.buf.extend(["Læs ", 7, "mere"])
    walker.link_end = 2
    with pytest.raises(TypeError):
        walker.flush()
