"""Drop the calls to the reader that close many articles: subscribe, follow us, write to us.

A debate piece's closing note that it is the writer's opinion is the site's line too, dropped
with them.

"Get the day's headlines in your inbox: sign up for our newsletter", "Follow us on Twitter
@paper and on Facebook", "Mail the author at name@paper.dk": lines a site appends under every
article. Each names at least two of a few kinds of thing (a newsletter, a subscription, an
e-mail address, a social network or handle, a donation, "follow", a paywall's offer of access
and its price a month). One alone is too little: an article may quote a handle or mention a
newsletter, or a pension's amount a month; two in one short line are a call. A line that
reports what someone said (it names its speaker: "..., siger direktøren.") is the
article's, whatever it names: a story about a paywall quotes its price. Only the lines that
end the text are checked, so a mention inside the article is never touched.
"""

from __future__ import annotations

import re

# Kinds of thing a call names, each counted once per line, in the languages of the pages we
# meet (the brand names are the same in all of them). Danish verbs count in the imperative
# only ("følg", "tilmeld dig", "abonnér"): "vil følge sagen", "følgerne", "har tilmeldt sig"
# and "abonnenter" (like "subscribers" and "abonnés": people, not a call) are the article's
# own words about a social network, and "anmeldt" (reported, reviewed) is no sign-up,
# unlike the German "Anmeldung". One pattern, matched against the
# lower-cased line: one scan instead of one per kind, and case-blind matching costs double.
# An e-mail address and a handle are tried only where an "@" is.
_KINDS = re.compile(
    r"(?P<newsletter>newsletter|nyhedsbrev)"
    r"|(?P<subscribe>\b(?:subscri(?!bers\b)|abonn(?!ent|erer|és\b)|suscr|subskri"
    r"|sign(?:ing)? up|inscri|tilmeld(?:\b|ing)|anmeld(?:ung|en\b)))"
    r"|(?P<mail>(?<=[\w.+-])@[\w-]+\.\w{2,})"
    r"|(?P<social>(?<![\w@.])@\w{2,}|\b(?:facebook|twitter|instagram|youtube|linkedin)\b)"
    r"|(?P<give>\b(?:donat|spende|apóyanos|apoya|support (?:our|us)))"
    r"|(?P<follow>\b(?:follow|følg\b|följ\b|folg(?:en sie|t uns|e uns)|suivez|síguenos|obserwuj))"
    # A paywall's offer: access to everything, at a price a month.
    r"|(?P<access>\b(?:adgang til (?:alle|hele)|(?:fuld|ubegrænset) adgang|access to (?:all|every)"
    r"|(?:unlimited|full) access|zugang zu allen|unbegrenzte[nr]? zugang|accès illimité))"
    r"|(?P<price>\b(?:om|pr\.?|per|a|im|pro|par) (?:måned(?:en)?|md\b|month|monat|mois)"
    r"|\b(?:første|first|ersten|premier) (?:måned|month|monat|mois))"
)
_KINDS_NEEDED = 2
# The words each kind begins with ("@" may be an address and a handle at once): a line holding
# fewer than two kinds of them is no call, found with substring tests, 5x faster than the
# pattern's scan.
_STEMS = (
    ("newsletter", ("newsletter", "nyhedsbrev")),
    ("subscribe", ("subscri", "abonn", "suscr", "subskri", "sign", "inscri", "tilmeld", "anmeld")),
    ("social", ("facebook", "twitter", "instagram", "youtube", "linkedin")),
    ("give", ("donat", "spende", "apóyanos", "apoya", "support")),
    ("follow", ("follow", "følg", "följ", "folg", "suivez", "síguenos", "obserwuj")),
    ("access", ("adgang", "access", "zugang", "accès")),
    ("price", ("måned", " md", "month", "monat", "mois")),
)
# A paywall's notice is a call on its own: the article's text ends where it stands.
_LOCKED = re.compile(
    r"\b(?:kun for abonnenter|for subscribers only|only for subscribers|subscribers only"
    r"|nur für abonnenten|réservé aux abonnés)"
)
# The notice says it of the page ("Artiklen er", "This content is reserved"), in a few words
# before it; a sentence that says it of a thing ("Fra 1. marts er alle lokale nyheder på
# avisens hjemmeside kun for abonnenter.") is the article's news.
_NOTICE_WORDS = 4
# A link that asks the reader to join the site's organisation, at the end of its line
# ("... af en faglig rådgiver. Bliv medlem her"): a box's call wherever it stands.
_JOIN = re.compile(
    r"(?:bliv|become|werden sie|devenez) (?:medlem|a member|mitglied|membre)\W*(?:\w+\W*){0,2}$"
    r"|(?:meld dig ind|join (?:us|now|today)|jetzt mitglied werden)\W*(?:\w+\W*){0,2}$"
)
_JOIN_TAIL = 40
# What someone said, as the article reports it: a last sentence naming its speaker after the
# quote ("»...,« siger direktøren.", "..., sagde hun.", '"...," the mayor said.'). A site's call
# names no speaker; a quote mark alone proves nothing (a newsletter's name in quotes opens its
# box). Matched against the lower-cased line.
_REPORTED = re.compile(
    r"[,!?«»\"”’] (?:[^\W\d_]+ ){0,3}(?:siger|sagde|fortæller|fortalte|forklarer|forklarede"
    r"|says|said|sagt|sagte|dit|dice|dijo)\b[^.!?]*[.!?]?$"
)
# A call to join set in quote marks ("»Bliv medlem her«") is the article quoting a slogan.
_CLOSING_QUOTES = "«»\"”’'›"
# A sign-up or a follow whose only other kind is a network is the site's call when it asks the
# reader to follow the site ("Følg os", "Follow Avisen", "følg med", "abonnér på"); one whose
# object is a thing of the article's ("Tilmeld dig demonstrationen på Facebook", "følg
# kampagnen") is the article's own call to act. Words between the verb and its object are
# skipped; an object in capitals is a name, the site's.
_ASIDE = frozenset(
    {
        *("dig", "jer", "dich", "euch", "yourself", "up", "for", "to", "til"),
        *("the", "den", "det", "die", "der", "das", "le", "la", "les"),
    }
)
_SITE_OBJECT = frozenset(
    {
        *("os", "us", "uns", "nous", "nos", "vores", "our", "unsere", "unserem", "unseren"),
        *("oss", "vår", "våre", "vårt"),
        *("unser", "med", "along", "på", "on", "auf", "sur", "en", "in", "i"),
    }
)
_VERBS = frozenset(("subscribe", "follow"))
_WORD = re.compile(r"[^\W\d_]+")
# A lower-case object is a thing of the article's ("følg kampagnen på Facebook") unless its
# clause names the site as its owner ("Follow the latest news on our Twitter account").
_SITE_OWNER = frozenset(
    {
        *("our", "vores", "unser", "unsere", "unserem", "unseren", "unserer", "notre", "nos"),
        *("vår", "våre", "vårt", "vårat", "nuestro", "nuestra", "nuestros", "nuestras"),
    }
)
_CLAUSE_END = re.compile(r"[,;:.!?«»\"”“]")
# The site's note under a debate piece that it is its writer's opinion, not the paper's
# ("Debatindlægget er udtryk for skribentens holdning", "Holdningerne i indlægget er
# skribentens egne", "The views expressed are the author's own"): a line of the site's, as a
# call is, wherever it stands among the last lines. Tried only on lines naming the writer.
_DISCLAIMER = re.compile(
    r"udtryk for (?:\w+ )?(?:skribent|forfatter|afsender|debattør)\w*(?: egen| egne)? "
    r"(?:holdning|mening|synspunkt)"
    r"|(?:holdninger|meninger|synspunkter)(?:ne)? i (?:\w+ ){0,3}er (?:\w+ )?(?:skribent|forfatter)"
    r"|(?:views|opinions) expressed (?:[\w,]+ ){0,6}(?:are|is|do not) (?:\w+ ){0,3}"
    r"(?:author|writer)"
    r"|meinung (?:des|der) (?:autor|verfasser|gastautor)\w* wieder"
    r"|(?:gir|er) uttrykk for (?:\w+ )?(?:skribent|forfatter)\w*"
    r"|(?:åsikter|åsikterna) i (?:\w+ ){0,3}är (?:\w+ )?(?:skribent|författar)"
)
_DISCLAIMER_STEMS = ("skribent", "forfatter", "afsender", "debattør", "author", "writer",
                     "autor", "verfasser", "författar")  # fmt: skip
