"""``mediespor status`` end to end: the "needs a date" count, list and hint."""

from __future__ import annotations

import duckdb
import yaml


def _import_undated(project, run_cli, tmp_path, n: int) -> None:
    path = tmp_path / "udaterede.csv"
    rows = [f"https://eksempel.dk/{k},Udateret indslag {k:02d},,Avisen" for k in range(n)]
    rows.append("https://eksempel.dk/dateret,Dateret indslag,juni 2017,Avisen")
    path.write_text("url,title,published,outlet\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = run_cli("import", "--topical", str(path), cwd=project)
    assert res.code == 0, res.out + res.err


def _ids(project) -> dict[str, str]:
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    ids = dict(con.execute("SELECT title, item_id FROM items").fetchall())
    con.close()
    return ids


def test_status_counts_and_lists_items_that_need_a_date(project, run_cli, tmp_path):
    _import_undated(project, run_cli, tmp_path, 12)
    ids = _ids(project)
    status = run_cli("status", cwd=project)
    assert status.code == 0, status.err
    out = status.out
    assert "Needs a date: 12 relevant items without a date or a link" in out
    shown = [k for k in range(12) if ids[f"Udateret indslag {k:02d}"] in out]
    assert shown == list(range(10))  # the first ten, by title
    assert ids["Dateret indslag"] not in out
    assert "… and 2 more" in out and "v_items_needing_date" in out
    assert "mediespor link add ITEM EVENT" in out

    event = yaml.safe_load((project / "events.yaml").read_text(encoding="utf-8"))["events"][0]["id"]
    linked = ids["Udateret indslag 00"]
    assert run_cli("link", "add", linked, event, cwd=project).code == 0
    out = run_cli("status", cwd=project).out
    assert "Needs a date: 11 relevant items" in out
    assert linked not in out and ids["Udateret indslag 10"] in out


def test_status_says_when_nothing_needs_a_date(project, run_cli, tmp_path):
    _import_undated(project, run_cli, tmp_path, 0)
    out = run_cli("status", cwd=project).out
    assert "needs a date: 0 (every relevant item has a date or a link)" in out
