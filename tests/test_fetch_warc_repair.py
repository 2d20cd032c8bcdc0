"""A half-written WARC tail is trimmed to the last complete record; whole files are untouched."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from warcio.archiveiterator import ArchiveIterator

from mediespor.fetch.warc import WarcArchive
from mediespor.fetch.warc_repair import repair_file, repair_since


def write_records(folder, n):
    archive = WarcArchive(folder)
    for i in range(n):
        archive.write_exchange(
            url=f"http://127.0.0.1/{i}", method="GET", request_headers=[("Host", "127.0.0.1")],
            http_version="HTTP/1.1", status=200, reason="OK",
            response_headers=[("Content-Type", "text/html")], raw_body=b"<p>x</p>" * 200,
        )  # fmt: skip
    archive.close()
    return next(folder.glob("*.warc.gz"))


def read_all(path):
    with open(path, "rb") as fh:
        return [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)]


def test_truncated_tail_is_trimmed_and_file_reads_cleanly(tmp_path):
    path = write_records(tmp_path, 5)
    whole = path.stat().st_size
    with open(path, "ab") as fh:  # a crash in the middle of the next record
        fh.write(path.read_bytes()[:37])
    result = repair_file(path)
    assert result.kept_bytes == whole and result.removed_bytes == 37
    assert len(read_all(path)) == 10  # 5 responses + 5 requests
    # warcio's own command-line indexer reads it without error
    proc = subprocess.run([sys.executable, "-m", "warcio.cli", "index", str(path)],
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n") == 10


def test_whole_files_are_left_alone(tmp_path):
    path = write_records(tmp_path, 3)
    before = path.read_bytes()
    assert repair_since(tmp_path, datetime.now(UTC) - timedelta(minutes=5)) == []
    assert path.read_bytes() == before
