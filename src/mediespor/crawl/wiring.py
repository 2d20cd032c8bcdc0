"""The crawl's fetcher and the sinks it hands each request to: the ``fetches`` table (DuckDB)
and the WARC archive. The fetcher opens neither itself; this is where they are wired.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mediespor.config.sources import CrawlSettings
from mediespor.crawl.fetch_pass import commit_batch
from mediespor.fetch import Fetcher
from mediespor.fetch.warc import WarcArchive
from mediespor.store.db import Store
from mediespor.store.fetches import FetchLog


def open_fetcher(settings: CrawlSettings, store: Store, warc_dir: Path, **kwargs: Any) -> Fetcher:
    """A Fetcher whose requests are logged in ``store``'s ``fetches`` table and archived as
    WARC files under ``warc_dir`` (``kwargs`` go to :class:`~mediespor.fetch.Fetcher`)."""
    archive = WarcArchive(Path(warc_dir), max_bytes=settings.warc_max_bytes)
    # Ids for two commit batches per sequence query (128 at limits up to 16, as before): each
    # query stops the event loop for milliseconds, whatever the number of ids.
    log = FetchLog(store.con, batch=2 * commit_batch(settings.global_concurrency))
    return Fetcher(settings, log=log, archive=archive, **kwargs)
