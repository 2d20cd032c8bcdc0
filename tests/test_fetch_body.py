"""Content-type filter, bounded decompression and charset detection."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediespor.fetch.body import (
    BodyTooLarge,
    ContentEncodingError,
    Decoder,
    detect_encoding,
    is_kept_type,
    media_type,
)


def decode_all(data: bytes, encoding: str | None, limit: int, chunk: int = 1000) -> bytes:
    d = Decoder(encoding, limit)
    for i in range(0, len(data), chunk):
        d.feed(data[i : i + chunk])
    return d.finish()


def test_kept_types():
    for t in ("text/html; charset=utf-8", "application/rss+xml", "application/atom+xml",
              "application/json", "text/xml", "application/vnd.foo+json", None):  # fmt: skip
        assert is_kept_type(t), t
    for t in ("image/png", "application/pdf", "video/mp4", "application/octet-stream"):
        assert not is_kept_type(t), t
    # Discovery reads robots.txt / text sitemaps and gzipped sitemap files.
    for t in ("text/plain", "application/gzip", "application/x-gzip"):
        assert is_kept_type(t), t
    assert is_kept_type("image/png", frozenset({"image/png"}))
    assert media_type(" Text/HTML ; charset=x") == "text/html"


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_gzip_and_deflate_roundtrip_in_any_chunking(chunk):
    text = ("Førtidspension og fleksjob " * 500).encode()
    assert decode_all(gzip.compress(text), "gzip", 10**6, chunk) == text
    assert decode_all(zlib.compress(text), "deflate", 10**6, chunk) == text
    raw = zlib.compressobj(wbits=-15)
    raw_deflate = raw.compress(text) + raw.flush()
    assert decode_all(raw_deflate, "deflate", 10**6, chunk) == text
    assert decode_all(text, None, 10**6, chunk) == text


def test_limit_applies_after_decompression():
    bomb = gzip.compress(b"\0" * 20_000_000)
    d = Decoder("gzip", 100_000)
    with pytest.raises(BodyTooLarge):
        d.feed(bomb)  # one chunk holding the whole bomb still stops at the limit
    assert d.size <= 100_000
    with pytest.raises(BodyTooLarge):
        decode_all(b"x" * 2000, None, 1000)
    assert len(decode_all(b"x" * 1000, None, 1000)) == 1000


def test_unknown_or_corrupt_content_encoding_is_an_error():
    with pytest.raises(ContentEncodingError):
        Decoder("br", 1000)
    with pytest.raises(ContentEncodingError, match="corrupt"):
        decode_all(b"\x1f\x8b\x08\x00garbage-not-gzip" * 10, "gzip", 10**6)


def test_charset_order_header_meta_detection():
    utf8 = "<p>Rådhuset på Østerbro</p>".encode()
    assert detect_encoding(utf8, "text/html; charset=iso-8859-1") == "utf-8"  # header lies
    latin = "<p>Rådhuset på Østerbro</p>".encode("latin-1")
    assert detect_encoding(latin, "text/html; charset=ISO-8859-1") == "iso8859-1"
    meta = b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>" + latin
    assert detect_encoding(meta, "text/html") == "cp1252"
    xml = b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>' + latin + b"</rss>"
    assert detect_encoding(xml, None) == "iso8859-1"
    assert detect_encoding(b"\xef\xbb\xbfplain", "text/html; charset=latin-1") == "utf-8"
    assert detect_encoding(b"ascii only", "text/html; charset=bogus-charset") == "utf-8"


@given(st.binary(max_size=3000), st.one_of(st.none(), st.text(max_size=40)))
def test_detection_never_raises_and_always_decodes(body, content_type):
    codec = detect_encoding(body, content_type)
    body.decode(codec, errors="replace")
