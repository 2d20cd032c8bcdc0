"""Importing curated lists and archive exports: idempotent, bad rows skipped with line numbers."""

from __future__ import annotations

import csv
import json
from datetime import date

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from mediespor.config.events import Event
from mediespor.config.sources import load_sources
from mediespor.danish_dates import CPH
from mediespor.date_interval import DayInterval, interval, start_of
from mediespor.import_items import import_file, parse_published
from mediespor.store.db import open_store
from mediespor.topic import parse_query
from mediespor.topic.relevance import relevance_model

QUERY = parse_query("førtidspension* OR fleksjob*")
FORMS = "2017-06-29, 2017-06-29T14:32:00+02:00, 29. juni 2017, 2018-04, april 2018 or 2018"

CSV = """\
url,title,published,outlet,text,lead,kind
https://www.dr.dk/nyheder/a?utm_source=x,Ingen førtidspension i København,2017-06-22,DR,,,
,Kampen om Førtidspension i København,2017-06-28,TV2 Lorry,,,video
,Uden dato og uden url,,TV2 Lorry,,,
https://x.dk/b,,2017-06-28,DR,,,
https://x.dk/c,Forkert dato,29-13-2017,DR,,,
ftp://x.dk/d,Forkert url,2017-06-28,DR,,,
https://x.dk/e,Forkert slags,2017-06-28,DR,,,podcast
https://x.dk/f,Vejret i morgen,2017-06-28T07:00:00+02:00,DR,Sol og vind,,
https://x.dk/g,"Titel, med komma",2017-06-29,Politiken,"Tekst om fleksjob
over to linjer",,
"""


