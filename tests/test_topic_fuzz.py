"""Property tests: the topic parser raises only QuerySyntaxError; matching never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediespor.topic import QuerySyntaxError, parse_query
from mediespor.topic.text import ascii_fold

WORDS = st.sampled_from(["førtidspension", "fleksjob*", '"Anna Mee"', "AND", "OR", "NOT", "(",
                         ")", "jobcent*", "Æ", "x*", '"', "*", "å-b", "13"])  # fmt: skip
QUERIES = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=12).map(" ".join))
FUZZ = settings(max_examples=400, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


@FUZZ
@given(QUERIES, st.text(max_size=300))
def test_parse_raises_only_syntax_errors_and_match_never_raises(query, text):
    try:
        q = parse_query(query)
    except QuerySyntaxError as exc:
        assert str(exc)  # always says why
        return
    ok, terms = q.match(text)
    assert isinstance(ok, bool) and (ok or terms == [])
    ok2, _terms2 = q.folded().match(ascii_fold(text))
    assert isinstance(ok2, bool)
    # Deterministic: the same query and text give the same answer.
    assert q.match(text) == (ok, terms)


@FUZZ
@given(st.lists(st.sampled_from(["førtidspension", "fleksjob", "ressourceforløb"]), min_size=1,
                max_size=4))  # fmt: skip
def test_or_of_terms_matches_each_term_alone(terms):
    q = parse_query(" OR ".join(terms))
    for t in terms:
        assert q.match(f"Noget om {t}en i dag")[0]
