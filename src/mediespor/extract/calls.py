"""Drop the calls to the reader that close many articles: subscribe, follow us, write to us.

"Get the day's headlines in your inbox: sign up for our newsletter", "Follow us on Twitter
@paper and on Facebook", "Mail the author at name@paper.dk": lines a site appends under every
article. Each names at least two of a few kinds of thing (a newsletter, a subscription, an
e-mail address, a social network or handle, a donation, "follow"). One alone is too little: an article
may quote a handle or mention a newsletter; two in one short line are a call. Only the lines
that end the text are checked, so a mention inside the article is never touched.
"""

from __future__ import annotations

import re

# Kinds of thing a call names, each counted once per line, in the languages of the pages we
# meet (the brand names are the same in all of them).
_KINDS = (
    re.compile(r"newsletter", re.I),
    re.compile(r"\b(?:subscri|abonn|suscr|subskryp|sign(?:ing)? up|inscri|anmeld|tilmeld)", re.I),
    re.compile(r"[\w.+-]+@[\w-]+\.\w{2,}"),
    re.compile(r"(?<![\w@.])@\w{2,}|\b(?:facebook|twitter|instagram|youtube|linkedin)\b", re.I),
    re.compile(r"\b(?:donat|spende|wesprzyj|apóyanos|apoya|support (?:our|us))", re.I),
    re.compile(r"\b(?:follow|følg|folg(?:en sie|t uns|e uns)|suivez|síguenos|obserwuj)", re.I),
)
_KINDS_NEEDED = 2
# A call is a short line; a longer one is a paragraph of the article that names these things.
_CALL_MAX = 350
# Short lines between calls (a heading "Newsletter", a "Thanks!") go with them; a line this
# long, or a sentence this long, is the article's and ends the search.
_STUB = 80
_SENTENCE = 40
_SENTENCE_END = (".", "!", "?")


def is_call(text: str) -> bool:
    """Whether a line asks the reader to subscribe, follow, write or give."""
    if len(text) > _CALL_MAX:
        return False
    return sum(1 for kind in _KINDS if kind.search(text)) >= _KINDS_NEEDED


def drop_closing_calls(texts: list[str]) -> list[str]:
    """``texts`` without the calls to the reader (and short lines among them) that end it.

    Never cuts into the first half of the paragraphs.
    """
    cut = None
    for n in range(len(texts) - 1, -1, -1):
        text = texts[n]
        if is_call(text):
            cut = n
        elif len(text) >= _STUB or (len(text) >= _SENTENCE and text.endswith(_SENTENCE_END)):
            break
    if cut is None or cut < len(texts) // 2:
        return texts
    return texts[:cut]
