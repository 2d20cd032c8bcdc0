"""``mediespor import`` in-process: bad input never aborts, and the run row is always closed."""

from __future__ import annotations

import duckdb

from mediespor.cli.main import main


def _runs(project):
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    try:
        return con.execute("SELECT command, status, exit_code FROM runs ORDER BY run_id").fetchall()
    finally:
        con.close()


def test_a_latin1_file_imports_its_good_rows_and_closes_the_run(project, tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(
        b"url,title,published,outlet\n"
        + "https://a.dk/1,Rådhuset,2017-06-28,DR\n".encode("latin-1")
        + b"https://a.dk/2,Fleksjob,2017-06-29,DR\n"
    )
    # --debug after the command, as the error message of an internal error suggests.
    code = main(["--project-dir", str(project), "import", str(path), "--debug"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{path}:2: skipped: byte 0xe5 at line 2, byte offset 43 is not valid UTF-8" in out
    assert "1 new" in out and "1 skipped" in out
    assert _runs(project) == [("import", "partial", 1)]

    code = main(["import", str(path), "--encoding", "latin-1", "--project-dir", str(project)])
    assert code == 0, capsys.readouterr()
    assert _runs(project)[-1] == ("import", "ok", 0)


def test_an_unknown_encoding_is_a_usage_error(project, tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_text("url,title,published,outlet\n", encoding="utf-8")
    code = main(["--project-dir", str(project), "import", str(path), "--encoding", "klingon"])
    assert code == 2
    assert "--encoding 'klingon' is not a known encoding" in capsys.readouterr().err
    assert not (project / "data" / "mediespor.duckdb").exists()


def test_an_unclosed_quote_and_a_huge_field_end_in_a_closed_run(project, tmp_path, capsys):
    path = tmp_path / "skadet.csv"
    path.write_text(
        "url,title,published,outlet,text\n"
        f"https://a.dk/1,Lang,2017-06-28,DR,{'x' * 3_000_000}\n"
        "https://a.dk/2,God,2017-06-28,DR,\n"
        'https://a.dk/3,"Åben,2017-06-28,DR,\n'
        "https://a.dk/4,Slugt,2017-06-28,DR,\n",
        encoding="utf-8",
    )
    code = main(["--project-dir", str(project), "import", str(path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{path}:2: skipped: column 'text' holds 3,000,000 characters" in out
    assert f"{path}:4: skipped: a quote opened on line 4 is never closed" in out
    assert _runs(project) == [("import", "partial", 1)]
