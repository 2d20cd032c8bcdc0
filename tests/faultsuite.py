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
