"""Drop the box about the article's writer that closes many articles.

"Mette Holm er journalist på Avisen og dækker social- og beskæftigelsesområdet." under the
last paragraph is about the writer, not the story, whatever class the page gives its box (or
none). It is told by its first words: the name of one of the article's authors (read from the
page's metadata or byline), after a short label at most ("Om skribenten:"). A sentence of the
story seldom opens with the reporter's own full name, and only the closing lines are looked at.
"""

from __future__ import annotations

# A bio is a short paragraph; a longer one is the article's.
_BIO_MAX = 400
# Only the last lines are looked at, and never when the text is this short.
_TAIL = 2
_BEFORE_MIN = 3
# A label before the name ("Om skribenten:", "Author:") is this short.
_LABEL_MAX = 25
# Names of one word (a site's, a desk's) say too little to cut on.
_NAME_WORDS = 2


def drop_author_bio(paragraphs: tuple[str, ...], authors: tuple[str, ...]) -> tuple[str, ...]:
    """``paragraphs`` less a closing paragraph about one of ``authors`` (and what follows it)."""
    names = [name.strip() for name in authors if len(name.split()) >= _NAME_WORDS]
    if not names or len(paragraphs) <= _BEFORE_MIN:
        return paragraphs
    first = max(_BEFORE_MIN, len(paragraphs) - _TAIL)
    for n in range(first, len(paragraphs)):
        if _is_bio(paragraphs[n], names):
            return paragraphs[:n]
    return paragraphs


def _is_bio(text: str, names: list[str]) -> bool:
    if len(text) > _BIO_MAX:
        return False
    label, colon, rest = text.partition(":")
    if colon and len(label) <= _LABEL_MAX:
        text = rest.lstrip()
    # A bio goes on about the person: a name alone is a signature, which stays.
    return any(text.startswith(name) and len(text) > len(name) + 20 for name in names)
