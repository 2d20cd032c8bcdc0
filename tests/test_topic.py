"""The topic query language: parser errors with positions, operators, Danish inflections."""

from __future__ import annotations

import pytest

from mediespor.topic import QuerySyntaxError, parse_query
from mediespor.topic.relevance import judge
from mediespor.topic.text import inflections, tokens


def m(query: str, text: str) -> bool:
    return parse_query(query).match(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "Førtidspensionen blev tildelt",
        "flere førtidspensionister demonstrerede",
        "Førtidspensions-ansøgere venter",
        "FØRTIDSPENSION",
        "førtidspensionssager hober sig op",
    ],
)
def test_prefix_matches_danish_inflections_and_compounds(text):
    assert m("førtidspension*", text)


def test_bare_term_matches_inflections_but_not_other_words():
    assert m("fleksjob", "fleksjobbet forsvinder")
    assert m("fleksjob", "mange fleksjobs")
    assert m("jobcenter", "jobcentrene i København")
    assert m("jobcenter", "Jobcentret på Lærkevej")
    assert m("førtidspension", "førtidspensionen")
    assert m("førtidspension", "førtidspensionens")
    assert not m("førtidspension", "førtidspensionister")  # a different word: use a prefix
    assert not m("job", "jobcentret")
    assert not m("fleksjob", "flex job")


def test_case_and_danish_letters_are_kept():
    assert m("Rådhus*", "foran RÅDHUSET")
    assert not m("raadhus*", "foran Rådhuset")  # æ/ø/å are not transliterated
    assert tokens("Ærø Øl Å-strøm") == ["ærø", "øl", "å", "strøm"]


def test_and_or_not_and_precedence():
    q = "jobcenter* AND NOT kontanthjælp* OR fleksjob*"
    # NOT binds tightest, then AND, then OR: (jobcenter* AND (NOT kontanthjælp*)) OR fleksjob*
    assert m(q, "jobcentret")
    assert not m(q, "jobcentret og kontanthjælpen")
    assert m(q, "jobcentret og kontanthjælpen og fleksjobbet")
    assert m("jobcenter* kommune*", "Jobcentret i kommunen")  # juxtaposition is AND
    assert not m("jobcenter* kommune*", "Jobcentret")


def test_parentheses_group():
    q = "(jobcenter* OR sagsbehandl*) AND (København* OR kommune*)"
    assert m(q, "sagsbehandlerne i Københavns Kommune")
    assert not m(q, "sagsbehandlerne i Aarhus")
    assert m("NOT (fodbold OR håndbold)", "byrådet")
    assert not m("NOT (fodbold OR håndbold)", "håndbolden")


def test_phrases_are_consecutive_and_inflection_aware():
    q = '"Anna Mee Allerslev"'
    assert m(q, "borgmester Anna Mee Allerslev (R) siger")
    assert m(q, "Anna Mee Allerslevs forslag")
    assert not m(q, "Anna og Mee Allerslev")
    assert m('"Liv Over Lov"', "gruppen liv over lov")


def test_matched_terms_only_from_branches_that_matched():
    q = parse_query('førtidspension* OR (jobcenter* AND kommune*) OR "Liv Over Lov"')
    ok, terms = q.match("Førtidspensionister og jobcentret")
    assert ok and terms == ["førtidspension*"]
    ok, terms = q.match("Jobcentret i kommunen og Liv over lov")
    assert ok and terms == ['"Liv Over Lov"', "jobcenter*", "kommune*"]
    assert q.match("ingenting") == (False, [])
    assert judge(q, "Titel", None, "om førtidspension").terms == ["førtidspension*"]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("jobcenter AND", "ends where a term was expected"),
        ("(jobcenter OR fleksjob", "opened at character 1 is not closed"),
        ("jobcenter )", "unexpected ')' at character 11"),
        ('"Anna Mee', "unbalanced quote"),
        ("fo*", "too short"),
        ("job*center", "only allowed at the end"),
        ('""', "empty phrase at character 1"),
        ("OR jobcenter", "unexpected 'OR' at character 1"),
        ("jobcenter AND OR fleksjob", "unexpected 'OR' at character 15"),
        ("a-b", "not one word"),
    ],
)
def test_syntax_errors_say_where(query, fragment):
    with pytest.raises(QuerySyntaxError) as exc:
        parse_query(query)
    assert fragment in str(exc.value)


def test_inflection_forms():
    assert {"fleksjobbet", "fleksjobs", "fleksjobbene"} <= inflections("fleksjob")
    assert {"jobcentret", "jobcentrene", "jobcenteret"} <= inflections("jobcenter")


def test_the_shipped_query_parses_and_matches_real_titles():
    import yaml

    from conftest import REPO

    cfg = yaml.safe_load((REPO / "sources.yaml").read_text(encoding="utf-8"))
    q = parse_query(cfg["topic"]["subject"])
    assert m(cfg["topic"]["subject"], "Borgmester vil finde 13 millioner: jobcentret i København")
    assert q.match("Demonstration: Førtidspensionister kræver svar")[0]
    assert not q.match("Trafikulykke på Amagerbrogade")[0]
    pre = parse_query(cfg["topic"]["prefilter"])
    assert pre.match("koebenhavn ingen foertidspension til syge")[0]  # a URL slug
