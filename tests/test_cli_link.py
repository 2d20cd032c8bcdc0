"""End to end: `mediespor link` and `mediespor events` as a user runs them, on a temp project."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = "2017-06-28-demonstration"
MONEY = "2017-06-29-13-millioner"


def _write_items(path: Path, rows: list[dict]) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")


def _gold_rows() -> list[dict]:
    rows = []
    for line in (FIXTURES / "linking_gold.jsonl").read_text("utf-8").splitlines():
        g = json.loads(line)
        rows.append(
            {
                "url": f"https://www.example.dk/nyheder/{g['id']}",
                "title": g["title"],
                "published": g["published"],
                "outlet": g["outlet"],
                "lead": g["lead"],
            }
        )
    return rows


def _query(db: Path, sql: str, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_link_explain_decide_suggest_promote(project, run_cli, tmp_path):
    db = project / "data" / "mediespor.duckdb"
    items = tmp_path / "gold.jsonl"
    _write_items(items, _gold_rows())
    assert run_cli("import", str(items), "--topical", cwd=project).code == 0

    first = run_cli("link", cwd=project)
    assert first.code == 0, first.err
    assert "automatic links" in first.out
    assert "stage_end" in first.err  # progress is reported
    g10 = "https://www.example.dk/nyheder/g10"
    item = _query(db, "SELECT item_id FROM items WHERE url = ?", [g10])[0][0]
    assert _query(db, "SELECT event_id, status FROM item_events WHERE item_id = ?", [item]) == [
        (DEMO, "auto")
    ]

    explained = run_cli("link", "--explain", g10, "--json", cwd=project)
    assert explained.code == 0, explained.err
    data = json.loads(explained.out)
    assert data["item_id"] == item
    assert data["events"][0]["event_id"] == DEMO
    assert data["events"][0]["status"] == "auto"
    assert data["events"][0]["time"]["delta_days"] == 1
    text = run_cli("link", "--explain", item, cwd=project)
    assert "anchors" in text.out and DEMO in text.out

    assert run_cli("link", "reject", item, DEMO, "--by", "ane", cwd=project).code == 0
    assert run_cli("link", "add", g10, MONEY, "--note", "nævnt", cwd=project).code == 0
    bad = run_cli("link", "confirm", item, "2013-01-01-reform", cwd=project)
    assert bad.code == 2 and "link add" in bad.err
    assert run_cli("link", cwd=project).code == 0  # a re-run keeps the decisions
    rows = _query(
        db,
        "SELECT event_id, status, decided_by FROM item_events WHERE item_id = ? ORDER BY 1",
        [item],
    )
    assert rows[0] == (DEMO, "rejected", "ane")
    assert rows[1][:2] == (MONEY, "added")

    listed = run_cli("events", "list", cwd=project)
    assert listed.code == 0
    assert DEMO in listed.out and "links" in listed.out

    # A burst of coverage no curated event explains: a consultation in parliament in August.
    burst = [
        {
            "url": f"https://www.example.dk/samraad/{outlet}-{day}-{i}",
            "title": f"Samråd om jobcentret: ministeren svarer ({i})",
            "published": f"2017-08-{day}T10:00:00+02:00",
            "outlet": outlet,
            "lead": "Beskæftigelsesministeren skal i samråd om førtidspension i København.",
        }
        for outlet in ("DR", "Politiken", "TV2 Lorry")
        for day in (15, 16)
        for i in range(2)
    ]
    extra = tmp_path / "burst.jsonl"
    _write_items(extra, burst)
    assert run_cli("import", str(extra), "--topical", cwd=project).code == 0
    assert run_cli("link", cwd=project).code == 0
    suggested = run_cli("events", "suggest", cwd=project)
    assert suggested.code == 0, suggested.err
    assert "2017-08-15..2017-08-16" in suggested.out
    sid = next(
        line.split()[0] for line in suggested.out.splitlines() if "2017-08-15..2017-08-16" in line
    )
    promoted = run_cli(
        "events", "promote", sid, "--id", "2017-08-15-samraad", "--title", "Samråd om jobcentret",
        "--kind", "meeting", cwd=project,
    )  # fmt: skip
    assert promoted.code == 0, promoted.err
    assert run_cli("check", cwd=project).code == 0  # events.yaml is still valid
    assert "# The curated events" in (project / "events.yaml").read_text("utf-8")
    linked = _query(db, "SELECT count(*) FROM item_events WHERE event_id = '2017-08-15-samraad'")[
        0
    ][0]
    assert linked == len(burst)
    assert _query(db, "SELECT status FROM event_suggestions WHERE suggestion_id = ?", [sid]) == [
        ("promoted",)
    ]


def test_link_without_database_is_a_usage_error(project, run_cli):
    r = run_cli("link", cwd=project)
    assert r.code == 2
    assert "does not exist" in r.err


def test_the_help_default_threshold_is_the_linkers():
    from mediespor.cli import cmd_link
    from mediespor.link import linker

    assert cmd_link.DEFAULT_THRESHOLD == linker.DEFAULT_THRESHOLD