# A call is a short line; a longer one is a paragraph of the article that names these things.
_CALL_MAX = 350
# Short lines between calls (a heading "Newsletter", a "Thanks!") go with them; a line this
# long, or a sentence this long, is the article's and ends the search.
_STUB = 80
_SENTENCE = 40
_SENTENCE_END = (".", "!", "?")
# Calls sit in the last lines: a page ending in a long run of short lines (a table, a list)
# is looked at this far up only.
_TAIL_LINES = 8


def is_call(text: str) -> bool:
    """Whether a line asks the reader to subscribe, follow, write or give."""
    if len(text) > _CALL_MAX:
        return False
    lower = text.lower()
    if _is_disclaimer(lower):
        return True
    if (
        ("abonn" in lower or "subscri" in lower)
        and (locked := _LOCKED.search(lower))
        and lower.count(" ", 0, locked.start()) <= _NOTICE_WORDS
        and _REPORTED.search(lower) is None
    ):
        return True
    possible = 2 if "@" in lower else 0
    for _, stems in _STEMS:
        for stem in stems:  # a loop, not any() over a generator: no generator per kind
            if stem in lower:
                possible += 1
                break
    if possible < _KINDS_NEEDED or _REPORTED.search(lower):
        return False
    kinds = set()
    verb_end = 0
    for match in _KINDS.finditer(lower):
        kind = match.lastgroup
        if kind in _VERBS and kind not in kinds:
            verb_end = match.end()
        kinds.add(kind)
        if len(kinds) > _KINDS_NEEDED or (
            len(kinds) == _KINDS_NEEDED and not _verb_and_network(kinds)
        ):
            return True
    # A verb and a network only (a third kind would have settled it): what is followed decides.
    return len(kinds) == _KINDS_NEEDED and _asks_for_the_site(text, lower, verb_end)


