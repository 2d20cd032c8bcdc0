"""A Wayback CDX server stand-in that applies the query parameters as the API documents them.

Served over real HTTP on 127.0.0.1 (pytest-httpserver). It holds a list of captures in index
order (SURT key, then timestamp) and answers ``url`` with ``matchType`` exact/prefix/host/domain,
``from``/``to`` (1–14 digit timestamps, inclusive), repeatable ``filter=[!]field:regex`` (the
regex must match the whole field, as Java's ``matches`` does; a pattern written
``.*(?:…).*`` means the same under either reading), ``collapse=field[:N]`` (adjacent rows only),
``fl``, ``limit``, ``output=json`` and ``showResumeKey``/``resumeKey``. Source: the API's own
documentation, internetarchive/wayback ``wayback-cdx-server/README.md``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from werkzeug import Request, Response

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")


def surt(url: str) -> str:
    """The SURT key of a URL: reversed host without www, ')' and the lower-cased path+query."""
    text = url if "://" in url else f"http://{url}"
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return ",".join(reversed(host.split("."))) + ")" + path.lower()


@dataclass(frozen=True)
class Capture:
    """One capture the stand-in holds."""

    original: str
    timestamp: str
    mimetype: str = "text/html"
    statuscode: str = "200"
    digest: str = "D"
    length: str = "9000"

    @property
    def urlkey(self) -> str:
        """The SURT key the index is sorted by."""
        return surt(self.original)

    def get(self, name: str) -> str:
        """A field by its documented name."""
        return self.urlkey if name == "urlkey" else str(getattr(self, name))


def _host(url: str) -> str:
    text = url if "://" in url else f"http://{url}"
    host = (urlsplit(text).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _matches(cap: Capture, url: str, match_type: str) -> bool:
    if match_type == "exact":
        return cap.urlkey == surt(url)
    if match_type == "prefix":
        return cap.urlkey.startswith(surt(url).rstrip("/") if url.endswith("*") else surt(url))
    host, want = _host(cap.original), _host(url)
    if match_type == "host":
        return host == want
    return host == want or host.endswith("." + want)  # domain


def _in_window(ts: str, start: str | None, end: str | None) -> bool:
    # Timestamps of 1–14 digits compare by their prefix: from=2017 holds all of 2017.
    if start and ts[: len(start)] < start:
        return False
    return not (end and ts[: len(end)] > end)


def _passes(cap: Capture, spec: str) -> bool:
    negate = spec.startswith("!")
    name, _, regex = spec.lstrip("!").partition(":")
    hit = re.fullmatch(regex, cap.get(name)) is not None
    return hit != negate


@dataclass
class CdxStandin:
    """The captures and every query it answered (for assertions on what was asked)."""

    captures: list[Capture]
    queries: list[dict[str, list[str]]] = field(default_factory=list)

    def rows(self, args) -> list[Capture]:
        """Every capture the query's url, matchType, from/to, filter and collapse keep."""
        url, match_type = args.get("url", ""), args.get("matchType", "exact")
        if url.startswith("*."):
            url, match_type = url[2:], "domain"
        ordered = sorted(self.captures, key=lambda c: (c.urlkey, c.timestamp))
        kept = [
            c
            for c in ordered
            if _matches(c, url, match_type)
            and _in_window(c.timestamp, args.get("from"), args.get("to"))
            and all(_passes(c, spec) for spec in args.getlist("filter"))
        ]
        for spec in args.getlist("collapse"):
            name, _, width = spec.partition(":")
            n = int(width) if width else None
            out: list[Capture] = []
            for c in kept:
                if out and out[-1].get(name)[:n] == c.get(name)[:n]:
                    continue
                out.append(c)
            kept = out
        return kept

    def handle(self, request: Request) -> Response:
        """Answer one CDX request."""
        args = request.args
        self.queries.append({k: args.getlist(k) for k in args})
        rows = self.rows(args)
        start = int(args.get("resumeKey", "0") or 0)
        limit = int(args.get("limit", "0") or 0)
        end = start + limit if limit > 0 else len(rows)
        page = rows[start:end]
        fields = args.get("fl", ",".join(FIELDS)).split(",")
        if args.get("output") != "json":
            body = "\n".join(" ".join(c.get(f) for f in fields) for c in page)
            if args.get("showResumeKey") == "true" and end < len(rows):
                body += f"\n\n{end}"
            return Response(body + "\n", content_type="text/plain")
        lines = [json.dumps(fields)] + [json.dumps([c.get(f) for f in fields]) for c in page]
        if args.get("showResumeKey") == "true" and end < len(rows):
            lines += ["[]", json.dumps([str(end)])]
        return Response("[" + ",\n".join(lines) + "]\n", content_type="application/json")
