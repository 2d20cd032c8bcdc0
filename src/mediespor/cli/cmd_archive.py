"""``mediespor archive``: read the WARC evidence back: what a server answered for a URL."""

from __future__ import annotations

import contextlib
import sys

from mediespor.cli.main import Context, global_options_parent, new_subparser
from mediespor.errors import UsageError


def register(sub) -> None:
    """Add the command to the parser."""
    p = new_subparser(
        sub,
        "archive",
        "Show archived responses (WARC) of fetched URLs, or list recent fetches.",
        "  mediespor archive list --limit 20\n"
        "  mediespor archive show https://www.tv2kosmopol.dk/artikel/...\n"
        "  mediespor archive show --raw URL > page.html\n"
        "  mediespor archive show 3f2a9c       # an item by its (short) id\n"
        "  mediespor archive show tv2r_92548   # a corpus item: corpus, record id, license\n",
    )
    actions = p.add_subparsers(dest="archive_action", metavar="ACTION")
    actions.required = True
    show = actions.add_parser(
        "show", parents=[global_options_parent()], help="print the newest stored response for URL"
    )
    show.add_argument(
        "url",
        help="the URL as requested or where it ended after redirects, or an item id (a unique"
        " prefix of 4 or more digits will do); for an item read from a corpus, also its corpus"
        " record id",
    )
    show.add_argument("--headers-only", action="store_true", help="omit the body")
    show.add_argument("--raw", action="store_true", help="write only the body bytes to stdout")
    show.set_defaults(func=handle_show)
    lst = actions.add_parser(
        "list", parents=[global_options_parent()], help="list the newest fetches"
    )
    lst.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    lst.set_defaults(func=handle_list)


def handle_show(ctx: Context) -> int:
    """Print status, headers and body of the newest archived response for the URL."""
    from mediespor.fetch.body import detect_encoding
    from mediespor.fetch.warc import read_response
    from mediespor.link.decisions import find_item
    from mediespor.store.evidence import corpus_evidence, item_fetch_id
    from mediespor.store.fetches import find_fetch, find_latest
    from mediespor.urls import canonicalize

    url = ctx.args.url.strip()
    keys = [url]
    with contextlib.suppress(ValueError):  # not an http(s) URL: look it up as given
        keys.append(canonicalize(url))
    with ctx.reading() as store:
        found = find_latest(store.con, keys)
        # Otherwise an item: by its (short) id, or an archived one by its original URL.
        item_id = find_item(store, url) if found is None else None
        if found is None and (fetch_id := item_fetch_id(store.con, keys, item_id)) is not None:
            found = find_fetch(store.con, fetch_id)
        corpus = corpus_evidence(store.con, item_id or url) if found is None else []
    if corpus:
        return _show_corpus(corpus)
    if found is None or found.warc is None:
        raise UsageError(f"no archived fetch of {url}; see 'mediespor archive list'")
    try:
        stored = read_response(ctx.paths.warc, found.warc)
    except (OSError, ValueError) as exc:
        raise UsageError(
            f"the WARC record for {url} cannot be read ({found.warc.file}): {exc}"
        ) from None
    if ctx.args.raw:
        sys.stdout.buffer.write(stored.body)
        return 0
    out = sys.stdout
    out.write(f"URL: {found.url}\n")
    if found.final_url and found.final_url != found.url:
        out.write(f"Final URL: {found.final_url}\n")
    out.write(f"Fetched: {found.fetched_at.isoformat()}  (fetch {found.fetch_id})\n")
    out.write(f"WARC: {found.warc.file} offset {found.warc.offset} length {found.warc.length}\n")
    if stored.record_type != "response":
        out.write(f"Record: {stored.record_type} (no response arrived)\n")
    else:
        out.write(f"Status: {stored.status}\n")
    if found.error_kind:
        out.write(f"Error: {found.error_kind}\n")
    headers, body = stored.headers, stored.body
    inner = _archived_record(stored.body)
    if inner is not None:
        # A byte range of an archive's WARC file: show the page the archive recorded.
        out.write(f"Archived record: {inner.final_url}  (captured {inner.captured_at})\n")
        out.write(f"Archived status: {inner.status}\n")
        headers, body = list(inner.headers.items()), inner.body or b""
    out.write("\n")
    for name, value in headers:
        out.write(f"{name}: {value}\n")
    if not ctx.args.headers_only:
        ctype = next((v for k, v in headers if k.lower() == "content-type"), None)
        encoding = detect_encoding(body, ctype)
        out.write("\n" + body.decode(encoding, errors="replace") + "\n")
    return 0


def _archived_record(body: bytes):
    """The response inside a fetched WARC record (Common Crawl), or None for a plain page."""
    if not body.startswith((b"\x1f\x8b", b"WARC/")):
        return None
    from mediespor.discover.commoncrawl import unwrap_warc_record

    try:
        return unwrap_warc_record(body)
    except ValueError:
        return None


def _show_corpus(records) -> int:
    """Print the corpus records an item was read from: the evidence of a corpus item."""
    out = sys.stdout
    for ev in records:
        out.write(f"Item: {ev.item_id}\n")
        out.write(f"Corpus: {ev.ref.corpus}\nRecord: {ev.ref.record_id}\n")
        out.write(f"License: {ev.ref.license}\n")
        if ev.ref.attribution:
            out.write(f"Attribution: {ev.ref.attribution}\n")
        out.write(f"Source: {ev.source}  (first read {ev.first_seen.isoformat()})\n\n")
    return 0


def handle_list(ctx: Context) -> int:
    """Print the newest fetches with status and WARC location."""
    from rich.console import Console
    from rich.table import Table

    from mediespor.store.fetches import list_fetches

    if ctx.args.limit < 1:
        raise UsageError("--limit must be at least 1")
    with ctx.reading() as store:
        rows = list_fetches(store.con, ctx.args.limit)
    table = Table("fetch", "fetched", "status", "error", "url", "warc")
    for r in rows:
        table.add_row(
            str(r.fetch_id),
            r.fetched_at.strftime("%Y-%m-%d %H:%M:%S"),
            "" if r.status is None else str(r.status),
            r.error_kind or "",
            r.url,
            f"{r.warc.file}@{r.warc.offset}" if r.warc else "",
        )
    Console(width=200).print(table)
    return 0
