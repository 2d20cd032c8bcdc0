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
import json
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


#: Teasers of other stories (headline, summary) for an overview page; written for the tests.
TEASERS = [
    ("Udvalg vil se på ventetiden", "Et udvalg skal gennemgå sagsbehandlingen af ansøgninger."),
    ("Borgere demonstrerer på pladsen", "Flere hundrede mødte op for at kræve hurtigere svar."),
    ("Kommunen får flere sagsbehandlere", "Budgettet giver plads til ti nye stillinger."),
    ("Ressourceforløb bliver længere", "Tallene viser, at forløbene i snit varer over to år."),
    ("Borgmester svarer på kritik", "Borgmesteren vil fremlægge en plan inden sommer."),
    ("Ankestyrelsen omgør afgørelser", "Mange klager får medhold, viser en ny opgørelse."),
]


def overview_page(heading: str = "Førtidspension") -> str:
    """A tag page titled ``heading``: nothing but teaser cards linking to other stories."""
    cards = "".join(
        f'<div class="card"><a href="/nyheder/{n}"><h2>{html.escape(head)}</h2></a>'
        f'<span class="date">{n + 1}. juni 2017</span><p>{html.escape(summary)}</p></div>'
        for n, (head, summary) in enumerate(TEASERS)
    )
    return (
        '<!doctype html><html lang="da"><head><meta charset="utf-8">'
        f"<title>{html.escape(heading)} | Loopavisen</title></head><body>"
        '<header><a href="/">Loopavisen</a><nav><a href="/indland">Indland</a></nav></header>'
        f'<main><h1>{html.escape(heading)}</h1><div class="list">{cards}</div>'
        '<nav class="pagination"><a href="?side=2">Næste side</a></nav></main>'
        "<footer><p>Loopavisen, Testvej 1, 1000 København K.</p></footer></body></html>"
    )


@dataclass(frozen=True)
class FaultCase:
    """One fault and what must come of it."""

    name: str
    path: str
    #: "item": the content must be stored; "recorded": a reason must be recorded, no item.
    expect: str
    title: str = ""
    #: Costs the run many seconds (left out of a default local test run; CI runs it).
    slow: bool = False


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
    # 100k unclosed <div>s: 500 kB, under the 1 MB limit, so the parser itself meets them
    # (Lexbor needs about 12 s of CPU for them: slow).
    (FaultCase("100k nested tags", "/a/nested", "item", "Førtidspension i dybe tags", slow=True),
     _static(Reply(body=_nested()))),
    (FaultCase("empty 200 body", "/a/empty", "recorded"), _static(Reply(body=b""))),
    (FaultCase("unsupported content-encoding", "/a/zstd", "recorded"),
     _static(Reply(body=b"\x28\xb5\x2f\xfd garbage", headers=[("Content-Encoding", "zstd")]))),
]  # fmt: skip

# --- issue 16, pipeline (hostile-pipeline): article faults ------------------------------------
ARTICLE_FAULTS += [
    (FaultCase("soft 404 (HTTP 200, 'Siden blev ikke fundet')", "/a/soft404", "recorded"),
     _static(Reply(body=page("Siden blev ikke fundet",
                             "<p>Prøv at søge efter det, du leder efter.</p>").encode()))),
    (FaultCase("overview page (a tag page of teasers, topical title)", "/emne/oversigt",
               "recorded"),
     _static(Reply(body=overview_page("Førtidspension").encode()))),
]  # fmt: skip
# --- end of the hostile-pipeline article faults ------------------------------------------------

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


def article_faults(slow: bool = True) -> list[tuple[FaultCase, Handler]]:
    """The article faults a run serves: all of them, or without the slow ones."""
    return [(c, h) for c, h in ARTICLE_FAULTS if slow or not c.slow]


