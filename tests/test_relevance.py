"""Relevance: the dispute's subject anchored in Copenhagen, with reasons, on the shipped topic."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import REPO
from mediespor.config.events import Event
from mediespor.config.sources import TopicSettings, load_sources
from mediespor.topic.query import parse_query
from mediespor.topic.relevance import Topic, judge, relevance_model


@pytest.fixture(scope="module")
def topic():
    model = relevance_model(load_sources(REPO / "sources.yaml").topic)
    assert isinstance(model, Topic)
    return model


# Our own sentences for each class of look-alike and of real coverage.
RELEVANT = [
    ("Kampen om Førtidspension i København", None, None),
    (
        "Borgere demonstrerede foran Rådhuset",
        "Omkring 150 mennesker protesterede mod jobcentrenes behandling af syge borgere.",
        "Beskæftigelses- og Integrationsudvalget holdt ekstraordinært møde.",
    ),
    (
        "Valgkamp: kritikken af jobcentret fylder",
        "Kandidaterne til Borgerrepræsentationen lover en ny kurs for syge borgere.",
        "Flere partier vil ændre sagsbehandlingen i kommunen efter sommerens kritik.",
    ),
    (
        "Jobcentrets Ofre stiller nye krav",
        "Foreningen vil have en anden kultur i forvaltningen.",
        None,
    ),
    # Copenhagen named by a district, the subject by the words of the sick-listed
    ("Sygemeldte i Sydhavnen venter på jobcentret", "Ingen har vurderet arbejdsevnen.", None),
    ("Mand fra Tingbjerg venter på førtidspension", None, None),
    # written without Danish letters, misspelt, abbreviated
    ("Vi kæmper for vores fortidspension", "Mødet foregik foran Raadhuset i Kobenhavn.", None),
    ("Førtidspention og flexjob", "Hvordan går det med jeres sager på jobcentret i Kbh?", None),
    # in English
    ("Sick citizens protest at Copenhagen City Hall", "They say the job centres fail them.", None),
]
NOT_RELEVANT = [
    # another municipality, with a passing comparison to Copenhagen
    (
        "Aarhus giver flere førtidspensioner",
        "Jobcentret i Aarhus har ændret praksis, og Aarhus Kommune tilkender nu flere.",
        "Aarhus-politikerne er tilfredse. I København er tallet lavere.",
        "mest om aarhus*",
    ),
    # national explainer
    (
        "Hvad er førtidspension?",
        "Førtidspension er en ydelse til personer, hvis arbejdsevne er varigt nedsat.",
        "Reformen fra 2013 indførte ressourceforløb for personer under 40 år.",
        "ikke i København",
    ),
    # municipal service page written to the reader
    (
        "Førtidspension",
        "Hvis du har en varigt nedsat arbejdsevne, kan du søge om førtidspension.",
        "Du skal kontakte jobcentret i Københavns Kommune. Læs mere om reglerne på borger.dk.",
        "serviceside",
    ),
    # biography
    (
        "Anna Mee Allerslev",
        "Anna Mee Allerslev, født 1984, er dansk politiker og uddannet cand.scient.pol.",
        "Hun var borgmester i København, hvor jobcentrene blev kritiseret.",
        "biografi",
    ),
    # a profile: elected, grew up, lives, no birth date or "dansk politiker"
    (
        "Mød kandidaten",
        "Hun blev valgt til Borgerrepræsentationen i 2009 og er vokset op på Amager.",
        "Hun bor på Nørrebro og vil rydde op i jobcentrene efter kritikken.",
        "biografi",
    ),
    # the mayor on another matter
    (
        "Borgmesterens bryllup på Rådhuset",
        "Anna Mee Allerslev holdt bryllupsfest, og regningen undrer byrådet i København.",
        None,
        "intet emneord",
    ),
    # another Copenhagen demonstration in 2017
    (
        "Tusinder demonstrerede for klimaet på Rådhuspladsen",
        "Demonstranterne gik gennem København.",
        None,
        "intet emneord",
    ),
]


@pytest.mark.parametrize(("title", "lead", "text"), RELEVANT)
def test_coverage_of_the_dispute_is_relevant(topic, title, lead, text):
    verdict = judge(topic, title, lead, text)
    assert verdict.relevant, verdict.terms
    assert any(t.startswith("emne: ") for t in verdict.terms)
    assert verdict.score >= 0.5


@pytest.mark.parametrize(("title", "lead", "text", "reason"), NOT_RELEVANT)
def test_look_alikes_are_not_relevant_and_say_why(topic, title, lead, text, reason):
    verdict = judge(topic, title, lead, text)
    assert not verdict.relevant
    assert reason in verdict.terms[-1], verdict.terms
    assert verdict.terms[-1].startswith("ikke relevant: ")


def test_copenhagen_story_mentioning_another_city_stays_relevant(topic):
    verdict = judge(
        topic,
        "Jobcentret i København får kritik",
        "Københavns Kommune vil gennemgå sagerne. Borgmesteren på Rådhuset lover svar.",
        "I Aarhus gjorde man det samme sidste år.",
    )
    assert verdict.relevant, verdict.terms
    assert "anden kommune: aarhus*" in verdict.terms


def test_a_copenhagen_story_comparing_itself_with_the_country_stays_relevant(topic):
    dated = {"published": _at(2018, 12, 6), "precision": "day"}
    tie = judge(
        topic,
        "Flere får førtidspension i København",
        "På landsplan er tallet faldet.",
        **dated,
    )
    assert tie.relevant, tie.terms
    more = judge(
        topic,
        "Flere får førtidspension i Aarhus",
        "Jobcentret i Aarhus har ændret kurs.",
        "I København er tallet uændret.",
        **dated,
    )
    assert more.terms[-1] == "ikke relevant: mest om aarhus* (2 mod 1)", more.terms


def test_a_university_or_hospital_named_after_a_city_is_not_that_city(topic):
    text = (
        "Speciale fra Roskilde Universitet: Jobcentrets møder er ulige",
        "To studerende fra Roskilde Universitet har fulgt møder om førtidspension.",
    )
    dated = {"published": _at(2018, 6, 20), "precision": "day"}
    verdict = judge(topic, *text, "Møderne fandt sted i København.", **dated)
    assert verdict.relevant, verdict.terms
    assert not any(t.startswith("anden kommune") for t in verdict.terms)
    patient = judge(
        topic,
        "Kræftsyg sendt i ressourceforløb",
        "Hun blev opereret på Hvidovre Hospital og behandles nu på Herlev Hospital.",
        "Jobcentret i København vil have hende i praktik.",
        **dated,
    )
    assert patient.relevant, patient.terms
    # The city itself still counts: the same thesis on Roskilde's own job centre.
    there = judge(topic, *text, "Møderne fandt sted i Roskilde Kommune.", **dated)
    assert not there.relevant, there.terms


def test_page_furniture_left_by_extraction_does_not_make_a_story_a_service_page(topic):
    # A news story with the lines real pages leave behind (contact footer, cookie notice,
    # "read more", a question to the reader): the service-page language is there, but not
    # throughout, so the story stays relevant. The same lines as the whole page still exclude.
    story = (
        "Syge borgere i København venter i månedsvis på en afgørelse om førtidspension. "
        "Kritikken rammer jobcentrene i Københavns Kommune. Foreningen bag kritikken har "
        "samlet over hundrede sager. Forvaltningen erkender, at sagsbehandlingen tager for "
        "lang tid. Et udvalg skal nu se på sagerne. Politikerne vil have svar inden sommeren. "
        "Flere borgere fortæller om ressourceforløb, der aldrig fører til en afklaring. "
        "En kvinde har ventet i to år. Hendes læge har skrevet tre erklæringer. "
        "Borgmesteren vil svare på kritikken i næste uge. Sagen kommer op på næste møde. "
        "Oppositionen kræver en uvildig undersøgelse. Den skal være færdig til efteråret. "
        "Forvaltningen har ansat flere sagsbehandlere siden foråret."
    )
    furniture = (
        "\nHar du et tip? Kontakt redaktionen."
        "\nVi bruger cookies, så du kan få den bedste oplevelse."
        "\nLæs mere om førtidspension her."
    )
    verdict = judge(topic, "Lang ventetid på afklaring", None, story + furniture)
    assert verdict.relevant, verdict.terms
    service = judge(topic, "Førtidspension i Københavns Kommune", None, furniture)
    assert not service.relevant and "serviceside" in service.terms[-1], service.terms


def test_the_query_interface_works_for_existing_callers(topic):
    ok, reasons = topic.match("Kampen om Førtidspension i København")
    assert ok and "emne: førtidspension*" in reasons


def test_an_older_file_with_one_query_keeps_its_boolean_behaviour():
    settings = TopicSettings(query="førtidspension* OR fleksjob*")
    model = relevance_model(settings)
    assert not isinstance(model, Topic)
    verdict = judge(model, "Fleksjob i Aarhus")
    assert verdict.relevant and verdict.terms == ["fleksjob*"]
    assert judge(parse_query("fleksjob*"), "Intet her").relevant is False


def test_a_long_text_naming_the_dispute_once_after_its_opening_is_a_passing_mention(topic):
    verdict = judge(
        topic,
        "Nyt cykelstinet åbner til foråret",
        "Kommunen har bygget fire kilometer nye stier. Cyklisterne er glade.",
        "Arbejdet tog to år. Det kostede mere end ventet. Borgmesteren klippede snoren. "
        "Hun var i sin tid kritiseret for jobcentrene i København. Næste etape følger til "
        "foråret.",
    )
    assert not verdict.relevant
    assert verdict.terms[-1] == "ikke relevant: kun nævnt i forbifarten"


def test_related_words_need_an_actor_an_occurrence_or_each_other(topic):
    # One related word with Copenhagen: another administration's case work.
    one = judge(topic, "København bruger 16 millioner på nyt it-system til sagsbehandling")
    assert not one.relevant
    # Several related words in Copenhagen: the city's own answer to the criticism.
    several = judge(
        topic,
        "Handleplan for Beskæftigelses- og Integrationsforvaltningen",
        "Planen lover en gennemgang af klagesager og flere sagsbehandlere i København.",
    )
    assert several.relevant, several.terms
    # With an event's combined anchor: the Ankestyrelsen decision, without Copenhagen.
    anchored = relevance_model(
        load_sources(REPO / "sources.yaml").topic, ["Ankestyrelse* + ressourceforløb*"]
    )
    verdict = judge(anchored, "Ankestyrelsen afgør sag om ressourceforløb", "Klager venter.")
    assert verdict.relevant, verdict.terms
    assert "begivenhed: ankestyrelse*" in verdict.terms


def test_a_local_story_that_does_not_name_the_city_counts_unless_another_city_is_named(topic):
    local = judge(topic, "Borgmesteren lover svar om førtidspension", "Kritikken vokser.")
    assert local.relevant, local.terms
    assert "lokalt: borgmester*" in local.terms
    elsewhere = judge(topic, "Borgmesteren i Odense lover svar om førtidspension")
    assert not elsewhere.relevant
    assert "lokalt: borgmester*" not in elsewhere.terms
    administration = judge(
        topic,
        "Forvaltningen gennemgår sager om førtidspension",
        published=_at(2017, 9, 1),
        precision="day",
    )
    assert administration.relevant and "lokalt: forvaltning*" in administration.terms


def test_three_related_words_make_a_local_story_unless_another_city_is_named(topic):
    text = (
        "Beskæftigelsesforvaltningen skal spare",
        "Borgergrupper frygter, at det går ud over syge ledige og deres sagsbehandling.",
    )
    dated = {"published": _at(2017, 9, 1), "precision": "day"}
    verdict = judge(topic, *text, **dated)
    assert verdict.relevant, verdict.terms
    assert "lokalt: 4 beslægtede ord" in verdict.terms
    assert not judge(topic, text[0] + " i Vejle", text[1], **dated).relevant


def _event(event_id: str, start: date, end: date, anchors: tuple[str, ...]) -> Event:
    return Event(event_id, start, end, "Titel", "Beskrivelse.", "other", (), None, anchors)


@pytest.fixture(scope="module")
def dated_topic():
    """The shipped topic with two invented events: a ruling and a grant of 7 millions."""
    events = [
        _event("ruling", date(2017, 3, 6), date(2017, 3, 10), ("kendelse*", "Nævn* + kendelse*")),
        _event(
            "grant", date(2017, 4, 4), date(2017, 4, 4), ("7 millioner", "millioner + visitation*")
        ),
    ]
    model = relevance_model(load_sources(REPO / "sources.yaml").topic, events=events)
    assert isinstance(model, Topic)
    return model


CPH_NOON = ZoneInfo("Europe/Copenhagen")


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, tzinfo=CPH_NOON)


def test_a_single_anchor_names_the_occurrence_only_in_its_events_window(dated_topic):
    text = (
        "Kendelsen lader vente på sig",
        "Borgere i ressourceforløb venter på afgørelsen.",
    )
    near = judge(dated_topic, *text, published=_at(2017, 3, 14), precision="time")
    assert near.relevant, near.terms
    assert "begivenhed: kendelse*" in near.terms
    # Half a year later, or undated, the single word names no occurrence.
    later = judge(dated_topic, *text, published=_at(2017, 9, 14), precision="time")
    assert not later.relevant
    assert not judge(dated_topic, *text).relevant
    # A month-precision date counts when its month meets the window.
    month = judge(dated_topic, *text, published=_at(2017, 3, 1), precision="month")
    assert month.relevant, month.terms
    # A year meets most windows: it counts as no date.
    year = judge(dated_topic, *text, published=_at(2017, 1, 1), precision="year")
    assert not year.relevant
    assert "begivenhed: kendelse*" not in year.terms


def test_a_combined_anchor_with_other_amounts_is_another_budget(dated_topic):
    other = judge(
        dated_topic,
        "Kommunen bruger 9 millioner på visitation i ældreplejen",
        published=_at(2017, 9, 1),
        precision="day",
    )
    assert "begivenhed: millioner AND visitation*" not in other.terms
    assert not other.relevant
    # The event's own amount, months later: a follow-up of the grant.
    follow = judge(
        dated_topic,
        "Hvor blev de 7 millioner til visitation af?",
        "Borgmesteren har endnu ikke svaret.",
        published=_at(2017, 9, 1),
        precision="day",
    )
    assert any(t.startswith("begivenhed:") for t in follow.terms), follow.terms


def test_a_text_long_after_the_last_event_must_look_back_to_the_dispute(dated_topic):
    body = ("Travlhed i jobcentret i København", "Sagsbehandlerne har mange samtaler.")
    later = judge(dated_topic, *body, published=_at(2020, 5, 2), precision="time")
    assert not later.relevant
    assert any(t.startswith("ikke relevant: senere") for t in later.terms), later.terms
    looking_back = judge(
        dated_topic,
        *body,
        "Det minder om foråret 2017.",
        published=_at(2020, 5, 2),
        precision="time",
    )
    assert looking_back.relevant, looking_back.terms
    # Within a year of the last event the same text is judged as before.
    assert judge(dated_topic, *body, published=_at(2017, 6, 2), precision="time").relevant


def test_an_undated_page_that_only_explains_the_subject_is_an_information_page(topic):
    page = (
        "Fleksjob i Københavns Kommune",
        "Fleksjob er for borgere med varigt nedsat arbejdsevne. Jobcentret behandler sagen, og "
        "rehabiliteringsteamet giver en indstilling.",
    )
    undated = judge(topic, *page)
    assert not undated.relevant
    assert undated.terms[-1] == (
        "ikke relevant: udateret informationsside (ingen aktør, begivenhed eller strid)"
    )
    # Dated, the same words are a story; undated, one person's account or a criticism is too.
    assert judge(topic, *page, published=_at(2017, 9, 1), precision="day").relevant
    account = judge(topic, page[0], "Jeg har ventet et år på svar fra jobcentret.")
    assert account.relevant and "strid: jeg" in account.terms, account.terms
    criticism = judge(topic, page[0], "Borgergrupper kritiserer jobcentrets sagsbehandling.")
    assert criticism.relevant, criticism.terms
    assert judge(topic, *page, precision="year", published=_at(2017, 1, 1)).relevant is False


def test_a_listing_that_files_an_item_under_an_event_makes_it_relevant():
    event = Event(
        "ruling", date(2017, 3, 6), date(2017, 3, 10), "Nævnet afsiger kendelse om visitation",
        "Beskrivelse.", "other", (), None, ("kendelse*",),
    )  # fmt: skip
    model = relevance_model(load_sources(REPO / "sources.yaml").topic, events=[event])
    title = ("Tre borgere fortæller", "Korte interviews optaget sidste uge.")
    filed = judge(model, *title, hint={"heading": "Nævnet afsiger  kendelse om visitation"})
    assert filed.relevant, filed.terms
    assert "begivenhed: arkiveret under 'nævnet afsiger kendelse om visitation'" in filed.terms
    # Another heading, or none: the same thin text names nothing of the dispute.
    assert not judge(model, *title, hint={"heading": "Sommerens koncerter"}).relevant
    assert not judge(model, *title).relevant
