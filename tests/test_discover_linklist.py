"""Link-list discovery: Danish date lines with and without links, from a page and from a file."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from discover_support import fixture_bytes, with_getter
from mediespor.config.sources import LinklistSource
from mediespor.discover import linklist
from mediespor.discover.linklist import parse_line

CPH = ZoneInfo("Europe/Copenhagen")


def test_parse_line_forms():
    e = parse_line(
        "TV2 Lorry 29. juni 2017: Borgmester vil finde yderligere 13 millioner til sagsbehandling"
    )
    assert (e.outlet, e.published_at, e.precision) == (
        "TV2 Lorry",
        datetime(2017, 6, 29, tzinfo=CPH),
        "day",
    )
    assert (
        e.title == "Borgmester vil finde yderligere 13 millioner til sagsbehandling"
        and e.url is None
    )
    e = parse_line("TV2 Lorry den 15. september 2017: Jobcentret får ny ledelse")
    assert e.outlet == "TV2 Lorry" and e.published_at.date().isoformat() == "2017-09-15"
    e = parse_line("Politiken onsdag d. 28. juni 2017 kl. 14.32 – Demo foran Rådhuset")
    assert e.outlet == "Politiken" and e.precision == "time"
    assert (
        e.published_at == datetime(2017, 6, 28, 14, 32, tzinfo=CPH)
        and e.title == "Demo foran Rådhuset"
    )
    e = parse_line("DR 28.06.2017: Titel https://www.dr.dk/nyheder/x?utm_source=y.")
    assert e.url == "https://www.dr.dk/nyheder/x" and e.title == "Titel"
    assert parse_line("Ingen dato: titel") is None
    assert parse_line("TV2 Lorry 29. juni 2017:") is None
    assert parse_line("") is None


def test_page_entries_split_into_candidates_and_records(httpserver):
    httpserver.expect_request("/presse").respond_with_data(
        fixture_bytes("linklist-page.html"), content_type="text/html; charset=utf-8"
    )
    src = LinklistSource(
        name="livoverlov-presse",
        outlet="Liv Over Lov",
        kind="linklist",
        url=httpserver.url_for("/presse"),
        outlet_aliases={"TV 2/Lorry": "TV2 Lorry"},
    )
    res = with_getter(lambda g: linklist.discover(src, g))
    linked = {c.title: c for c in res.candidates}
    assert set(linked) == {
        "Borgmester vil finde yderligere 13 millioner til sagsbehandling",
        "Jobcentret får ny ledelse",
    }
    c = linked["Jobcentret får ny ledelse"]
    assert c.url == httpserver.url_for("/2017/09/15/tv2-lorry")  # the slash folded (urls.py)
    assert c.outlet == "TV2 Lorry" and c.via == "linklist"
    assert c.published_at == datetime(2017, 9, 15, tzinfo=CPH)
    unlinked = {(r.outlet, r.published_at.date().isoformat(), r.title) for r in res.records}
    assert unlinked == {
        ("Politiken", "2017-06-28", "Førtidspensionister demonstrerede foran Rådhuset"),
        (
            "Information",
            "2017-07-19",
            "Ophedet kamp om reformer udspiller sig på jobcentret på Lærkevej",
        ),
        ("TV2 Lorry", "2017-06-28", "Demonstration mod jobcentret"),
        ("Avisen.dk", "2017-06-01", "Kommunen har fordoblet antallet af nye førtidspensioner"),
        ("DR", "2017-06-22", "Udvalget holder ekstraordinært møde"),
    }
    assert all(r.via == "linklist" and r.url is None for r in res.records)
    # The prose sentence with a date inside it is not mistaken for an entry.
    assert not any("borgmesteren" in (r.title or "") for r in res.records)


def test_file_source_and_missing_file(tmp_path, monkeypatch):
    (tmp_path / "liste.txt").write_text(
        "* TV2 Lorry 29. juni 2017: Borgmester vil finde yderligere 13 millioner\n"
        "- Berlingske 3. juli 2017: Førtidspension https://www.berlingske.dk/politik/x\n"
        "noise line\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    src = LinklistSource(name="liste", outlet="Diverse", kind="linklist", file="liste.txt")
    res = with_getter(lambda g: linklist.discover(src, g))
    assert [c.url for c in res.candidates] == ["https://www.berlingske.dk/politik/x"]
    assert [r.title for r in res.records] == ["Borgmester vil finde yderligere 13 millioner"]
    gone = LinklistSource(name="liste", outlet="Diverse", kind="linklist", file="mangler.txt")
    res2 = with_getter(lambda g: linklist.discover(gone, g))
    assert res2.candidates == [] and "cannot read" in res2.problems[0].reason


def test_page_without_entries_and_failed_fetch(httpserver):
    httpserver.expect_request("/tom").respond_with_data("<html><body><p>Intet</p></body></html>")
    httpserver.expect_request("/fejl").respond_with_data("x", status=500)

    async def both(g):
        a = LinklistSource(name="a", outlet="o", kind="linklist", url=httpserver.url_for("/tom"))
        b = LinklistSource(name="b", outlet="o", kind="linklist", url=httpserver.url_for("/fejl"))
        return await linklist.discover(a, g), await linklist.discover(b, g)

    empty, failed = with_getter(both)
    assert empty.records == [] and "no lines" in empty.problems[0].reason
    assert failed.problems[0].reason == "HTTP 500"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_fuzz_parse_line_never_raises(text):
    e = parse_line(text)
    assert e is None or (e.outlet and e.title)


def test_month_and_danish_dates_keep_their_precision(tmp_path, monkeypatch):
    (tmp_path / "liste.txt").write_text(
        "- DR juni 2017: Kommunen får travlt på jobcentret\n"
        "- Politiken apr. 2018 – Ny kurs for sagsbehandlingen https://politiken.dk/a/1\n"
        "- TV2 Lorry d. 29. juni 2017 kl. 20.30: Indslag om fleksjob\n"
        "- Avisen maj 2017: For gammel til listen\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    src = LinklistSource(
        name="liste", outlet="Diverse", kind="linklist", file="liste.txt", since="2017-06-15"
    )
    res = with_getter(lambda g: linklist.discover(src, g))
    records = {r.title: (r.published_at, r.published_precision) for r in res.records}
    # "juni 2017" reaches past the cutoff on 15 June; "maj 2017" does not.
    assert records == {
        "Kommunen får travlt på jobcentret": (datetime(2017, 6, 1, tzinfo=CPH), "month"),
        "Indslag om fleksjob": (datetime(2017, 6, 29, 20, 30, tzinfo=CPH), "time"),
    }
    [linked] = res.candidates
    assert linked.published_at == datetime(2018, 4, 1, tzinfo=CPH)
    assert linked.extra["date_precision"] == "month"


UNDATED_PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8">
<title>Ny kurs for sagsbehandlingen</title></head><body><article>
<h1>Ny kurs for sagsbehandlingen</h1>
<p>Jobcentret i København lægger sagsbehandlingen om, og borgere med fleksjob skal have
færre møder. Forvaltningen vil evaluere ordningen efter et år.</p>
<p>Udvalget drøfter sagen igen efter sommerferien, oplyser forvaltningen.</p>
</article></body></html>"""


