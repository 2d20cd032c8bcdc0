"""A frontier crawl in its own process, for the kill -9 / resume test.

Usage: python crawl_worker.py DB WARC_DIR URL...   Queues the URLs (already queued ones keep
their state), then drains the frontier, storing each page as an item via ``upsert_item``.
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from mediespor.config.sources import CrawlSettings
from mediespor.crawl.fetch_pass import PassOptions, run_frontier
from mediespor.crawl.frontier import Frontier
from mediespor.crawl.wiring import open_fetcher
from mediespor.models import Candidate, FetchResult, ItemRecord
from mediespor.store.db import open_store, utcnow
from mediespor.store.items import upsert_item

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def main() -> int:
    db, warc, *urls = sys.argv[1:]
    settings = CrawlSettings(allow_private_addresses=True, delay_s=0, per_host=2)
    with open_store(Path(db)) as store:
        frontier = Frontier(store, run_id=None)
        frontier.add(Candidate(url=u, source="loop", via="test") for u in urls)

        def process(result: FetchResult, entry) -> None:
            text = result.text()
            m = _TITLE.search(text)
            record = ItemRecord(
                outlet="Loop", title=m.group(1) if m else None, via=entry.via, url=entry.url,
                source=entry.source, text=text, fetch_id=result.fetch_id,
            )  # fmt: skip
            upsert_item(store.con, record, now=utcnow(), run_id=None, relevant=None,
                        topic_terms=None)  # fmt: skip
            print("stored", entry.url, flush=True)

        async def go():
            async with open_fetcher(settings, store, Path(warc)) as fetcher:
                return await run_frontier(
                    fetcher, store, process, frontier=frontier, options=PassOptions(commit_every=4)
                )

        stats = asyncio.run(go())
        print("done", stats, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
