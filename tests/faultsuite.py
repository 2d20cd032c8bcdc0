"""A news site on loopback where almost everything goes wrong, for the fault-survival suite.

Each :class:`FaultCase` is one distinct fault: an article URL listed in the site's feed that
misbehaves in its own way, or a whole source (feed, sitemap, host) that does. After one
``mediespor run`` every case must be accounted for: the good content stored, each fault
recorded with a reason, and the run finished. Used by tests/test_reliability_faults.py and
bench/reliability.py. Purpose-built; no real site's content.
"""

from __future__ import annotations

import asyncio
import gzip
import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from loopserver import LoopServer, Reply, Request, reset

A, B = "127.0.0.1", "127.0.0.2"
BODY = (
    "<p>Københavns Kommune kritiseres for sagsbehandlingen af førtidspension.</p>"
    "<p>Syge borgere sendes i ressourceforløb i stedet for at få førtidspension.</p>"
    "<p>Borgmesteren vil finde flere penge til sagsbehandling.</p>"
)


def page(title: str, body: str = BODY, charset_meta: str = "utf-8") -> str:
    """An article page about the dispute."""
    return (
        f'<!doctype html><html lang="da"><head><meta charset="{charset_meta}">'
        f"<title>{html.escape(title)}</title>"
        '<meta property="article:published_time" content="2017-06-28T12:00:00+02:00">'
        f"</head><body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )


@dataclass(frozen=True)
class FaultCase:
    """One fault and what must come of it."""

    name: str
    path: str
    #: "item": the content must be stored; "recorded": a reason must be recorded, no item.
    expect: str
    title: str = ""


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[Reply | None]]
_calls: dict[str, int] = {}


def _count(path: str) -> int:
    _calls[path] = _calls.get(path, 0) + 1
    return _calls[path]


async def _slow_drip(req: Request, w: asyncio.StreamWriter) -> None:
    w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    try:
        for _ in range(200):
            w.write(b"<p>")
            await w.drain()
            await asyncio.sleep(0.05)
    except ConnectionError:
        pass
    w.close()


async def _reset(req: Request, w: asyncio.StreamWriter) -> None:
    w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>x")
    await w.drain()
    reset(w)


async def _truncated(req: Request, w: asyncio.StreamWriter) -> None:
    body = page("Førtidspension: afkortet side").encode()
    w.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body) + 5000}\r\n\r\n".encode() + body)  # fmt: skip
    await w.drain()
    w.close()


def _static(reply: Reply) -> Handler:
    async def h(req: Request, w: asyncio.StreamWriter) -> Reply:
        return reply

    return h


def _flaky(status: int, title: str, headers: list[tuple[str, str]] | None = None) -> Handler:
    async def h(req: Request, w: asyncio.StreamWriter) -> Reply:
        if _count(req.path) == 1:
            return Reply(status, b"try again", headers=headers or [], content_type="text/plain")
        return Reply(body=page(title).encode())

    return h


def _nested() -> bytes:
    return page("Førtidspension i dybe tags", "<div>" * 100_000 + BODY).encode()


