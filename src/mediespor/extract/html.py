"""Decode page bytes and parse them with selectolax (Lexbor), whatever charset the page claims.

Servers often send Latin-1 pages labelled UTF-8 and the reverse; a page that is valid UTF-8, or
UTF-8 apart from a few broken bytes (:func:`mediespor.charsets.mostly_utf8`), is read as UTF-8,
otherwise the charset the page declares is used, and cp1252 is the last resort
because it decodes every byte (a Danish page in cp1252 then still reads "æøå").

Checking that a page is valid UTF-8 costs a sixth of parsing it, and nearly every page is.
So :func:`parse_utf8` hands the bytes to Lexbor as UTF-8 unchecked; Lexbor turns every byte
that is not UTF-8 into U+FFFD, and only a result that shows one needs :func:`is_utf8` and, if
the page fails it, a second parse with :func:`parse_html`.

Pages are parsed without Lexbor's DOM mutation events. Those callbacks run as the parser
inserts each node, to give a browser's live behaviour (a ``<selectedcontent>`` copying the
chosen ``<option>``); extraction only reads the tree and unlinks nodes from it, and skipping
them saves a fortieth of each parse. The trees are the same: every page of the shared
benchmark sets (1629 distinct pages) serialises byte for byte as with the events.
"""

from __future__ import annotations

import codecs
import re

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

from mediespor.charsets import mostly_utf8

#: Lexbor's options for every parse here (see the module docstring).
_OPTIONS = LexborDocumentOptions.WO_EVENTS
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset named in the page's first ``<meta>`` charset declaration, if known to Python."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 (a BOM included)."""
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes) -> tuple[str | bytes, str]:
    """Return the page as something Lexbor reads correctly, and the encoding used.

    Valid UTF-8 is passed through as bytes (Lexbor reads bytes as UTF-8, which avoids a copy).
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.isascii():
        return data, "utf-8"
    try:
        data.decode("utf-8")
        return data, "utf-8"
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        # UTF-8 with a few broken bytes: Lexbor turns just those into U+FFFD, where cp1252 would
        # garble every "ø" of the page ("KÃ¸benhavns").
        return data, "utf-8"
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


def parse_utf8(html: bytes) -> LexborHTMLParser:
    """Parse page bytes as UTF-8 without checking them first (see the module docstring)."""
    if html.startswith(codecs.BOM_UTF8):
        html = html[len(codecs.BOM_UTF8) :]
    return LexborHTMLParser(html, options=_OPTIONS)


def parse_html(html: bytes | str) -> tuple[LexborHTMLParser, str]:
    """Parse a page; returns the tree and the encoding it was read with."""
    if isinstance(html, str):
        return LexborHTMLParser(html, options=_OPTIONS), "unicode"
    source, encoding = decode_html(html)
    return LexborHTMLParser(source, options=_OPTIONS), encoding