def test_a_fetched_undated_page_keeps_the_lists_month(httpserver, tmp_path, run_cli):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/a/1").respond_with_data(
        UNDATED_PAGE, content_type="text/html; charset=utf-8"
    )
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "liste.txt").write_text(
        f"- Politiken apr. 2018 – Ny kurs for sagsbehandlingen {httpserver.url_for('/a/1')}\n",
        encoding="utf-8",
    )
    (project / "sources.yaml").write_text(
        "crawl:\n  delay_s: 0\n  allow_private_addresses: true\n  max_attempts: 1\n"
        "topic:\n  query: fleksjob*\n"
        "sources:\n  - name: liste\n    outlet: Diverse\n    kind: linklist\n"
        "    file: liste.txt\n    topical: true\n",
        encoding="utf-8",
    )
    (project / "events.yaml").write_text("events: []\n", encoding="utf-8")
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    con.execute("SET TimeZone = 'Europe/Copenhagen'")
    row = con.execute(
        "SELECT title, strftime(published_at, '%Y-%m-%d %H:%M'), published_precision, date_source"
        " FROM items"
    ).fetchone()
    con.close()
    assert row == ("Ny kurs for sagsbehandlingen", "2018-04-01 00:00", "month", "listing_hint")


def test_list_only_records_are_judged_with_their_listed_date(tmp_path, run_cli):
    """A single anchor of an event names its occurrence only when the list dates the entry in
    the event's window (relevance reads the date, not only the title)."""
    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "liste.txt").write_text(
        "- DR 14. marts 2017: Kendelsen om ressourceforløb lader vente på sig\n"
        "- DR juni 2017: Kendelsen om ressourceforløb lader vente på sig\n",
        encoding="utf-8",
    )
    (project / "sources.yaml").write_text(
        "crawl:\n  delay_s: 0\n"
        "topic:\n  subject: ressourceforløb*\n  place: København*\n"
        "sources:\n  - name: liste\n    outlet: Diverse\n    kind: linklist\n"
        "    file: liste.txt\n",
        encoding="utf-8",
    )
    (project / "events.yaml").write_text(
        "events:\n  - id: 2017-03-kendelse\n    start: 2017-03-06\n    end: 2017-03-10\n"
        "    kind: decision\n    title: Nævnets kendelse\n    description: En kendelse.\n"
        "    subject: [ressourceforløb]\n    anchors: [kendelse*]\n",
        encoding="utf-8",
    )
    res = run_cli("run", "--no-render", cwd=project)
    assert res.code == 0, res.err
    con = duckdb.connect(str(project / "data" / "mediespor.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT published_precision, is_relevant, topic_terms FROM items ORDER BY published_at"
    ).fetchall()
    con.close()
    assert [r[:2] for r in rows] == [("day", True), ("month", False)]
    assert "begivenhed: kendelse*" in rows[0][2]
    assert "begivenhed: kendelse*" not in rows[1][2]