ARTICLE_FAULTS: list[tuple[FaultCase, Handler]] = [
    (FaultCase("good page", "/a/god-1", "item", "Førtidspension: god side 1"),
     _static(Reply(body=page("Førtidspension: god side 1").encode()))),
    (FaultCase("good page 2", "/a/god-2", "item", "Førtidspension: god side 2"),
     _static(Reply(body=page("Førtidspension: god side 2").encode()))),
    (FaultCase("HTTP 404", "/a/404", "recorded"), _static(Reply(404, b"nope"))),
    (FaultCase("HTTP 410", "/a/410", "recorded"), _static(Reply(410, b"gone"))),
    (FaultCase("HTTP 500 always", "/a/500", "recorded"), _static(Reply(500, b"boom"))),
    (FaultCase("503 then success", "/a/503", "item", "Førtidspension: 503 og så OK"),
     _flaky(503, "Førtidspension: 503 og så OK")),
    (FaultCase("429 with Retry-After", "/a/429", "item", "Førtidspension: 429 og så OK"),
     _flaky(429, "Førtidspension: 429 og så OK", [("Retry-After", "1")])),
    (FaultCase("timeout", "/a/timeout", "recorded"),
     _static(Reply(body=page("x").encode(), delay_s=6))),
    (FaultCase("slow-drip body", "/a/drip", "recorded"), _slow_drip),
    (FaultCase("connection reset", "/a/reset", "recorded"), _reset),
    (FaultCase("truncated body", "/a/truncated", "recorded"), _truncated),
    (FaultCase("truncated gzip", "/a/truncgz", "recorded"),
     _static(Reply(body=gzip.compress(page("x").encode() * 50)[:300],
                   headers=[("Content-Encoding", "gzip")]))),
    (FaultCase("gzip bomb", "/a/bomb", "recorded"),
     _static(Reply(body=gzip.compress(b"<p>" + b"a" * 60_000_000),
                   headers=[("Content-Encoding", "gzip")]))),
    (FaultCase("oversized body", "/a/huge", "recorded"),
     _static(Reply(body=b"<p>" + b"x" * 3_000_000))),
    (FaultCase("wrong charset (latin-1 sent as utf-8)", "/a/wrongcs", "item",
               "Førtidspension: forkert tegnsæt"),
     _static(Reply(body=page("Førtidspension: forkert tegnsæt").encode("latin-1"),
                   content_type="text/html; charset=utf-8"))),
    (FaultCase("missing charset", "/a/nocs", "item", "Førtidspension: intet tegnsæt"),
     _static(Reply(body=page("Førtidspension: intet tegnsæt", charset_meta="").encode(),
                   content_type="text/html"))),
    (FaultCase("lying meta charset", "/a/liecs", "item", "Førtidspension: løgnagtigt tegnsæt"),
     _static(Reply(body=page("Førtidspension: løgnagtigt tegnsæt",
                             charset_meta="iso-8859-1").encode(), content_type="text/html"))),
    (FaultCase("binary behind text/html", "/a/binary", "recorded"),
     _static(Reply(body=b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40))),
    (FaultCase("redirect loop", "/a/loop", "recorded"),
     _static(Reply(302, b"", headers=[("Location", "/a/loop2")]))),
    (FaultCase("redirect to a private address", "/a/private", "recorded"),
     _static(Reply(302, b"", headers=[("Location", "http://10.0.0.1/intern")]))),
    # 100k unclosed <div>s: 500 kB, under the 1 MB limit, so the parser itself meets them.
    (FaultCase("100k nested tags", "/a/nested", "item", "Førtidspension i dybe tags"),
     _static(Reply(body=_nested()))),
    (FaultCase("empty 200 body", "/a/empty", "recorded"), _static(Reply(body=b""))),
    (FaultCase("unsupported content-encoding", "/a/zstd", "recorded"),
     _static(Reply(body=b"\x28\xb5\x2f\xfd garbage", headers=[("Content-Encoding", "zstd")]))),
]  # fmt: skip

SOURCE_FAULTS: list[FaultCase] = [
    FaultCase("malformed feed XML", "/bad.xml", "item", "Førtidspension fra en knækket feed"),
    FaultCase("XML entity bomb", "/bomb.xml", "recorded"),
    FaultCase(
        "duplicate GUIDs and impossible dates", "/dupes.xml", "item", "Førtidspension: dublet"
    ),
    FaultCase("sitemap index pointing to itself", "/sitemap-index.xml", "recorded"),
    FaultCase("robots.txt answers 500", "/rss", "recorded"),
    FaultCase("DNS failure", "http://nonexistent.invalid/rss", "recorded"),
]

#: Every distinct fault (good pages are controls, not faults).
FAULT_CASES = [c for c, _ in ARTICLE_FAULTS if not c.name.startswith("good")] + SOURCE_FAULTS


