"""The crawl stage: discovery → frontier → fetch → extract → store.

- :mod:`~mediespor.crawl.stage`: the pipeline stage (discover, drain the frontier, count).
- :mod:`~mediespor.crawl.frontier`: the URLs waiting to be fetched, in DuckDB.
- :mod:`~mediespor.crawl.claim_order`: the order the frontier claims them in, kept in memory.
- :mod:`~mediespor.crawl.fetch_pass`: one pass over the frontier (fetch, settle, commit).
- :mod:`~mediespor.crawl.wiring`: the fetcher with its sinks (fetch log, WARC archive).
- :mod:`~mediespor.crawl.request_budget`: ``--max-requests`` as discovery's getter sees it.

The package imports nothing itself: discovery imports :mod:`.frontier`, and the stage imports
discovery.
"""
