"""Drop the line about the article's writer that closes many articles.

"Mette Holm er journalist på Avisen og dækker social- og beskæftigelsesområdet." under the
last paragraph is about the writer, not the story, whatever class the page gives its box (or
none). It is told by its shape: a short last paragraph that opens with the full name of one
of the article's (person) authors, after a short label at most ("Om skribenten:"), and goes
on in the third person present about the writer's trade ("er journalist", "is a reporter",
"dækker", "har skrevet om", "writes about"). A story's own closing line that names its
reporter ("Mette Holm har talt med 40 borgere", a live blog's "Mette Holm er nu på plads")
says what the writer did, not what the writer is, and stays; so does a namesake ("Mette
Holmgaard, …") and a namesake quoted in the story ("Mette Holm, analytiker i ..., siger ...").
"""

from __future__ import annotations

import re

from mediespor.extract.wordlist import any_word

# A bio is a short paragraph; a longer one is the article's.
_BIO_MAX = 400
# Never on a text this short: the last paragraph may be all there is.
_BEFORE_MIN = 3
# A label before the name ("Om skribenten:", "Author:") is this short.
_LABEL_MAX = 25
# Names of one word (a site's, a desk's) say too little to cut on.
_NAME_WORDS = 2
# After the name: "is/er/ist …" or an apposition ("Dominika Rafalska, dziennikarka, …"),
# then the writer's trade within a few words ("er uddannet journalist", "is an award-winning
# reporter"); or at once what the writer covers. A trade named further on may be a story's
# ("Mette Holm er nu på plads sammen med fotograf Ida Lund").
_BE = r"(?:er|var|is|was|ist|war|är|est|jest)"
_OPENS = re.compile(rf"(?:\s+{_BE}\b|,)\s")
# What the writer covers, now or for years ("har skrevet om ... siden 2012").
_COVERS = re.compile(
    r"\s+(?:dækker|skriver om|covers|writes about|berichtet über"
    r"|(?:har|has) (?:dækket|skrevet om|covered|written about))\s"
)
_TRADE_WORDS = 4
_TRADE = re.compile(
    any_word(
        (
            "journalist",
            "reporter",
            "redaktør",
            "redaktionschef",
            "redaktor",
            "redakteur",
            "skribent",
            "korrespondent",
            "kommentator",
            "fotograf",
            "analytiker",
            "editor",
            "writer",
            "correspondent",
            "columnist",
            "contributor",
            "author",
            "autor",
            "dziennikar",
            "publishes",
            "veröffentlicht",
        )
    ),
    re.IGNORECASE,
)

# A paragraph that reports what someone said is the story's, even when the one who speaks
# shares the writer's name ("Mette Holm, analytiker i ..., siger, at ..."): a bio says what
# the writer is, it quotes no one.
_SPEECH = re.compile(
    r"\b(?:siger|sagde|udtaler|udtalte|vurderer|says|said|tells|told|sagt zu)\b", re.IGNORECASE
)


def drop_author_bio(paragraphs: tuple[str, ...], authors: tuple[str, ...]) -> tuple[str, ...]:
    """``paragraphs`` less a last paragraph that is a short bio of one of ``authors``.

    ``authors`` are people: an organisation named as author (a municipality's own news page)
    is left out by the caller, its closing sentence is the story's.
    """
    names = [name.strip() for name in authors if len(name.split()) >= _NAME_WORDS]
    if not names or len(paragraphs) <= _BEFORE_MIN:
        return paragraphs
    if _is_bio(paragraphs[-1], names):
        return paragraphs[:-1]
    return paragraphs


def _is_bio(text: str, names: list[str]) -> bool:
    if len(text) > _BIO_MAX:
        return False
    # The case-blind search for speech runs over the whole line: asked last, of the few lines
    # that read as a bio, not of every last paragraph.
    line = text
    label, colon, rest = text.partition(":")
    if colon and len(label) <= _LABEL_MAX:
        text = rest.lstrip()
    for name in names:
        # The name as written, then the patterns from where it ends: a pattern built per name
        # would be compiled anew for nearly every page (each page has its own writers).
        if not text.startswith(name):
            continue
        if _COVERS.match(text, len(name)):
            return _SPEECH.search(line) is None
        opening = _OPENS.match(text, len(name))
        if opening is not None:
            window = " ".join(text[opening.end() :].split()[:_TRADE_WORDS])
            if _TRADE.search(window):
                return _SPEECH.search(line) is None
    return False
