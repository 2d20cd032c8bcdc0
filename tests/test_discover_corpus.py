"""Corpus discovery: Parquet read by DuckDB, the topic filter in SQL, headline and date line."""

from __future__ import annotations

import asyncio
from datetime import datetime

from corpus_support import corpus_row, write_corpus
from mediespor.config.sources import CorpusSource
from mediespor.danish_dates import CPH
from mediespor.discover import corpus
from mediespor.discover.corpus import read_rows, split_row
from mediespor.topic import parse_query

PRE = parse_query("førtidspension* OR fleksjob* OR jobcent*")


def _src(path, **kw) -> CorpusSource:
    return CorpusSource(
        name="tv2r", outlet="TV 2 regionerne", kind="corpus", path=str(path),
        corpus="Danish Dynaword, tv2r", license="CC BY-SA 4.0",
        attribution="TV 2 Regionerne via Danish Dynaword", **kw,
    )  # fmt: skip


def _rows() -> list[tuple]:
    rows = [
        corpus_row(n, f"Vejret i weekenden nr. {n}", "03 maj 2017 kl. 08.00") for n in range(200)
    ]
    rows += [
        corpus_row(1001, "Afslag på førtidspension stiger", "02 april 2017 kl. 17.58"),
        corpus_row(1002, "Fleksjob til færre", "2. august 2017"),
        corpus_row(1003, "Jobcentret lukker afdeling", "ingen dato her"),
        corpus_row(1004, "Fleksjob i en anden samling", "5. maj 2017", source="other"),
        corpus_row(1005, "Gammel sag om førtidspension", "4. januar 2012 kl. 10.00"),
    ]
    return rows


def test_split_row_takes_headline_and_date_line():
    parts = split_row("Borgere venter på svar\n02 april 2017 kl. 17.58\nFørste afsnit.\nAndet.")
    assert parts.title == "Borgere venter på svar"
    assert parts.published_at == datetime(2017, 4, 2, 17, 58, tzinfo=CPH)
    assert parts.precision == "time" and parts.body == "Første afsnit.\nAndet."
    wrapped = split_row("En lang overskrift\nover to linjer\n\n2. august 2017\nTekst.")
    assert wrapped.title == "En lang overskrift over to linjer" and wrapped.precision == "day"
    undated = split_row("Kun en overskrift\nOg så en tekst uden dato.")
    assert undated.title == "Kun en overskrift" and undated.published_at is None
    assert split_row("  \n ").title is None


def test_only_matching_rows_come_out_of_duckdb(tmp_path):
    path = write_corpus(tmp_path / "tv2r.parquet", _rows())
    rows = read_rows(_src(path, sources=["tv2r"]), PRE)
    # 205 rows in the file; SQL returns only the four of the tv2r section with the words.
    assert [r[0] for r in rows] == ["tv2r_1001", "tv2r_1002", "tv2r_1003", "tv2r_1005"]


def test_rows_become_items_with_their_evidence(tmp_path):
    path = write_corpus(tmp_path / "tv2r.parquet", _rows())
    src = _src(path, sources=["tv2r"])
    res = asyncio.run(corpus.discover(src, None, since=None, prefilter=PRE))
    assert res.problems == [] and res.candidates == []
    by_title = {r.title: r for r in res.records}
    first = by_title["Afslag på førtidspension stiger"]
    assert first.published_at == datetime(2017, 4, 2, 17, 58, tzinfo=CPH)
    assert first.date_source == "date_line" and first.url is None and first.via == "corpus"
    assert first.text.startswith("Kommunen har behandlet")
    assert first.corpus_ref.record_id == "tv2r_1001"
    assert first.corpus_ref.license == "CC BY-SA 4.0"
    assert first.provenance["corpus"] == "Danish Dynaword, tv2r"
    undated = by_title["Jobcentret lukker afdeling"]
    assert undated.published_at is None and "undated" in undated.provenance


def test_since_and_max_records(tmp_path):
    path = write_corpus(tmp_path / "tv2r.parquet", _rows())
    since = datetime(2017, 1, 1, tzinfo=CPH)
    res = asyncio.run(corpus.discover(_src(path), None, since=since, prefilter=PRE))
    titles = {r.title for r in res.records}
    assert "Gammel sag om førtidspension" not in titles and res.stats.too_old == 1
    capped = asyncio.run(corpus.discover(_src(path, max_records=2), None, prefilter=PRE))
    assert len(capped.records) == 2 and capped.stats.stopped == "max_records (2) reached"


def test_a_topical_corpus_reads_every_row(tmp_path):
    path = write_corpus(tmp_path / "tv2r.parquet", _rows()[:10])
    res = asyncio.run(corpus.discover(_src(path, topical=True), None, prefilter=PRE))
    assert len(res.records) == 10


def test_an_unreadable_corpus_is_a_problem_not_a_crash(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    res = asyncio.run(corpus.discover(_src(bad), None, prefilter=PRE))
    assert res.records == [] and "cannot read the corpus" in res.problems[0].reason
    missing = asyncio.run(corpus.discover(_src(tmp_path / "none.parquet"), None, prefilter=PRE))
    assert missing.problems and missing.stats.stopped == "corpus unreadable"


def test_config_errors_name_the_line_and_the_fix(tmp_path):
    import pytest

    from mediespor.config import load_sources
    from mediespor.errors import ConfigError

    head = 'topic: {query: "fleksjob*"}\nsources:\n'
    cases = [
        ("  - {name: k, outlet: o, kind: corpus, path: x.parquet, corpus: c, license: l,"
         " id_column: 'bad name'}\n", "a column name"),
        ("  - {name: k, outlet: o, kind: corpus, path: 'ftp://x/y.parquet', corpus: c,"
         " license: l}\n", "https:// or hf://"),
        ("  - {name: k, outlet: o, kind: corpus, path: x.parquet, corpus: c}\n",
         "required key 'license'"),
        ("  - {name: i, outlet: o, kind: commoncrawl-index, index: [x.parquet]}\n",
         "give 'domains'"),
        ("  - {name: w, outlet: o, kind: wayback, domain: 'https://x.dk/',"
         " from_date: 2017-01-01, to_date: 2017-02-01}\n", "bare domain"),
    ]  # fmt: skip
    for text, fragment in cases:
        path = tmp_path / "sources.yaml"
        path.write_text(head + text, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_sources(path)
        assert info.value.line == 3 and fragment in info.value.problem, str(info.value)


def test_relative_corpus_and_index_files_are_read_from_the_config_folder(tmp_path):
    from mediespor.config import load_sources

    (tmp_path / "sources.yaml").write_text(
        'topic: {query: "fleksjob*"}\nsources:\n'
        "  - {name: k, outlet: o, kind: corpus, path: data/k.parquet, corpus: c, license: l}\n"
        "  - {name: h, outlet: o, kind: corpus, path: 'hf://datasets/x/y/*.parquet', corpus: c,"
        " license: l}\n"
        "  - {name: i, outlet: o, kind: commoncrawl-index, tld: dk,"
        " index: [cc/*.parquet, /abs/i.parquet]}\n",
        encoding="utf-8",
    )
    k, h, i = load_sources(tmp_path / "sources.yaml").sources
    assert k.path == str(tmp_path.resolve() / "data" / "k.parquet")
    assert h.path == "hf://datasets/x/y/*.parquet"
    assert i.index == [str(tmp_path.resolve() / "cc" / "*.parquet"), "/abs/i.parquet"]
