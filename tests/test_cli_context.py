"""cli/context.py: the one place a command opens the store, with the one missing-database check."""

from __future__ import annotations

import argparse

import pytest

from mediespor.cli.context import Context
from mediespor.cli.main import main
from mediespor.errors import UsageError
from mediespor.paths import resolve_paths
from mediespor.progress import Reporter


def _context(project) -> Context:
    return Context(resolve_paths(project), Reporter("logfmt"), argparse.Namespace())


def test_reading_or_writing_a_missing_database_is_a_usage_error(project):
    ctx = _context(project)
    db = project / "data" / "mediespor.duckdb"
    for opener in (ctx.reading, ctx.writing):
        missing = pytest.raises(UsageError, match="does not exist yet; run 'mediespor run' first")
        with missing, opener():
            pass
    assert not db.exists()


def test_writing_may_create_the_database_and_reading_then_sees_it(project):
    ctx = _context(project)
    with ctx.writing(create=True) as store:
        store.con.execute(
            "INSERT INTO rejects (stage, location, reason, noted_at) VALUES ('t', 'x', 'y', now())"
        )
    with ctx.reading() as store:
        assert store.con.execute("SELECT reason FROM rejects").fetchall() == [("y",)]
    assert ctx.existing_db() == project / "data" / "mediespor.duckdb"


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["sql", "select 1"],
        ["link"],
        ["export", "out"],
        ["timeline"],
        ["report"],
        ["archive", "list"],
        ["events", "suggest"],
    ],
)
def test_every_command_that_needs_the_database_says_the_same(project, capsys, argv):
    assert main(["--project-dir", str(project), *argv]) == 2
    db = project / "data" / "mediespor.duckdb"
    assert capsys.readouterr().err == (
        f"mediespor: {db} does not exist yet; run 'mediespor run' first\n"
    )
    assert not db.exists()
