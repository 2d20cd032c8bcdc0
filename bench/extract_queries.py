"""CPU time of each Lexbor selector query the extractor runs, in bare parses of the same pages.

For speed work on selector queries: shows which query costs what, on all article-extraction
pages and on the ``--heaviest`` pages whose extraction costs most beyond ``--excess`` bare
parses (where a query that is cheap on most pages may dominate). Queries are counted where
they all go through, the per-thread engine of :mod:`mediespor.extract.select`; a node's own
``css_first`` is not counted. CPU times, summed over ``--rounds`` rounds, beside the bare
parses of the same rounds. Reads ``../shared/data`` (or ``--data``).

    python bench/extract_queries.py
    python bench/extract_queries.py --heaviest 10 --top 8
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser, LexborNode

from article_pages import DEFAULT_DATA, FETCHED_AT, Page, load_pages
from mediespor.extract import extract
from mediespor.extract import select as select_module


class TimingEngine:
    """The selector engine, with the CPU time and the number of calls of each query."""

    def __init__(self, engine: LexborCSSSelector) -> None:
        self._engine = engine
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def find(self, query: str, node: LexborNode) -> list[LexborNode]:
        """As the engine's ``find``, timed."""
        start = time.process_time()
        found = self._engine.find(query, node)
        self.seconds[query] += time.process_time() - start
        self.calls[query] += 1
        return found

    def any_matches(self, query: str, node: LexborNode) -> int:
        """As the engine's ``any_matches``, timed under the query prefixed with ``ANY``."""
        start = time.process_time()
        found = self._engine.any_matches(query, node)
        key = f"ANY {query}"
        self.seconds[key] += time.process_time() - start
        self.calls[key] += 1
        return found


def heaviest(pages: list[Page], count: int, excess: float) -> list[int]:
    """Indexes of the ``count`` pages whose extraction costs most beyond ``excess`` parses."""
    clock = time.process_time
    cost = []
    for i, (_, page, url) in enumerate(pages):
        best_parse = best_extract = float("inf")
        for _ in range(3):
            start = clock()
            LexborHTMLParser(page)
            best_parse = min(best_parse, clock() - start)
            start = clock()
            extract(page, url, FETCHED_AT)
            best_extract = min(best_extract, clock() - start)
        cost.append((best_extract - excess * best_parse, i))
    return sorted(i for _, i in sorted(cost, reverse=True)[:count])


def measure(pages: list[Page], rounds: int) -> tuple[TimingEngine, float]:
    """Each query's time over ``rounds`` extractions of ``pages``, and the bare parses'."""
    timing = TimingEngine(select_module._engine())
    select_module._LOCAL.engine = timing
    parse = 0.0
    try:
        for _ in range(rounds):
            for _, page, url in pages:
                start = time.process_time()
                LexborHTMLParser(page)
                parse += time.process_time() - start
                extract(page, url, FETCHED_AT)
    finally:
        select_module._LOCAL.engine = timing._engine
    return timing, parse


def report(label: str, timing: TimingEngine, parse: float, top: int) -> dict[str, object]:
    """Print the ``top`` queries by cost; returns the figures for the JSON line."""
    print(f"{label}: queries cost {sum(timing.seconds.values()) / parse:.3f} bare parses")
    rows = []
    for query, seconds in timing.seconds.most_common(top):
        share = seconds / parse
        print(f"  {share:.3f}  {timing.calls[query]:6d} calls  {query[:100]}")
        rows.append({"query": query, "bare_parses": round(share, 4), "calls": timing.calls[query]})
    return {"queries_bare_parses": round(sum(timing.seconds.values()) / parse, 4), "top": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--top", type=int, default=12, help="queries listed per page set")
    parser.add_argument("--heaviest", type=int, default=10, help="0: all pages only")
    parser.add_argument("--excess", type=float, default=4.0, help="bare parses not counted")
    args = parser.parse_args()
    pages = load_pages(args.data)
    if pages is None:
        return 2
    rounds = max(1, args.rounds)
    for _, page, url in pages:
        extract(page, url, FETCHED_AT)  # warm caches and imports before any timing
    result: dict[str, object] = {"pages": len(pages), "rounds": rounds}
    result["all"] = report(f"all {len(pages)} pages", *measure(pages, rounds), args.top)
    if args.heaviest > 0:
        chosen = [pages[i] for i in heaviest(pages, args.heaviest, args.excess)]
        label = f"{len(chosen)} heaviest pages"
        result["heaviest"] = {
            "ids": [key for key, _, _ in chosen],
            **report(label, *measure(chosen, rounds), args.top),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
