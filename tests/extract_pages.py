"""Small purpose-built pages for the extraction tests (one signal each)."""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.content import main_content

PARAS = [
    "Københavns Kommune har besluttet at ændre reglerne for førtidspension, og det har fået "
    "mange borgere til at reagere med vrede og bekymring over fremtiden.",
    "Ifølge forvaltningen skal sagerne behandles hurtigere, men kritikerne siger, at det vil "
    "ramme de svageste borgere, som i forvejen har ventet i flere år.",
    "Rådmanden afviser kritikken og siger, at kommunen følger loven, men oppositionen kræver "
    "et samråd, hvor sagen kan blive gennemgået punkt for punkt.",
]


def page(
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    paras: list[str] | None = None,
    lang: str = "da",
    charset: str = "utf-8",
) -> str:
    """A news page with navigation, a share bar, an article and a related list."""
    body = "".join(f"<p>{p}</p>" for p in (paras or PARAS))
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="{charset}">
<title>Vrede over nye regler | Avisen</title>{head}</head><body>
<nav><ul><li><a href="/">Forside</a></li><li><a href="/indland">Indland</a></li></ul></nav>
<div class="cookie-banner">Vi bruger cookies til at forbedre din oplevelse. Accepter alle cookies nu.</div>
<main><article><h1>Vrede over nye regler</h1>{before}
<div class="share-buttons"><a href="#">Del på Facebook</a> <a href="#">Del på Twitter</a></div>
<div class="article-body">{body}</div>{after}</article>
<section class="related-articles"><h2>Læs også</h2><ul>
<li><a href="/a">Andre nyheder om førtidspension i kommunen og regionen</a></li>
<li><a href="/b">Sådan søger du fleksjob: en guide til borgere</a></li></ul></section>
</main><footer><p>Avisen A/S, Hovedgaden 1, 1000 København K. Alle rettigheder forbeholdes.</p></footer>
</body></html>"""


def jsonld(obj: object) -> str:
    """A JSON-LD script element."""
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def paras_html(items: list[str]) -> str:
    """The paragraphs as ``<p>`` elements."""
    return "".join(f"<p>{p}</p>" for p in items)


def post_text(body: str) -> tuple[str, ...]:
    """The paragraphs :func:`main_content` finds in ``body`` set in a bare page's post block."""
    html = f"<html><body><div class='post'>{body}</div></body></html>"
    return main_content(LexborHTMLParser(html)).paragraphs
