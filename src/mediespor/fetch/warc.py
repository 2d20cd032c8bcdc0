"""WARC evidence: every request, response and failure written as gzip-per-record WARC files.

Files rotate by size so none grows without bound; each write returns a pointer (file, offset,
length) that the ``fetches`` table stores, and :func:`read_response` reads a record back by it.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from mediespor.models import WarcPointer

#: Hop-by-hop framing that httpx has already removed from the bytes we keep; storing the header
#: would make readers try to de-chunk a body that is no longer chunked.
_FRAMING_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True)
class StoredResponse:
    """An archived HTTP response read back from a WARC file."""

    url: str
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes
    record_type: str
    date: str | None


class WarcArchive:
    """Appends records to size-rotated ``*.warc.gz`` files in one folder."""

    def __init__(self, folder: Path, *, max_bytes: int = 1024**3, prefix: str = "mediespor"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._serial = 0
        self._fh = None
        self._name: str | None = None
        self._writer: WARCWriter | None = None

    def _open_next(self) -> None:
        self.close()
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        # pid + random part: two processes (or a resumed run) never append to the same file.
        self._name = (
            f"{self.prefix}-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:6]}-{self._serial:05d}.warc.gz"
        )
        self._fh = open(self.folder / self._name, "ab")  # noqa: SIM115 - kept open across writes
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")

    def _write(self, record) -> WarcPointer:
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._open_next()
        assert self._fh is not None and self._writer is not None and self._name is not None
        start = self._fh.tell()
        self._writer.write_record(record)
        self._fh.flush()
        return WarcPointer(self._name, start, self._fh.tell() - start)

    def write_exchange(
        self,
        *,
        url: str,
        method: str,
        request_headers: list[tuple[str, str]],
        http_version: str,
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        raw_body: bytes,
        truncated: str | None = None,
        peer_ip: str | None = None,
    ) -> WarcPointer:
        """Write a request and its response; return the pointer to the response record.

        ``raw_body`` is the payload as it came (content-encoding kept); ``truncated`` names why it
        is incomplete (``length``, ``time``, ``disconnect``), as WARC-Truncated says.
        """
        w = self._ensure_writer()
        proto = http_version if http_version.startswith("HTTP/") else "HTTP/1.1"
        kept = [(k, v) for k, v in response_headers if k.lower() not in _FRAMING_HEADERS]
        resp_http = StatusAndHeaders(f"{status} {reason or ''}".strip(), kept, protocol=proto)
        warc_headers: dict[str, str] = {}
        if truncated:
            warc_headers["WARC-Truncated"] = truncated
        if peer_ip:
            warc_headers["WARC-IP-Address"] = peer_ip
        response = w.create_warc_record(
            url,
            "response",
            payload=BytesIO(raw_body),
            length=len(raw_body),
            http_headers=resp_http,
            warc_headers_dict=warc_headers,
        )
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_http = StatusAndHeaders(
            f"{method} {target} {proto}", request_headers, is_http_request=True
        )
        request = w.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=req_http,
            warc_headers_dict={
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")
            },
        )
        pointer = self._write(response)
        self._write(request)
        return pointer

    def write_error(self, *, url: str, error_kind: str, error: str, extra: dict | None = None):
        """Record a failed exchange (no response, or refused) as a metadata record."""
        w = self._ensure_writer()
        body = json.dumps(
            {"error_kind": error_kind, "error": error, **(extra or {})}, ensure_ascii=False
        ).encode("utf-8")
        record = w.create_warc_record(
            url,
            "metadata",
            payload=BytesIO(body),
            length=len(body),
            warc_content_type="application/json",
        )
        return self._write(record)

    def _ensure_writer(self) -> WARCWriter:
        if self._writer is None:
            self._open_next()
        assert self._writer is not None
        return self._writer

    def close(self) -> None:
        """Close the current file."""
        if self._fh is not None:
            self._fh.close()
        self._fh = None
        self._writer = None


def read_response(folder: Path, pointer: WarcPointer) -> StoredResponse:
    """Read the record at ``pointer`` back; the body comes without content-encoding."""
    path = Path(folder) / pointer.file
    with open(path, "rb") as fh:
        fh.seek(pointer.offset)
        for record in ArchiveIterator(fh):
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            date = record.rec_headers.get_header("WARC-Date")
            if record.http_headers is not None and record.rec_type in ("response", "request"):
                code = record.http_headers.get_statuscode()
                status = int(code) if code and code.isdigit() else None
                headers = list(record.http_headers.headers)
            else:
                status, headers = None, []
            try:
                body = record.content_stream().read()
            except Exception:  # a damaged payload must not hide the headers
                body = record.raw_stream.read()
            return StoredResponse(url, status, headers, body, record.rec_type, date)
    raise ValueError(f"no WARC record at {pointer.file}:{pointer.offset}")
