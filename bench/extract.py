"""Benchmark mediespor's extractor against trafilatura, htmldate and a bare selectolax parse.

Reads the real pages with ground truth in ``../shared/data`` (or ``--data``):
``article-extraction`` (body F1 as the Zyte article-extraction-benchmark defines it),
``trafilatura-eval`` (trafilatura's own evaluation: "with"/"without" snippets counted over all
pages), ``publication-dates`` (same-day accuracy as htmldate's evaluation defines it) and
``fundus-publishers`` (title exact match, date same day, body F1). Prints a table per set and,
as its last line, one JSON object with the headline figures.

trafilatura runs in its benchmark settings (comments off; on trafilatura-eval exactly the
settings of its own evaluation) and with ``favor_precision``; its bar is the better of the two.
The two text sets are split by a hash of the page id into a tune part (about 2/3, the pages
rules may be looked at on) and a check part (the rest); every score is given for both.

    python bench/extract.py                 # everything installed
    python bench/extract.py --quality-only  # no timing: scores only
    python bench/extract.py --no-trafilatura --sets article-extraction
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract import extract
from mediespor.progress import Reporter
from mediespor.reference_time import reference_time

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Pages of these sets were captured long ago; "now" for the future-date guard is the bench run.
FETCHED_AT = datetime.now(UTC)


def shingles(text: str) -> Counter:
    """4-gram token shingles as the article-extraction benchmark counts them."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 4 + 1)))


def doc_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one document."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total:
        return tp / total, fp / total, fn / total
    return 0.0, 0.0, 0.0


