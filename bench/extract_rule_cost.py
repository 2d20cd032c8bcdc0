"""What each extraction rule costs and what it gains: the extractor with one rule switched off.

A rule is switched off by replacing, for the run, the functions through which the extractor
calls it with ones that find nothing (no card, no comment section, no visible date). ``time``
runs the full extractor and the one without the rule page by page in turn with a bare parse
(order alternating between rounds, fastest of all rounds per page, as ``bench/extract_ab.py``),
so the saving reads in bare parses of the same pages and moves less than whole runs do.
``quality`` scores every shared set with the rule off (``bench/extract.py --quality-only
--no-trafilatura``), to set beside the same command's figures with every rule on. What a rule
costs includes what its answer makes the later stages do: a block it keeps is walked.

    python bench/extract_rule_cost.py time            # every rule, 15 rounds
    python bench/extract_rule_cost.py time cards threads --rounds 25
    python bench/extract_rule_cost.py quality byline
"""

from __future__ import annotations

import argparse
import json
import runpy
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from article_pages import DEFAULT_DATA, FETCHED_AT, REPO, load_pages
from mediespor.extract import article, content, dates, foreign, quotes, teasers


def _kept_texts(blocks: list[teasers.Block]) -> list[str]:
    # The trailing-box rules off: every prose and heading block is kept.
    return [b.text for b in blocks if b.kind in (teasers.PROSE, teasers.HEADING)]


#: Each rule: the (module, name, stand-in) replacements that switch it off.
RULES: dict[str, list[tuple[Any, str, Callable[..., Any]]]] = {
    "quotes": [
        (content, "is_promo_quote", lambda box, attrs: False),
        (content, "is_sign_up_box", lambda attrs: False),
        (content, "repeats_page_text", lambda box: False),
    ],
    "cards": [(content, "teaser_cards", lambda root, keep=frozenset(): [])],
    "threads": [(content, "_comment_sections", lambda body: [])],
    "foreign": [
        (content, "is_foreign", lambda node: False),
        (content, "holds_foreign", lambda node, held: False),
        (content, "outside_foreign", lambda ranked, nodes, held: (ranked, set(), set())),
    ],
    "listings": [(foreign, "teasers", lambda units: False)],
    "posts": [(foreign, "posts", lambda units: False)],
    "bio": [(article, "drop_author_bio", lambda paragraphs, authors: paragraphs)],
    "calls": [
        (teasers, "drop_closing_calls", lambda texts: texts),
        (quotes, "is_call", lambda text: False),
    ],
    "standfirst": [(content, "follows_headline", lambda paragraph: False)],
    "slides": [(content, "hidden_pages", lambda block: [])],
    "teasers": [(content, "article_paragraphs", _kept_texts)],
    "byline": [(article, "visible_authors", lambda tree, site=None, index=None: ())],
    "dates_visible": [(dates, "_visible", lambda *args: None)],
    "dates_page_text": [(dates, "_page_text_date", lambda *args: None)],
    "dates_script": [(dates._Readable, "script_date", lambda self: None)],
}


@contextmanager
def switched_off(rule: str) -> Iterator[None]:
    """Run the body with ``rule`` off; every replaced function is put back after."""
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in RULES[rule]]
    try:
        for owner, name, stand_in in RULES[rule]:
            setattr(owner, name, stand_in)
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def time_rule(pages: list, rule: str, rounds: int) -> dict[str, float]:
    """Sums over pages of the fastest CPU time in ``rounds`` of: a bare parse, the full
    extractor, and the extractor with ``rule`` off."""
    best = {name: [float("inf")] * len(pages) for name in ("bare", "full", "off")}
    clock = time.process_time
    for round_no in range(rounds):
        order = ("bare", "full", "off") if round_no % 2 else ("off", "full", "bare")
        for i, (_, page, url) in enumerate(pages):
            for name in order:
                if name == "bare":
                    start = clock()
                    LexborHTMLParser(page)
                else:
                    with switched_off(rule) if name == "off" else _nothing():
                        start = clock()
                        article.extract(page, url, FETCHED_AT)
                took = clock() - start
                if took < best[name][i]:
                    best[name][i] = took
    return {name: sum(times) for name, times in best.items()}


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("time", "quality"))
    parser.add_argument("rules", nargs="*", help=f"default: all of {', '.join(RULES)}")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    unknown = [rule for rule in args.rules if rule not in RULES]
    if unknown:
        parser.error(f"unknown rule(s) {', '.join(unknown)}; known: {', '.join(RULES)}")
    rules = args.rules or list(RULES)
    if args.mode == "quality":
        if len(rules) != 1:
            parser.error("quality scores one rule at a time")
        with switched_off(rules[0]):
            sys.argv = [
                "bench/extract.py", "--data", str(args.data), "--quality-only", "--no-trafilatura",
            ]  # fmt: skip
            runpy.run_path(str(REPO / "bench" / "extract.py"), run_name="__main__")
        return 0
    pages = load_pages(args.data)
    if pages is None:
        return 2
    for rule in rules:
        seconds = time_rule(pages, rule, max(1, args.rounds))
        print(
            json.dumps(
                {
                    "rule": rule,
                    "off_over_full": round(seconds["off"] / seconds["full"], 4),
                    "saves_bare_parses": round(
                        (seconds["full"] - seconds["off"]) / seconds["bare"], 3
                    ),
                    "full_ratio_to_bare_parse": round(seconds["full"] / seconds["bare"], 3),
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
