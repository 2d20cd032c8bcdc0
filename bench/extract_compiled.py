"""CPU time of the extractor with every compiled walk against every walk in Python, in one
process.

What the compiled walks (``src/mediespor/extract/*.pyx``) save: the same pages are extracted
with all of them and, through ``compiled_walks.python_only()``, with none, in turn with a bare
parse (order alternating between rounds), each taking its fastest of all rounds per page, as
``bench/extract_ab.py`` times. The results are the same either way (``bench/extract_snapshot.py``
compares them); only the time differs. Reads the article-extraction pages in ``../shared/data``
(or ``--data``); needs an install that built the walks.

    python bench/extract_compiled.py --rounds 15
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from article_pages import DEFAULT_DATA, load_pages
from extract_ab import time_rounds
from mediespor.extract import extract
from mediespor.extract.compiled_walks import python_only, python_walks


def in_python(html: bytes | str, url: str, fetched_at):
    """``extract()`` with every walk in Python."""
    with python_only():
        return extract(html, url, fetched_at)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if python_walks():
        print(f"not compiled in this install: {', '.join(python_walks())}", file=sys.stderr)
        return 2
    pages = load_pages(args.data)
    if pages is None:
        return 2
    # time_rounds calls the working tree's extract() "new" and the one given "old".
    seconds = time_rounds(pages, in_python, max(1, args.rounds))
    print(
        json.dumps(
            {
                "pages": len(pages),
                "rounds": args.rounds,
                "python_over_compiled": round(seconds["old"] / seconds["new"], 3),
                "compiled_ratio_to_bare_parse": round(seconds["new"] / seconds["bare_parse"], 3),
                "python_ratio_to_bare_parse": round(seconds["old"] / seconds["bare_parse"], 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