def prf(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Corpus precision, recall, F1 and exact-token accuracy over (true, pred) pairs."""
    precisions, recalls, exact = [], [], []
    for true, pred in pairs:
        tp, fp, fn = doc_counts(true, pred)
        if tp + fp > 0:
            precisions.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == 0 and fn == 0 else tp / (tp + fn))
        exact.append(_TOKEN.findall(true or "") == _TOKEN.findall(pred or ""))
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": statistics.fmean(exact)}


def part_of(page_id: str) -> str:
    """``tune`` for about two pages in three, ``check`` for the rest (a hash of the id)."""
    return "check" if int(hashlib.sha256(page_id.encode()).hexdigest()[:8], 16) % 3 == 2 else "tune"


def by_part(ids: list[str], score: Callable[[list[int]], dict]) -> dict:
    """``score`` over all pages, and over the tune and check parts (given page positions)."""
    result = score(list(range(len(ids))))
    for part in ("tune", "check"):
        result[part] = score([n for n, i in enumerate(ids) if part_of(i) == part])
    return result


def snippet_scores(outputs: list[str | None], cases: list[dict]) -> dict:
    """trafilatura's evaluation rule, counted over all pages.

    A "with" snippet found in the whitespace-normalised output is a true positive, missing a
    false negative; a "without" snippet found is a false positive, absent a true negative.
    A page with no output finds nothing.
    """
    tp = fp = fn = tn = 0
    for out, case in zip(outputs, cases, strict=True):
        text = _SPACE.sub(" ", out).strip() if out else None
        for w in case["with"]:
            found = text is not None and _SPACE.sub(" ", w).strip() in text
            tp += found
            fn += not found
        for w in case["without"]:
            found = text is not None and _SPACE.sub(" ", w).strip() in text
            fp += found
            tn += not found
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        "counts": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def run_all(fn: Callable, items: list) -> list:
    """``fn`` on every item; a failure counts as "nothing extracted"."""
    out = []
    for item in items:
        try:
            out.append(fn(item))
        except Exception:  # a competitor failing on a page scores as "nothing extracted"
            out.append(None)
    return out


def empties(texts: list[str | None]) -> int:
    """Pages with no text at all."""
    return sum(1 for t in texts if not (t or "").strip())


def trafilatura_runners(trafilatura, **settings) -> dict[str, Callable]:
    """trafilatura in its benchmark settings and with ``favor_precision`` (comments off both)."""
    return {
        "trafilatura_benchmark": lambda it: trafilatura.extract(
            it[0], include_comments=False, **settings
        ),
        "trafilatura_precision": lambda it: trafilatura.extract(
            it[0], include_comments=False, favor_precision=True, **settings
        ),
    }


def timed(fn: Callable, items: list, reporter: Reporter, name: str) -> tuple[list, float]:
    """Apply ``fn`` to every item; return results and the CPU seconds it took.

    CPU time of this process, not wall time: the machine is shared, and other processes'
    load would otherwise decide the speed ratios. Errors count as "nothing extracted".
    """
    out = []
    spent = 0.0
    with reporter.stage(name, total=len(items)) as stage:
        for item in items:
            start = time.process_time()
            try:
                result = fn(item)
            except Exception:  # a competitor failing on a page scores as "nothing extracted"
                result = None
            spent += time.process_time() - start
            out.append(result)
            stage.advance()
    return out, spent


def bare_parse(item: tuple[bytes, str]) -> None:
    """Parse one page and drop the tree, as ``extract`` does with its own.

    The tree is freed inside the timed call: keeping 121 trees alive would make every parse
    take fresh memory from the system and flatter the ratio to the bare parse.
    """
    LexborHTMLParser(item[0])


def load_pages(folder: Path, files: list[str]) -> list[bytes]:
    """Gunzipped page bytes, in the order given."""
    return [gzip.decompress((folder / f).read_bytes()) for f in files]


def optional(module: str):
    """Import a competitor if installed."""
    try:
        return __import__(module)
    except ImportError:
        return None


# One pass over the pages in a fresh process: every page is seen once, with the class-name
# caches filling as the pages come (as a crawl meets one new site after another). Prints each
# page's CPU seconds for the bare parse and for mediespor.
_FIRST_SIGHT = """
import gzip, json, sys, time
from datetime import datetime
from selectolax.lexbor import LexborHTMLParser
from mediespor.extract import extract
files, urls, fetched_at, swap = json.loads(sys.stdin.read())
fetched_at = datetime.fromisoformat(fetched_at)
clock = time.process_time
times = {"bare_parse": [], "mediespor": []}
for path, url in zip(files, urls):
    page = gzip.decompress(open(path, "rb").read())
    order = ["mediespor", "bare_parse"] if swap else ["bare_parse", "mediespor"]
    for name in order:
        start = clock()
        if name == "bare_parse":
            LexborHTMLParser(page)
        else:
            extract(page, url, fetched_at)
        times[name].append(clock() - start)
print(json.dumps(times))
"""


def first_sight_ratio(folder: Path, ids: list[str], urls: list[str], processes: int) -> float:
    """mediespor's time over the bare parse's on pages it meets for the first time.

    The warm rounds of the timing see every class name of the pages again and again; a crawl
    meets new sites. Each page's time is its fastest of ``processes`` fresh processes (the
    order of the two alternating between them), summed over pages as the warm figure is.
    """
    files = [str(folder / "html" / f"{i}.html.gz") for i in ids]
    best: dict[str, list[float]] = {}
    for n in range(processes):
        payload = json.dumps([files, urls, FETCHED_AT.isoformat(), n % 2])
        done = subprocess.run(
            [sys.executable, "-c", _FIRST_SIGHT],
            input=payload,
            capture_output=True,
            text=True,
            check=True,
        )
        for name, times in json.loads(done.stdout).items():
            kept = best.setdefault(name, times)
            best[name] = [min(a, b) for a, b in zip(kept, times, strict=True)]
    return sum(best["mediespor"]) / sum(best["bare_parse"])


def bench_article_extraction(folder: Path, args, reporter: Reporter) -> dict:
    """Body F1 and speed on the article-extraction benchmark."""
    truth = json.loads((folder / "ground-truth.json").read_text())
    ids = sorted(truth)[: args.limit or None]
    pages = load_pages(folder, [f"html/{i}.html.gz" for i in ids])
    items = [(p, truth[i]["url"]) for p, i in zip(pages, ids, strict=True)]
    result: dict = {"pages": len(ids)}

    # The scorer must reproduce the published numbers before it scores anything.
    ref = folder / "reference-outputs" / "trafilatura.json"
    if ref.exists() and not args.limit:
        out = json.loads(ref.read_text())["output"]
        pairs = [(truth[i]["articleBody"], out.get(i, {}).get("articleBody", "")) for i in ids]
        result["scorer_check_trafilatura_2_0_0_f1"] = round(prf(pairs)["f1"], 3)

    trafilatura = None if args.no_trafilatura else optional("trafilatura")
    quality: dict[str, Callable] = {"mediespor": lambda it: extract(it[0], it[1], FETCHED_AT).text}
    if trafilatura is not None:
        quality.update(trafilatura_runners(trafilatura))
    for name, fn in quality.items():
        texts = [t or "" for t in run_all(fn, items)]
        result[name] = by_part(
            ids,
            lambda sel, texts=texts: prf([(truth[ids[n]]["articleBody"], texts[n]) for n in sel]),
        )
        result[name]["empty"] = empties(texts)
    if trafilatura is not None:
        result["trafilatura_version"] = trafilatura.__version__
        best = max(
            ("trafilatura_benchmark", "trafilatura_precision"), key=lambda k: result[k]["f1"]
        )
        result["trafilatura_best"] = best
    if args.quality_only:
        return result

    tools: dict[str, Callable] = {
        "mediespor": lambda it: extract(it[0], it[1], FETCHED_AT),
        "bare_parse": bare_parse,
    }
    if trafilatura is not None:
        # Timed in its benchmark settings (comments off).
        tools["trafilatura"] = quality["trafilatura_benchmark"]
    # The machine is shared: its speed drifts by half within seconds, so whole passes timed
    # one after another pair a fast pass of one tool with a slow pass of another. Each page is
    # timed with the bare parse and mediespor in turn instead (order alternating between
    # rounds, so that neither always meets a page the other has just warmed), and a tool's
    # time on a page is its fastest of all rounds: drift only ever adds time. trafilatura runs
    # in rounds of its own, with as many rounds behind its figure as behind mediespor's: timed
    # between the two, its large working set left both of them 40% slower.
    n = len(items)
    clock = time.process_time
    outputs: dict[str, list] = {}

    def time_rounds(names: list[str], rounds: int, stage, snapshot: int = 0):
        """Per-page fastest times of ``names`` over ``rounds``; also after ``snapshot`` rounds."""
        best = {name: [float("inf")] * n for name in names}
        early: dict[str, float] = {}
        ratios: list[float] = []
        for round_no in range(rounds):
            order = names[::-1] if round_no % 2 else names
            spent = dict.fromkeys(names, 0.0)
            for i, item in enumerate(items):
                for name in order:
                    start = clock()
                    try:
                        out = tools[name](item)
                    except Exception:  # a competitor failing on a page: "nothing extracted"
                        out = None
                    took = clock() - start
                    spent[name] += took
                    best[name][i] = min(best[name][i], took)
                    outputs.setdefault(name, [None] * n)[i] = out
                stage.advance()
            if len(names) == 2:
                ratios.append(spent[names[1]] / spent[names[0]])
            if round_no + 1 == snapshot:
                early = {name: sum(times) for name, times in best.items()}
        return {name: sum(times) for name, times in best.items()}, early, ratios

    rounds = max(1, args.rounds, args.repeat)
    repeat = min(max(1, args.repeat), rounds)
    total = rounds * n + (repeat * n if trafilatura is not None else 0)
    with reporter.stage("timing", total=total) as stage:
        seconds, early, round_ratios = time_rounds(
            ["bare_parse", "mediespor"], rounds, stage, snapshot=repeat
        )
        if trafilatura is not None:
            traf_seconds, _, _ = time_rounds(["trafilatura"], repeat, stage)
            seconds["trafilatura"] = traf_seconds["trafilatura"]
    result["ratio_to_bare_parse"] = seconds["mediespor"] / seconds["bare_parse"]
    result["ratio_to_bare_parse_median_round"] = statistics.median(round_ratios)
    result["rounds"] = {"ratio_to_bare_parse": [round(r, 3) for r in round_ratios]}
    result["ratio_to_bare_parse_first_sight"] = first_sight_ratio(
        folder, ids, [url for _, url in items], processes=3
    )
    if trafilatura is not None:
        # Both figures from `repeat` rounds: more rounds only ever lower a fastest time.
        result["speedup_vs_trafilatura"] = seconds["trafilatura"] / early["mediespor"]
    for name in seconds:
        result.setdefault("timing", {})[name] = {
            "seconds": seconds[name],
            "pages_per_s": len(ids) / seconds[name],
        }
    return result


def bench_trafilatura_eval(folder: Path, args, reporter: Reporter) -> dict:
    """Snippet precision, recall, accuracy and F on trafilatura's own evaluation pages.

    trafilatura gets the raw bytes only, in the settings of its evaluation; mediespor gets the
    bytes and the page's URL where the origin records one.
    """
    truth = json.loads((folder / "ground-truth.json").read_text())
    ids = sorted(truth)[: args.limit or None]
    pages = load_pages(folder, [truth[i]["file"] for i in ids])
    urls = [truth[i]["url"] if truth[i]["url"].startswith("http") else "" for i in ids]
    items = list(zip(pages, urls, strict=True))
    cases = [truth[i] for i in ids]
    tools: dict[str, Callable] = {"mediespor": lambda it: extract(it[0], it[1], FETCHED_AT).text}
    trafilatura = None if args.no_trafilatura else optional("trafilatura")
    if trafilatura is not None:
        tools.update(
            trafilatura_runners(
                trafilatura, fast=False, include_tables=True, include_formatting=False
            )
        )
    result: dict = {"pages": len(ids)}
    for name, fn in tools.items():
        texts, _ = timed(lambda it, fn=fn: fn(it), items, reporter, name)
        result[name] = by_part(
            ids,
            lambda sel, texts=texts: snippet_scores(
                [texts[n] for n in sel], [cases[n] for n in sel]
            ),
        )
        result[name]["empty"] = empties(texts)
        if name == "mediespor" and args.show_errors:
            show_snippet_errors(ids, texts, cases)
    if trafilatura is not None:
        result["trafilatura_version"] = trafilatura.__version__
        best = max(("trafilatura_benchmark", "trafilatura_precision"), key=lambda k: result[k]["f"])
        result["trafilatura_best"] = best
    return result


def show_snippet_errors(ids: list[str], texts: list[str | None], cases: list[dict]) -> None:
    """Print mediespor's snippet errors on the tune part of trafilatura-eval to stderr.

    "kept" is a "without" snippet found in the output (a false positive), "missed" a "with"
    snippet not found; each with where it sits in the output or the page's length. Only tune
    pages: the check part is never looked at page by page.
    """
    for page_id, out, case in zip(ids, texts, cases, strict=True):
        if part_of(page_id) != "tune":
            continue
        text = _SPACE.sub(" ", out).strip() if out else ""
        for kind, snippets, bad in (
            ("kept", case["without"], True),
            ("missed", case["with"], False),
        ):
            for snippet in snippets:
                wanted = _SPACE.sub(" ", snippet).strip()
                at = text.find(wanted)
                if (at >= 0) == bad:
                    where = f"at {at}/{len(text)}" if bad else f"of {len(text)}"
                    print(f"twe {kind} (tune) {page_id} {where}: {wanted[:80]!r}", file=sys.stderr)


def date_scores(results: list[str | None], refs: list[str | None], nan: list[bool]) -> dict:
    """htmldate's evaluation rule: tp/fp/tn/fn, accuracy = (tp+tn)/all."""
    tp = fp = tn = fn = 0
    for got, ref, is_nan in zip(results, refs, nan, strict=True):
        if is_nan:  # origin's NaN references can never be right
            fn += got is None
            fp += got is not None
        elif got is None and ref is None:
            tn += 1
            fn += 1
        elif got is None:
            fn += 1
        elif got == ref:
            tp += 1
        else:
            fp += 1
    total = tp + fp + tn + fn
    return {
        "accuracy": (tp + tn) / total if total else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
    }