def _is_disclaimer(lower: str) -> bool:
    """Whether a lower-cased line says the piece is its writer's opinion (not reported speech)."""
    for stem in _DISCLAIMER_STEMS:
        if stem in lower:
            return _DISCLAIMER.search(lower) is not None and _REPORTED.search(lower) is None
    return False


def _verb_and_network(kinds: set[str | None]) -> bool:
    """Whether ``kinds`` are a sign-up or follow verb and a social network, nothing else."""
    return "social" in kinds and not kinds.isdisjoint(_VERBS)


def _asks_for_the_site(text: str, lower: str, verb_end: int) -> bool:
    """Whether the sign-up or follow verb ending at ``verb_end`` asks for the site: its object
    is the site ("os", "vores"), a name, a network or none, not a thing of the article's."""
    for match in _WORD.finditer(lower, verb_end):
        word = match.group()
        if match.start() == verb_end:
            continue  # the verb's own ending ("følg" in "følger", "tilmeld" in "tilmelding")
        if word in _ASIDE:
            continue
        if word in _SITE_OBJECT or _KINDS.fullmatch(word):
            return True
        # A name in capitals; lower() may change a line's length, then no case is read.
        if len(text) == len(lower) and text[match.start()].isupper():
            return True
        return _owned_by_the_site(lower, match.end())
    return True


def _owned_by_the_site(lower: str, start: int) -> bool:
    """Whether the clause from ``start`` names the site as the owner of what is followed
    ("the latest news ... on our Twitter account", "toute l'actualité sur notre page")."""
    end = _CLAUSE_END.search(lower, start)
    stop = end.start() if end is not None else len(lower)
    return any(word.group() in _SITE_OWNER for word in _WORD.finditer(lower, start, stop))


def ends_in_join_call(text: str) -> bool:
    """Whether a line ending in a link ends by asking the reader to join ("Bliv medlem her"),
    not in quote marks: a slogan the article quotes is its own text."""
    last = text.rstrip(" .!")[-1:]
    if last and last in _CLOSING_QUOTES:
        return False
    return _JOIN.search(text.lower(), max(0, len(text) - _JOIN_TAIL)) is not None


def drop_closing_calls(texts: list[str]) -> list[str]:
    """``texts`` without the calls to the reader (and short lines among them) that end it.

    Never cuts into the first half of the paragraphs, nor above the last ``_TAIL_LINES``.
    """
    cut = None
    for n in range(len(texts) - 1, max(-1, len(texts) - 1 - _TAIL_LINES), -1):
        text = texts[n]
        if is_call(text):
            cut = n
        elif len(text) >= _STUB or (len(text) >= _SENTENCE and text.endswith(_SENTENCE_END)):
            break
    if cut is None or cut < len(texts) // 2:
        return texts
    return texts[:cut]
