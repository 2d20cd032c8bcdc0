"""Charset handling: valid UTF-8 wins, then the declared charset, then cp1252."""

from __future__ import annotations

import codecs

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.html import declared_charset, decode_html, is_utf8, parse_html, parse_utf8


def test_utf8_passes_through_as_bytes():
    raw = "<p>Rådhuset</p>".encode()
    source, enc = decode_html(raw)
    assert enc == "utf-8"
    assert source == raw


def test_bom_is_dropped():
    source, _enc = decode_html(codecs.BOM_UTF8 + b"<p>x</p>")
    assert source == b"<p>x</p>"


def test_declared_legacy_charset_is_used():
    raw = '<meta charset="windows-1252"><p>Søren “citat”</p>'.encode("cp1252")
    source, enc = decode_html(raw)
    assert enc == "cp1252"
    assert "Søren “citat”" in source


def test_latin1_labelled_utf8_falls_back_to_cp1252():
    raw = '<meta charset="utf-8"><p>Æblegrød</p>'.encode("latin-1")
    tree, enc = parse_html(raw)
    assert enc == "cp1252"
    assert tree.css_first("p").text() == "Æblegrød"


def test_unknown_charset_name_is_ignored():
    assert declared_charset(b'<meta charset="x-no-such-charset">') is None
    assert (
        declared_charset(
            b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        )
        == "iso8859-1"
    )


def test_is_utf8():
    assert is_utf8(b"<p>plain</p>")
    assert is_utf8("<p>Rådhuset</p>".encode())
    assert not is_utf8("<p>Rådhuset</p>".encode("latin-1"))


def test_parse_utf8_drops_bom_and_marks_bad_bytes():
    tree = parse_utf8(codecs.BOM_UTF8 + "<p>Ø</p>".encode())
    assert tree.css_first("p").text() == "Ø"
    assert "\ufffd" in parse_utf8("<p>Ø</p>".encode("latin-1")).css_first("p").text()


def test_parses_build_the_tree_a_browser_builds():
    # Parsed without mutation events: the tree must still be the standard one (a table's
    # implied tbody, <noscript> read as markup, a template's content, svg, a select's options),
    # and removing a node must still unlink it.
    page = (
        "<html><head><title>Rådhuset</title><noscript><img src=p.gif></noscript>"
        '<link rel="canonical" href="/a"></head><body><table><tr><td>1</td></tr></table>'
        "<template><p>skabelon</p></template><svg><title>ikon</title><path d='M0'/></svg>"
        "<select><option selected>Ja</option><option>Nej</option></select>"
        "<p>Første <b>afsnit<p>Andet</body></html>"
    )
    for tree in (parse_utf8(page.encode()), parse_html(page.encode())[0], parse_html(page)[0]):
        assert tree.html == LexborHTMLParser(page).html
        tree.css_first("b").remove()
        assert [p.text() for p in tree.body.css("p")] == ["Første ", "Andet"]
