"""Telling UTF-8 with a few broken bytes from a page in a legacy charset.

Fetch (choosing a body's charset) and extract (choosing how Lexbor reads a page) both ask this;
it is the one place that decides. A page in Latin-1 or cp1252 practically never holds valid
multi-byte UTF-8 sequences ("ø" is one byte, 0xF8, which UTF-8 never uses), while a UTF-8 page
with a few stray bytes (a pasted snippet, a truncated character) is full of them. So a page is
read as UTF-8, broken bytes becoming U+FFFD, when its valid multi-byte sequences clearly
outnumber the bytes that are not UTF-8.
"""

from __future__ import annotations

import re

# A well-formed multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
#: Valid sequences needed per broken byte before a page counts as UTF-8 with damage. Legacy
#: Danish text gives next to none (a letter from C2-DF followed by a symbol from 80-BF).
_RATIO = 1


def mostly_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 apart from a few invalid bytes (valid UTF-8 included).

    Plain ASCII is True. Each invalid byte must be matched by ``_RATIO`` valid multi-byte
    sequences, so a Latin-1 page with one UTF-8 snippet pasted in is still read as Latin-1.
    """
    if data.isascii():
        return True
    try:
        data.decode("utf-8")  # the common case, and far cheaper than counting sequences
        return True
    except UnicodeDecodeError:
        pass
    valid = len(_MULTIBYTE.findall(data))
    if valid == 0:
        return False
    # Python replaces each maximal invalid subpart with one U+FFFD; a U+FFFD the page itself
    # holds (EF BF BD) is not damage.
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return bad * _RATIO <= valid
