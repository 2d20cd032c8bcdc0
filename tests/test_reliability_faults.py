"""Faults survived: one run over a site where everything goes wrong still finishes, records
each fault with its reason, and stores the good items of the same run."""

from __future__ import annotations

import json

import duckdb
import pytest

from conftest import REPO, run_slow
from faultsuite import ARTICLE_FAULTS, FAULT_CASES, A, start_site, write_project
from mediespor.cli.main import main


@pytest.fixture(scope="module")
def outcome(tmp_path_factory, request):
    """Run `mediespor run` once, in this process, against the fault site (its slow cases
    only when this session runs slow tests)."""
    server = start_site(slow=run_slow(request.config))
    try:
        root = write_project(tmp_path_factory.mktemp("faults") / "p", server, REPO)
        mp = pytest.MonkeyPatch()
        # The in-process run sees the test's loopback-only name resolution: the DNS-failure
        # case fails here, without a query leaving the machine.
        from conftest import LOOPBACK_NAMES  # noqa: F401 - documents where the guard lives

        code = main(["--project-dir", str(root), "--log-format", "json", "run", "--no-render"])
        mp.undo()
        con = duckdb.connect(str(root / "data" / "mediespor.duckdb"), read_only=True)
        yield {"code": code, "con": con, "base": server.base(A), "root": root}
        con.close()
    finally:
        server.stop()


def recorded_reason(con, url: str) -> str | None:
    """The reason mediespor recorded for ``url``, from fetches, rejects or the frontier."""
    row = con.execute(
        "SELECT coalesce(error_kind || ': ' || error, 'HTTP ' || status) FROM fetches"
        " WHERE url = ? AND (error_kind IS NOT NULL OR status >= 400) ORDER BY fetch_id DESC",
        [url],
    ).fetchone()
    if row:
        return row[0]
    row = con.execute("SELECT reason FROM rejects WHERE location = ?", [url]).fetchone()
    if row:
        return row[0]
    row = con.execute("SELECT last_error FROM frontier WHERE url = ?", [url]).fetchone()
    return row[0] if row and row[0] else None


def test_run_finishes_and_says_some_sources_failed(outcome):
    assert outcome["code"] == 1
    status = outcome["con"].execute("SELECT status FROM runs ORDER BY run_id DESC").fetchone()
    assert status == ("partial",)


@pytest.mark.parametrize("case,handler", [
    pytest.param(c, h, id=c.name, marks=[pytest.mark.slow] if c.slow else [])
    for c, h in ARTICLE_FAULTS
])  # fmt: skip
def test_article_fault(outcome, case, handler):
    con, url = outcome["con"], outcome["base"] + case.path
    item = con.execute("SELECT title FROM items WHERE url = ?", [url]).fetchone()
    if case.expect == "item":
        assert item == (case.title,), recorded_reason(con, url)
    else:
        assert item is None
        reason = recorded_reason(con, url)
        assert reason, f"no reason recorded for {case.name}"


def per_source(con) -> dict:
    counts = con.execute("SELECT counts FROM runs ORDER BY run_id DESC").fetchone()[0]
    return json.loads(counts)["per_source"]


def source_rejects(con, source: str) -> list[str]:
    return [r[0] for r in con.execute("SELECT reason FROM rejects WHERE source = ?",
                                      [source]).fetchall()]  # fmt: skip


def test_malformed_feed_keeps_what_parsed_and_says_so(outcome):
    con, base = outcome["con"], outcome["base"]
    assert con.execute("SELECT count(*) FROM items WHERE url = ?",
                       [base + "/s/knaekket"]).fetchone()[0] == 1  # fmt: skip
    assert any("malformed" in r for r in source_rejects(con, "knaekket"))


def test_entity_bomb_is_refused_unexpanded(outcome):
    reasons = source_rejects(outcome["con"], "bombe")
    assert reasons and any("entit" in r.lower() for r in reasons), reasons


def test_duplicate_guids_and_impossible_dates_give_one_item(outcome):
    con, base = outcome["con"], outcome["base"]
    rows = con.execute("SELECT count(*) FROM items WHERE url = ?", [base + "/s/dublet"]).fetchone()
    assert rows == (1,)


def test_self_referencing_sitemap_index_terminates_with_a_reason(outcome):
    assert source_rejects(outcome["con"], "selvindeks")


def test_robots_5xx_and_dns_failure_fail_their_source_with_a_reason(outcome):
    ps = per_source(outcome["con"])
    assert ps["robots500"]["status"] == "failed" and "robots" in ps["robots500"]["error"]
    assert ps["dns"]["status"] == "failed" and ps["dns"]["error"]
    assert ps["fejl"]["status"] == "ok"


def test_at_least_25_distinct_fault_cases():
    assert len({c.name for c in FAULT_CASES}) >= 25


# --- issue 16, the fetch layer: its own site and run (see faultsuite.start_fetch_site) ---------
from faultsuite import FETCH_FAULTS, run_fetch_faults  # noqa: E402


@pytest.fixture(scope="module")
def fetch_outcome(tmp_path_factory):
    """One `mediespor run` over the fetch-fault hosts, with a per-host budget of 3 s."""
    return run_fetch_faults(tmp_path_factory.mktemp("fetchfaults") / "p", REPO, host_s=3)


@pytest.mark.parametrize("fault", FETCH_FAULTS, ids=[f.name for f in FETCH_FAULTS])
def test_fetch_fault(fetch_outcome, fault):
    problem = fetch_outcome.problems[fault.name]
    assert problem is None, problem


def test_fetch_fault_run_says_some_sources_failed(fetch_outcome):
    # robots.txt forbids one source everything: the run is partial, not ok and not crashed.
    assert fetch_outcome.code == 1
