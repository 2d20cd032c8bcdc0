"""WARC writing and reading: records open in standard tools (warcio index/check) and by pointer."""

from __future__ import annotations

import json
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator

from mediespor.fetch.warc import WarcArchive, read_response


def exchange(archive: WarcArchive, url: str, body: bytes, **kw):
    return archive.write_exchange(
        url=url,
        method="GET",
        request_headers=[("User-Agent", "mediespor/0.1"), ("Host", "example.dk")],
        http_version="HTTP/1.1",
        status=kw.pop("status", 200),
        reason="OK",
        response_headers=[("Content-Type", "text/html; charset=utf-8"),
                          ("Transfer-Encoding", "chunked")],
        raw_body=body,
        **kw,
    )  # fmt: skip


def test_pointer_reads_back_the_response(tmp_path):
    archive = WarcArchive(tmp_path)
    p1 = exchange(archive, "https://example.dk/a", "første side".encode())
    p2 = exchange(archive, "https://example.dk/b", b"second", peer_ip="93.184.216.34")
    err = archive.write_error(url="https://example.dk/c", error_kind="timeout", error="slow")
    archive.close()
    assert p1.file == p2.file == err.file and p2.offset >= p1.offset + p1.length
    a = read_response(tmp_path, p1)
    b = read_response(tmp_path, p2)
    c = read_response(tmp_path, err)
    assert (a.url, a.status, a.body) == ("https://example.dk/a", 200, "første side".encode())
    assert b.body == b"second" and ("Content-Type", "text/html; charset=utf-8") in b.headers
    # The body is no longer chunked, so the header saying so is not stored.
    assert all(k.lower() != "transfer-encoding" for k, _ in a.headers)
    assert c.record_type == "metadata" and json.loads(c.body)["error_kind"] == "timeout"


def test_files_rotate_by_size_and_every_record_is_its_own_gzip_member(tmp_path):
    archive = WarcArchive(tmp_path, max_bytes=4000)
    pointers = [
        exchange(archive, f"https://example.dk/{i}", bytes(range(256)) * 8) for i in range(10)
    ]
    archive.close()
    files = sorted(p.name for p in tmp_path.glob("*.warc.gz"))
    assert len(files) > 1 and {p.file for p in pointers} == set(files)
    for p in pointers:
        assert read_response(tmp_path, p).body == bytes(range(256)) * 8
    # Each pointer's byte range alone is a valid gzip WARC record.
    p = pointers[3]
    raw = (tmp_path / p.file).read_bytes()[p.offset : p.offset + p.length]
    (tmp_path / "one.warc.gz").write_bytes(raw)
    with open(tmp_path / "one.warc.gz", "rb") as fh:
        records = list(ArchiveIterator(fh))
    assert [r.rec_type for r in records] == ["response"]


def test_standard_tools_read_the_files(tmp_path):
    archive = WarcArchive(tmp_path)
    exchange(archive, "https://example.dk/a", b"<html>a</html>")
    exchange(archive, "https://example.dk/b", b"partial", truncated="length")
    archive.write_error(url="https://example.dk/c", error_kind="connect", error="refused")
    archive.close()
    (path,) = tmp_path.glob("*.warc.gz")
    index = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "index", "-f", "warc-type,warc-target-uri,offset",
         str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in index.stdout.splitlines()]
    assert [r["warc-target-uri"] for r in rows] == [
        "https://example.dk/a", "https://example.dk/a", "https://example.dk/b",
        "https://example.dk/b", "https://example.dk/c",
    ]  # fmt: skip
    kinds = [r["warc-type"] for r in rows]
    assert kinds == ["response", "request", "response", "request", "metadata"]
    check = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    with open(path, "rb") as fh:
        truncated = [r.rec_headers.get_header("WARC-Truncated") for r in ArchiveIterator(fh)]
    assert "length" in truncated
