"""A small news site on 127.0.0.1 whose content can change between "nights".

Serves an RSS feed, a sitemap, robots.txt and article pages with JSON-LD, ETags and 304s, so the
whole nightly pipeline can be exercised over real HTTP. Purpose-built for mediespor's tests.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field

from werkzeug import Request, Response


@dataclass
class Page:
    """One article on the fixture site."""

    slug: str
    title: str
    published: str  # ISO with offset
    lead: str
    body: str
    status: int = 200

    def html(self, base: str) -> str:
        """The page, with JSON-LD and OpenGraph like a real Danish news site."""
        t = html.escape(self.title)
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in self.body.split("\n\n"))
        return f"""<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>{t} | Fixture Nyt</title>
<link rel="canonical" href="{base}/koebenhavn/{self.slug}">
<meta property="og:title" content="{t}">
<meta property="article:published_time" content="{self.published}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":{_json(self.title)},"datePublished":"{self.published}",
"description":{_json(self.lead)},"author":{{"@type":"Person","name":"Test Journalist"}}}}</script>
</head><body><nav><a href="/">Forside</a> <a href="/sport">Sport</a></nav>
<article><h1>{t}</h1><p class="lead">{html.escape(self.lead)}</p>
<time datetime="{self.published}">{self.published[:10]}</time>
{paragraphs}</article>
<aside><h2>Læs også</h2><ul><li><a href="/x">Noget helt andet</a></li></ul></aside>
<footer>Kontakt redaktionen</footer></body></html>"""


def _json(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@dataclass
class Site:
    """The site's current state; tests mutate it between nights."""

    pages: dict[str, Page] = field(default_factory=dict)
    feed_slugs: list[str] = field(default_factory=list)
    sitemap_slugs: list[str] = field(default_factory=list)
    sitemap_status: int = 200
    robots: str = "User-agent: *\nAllow: /\n"
    base: str = ""
    #: Seconds each article response takes (stretches a crawl for kill tests).
    page_delay_s: float = 0.0

    def install(self, server) -> None:
        """Route every request of ``server`` (pytest-httpserver) through this site."""
        self.base = server.url_for("").rstrip("/")
        server.expect_request(__import__("re").compile(r".*")).respond_with_handler(self.handle)

    def feed(self) -> str:
        """RSS 2.0 of the feed slugs."""
        items = []
        for slug in self.feed_slugs:
            p = self.pages[slug]
            slug = p.slug
            items.append(
                f"<item><title>{html.escape(p.title)}</title>"
                f"<link>{self.base}/koebenhavn/{slug}?utm_source=rss</link>"
                f"<guid>{self.base}/koebenhavn/{slug}</guid>"
                f"<description>{html.escape(p.lead)}</description>"
                f"<pubDate>{_rfc822(p.published)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Fixture Nyt</title><link>{self.base}/</link>{''.join(items)}</channel></rss>"
        )

    def sitemap(self) -> str:
        """A urlset of the sitemap slugs."""
        urls = "".join(
            f"<url><loc>{self.base}/koebenhavn/{self.pages[s].slug}</loc>"
            f"<lastmod>{self.pages[s].published}</lastmod></url>"
            for s in self.sitemap_slugs
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )

    def handle(self, request: Request) -> Response:
        """Serve one request."""
        path = request.path
        if path == "/robots.txt":
            return Response(self.robots, content_type="text/plain")
        if path == "/rss":
            return self._cached(request, self.feed(), "application/rss+xml; charset=utf-8")
        if path == "/sitemap.xml":
            if self.sitemap_status != 200:
                return Response("nede", status=self.sitemap_status)
            return self._cached(request, self.sitemap(), "application/xml")
        if path.startswith("/koebenhavn/"):
            slug = path.rsplit("/", 1)[1]
            page = next((p for p in self.pages.values() if p.slug == slug), None)
            if self.page_delay_s:
                __import__("time").sleep(self.page_delay_s)
            if page is None or page.status == 404:
                return Response("<h1>Siden findes ikke</h1>", status=404, content_type="text/html")
            return self._cached(request, page.html(self.base), "text/html; charset=utf-8")
        return Response("not found", status=404)

    @staticmethod
    def _cached(request: Request, body: str, content_type: str) -> Response:
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=content_type, headers={"ETag": etag})


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))
