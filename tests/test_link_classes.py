"""The linker and relevance together on our own items of every class (docs/linking.md).

Each item is judged by the shipped topic and linked against the shipped events.yaml, as a run
does; the expected events are what the item is about.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from conftest import REPO
from mediespor.config.events import load_events
from mediespor.config.sources import load_sources
from mediespor.date_interval import start_of
from mediespor.link.linker import link_items
from mediespor.models import ItemRecord
from mediespor.store.catalog import sync_events
from mediespor.store.db import open_store, utcnow
from mediespor.store.items import upsert_item
from mediespor.topic.relevance import judge, relevance_model

DEMO = "2017-06-28-demonstration"
MONEY = "2017-06-29-13-millioner"
ANKE = "2017-07-ankestyrelsen-principafgoerelse"
VALG = "2017-11-21-kommunalvalg"
STOP = "2017-10-25-allerslev-stopper"

# (case, published, precision, title, lead, expected events)
CASES = [
    ("other-municipality", "2017-06-28", "day", "Aarhus: flere får førtidspension",
     "Jobcentret i Aarhus ændrer kurs. Aarhus Kommune vil gennemgå sagerne, siger "
     "rådmanden i Aarhus.", set()),
    ("national-explainer", None, None, "Sådan virker reformen af førtidspension",
     "Siden 2013 skal personer under 40 år i ressourceforløb i stedet for førtidspension.",
     set()),
    ("service-page", None, None, "Førtidspension i Københavns Kommune",
     "Hvis du er syg, kan du søge om førtidspension. Du skal kontakte jobcentret. "
     "Læs mere om reglerne.", set()),
    ("biography", None, None, "Anna Mee Allerslev",
     "Anna Mee Allerslev er født i 1984 og er dansk politiker, uddannet i statskundskab. "
     "Som borgmester i København fik hun kritik for jobcentrene og forlod politik i 2017.",
     set()),
    ("mayor-other-affair", "2017-10-20", "day", "Allerslevs bryllup på Rådhuset koster",
     "Borgmester Anna Mee Allerslev må forklare regningen for brylluppet i København.", set()),
    ("other-cph-demonstration", "2017-07-01", "day", "Tusinder demonstrerede for klimaet",
     "Demonstranterne gik fra Rådhuspladsen gennem København.", set()),
    ("other-budget", "2017-07-04", "day", "Kommunen afsætter 40 millioner til jobcentret",
     "Københavns Kommune bruger 40 millioner kroner på flere sagsbehandlere i jobcentret.",
     set()),
    ("undated-with-date", None, None, "Da borgerne stod foran Rådhuset",
     "Den 28. juni 2017 demonstrerede syge borgere foran Københavns Rådhus mod jobcentret, "
     "mens Beskæftigelses- og Integrationsudvalget holdt ekstraordinært møde.", {DEMO}),
    ("undated-subject-only", None, None, "Jobcentret i København under pres",
     "Syge borgere kritiserer sagsbehandlingen af førtidspension i København.", set()),
    # One pair of subject words ("Ankestyrelse* + ressourceforløb*") is how a personal case
    # or a guide names the subject; undated, it takes two different anchors to link.
    ("undated-one-anchor", None, None, "Min sag i jobcentret",
     "Jeg har været i ressourceforløb i fire år i København. Først da Ankestyrelsen gav mig "
     "medhold, fik jeg førtidspension.", set()),
    ("undated-two-anchors", None, None, "Vi var 150 foran Rådhuset",
     "Vi stod foran Københavns Rådhus med skilte, mens udvalget holdt ekstraordinært møde om "
     "jobcentrene.", {DEMO}),
    # A guide names the Ankestyrelsen's principle decisions in general: the decision's pairs
    # of subject words are window anchors, which an undated item does not show.
    ("undated-guide", None, None, "Hvad er et ressourceforløb?",
     "Ankestyrelsen har i flere principafgørelser slået fast, hvornår et ressourceforløb kan "
     "afsluttes. Kritikere i København peger på, at forløbene trækker ud.", set()),
    # A timeline names each event once: one strong anchor per event, three events.
    ("undated-timeline", None, None, "Sådan gik det",
     "Først et fælles brev med 16 krav til udvalget, så en demonstration foran Rådhuset, så 13 "
     "millioner til jobcentret.", set()),
    ("month-only", "2017-06-01", "month", "Borgmesteren finder 13 millioner",
     "Pengene skal bruges til sagsbehandling i jobcentrene i København.", {MONEY}),
    ("range-tail", "2017-08-01", "day", "Ankestyrelsen: ressourceforløb kan ikke stoppes",
     "Principafgørelsen får betydning for syge borgere i København, siger jobcentret.", {ANKE}),
    ("election", "2017-11-14", "day", "Valgkamp: jobcentret bliver et tema i København",
     "Kandidaterne til Borgerrepræsentationen lover syge borgere en bedre sagsbehandling "
     "efter kommunalvalget.", {VALG}),
    ("english", "2017-06-28", "day", "Sick citizens protest at Copenhagen City Hall",
     "They say the city's job centres treat them as suspects while the committee meets.",
     {DEMO}),
    ("english-stop", "2017-10-26", "day", "Copenhagen's employment mayor to quit politics",
     "Anna Mee Allerslev has faced months of criticism over the city's job centres.", {STOP}),
    ("core-stop", "2017-10-25", "day", "Anna Mee Allerslev forlader politik",
     "Beskæftigelses- og integrationsborgmesteren i København stopper efter kritikken af "
     "jobcentrene.", {STOP}),
]  # fmt: skip


@pytest.fixture(scope="module")
def linked():
    events = load_events(REPO / "events.yaml")
    anchors = [a for e in events for a in e.anchors]
    topic = relevance_model(load_sources(REPO / "sources.yaml").topic, anchors)
    store = open_store(None)
    ids = {}
    with store.transaction() as con:
        sync_events(con, events)
        for case, published, precision, title, lead, _ in CASES:
            when = (
                start_of(date.fromisoformat(published), precision)
                if published and precision != "day"
                else (datetime.fromisoformat(published + "T12:00:00+02:00") if published else None)
            )
            rec = ItemRecord(
                outlet="Test", title=title, via="test", source="test", lead=lead,
                url=f"https://example.dk/{case}", published_at=when,
                published_precision=precision, seen_url=f"https://example.dk/{case}",
            )  # fmt: skip
            verdict = judge(topic, title, lead)
            res = upsert_item(
                con, rec, now=utcnow(), run_id=None, relevant=verdict.relevant,
                topic_terms=verdict.terms,
            )  # fmt: skip
            ids[case] = res.item_id
    link_items(store, events)
    links: dict[str, set[str]] = {}
    for item_id, event_id in store.con.execute(
        "SELECT item_id, event_id FROM item_events WHERE status <> 'rejected'"
    ).fetchall():
        links.setdefault(item_id, set()).add(event_id)
    yield {case: links.get(item_id, set()) for case, item_id in ids.items()}
    store.close()


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_each_class_links_to_what_it_is_about(linked, case):
    expected = next(c[-1] for c in CASES if c[0] == case)
    assert linked[case] == expected
