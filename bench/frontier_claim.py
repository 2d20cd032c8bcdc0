"""Frontier claim cost: one claim at 1k, 10k and 100k pending URLs, and a whole 100k drain.

Used by ``bench/store.py`` (its last JSON line carries these figures); run alone with
``python bench/frontier_claim.py`` for just them.

A frontier is filled through ``Frontier.add`` as discovery fills it: source by source, 200
hosts, URLs of ~70 characters, hints with title, outlet and date, every tenth URL fetched from an
archive capture (another host), every twentieth at a higher priority.

claim_ms_at_1k/10k/100k_pending  milliseconds of one ``claim(1000)`` (best of ``rounds``)
first_claim_ms_at_...  the first claim of a frontier, which loads the claim order
sql_claim_ms_at_...    the one statement that defines the order (``CLAIM_ORDER_SQL``, what a
                       claim ran before), timed in turn with the claims: the before figure
drain_100k_claim_s   seconds spent in ``claim`` while draining 100k pending URLs as a fetch
                     pass does: claim 1000 (excluding what the pass has seen), then claim again
                     when 500 are still in flight, marking the rest done in between
drain_100k_claims    how many claims that drain made
drain_100k_sql_claim_s  the same drain claimed with the one statement (the before figure)
claim_speedup_at_..., drain_100k_speedup  one statement over claim, from the same run
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mediespor.crawl.frontier import CLAIM_ORDER_SQL, Frontier, FrontierEntry
from mediespor.models import Candidate
from mediespor.store.db import open_store, utcnow

HOSTS = 200
SOURCES = 20
CLAIM = 1000
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def candidates(n: int) -> list[Candidate]:
    """``n`` candidates over ``HOSTS`` hosts, grouped by source (the order discovery queues)."""
    out = []
    for i in range(n):
        host = f"www.avis{i % HOSTS}.dk"
        url = f"https://{host}/nyheder/2017/borgere-kritiserer-jobcenter-{i}"
        fetch_url = f"https://web.archive.org/web/2017id_/{url}" if i % 10 == 0 else None
        out.append(Candidate(url=url, source=f"kilde{i % SOURCES}", via="sitemap",
                             outlet=f"Avis {i % HOSTS}", title=f"Borgere kritiserer sag {i}",
                             published_at=T0 - timedelta(days=i % 900), fetch_url=fetch_url))  # fmt: skip
    out.sort(key=lambda c: c.source)
    return out


def fill(frontier: Frontier, n: int) -> None:
    """Queue ``n`` URLs, source by source, in batches as discovery writes them."""
    batch = candidates(n)
    for start in range(0, n, 5000):
        chunk = batch[start : start + 5000]
        high = [c for k, c in enumerate(chunk) if k % 20 == 0]
        frontier.add([c for k, c in enumerate(chunk) if k % 20 != 0])
        frontier.add(high, priority=5)


def claim_ms(tmp: Path, n: int, rounds: int) -> dict[str, float]:
    """Milliseconds of claims of ``CLAIM`` URLs from ``n`` pending: the first (which loads the
    claim order), the best of ``rounds`` after it, and the best of ``rounds`` of the one
    statement that defines the order (``CLAIM_ORDER_SQL``), in turn with them."""
    with open_store(tmp / f"claim{n}.duckdb") as store:
        frontier = Frontier(store)
        fill(frontier, n)
        t = time.perf_counter()
        frontier.claim(CLAIM)
        first = time.perf_counter() - t
        times, sql_times = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            got = frontier.claim(CLAIM)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            same = sql_claim(store, CLAIM, set())
            sql_times.append(time.perf_counter() - t)
            assert [e.url for e in got] == [e.url for e in same]
    out = {"first": first * 1000, "claim": min(times) * 1000, "sql": min(sql_times) * 1000}
    print(f"claim of {CLAIM} at {n} pending: first {out['first']:.1f} ms, then {out['claim']:.1f}"
          f" ms; one statement {out['sql']:.1f} ms (best of {rounds})", flush=True)  # fmt: skip
    return out


def sql_claim(store, limit: int, exclude: set[str]) -> list[FrontierEntry]:
    """A claim as one statement over every pending row, entries built as ``claim`` builds them."""
    params = [utcnow(), None, None, json.dumps(list(exclude)), limit]
    rows = store.con.execute(CLAIM_ORDER_SQL, params).fetchall()
    return [FrontierEntry(*r[:6], json.loads(r[6] or "{}")) for r in rows]


def drain_seconds(tmp: Path, n: int, one_statement: bool = False) -> tuple[float, int]:
    """Seconds spent claiming while draining ``n`` pending URLs as a fetch pass does (with the
    one statement instead of ``claim`` when ``one_statement``)."""
    with open_store(tmp / f"drain{n}{one_statement}.duckdb") as store:
        frontier = Frontier(store)
        fill(frontier, n)

        def claim(limit: int, exclude: set[str]) -> list[FrontierEntry]:
            if one_statement:
                return sql_claim(store, limit, exclude)
            return frontier.claim(limit, exclude=exclude)

        seen: set[str] = set()
        flight: list[str] = []
        spent, claims = 0.0, 0
        while True:
            t = time.perf_counter()
            got = claim(CLAIM, seen)
            spent += time.perf_counter() - t
            claims += 1
            if not got:
                break
            seen.update(e.url for e in got)
            flight += [e.url for e in got]
            finished, flight = flight[: -CLAIM // 2], flight[-CLAIM // 2 :]
            with store.transaction():
                frontier.mark_many_done(finished)
        assert len(seen) == n
    how = "one statement" if one_statement else "claim"
    print(f"drain of {n} ({how}): {claims} claims, {spent:.2f} s claiming", flush=True)
    return spent, claims


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def measure(sizes: list[int], rounds: int, drain: int) -> dict[str, float]:
    """The claim figures, keyed as the last JSON line names them."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            ms = claim_ms(Path(tmp), n, rounds)
            out[f"claim_ms_at_{_label(n)}_pending"] = round(ms["claim"], 2)
            out[f"first_claim_ms_at_{_label(n)}_pending"] = round(ms["first"], 2)
            out[f"sql_claim_ms_at_{_label(n)}_pending"] = round(ms["sql"], 2)
            out[f"claim_speedup_at_{_label(n)}_pending"] = round(ms["sql"] / ms["claim"], 2)
        if drain:
            spent, claims = drain_seconds(Path(tmp), drain)
            out[f"drain_{_label(drain)}_claim_s"] = round(spent, 2)
            out[f"drain_{_label(drain)}_claims"] = claims
            spent, _ = drain_seconds(Path(tmp), drain, one_statement=True)
            out[f"drain_{_label(drain)}_sql_claim_s"] = round(spent, 2)
            out[f"drain_{_label(drain)}_speedup"] = round(
                spent / out[f"drain_{_label(drain)}_claim_s"], 2
            )
    return out


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """The claim benchmark's options (shared with ``bench/store.py``)."""
    ap.add_argument("--claim-sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--claim-rounds", type=int, default=5)
    ap.add_argument("--drain", type=int, default=100_000, help="pending URLs to drain (0: none)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(ap)
    args = ap.parse_args()
    print(json.dumps(measure(args.claim_sizes, args.claim_rounds, args.drain)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
