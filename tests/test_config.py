"""Config validation: every bad file gives one message with file, line and key, and exit 2."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mediespor.config import load_events, load_sources
from mediespor.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]

GOOD_SOURCES = """\
topic:
  query: førtidspension* OR fleksjob
sources:
  - name: tv2-rss
    outlet: TV2 Lorry
    kind: feed
    url: https://www.tv2kosmopol.dk/rss
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_shipped_files_are_valid():
    sources = load_sources(REPO / "sources.yaml")
    events = load_events(REPO / "events.yaml")
    assert len(events) == 11
    assert {e.event_id for e in events} >= {"2017-06-28-demonstration", "2017-06-29-13-millioner"}
    assert any(s.name == "livoverlov" and s.topical for s in sources.sources)
    ranges = [e for e in events if e.is_range]
    assert all(e.anchors and e.keywords for e in events), "every event has anchors and subject"
    assert {e.event_id for e in ranges} == {
        "2017-07-ankestyrelsen-principafgoerelse",
        "2018-06-ruc-speciale",
    }


def test_good_sources_loads(tmp_path):
    cfg = load_sources(write(tmp_path, "sources.yaml", GOOD_SOURCES))
    assert cfg.sources[0].kind == "feed"
    assert cfg.crawl.delay_s == 1.0