def start_site(slow: bool = True) -> LoopServer:
    """Serve every fault (without the slow ones unless ``slow``); host B's robots.txt answers
    500."""
    _calls.clear()
    server = LoopServer((A, B)).start()
    base = server.base(A)
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n",
                                             content_type="text/plain"), ip=A)  # fmt: skip
    server.serve_static("/robots.txt", Reply(500, b"oops"), ip=B)
    server.serve_static("/rss", Reply(body=_feed(base, [("/a/god-1", "Førtidspension: B")]),
                                      content_type="application/rss+xml"), ip=B)  # fmt: skip
    served = article_faults(slow)
    links = [(c.path, c.title or f"Førtidspension: {c.name}") for c, _ in served]
    server.serve_static("/rss", Reply(body=_feed(base, links),
                                      content_type="application/rss+xml"), ip=A)  # fmt: skip
    for case, handler in served:
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
  # Short, so the timeout and drip cases cost seconds, not tens; still far above what a
  # loopback page takes on a loaded machine.
  connect_timeout_s: 1
  read_timeout_s: 0.75
  total_timeout_s: 1.5
  max_retry_after_s: 2
  max_body_bytes: 1000000
  # The 100k-nested-tags page takes Lexbor 15-30 s on a busy machine: room to be stored.
  extract_timeout_s: 120
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


# --- issue 16, pipeline (hostile-pipeline): whole-run scenarios --------------------------------
# Each scenario builds its own loopback site and project, runs the CLI in this process and
# returns the checks that failed (an empty list: the fault was survived).

C, D = "127.0.0.3", "127.0.0.4"
LONG_BODY = BODY + (
    "<p>Et udvalg i Borgerrepræsentationen skal nu se på, hvordan sagerne bliver behandlet, "
    "og hvor lang tid der går, før en borger får svar på sin ansøgning.</p>"
)


@dataclass(frozen=True)
class Scenario:
    """A fault that needs a whole run (or several) to show: its name and its check."""

    name: str
    check: Callable[[Path], list[str]]


def _cli(root: Path, *args: str) -> int:
    from mediespor.cli.main import main

    return main(["--project-dir", str(root), "--log-format", "json", "-q", *args])


def _feed_site(ip: str, server: LoopServer, pages: dict[str, bytes], feed: str = "/rss") -> None:
    """Serve ``pages`` (path → HTML) and a feed listing them on host ``ip``."""
    base = server.base(ip)
    server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n",
                                             content_type="text/plain"), ip=ip)  # fmt: skip
    links = [(p, f"Førtidspension: {p}") for p in pages]
    server.serve_static(feed, Reply(body=_feed(base, links),
                                    content_type="application/rss+xml"), ip=ip)  # fmt: skip
    for path, body in pages.items():
        server.serve_static(path, Reply(body=body), ip=ip)


def scenario_project(
    root: Path, sources: list[str], crawl: str = "", repo: Path | None = None
) -> Path:
    """A project folder with ``sources`` (YAML flow mappings) and loopback crawl settings."""
    (root / "data").mkdir(parents=True)
    events = (repo or Path(__file__).resolve().parents[1]) / "events.yaml"
    (root / "events.yaml").write_bytes(events.read_bytes())
    lines = "".join(f"\n  - {s}" for s in sources) or " []"
    (root / "sources.yaml").write_text(
        'crawl:\n  delay_s: 0\n  allowed_networks: ["127.0.0.0/8"]\n  max_attempts: 1\n'
        f'{crawl}topic: {{query: "førtidspension* OR ressourceforløb*"}}\nsources:{lines}\n',
        encoding="utf-8",
    )
    return root


def deep_page(levels: int = 2_000_000) -> bytes:
    """An article inside ``levels`` unclosed ``<div>``s: 10 MB by default, Lexbor needs hours."""
    return page("Førtidspension i alt for dybe tags", "<div>" * levels + BODY).encode()