def _feed(base: str, links: list[tuple[str, str]], extra: str = "") -> bytes:
    items = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link>"
        f"<guid>{base}{p}</guid><pubDate>Wed, 28 Jun 2017 12:00:00 +0200</pubDate></item>"
        for p, t in links
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Fejl</title>{extra}{items}</channel></rss>").encode()  # fmt: skip


def start_site() -> LoopServer:
    """Serve every fault; host B's robots.txt answers 500."""
    _calls.clear()
    server = LoopServer((A, B)).start()
    base = server.base(A)
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n",
                                             content_type="text/plain"), ip=A)  # fmt: skip
    server.serve_static("/robots.txt", Reply(500, b"oops"), ip=B)
    server.serve_static("/rss", Reply(body=_feed(base, [("/a/god-1", "Førtidspension: B")]),
                                      content_type="application/rss+xml"), ip=B)  # fmt: skip
    links = [(c.path, c.title or f"Førtidspension: {c.name}") for c, _ in ARTICLE_FAULTS]
    server.serve_static("/rss", Reply(body=_feed(base, links),
                                      content_type="application/rss+xml"), ip=A)  # fmt: skip
    for case, handler in ARTICLE_FAULTS:
        server.route(case.path, A)(handler)
    server.serve_static("/a/loop2", Reply(302, b"", headers=[("Location", "/a/loop")]), ip=A)
    broken = _feed(base, [("/s/knaekket", "Førtidspension fra en knækket feed")])
    broken = broken.replace(b"</channel></rss>", b"<item><title>halv")
    server.serve_static("/bad.xml", Reply(body=broken, content_type="application/rss+xml"), ip=A)
    server.serve_static("/s/knaekket", Reply(body=page("Førtidspension fra en knækket feed")
                                             .encode()), ip=A)  # fmt: skip
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode()
                       for i in range(9))
            + b']><rss version="2.0"><channel><title>&j;</title></channel></rss>')  # fmt: skip
    server.serve_static("/bomb.xml", Reply(body=bomb, content_type="application/rss+xml"), ip=A)
    dup = _feed(base, [("/s/dublet", "Førtidspension: dublet")] * 3).replace(
        b"Wed, 28 Jun 2017", b"Fri, 31 Feb 2017", 1
    )
    server.serve_static("/dupes.xml", Reply(body=dup, content_type="application/rss+xml"), ip=A)
    server.serve_static("/s/dublet", Reply(body=page("Førtidspension: dublet").encode()), ip=A)
    index = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
             f'sitemap/0.9"><sitemap><loc>{base}/sitemap-index.xml</loc></sitemap>'
             "</sitemapindex>").encode()  # fmt: skip
    server.serve_static("/sitemap-index.xml", Reply(body=index, content_type="application/xml"),
                        ip=A)  # fmt: skip
    return server


def write_project(root: Path, server: LoopServer, repo: Path) -> Path:
    """A project whose sources are the fault site's feeds, sitemap and hosts."""
    (root / "data").mkdir(parents=True)
    (root / "events.yaml").write_bytes((repo / "events.yaml").read_bytes())
    a, b = server.base(A), server.base(B)
    (root / "sources.yaml").write_text(
        f"""\
crawl:
  delay_s: 0
  allowed_networks: ["127.0.0.0/8"]
  max_attempts: 2
  connect_timeout_s: 2
  read_timeout_s: 1.5
  total_timeout_s: 3
  max_retry_after_s: 2
  max_body_bytes: 1000000
topic: {{query: "førtidspension* OR ressourceforløb*"}}
sources:
  - {{name: fejl, outlet: Fejl Nyt, kind: feed, url: "{a}/rss"}}
  - {{name: knaekket, outlet: Fejl Nyt, kind: feed, url: "{a}/bad.xml"}}
  - {{name: bombe, outlet: Fejl Nyt, kind: feed, url: "{a}/bomb.xml"}}
  - {{name: dubletter, outlet: Fejl Nyt, kind: feed, url: "{a}/dupes.xml"}}
  - {{name: selvindeks, outlet: Fejl Nyt, kind: sitemap, url: "{a}/sitemap-index.xml"}}
  - {{name: robots500, outlet: Fejl Nyt, kind: feed, url: "{b}/rss"}}
  - {{name: dns, outlet: Fejl Nyt, kind: feed, url: "http://nonexistent.invalid/rss"}}
""",
        encoding="utf-8",
    )
    return root


