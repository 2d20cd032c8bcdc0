"""Store benchmark: items/s written into a store that already holds many items, and an import.

A store is filled straight with SQL (one statement per table, so the fill is not what is timed)
with N realistic items: Danish-looking titles, ~200-character leads, ~2,500-character texts, URLs
of ~70 characters on eight sites, one version each (every tenth item two) and one sighting.
Then ``--batch-items`` pages are stored the way the crawl stores them (``store_pages``: batches of
64 per transaction, as the frontier commits): 80 % new URLs, 10 % known URLs seen again with
the same content, 10 % known URLs whose text changed (a new version).

items_per_s_at_10k    pages stored per second into a store of 10,000 items
items_per_s_at_100k   the same into a store of 100,000 items

Both stores are open at once and stored into in alternating rounds (``--rounds``, each a fresh
workload of ``--batch-items`` pages), so load from other processes falls on both sizes alike;
each figure is the best round (the median rounds are reported too). A round adds ~1,600 items,
so the small store grows more, relatively, than the large one.

checkpoint_s_at_10k/100k  seconds for the CHECKPOINT after the rounds: DuckDB rewrites changed
                      indexes and updated columns in full, so this grows with the store; it
                      runs once per ``CHECKPOINT_THRESHOLD`` of WAL (store/db.py)
amortized_items_per_s_at_10k/100k  the best rate with that checkpoint's share per page added
import_100k_s         seconds for ``mediespor import`` of a 100,000-row CSV (url, title,
                      published, outlet, lead) into an empty database, as a subprocess

Then the frontier's claims (``bench/frontier_claim.py``): ``claim_ms_at_1k/10k/100k_pending``,
the first claim and the one-statement claim beside each, and ``drain_100k_claim_s`` (seconds
claiming while draining 100,000 pending URLs) beside ``drain_100k_sql_claim_s``.

Targets: at_100k >= 1000, at_100k >= 0.7 x at_10k, import_100k_s <= 120.
Uses no files from ../shared. The last output line is one JSON object with every figure.
Usage: python bench/store.py [--sizes 10000 100000] [--batch-items 2000] [--rounds 3]
       [--import-rows 100000] [--claim-sizes 1000 10000 100000] [--claim-rounds 5]
       [--drain 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import frontier_claim
from mediespor.models import ItemRecord
from mediespor.store.db import open_store
from mediespor.store.items import StoreRequest, store_items

REPO = Path(__file__).resolve().parents[1]
SITES = ["dr.dk", "tv2lorry.dk", "politiken.dk", "berlingske.dk", "jp.dk", "information.dk",
         "ekstrabladet.dk", "reformramte.dk"]  # fmt: skip
COMMIT_EVERY = 64
T0 = datetime(2026, 11, 1, tzinfo=UTC)
# Fixed filler (own words, no news text); the item number makes every text distinct.
LEAD = ("Kommunen får kritik for sagsbehandlingen af borgere med varig sygdom, og borgmesteren "
        "lover flere penge til jobcentret efter et ekstraordinært udvalgsmøde på rådhuset. ")  # fmt: skip
PARA = ("Borgere i ressourceforløb fortæller om lange sagsforløb, og rådgivere peger på at "
        "reglerne for førtidspension og fleksjob bliver anvendt for strengt i kommunen. ")  # fmt: skip
TEXT_REPEAT = 15  # ~2,500 characters


def url_of(i: int) -> str:
    """The URL of item ``i`` (also built by the SQL fill)."""
    return f"https://www.{SITES[i % len(SITES)]}/nyheder/2017/borgere-kritiserer-jobcenter-{i}"


def title_of(i: int) -> str:
    return f"Borgere kritiserer jobcentret i sag nummer {i}"


def text_of(i: int, edit: int = 0) -> str:
    return (PARA * TEXT_REPEAT).strip() + f" Sag {i}." + (f" Rettet {edit}." if edit else "")


def fill(con, n: int) -> None:
    """Fill an empty store with ``n`` items, their versions and sightings, in SQL."""
    sites = "[" + ", ".join(f"'{s}'" for s in SITES) + "]"
    con.execute(f"""
        CREATE TEMP TABLE seed AS
        SELECT i,
               'https://www.' || {sites}[(i % {len(SITES)}) + 1]
                   || '/nyheder/2017/borgere-kritiserer-jobcenter-' || i AS url,
               'Borgere kritiserer jobcentret i sag nummer ' || i AS title,
               ? AS lead,
               ? || ' Sag ' || i || '.' AS text,
               TIMESTAMPTZ '2017-01-01 08:00:00+00' + to_minutes(i * 7) AS published_at
        FROM range(?) t(i)
    """, [LEAD.strip(), (PARA * TEXT_REPEAT).strip(), n])  # fmt: skip
    con.execute("""
        INSERT INTO items (item_id, item_key, url, original_url, source, outlet, kind, title,
            title_key, lead, text, published_at, published_precision, date_source, language,
            first_seen, last_seen, content_hash, is_relevant, topic_terms, last_fetch_id)
        SELECT substr(sha256(url), 1, 16), url, url, url, 'bench', 'Avis', 'article', title,
            lower(replace(title, ' ', '-')), lead, text, published_at, 'time', 'json-ld', 'da',
            ?, ?, sha256(title || chr(31) || lead || chr(31) || text), i % 3 = 0,
            CASE WHEN i % 3 = 0 THEN ['førtidspension'] END, i
        FROM seed
    """, [T0, T0])  # fmt: skip
    con.execute("""
        INSERT INTO item_versions (item_id, version, seen_at, fetch_id, title, lead, text,
            published_at, content_hash)
        SELECT substr(sha256(url), 1, 16), v, ?, i, title, lead, text, published_at,
            sha256(title || chr(31) || lead || chr(31) || text || v)
        FROM seed, range(1, 3) r(v) WHERE v = 1 OR i % 10 = 0
    """, [T0])  # fmt: skip
    con.execute("""
        INSERT INTO item_sightings (item_id, source, via, seen_url, first_seen, last_seen, run_id)
        SELECT substr(sha256(url), 1, 16), 'bench', 'sitemap', url, ?, ?, 1 FROM seed
    """, [T0, T0])  # fmt: skip
    con.execute("DROP TABLE seed")
    con.execute("CHECKPOINT")


def page(i: int, fetch_id: int, edit: int = 0) -> ItemRecord:
    """A crawled page of item ``i`` as extraction hands it to the store."""
    return ItemRecord(
        outlet="Avis", title=title_of(i), via="sitemap", url=url_of(i), original_url=url_of(i),
        source="bench", lead=LEAD.strip(), text=text_of(i, edit), language="da",
        published_at=datetime(2017, 6, 28, 12, tzinfo=UTC) + timedelta(minutes=i % 5000),
        published_precision="time", date_source="json-ld", fetch_id=fetch_id,
        seen_url=url_of(i), provenance={"date": "json-ld"},
    )  # fmt: skip


def workload(n_existing: int, count: int, seed: int, first: int = 0) -> list[ItemRecord]:
    """``count`` pages: 80 % new, 10 % known and unchanged, 10 % known with a changed text.

    New pages are numbered from ``first`` on (give each round its own range)."""
    rng = random.Random(seed)
    out = []
    for j in range(count):
        roll = rng.random()
        if roll < 0.8:
            out.append(page(n_existing + 1_000_000 + first + j, fetch_id=10_000_000 + first + j))
        else:
            known = rng.randrange(n_existing)
            edit = 1 if roll >= 0.9 else 0
            rec = page(known, fetch_id=10_000_000 + first + j, edit=edit)
            if not edit:  # the stored lead/text exactly (same content hash)
                rec = ItemRecord(**{**rec.__dict__, "text": text_of(known)})
            out.append(rec)
    return out


def store_pages(store, records: list[ItemRecord]) -> None:
    """Store ``records`` as the crawl does: a transaction per 64 pages, relevance given."""
    for start in range(0, len(records), COMMIT_EVERY):
        chunk = records[start : start + COMMIT_EVERY]
        with store.transaction() as con:
            store_items(con, [StoreRequest(rec, now=T0 + timedelta(days=1), relevant=True,
                                           topic_terms=["fleksjob"], revive=True)
                              for rec in chunk], run_id=2)  # fmt: skip


def fill_store(store, n: int) -> None:
    t = time.perf_counter()
    fill(store.con, n)
    print(f"filled {n} items in {time.perf_counter() - t:.1f} s", flush=True)


def checkpoint_cost(store, pages: int) -> tuple[float, float]:
    """Seconds of one CHECKPOINT now, and its share per page at the store's threshold."""
    assert store.path is not None
    wal = store.path.with_name(store.path.name + ".wal")
    wal_per_page = wal.stat().st_size / pages
    t = time.perf_counter()
    store.con.execute("CHECKPOINT")
    took = time.perf_counter() - t
    sql = "SELECT current_setting('checkpoint_threshold')"
    threshold = str(store.con.execute(sql).fetchone()[0])
    print(f"checkpoint after {pages} pages: {took:.2f} s (threshold {threshold})")
    return took, took * wal_per_page / _bytes(threshold)


