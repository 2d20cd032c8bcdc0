"""Response bodies: which content types are kept, size limits after decompression, charsets.

Bodies are read raw and decompressed here, chunk by chunk with a cap on the output, so a
gzip bomb is cut off at the limit instead of being expanded in memory.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import zlib

from charset_normalizer import from_bytes

from mediespor.charsets import mostly_utf8

#: Content types passed on for parsing (HTML, XML, feeds, JSON).
KEPT_TYPES = frozenset(
    {
        "text/html", "application/xhtml+xml", "text/xml", "application/xml",
        "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        "application/json", "application/ld+json", "application/feed+json",
        # Discovery reads robots.txt Sitemap: lines and text sitemaps (text/plain) and
        # gzipped sitemaps served as files (application/gzip), not only content-encoded ones.
        "text/plain", "application/gzip", "application/x-gzip",
    }
)  # fmt: skip
#: What we ask servers for; anything else in Content-Encoding is refused.
ACCEPT_ENCODING = "gzip, deflate"


class BodyTooLarge(Exception):
    """The decoded body passed the size limit."""


class ContentEncodingError(Exception):
    """A Content-Encoding we did not ask for, or compressed data that is corrupt."""


def media_type(content_type: str | None) -> str | None:
    """``text/html; charset=utf-8`` → ``text/html``."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def is_kept_type(content_type: str | None, extra: frozenset[str] = frozenset()) -> bool:
    """True when a response of this type is worth parsing; a missing type is sniffed later."""
    mt = media_type(content_type)
    if mt is None:
        return True
    return mt in KEPT_TYPES or mt in extra or mt.endswith(("+xml", "+json"))


class Decoder:
    """Removes Content-Encoding incrementally and enforces ``limit`` on the decoded size."""

    def __init__(self, content_encoding: str | None, limit: int):
        self.limit = limit
        self.size = 0
        self._parts: list[bytes] = []
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        self._stages: list = []
        for coding in reversed(codings):  # applied in order, so undone in reverse
            if coding in ("gzip", "x-gzip"):
                self._stages.append(zlib.decompressobj(16 + zlib.MAX_WBITS))
            elif coding == "deflate":
                self._stages.append(_Deflate())
            elif coding == "identity":
                continue
            else:
                raise ContentEncodingError(f"unsupported content-encoding {coding!r}")

    def feed(self, chunk: bytes) -> None:
        """Decode one raw chunk; raise BodyTooLarge as soon as the limit is passed."""
        data = chunk
        try:
            for stage in self._stages:
                data = self._run(stage, data)
        except zlib.error as exc:
            raise ContentEncodingError(f"corrupt compressed body: {exc}") from None
        self._add(data)

    def _run(self, stage, data: bytes) -> bytes:
        out = []
        budget = self.limit - self.size + 1
        produced = 0
        while data:
            piece = stage.decompress(data, max(1, budget - produced))
            out.append(piece)
            produced += len(piece)
            if produced > budget - 1:
                if stage is self._stages[-1]:
                    self._parts.append(b"".join(out)[: self.limit - self.size])
                    self.size = self.limit
                raise BodyTooLarge(f"body exceeds {self.limit} bytes after decompression")
            data = stage.unconsumed_tail
            if not piece and data:
                break
        return b"".join(out)

    def _add(self, data: bytes) -> None:
        room = self.limit - self.size
        self.size += len(data)
        if self.size > self.limit:
            self._parts.append(data[:room])  # the first ``limit`` bytes stay readable
            raise BodyTooLarge(f"body exceeds {self.limit} bytes")
        self._parts.append(data)

    def prefix(self) -> bytes:
        """The first ``limit`` decoded bytes, after BodyTooLarge (robots.txt reads those)."""
        return b"".join(self._parts)[: self.limit]

    def finish(self) -> bytes:
        """All decoded bytes; a compressed stream that stops before its end is an error.

        A gzip body cut short still decompresses up to the cut, which would silently store
        half a page; the stream's own end marker tells.
        """
        for stage in self._stages:
            with contextlib.suppress(zlib.error):
                self._add(stage.flush())
            if hasattr(stage, "eof") and not stage.eof:
                raise ContentEncodingError("compressed body ends before its end marker (truncated)")
        return b"".join(self._parts)


