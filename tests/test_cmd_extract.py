"""End-to-end: ``mediespor extract`` through the command line on files and standard input."""

from __future__ import annotations

import gzip
import json

from conftest import FIXTURES
from extract_pages import jsonld, page

KEYS = [
    "url", "canonical_url", "title", "lead", "text", "authors", "published", "modified",
    "language", "section", "kind", "date_source",
]  # fmt: skip
URL = "https://www.avisen.dk/indland/vrede"


def test_json_output_has_exactly_the_documented_keys(tmp_path, run_cli):
    f = tmp_path / "side.html"
    head = jsonld(
        {"@type": "NewsArticle", "headline": "Vrede", "datePublished": "2017-06-29T14:32:00+02:00"}
    )
    f.write_text(page(head=head), encoding="utf-8")
    r = run_cli("extract", str(f), "--url", URL, "--json", cwd=tmp_path)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert list(data) == KEYS
    assert data["title"] == "Vrede"
    assert data["published"] == "2017-06-29T14:32:00+02:00"
    assert data["date_source"] == "jsonld"
    assert "Københavns Kommune" in data["text"]


def test_stdin_and_fetched_at(tmp_path, run_cli):
    html = page(before='<p class="dato">Publiceret i går kl. 22.10</p>').encode("latin-1")
    r = run_cli("extract", "-", "--url", URL, "--json", "--fetched-at",
                "2017-06-30T12:00:00+02:00", cwd=tmp_path, stdin=html)  # fmt: skip
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["published"] == "2017-06-29T22:10:00+02:00"
    assert data["date_source"] == "visible_text"


def test_fetched_at_resolves_a_year_less_date_to_the_capture_year(tmp_path, run_cli):
    f = tmp_path / "capture.html"
    f.write_text(page(before='<p class="dato">Onsdag 28. juni kl. 14.32</p>'), encoding="utf-8")
    r = run_cli("extract", str(f), "--url", URL, "--json", "--fetched-at", "2018-01-02T09:00",
                cwd=tmp_path)  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["published"] == "2017-06-28T14:32:00+02:00"
    # Without a reference time a year-less date is not guessed.
    r = run_cli("extract", str(f), "--url", URL, "--json", cwd=tmp_path)
    assert r.code == 0, r.err
    assert json.loads(r.out)["published"] is None


def test_real_page_text_output(tmp_path, run_cli):
    f = tmp_path / "jp.html"
    f.write_bytes(
        gzip.decompress((FIXTURES / "extract" / "jyllandsposten_2025_02_02.html.gz").read_bytes())
    )
    r = run_cli(
        "extract",
        str(f),
        "--url",
        "https://jyllands-posten.dk/jpaarhus/ECE17819867/x/",
        cwd=tmp_path,
    )
    assert r.code == 0, r.err
    assert "title: Hun voksede op blandt narkomaner" in r.out
    assert "authors: Mark Sigetty" in r.out
    assert "Guldsmedgade" in r.out


def test_bad_input_exits_2(tmp_path, run_cli):
    r = run_cli("extract", str(tmp_path / "findes-ikke.html"), "--url", URL, cwd=tmp_path)
    assert r.code == 2
    assert "no such file" in r.err
    f = tmp_path / "x.html"
    f.write_text("<p>x</p>")
    r = run_cli("extract", str(f), "--url", "ftp://x", cwd=tmp_path)
    assert r.code == 2
    r = run_cli("extract", str(f), "--url", URL, "--fetched-at", "igår", cwd=tmp_path)
    assert r.code == 2
    assert "--fetched-at: not an ISO 8601 time: 'igår'" in r.err
    assert "Traceback" not in r.err


def test_garbage_file_still_gives_json(tmp_path, run_cli):
    f = tmp_path / "garbage.bin"
    f.write_bytes(bytes(range(256)) * 20)
    r = run_cli("extract", str(f), "--url", URL, "--json", cwd=tmp_path)
    assert r.code == 0, r.err
    assert json.loads(r.out)["published"] is None


def test_gzipped_page_is_unzipped_and_broken_gzip_exits_2(tmp_path, run_cli):
    jp = FIXTURES / "extract" / "jyllandsposten_2025_02_02.html.gz"
    url = "https://jyllands-posten.dk/jpaarhus/ECE17819867/x/"
    r = run_cli("extract", str(jp), "--url", url, "--json", cwd=tmp_path)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["title"].startswith("Hun voksede op blandt narkomaner")
    assert "Guldsmedgade" in data["text"]
    broken = tmp_path / "halv.html.gz"
    broken.write_bytes(jp.read_bytes()[:200])
    r = run_cli("extract", str(broken), "--url", url, cwd=tmp_path)
    assert r.code == 2
    assert "cannot be unzipped" in r.err