# --- issue 16, the fetch layer: a second site, with hosts of its own --------------------------
# Host C is a well-behaved news site whose pages go wrong in the fetch layer's ways; host D
# drips every article at one byte a second (its feed is fine); host E has a robots.txt of
# `Disallow: /` followed by 12 MB of comments. Used by tests/test_reliability_faults.py and
# bench/reliability.py.

C, D, E = "127.0.0.3", "127.0.0.4", "127.0.0.5"
DRIP_PATHS = ("/d/1", "/d/2", "/d/3")
VARIANTS = ("/f/variant", "/f/variant/", "/f/variant/amp", "/f/variant?amp")
_DAMAGED_TITLE = "Københavns Kommune og tre fejlbytes"


def _drip_one_byte_a_second() -> Handler:
    from fetch_support import dripping  # here, to keep this block apart from the suite above

    return dripping(page("Førtidspension: langsom vært").encode(), 1.0)


async def _bad_location(req: Request, w: asyncio.StreamWriter) -> None:
    # A control byte in the Location header: no client can follow it.
    w.write(b"HTTP/1.1 302 Found\r\nLocation: /f/m\x01l\r\nContent-Length: 0\r\n\r\n")
    await w.drain()
    w.close()


def _damaged_utf8() -> bytes:
    body = page(_DAMAGED_TITLE).encode()
    for word in (b"kritiseres", b"borgere", b"penge"):  # three stray bytes, none in the title
        body = body.replace(word, word + b"\xff", 1)
    return body


@dataclass(frozen=True)
class FetchFault:
    """A fault of the fetch layer and the check that it was survived."""

    name: str
    #: check(con, server) -> None when survived, else what went wrong.
    check: Callable[..., str | None]