def capture_time_of(url: str) -> datetime | None:
    """The capture time a Wayback replay URL names; other pages have no known reference time.

    The benchmark's pages were saved long ago at unknown times, so "now" would be as wrong a
    reference as the crawl year is for an archived page (the flaw of issue 15).
    """
    if urlsplit(url).hostname != "web.archive.org":
        return None
    return reference_time("wayback", {"archive_url": url}, None).value


def date_part(url: str) -> str:
    """``tune`` (about 2/3) or ``check`` (1/3): a fixed split by the hash of the page URL.

    Failures are only ever studied on the tune part; the check part shows whether a rule
    generalises.
    """
    return "check" if int(hashlib.sha256(url.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def bench_publication_dates(folder: Path, args, reporter: Reporter) -> dict:
    """Same-day publication-date accuracy; every tool gets the page and its URL."""
    truth = json.loads((folder / "ground-truth.json").read_text())
    urls = sorted(truth)[: args.limit or None]
    pages = load_pages(folder, [truth[u]["file"] for u in urls])
    refs = [truth[u]["date"] for u in urls]
    nan = [truth[u].get("origin_date_raw") == "NaN" for u in urls]
    items = list(zip(pages, urls, strict=True))
    articles, t_ours = timed(
        lambda it: extract(it[0], it[1], capture_time_of(it[1])), items, reporter, "mediespor"
    )
    # The day as the page states it (in the page's own offset), as htmldate reports it; the
    # project itself files items by their Copenhagen date.
    ours = [a.published.date().isoformat() if a and a.published else None for a in articles]
    parts = [date_part(u) for u in urls]

    def scores(found: list[str | None]) -> dict:
        out = date_scores(found, refs, nan)
        for part in ("tune", "check"):
            keep = [i for i, p in enumerate(parts) if p == part]
            sub = date_scores([found[i] for i in keep], [refs[i] for i in keep],
                              [nan[i] for i in keep])  # fmt: skip
            out[f"accuracy_{part}"] = sub["accuracy"]
        return out

    result = {
        "pages": len(urls),
        "pages_tune": parts.count("tune"),
        "pages_check": parts.count("check"),
        "mediespor": {**scores(ours), "seconds": t_ours},
    }
    htmldate = optional("htmldate")
    theirs: list[str | None] = [None] * len(urls)
    if htmldate is not None:
        for mode, extensive in (("htmldate_extensive", True), ("htmldate_fast", False)):
            found, spent = timed(
                lambda it, e=extensive: htmldate.find_date(
                    it[0], url=it[1], extensive_search=e, original_date=True
                ),
                items,
                reporter,
                mode,
            )
            result[mode] = {**scores(found), "seconds": spent}
            theirs = found if extensive else theirs
    if args.failures:
        # Where htmldate is right and we are not is the class to study first.
        for url, got, ref, part, hd, a in zip(
            urls, ours, refs, parts, theirs, articles, strict=True
        ):
            if part == "tune" and got != ref:
                source = a.date_source if a else None
                print(
                    f"date miss (tune): got {got} ({source}) want {ref} htmldate {hd} {url}",
                    file=sys.stderr,
                )
    return result


def bench_fundus(folder: Path, args, reporter: Reporter) -> dict:
    """Title, day and body on one real article per publisher (fundus' curated expectations)."""
    truth = json.loads((folder / "ground-truth.json").read_text())
    ids = sorted(truth)[: args.limit or None]
    pages = load_pages(folder, [truth[i]["file"] for i in ids])
    items = [(p, truth[i]["url"]) for p, i in zip(pages, ids, strict=True)]
    articles, t_ours = timed(
        lambda it: extract(it[0], it[1], capture_time_of(it[1])), items, reporter, "mediespor"
    )
    norm = " ".join
    title_ok = day_ok = dated = authors_ok = 0
    for i, a in zip(ids, articles, strict=True):
        t = truth[i]
        want = {" ".join(x.split()).casefold() for x in t.get("authors") or []}
        got = {" ".join(x.split()).casefold() for x in (a.authors if a else ())}
        authors_ok += want == got
        if a and a.title and norm(a.title.split()) == norm((t["title"] or "").split()):
            title_ok += 1
        if t.get("publishing_date"):
            dated += 1
            ref_day = t["publishing_date"][:10]
            if a and a.published and a.published.date().isoformat() == ref_day:
                day_ok += 1
    body = prf(
        [(truth[i]["body_text"], a.text if a else "") for i, a in zip(ids, articles, strict=True)]
    )
    result = {
        "pages": len(ids),
        "mediespor": {
            "title_exact": title_ok / len(ids),
            "date_same_day": day_ok / dated if dated else 0.0,
            "authors_set_equal": authors_ok / len(ids),
            "body_f1": body["f1"],
            "seconds": t_ours,
        },
    }
    trafilatura = None if args.no_trafilatura else optional("trafilatura")
    if trafilatura is not None:
        texts, spent = timed(lambda it: trafilatura.extract(it[0]), items, reporter, "trafilatura")
        tb = prf([(truth[i]["body_text"], x or "") for i, x in zip(ids, texts, strict=True)])
        result["trafilatura"] = {"body_f1": tb["f1"], "seconds": spent}
    htmldate = optional("htmldate")
    if htmldate is not None:
        found, spent = timed(
            lambda it: htmldate.find_date(
                it[0], url=it[1], extensive_search=True, original_date=True
            ),
            items,
            reporter,
            "htmldate",
        )
        refs = [(truth[i].get("publishing_date") or "")[:10] for i in ids]
        ok = sum(1 for f, r in zip(found, refs, strict=True) if r and f == r)
        result["htmldate_extensive"] = {"date_same_day": ok / max(1, sum(1 for r in refs if r))}
    return result


def main() -> int:
    """Run the chosen sets and print the table and the closing JSON line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--sets",
        nargs="+",
        default=[
            "article-extraction",
            "trafilatura-eval",
            "publication-dates",
            "fundus-publishers",
        ],
    )
    parser.add_argument(
        "--quality-only", action="store_true", help="scores only; skip the speed timing"
    )
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages per set")
    parser.add_argument(
        "--failures",
        action="store_true",
        help="list date misses of the tune part on stderr, with our source and htmldate's answer",
    )
    parser.add_argument(
        "--show-errors",
        choices=["tune"],
        help="list mediespor's snippet errors on trafilatura-eval's tune part on stderr",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds on article-extraction that include trafilatura",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=15,
        help="rounds of bare parse and mediespor on article-extraction (per-page fastest counts)",
    )
    args = parser.parse_args()
    reporter = Reporter("auto", stream=sys.stderr)
    summary: dict = {}
    results: dict = {}
    if not args.data.is_dir():
        print(
            f"{args.data} is absent (the shared benchmark data, ../shared/data): nothing to score"
        )
    for name in args.sets:
        folder = args.data / name
        if not (folder / "ground-truth.json").exists():
            print(f"{name}: {folder} is absent; skipped")
            continue
        fn = {
            "article-extraction": bench_article_extraction,
            "trafilatura-eval": bench_trafilatura_eval,
            "publication-dates": bench_publication_dates,
            "fundus-publishers": bench_fundus,
        }[name]
        results[name] = fn(folder, args, reporter)
        print(f"== {name}")
        print(json.dumps(results[name], indent=1, default=lambda x: round(x, 4)))
    ae = results.get("article-extraction", {})
    twe = results.get("trafilatura-eval", {})
    pdates = results.get("publication-dates", {})
    fundus = results.get("fundus-publishers", {})
    ours = ae.get("mediespor", {})
    traf = ae.get(ae.get("trafilatura_best", ""), {})
    twe_ours = twe.get("mediespor", {})
    twe_traf = twe.get(twe.get("trafilatura_best", ""), {})
    timing = ae.get("timing", {})
    summary = {
        "f1": ours.get("f1"),
        "f1_tune": ours.get("tune", {}).get("f1"),
        "f1_check": ours.get("check", {}).get("f1"),
        "precision": ours.get("precision"),
        "recall": ours.get("recall"),
        "empty": ours.get("empty"),
        "f1_trafilatura_best": traf.get("f1"),
        "f1_trafilatura_best_tune": traf.get("tune", {}).get("f1"),
        "f1_trafilatura_best_check": traf.get("check", {}).get("f1"),
        "f1_trafilatura_benchmark": ae.get("trafilatura_benchmark", {}).get("f1"),
        "f1_trafilatura_precision": ae.get("trafilatura_precision", {}).get("f1"),
        "twe_f": twe_ours.get("f"),
        "twe_f_tune": twe_ours.get("tune", {}).get("f"),
        "twe_f_check": twe_ours.get("check", {}).get("f"),
        "twe_precision": twe_ours.get("precision"),
        "twe_recall": twe_ours.get("recall"),
        "twe_empty": twe_ours.get("empty"),
        "twe_f_trafilatura": twe_traf.get("f"),
        "twe_f_trafilatura_tune": twe_traf.get("tune", {}).get("f"),
        "twe_f_trafilatura_check": twe_traf.get("check", {}).get("f"),
        "twe_f_trafilatura_benchmark": twe.get("trafilatura_benchmark", {}).get("f"),
        "twe_f_trafilatura_precision": twe.get("trafilatura_precision", {}).get("f"),
        "twe_empty_trafilatura": twe_traf.get("empty"),
        "date_acc": pdates.get("mediespor", {}).get("accuracy"),
        "date_acc_htmldate": pdates.get("htmldate_extensive", {}).get("accuracy"),
        "date_acc_htmldate_fast": pdates.get("htmldate_fast", {}).get("accuracy"),
        "date_acc_tune": pdates.get("mediespor", {}).get("accuracy_tune"),
        "date_acc_check": pdates.get("mediespor", {}).get("accuracy_check"),
        "date_acc_htmldate_tune": pdates.get("htmldate_extensive", {}).get("accuracy_tune"),
        "date_acc_htmldate_check": pdates.get("htmldate_extensive", {}).get("accuracy_check"),
        "pages_per_s": timing.get("mediespor", {}).get("pages_per_s"),
        "pages_per_s_trafilatura": timing.get("trafilatura", {}).get("pages_per_s"),
        "speedup_vs_trafilatura": ae.get("speedup_vs_trafilatura"),
        "ratio_to_bare_parse": ae.get("ratio_to_bare_parse"),
        "ratio_to_bare_parse_median_round": ae.get("ratio_to_bare_parse_median_round"),
        "ratio_to_bare_parse_first_sight": ae.get("ratio_to_bare_parse_first_sight"),
        "fundus_body_f1": fundus.get("mediespor", {}).get("body_f1"),
        "fundus_body_f1_trafilatura": fundus.get("trafilatura", {}).get("body_f1"),
        "fundus_title_exact": fundus.get("mediespor", {}).get("title_exact"),
        "fundus_authors_set_equal": fundus.get("mediespor", {}).get("authors_set_equal"),
        "fundus_date_same_day": fundus.get("mediespor", {}).get("date_same_day"),
        "fundus_date_same_day_htmldate": fundus.get("htmldate_extensive", {}).get("date_same_day"),
    }
    summary = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in summary.items()}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
