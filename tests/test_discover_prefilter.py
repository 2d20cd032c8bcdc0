"""Stage-one topic pre-filter on candidate title, summary and URL slug."""

from __future__ import annotations

from mediespor.config.sources import TopicSettings
from mediespor.discover.prefilter import candidate_text, prefilter, prefilter_query
from mediespor.models import Candidate

TOPIC = TopicSettings(
    query='førtidspension* OR "Anna Mee Allerslev"',
    prefilter="førtidspension* OR foertidspension* OR jobcent* OR Allerslev*",
)


def _c(url: str, title: str | None = None, summary: str | None = None) -> Candidate:
    return Candidate(url=url, source="s", via="feed", title=title, summary=summary)


def test_title_summary_or_slug_decides():
    q = prefilter_query(TOPIC)
    cands = [
        _c("https://www.tv2lorry.dk/koebenhavn/a", "Førtidspensionister demonstrerer"),
        _c("https://www.tv2lorry.dk/koebenhavn/b", "Demo foran Rådhuset", "Jobcentret i kritik"),
        _c("https://www.tv2lorry.dk/koebenhavn/ingen-foertidspension-til-syge", "Nyt fra byen"),
        _c("https://www.tv2lorry.dk/koebenhavn/trafik", "Trafikulykke", "På Amagerbrogade"),
        _c("https://www.dr.dk/nyheder/allerslev-vil-have-flere-sagsbehandlere"),
    ]
    res = prefilter(cands, q, topical=False)
    assert [c.url.rsplit("/", 1)[-1] for c in res.kept] == [
        "a",
        "b",
        "ingen-foertidspension-til-syge",
        "allerslev-vil-have-flere-sagsbehandlere",
    ]
    assert [c.title for c in res.dropped] == ["Trafikulykke"]
    assert res.kept[2].extra["prefilter_terms"] == ["foertidspension*"]


def test_topical_sources_skip_the_prefilter():
    q = prefilter_query(TOPIC)
    cands = [_c("http://www.livoverlov.nu/2017/10/26/dialogmoede/", "Dialogmøde")]
    assert prefilter(cands, q, topical=True).kept == cands
    assert prefilter(cands, q, topical=False).kept == []


def test_query_falls_back_to_the_full_query_and_text_has_slug_words():
    q = prefilter_query(TopicSettings(query="fleksjob*"))
    assert q.text == "fleksjob*"
    text = candidate_text(_c("https://x.dk/indland/2017/07/fleksjobbet-under-pres", "T"))
    assert text == "T\nindland 2017 07 fleksjobbet under pres"


def test_url_slug_with_ascii_spelling_of_danish_letters_passes():
    from mediespor.discover.prefilter import passes
    from mediespor.models import Candidate
    from mediespor.topic import parse_query

    query = parse_query("førtidspension* OR ressourceforløb* OR fleksjob")
    slug = Candidate(
        url="https://www.tv2lorry.dk/koebenhavn/foertidspensioner-stiger", source="s", via="sitemap"
    )
    assert passes(slug, query) == (True, ["foertidspension*"])
    forloeb = Candidate(url="https://x.dk/hun-skal-i-ressourceforloeb", source="s", via="sitemap")
    assert passes(forloeb, query)[0]
    other = Candidate(url="https://x.dk/koebenhavn/solrig-weekend", source="s", via="sitemap")
    assert passes(other, query) == (False, [])