def _item_titles(con, url: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT title FROM items WHERE url = ?", [url]).fetchall()]


def _last_fetch(con, url: str) -> tuple | None:
    return con.execute("SELECT error_kind, attempts, error FROM fetches WHERE url = ?"
                       " ORDER BY fetch_id DESC", [url]).fetchone()  # fmt: skip


def _per_source(con) -> dict:
    import json  # here, to keep this block apart from the suite above

    counts = con.execute("SELECT counts FROM runs ORDER BY run_id DESC").fetchone()[0]
    return json.loads(counts)["per_source"]


def _check_damaged(con, s: LoopServer) -> str | None:
    row = con.execute("SELECT title, text FROM items WHERE url = ?",
                      [s.url("/f/utf8", C)]).fetchone()  # fmt: skip
    if row is None or row[0] != _DAMAGED_TITLE or "Københavns Kommune kritiseres" not in row[1]:
        return f"stored as {row!r}"
    return None


def _check_nul(con, s: LoopServer) -> str | None:
    titles = _item_titles(con, s.url("/f/nul", C))
    return None if titles == ["Førtidspension: en NUL-byte"] else f"items {titles}"


def _check_bad_location(con, s: LoopServer) -> str | None:
    got = _last_fetch(con, s.url("/f/location", C))
    ok = got is not None and got[0] == "bad_redirect" and got[1] == 1
    return None if ok else f"fetch row {got}"


def _check_offsite(con, s: LoopServer) -> str | None:
    got = _last_fetch(con, s.url("/f/offsite", C))
    asked = len(s.requests("/f/ude", ip=D))
    ok = got is not None and got[0] == "redirect_out_of_scope" and asked == 0
    return None if ok else f"fetch row {got}; the other host was asked {asked} times"


def _check_variants(con, s: LoopServer) -> str | None:
    rows = con.execute("SELECT url FROM items WHERE title = 'Førtidspension: én artikel, fire"
                       " adresser'").fetchall()  # fmt: skip
    return None if rows == [(s.url("/f/variant", C),)] else f"items {rows}"


def _check_dtd(con, s: LoopServer) -> str | None:
    rows = con.execute("SELECT reason FROM rejects WHERE source = 'dtdsent'").fetchall()
    reasons = [r[0] for r in rows]
    longest = con.execute("SELECT max(length(title)) FROM items").fetchone()[0] or 0
    ok = any("DOCTYPE was removed" in r for r in reasons) and longest < 1000
    return None if ok else f"rejects {reasons}; longest title {longest}"


def _check_robots(con, s: LoopServer) -> str | None:
    asked = sorted({r.path for r in s.requests(ip=E)})
    status = _per_source(con).get("robotsstor", {})
    ok = asked == ["/robots.txt"] and status.get("status") == "failed"
    return None if ok else f"host E was asked for {asked}; source {status}"


def _check_slow_host(con, s: LoopServer) -> str | None:
    normal = [s.url(p, C) for p in ("/f/god", "/f/nul", "/f/utf8")]
    stored = sum(bool(_item_titles(con, u)) for u in normal)
    drip = [s.url(p, D) for p in DRIP_PATHS]
    states = con.execute("SELECT state, last_error FROM frontier WHERE url IN (SELECT unnest(?))"
                         " ORDER BY url", [drip]).fetchall()  # fmt: skip
    asked = sum(len(s.requests(p, ip=D)) for p in DRIP_PATHS)
    waiting = len(states) == len(drip) and all(
        st == "pending" and err and ("budget" in err or "deadline" in err) for st, err in states
    )
    ok = stored == len(normal) and waiting and asked <= 1
    return None if ok else f"{stored}/{len(normal)} normal pages; drip host {states}, {asked} asked"


FETCH_FAULTS = [
    FetchFault("robots.txt of 12 MB starting with Disallow: /", _check_robots),
    FetchFault("UTF-8 page with three stray bytes", _check_damaged),
    FetchFault("one NUL byte in an HTML page", _check_nul),
    FetchFault("malformed Location header", _check_bad_location),
    FetchFault("redirect leaving the source's domains", _check_offsite),
    FetchFault("DOCTYPE after 5 KB of prolog", _check_dtd),
    FetchFault("trailing-slash and AMP variants of one article", _check_variants),
    FetchFault("a host dripping one byte a second, within a time budget", _check_slow_host),
]


def start_fetch_site() -> LoopServer:
    """Serve the fetch-layer faults on hosts C, D and E."""
    server = LoopServer((C, D, E)).start()
    c, d = server.base(C), server.base(D)
    allow = Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    for ip in (C, D):
        server.serve_static("/robots.txt", allow, ip=ip)
    comments = b"# " + b"x" * 98 + b"\n"
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"
                                             + comments * 120_000, content_type="text/plain"),
                        ip=E)  # fmt: skip
    server.serve_static("/rss", Reply(body=_feed(server.base(E), [("/e/1", "Førtidspension")]),
                                      content_type="application/rss+xml"), ip=E)  # fmt: skip
    server.serve_static("/f/god", Reply(body=page("Førtidspension: god side").encode()), ip=C)
    server.serve_static("/f/utf8", Reply(body=_damaged_utf8()), ip=C)
    nul = page("Førtidspension: en NUL-byte").encode().replace(b"<article>", b"<article>\x00")
    server.serve_static("/f/nul", Reply(body=nul), ip=C)
    server.route("/f/location", C)(_bad_location)
    server.serve_static("/f/offsite", Reply(302, b"", headers=[("Location", f"{d}/f/ude")]), ip=C)
    server.serve_static("/f/ude", Reply(body=page("Førtidspension: udenfor").encode()), ip=D)
    one = Reply(body=page("Førtidspension: én artikel, fire adresser").encode())
    for path in VARIANTS:
        server.serve_static(path, one, ip=C)
    links = [("/f/god", "Førtidspension: god side"), ("/f/utf8", _DAMAGED_TITLE),
             ("/f/nul", "Førtidspension: NUL"), ("/f/location", "Førtidspension: Location"),
             ("/f/offsite", "Førtidspension: ud af domænet")]  # fmt: skip
    links += [(p, "Førtidspension: én artikel, fire adresser") for p in VARIANTS]
    server.serve_static("/rss", Reply(body=_feed(c, links),
                                      content_type="application/rss+xml"), ip=C)  # fmt: skip
    entities = (b'<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
                + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode()
                           for i in range(9)) + b"]>")  # fmt: skip
    dtd = _feed(c, [("/f/god", "Førtidspension: &j;")]).replace(
        b"?><rss", b"?><!-- " + b"prolog " * 750 + b"-->" + entities + b"<rss", 1
    )
    server.serve_static("/dtd.xml", Reply(body=dtd, content_type="application/rss+xml"), ip=C)
    drip = [(p, f"Førtidspension: langsom {p}") for p in DRIP_PATHS]
    server.serve_static("/rss", Reply(body=_feed(d, drip), content_type="application/rss+xml"),
                        ip=D)  # fmt: skip
    for path in DRIP_PATHS:
        server.route(path, D)(_drip_one_byte_a_second())
    return server


