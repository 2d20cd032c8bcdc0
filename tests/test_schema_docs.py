"""docs/schema.md against a real database: every table and view documented, every example runs.

Also the UTC trap: ``published_date`` answers "which day" the same in any connection.
"""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import REPO
from mediespor.cli.main import main

SCHEMA_DOC = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", SCHEMA_DOC, flags=re.S)

ITEMS = """\
url,title,published,outlet,text
https://a.dk/28,Demonstration for førtidspension på Rådhuspladsen,2017-06-28,DR,13 mio. kr.
https://a.dk/29,Borgmesteren finder 13 millioner til fleksjob,2017-06-29,TV2 Lorry,
https://a.dk/29t,Aftenens nyheder om fleksjob,2017-06-29T23:30:00+02:00,DR,
https://a.dk/m,Månedsoversigt om ressourceforløb,2017-07,Politiken,
"""


@pytest.fixture
def db(project, tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text(ITEMS, encoding="utf-8")
    assert main(["--project-dir", str(project), "import", "--topical", str(path)]) == 0
    assert main(["--project-dir", str(project), "link"]) == 0
    capsys.readouterr()
    return project / "data" / "mediespor.duckdb"


def _utc(db) -> duckdb.DuckDBPyConnection:
    """A plain analyst connection on a machine whose time zone is UTC."""
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    return con


def test_published_date_is_the_copenhagen_day_in_a_utc_connection(db):
    con = _utc(db)
    on_28 = "SELECT url FROM items WHERE {} = DATE '2017-06-28' ORDER BY url"
    # The trap this column exists for: in UTC the 29 June item casts to 28 June (and the
    # 28 June item to the 27th).
    assert con.execute(on_28.format("published_at::DATE")).fetchall() == [("https://a.dk/29",)]
    assert con.execute(on_28.format("published_date")).fetchall() == [("https://a.dk/28",)]
    rows = dict(con.execute("SELECT url, published_date::VARCHAR FROM items").fetchall())
    assert rows["https://a.dk/29t"] == "2017-06-29"  # 21:30 UTC is still the 29th in Copenhagen
    assert rows["https://a.dk/m"] == "2017-07-01"
    for view in ("v_relevant_items", "v_event_coverage", "v_item_primary_event"):
        columns = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
        assert "published_date" in columns, view


def test_every_table_and_view_is_documented_with_an_example(db):
    con = _utc(db)
    names = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    ]
    assert len(names) >= 20
    examples = "\n".join(SQL_BLOCKS)
    for name in names:
        assert re.search(rf"(### |\| )`{name}`", SCHEMA_DOC), f"{name} is not documented"
        assert re.search(rf"\b{name}\b", examples), f"no example query uses {name}"


def test_every_example_query_runs_in_a_utc_connection(db):
    con = _utc(db)
    assert len(SQL_BLOCKS) >= 12
    for block in SQL_BLOCKS:
        for statement in filter(str.strip, block.split(";")):
            con.execute(statement)  # a DuckDB error names the failing statement
    first = SQL_BLOCKS[0]
    assert "published_date = DATE '2017-06-28'" in first
    assert [r[0] for r in con.execute(first.rstrip().rstrip(";")).fetchall()] == ["DR"]


def test_the_docs_no_longer_cast_published_at_to_a_date():
    for block in SQL_BLOCKS:
        assert not re.search(r"published_at\s*(::|AS)\s*DATE", block, flags=re.I), block
