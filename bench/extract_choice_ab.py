"""CPU time of the container choice alone at a git revision against the working tree.

The choice (``_best_container`` in ``extract/content.py``: paragraph scoring, hidden layers,
link density, siblings) costs about a fifth of a bare parse; a 2% change to it is a 0.1%
change of the whole extractor, below what ``bench/extract_ab.py`` resolves. Here both versions
choose on the same prepared trees (indexed, junk removed, comment sections found, as
``main_content`` does before choosing), page by page in turn with the order alternating
between rounds, each taking its fastest of all rounds per page; the choice runs three times
per timing, as it does not change the tree. Both must choose alike: blocks, best block, prose
held (in order), ranking and foreign blocks; pages where they differ are counted.

    python bench/extract_choice_ab.py main --rounds 10
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from article_pages import load_pages
from extract_ab import ab_arguments, import_old
from mediespor.extract import content
from mediespor.extract.index import index_page

_CALLS = 3  # per timing: one choice is a few hundredths of a millisecond


def prepare(html: bytes) -> tuple[LexborHTMLParser, LexborNode, list[LexborNode], set[int]] | None:
    """A parsed page as ``main_content`` holds it right before the choice (None: no body)."""
    tree = LexborHTMLParser(html)
    index = index_page(tree)
    body = tree.body
    if body is None:
        return None
    for node in index.junk:
        if node.tag_id == content._ASIDE and content._is_fact_aside(node):
            continue
        node.remove(recursive=False)
    sections = {node.mem_id for node in content._comment_sections(body)}
    return tree, body, index.candidates, sections


def outcome(result: Any) -> tuple:
    """What a choice decided, in comparable form."""
    containers, core, prose = result
    return (
        [node.mem_id for node in containers],
        core.mem_id if core is not None else None,
        list(prose.held.items()),
        list(prose.nodes),
        prose.ranked,
        prose.found,
    )


def main() -> int:
    args = ab_arguments(__doc__.splitlines()[0], 10)
    pages = load_pages(args.data)
    if pages is None:
        return 2
    prepared = [found for page in pages if (found := prepare(page.html)) is not None]
    with tempfile.TemporaryDirectory() as tmp:
        choices = {
            "old": import_old(args.rev, Path(tmp), "extract.content")._best_container,
            "new": content._best_container,
        }
        differing = sum(
            outcome(choices["old"](body, cands, sections))
            != outcome(choices["new"](body, cands, sections))
            for _, body, cands, sections in prepared
        )
        best = {name: [float("inf")] * len(prepared) for name in choices}
        bare = [float("inf")] * len(pages)
        clock = time.process_time
        for round_no in range(max(1, args.rounds)):
            order = ["new", "old"] if round_no % 2 else ["old", "new"]
            for i, (_, body, cands, sections) in enumerate(prepared):
                for name in order:
                    choose = choices[name]
                    start = clock()
                    for _ in range(_CALLS):
                        choose(body, cands, sections)
                    took = (clock() - start) / _CALLS
                    if took < best[name][i]:
                        best[name][i] = took
            for i, page in enumerate(pages):
                start = clock()
                LexborHTMLParser(page.html)
                bare[i] = min(bare[i], clock() - start)
    old, new = sum(best["old"]), sum(best["new"])
    print(
        json.dumps(
            {
                "rev": args.rev,
                "pages": len(prepared),
                "rounds": args.rounds,
                "differing": differing,
                "new_over_old": round(new / old, 4),
                "old_choice_to_bare_parse": round(old / sum(bare), 4),
                "new_choice_to_bare_parse": round(new / sum(bare), 4),
            }
        )
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
