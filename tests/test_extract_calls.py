"""Calls to the reader that close an article: two kinds of thing named in one short line."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from extract_pages import PARAS
from mediespor.extract.calls import drop_closing_calls, ends_in_join_call, is_call
from mediespor.extract.content import main_content

FOLLOW = "Følg os på Facebook og skriv til redaktionen på tips@avisen.dk med dine historier."
SIGN_UP = "Tilmeld dig vores nyhedsbrev og få dagens vigtigste newsletter hver morgen."


def test_two_kinds_in_a_short_line_make_a_call_one_does_not():
    assert is_call(FOLLOW)
    assert is_call(SIGN_UP)
    assert is_call("Follow Newsavisen on Instagram and subscribe to the podcast.")
    assert is_call("Følg os på Instagram")
    # A handle alone is a quoted source; a network named in a sentence is news.
    assert not is_call("Borgmesteren skrev på Twitter, at hun ikke genopstiller.")
    assert not is_call("Twitter: @rådmanden")
    assert not is_call(" ".join(PARAS) + " " + FOLLOW)  # a long paragraph is the article's


def test_a_sign_up_or_follow_for_a_thing_of_the_articles_is_no_call():
    # The site asks to be followed; an article asks the reader to join its action.
    assert is_call("Følg Avisen på Facebook")
    assert is_call("Sign up for our updates on Facebook")
    assert not is_call("Tilmeld dig høringen på Facebook, og tag naboerne med.")
    assert not is_call("Follow the hearing on YouTube, where it is shown live.")
    # A third kind makes it a call whatever the verb's object.
    assert is_call("Følg høringen på Facebook og tilmeld dig vores nyhedsbrev.")


def test_a_paywalls_notice_and_its_offer_are_calls_an_amount_a_month_is_not():
    assert is_call("Artiklen er kun for abonnenter.")
    assert is_call("THIS CONTENT IS RESERVED FOR SUBSCRIBERS ONLY")
    # Said of a thing of the article's, in more words than a notice has, it is the news.
    assert not is_call(
        "Fra 1. marts er alle lokale nyheder på avisens hjemmeside kun for abonnenter."
    )
    assert is_call("This story is for subscribers only")
    assert is_call("Få fuld adgang til alle artikler for 49 kr. om måneden.")
    assert is_call("Unlimited access for $1 the first month")
    # An amount a month, or access to something, is the article's news.
    assert not is_call("Ydelsen stiger med 120 kroner om måneden fra 1. januar.")
    assert not is_call("Borgerne får adgang til alle sager fra næste måned.")


def test_a_line_reporting_what_someone_said_is_no_call():
    # A story about a paywall or a campaign quotes its price or its call.
    assert not is_call(
        "Kun abonnenter får adgang til alle artikler for 99 kr. om måneden, siger hun."
    )
    assert not is_call("»Artiklerne er kun for abonnenter,« sagde direktøren.")
    assert not is_call("– Følg med på Facebook, siger formanden.")
    assert not is_call('"Follow us on Twitter," the mayor said.')
    # The same words as the site's own line are a call.
    assert is_call("Kun abonnenter får adgang til alle artikler for 99 kr. om måneden.")
    assert is_call("Følg med på Facebook")


def test_a_line_ending_in_a_call_to_join_is_a_call_one_naming_a_campaign_is_not():
    assert ends_in_join_call("Som medlem får du hjælp af en rådgiver. Bliv medlem her")
    assert ends_in_join_call("Members get advice from a lawyer. Become a member today!")
    assert not ends_in_join_call("Læs mere om kampagnen her")
    assert not ends_in_join_call(
        "Foreningen kalder kampagnen Bliv medlem af fællesskabet i København"
    )
    # A slogan in quote marks is the article's text.
    assert not ends_in_join_call("På plakaten står der: »Bliv medlem her«")
    assert not ends_in_join_call('The poster only says "Become a member today".')


def test_calls_that_end_the_text_go_with_the_short_lines_among_them():
    texts = [*PARAS, FOLLOW, "Nyhedsbrev", SIGN_UP]
    assert drop_closing_calls(texts) == PARAS


def test_a_call_before_the_articles_last_paragraph_stays():
    texts = [*PARAS, FOLLOW, PARAS[0]]
    assert drop_closing_calls(texts) == texts


def test_a_call_in_the_first_half_is_never_cut():
    texts = [PARAS[0], FOLLOW, SIGN_UP, "Tak!"]
    assert drop_closing_calls(texts) == texts


def test_main_content_drops_the_closing_calls_of_a_page_of_prose():
    body = "".join(f"<p>{p}</p>" for p in [*PARAS, FOLLOW, SIGN_UP])
    html = f"<html><body><article>{body}</article></body></html>"
    assert main_content(LexborHTMLParser(html)).paragraphs == tuple(PARAS)


def test_a_debate_pieces_disclaimer_is_the_sites_line():
    for note in (
        "Debatindlægget er udtryk for skribentens holdning.",
        "Kronikker og debatindlæg er udtryk for skribentens egen holdning og ikke avisens.",
        "Dette er et debatindlæg. Holdningerne i indlægget er skribentens egne.",
        "The views expressed in this article are the author's own.",
        "Gastbeiträge geben die Meinung des Autors wieder.",
        "Innlegget gir uttrykk for skribentens meninger.",
    ):
        assert is_call(note), note
        assert drop_closing_calls([*PARAS, note]) == PARAS, note


def test_a_sentence_on_opinions_that_is_no_disclaimer_is_the_articles():
    # The words of a disclaimer in a story about one, or about someone else's opinion.
    assert not is_call("Forfatteren har ikke ændret holdning siden bogen udkom i 2015.")
    assert not is_call(
        "»Indlæggene er udtryk for skribentens holdning, ikke vores,« siger debatredaktøren."
    )
    assert not is_call("Holdningerne i udvalget er delte, og beslutningen er udskudt.")