@pytest.mark.parametrize(
    ("text", "line", "key", "fragment"),
    [
        (
            GOOD_SOURCES.replace("kind: feed", "kind: rsss"),
            6,
            "sources[0].kind",
            "kind 'rsss' is not known; expected one of",
        ),
        (GOOD_SOURCES.replace("    url: https://www.tv2kosmopol.dk/rss\n", ""), 4, "sources[0].url",
         "required key 'url' is missing"),
        (GOOD_SOURCES.replace("url: https://www.tv2kosmopol.dk/rss", "url: ftp://x.dk/rss"), 7,
         "sources[0].url", "expected an http:// or https:// URL"),
        (GOOD_SOURCES + "    urll: https://x.dk\n", 8, "sources[0].urll", "unknown key 'urll'"),
        (GOOD_SOURCES.replace("førtidspension* OR fleksjob", "'\"førtidspension OR fleksjob'"), 2,
         "topic.query", "unbalanced quote"),
        (GOOD_SOURCES.replace("førtidspension* OR fleksjob", "(fleksjob OR"), 2, "topic.query",
         "invalid topic query"),
        (GOOD_SOURCES + "  - name: tv2-rss\n    outlet: X\n    kind: feed\n    url: https://x.dk\n",
         8, "sources[1].name", "used twice"),
        (GOOD_SOURCES.replace("name: tv2-rss", "name: TV2 RSS"), 4, "sources[0].name",
         "lower-case"),
        (GOOD_SOURCES + "crawl:\n  delay_s: -1\n", 9, "crawl.delay_s", "greater than or equal"),
        (GOOD_SOURCES + "  - name: l\n    outlet: X\n    kind: listing\n    url: https://x.dk\n"
         "    item_selector: 'div[[['\n", 12, "sources[1].item_selector", "invalid CSS selector"),
        (GOOD_SOURCES + "  - name: s\n    outlet: X\n    kind: sitemap\n    url: https://x.dk/s.xml\n"
         "    url_pattern: '(unclosed'\n", 12, "sources[1].url_pattern", "invalid regular expression"),
        (GOOD_SOURCES + "    max_items: many\n", 8, "sources[0].max_items", "valid integer"),
        (GOOD_SOURCES + "    topical: maybe\n", 8, "sources[0].topical", "valid boolean"),
        (GOOD_SOURCES.replace("sources:", "sources: 3\nx:", 1), 3, "sources", "valid list"),
        (GOOD_SOURCES + "crawl:\n  allowed_networks: ['not-a-net']\n", 9,
         "crawl.allowed_networks", "is not a network"),
        ("topic: [unclosed\n", 2, None, "YAML syntax error"),
        ("topic:\n  query: a\ntopic:\n  query: b\n", 3, "topic", "appears twice"),
        ("sources: []\n", 1, "topic", "required key 'topic' is missing"),
        ("topic:\n  subject: fleksjob\n", 1, "topic", "'subject' needs 'place'"),
        ("topic:\n  place: København\n", 1, "topic", "give 'subject' and 'place'"),
        ("topic:\n  subject: fleksjob\n  place: (København\n", 3, "topic.place",
         "invalid topic query"),
        ("topic:\n  subject: fleksjob\n  place: x\n  elsewhere: Aarhus OR\n", 4,
         "topic.elsewhere", "invalid topic query"),
        ("topic:\n  subject: fleksjob\n  place: x\n  not_about:\n    side:\n"
         "      query: du\n      min_terms: 0\n", 7, "topic.not_about.side.min_terms",
         "greater than or equal"),
        ("topic:\n  query: fleksjob\n  place: x\n", 1, "topic", "need 'subject'"),
    ],
)  # fmt: skip
def test_bad_sources_name_line_and_key(tmp_path, text, line, key, fragment):
    path = write(tmp_path, "sources.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_sources(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert err.key == key, str(err)
    assert fragment in err.problem, str(err)
    assert str(err).startswith(f"{path}:{line}:" if line else f"{path}:")


GOOD_EVENT = """\
events:
  - id: demo
    date: 2017-06-28
    kind: demonstration
    title: Demonstration
"""


@pytest.mark.parametrize(
    ("text", "line", "key", "fragment"),
    [
        (GOOD_EVENT.replace("date: 2017-06-28", "date: 2017-13-45"), 3, "events[0].date",
         "date"),
        (GOOD_EVENT.replace("kind: demonstration", "kind: party"), 4, "events[0].kind",
         "'demonstration'"),
        (GOOD_EVENT.replace("    date: 2017-06-28\n", ""), 2, "events[0]", "give 'date'"),
        (GOOD_EVENT.replace("date: 2017-06-28", "start: 2017-06-28\n    end: 2017-06-01"), 2,
         "events[0]", "'end' is before 'start'"),
        (GOOD_EVENT + GOOD_EVENT.split("\n", 1)[1], 6, "events[1].id", "used twice"),
        (GOOD_EVENT.replace("id: demo", "id: Demo Day"), 2, "events[0].id", "lower-case"),
        (GOOD_EVENT + "    source_url: javascript:alert(1)\n", 6, "events[0].source_url",
         "http"),
        ("events: {}\n", 1, "events", "valid list"),
        (GOOD_EVENT + "    anchors: ['demonstr* + ']\n", 6, "events[0].anchors",
         "has an empty part"),
        (GOOD_EVENT + "    anchors: ['de*']\n", 6, "events[0].anchors", "at least 4 letters"),
        (GOOD_EVENT + "    window_anchors: ['demonstr* + ']\n", 6, "events[0].window_anchors",
         "has an empty part"),
        (GOOD_EVENT + "    anchors: ['nye demonstr*']\n", 6, "events[0].anchors",
         "only at the end of one word"),
        (GOOD_EVENT + "    subject: [fleksjob]\n    keywords: [x]\n", 2, "events[0]",
         "not both"),
        (GOOD_EVENT + "    before_days: 400\n", 6, "events[0].before_days", "less than"),
    ],
)  # fmt: skip
def test_bad_events_name_line_and_key(tmp_path, text, line, key, fragment):
    path = write(tmp_path, "events.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_events(path)
    err = info.value
    assert err.line == line, str(err)
    assert err.key == key, str(err)
    assert fragment in err.problem, str(err)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_events(tmp_path / "nope.yaml")


def test_cli_bad_config_exits_2_without_traceback(project, run_cli):
    (project / "events.yaml").write_text(
        "events:\n  - id: x\n    date: 2017-06-28\n    kind: picnic\n    title: T\n",
        encoding="utf-8",
    )
    for command in (["run"], ["check"]):
        res = run_cli(*command, cwd=project)
        assert res.code == 2
        assert "Traceback" not in res.err
        assert "events.yaml:4: events[0].kind:" in res.err
    assert not (project / "data" / "mediespor.duckdb").exists()
