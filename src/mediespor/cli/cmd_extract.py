"""``mediespor extract``: show what the extractor makes of one saved page (for debugging)."""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

from mediespor.cli.main import Context, new_subparser
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "extract",
        "Extract title, dates, authors and main text from one HTML file and print them.",
        "  mediespor extract page.html --url https://www.dr.dk/nyheder/indland/artikel\n"
        "  curl -s URL | mediespor extract - --url URL --json\n",
    )
    p.add_argument("file", help="the HTML file (may be gzipped), or - for standard input")
    p.add_argument("--url", required=True, help="the URL the page was fetched from")
    p.add_argument("--json", action="store_true", help="print the Article as one JSON object")
    p.add_argument(
        "--fetched-at",
        metavar="ISO",
        help="the page's reference time, ISO 8601 (for an archived page its capture time, e.g."
        " 2017-06-29T10:15:00Z; without an offset it is UTC): resolves 'i går' and year-less"
        " dates and bounds future dates. Without it, relative and year-less dates stay unread",
    )
    p.set_defaults(func=handle)


#: A saved page larger than this once unzipped is refused rather than read into memory.
MAX_UNZIPPED = 64 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(data: bytes, name: str) -> bytes:
    """The page inside a gzip file (saved and benchmark pages often are gzipped)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            page = f.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UsageError(f"{name}: looks gzipped but cannot be unzipped ({exc})") from None
    if len(page) > MAX_UNZIPPED:
        raise UsageError(f"{name}: more than {MAX_UNZIPPED // 2**20} MiB once unzipped")
    return page


def _read(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(name).expanduser()
        if not path.is_file():
            raise UsageError(f"{name}: no such file")
        data = path.read_bytes()
    return _gunzip(data, name) if data.startswith(_GZIP_MAGIC) else data


def _reference(text: str) -> datetime:
    """The ``--fetched-at`` value as an aware time (UTC when it names no offset)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--fetched-at: not an ISO 8601 time: {text!r} (write e.g. 2017-06-29T10:15:00Z)"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def handle(ctx: Context) -> int:
    """Extract and print."""
    from mediespor.extract import extract
    from mediespor.urls import canonicalize

    args = ctx.args
    try:
        canonicalize(args.url)
    except ValueError as exc:
        raise UsageError(f"--url: {exc}") from None
    fetched_at = _reference(args.fetched_at) if args.fetched_at is not None else None
    article = extract(_read(args.file), args.url, fetched_at)
    data = article.to_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for key, value in data.items():
        if key == "text":
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        print(f"{key:>14}: {'' if shown is None else shown}")
    disagreements = article.provenance.get("date_disagreements")
    if disagreements:
        other = "; ".join(f"{d['source']}={d['value']}" for d in disagreements)
        print(f"{'disagreeing':>14}: {other}")
    print()
    print(article.text)
    return 0
