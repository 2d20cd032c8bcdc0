"""CPU time of the extractor at a git revision against the working tree, in one process.

For speed work: whole benchmark runs on a shared machine drift by a fifth between runs of the
same code, so two runs cannot tell a 1% change. Here both versions run in one process, page
by page in turn with a bare parse (order alternating between rounds), and each takes its
fastest of all rounds per page, as ``bench/extract.py`` times. The revision's
``src/mediespor`` is exported with ``git archive`` into a temporary folder, its compiled modules
built there, and imported under another name. Reads the article-extraction pages in ``../shared/data`` (or ``--data``).

    python bench/extract_ab.py main            # main against the working tree
    python bench/extract_ab.py HEAD~1 --rounds 25
    python bench/extract_ab.py main --reaching dates._date_classed

A change to a step that only some pages reach (the date fallbacks: a page in six) moves the
whole set's sum by less than its noise. ``--reaching MODULE.FUNCTION`` times only the pages on
which the working tree's ``mediespor.extract.MODULE.FUNCTION`` is called, and adds what the
change saves in bare parses of all pages (``saving_in_all_bare_parses``; the whole set's
ratio to its bare parse moves by that much).
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from article_pages import DEFAULT_DATA, FETCHED_AT, REPO, Page, load_pages
from mediespor.extract import extract

OLD = "mediespor_ab_old"
_IMPORTS = re.compile(r"\bmediespor(?=[.\s])")


def export(rev: str, into: Path) -> None:
    """Write ``rev``'s package into ``into`` as a package named ``OLD``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src/mediespor"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    package = into / OLD
    (into / "src" / "mediespor").rename(package)
    for pattern in ("*.py", "*.pyx", "*.pxd"):
        for path in package.rglob(pattern):
            # "from mediespor.x import", "import mediespor.x", "from mediespor import", and
            # "from mediespor.x cimport": all of them name the package followed by a dot or a
            # space.
            path.write_text(_IMPORTS.sub(OLD, path.read_text()))
    build_compiled(into)


def build_compiled(into: Path) -> None:
    """Build the exported package's compiled modules (``*.pyx``) in place.

    Without them the old revision would run its Python fallbacks, and the A/B would time
    compiled against Python code. Needs Cython (``scripts/setup dev``).
    """
    sources = sorted((into / OLD).rglob("*.pyx"))
    if not sources:
        return
    modules = [
        (".".join(path.relative_to(into).with_suffix("").parts), str(path.relative_to(into)))
        for path in sources
    ]
    script = (
        "from setuptools import Extension, setup\n"
        "from Cython.Build import cythonize\n"
        "import os\n"
        f"modules = {modules!r}\n"
        "setup(script_args=['build_ext', '--inplace', '-q'], ext_modules=cythonize(\n"
        "    [Extension(name, [src], include_dirs=[os.path.dirname(src)]) for name, src in"
        " modules],\n"
        "    include_path=['.'], quiet=True, language_level=3))\n"
    )
    built = subprocess.run(
        [sys.executable, "-c", script], cwd=into, capture_output=True, text=True, check=False
    )
    if built.returncode != 0:
        raise SystemExit(f"could not build the old revision's compiled modules:\n{built.stderr}")


def time_rounds(pages: list[Page], old, rounds: int) -> dict[str, float]:
    """Sums over pages of each tool's fastest CPU time in ``rounds`` rounds."""
    tools = {
        "bare_parse": lambda page, url: LexborHTMLParser(page),
        "old": lambda page, url: old(page, url, FETCHED_AT),
        "new": lambda page, url: extract(page, url, FETCHED_AT),
    }
    names = list(tools)
    best = {name: [float("inf")] * len(pages) for name in names}
    clock = time.process_time
    for round_no in range(rounds):
        order = names[::-1] if round_no % 2 else names
        for i, (_, page, url) in enumerate(pages):
            for name in order:
                start = clock()
                tools[name](page, url)
                took = clock() - start
                if took < best[name][i]:
                    best[name][i] = took
    return {name: sum(times) for name, times in best.items()}


def ab_arguments(description: str, rounds: int, *, reaching: bool = False) -> argparse.Namespace:
    """The command line of an A/B against a revision: ``rev``, ``--data``, ``--rounds`` (and
    ``--reaching`` if asked for)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("rev", help="git revision to compare the working tree with")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=rounds)
    if reaching:
        parser.add_argument(
            "--reaching",
            metavar="MODULE.FUNCTION",
            help="time only the pages that call mediespor.extract.MODULE.FUNCTION",
        )
    return parser.parse_args()


def pages_reaching(pages: list[Page], target: str) -> list[Page]:
    """The pages on which the working tree's ``mediespor.extract.<target>`` is called."""
    module_name, _, name = target.rpartition(".")
    module = importlib.import_module(f"mediespor.extract.{module_name}")
    real = getattr(module, name)
    called = False

    def spy(*args, **kwargs):
        nonlocal called
        called = True
        return real(*args, **kwargs)

    # Callers look the name up in their own module when they call it: every module of the
    # package that imported the function gets the spy.
    holders = [
        held
        for key, held in list(sys.modules.items())
        if key.startswith("mediespor.extract") and getattr(held, name, None) is real
    ]
    kept: list[Page] = []
    for held in holders:
        setattr(held, name, spy)
    try:
        for page in pages:
            called = False
            extract(page.html, page.url, FETCHED_AT)
            if called:
                kept.append(page)
    finally:
        for held in holders:
            setattr(held, name, real)
    return kept


def bare_parse_seconds(pages: list[Page], rounds: int = 5) -> float:
    """The sum over ``pages`` of each one's fastest bare parse in ``rounds`` rounds."""
    best = [float("inf")] * len(pages)
    for _ in range(rounds):
        for i, page in enumerate(pages):
            start = time.process_time()
            LexborHTMLParser(page.html)
            best[i] = min(best[i], time.process_time() - start)
    return sum(best)


def import_old(rev: str, into: Path, module: str):
    """``module`` (a name under the package, "extract") as it is at ``rev``, exported into
    ``into``."""
    export(rev, into)
    sys.path.insert(0, str(into))
    return importlib.import_module(f"{OLD}.{module}")


def main() -> int:
    args = ab_arguments(__doc__.splitlines()[0], 15, reaching=True)
    every = load_pages(args.data)
    if every is None:
        return 2
    pages = pages_reaching(every, args.reaching) if args.reaching else every
    if not pages:
        print(f"no page calls {args.reaching}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        old = import_old(args.rev, Path(tmp), "extract").extract
        seconds = time_rounds(pages, old, max(1, args.rounds))
    result = {
        "rev": args.rev,
        "pages": len(pages),
        "rounds": args.rounds,
        "new_over_old": round(seconds["new"] / seconds["old"], 4),
        "old_ratio_to_bare_parse": round(seconds["old"] / seconds["bare_parse"], 3),
        "new_ratio_to_bare_parse": round(seconds["new"] / seconds["bare_parse"], 3),
    }
    if args.reaching:
        result["reaching"] = args.reaching
        result["of_pages"] = len(every)
        saved = seconds["old"] - seconds["new"]
        result["saving_in_all_bare_parses"] = round(saved / bare_parse_seconds(every), 4)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
