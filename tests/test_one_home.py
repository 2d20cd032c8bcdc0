"""Knowledge with one home stays there: the Copenhagen zone and Danish calendar words in
``danish_dates``, the host rule in ``urls``.

Read from the code's syntax tree (string constants and calls, docstrings and comments aside), so
that a second copy is caught when it is written, not when the copies start to disagree.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "mediespor"


@functools.cache
def _strings_and_calls(source: str) -> tuple[list[str], list[ast.Call]]:
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    strings = [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]
    return strings, [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _offenders(home: set[str], found) -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in home:
            continue
        strings, calls = _strings_and_calls(path.read_text(encoding="utf-8"))
        out += [f"{rel}: {what}" for what in found(strings, calls)]
    return out


def _called(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def test_the_copenhagen_zone_is_named_only_in_danish_dates():
    def found(strings, calls):
        yield from (s for s in strings if "Europe/Copenhagen" in s)
        yield from (f"{_called(c)}(...)" for c in calls if _called(c) == "ZoneInfo")

    assert _offenders({"danish_dates.py"}, found) == []


def test_relative_day_words_live_only_in_danish_dates():
    words = {"i går", "i forgårs", "forgårs", "i dag"}
    assert _offenders({"danish_dates.py"}, lambda s, _c: (x for x in s if x in words)) == []


def test_hosts_are_compared_only_in_urls():
    # "www." stripped or tested by hand is a second host rule (use urls.site_of / on_site).
    def found(strings, calls):
        for c in calls:
            name = _called(c)
            if name in ("removeprefix", "startswith", "lstrip") and any(
                isinstance(a, ast.Constant) and a.value == "www." for a in c.args
            ):
                yield f'{name}("www.")'

    assert _offenders({"urls.py"}, found) == []


def _zone_or_www(path: Path) -> list[str]:
    strings, calls = _strings_and_calls(path.read_text(encoding="utf-8"))
    return [s for s in strings if "Europe/Copenhagen" in s] + [
        _called(c) for c in calls if _called(c) in ("ZoneInfo", "removeprefix")
    ]


@pytest.mark.parametrize(
    "code",
    [
        'ZONE = ZoneInfo("Europe/Copenhagen")',
        "host = host.removeprefix('www.')",
        "SQL = \"x AT TIME ZONE 'Europe/Copenhagen'\"",
    ],
)
def test_the_checks_see_a_second_copy_but_not_prose(tmp_path, code):
    prose = '"""Names the zone in prose: Europe/Copenhagen."""\n# so does this: Europe/Copenhagen\n'
    path = tmp_path / "copy.py"
    path.write_text(prose)
    assert _zone_or_www(path) == []
    path.write_text(prose + code + "\n")
    assert _zone_or_www(path) != []
