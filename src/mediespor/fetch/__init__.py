"""The crawler's HTTP layer: polite, resilient fetching that archives every exchange as WARC."""

from mediespor.fetch.client import Fetcher
from mediespor.fetch.frontier import Frontier, FrontierEntry, FrontierStats, run_frontier

__all__ = ["Fetcher", "Frontier", "FrontierEntry", "FrontierStats", "run_frontier"]