def start_deep_site(normal_pages: int = 12) -> LoopServer:
    """Host C serves a 10 MB nested page and two good ones; host D serves only good pages."""
    server = LoopServer((C, D)).start()
    _feed_site(C, server, {"/c/dyb": deep_page(),
                           **{f"/c/god-{n}": page(f"Førtidspension C {n}").encode()
                              for n in range(2)}})  # fmt: skip
    _feed_site(D, server, {f"/d/side-{n}": page(f"Førtidspension D {n}").encode()
                           for n in range(normal_pages)})  # fmt: skip
    return server


def deep_project(root: Path, server: LoopServer, crawl: str = "") -> Path:
    """The project crawling both hosts of :func:`start_deep_site`."""
    return scenario_project(root, [
        f'{{name: dyb, outlet: Dyb, kind: feed, url: "{server.base(C)}/rss"}}',
        f'{{name: flad, outlet: Flad, kind: feed, url: "{server.base(D)}/rss"}}',
    ], crawl)  # fmt: skip


def check_deep_page(work: Path) -> list[str]:
    """A 10 MB nested page is cut off with its reason; every other page is stored; exit 1."""
    import duckdb

    server = start_deep_site()
    try:
        root = deep_project(work / "deep", server, "  extract_timeout_s: 3\n")
        code = _cli(root, "run", "--no-render")
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        urls = {r[0] for r in con.execute("SELECT url FROM items").fetchall()}
        deep = server.base(C) + "/c/dyb"
        good = [server.base(C) + f"/c/god-{n}" for n in range(2)]
        good += [server.base(D) + f"/d/side-{n}" for n in range(12)]
        reason = con.execute(
            "SELECT reason FROM rejects WHERE location = ? AND stage = 'extract'", [deep]
        ).fetchone()
        status, counts = con.execute(
            "SELECT status, counts FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()  # fmt: skip
        con.close()
    finally:
        server.stop()
    problems = [f"good page not stored: {u}" for u in good if u not in urls]
    if deep in urls:
        problems.append("the nested page became an item")
    if not reason or "longer than 3 s" not in reason[0]:
        problems.append(f"no extraction reject with its reason: {reason}")
    if code != 1 or status != "partial" or json.loads(counts).get("lost_items") != 1:
        problems.append(f"a lost page must end the run 'partial', exit 1: {code} {status}")
    return problems


def check_same_body_two_urls(work: Path) -> list[str]:
    """One article body under two URLs of one site (no canonical link) is one item."""
    import duckdb

    server = LoopServer((C,)).start()
    try:
        article = page("Førtidspension: samme sag to steder", LONG_BODY).encode()
        other = page("Førtidspension: en anden sag", LONG_BODY.replace("nu", "senere")).encode()
        _feed_site(C, server, {"/sag/1": article, "/arkiv/sag-1": article, "/sag/2": other})
        root = scenario_project(
            work / "samme", [f'{{name: s, outlet: S, kind: feed, url: "{server.base(C)}/rss"}}']
        )
        code = _cli(root, "run", "--no-render")
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        items = con.execute("SELECT item_id, url FROM items ORDER BY url").fetchall()
        seen = {r[0] for r in con.execute(
            "SELECT s.seen_url FROM item_sightings s JOIN items i USING (item_id)"
            " WHERE i.title = 'Førtidspension: samme sag to steder'").fetchall()}  # fmt: skip
        con.close()
        base = server.base(C)
    finally:
        server.stop()
    problems = []
    if code != 0 or len(items) != 2:
        problems.append(f"expected 2 items and exit 0, got {len(items)} (exit {code}): {items}")
    if seen != {base + "/sag/1", base + "/arkiv/sag-1"}:
        problems.append(f"both URLs must be sightings of the one item: {sorted(seen)}")
    return problems


def _one_page_project(work: Path, name: str, server: LoopServer) -> Path:
    _feed_site(C, server, {"/a/1": page("Førtidspension: en side").encode()})
    return scenario_project(
        work / name, [f'{{name: s, outlet: S, kind: feed, url: "{server.base(C)}/rss"}}']
    )


def check_publish_failure_recorded(work: Path) -> list[str]:
    """Publishing fails (the disk refuses the write): the run is recorded failed, exit 4."""
    import shutil

    import duckdb

    server = LoopServer((C,)).start()
    try:
        root = _one_page_project(work, "publish", server)
        first = _cli(root, "run", "--no-render")
        db = root / "data" / "mediespor.duckdb"
        db.unlink()
        (db / "blocked").mkdir(parents=True)  # os.replace cannot put a file over it
        failed = _cli(root, "run", "--no-render")
        leftover = list(db.parent.glob(".*.publishing"))
        con = duckdb.connect(str(root / "data" / "mediespor.work.duckdb"), read_only=True)
        row = con.execute(
            "SELECT status, exit_code, counts FROM runs ORDER BY run_id DESC LIMIT 1"
        ).fetchone()
        con.close()
        shutil.rmtree(db)
        after = _cli(root, "run", "--no-render")
        con = duckdb.connect(str(db), read_only=True)
        statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY run_id").fetchall()]
        con.close()
    finally:
        server.stop()
    problems = []
    if (first, failed, after) != (0, 4, 0):
        problems.append(f"exit codes {(first, failed, after)}, expected (0, 4, 0)")
    if row[:2] != ("failed", 4) or "error" not in json.loads(row[2]):
        problems.append(f"the failed run is recorded as {row[:2]}")
    if statuses != ["ok", "failed", "ok"]:
        problems.append(f"published runs {statuses}")
    if leftover:
        problems.append(f"the failed publish left its copy behind: {leftover}")
    return problems


def check_import_crash_and_stale_row(work: Path) -> list[str]:
    """An import of undecodable bytes never crashes: the row is skipped with its line and
    byte offset and the run is closed as partial (exit 1, issue 18); a 'running' row left by
    a killed import is marked interrupted by the next import."""
    import duckdb

    root = scenario_project(work / "import", [])
    good = root / "good.csv"
    good.write_text("url,title,published,outlet\nhttps://example.org/a,Førtidspension,"
                    "2017-06-28,Eksempel\n", encoding="utf-8")  # fmt: skip
    bad = root / "bad.csv"
    bad.write_bytes(b"url,title,published,outlet\n\xff\xfe\xf8 ikke tekst\n")
    first = _cli(root, "import", str(good))
    con = duckdb.connect(str(root / "data" / "mediespor.work.duckdb"))
    # What a SIGKILLed import leaves behind (the real kill is in test_reliability_kill).
    con.execute("INSERT INTO runs (command, started_at, status) VALUES ('import', now(), "
                "'running')")  # fmt: skip
    con.close()
    crashed = _cli(root, "import", str(bad))
    con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
    rows = con.execute("SELECT status, exit_code FROM runs ORDER BY run_id").fetchall()
    con.close()
    problems = []
    if (first, crashed) != (0, 1):
        problems.append(f"exit codes {(first, crashed)}, expected (0, 1)")
    if rows != [("ok", 0), ("interrupted", None), ("partial", 1)]:
        problems.append(f"runs say {rows}")
    return problems


def check_damaged_working_db(work: Path) -> list[str]:
    """A truncated working database: run says how to recover (exit 4), status shows it,
    check --repair restores from the published copy and keeps the damaged file aside."""
    import contextlib
    import io

    import duckdb

    server = LoopServer((C,)).start()
    try:
        root = _one_page_project(work, "damaged", server)
        first = _cli(root, "run", "--no-render")
        work_db = root / "data" / "mediespor.work.duckdb"
        data = work_db.read_bytes()
        work_db.write_bytes(data[: len(data) // 3])
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            refused = _cli(root, "run", "--no-render")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = _cli(root, "status")
        repaired = _cli(root, "check", "--repair")
        aside = list(work_db.parent.glob("mediespor.work.duckdb.damaged-*"))
        again = _cli(root, "run", "--no-render")
        con = duckdb.connect(str(work_db), read_only=True)
        items = con.execute("SELECT count(*) FROM items").fetchone()[0]
        con.close()
    finally:
        server.stop()
    problems = []
    if (first, refused, status, repaired, again) != (0, 4, 0, 0, 0):
        problems.append(f"exit codes {(first, refused, status, repaired, again)}")
    if "mediespor check --repair" not in err.getvalue():
        problems.append(f"run does not say how to recover: {err.getvalue()!r}")
    if "working database damaged" not in out.getvalue():
        problems.append("status does not show the damage")
    if len(aside) != 1 or aside[0].stat().st_size != len(data) // 3:
        problems.append(f"the damaged file is not kept aside: {aside}")
    if items != 1:
        problems.append(f"{items} items after the repair, expected 1")
    return problems


def check_wordpress_max_items(work: Path) -> list[str]:
    """A WordPress site with 200 posts and max_items 25: 3 API pages, at most 25 articles."""
    import duckdb

    from mediespor.discover.wordpress import posts_url

    server = LoopServer((C,)).start()
    try:
        base = server.base(C)
        server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n",
                                                 content_type="text/plain"), ip=C)  # fmt: skip
        for n in range(1, 21):
            posts = [{"id": i, "link": f"{base}/p/{i}", "date_gmt": "2017-06-28T10:00:00",
                      "title": {"rendered": f"Førtidspension {i}"}}
                     for i in range((n - 1) * 10, n * 10)]  # fmt: skip
            url = posts_url(base, search=None, after=None, per_page=10, page=n)
            reply = Reply(body=json.dumps(posts).encode(), content_type="application/json",
                          headers=[("X-WP-TotalPages", "20")])  # fmt: skip
            path = url[len(base) :]
            for variant in {path, path.replace("%2C", ",")}:
                server.serve_static(variant, reply, ip=C)
        for i in range(200):
            server.serve_static(f"/p/{i}", Reply(body=page(f"Førtidspension {i}").encode()), ip=C)
        root = scenario_project(work / "wp", [
            f'{{name: wp, outlet: WP, kind: wordpress, base_url: "{base}", per_page: 10,'
            " max_items: 25}"])  # fmt: skip
        code = _cli(root, "run", "--no-render")
        api = [r for r in server.requests(ip=C) if r.path.startswith("/wp-json/")]
        articles = [r for r in server.requests(ip=C) if r.path.startswith("/p/")]
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        items = con.execute("SELECT count(*) FROM items").fetchone()[0]
        con.close()
    finally:
        server.stop()
    problems = []
    if code != 0 or len(api) != 3 or len(articles) != 25 or items != 25:
        problems.append(f"exit {code}, {len(api)} API pages, {len(articles)} article fetches, "
                        f"{items} items; expected 0, 3, 25, 25")  # fmt: skip
    return problems


PIPELINE_SCENARIOS = [
    Scenario("10 MB nested page on one host, good pages on another", check_deep_page),
    Scenario("same article body under two URLs of one site", check_same_body_two_urls),
    Scenario("publishing fails: run recorded failed, exit 4", check_publish_failure_recorded),
    Scenario(
        "undecodable import and a stale 'running' import row", check_import_crash_and_stale_row
    ),
    Scenario("truncated working database: recover and repair", check_damaged_working_db),
    Scenario("WordPress with 200 posts and max_items 25", check_wordpress_max_items),
]
# --- end of the hostile-pipeline scenarios -----------------------------------------------------


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
    import json

    run_counts = json.loads(
        con.execute("SELECT counts FROM runs ORDER BY run_id DESC").fetchone()[0]
    )
    recorded = run_counts.get("deferred_urls", 0) >= 1  # the run says what it left for later
    ok = stored == len(normal) and waiting and asked <= 1 and recorded
    return (
        None
        if ok
        else (
            f"{stored}/{len(normal)} normal pages; drip host {states}, {asked} asked;"
            f" deferred_urls recorded: {run_counts.get('deferred_urls')}"
        )
    )


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
