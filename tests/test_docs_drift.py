"""The docs and config comments name only files and commands that exist."""

from __future__ import annotations

import contextlib
import io
import re
import shlex

import pytest

from conftest import REPO
from mediespor.cli.main import build_parser

DOCS = [
    REPO / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
    *sorted((REPO / "deploy").iterdir()),
    REPO / "bench" / "README.md",
    REPO / "sources.yaml",
    REPO / "events.yaml",
]
#: Files a run writes, named in the docs but never in a fresh clone.
GENERATED = re.compile(
    r"^(reports/|data/(mediespor|logs|warc|known_coverage\.csv)|.*\.(duckdb|jsonl|parquet)$)"
)
PATH = re.compile(r"(?<![\w/.:-])((?:[\w-]+/)*[\w-]+\.(?:md|py|yaml|csv|sql|toml|sh))\b")
#: A command line in Markdown: in backticks, or a line of a code block.
MD_COMMAND = re.compile(
    r"`(?:\.venv/bin/)?mediespor ([^`]+)`|^(?:\.venv/bin/)?mediespor (.+)$", re.M
)
#: In config and unit files: the program by path, or named after a colon ("Validate with: …").
CONFIG_COMMAND = re.compile(r"(?:bin/|: |`)mediespor ([^`\n]+)")


def _parse_error(line: str) -> str | None:
    """Why ``mediespor LINE`` is not a valid command line (None when it parses).

    Doc shorthand is read as meant: ``a / b`` and ``confirm/reject`` name the first, ``[…]``
    is optional, ``x\\|y`` one of the choices; a command named without its arguments is fine.
    """
    line = line.split(" # ")[0].split(" > ")[0].split(" | ")[0].split(" / ")[0]
    line = re.sub(r"\[[^]]*\]", "", line).replace("\\|", "|")
    line = re.sub(r"\$\([^)]*\)|<[^>]*>", "X", line)  # a substitution or <placeholder>: one word
    words = [w.split("|")[0] for w in shlex.split(line)]
    words = [w.split("/")[0] if re.fullmatch(r"[a-z]+(/[a-z]+)+", w) else w for w in words]
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(words)
    except SystemExit as exc:
        message = err.getvalue().strip().splitlines()[-1] if exc.code else ""
        if exc.code and "the following arguments are required" not in message:
            return message
    return None


def _exists(name: str) -> bool:
    return any(
        (base / name).exists()
        for base in (REPO, REPO / "docs", REPO / "src" / "mediespor", REPO / "tests")
    )


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_file_named_exists(doc):
    text = doc.read_text(encoding="utf-8")
    missing = {
        m.group(1)
        for m in PATH.finditer(text)
        if not GENERATED.match(m.group(1)) and not _exists(m.group(1))
    }
    assert not missing, f"{doc.name} names files the project does not have: {sorted(missing)}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_command_named_exists(doc):
    text = doc.read_text(encoding="utf-8")
    if doc.suffix == ".md":
        code = re.findall(r"```\w*\n(.*?)```", text, flags=re.S)
        spans = [f"`{m}`" for m in re.findall(r"`([^`\n]+)`", text)]
        lines = [m.group(1) or m.group(2) for m in MD_COMMAND.finditer("\n".join(code + spans))]
    else:
        lines = [m.group(1) for m in CONFIG_COMMAND.finditer(text)]
    bad = {line: why for line in lines if (why := _parse_error(line))}
    assert lines or doc.suffix != ".md"
    assert not bad, f"{doc.name} names command lines that do not parse: {bad}"


def test_the_checks_catch_what_drifted_before():
    assert _parse_error("events check") is not None  # events.yaml once said so
    assert _parse_error("link --explain 3f2a9c0d") is None
    assert not _exists("research/anchors.md")