def test_csv_import_is_idempotent_and_reports_bad_rows(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(CSV, encoding="utf-8")
    store = open_store(tmp_path / "db.duckdb")
    report = import_file(store, path, QUERY, run_id=None)
    assert report.rows == 9
    assert report.created == 4
    assert report.rejected == [
        (4, "a row without url needs a published date"),
        (5, "missing title"),
        (6, f"published '29-13-2017' is not a date: no such day in the calendar (use {FORMS})"),
        (7, "url 'ftp://x.dk/d' is not an http(s) URL"),
        (8, "kind 'podcast' is not one of article, video, blog, press_release, agenda, other"),
    ]
    rows = store.con.execute(
        "SELECT url, kind, is_relevant, published_precision FROM items ORDER BY title"
    ).fetchall()
    assert rows == [
        ("https://www.dr.dk/nyheder/a", "article", True, "day"),
        (None, "video", True, "day"),
        ("https://x.dk/g", "article", True, "day"),
        ("https://x.dk/f", "article", False, "time"),
    ]
    rejects = store.con.execute("SELECT location FROM rejects ORDER BY location").fetchall()
    assert [r[0].rsplit(":", 1)[1] for r in rejects] == ["4", "5", "6", "7", "8"]
    again = import_file(store, path, QUERY, run_id=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert store.con.execute("SELECT count(*) FROM items").fetchone()[0] == 4
    assert store.con.execute("SELECT count(*) FROM item_versions").fetchone()[0] == 4


def test_jsonl_import_with_broken_lines(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"url": "https://a.dk/1", "title": "Fleksjob i fare", "outlet": "Avisen.dk",
                    "published": "2017-07-01T10:00:00Z"}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": {"nested": 1}, "outlet": "X", "url": "https://a.dk/2"}),
        "",
        json.dumps({"url": "https://a.dk/3", "title": "Andet", "outlet": "Avisen.dk",
                    "published": "2017-07-02", "text": "om førtidspensionen"}),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.created == 2
    assert [line for line, _ in report.rejected] == [2, 3, 4]
    assert "not valid JSON" in report.rejected[0][1]
    terms = store.con.execute("SELECT topic_terms FROM items ORDER BY url").fetchall()
    assert terms == [(["fleksjob*"],), (["førtidspension*"],)]


def test_topical_import_marks_everything_relevant(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("title,published,outlet\nBorgmester finder 13 millioner,2017-06-29,TV2 Lorry\n")
    store = open_store(None)
    import_file(store, path, QUERY, run_id=None, topical=True)
    assert store.con.execute("SELECT is_relevant FROM items").fetchone() == (True,)


def test_csv_without_required_header(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("foo,bar\n1,2\n")
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.created == 0
    assert report.rejected == [(1, "the header must name at least the columns title and outlet")]


# Every accepted form of ``published``: the stored Copenhagen wall-clock time, precision, source.
ACCEPTED = [
    ("2017-06-29T14:32:00+02:00", "2017-06-29 14:32", "time", "import"),
    ("2017-06-29T12:32:00Z", "2017-06-29 14:32", "time", "import"),
    ("2017-06-29 14:32", "2017-06-29 14:32", "time", "import"),
    ("2017-06-29", "2017-06-29 00:00", "day", "import"),
    ("29.06.2017", "2017-06-29 00:00", "day", "import:danish-numeric"),
    ("29-06-2017", "2017-06-29 00:00", "day", "import:danish-numeric"),
    ("2018-04", "2018-04-01 00:00", "month", "import"),
    ("april 2018", "2018-04-01 00:00", "month", "import:danish-month"),
    ("apr. 2018", "2018-04-01 00:00", "month", "import:danish-month"),
    ("2018", "2018-01-01 00:00", "year", "import"),
    ("29. juni 2017", "2017-06-29 00:00", "day", "import:danish-text"),
    ("d. 29. juni 2017 kl. 20.30", "2017-06-29 20:30", "time", "import:danish-text"),
    ("onsdag den 28. juni 2017, kl. 14:32", "2017-06-28 14:32", "time", "import:danish-text"),
]

# Every refused form, with the reason an analyst reads.
REFUSED = [
    ("i går", "a relative date, with no reference time to count from"),
    ("for 3 timer siden", "a relative date, with no reference time to count from"),
    ("29. juni", "the year is missing"),
    ("31. juni 2017", "no such day in the calendar"),
    ("29-13-2017", "no such day in the calendar"),
    ("2018-13", "there is no month 13"),
    ("1850", "the year is outside 1990–2100"),
    ("2017-06-29T25:00", "not a valid ISO date and time"),
    ("juni", "not a date in a known form"),
    ("snart", "not a date in a known form"),
]


@pytest.mark.parametrize(("value", "local", "precision", "source"), ACCEPTED)
def test_parse_published_keeps_the_precision_it_was_given(value, local, precision, source):
    got = parse_published(value)
    assert got.value.astimezone(CPH).strftime("%Y-%m-%d %H:%M") == local
    assert (got.precision, got.date_source) == (precision, source)


def test_coarse_dates_are_stored_as_the_first_day_never_a_guessed_one():
    month = parse_published("april 2018")
    assert month.value == start_of(date(2018, 4, 20), "month")
    assert interval(month.value, month.precision) == DayInterval(
        date(2018, 4, 1), date(2018, 4, 30)
    )
    year = parse_published("2018")
    assert interval(year.value, year.precision).days == 365


@pytest.mark.parametrize(("value", "reason"), REFUSED)
def test_parse_published_refuses_with_a_reason(value, reason):
    with pytest.raises(ValueError) as exc:
        parse_published(value)
    assert str(exc.value) == reason


def _write_forms(path, fmt: str) -> dict[str, int]:
    """One row per accepted and refused form; returns the line each value is on."""
    rows = [{"url": f"https://eksempel.dk/{n}", "title": f"Emne {n}", "outlet": "Avisen",
             "published": value} for n, (value, *_) in enumerate(ACCEPTED + REFUSED)]  # fmt: skip
    rows.append({"url": "https://eksempel.dk/udateret", "title": "Uden dato", "outlet": "Avisen"})
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, ["url", "title", "published", "outlet"])
            writer.writeheader()
            writer.writerows(rows)
        first = 2
    else:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        first = 1
    return {r.get("published", ""): first + n for n, r in enumerate(rows)}


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_every_form_round_trips_through_the_cli(project, run_cli, tmp_path, fmt):
    path = tmp_path / f"datoer.{fmt}"
    line_of = _write_forms(path, fmt)
    res = run_cli("import", str(path), cwd=project)
    assert res.code == 1, res.err  # some rows were refused
    for value, reason in REFUSED:
        expected = f"{path}:{line_of[value]}: skipped: published {value!r} is not a date: {reason}"
        assert expected in res.out
    assert f"{len(ACCEPTED) + 1} new" in res.out
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    con.execute("SET TimeZone = 'Europe/Copenhagen'")
    stored = con.execute(
        "SELECT title, strftime(published_at, '%Y-%m-%d %H:%M'), published_precision, date_source"
        " FROM items"
    ).fetchall()
    rejects = con.execute("SELECT location FROM rejects").fetchall()
    con.close()
    expected_rows = {(f"Emne {n}", *row[1:]) for n, row in enumerate(ACCEPTED)}
    assert set(stored) == expected_rows | {("Uden dato", None, None, None)}
    assert sorted(int(r[0].rsplit(":", 1)[1]) for r in rejects) == sorted(
        line_of[v] for v, _ in REFUSED
    )
    again = run_cli("import", str(path), cwd=project)
    assert "0 new, 0 updated" in again.out


def test_reimport_with_a_date_dates_an_undated_item(tmp_path):
    store = open_store(None)
    path = tmp_path / "l.csv"
    path.write_text("url,title,published,outlet\nhttps://a.dk/1,Om fleksjob,,Avisen\n", "utf-8")
    import_file(store, path, QUERY, run_id=None)
    needs = "SELECT count(*) FROM v_items_needing_date"
    assert store.con.execute(needs).fetchone() == (1,)
    path.write_text("url,title,published,outlet\nhttps://a.dk/1,Om fleksjob,juni 2017,Avisen\n")
    import_file(store, path, QUERY, run_id=None)
    row = store.con.execute("SELECT published_precision, date_source FROM items").fetchone()
    assert row == ("month", "import:danish-month")
    assert store.con.execute(needs).fetchone() == (0,)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(st.text(alphabet="0123456789-.:/ TZ+dkl.junaprilgårs"), st.text(max_size=40)))
def test_parse_published_refuses_but_never_crashes(value):
    try:
        got = parse_published(value)
    except ValueError:
        return
    assert got.value.tzinfo is not None
    assert interval(got.value, got.precision) is not None


def test_the_judge_reads_the_imported_date_and_its_precision(tmp_path):
    """The same text is relevant in its event's month and not years after the last event."""
    event = Event(
        "ruling", date(2017, 3, 6), date(2017, 3, 10), "Titel", "Beskrivelse.", "other", (),
        None, ("kendelse*",),
    )  # fmt: skip
    model = relevance_model(load_sources(REPO / "sources.yaml").topic, events=[event])
    text = "Borgere i ressourceforløb venter på afgørelsen i jobcentret i København."
    path = tmp_path / "list.csv"
    path.write_text(
        "url,title,published,outlet,text\n"
        f"https://x.dk/a,Kendelsen lader vente på sig,marts 2017,DR,{text}\n"
        f"https://x.dk/b,Kendelsen lader vente på sig,2021-05,DR,{text}\n",
        encoding="utf-8",
    )
    store = open_store(tmp_path / "db.duckdb")
    report = import_file(store, path, model, run_id=None)
    assert report.created == 2
    rows = store.con.execute(
        "SELECT url, published_precision, is_relevant, topic_terms FROM items ORDER BY url"
    ).fetchall()
    assert [r[:3] for r in rows] == [
        ("https://x.dk/a", "month", True),
        ("https://x.dk/b", "month", False),
    ]
    assert "begivenhed: kendelse*" in rows[0][3]
    assert rows[1][3][-1].startswith("ikke relevant: senere")


HEADER = b"url,title,published,outlet\n"


def test_an_undecodable_byte_skips_its_row_with_line_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.csv"
    bad_row = "https://a.dk/2,Førtidspension på Rådhuset,2017-06-28,DR\n".encode("latin-1")
    path.write_bytes(HEADER + b"https://a.dk/1,Fleksjob,2017-06-27,DR\n" + bad_row
                     + "https://a.dk/3,Ressourceforløb,2017-06-29,DR\n".encode())  # fmt: skip
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    offset = (
        len(HEADER) + len(b"https://a.dk/1,Fleksjob,2017-06-27,DR\n") + len(b"https://a.dk/2,F")
    )
    assert report.rejected == [
        (3, f"byte 0xf8 at line 3, byte offset {offset} is not valid UTF-8 (if the file is in "
            "another encoding, import it with e.g. --encoding cp1252)"),
    ]  # fmt: skip
    # Line 4 is plain UTF-8 and loads: one bad byte costs its own row only.
    assert store.con.execute("SELECT url FROM items ORDER BY url").fetchall() == [
        ("https://a.dk/1",),
        ("https://a.dk/3",),
    ]


def test_the_right_encoding_reads_every_row(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER + "https://a.dk/2,Førtidspension på Rådhuset,2017-06-28,DR\n"
                     .encode("latin-1"))  # fmt: skip
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None, encoding="latin-1")
    assert (report.created, report.rejected) == (1, [])
    assert store.con.execute("SELECT title FROM items").fetchone() == (
        "Førtidspension på Rådhuset",
    )


def test_a_bad_byte_in_a_jsonl_line_skips_only_that_line(tmp_path):
    path = tmp_path / "export.jsonl"
    good = json.dumps({"url": "https://a.dk/1", "title": "Fleksjob", "outlet": "DR"}).encode()
    before = b'{"url": "https://a.dk/2", "title": "R'
    path.write_bytes(good + b"\n" + before + b'\xe5d", "outlet": "DR"}\n')
    report = import_file(open_store(None), path, QUERY, run_id=None)
    assert report.created == 1
    assert [line for line, _ in report.rejected] == [2]
    assert (
        f"byte 0xe5 at line 2, byte offset {len(good) + 1 + len(before)} " in report.rejected[0][1]
    )


def test_an_oversized_field_skips_its_row_and_the_rest_loads(tmp_path):
    path = tmp_path / "big.csv"
    huge = "fleksjob " * 1_200_000  # about 10 MB, far over csv's own 128 KiB field limit
    path.write_text(
        "url,title,published,outlet,text\n"
        f"https://a.dk/1,Stor tekst,2017-06-28,DR,{huge}\n"
        "https://a.dk/2,Lille tekst,2017-06-28,DR,kort\n",
        encoding="utf-8",
    )
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert len(report.rejected) == 1
    line, reason = report.rejected[0]
    assert line == 2 and "'text'" in reason and "characters" in reason
    assert store.con.execute("SELECT url FROM items").fetchall() == [("https://a.dk/2",)]


def test_an_unclosed_quote_is_reported_on_the_line_where_it_opens(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(
        "url,title,published,outlet\n"
        "https://a.dk/1,Fleksjob,2017-06-27,DR\n"
        'https://a.dk/2,"Ressourceforløb uden slut,2017-06-28,DR\n'
        "https://a.dk/3,Tredje,2017-06-29,DR\n"
        "https://a.dk/4,Fjerde,2017-06-30,DR\n",
        encoding="utf-8",
    )
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.rejected == [
        (3, "a quote opened on line 3 is never closed; that line is skipped and the lines after "
            "it are read again"),
    ]  # fmt: skip
    # The rows after the broken one load: a bad row never costs the rest of the file.
    assert report.created == 3 and report.rows == 4
    urls = store.con.execute("SELECT url FROM items ORDER BY url").fetchall()
    assert [u for (u,) in urls] == ["https://a.dk/1", "https://a.dk/3", "https://a.dk/4"]


def test_a_quoted_field_over_several_lines_is_no_broken_quote(tmp_path):
    path = tmp_path / "multi.csv"
    path.write_text(
        'url,title,published,outlet,text\nhttps://a.dk/1,"Med ""citat""",2017-06-27,DR,"linje 1\n'
        'linje 2"\nhttps://a.dk/2,Anden,2017-06-28,DR,\n',
        encoding="utf-8",
    )
    report = import_file(open_store(None), path, QUERY, run_id=None)
    assert (report.created, report.rejected) == (2, [])


def test_a_line_separator_inside_a_json_string_is_no_line_break(tmp_path):
    path = tmp_path / "export.jsonl"
    title = "Fleksjob\u2028og førtidspension"
    path.write_text(
        json.dumps({"url": "https://a.dk/1", "title": title, "outlet": "DR"}, ensure_ascii=False)
        + "\n{broken\n",
        encoding="utf-8",
    )
    report = import_file(open_store(None), path, QUERY, run_id=None)
    assert report.created == 1
    assert [line for line, _ in report.rejected] == [2]


def test_another_encoding_is_named_in_the_reason(tmp_path):
    path = tmp_path / "l.csv"
    # 0x81 is undefined in cp1252.
    path.write_bytes(b"title,published,outlet\nok,2017,DR\n\x81,2017,DR\n")
    report = import_file(open_store(None), path, QUERY, run_id=None, encoding="cp1252")
    assert report.created == 1
    ((line, reason),) = report.rejected
    assert line == 3 and "byte 0x81 at line 3, byte offset 34 is not valid cp1252" in reason


def test_a_quote_inside_an_unquoted_field_is_a_character(tmp_path):
    # csv reads a quote that does not open a field as itself (5" = five inches); only a quote
    # that opens a field and never closes breaks a row.
    path = tmp_path / "inch.csv"
    path.write_text(
        "url,title,published,outlet\n"
        'https://a.dk/1,Et 5" problem,2017-06-28,DR\n'
        'https://a.dk/2,"Åben til sidst,2017-06-29,DR\n',
        encoding="utf-8",
    )
    store = open_store(None)
    report = import_file(store, path, QUERY, run_id=None)
    assert report.created == 1
    assert store.con.execute("SELECT title FROM items").fetchall() == [('Et 5" problem',)]
    ((line, reason),) = report.rejected
    assert line == 3 and "a quote opened on line 3 is never closed" in reason
