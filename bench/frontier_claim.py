"""Frontier claim cost: one claim at 1k, 10k and 100k pending URLs, and a whole 100k drain.

Used by ``bench/store.py`` (its last JSON line carries these figures); run alone with
``python bench/frontier_claim.py`` for just them.

A frontier is filled through ``Frontier.add`` as discovery fills it: source by source, 200
hosts, URLs of ~70 characters, hints with title, outlet and date, every tenth URL fetched from an
archive capture (another host), every twentieth at a higher priority.

claim_ms_at_1k/10k/100k_pending  milliseconds of one ``claim(1000)`` (best of ``rounds``)
drain_100k_claim_s   seconds spent in ``claim`` while draining 100k pending URLs as a fetch
                     pass does: claim 1000 (excluding what the pass has seen), then claim again
                     when 500 are still in flight, marking the rest done in between
drain_100k_claims    how many claims that drain made
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mediespor.crawl.frontier import Frontier
from mediespor.models import Candidate
from mediespor.store.db import open_store

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


def claim_ms(tmp: Path, n: int, rounds: int) -> float:
    """Best milliseconds of one claim of ``CLAIM`` URLs from ``n`` pending."""
    with open_store(tmp / f"claim{n}.duckdb") as store:
        frontier = Frontier(store)
        fill(frontier, n)
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            got = frontier.claim(CLAIM)
            times.append(time.perf_counter() - t)
            assert len(got) == min(CLAIM, n)
    best = min(times) * 1000
    print(f"claim of {CLAIM} at {n} pending: {best:.1f} ms (best of {rounds})", flush=True)
    return best


def drain_seconds(tmp: Path, n: int) -> tuple[float, int]:
    """Seconds spent claiming while draining ``n`` pending URLs as a fetch pass does."""
    with open_store(tmp / f"drain{n}.duckdb") as store:
        frontier = Frontier(store)
        fill(frontier, n)
        seen: set[str] = set()
        flight: list[str] = []
        spent, claims = 0.0, 0
        while True:
            t = time.perf_counter()
            got = frontier.claim(CLAIM, exclude=seen)
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
    print(f"drain of {n}: {claims} claims, {spent:.2f} s claiming", flush=True)
    return spent, claims


def measure(sizes: list[int], rounds: int, drain: int) -> dict[str, float]:
    """The claim figures, keyed as the last JSON line names them."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            label = f"{n // 1000}k" if n % 1000 == 0 else str(n)
            out[f"claim_ms_at_{label}_pending"] = round(claim_ms(Path(tmp), n, rounds), 2)
        if drain:
            spent, claims = drain_seconds(Path(tmp), drain)
            label = f"{drain // 1000}k" if drain % 1000 == 0 else str(drain)
            out[f"drain_{label}_claim_s"] = round(spent, 2)
            out[f"drain_{label}_claims"] = claims
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
