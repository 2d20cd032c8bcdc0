"""The nightly job: sources → discovery → fetch → archive → extract → store → link → render.

Each stage is a function ``(RunState) -> None`` that records its counts and problems in the
state. A stage that fails is recorded and the run goes on with the next one, so one broken
source or stage never costs what the others collected.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mediespor.config.events import Event, load_events
from mediespor.config.sources import SourcesFile, load_sources
from mediespor.errors import ExitCode
from mediespor.import_items import import_file
from mediespor.lock import RunLock
from mediespor.paths import ProjectPaths
from mediespor.progress import Reporter, fields
from mediespor.run_state import ImportCounts, RunOptions, RunReport, RunState, Stage
from mediespor.store.catalog import sync_events, sync_sources
from mediespor.store.recorded_run import recorded_run
from mediespor.store.runs import finish_run
from mediespor.topic.relevance import Matcher, relevance_model

log = logging.getLogger(__name__)


def stage_catalog(state: RunState) -> None:
    """Mirror sources.yaml and events.yaml into the database."""
    with state.store.transaction() as con:
        state.report.sources_configured = sync_sources(con, state.config)
        state.report.events = sync_events(con, state.events)


def stage_known_coverage(state: RunState) -> None:
    """Import the shipped list of known coverage (idempotent)."""
    path = state.paths.known_coverage
    if not path.exists():
        log.warning("known_coverage_missing", extra=fields(path=str(path)))
        return
    report = import_file(
        state.store, path, state.query, run_id=state.run_id, source="known-coverage", topical=True
    )
    state.report.known_coverage = ImportCounts(
        report.rows, report.created, report.updated, len(report.rejected)
    )
    for line, reason in report.rejected:
        # The same event as `mediespor import` logs for a refused row: one name to search for.
        log.warning("import_skipped", extra=fields(path=str(path), line=line, reason=reason))


def stage_crawl(state: RunState) -> None:
    """Discover, fetch, extract and store (see :mod:`mediespor.crawl.stage`)."""
    from mediespor.crawl.stage import stage_crawl as crawl_stage

    crawl_stage(state)


def stage_link(state: RunState) -> None:
    """Link relevant items to the curated events (analysts' decisions are kept)."""
    from mediespor.link.linker import run_link_stage

    report = run_link_stage(state.store, state.events, state.reporter)
    state.report.links = report.links
    state.report.unlinked_relevant_items = report.unlinked_items


def stage_render(state: RunState) -> None:
    """Write reports/timeline.html and reports/index.html from what the database holds."""
    from mediespor.timeline.render import render_all

    render_all(state.store, state.paths.reports, state.reporter)
    state.report.rendered = True


def stage_search_index(state: RunState) -> None:
    """Rebuild the analysts' full-text index (BM25, Danish stemmer)."""
    from mediespor.store.fts import refresh_fts

    state.report.search_indexed = refresh_fts(state.store.con)


def default_stages(options: RunOptions) -> list[tuple[str, Stage]]:
    """The stages of ``mediespor run``, in data-flow order."""
    stages: list[tuple[str, Stage]] = [
        ("catalog", stage_catalog),
        ("known_coverage", stage_known_coverage),
        ("crawl", stage_crawl),
        ("link", stage_link),
        ("search_index", stage_search_index),
    ]
    if options.render and not options.dry_run:
        stages.append(("render", stage_render))
    return stages


@dataclass(frozen=True)
class RunResult:
    """How a run ended."""

    run_id: int
    exit_code: ExitCode
    status: str
    report: RunReport

    @property
    def counts(self) -> dict[str, Any]:
        """The report as stored in ``runs.counts``."""
        return self.report.as_json()


def load_config(paths: ProjectPaths) -> tuple[SourcesFile, list[Event], Matcher]:
    """Load and validate both config files (raises ConfigError)."""
    config = load_sources(paths.sources)
    events = load_events(paths.events)
    return config, events, relevance_model(config.topic, events=events)


def _checked_config(
    paths: ProjectPaths, options: RunOptions
) -> tuple[SourcesFile, list[Event], Matcher]:
    config, events, query = load_config(paths)
    unknown = sorted(set(options.sources) - {s.name for s in config.sources})
    if unknown:
        from mediespor.errors import UsageError

        raise UsageError(f"unknown source(s): {', '.join(unknown)}; see sources.yaml")
    return config, events, query


def dry_run(paths: ProjectPaths, options: RunOptions, reporter: Reporter) -> RunResult:
    """List what a run would request: no lock, no run row, no network, no file written.

    The frontier is read from the published database (read-only); without one there is
    nothing pending yet, and an empty in-memory store stands in.
    """
    from mediespor.crawl.stage import dry_run as list_requests
    from mediespor.store.db import open_store
    from mediespor.store.publish import reading

    config, events, query = _checked_config(paths, options)
    opened = reading(paths.db) if paths.db.exists() else open_store(None)
    with opened as store:
        state = RunState(paths, options, reporter, config, events, query, store, run_id=0)
        list_requests(state)
    return RunResult(0, ExitCode.OK, "dry_run", state.report)


def run(paths: ProjectPaths, options: RunOptions, reporter: Reporter) -> RunResult:
    """Run the nightly job under the run lock and record it in ``runs``.

    Whatever escapes the stages (a full disk, a broken database) ends the run as failed with
    its reason (see :func:`mediespor.store.recorded_run.recorded_run`).
    """
    if options.dry_run:
        return dry_run(paths, options, reporter)
    config, events, query = _checked_config(paths, options)
    lock = RunLock(paths.lock)
    lock.acquire()
    try:
        if lock.took_over_from is not None:
            log.warning("stale_lock_taken_over", extra=fields(pid=lock.took_over_from))
        with recorded_run(paths.db, "run", options.__dict__, lock=lock) as recorded:
            if recorded.interrupted_at is not None:
                _repair_interrupted(paths, recorded.interrupted_at)
            state = RunState(paths, options, reporter, config, events, query, recorded.store,
                             recorded.run_id)  # fmt: skip
            recorded.counts = state.report.as_json
            return _run_stages(state)
    finally:
        lock.release()


def _repair_interrupted(paths: ProjectPaths, interrupted_at: datetime) -> None:
    """Trim what a killed run left half written in the WARC files."""
    from mediespor.fetch.warc_repair import repair_since

    repaired = repair_since(paths.warc, interrupted_at)
    log.warning(
        "previous_run_interrupted",
        extra=fields(
            started=interrupted_at,
            warc_files_trimmed=len(repaired),
            warc_bytes_trimmed=sum(r.removed_bytes for r in repaired),
        ),
    )


def _run_stages(state: RunState) -> RunResult:
    """Run every stage, then record in ``runs`` how the run ended."""
    options, store, run_id = state.options, state.store, state.run_id
    # Which page walks extraction runs: an install without a C compiler runs the Python ones
    # (same results, slower), and a slow night should say why.
    from mediespor.extract.compiled_walks import summary

    log.info("run_start", extra=fields(run_id=run_id, db=str(state.paths.db), walks=summary()))
    for name, stage in default_stages(options):
        try:
            stage(state)
        except Exception as exc:  # a broken stage is recorded; the run goes on
            state.report.failed_stages[name] = f"{type(exc).__name__}: {exc}"
            log.error("stage_failed", extra=fields(stage=name, error=str(exc)))
    # A page that was fetched but could not be stored is a lost item: never an "ok" night.
    report = state.report
    if report.failed_stages or report.failed_sources or report.lost_items:
        code, status = ExitCode.PARTIAL, "partial"
    else:
        code, status = ExitCode.OK, "ok"
    finish_run(store.con, run_id, status, int(code), report.as_json())
    log.info("run_end", extra=fields(run_id=run_id, status=status, exit_code=int(code)))
    return RunResult(run_id, code, status, report)