def write_fetch_project(root: Path, server: LoopServer, repo: Path, *, host_s: float) -> Path:
    """A project over the fetch-fault hosts, with a per-host time budget of ``host_s``."""
    (root / "data").mkdir(parents=True)
    (root / "events.yaml").write_bytes((repo / "events.yaml").read_bytes())
    c, d, e = server.base(C), server.base(D), server.base(E)
    (root / "sources.yaml").write_text(
        f"""\
crawl:
  delay_s: 0
  allowed_networks: ["127.0.0.0/8"]
  max_attempts: 3
  connect_timeout_s: 2
  read_timeout_s: 5
  total_timeout_s: {host_s * 10:g}
  max_host_s: {host_s:g}
topic: {{query: "førtidspension* OR ressourceforløb* OR københavn*"}}
sources:
  - {{name: hostil, outlet: Fejl Nyt, kind: feed, url: "{c}/rss"}}
  - {{name: dtdsent, outlet: Fejl Nyt, kind: feed, url: "{c}/dtd.xml"}}
  - {{name: langsom, outlet: Fejl Nyt, kind: feed, url: "{d}/rss"}}
  - {{name: robotsstor, outlet: Fejl Nyt, kind: feed, url: "{e}/rss"}}
""",
        encoding="utf-8",
    )
    return root


@dataclass(frozen=True)
class FetchFaultRun:
    """One run over the fetch-fault hosts: its wall time, exit code and each case's problem."""

    seconds: float
    code: int
    #: fault name → None when survived, else what went wrong.
    problems: dict[str, str | None]


def run_fetch_faults(root: Path, repo: Path, *, host_s: float) -> FetchFaultRun:
    """Serve the fetch-fault hosts, run ``mediespor run`` over them once, and check every case.

    With ``host_s`` = 60 this is the bench's slow-host run: the dripping host's budget runs out
    after 60 s while the normal host's pages are all stored.
    """
    import time

    import duckdb

    from mediespor.cli.main import main

    server = start_fetch_site()
    try:
        write_fetch_project(root, server, repo, host_s=host_s)
        started = time.monotonic()
        code = main(["--project-dir", str(root), "--log-format", "json", "-q", "run",
                     "--no-render"])  # fmt: skip
        seconds = time.monotonic() - started
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        try:
            problems = {f.name: f.check(con, server) for f in FETCH_FAULTS}
        finally:
            con.close()
        return FetchFaultRun(seconds, code, problems)
    finally:
        server.stop()
