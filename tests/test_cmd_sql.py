"""``mediespor sql`` in-process: aligned text tables, the row limit, full-text search."""

from __future__ import annotations

import pytest

from mediespor.cli.cmd_sql import text_table
from mediespor.cli.main import main

ITEMS = """\
url,title,published,outlet
https://a.dk/1,Demonstration om førtidspension på Rådhuspladsen,2017-06-28,DR
https://a.dk/2,Borgmesteren finder 13 millioner til fleksjob,2017-06-29,TV2 Lorry
https://a.dk/3,Ressourceforløb bliver kritiseret,juni 2017,DR
"""


@pytest.fixture
def store(project, tmp_path, capsys):
    path = tmp_path / "items.csv"
    path.write_text(ITEMS, encoding="utf-8")
    assert main(["--project-dir", str(project), "import", "--topical", str(path)]) == 0
    capsys.readouterr()
    return project


def test_a_query_prints_an_aligned_table(store, capsys):
    query = "SELECT outlet, count(*) AS n FROM items WHERE url IS NOT NULL GROUP BY 1 ORDER BY 1"
    assert main(["sql", query, "--project-dir", str(store)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "outlet    | n",
        "----------+--",
        "DR        | 2",
        "TV2 Lorry | 1",
    ]


def test_the_limit_cuts_the_table_and_says_so(store, capsys):
    assert main(["sql", "SELECT url FROM items WHERE url IS NOT NULL", "--limit", "2",
                 "--project-dir", str(store)]) == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 + 2 + 1 and out[-1] == "(more than 2 rows; use --limit or --csv)"


def test_full_text_search_works_without_loading_anything(store, capsys):
    query = (
        "SELECT title FROM (SELECT title, fts_main_items.match_bm25(item_id, 'fleksjob') AS s "
        "FROM items) WHERE s IS NOT NULL"
    )
    # The index is built by a run; a run on this project (no network sources) builds it.
    assert main(["run", "--no-render", "--project-dir", str(store)]) == 0
    capsys.readouterr()
    assert main(["sql", "--csv", query, "--project-dir", str(store)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "title",
        "Borgmesteren finder 13 millioner til fleksjob",
    ]


def test_long_and_multi_line_cells_stay_on_one_line():
    table = text_table(["a", "b"], [("x" * 100, "to\nlinjer"), (None, 1)])
    lines = table.splitlines()
    assert len(lines) == 4
    assert lines[2] == "x" * 59 + "… | to linjer"
    assert lines[3].startswith(" " * 60 + " | 1")
