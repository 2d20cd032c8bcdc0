"""Politeness is a guarantee: a whole `mediespor run` over two loopback hosts never requests
faster than the configured per-host delay, as measured at the server."""

from __future__ import annotations

import html
import itertools

from conftest import REPO
from faultsuite import page
from loopserver import LoopServer, Reply
from mediespor.cli.main import main

HOSTS = ("127.0.0.1", "127.0.0.2")
DELAY = 0.04
ARTICLES = 40
#: Server-side arrival times can be closer than client-side starts by scheduling jitter.
JITTER = 0.01


def test_long_crawl_never_exceeds_the_per_host_rate(tmp_path):
    with LoopServer(HOSTS) as server:
        for ip in HOSTS:
            base = server.base(ip)
            server.serve_static("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n",
                                                     content_type="text/plain"), ip=ip)  # fmt: skip
            items = "".join(
                f"<item><title>{html.escape(f'Førtidspension {i}')}</title>"
                f"<link>{base}/a/{i}</link></item>"
                for i in range(ARTICLES)
            )
            server.serve_static("/rss", Reply(
                body=f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode(),
                content_type="application/rss+xml"), ip=ip)  # fmt: skip
            for i in range(ARTICLES):
                server.serve_static(f"/a/{i}", Reply(body=page(f"Førtidspension {i}").encode()),
                                    ip=ip)  # fmt: skip
        root = tmp_path / "p"
        (root / "data").mkdir(parents=True)
        (root / "events.yaml").write_bytes((REPO / "events.yaml").read_bytes())
        sources = "\n".join(
            f'  - {{name: s{n}, outlet: O{n}, kind: feed, url: "{server.base(ip)}/rss"}}'
            for n, ip in enumerate(HOSTS)
        )
        (root / "sources.yaml").write_text(
            f"crawl: {{delay_s: {DELAY}, allowed_networks: ['127.0.0.0/8'], global_concurrency: 8,"
            f" per_host: 1}}\ntopic: {{query: 'førtidspension*'}}\nsources:\n{sources}\n",
            encoding="utf-8",
        )
        code = main(["--project-dir", str(root), "--log-format", "json", "run", "--no-render"])
        assert code == 0
        for ip in HOSTS:
            reqs = sorted(server.requests(ip=ip), key=lambda r: r.received_at)
            assert len(reqs) == 2 + ARTICLES  # robots.txt, the feed, every article once
            gaps = [b.received_at - a.received_at for a, b in itertools.pairwise(reqs)]
            assert min(gaps) >= DELAY - JITTER, f"{ip}: {min(gaps):.4f} s between two requests"
            assert max(r.in_flight for r in reqs) == 1
        # The two hosts were crawled side by side, not one after the other.
        first = [min(r.received_at for r in server.requests(ip=ip)) for ip in HOSTS]
        last = [max(r.received_at for r in server.requests(ip=ip)) for ip in HOSTS]
        assert first[1] < last[0] and first[0] < last[1]
