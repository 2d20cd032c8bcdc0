"""The crawler's HTTP layer: polite, resilient fetching that archives every exchange as WARC.

It keeps no database of its own: the crawl stage hands it its sinks (see
:mod:`mediespor.fetch.sinks` and :mod:`mediespor.crawl.wiring`).
"""

from mediespor.fetch.client import Fetcher

__all__ = ["Fetcher"]