class _Deflate:
    """'deflate' is zlib-wrapped by the spec but raw in practice; accept both."""

    def __init__(self):
        self._obj = None
        self._head = b""
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._obj is None:
            # Two bytes tell a zlib header (CM=8, header checksum) from a raw deflate stream.
            self._head += data
            if len(self._head) < 2:
                self.unconsumed_tail = b""
                return b""
            b0, b1 = self._head[0], self._head[1]
            wrapped = (b0 & 0x0F) == 8 and ((b0 << 8) | b1) % 31 == 0
            self._obj = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._head = self._head, b""
        out = self._obj.decompress(data, max_length)
        self.unconsumed_tail = self._obj.unconsumed_tail
        return out

    def flush(self) -> bytes:
        return self._obj.flush() if self._obj is not None else b""


#: Signatures of binary formats that servers sometimes label text/html.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
                 b"ID3", b"OggS", b"RIFF", b"\x00\x00\x00", b"\xfe\xff\x00", b"\xff\xfe")  # fmt: skip
#: Kept types whose bodies are binary by nature (gzipped sitemap files; WARC records, which
#: are kept only when a caller asks for them, as Common Crawl record fetches do).
_BINARY_TYPES = frozenset(
    {"application/gzip", "application/x-gzip", "application/octet-stream",
     "binary/octet-stream", "application/warc"}
)  # fmt: skip


def body_problem(body: bytes, content_type: str | None) -> str | None:
    """Why a 2xx body of a text type cannot be parsed (empty, binary), or None when it can."""
    mt = media_type(content_type)
    if mt in _BINARY_TYPES:
        return None
    if not body.strip():
        # An empty robots.txt is valid (allow all); an empty page or feed is not content.
        return None if mt == "text/plain" else "empty body"
    head = body[:2048]
    if head.startswith(_BINARY_MAGIC) or _looks_binary(head):
        return f"binary content labelled {mt or 'without a type'}"
    return None


#: Control bytes that text never holds (NUL and C0 controls other than tab, LF, FF, CR, ESC).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
#: Share of control bytes in the first 2 KiB above which a body is binary.
_BINARY_SHARE = 0.05


def _looks_binary(head: bytes) -> bool:
    # By proportion, not by one byte: a stray NUL in a CMS template must not cost the page, while
    # images, archives and UTF-16 text are full of control bytes (UTF-16 on every other byte).
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > len(head) * _BINARY_SHARE


_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:+-]+)", re.IGNORECASE)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect_encoding(body: bytes, content_type: str | None) -> str:
    """The body's charset: from the header, then a meta tag or XML declaration, then detection.

    Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the server declares: Danish
    text in Latin-1 is practically never valid UTF-8, while mislabelled UTF-8 pages are common.
    The answer is always a codec Python knows, so decoding never raises.
    """
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8"
    candidates = []
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m:
            candidates.append(m.group(1))
    head = body[:4096]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(head)
        if m:
            candidates.append(m.group(1).decode("ascii", "replace"))
    if not body.isascii() and mostly_utf8(body):
        # Valid UTF-8, or UTF-8 with a few broken bytes: those become U+FFFD when decoded,
        # instead of the whole page turning into cp1252 mojibake ("KÃ¸benhavns").
        return "utf-8"
    for name in candidates:
        codec = _known(name)
        if codec and _decodes(body, codec):
            return codec
    if body.isascii():
        return "utf-8"
    best = from_bytes(body[:65536]).best()
    codec = _known(best.encoding) if best is not None else None
    return codec or "utf-8"


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