def _bytes(size: str) -> float:
    """DuckDB's memory-size text ("256.0 MiB") in bytes."""
    number, unit = size.split()
    scale = {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "KB": 1e3, "MB": 1e6, "GB": 1e9}
    return float(number) * scale[unit]


def round_rate(store, n: int, count: int, r: int) -> float:
    """Pages per second for round ``r`` of ``count`` pages into the store of ``n`` items."""
    records = workload(n, count, seed=n + r, first=r * count)
    t = time.perf_counter()
    store_pages(store, records)
    took = time.perf_counter() - t
    total = store.con.execute("SELECT count(*) FROM items").fetchone()[0]
    print(f"at {n}: {count} pages in {took:.2f} s = {count / took:.0f} items/s ({total} after)")
    return count / took


def write_import_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["url", "title", "published", "outlet", "lead"])
        for i in range(rows):
            day = datetime(2017, 1, 1) + timedelta(days=i % 900)
            w.writerow([url_of(i), title_of(i), day.date().isoformat(),
                        ["DR", "TV2 Lorry", "Politiken", "Information"][i % 4], LEAD.strip()])  # fmt: skip


def import_seconds(tmp: Path, rows: int) -> float:
    csv_path = tmp / "import.csv"
    write_import_csv(csv_path, rows)
    db = tmp / "import.duckdb"
    cmd = [sys.executable, "-m", "mediespor", "--project-dir", str(REPO), "--db", str(db),
           "--log-format", "logfmt", "import", str(csv_path)]  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - t
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:])
    if done.returncode not in (0, 1):
        raise SystemExit(f"import failed with exit {done.returncode}")
    print(f"import of {rows} rows: {took:.1f} s")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    ap.add_argument("--batch-items", type=int, default=2000, help="pages stored per size")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per size")
    ap.add_argument("--import-rows", type=int, default=100_000)
    frontier_claim.add_arguments(ap)
    args = ap.parse_args()
    small, large = args.sizes
    rates: dict[int, list[float]] = {small: [], large: []}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        with (
            open_store(tmpdir / "small.duckdb") as s_store,
            open_store(tmpdir / "large.duckdb") as l_store,
        ):
            fill_store(s_store, small)
            fill_store(l_store, large)
            for r in range(args.rounds):
                for n, store in ((small, s_store), (large, l_store)):
                    rates[n].append(round_rate(store, n, args.batch_items, r))
            pages = args.rounds * args.batch_items
            ckpt = {n: checkpoint_cost(st, pages) for n, st in ((small, s_store), (large, l_store))}
        import_s = import_seconds(tmpdir, args.import_rows)
    claims = frontier_claim.measure(args.claim_sizes, args.claim_rounds, args.drain)
    at_small, at_large = max(rates[small]), max(rates[large])
    print(json.dumps({
        "items_per_s_at_10k": round(at_small, 1),
        "items_per_s_at_100k": round(at_large, 1),
        "import_100k_s": round(import_s, 2),
        "sizes": [small, large],
        "batch_items": args.batch_items,
        "import_rows": args.import_rows,
        "growth_ratio": round(at_large / at_small, 3),
        "rounds": args.rounds,
        "median_items_per_s": [round(statistics.median(rates[n]), 1) for n in (small, large)],
        "checkpoint_s_at_10k": round(ckpt[small][0], 2),
        "checkpoint_s_at_100k": round(ckpt[large][0], 2),
        "amortized_items_per_s_at_10k": round(1 / (1 / at_small + ckpt[small][1]), 1),
        "amortized_items_per_s_at_100k": round(1 / (1 / at_large + ckpt[large][1]), 1),
        **claims,
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
