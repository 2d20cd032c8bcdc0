"""Find the main text of a page and return it as clean paragraphs.

A readability-style scorer: paragraphs vote for their parent and grandparent, the container
with the most prose (and least link text) wins, and siblings that continue the article join
it (the block of prose right above it as its lead). Reader comments never win: they are
returned separately when a page has them. Threads of posts and listings of other stories
that no class name gives away are told by their structure (:mod:`mediespor.extract.foreign`)
and never win nor join; a page whose leading blocks are all such listings (a section, tag or
search page) has no article text. Before scoring, elements that are never article text are
dropped: scripts, navigation, forms, and blocks whose class or id names them share buttons, cookie
banners, related-article lists, newsletters, post metadata or comments (but not one that only
wraps a ``<blockquote>``: an embedded post, kept with its attribution); inside the chosen
blocks, forms and teaser cards (:mod:`mediespor.extract.cards`) go too, and with them the
label a box of cards leaves behind (:mod:`mediespor.extract.emptied`).

The text walk reports every block with its kind (prose, heading, link list, box label), and
:mod:`mediespor.extract.teasers` cuts related-story boxes and orphaned headings from that
sequence by structure and position. Blocks in hidden layers (flyouts, pop-ups, ``hidden``)
never win, except the hidden pages of an article shown one page at a time
(:mod:`mediespor.extract.slides`). A standfirst far above the chosen blocks, inside the page's
``<article>``/``<main>``, joins them as their lead (a sentence, or any line right under the
headline). A short result is checked against that section (as trafilatura checks its own
against a second extractor); when the container yields next to nothing, the page's JSON-LD
``articleBody``, its ``<noscript>`` text or every paragraph on the page stands in
(``MainContent.source``).

Speed matters (this runs on every fetched page): paragraph candidates and junk elements come
from the page index's single walk (:mod:`mediespor.extract.index`), and only the chosen
container is walked for its text, by compiled code where the install built it
(:mod:`mediespor.extract.text_walk`; ``_Walker.walk`` is the fallback and the specification).
The other loops over many nodes of the choice and of boilerplate removal (the paragraphs' text
lengths and votes, link shares, hidden layers, the blocks to check, teaser cards) run compiled
in :mod:`mediespor.extract.box_walk` when the install built it (``BOX_WALK_COMPILED``); the
Python here is their fallback and their specification, and the rules themselves stay in Python.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from selectolax.lexbor import LexborHTMLParser, LexborNode

from mediespor.extract.byline import BYLINE_WORDS
from mediespor.extract.calls import ends_in_join_call, is_call
from mediespor.extract.cards import teaser_cards
from mediespor.extract.compiled_walks import load
from mediespor.extract.controls import is_control, names_control
from mediespor.extract.emptied import drop_emptied_boxes
from mediespor.extract.foreign import holds_foreign, is_foreign, outside_foreign
from mediespor.extract.index import PARAGRAPH_IDS, PageIndex, index_page
from mediespor.extract.invisible import INVISIBLE
from mediespor.extract.listings import is_listing
from mediespor.extract.nodes import (
    CONCEALED_NAMES,
    HIDDEN_STYLE,
    class_id,
    comment_named,
    concealed_by_name,
    deep_text,
    element_from,
    has_ancestor,
    hidden_by_attributes,
    is_attached,
)
from mediespor.extract.preview import article_lines, body_paragraphs, full_body
from mediespor.extract.quotes import is_promo_quote, is_sign_up_box, repeats_page_text
from mediespor.extract.select import css, find_tags, has_match, has_tag, tag_query
from mediespor.extract.slides import hidden_pages
from mediespor.extract.standfirst import described_standfirst, follows_headline, unrepeated
from mediespor.extract.tags import BR, COMMENT, DIV, TEXT, A, id_table, tag_id, tag_ids
from mediespor.extract.teasers import HEADING, LABEL, LINKS, PROSE, Block, article_paragraphs
from mediespor.extract.threads import template_units
from mediespor.extract.wordlist import any_word

# The compiled walks, when the install built them and they read this page as selectolax does.
_box_walk = load(
    "box_walk",
    "<html><body><div class='Box boks' id=b style='x' hidden aria-hidden=true role=main"
    " itemprop=author data-a-rather-long-attribute-name=1>\u00a0 Løb, <a href=x>se "
    "<b>her</b></a>\uff0c<!--c-->slut \u3000</div><p class>\t<a><a>x</a></a>\n</p>"
    "<span id=''>\U0001f600 y</span><svg><a xlink:href=z role=r>w</a></svg></body></html>",
    A,
)
#: Whether container choice and boilerplate removal run their compiled walks (``box_walk``).
BOX_WALK_COMPILED = _box_walk is not None

# Boilerplate comes in blocks; inline elements (links, images, emphasis) are never checked.
_BOX_TAGS = ("div", "section", "ul", "ol", "dl", "span", "p", "header", "table")
_ATTR_SELECTOR = (
    # One :is() list: Lexbor matches it in one pass, where a comma list costs a pass per part.
    # Attributes tested before tags: most elements have neither class nor id, and are turned
    # away after two tests instead of eight (8% fewer instructions for the query, callgrind).
    # The compiled walk (box_walk.boilerplate_blocks) tests the same attributes itself.
    f":is(:is([class], [id]):is({', '.join(_BOX_TAGS)}),"
    " [style], [hidden], [aria-hidden], [role], [itemprop], form)"
)
_NEVER_COMMENTS = PARAGRAPH_IDS | tag_ids(("html", "body", "main"))
# Microdata copies of the head metadata, often rendered invisibly inside the article.
_META_ITEMPROPS = frozenset(
    {
        "headline", "author", "keywords", "publisher", "datePublished", "dateModified",
        "dateCreated", "image", "mainEntityOfPage", "thumbnailUrl",
    }
)  # fmt: skip
# Whole words of a class or id, numbered or not ("comments18-wrapper", "banner2").
_BOILER_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|comments?|newsletter|cookies?|consent|promo"
    r"|advert\w*|ads?|sidebar|subscribe|signup|breadcrumbs?|footer|navbar|nav|menu|recommend\w*"
    r"|popular|trending|outbrain|taboola|most-?read|banner|(?<!elementor-)widget|toolbar|modal|overlay"
    r"|(?<!label-)hidden|caption|credits?|byline|author\w*|tags|pagination|disqus|dateline"
    r"|timestamp|respond|commentform|error)\d*(?:$|[\s_-])"
    # Joomla's post metadata ("Detaljer", "Kategori: ...", "Hits: 412"), a class word of its
    # own: a fact box named "article-infobox" or "article-info-box" is the article's.
    r"|(?:^|\s)article-info(?:$|\s)",
)
# Of the names above, a share or social button's: it sits beside an article's subheading as
# well as in a box of its own (:func:`mediespor.extract.emptied.drop_emptied_boxes`).
_SHARE_NAME = re.compile(r"shar(?:e|ing)|social")
# Words distinctive enough to count inside compound names ("imageCaption", "articleByline").
_BOILER_PARTS = (
    "caption", "credit", "byline", "related", "newsletter", "promo", "sharing", "socialmedia",
    "social-", "recommend", "sidebar", "footer", "breadcrumb", "timestamp", "dateline",
    "subscribe", "signup", "outbrain", "taboola", "disqus", "pagination", "toolbar", "sharebar",
    "share-", "-share", "tooltip",
    # From trafilatura's OVERALL_DISCARD_XPATH and COMMENTS_DISCARD_XPATH (xpaths.py, 2.3):
    # "popular/next/more on" lists and print- or script-only blocks; and boxes beside the text
    # that name themselves: legal lines, sponsor and product disclosures. Not its bare
    # "disclosure" (an accordion, "c-disclosure"), and "infobox" only away from the article's
    # paragraphs (_in_text_flow): a fact box in the body holds the journalist's own text.
    "most-popular", "more-on", "-stories", "next-", "notloaded", "noprint", "hide-print",
    "akismet", "suggest-links", "copyright", "affiliate-disclosure", "affiliatedisclosure",
    "sponsor-disclosure", "sponsored-disclosure", "editorial-disclosure", "product-disclosure",
    "ad-disclosure",
    # Advertorials: a partner's or a sponsor's box between the paragraphs.
    "partner", "sponsored",
    # Reader comments named in German, French or Spanish, in the plural: a German
    # "Kommentar" alone is also an opinion piece.
    "kommentare", "commentaires", "comentarios",
    # Text for screen readers only ("Box aufklappen", "Skip to content"): no reader sees it.
    "sr-only", "screen-reader", "offscreen", "visuallyhidden",
)  # fmt: skip
# As a prefix tree: every class/id pair a page shows for the first time is searched (a
# crawl meets new ones on every site), and the plain alternation cost twice as much.
_BOILER_PART_RE = re.compile(any_word(_BOILER_PARTS))
# Of the names above, those a CMS also gives the article's own paragraphs: a partner's or a
# sponsor's article, or sections where ads may be set ("TestReport__Section--Ads"). A
# comment, a related story or a sidebar never is the article.
_COMMERCIAL_NAME = re.compile(r"partner|sponsored|(?:^|[\s_-])(?:ads?|advert\w*)(?:$|[\s_-])")
# A box that names itself a promotion ("promo", "promo-box", "site-promotion") sells a page of
# the site's, whatever it says.
_PROMO_NAME = re.compile(r"(?:^|[\s_-])promo(?:tion)?s?(?:$|[\s_-])", re.I)
# Inside class names only (as trafilatura's discard list has them): post metadata
# ("postmetadata", "entry-meta"), rating prompts, comment forms and their closed notices.
_BOILER_CLASS_RE = re.compile(
    r"meta(?!l)|rating|nocomments|comment-respond|reply|entry-utility|imagedesc"
)
# "comments-open" and "comments-closed" are state classes of a post or page, not sections.
_COMMENT_SECTION_RE = re.compile(
    r"(?:^|[\s_-])(?:comments|comment-?list|commentlist|kommentarer|disqus_thread)"
    r"(?:$|[\s_-])(?!open|closed)",
)
_POSITIVE_RE = re.compile(
    any_word(
        ("article", "body", "content", "entry", "main", "post", "text", "story", "blog", "prose",
         "artikel", "brødtekst")
    )
)  # fmt: skip
_NEGATIVE_RE = re.compile(
    any_word(
        ("comment", "meta", "footer", "footnote", "sidebar", "widget", "share", "social",
         "related", "promo", "nav", "menu", "teaser")
    )
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2",
        "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead",
        "header", "hr", "address", "details", "summary", "center",
    }
)  # fmt: skip
_SKIP_IN_BODY = frozenset({"h1", "header", "head", "title"})
_BLOCK_IDS = tag_ids(_BLOCK_TAGS)
_SKIP_IN_BODY_IDS = tag_ids(_SKIP_IN_BODY) | {COMMENT}
_HEADING_IDS = tag_ids(("h2", "h3", "h4", "h5", "h6"))
_HEADER = tag_id("header")
_BLOCKQUOTE = tag_id("blockquote")
_CELL_IDS = tag_ids(("td", "th"))
# Walked with a mark: headings, quotes, and table cells (whose figures are no page controls).
_MARKED_IDS = _HEADING_IDS | {_BLOCKQUOTE} | _CELL_IDS
_KEEP_ALWAYS_IDS = tag_ids(("body", "article", "main"))
_KEEP_ALWAYS_TABLE = id_table(_KEEP_ALWAYS_IDS)
_BOX_TABLE = id_table(tag_ids(_BOX_TAGS))
_SECTION_IDS = tag_ids(("article", "main"))
_NOSCRIPT = tag_id("noscript")
_ASIDE = tag_id("aside")
_ARTICLE = tag_id("article")
_SPAN = tag_id("span")
_P = tag_id("p")
_FORM = tag_id("form")
# A line that opens with a date in words ("3 maja 2021 Kraj", "May 3, 2021 at 08:45 AM |
# tags: ...") and is no sentence is a post's metadata when what follows the date has its
# shape (_POST_META); an entry of a chronology follows its date with a clause ("28. juni 2017
# Kommunen finder 13 millioner"), a colon or a dash. A month's name, not any word it starts
# ("markets", "Mayor"), or its abbreviation.
_MONTH = (
    r"\b(?:jan(?:uary|uar|uari|vier|eiro)?"
    r"|feb(?:ruary|ruar|ruari|rero)?|mar(?:ch|ts|s|zo|t)?|apr(?:il|ile)?|may(?:o)?|maj"
    r"|jun(?:e|i|io|ho)?|jul(?:y|i|io|ho)?|aug(?:ust|usti|ustus)?"
    r"|sep(?:t|tember|tembre|tiembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?"
    r"|nov(?:ember|embre|iembre)?|dec(?:ember|embre)?|dez(?:ember|embro)?)"
)
# A day and a month ("28. juni 2017", "June 28, 2017"), or a month alone ("Marts 2017").
_LEADING_DATE = re.compile(
    r"(?:\d{1,2}\.? ?[^\W\d_]+\.? ?|[^\W\d_]+\.? \d{1,2},? |(?i:" + _MONTH + r")\.? )"
    r"(?:19|20)\d{2}\b"
)
# After a leading date, the marks of post metadata: a separator, a clock time, a label of
# categories or tags ("| kategorier: ...", "at 08:45", "kl. 14.05").
_TAGS = r"\b(?:categor|kategor|tags?\b|schlagw|étiquet)"
_POST_META = re.compile(r"[|·•]|(?<!\d)\d{1,2}[:.]\d{2}(?!\d)|" + _TAGS, re.I)
# What follows a post's date and its author's or section's name ("2. maj 2021, Ole Lund");
# what follows a chronology's date before its entry ("28. juni 2017: ...").
_META_OPENERS = (",", "/", "(", "@")
_ENTRY_OPENERS = (":", "–", "—", "-")
# Between a leading date and what it introduces: separators, a clock time ("kl. 16.00",
# "at 08:45 AM") and an entry's colon or dash.
_CLOCK_LEAD = re.compile(
    r"^(?:[\s,/·•|@(–—:-]|\b(?:kl|klokken|at|um|à|o)\b\.?|(?<!\d)\d{1,2}[:.]\d{2}(?!\d)"
    r"|\b[ap]\.?m\.?\b|\b(?:uhr)\b)+",
    re.I,
)
_META_SEPARATORS = re.compile(r"[|·•/]|,\s")
_TAG_LABEL = re.compile(_TAGS, re.I)
# Words that join or introduce names in a byline ("af Ole Lund og Ida Berg").
_NAME_JOINERS = frozenset({"af", "by", "von", "par", "av", "door", "og", "and", "und", "et", "&"})
# A date followed by items of at most this many words is a post's date with its section,
# author's name or tags; more words are a clause of the line's own.
_META_WORDS = 2
# An entry after a date's colon or dash says what happened in this many characters at least;
# a section's name or a reading time after a dash is shorter.
_ENTRY_MIN = 25
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DATE_LABEL = re.compile(
    r"\b(?:updated|published|posted|opdateret|publiceret|aktualisiert|veröffentlicht|publié)\b",
    re.I,
)
_DATE_WORD = re.compile(r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|" + _MONTH + r"\.?\s", re.I)
_SECTION_LABEL = re.compile(
    r"^(?:related(?: \w+)?|more (?:from|in|on|about) .*|top stories|read (?:more|next|this next)"
    r"|see also|also read|recommended(?: for you)?|most (?:popular|read|viewed)\b.*"
    r"|explore further|comments?|just watched|image \d+ of \d+|(?:written|posted) by .*"
    r"|share (?:this|on) .*|læs (?:også|mere)|se også|mere om .*|partner news|you may also like"
    r"|trending(?: now)?|skriv en kommentar|del artiklen"
    # A gallery's heading over its pictures.
    r"|se (?:alle )?billederne|se galleriet|billedserie|billedgalleri|fotogalleri|bildergalerie"
    r"|see (?:the|all) (?:photos|pictures)|photo gallery"
    # A paywall's heading over its offer.
    r"|læs hele artiklen|read the (?:full|whole|rest of the) (?:article|story)"
    # The same boxes in the languages of the pages we meet most: Danish, German, French,
    # Spanish, Polish ("Relateret", "Mest læste", "Mehr zum Thema", "À lire aussi", ...).
    r"|relateret(?: \w+)?|mest (?:læste|sete|delte)|seneste nyt|andre læser(?: også)?"
    r"|mehr zu(?:m thema)? ?.*|weiterführende(?:r)? (?:links?|informationen)|(?:zum )?weiterlesen"
    r"|(?:ähnliche|verwandte|weitere|empfohlene) (?:artikel|beiträge|nachrichten|themen)"
    r"|(?:das|dies) könnte (?:sie|dich) auch interessieren|auch interessant|lesen sie auch"
    r"|à lire aussi|lire aussi|sur le même sujet|articles? similaires"
    r"|(?:artículos|contenido|noticias) relacionad[oa]s?|te puede interesar"
    r"|czytaj (?:też|także|również)|zobacz (?:też|także|również)|powiązane artykuły"
    # Share bars and comment prompts, which end an article as boxes do.
    r"|share|teilen|del|partager|compartir|udostępnij|(?:diesen |den )?(?:artikel|beitrag) teilen"
    r"|(?:folgen sie|folge|follow|følg) (?:uns|us) .*"
    r"|(?:leave|write|post) a (?:comment|reply)|kommentar (?:schreiben|verfassen|abgeben)"
    r"|comments are closed|die kommentarfunktion ist (?:geschlossen|deaktiviert)"
    r"|kommentarer er lukket|laisser un commentaire|deja un comentario|dodaj komentarz"
    # A comment form's login prompt ("Log ind eller opret ny konto for at skrive kommentarer").
    r"|(?:log (?:ind|in)|sign in)\b.* (?:for at (?:skrive (?:en )?kommentar(?:er)?|kommentere)"
    r"|to (?:post|leave|write) (?:a )?(?:comments?|reply))"
    r"|kontakt|contact(?: us)?|contacto|ansprechpartner(?:in)?|pressekontakt)"
    r"\s*[:?.!]?$",
)  # matched against lower-cased text: case-blind matching of this many words costs double
# Box labels are short; longer lines are never tried against the list above.
_LABEL_MAX = 60
# A line of this many words that ends as a sentence ends is the article's, though it opens
# with a box's words ("More on the costs is expected at the next meeting.", "Mehr zu den
# Kosten wollte er nicht sagen."); a label is a few words, a call to follow is a call.
_SENTENCE_WORDS = 7
# Block(kind, text, linked_end) runs NamedTuple's Python-level __new__; tuple.__new__ builds the same
# Block without a Python frame (one per block of every page).
_block = tuple.__new__
# A picture credit or a source line ("Foto: Ida Holm / Ritzau Scanpix", "Quelle: dpa").
_CREDIT = re.compile(
    r"^(?:foto|fotos|photo|photos|bild|bilder|billede|image|images|credit|credits|kilde"
    r"|quelle|source|fuente|źródło|fot\.|zdjęcie|illustration|grafik)\s*:",
    re.I,
)
# A figure's caption names itself ("Abbildung: ...", "Figure 2: ..."), however long.
_CAPTION = re.compile(r"^(?:abbildung|abb\.|figure|fig\.|figur|illustration)\s*\d*\s*:", re.I)
_CAPTION_MAX = 300
# A line this short whose last characters hold a "©" is a picture's caption and credit.
# A full stop after a word (not an initial, "C. Cox", nor "u.a.") and a capital after it.
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}[.!?] [^\W\d_](?<=[A-ZÆØÅÄÖÜÉ])")
_CREDIT_TAIL = 40
_PAGE_IDS = tag_ids(("html", "body"))
_PAGE_TABLE = id_table(_PAGE_IDS)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
# What a notice that opens with the word holds beside its owner: a sign, a year, a colon
# after the word, or its reserved rights ("Copyright 2017. All rights reserved", "Copyright:
# Avisen A/S. Alle rettigheder forbeholdes").
_NOTICE_MARK = re.compile(
    r"©|\(c\)|(?<!\d)(?:19|20)\d{2}(?!\d)|^copyright\s*:|rights|reserved|rettigheder"
    r"|forbeholdes|rechte|vorbehalten|droits|réservés|derechos|reservados|diritti|riservati"
    r"|rättigheter|förbehålls|rettigheter|prawa",
    re.I,
)
_URL_STARTS = ("http://", "https://")
# A byline on a line of its own: its word, then capitalised names ("Af Jens Hansen og Ida
# Holm", "By Jane Doe | 12/10/2020"); a sentence that opens with "by" goes on in lower case.
_NAME = r"[A-ZÆØÅÄÖÜÉ][\w.'’-]+"
_BYLINE = re.compile(
    rf"^{BYLINE_WORDS}\s+{_NAME}(?:,?\s+(?:{_NAME}|og|and|und|et|y|i|&))*\s*(?:[|–-].*)?$"
)
_CODE_TOKEN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){2,}$")
# "1 / 3" under a gallery's picture; most days and months ("28/6") run the other way.
_COUNTER = re.compile(r"(\d{1,3}) ?/ ?(\d{1,3})")
_COUNTER_MAX = 9
# An ad label alone, or opening a sponsor notice ("Annonce. Denne side er betalt af ...",
# "Reklame, indeholder links til butikker"); a sentence about advertising goes on without a
# stop after it.
_AD_LABEL = re.compile(
    r"^\W?(?:annonce|reklame|advert|advertisement|anzeige|sponsored|sponsoreret|werbung|publicité)"
    r"(?:$|[.,:|*)]\s)",
    re.I,
)


@dataclass(frozen=True)
class MainContent:
    """The article's paragraphs, and reader comments when the page shows them."""

    paragraphs: tuple[str, ...]
    comments: tuple[str, ...] = ()
    #: Where the paragraphs come from: the chosen ``container``, the page's structured data
    #: (``jsonld``), the page's ``<noscript>`` text (``noscript``) or every paragraph on the
    #: page (``paragraphs``) when the container held next to nothing or only a fragment of it;
    #: ``jsonld_full`` when the page shows only a preview of its structured data's full text;
    #: ``overview`` when every leading block lists other stories (a section page: no text).
    source: str = "container"

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)


# Class names repeat across a page's blocks and a site's pages; the two unanchored searches
# per name cost more than a lookup, so weights are cached per class/id pair (as read, which
# also spares building the lower-cased string on a hit).
_CLASS_WEIGHTS: dict[tuple[str | None, str | None], float] = {}
_CLASS_WEIGHTS_MAX = 50_000


def _is_short_sentence(text: str) -> bool:
    """Whether a line that opens as a box's label is a sentence of the article's."""
    return text[-1] in ".!" and text.count(" ") >= _SENTENCE_WORDS - 1 and not is_call(text)


def _class_weight(node: LexborNode) -> float:
    attrs = node.attributes
    names = (attrs.get("class"), attrs.get("id"))
    weight = _CLASS_WEIGHTS.get(names)
    if weight is not None:
        return weight
    ci = f"{names[0] or ''} {names[1] or ''}".lower()  # as class_id() reads it
    weight = 0.0
    if ci.strip():
        if _NEGATIVE_RE.search(ci):
            weight -= 25
        if _POSITIVE_RE.search(ci):
            weight += 25
    if len(_CLASS_WEIGHTS) >= _CLASS_WEIGHTS_MAX:
        _CLASS_WEIGHTS.clear()
    _CLASS_WEIGHTS[names] = weight
    return weight


def _comments(nodes: list[LexborNode]) -> list[str]:
    """Reader comments: the text of the page's first comment section, paragraph by paragraph."""
    for node in nodes:
        if not has_tag(node, _PARAGRAPH):
            continue
        walker = _Walker()
        walker.walk(node)
        walker.flush()
        # Read once: each read runs the trailing-box rules over all its blocks again.
        found = walker.paragraphs
        if found:
            return found
    return []


# Class/id pairs repeat across a site's elements and pages, so their verdicts are cached.
_BOILER_NAMES: dict[tuple[str | None, str | None], bool] = {}
_BOILER_NAMES_MAX = 50_000


def _boilerplate_name(names: tuple[str | None, str | None]) -> bool:
    found = _BOILER_NAMES.get(names)
    if found is None:
        ci = f"{names[0] or ''} {names[1] or ''}".lower()
        found = ci != " " and bool(
            _BOILER_RE.search(ci)
            or _BOILER_PART_RE.search(ci)
            or (names[0] is not None and _BOILER_CLASS_RE.search(names[0].lower()))
        )
        if len(_BOILER_NAMES) >= _BOILER_NAMES_MAX:
            _BOILER_NAMES.clear()
        _BOILER_NAMES[names] = found
    return found


# Class/id pairs that name no boilerplate, teaser or info box, cached as the verdicts above.
_PLAIN_NAMES: dict[tuple[str | None, str | None], bool] = {}


def _plain_names(names: tuple[str | None, str | None]) -> bool:
    """Whether a block's class and id say nothing :func:`_remove_boilerplate` looks for."""
    cls, ident = names[0] or "", names[1] or ""
    plain = not (
        _boilerplate_name(names)
        or "easer" in cls
        or "easer" in ident
        or _names_infobox({"class": names[0], "id": names[1]})
        or names_control(names)
    )
    if len(_PLAIN_NAMES) >= _BOILER_NAMES_MAX:
        _PLAIN_NAMES.clear()
    _PLAIN_NAMES[names] = plain
    return plain


def _is_boilerplate(attrs: dict[str, str | None]) -> bool:
    names = (attrs.get("class"), attrs.get("id"))
    # The cache is read here: a call per block checked costs more than the lookup.
    found = _BOILER_NAMES.get(names)
    if found or (found is None and _boilerplate_name(names)):
        return True
    if len(attrs) == (names[0] is not None) + (names[1] is not None):
        return False  # class and id were all it had (most blocks)
    return _marked_boilerplate(attrs)


def _marked_boilerplate(attrs: dict[str, str | None]) -> bool:
    """Whether a block's attributes other than its class and id hide it, make it navigation or
    a sidebar, or mark it as a microdata copy of the page's metadata."""
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in ("navigation", "complementary"):
        return True
    style = attrs.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    return attrs.get("itemprop") in _META_ITEMPROPS


class _ParagraphCounts:
    """How many ``<p>`` the chosen blocks hold in all, and inside any element of them.

    Listed on first use, which comes before the first removal (only a boilerplate block asks,
    and it asks before it is removed); most pages' containers hold no boilerplate at all.
    Counts per element are only needed for the middle paragraph's ancestors (see
    :meth:`holds_most`), and taken when the first of them asks: blocks are checked in document
    order, so nothing inside it has been removed yet.
    """

    def __init__(self, containers: list[LexborNode]) -> None:
        self._containers = containers
        self._roots = {node.mem_id for node in containers}
        self._paragraphs: list[LexborNode] | None = None
        self._within: dict[int, int] | None = None
        self._middle: set[int] | None = None

    def _read(self) -> list[LexborNode]:
        if self._paragraphs is None:
            self._paragraphs = [
                p
                for node in self._containers
                for p in (_box_walk.tagged(node, _P) if _box_walk is not None else css(node, "p"))
            ]
        return self._paragraphs

    @property
    def total(self) -> int:
        """All ``<p>`` in the chosen blocks."""
        return len(self._read())

    def within(self, node: LexborNode) -> int:
        """Paragraphs in ``node``'s subtree, itself included (as ``len(node.css("p"))``)."""
        if self._within is None:
            self._within = self._count(self._read())
        return self._within.get(node.mem_id, 0)

    def holds_most(self, node: LexborNode) -> bool:
        """Whether ``node``'s subtree (itself included) holds over half of all the paragraphs."""
        total = self.total
        if self._middle is None:
            # A subtree's paragraphs are a run of the list, which is in document order; a run of
            # over half of the list covers its middle paragraph, so only that paragraph and its
            # ancestors can hold most (one climb instead of counts for every block).
            self._middle = self._ancestry(self._read()[(total - 1) // 2]) if total else set()
        return node.mem_id in self._middle and self.within(node) * 2 > total

    def _ancestry(self, node: LexborNode | None) -> set[int]:
        """``node`` and its ancestors up to the chosen block that holds it."""
        found: set[int] = set()
        while node is not None:
            key = node.mem_id
            found.add(key)
            if key in self._roots:
                break
            node = node.parent
        return found

    def _count(self, paragraphs: list[LexborNode]) -> dict[int, int]:
        # Counted once per parent and climbed once per parent, instead of one selector query
        # per boilerplate block.
        within: dict[int, int] = {}
        parents: dict[int, list] = {}
        for p in paragraphs:
            within[p.mem_id] = within.get(p.mem_id, 0) + 1
            if p.mem_id in self._roots:
                continue
            parent = p.parent
            if parent is None:
                continue
            entry = parents.get(parent.mem_id)
            if entry is None:
                parents[parent.mem_id] = [parent, 1]
            else:
                entry[1] += 1
        for node, count in parents.values():
            while node is not None:
                key = node.mem_id
                within[key] = within.get(key, 0) + count
                if key in self._roots:
                    break
                node = node.parent
        return within


def _is_teaser_card(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether a block named "teaser" links elsewhere: a card for another story.

    trafilatura drops every "teaser" block when asked for precision; German sites also name
    an article's own lead "teaser", which links nowhere or in passing. A fifth or more of the
    text in links is a card pointing at another page.
    """
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if "teaser" not in names.lower():
        return False
    length = _text_len(node)
    return length > 0 and _link_density(node, length) >= _CARD_LINKS


def _runs_on(node: LexborNode) -> bool:
    """Whether text of the paragraph follows ``node`` directly."""
    after = node.next
    return after is not None and after.tag_id == TEXT and bool(after.text_content.strip())


def _remove_boilerplate(
    root: LexborNode, paragraphs: _ParagraphCounts, keep: set[int], quotes: bool = True
) -> None:
    """Detach boilerplate blocks (share bars, related lists, comments) inside ``root``.

    ``quotes`` says whether the page may hold a ``<blockquote>`` (:attr:`PageIndex.quotes`):
    only then are blocks looked at for an embedded post they wrap.

    Forms go too (sign-up and comment boxes; trafilatura drops every ``<form>``), unless one
    holds the article, as a page wrapped in a single form does; and teaser cards
    (:func:`mediespor.extract.cards.teaser_cards`), here for the section check as well.
    """
    runs: dict[tuple[int, str], bool] = {}
    # The blocks that held a removed one: a box's label may be all that is left of them.
    emptied: list[LexborNode] = []
    # The blocks that held a removed share or social button (a subheading's, or a share bar's).
    beside: list[LexborNode] = []

    def check(node: LexborNode) -> None:
        """Remove ``node``, a block the selector matched, when it is boilerplate."""
        attrs = node.attributes
        names = (attrs.get("class"), attrs.get("id"))
        plain = _PLAIN_NAMES.get(names)
        if plain is None:
            plain = _plain_names(names)
        if plain and node.tag_id != _FORM:
            # Most blocks: a class or id that names nothing the checks below look for (a form
            # goes whatever its names), and no other attribute, or none that marks a block.
            if len(attrs) == (names[0] is not None) + (names[1] is not None):
                return
            if not _marked_boilerplate(attrs):
                return
        elif (
            node.tag_id != _FORM
            and not _is_boilerplate(attrs)
            # Most names hold no "teaser": tested here, without a call per block.
            and not ("easer" in (attrs.get("class") or "") and _is_teaser_card(node, attrs))
            and not ("easer" in (attrs.get("id") or "") and _is_teaser_card(node, attrs))
            and not (_names_infobox(attrs) and not _in_text_flow(node))
            and not is_control(node, attrs)
        ):
            return
        if node.tag_id == _SPAN and node.parent.tag_id == _P and _runs_on(node):
            # A span within a sentence ("<p><span class=dateline>KOBE – </span>A total…")
            # is part of the paragraph, whatever its name.
            return
        if quotes and _embeds_post(node, attrs):
            return  # an embedded post ("social-embed", "article-widget"): the article's
        # Never remove what holds the best-scoring block, or most of the paragraphs, alone or
        # with the siblings of its name (a CMS that names every paragraph "partner-text").
        if node.mem_id in keep or (
            paragraphs.total >= 4
            and (paragraphs.holds_most(node) or _run_holds_most(node, names[0], paragraphs, runs))
        ):
            return
        # remove() detaches every node of the block without freeing it: later matches inside
        # it stay valid, and their missing parent marks them as gone.
        if names_control(names):
            pass  # a toggle's block holds what it opens: no box's label
        elif _SHARE_NAME.search(f"{names[0] or ''} {names[1] or ''}".lower()):
            beside.append(node.parent)
        else:
            emptied.append(node.parent)
        node.remove(recursive=True)

    if _box_walk is not None:
        # The same blocks in the same order, without a node object or an attribute dict for
        # the plain ones, nor a visit to what lies inside a block removed.
        _box_walk.boilerplate_blocks(
            root, _BOX_TABLE, _KEEP_ALWAYS_TABLE, _FORM, _PLAIN_NAMES, _plain_names,
            HIDDEN_STYLE.search, _META_ITEMPROPS, check,
        )  # fmt: skip
    else:
        # One cheap selector and a Python check: faster than ~80 substring selectors in Lexbor.
        for node in css(root, _ATTR_SELECTOR):
            if node.parent is None:
                # Inside a block removed a moment ago: remove() detached every node in it, and
                # nearly half of all matches are such leftovers.
                continue
            if node.tag_id in _KEEP_ALWAYS_IDS:
                continue
            check(node)
    for card in teaser_cards(root, keep, _box_walk):
        if card.parent is not None:  # not inside a card removed a moment ago
            emptied.append(card.parent)
            card.remove(recursive=True)
    if emptied or beside:
        drop_emptied_boxes(emptied, keep, beside)


_COMMERCIAL_NAMES: dict[str, bool] = {}


def _run_holds_most(
    node: LexborNode,
    cls: str | None,
    paragraphs: _ParagraphCounts,
    runs: dict[tuple[int, str], bool],
) -> bool:
    """Whether ``node``, named for a partner, a sponsor or ads by its class, and its siblings
    of that class hold over half of all the paragraphs: the article's own paragraphs, set
    with ads or for a partner (cached in ``runs``). A block hidden is not looked at."""
    if cls is None:
        return False
    commercial = _COMMERCIAL_NAMES.get(cls)
    if commercial is None:
        if len(_COMMERCIAL_NAMES) >= _BOILER_NAMES_MAX:
            _COMMERCIAL_NAMES.clear()
        commercial = _COMMERCIAL_NAMES[cls] = _COMMERCIAL_NAME.search(cls.lower()) is not None
    parent = node.parent
    if not commercial or parent is None:
        return False
    # Most such blocks are ad slots holding no paragraph: one look inside settles them before
    # the paragraphs of the page are counted per block.
    if (node.tag_id != _P and not has_tag(node, _PARAGRAPH)) or hidden_by_attributes(
        node.attributes
    ):
        return False
    key = (parent.mem_id, cls)
    found = runs.get(key)
    if found is None:
        held = sum(
            paragraphs.within(sib) for sib in parent.iter() if sib.attributes.get("class") == cls
        )
        found = runs[key] = held * 2 > paragraphs.total
    return found


def _embeds_post(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether a block that its name alone marks as boilerplate, shown on the page, only
    wraps a ``<blockquote>`` (:func:`_wraps_quote`) that is no pull quote or sign-up promo
    (:func:`mediespor.extract.quotes.is_promo_quote`)."""
    if not _BOILER_NAMES.get((attrs.get("class"), attrs.get("id"))):
        return False  # a form, a teaser card, or a block hidden or marked as metadata
    return (
        not hidden_by_attributes(attrs) and _wraps_quote(node) and not is_promo_quote(node, attrs)
    )


def _wraps_quote(node: LexborNode) -> bool:
    """Whether ``node`` only wraps a ``<blockquote>``: an embedded post or quote.

    Embedded tweets and posts come in wrappers named for their kind ("social-media-embed",
    "article-widget tweet"); the post is the article's, quoted with its attribution line. A
    share bar or a box of links holds no quote, or more beside it.
    """
    for _ in range(_QUOTE_WRAPPERS):
        children = node.iter()  # element children only
        only = next(children, None)
        if only is None or next(children, None) is not None:
            return False
        if only.tag_id == _BLOCKQUOTE:
            return True
        node = only
    return False


def _is_notice(text: str) -> bool:
    """Whether a short line that opens with "©", "(c)" or "Copyright" is a copyright notice.

    The signs open nothing else; the word also opens a sentence of the article ("Copyright of
    the timetable stays with the operator, she said."): a line of seven words or more that
    ends as a sentence ends is one, unless it holds what a notice holds (a year, a sign, its
    reserved rights).
    """
    if not text[:9].lower().startswith("copyright"):
        return True
    if text.count(" ") < _SENTENCE_WORDS - 1 or not text.endswith(_SENTENCE_ENDS):
        return True
    return _NOTICE_MARK.search(text) is not None


def _is_counter(text: str) -> bool:
    """Whether a line is a gallery's or a slideshow's counter ("1 / 3"): a page's control."""
    match = _COUNTER.fullmatch(text)
    return match is not None and 0 < int(match[1]) <= int(match[2])


def _is_dateline(text: str) -> bool:
    """A short line that only says when or by whom ("Updated: 19 November 2019, 09:01")."""
    # A year starts with "19" or "20": two substring tests turn most lines away before the
    # pattern, which tries every position of the line (a tenth of the walk's time).
    if ("19" not in text and "20" not in text) or not _YEAR.search(text):
        return False
    if _DATE_LABEL.search(text):
        return True
    lead = _LEADING_DATE.match(text)
    if lead is not None:
        rest = text[lead.end() :].lstrip()
        if rest[:1] in _META_OPENERS or _POST_META.search(rest) is not None:
            if not text.endswith(_SENTENCE_ENDS) and not _goes_on_in_a_clause(rest):
                return True
        elif rest[:1] not in _ENTRY_OPENERS:
            # A clause after the date is a chronology's entry; a word or two, a section's or
            # an author's name, or a list of tags ("Politik København, førtidspension").
            return not text.endswith(_SENTENCE_ENDS) and all(
                len(part.split()) <= _META_WORDS for part in rest.split(",")
            )
        elif _is_entry(rest):
            # "28. juni 2017: Demonstration foran Rådhuset": an entry, full stop or not.
            return False
    words = len(text.split())
    return words <= 8 and not text.endswith(".") and bool(_DATE_WORD.search(text))


def _goes_on_in_a_clause(rest: str) -> bool:
    """Whether what follows a leading date (and its clock time) is a chronology's entry.

    "28. juni 2017, kl. 16.00 – Omkring 150 mennesker demonstrerer" goes on in a clause of
    its own; a post's metadata holds only names, sections and tags between its separators
    ("2. maj 2021, Ole Lund", "3. maj 2021 · 14:05 · Af Mette Holm | Politik").
    """
    if _TAG_LABEL.search(rest):
        return False
    rest = _CLOCK_LEAD.sub("", rest, count=1)
    return any(_is_clause(part) for part in _META_SEPARATORS.split(rest))


def _is_entry(rest: str) -> bool:
    """Whether what follows a leading date's colon or dash is a chronology's entry: a clause
    that opens in capitals and says what happened ("Demonstration foran Rådhuset"), not a
    reading time ("4 min læsning"), a credit ("foto: Ida Lund") or a section ("Politik og
    samfund")."""
    entry = _CLOCK_LEAD.sub("", rest, count=1)
    return (
        len(entry) >= _ENTRY_MIN
        and entry[:1].isupper()
        and ":" not in entry
        and _goes_on_in_a_clause(rest)
    )


def _is_clause(part: str) -> bool:
    # A name or a section is a word or two, capitalised bar a joiner ("Mette Holm og Ole
    # Lund", "af Ole Lund"); a clause is longer and has a word of its own in lower case.
    words = part.split()
    return len(words) > _META_WORDS and any(
        word[:1].islower() and word.lower() not in _NAME_JOINERS for word in words
    )


# The compiled text walk, when the install built it and it reads this page as selectolax does.
_text_walk = load(
    "text_walk",
    "<html><body><p>a <b>b</b>\n <i>\u00e9\u00a0</i><!--c--></p>\t\r\n<div> </div></body></html>",
)
if any(char.isascii() or char.isprintable() for char in INVISIBLE):
    # block_text drops invisible characters always, _single_spaced from unprintable lines
    # only: the same while every one of them is unprintable.
    _text_walk = None
#: Whether containers are walked for their text by the compiled walk (``text_walk``) rather
#: than in Python.
TEXT_WALK_COMPILED = _text_walk is not None


def _walk_kinds() -> bytes:
    """The compiled walk's table: a byte per tag id, what ``_Walker.walk`` does with it."""
    kinds: dict[int, int] = {}
    c = _text_walk
    # Later groups win, as earlier tests do in ``_Walker.walk``.
    for ids, kind in (
        (_BLOCK_IDS, c.BLOCK), (_CELL_IDS, c.CELL), (_HEADING_IDS, c.HEADING),
        ({_BLOCKQUOTE}, c.QUOTE), ({A}, c.A), ({BR}, c.BR), (_SKIP_IN_BODY_IDS, c.SKIP),
        ({_HEADER}, c.HEADER), ({TEXT}, c.TEXT),
    ):  # fmt: skip
        kinds.update(dict.fromkeys(ids, kind))
    table = bytearray(max(kinds) + 1)
    for tid, kind in kinds.items():
        table[tid] = kind
    return bytes(table)


_WALK_KINDS = _walk_kinds() if _text_walk is not None else b""


class _Walker:
    """Walk a container and cut its text into paragraphs at block boundaries."""

    def __init__(self, keep: set[int] | frozenset[int] = frozenset()) -> None:
        #: A <header> holding one of these (the best block's ancestors) is walked: broken
        #: markup can leave the whole article inside one.
        self.keep = keep
        #: Every block met, kept or not: the trailing-box rules read their order.
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.link_chars = 0
        #: Length of ``buf`` after the last run of link text: whether a block ends in a link.
        self.link_end = 0
        self.heading = 0
        #: Inside a <blockquote>: quoted text (an embedded post with its attribution line
        #: "— Name (@handle) June 28, 2017") is kept whole.
        self.quote = 0
        #: Inside a table cell: a "1/3" there is a figure of the table, not a gallery's counter.
        self.cell = 0
        #: The <a>s met since the last block: a block of link text may owe it to named places.
        self.anchors: list[LexborNode] = []
        #: The subtree walked (a walk's outermost node), and how often each line shaped as a
        #: counter ("4 / 6") was met in it: read only for such lines (:meth:`_stands_alone`).
        self.root: LexborNode | None = None
        self.counters: dict[str, int] = {}

    @property
    def paragraphs(self) -> list[str]:
        """The article's paragraphs: prose and headings, less trailing boxes."""
        return article_paragraphs(self.blocks)

    def _holds_article(self, header: LexborNode) -> bool:
        """Whether a ``<header>`` holds article text rather than a title and a byline."""
        if header.mem_id in self.keep:
            return True
        # Prose written into a <header> (a block's text, a standfirst of a sentence or more)
        # is article text; a title, a byline and a one-line kicker are not.
        return any(
            len(deep_text(p).strip()) >= _HEADER_PROSE for p in find_tags(header, _PARAGRAPH)
        )

    def flush(self) -> None:
        """End the pending block: its text becomes a block of its kind, or is left out."""
        if _text_walk is not None:
            _text_walk.flush(self)
            return
        buf = self.buf
        if not buf:
            return
        link_end = self.link_end
        linked = deictic = False
        anchors = _NO_ANCHORS
        if link_end:
            # Only whitespace after the last link's text: the block ends in a link.
            linked = all(run.isspace() for run in buf[link_end:])
            if len(buf[link_end - 1]) <= _DEICTIC_MAX:
                deictic = _deictic(buf, link_end)
                linked = linked or deictic
            self.link_end = 0
            # Taken with the link text they hold; <a>s without text may stay for the next.
            anchors = self.anchors
            self.anchors = []
        text = _single_spaced("".join(buf))
        # Cleared, not replaced: walk() holds on to this list.
        buf.clear()
        links = self.link_chars
        self.link_chars = 0
        if text:
            self._add(text, links, linked, deictic, anchors)

    def _add(
        self, text: str, links: int, linked: bool, deictic: bool, anchors: list[LexborNode]
    ) -> None:
        """Add a block's single-spaced ``text`` (``links`` characters of it link text, ending
        in a link if ``linked``, a pointer elsewhere if ``deictic``) as a block of its kind,
        or leave it out.

        Only a line shorter than ``_LONG_LINE`` or without a space meets a rule: the compiled
        flush adds the others itself, as the last lines here do.
        """
        # A line that is mostly links is navigation or a related-articles list, not prose.
        if links > 0.6 * len(text) and len(text) < _LINKS_MAX and _links_left(links, anchors, text):
            self.blocks.append(_block(Block, (LINKS, text, True)))
            return
        if " " not in text and (_CODE_TOKEN.match(text) or text.startswith(_URL_STARTS)):
            # A class name or a key leaking into the text ("wide-browser-and-larger"), or a
            # bare address on a line of its own (a "copy link" box shows the page's own).
            return
        if self.quote:
            # Quoted text is the quote's own, date and all.
            self.blocks.append(_block(Block, (PROSE, text, False)))
            return
        # An ad label, a date line or the heading of a related-links box is not text.
        if len(text) < _SHORT_LINE:
            if (
                len(text) <= _LABEL_MAX
                and _SECTION_LABEL.match(text.lower())
                and not _is_short_sentence(text)
            ):
                self.blocks.append(_block(Block, (LABEL, text, False)))
                return
            if _AD_LABEL.match(text) or _is_dateline(text):
                return
            if (
                len(text) <= _COUNTER_MAX
                and "/" in text
                and not self.cell
                and _is_counter(text)
                and not self._stands_alone(text)
            ):
                return
            if linked and ends_in_join_call(text):
                return  # "... Bliv medlem her": a membership box between the paragraphs
            if len(text) < 80 and (
                # A credit line has its colon: most lines are turned away without the pattern.
                (":" in text and _CREDIT.match(text))
                or (_COPYRIGHT.match(text) and _is_notice(text))
                or _BYLINE.match(text)
            ):
                return
        if text[0] in "AaFfIi" and len(text) < _CAPTION_MAX and _CAPTION.match(text):
            return
        if (
            len(text) < _CAPTION_MAX
            and "©" in text[-_CREDIT_TAIL:]
            and len(_SENTENCE_BREAK.findall(text)) < 2
        ):
            # A caption signed by its picture's owner ("... © CAE"): a sentence and its
            # credit; a paragraph of sentences that ends by naming its owner is the article's.
            return
        if self.heading:
            self.blocks.append(_block(Block, (HEADING, text, False)))
        else:
            # Ending in a link that holds a fair share of the line ("Giv et bidrag", "Subscribe
            # to ..."); a sentence that ends by naming its source ("..., oplyser politiet til
            # <a>TV 2 Lorry</a>.") is the article's.
            linked = linked and (links >= _LINKED_SHARE * len(text) or deictic)
            self.blocks.append(_block(Block, (PROSE, text, linked)))

    def _stands_alone(self, line: str) -> bool:
        """Whether a line shaped as a counter ("4 / 6") is a paragraph of its own between two
        of the article's (:func:`_in_text_flow`): a review's rating or a score the text sets
        apart. A gallery's counter stands by its pictures, captions or controls.

        The walk keeps no elements, so the line's is found again: the element that holds
        only its text, as many times over as the line was met in this walk.
        """
        root = self.root
        if root is None:
            return False
        seen = self.counters[line] = self.counters.get(line, 0) + 1
        for node in root.traverse(include_text=True):
            if node.tag_id != TEXT or _single_spaced(node.text_content or "") != line:
                continue
            seen -= 1
            if seen:
                continue
            holder = node.parent
            while (
                holder is not None
                and holder.parent is not None
                and holder.mem_id != root.mem_id
                and _single_spaced(deep_text(holder.parent)) == line
            ):
                holder = holder.parent
            return holder is not None and _in_text_flow(holder)
        return False

    def _walk_marked(self, node: LexborNode, quote: bool, in_link: bool, depth: int) -> None:
        """Walk a heading or a quote, marking the blocks inside it as such."""
        if quote:
            self.quote += 1
        else:
            self.heading += 1
        self.walk(node, in_link, depth + 1)
        if self.buf:
            self.flush()
        if quote:
            self.quote -= 1
        else:
            self.heading -= 1

    def walk(self, node: LexborNode, in_link: bool = False, depth: int = 0) -> None:
        """Add the text of ``node``'s subtree to the blocks, ending one at each block element."""
        if not depth:
            self.root = node
            if self.counters:
                self.counters = {}
        if _text_walk is not None and _text_walk.walk(
            self, node, in_link, depth, _MAX_WALK_DEPTH, _WALK_KINDS, _BREAK
        ):
            return
        buf = self.buf
        if depth > _MAX_WALK_DEPTH:
            # Pathologically nested markup: keep its text as one block rather than recurse on.
            buf.append(node.text(deep=True))
            return
        append = buf.append
        for child in node.iter(include_text=True):
            tid = child.tag_id
            if tid == TEXT:
                # Whitespace before any text of a paragraph changes nothing; leaving it out
                # spares the flush of a blank line at most block boundaries (two in three).
                # Most of it is the ASCII whitespace between blocks, told apart in Lexbor
                # without building a string.
                if not buf and child.is_empty_text_node:
                    continue
                value = child.text_content
                if value and (buf or not value.isspace()):
                    append(value)
                    if in_link:
                        self.link_chars += len(value.strip())
                        self.link_end = len(buf)
                continue
            if tid in _SKIP_IN_BODY_IDS and (tid != _HEADER or not self._holds_article(child)):
                continue
            if tid == BR:
                if (
                    buf
                    and (
                        buf[-1] is _BREAK
                        or (len(buf) > 1 and buf[-2] is _BREAK and buf[-1].isspace())
                    )
                    and not self.quote
                ):
                    # A blank line (<br><br>) ends a paragraph, as it does on screen; a quoted
                    # post keeps its lines together, its closing link with them.
                    self.flush()
                else:
                    append(_BREAK)
                continue
            if tid in _BLOCK_IDS:
                # Checked here rather than in flush(): most block boundaries have no text
                # pending, and a method call per element is a tenth of the walk.
                if buf:
                    self.flush()
                if tid in _MARKED_IDS:
                    if tid not in _CELL_IDS:
                        self._walk_marked(child, tid == _BLOCKQUOTE, in_link, depth)
                        continue
                    # A table cell, walked here (a call per cell costs more than its marks).
                    self.cell += 1
                    self.walk(child, in_link, depth + 1)
                    if buf:
                        self.flush()
                    self.cell -= 1
                    continue
                self.walk(child, in_link, depth + 1)
                if buf:
                    self.flush()
                continue
            if tid == A:
                child_in_link = True
                self.anchors.append(child)
            else:
                child_in_link = in_link
            first = child.first_child
            if first is not None and first.next is None and first.tag_id == TEXT:
                # An inline element holding one run of text (a link, <em>, <span>): most
                # inline elements are, and reading the text here saves a recursive call.
                value = first.text_content
                if value and (buf or not value.isspace()):
                    append(value)
                    if child_in_link:
                        self.link_chars += len(value.strip())
                        self.link_end = len(buf)
                continue
            self.walk(child, child_in_link, depth + 1)


def _names_infobox(attrs: dict[str, str | None]) -> bool:
    """Whether a block's class or id calls it an info box ("infobox", "InfoBox")."""
    # Substring tests on the names as written: this runs on every named block that stays.
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return "nfobox" in names or "nfoBox" in names


def _in_text_flow(node: LexborNode) -> bool:
    """Whether ``node`` adjoins the article's prose inside its body: a box there is a fact
    box the journalist set in the article, between two paragraphs, or before the first or
    after the last of a body of several. One elsewhere (a wiki's table of data atop a text
    it does not open, a box beside the article) is the page's."""
    before = _prose_or_edge(element_from(node.prev, "prev"))
    after = _prose_or_edge(element_from(node.next, "next"))
    if before is True and after is True:
        return True
    if {before, after} != {True, False}:
        return False
    # At an edge of its block: the block is the article's body when it holds its prose, and
    # the box is the article's when it holds sentences too, not a table of labelled values
    # ("Født: 3. maj, bor i Valby") a wiki sets atop a person's page, nor a list of books
    # ("Titel Forfatter, Forlag 2025, 368 S., 28 €") under a review.
    parent = node.parent
    return (
        parent is not None
        and _prose_children(parent) >= _EDGE_BODY
        and any(
            len(text) >= _SIBLING_PARAGRAPH
            and text.endswith(_SENTENCE_ENDS)
            and _LABELLED_VALUE.match(text) is None
            for text in (deep_text(p).strip() for p in find_tags(node, _PARAGRAPH))
        )
    )


def _prose_or_edge(near: LexborNode | None) -> bool | None:
    """``True`` for a paragraph of prose, ``False`` for nothing (an edge of the block),
    ``None`` for anything else."""
    if near is None:
        return False
    if near.tag_id == _P and len(deep_text(near).strip()) >= _SIBLING_PARAGRAPH:
        return True
    return None


def _prose_children(parent: LexborNode) -> int:
    return sum(
        1
        for child in parent.iter()
        if child.tag_id == _P and len(deep_text(child).strip()) >= _SIBLING_PARAGRAPH
    )


def _is_fact_aside(aside: LexborNode) -> bool:
    """Whether an ``<aside>`` is a fact box of the article: it adjoins the article's prose
    (:func:`_in_text_flow`) and holds prose of its own (a paragraph, few links, no script, form or
    picture), not a pull quote repeating a sentence of the article, a box named for a sign-up,
    a promotion or an ad (whatever its text says), or one headed like a related-links box
    ("Læs også") that links elsewhere. Asides elsewhere (sidebars, ads, job boxes) stay junk.
    """
    if not _in_text_flow(aside) or has_tag(aside, _SCRIPTED):
        return False
    text = _text_len(aside)
    if text < _SIBLING_PARAGRAPH or _link_density(aside, text) >= 0.2:
        return False
    if not any(
        len(deep_text(p).strip()) >= _SIBLING_PARAGRAPH for p in find_tags(aside, _PARAGRAPH)
    ):
        return False
    # Read only for the rare aside that got this far: a box headed "Læs også" links the page
    # it sells (a fact box headed "Mere om foreningen" links nothing); a sign-up box is named
    # for it (its text may name a newsletter as a fact box does); a pull quote repeats a
    # sentence of the article.
    if has_match(aside, "a[href]") and any(
        _SECTION_LABEL.match(deep_text(h).strip().lower()) for h in css(aside, _ASIDE_HEADS)
    ):
        return False
    attrs = aside.attributes
    if is_sign_up_box(attrs) or _sells(attrs):
        return False
    return not repeats_page_text(aside)


def _sells(attrs: dict[str, str | None]) -> bool:
    """Whether a box's class or id names it a promotion, an ad or a partner's box."""
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return (
        _PROMO_NAME.search(names) is not None or _COMMERCIAL_NAME.search(names.lower()) is not None
    )


def _links_left(links: int, anchors: list[LexborNode], text: str) -> bool:
    """Whether a block with ``links`` characters of link text, most of ``text``, is a line of
    links after all.

    Three kinds of block only look like one. Text inside an ``<a name=...>`` with no address
    marks a place the page's own contents jump to: it is the paragraph's, not a link. An
    e-mail address shown as a ``mailto:`` link is the text's too (a share button "E-mail"
    shows no address). And a sentence may run on into a link ("Wiese, <a>who for the last
    eight months ...</a>."): a link whose text goes on in lower case after text of its own
    continues the sentence, where the link of a menu or a teaser is a title. Only asked of
    blocks that look like links.
    """
    # A named place or an address is one link on its line (two at most): a line of more
    # links is a menu or a list, and its links' attributes are not read.
    for anchor in anchors if len(anchors) <= _PLACE_LINKS else ():
        attrs = anchor.attrs
        href = attrs.get("href")
        if href is None and "name" in attrs:
            links -= len(deep_text(anchor).strip())
        elif href and href.startswith("mailto:"):
            shown = deep_text(anchor).strip()
            if "@" in shown:
                links -= len(shown)
    if links > 0.6 * len(text) and text.endswith("."):
        first = next((shown for a in anchors if (shown := deep_text(a).strip())), "")
        if first[:1].islower() and not text.startswith(first):
            return False  # a sentence that runs on into its link
    return links > 0.6 * len(text)


def _text_len(node: LexborNode) -> int:
    if _box_walk is not None and (length := _box_walk.text_len(node)) is not None:
        return length
    return len(deep_text(node).strip())


def _link_density(node: LexborNode, length: int, anchors: list[LexborNode] | None = None) -> float:
    """Share of ``node``'s text that is link text (for whole containers: one selector query;
    none when its ``anchors`` are given)."""
    if length == 0:
        return 1.0
    if anchors is None:
        anchors = find_tags(node, _ANCHOR)
    links = sum(map(len, map(deep_text, anchors)))  # no generator frame per link
    return min(1.0, links / length)


def _prose_link_density(node: LexborNode) -> float:
    """``_link_density(node, _text_len(node))`` for a block that holds scored prose, whose
    stripped text is never empty: a block without links has none, and its text (a whole
    container's, for the length) is then never read."""
    if _box_walk is not None and (density := _box_walk.prose_link_density(node, A)) is not None:
        return density
    anchors = css(node, "a")
    return _link_density(node, _text_len(node), anchors) if anchors else 0.0


_MAX_DEPTH = 10
# A <header> with a paragraph of this many characters holds article text.
_HEADER_PROSE = 100
# Share of the best block's prose a sibling block of another make must hold to join it.
_SIBLING_SHARE = 0.15
# A parent adding up to a tenth more prose is a wrapper of the best block: climbed through.
_WRAPPER_GAIN = 1.1
# A text shorter than this sends extraction to its fallbacks, which must give this many
# times as much (and half of it more) to be taken instead.
_SHORT_TEXT = 250
_FALLBACK_GAIN = 2
# A text shorter than this is checked against the page's main <article> or <main>, and then
# against all paragraphs of the page (checked only on short texts: each costs a walk).
_SECTION_CHECK = 3000
# The page's <article>/<main> replaces a short text holding all of it with this many times
# its length (twice as much without all of it: _FALLBACK_GAIN).
_SECTION_EXTENDS = 1.5
# All paragraphs of the page count as prose only outside blocks with this share of link text.
_TEASER_LINKS = 0.25
# A block named "teaser" with this share of link text is a card for another story.
_CARD_LINKS = 0.2
# A paragraph above the chosen blocks (inside the page's <article>/<main>) joins them as
# their lead with this much text, ending a sentence, and at most this share of link text.
_STRAY_LEAD_MIN = 100
# Where a stray lead is written: a paragraph, or a <div> holding that much text of its own.
_LEAD_BLOCKS = tag_query("p", "div")
_STRAY_LEAD_LINKS = 0.1
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "»", ")")
# A block ends in a link (and may point the reader elsewhere) when its last text is a link's
# and links hold this share of it.
_LINKED_SHARE = 0.3
# What may follow a last link that only says "here" (_DEICTIC).
_AFTER_LINK = ".!:;"


def _single_spaced(raw: str) -> str:
    """A block's text as one single-spaced line: without invisible characters, in NFC, every
    run of whitespace one space and none at its ends (``text_walk.block_text`` compiles it)."""
    # Every whitespace character but the space is unprintable, and so is every invisible
    # one: a printable line holds neither, as two in three do.
    printable = raw.isprintable()
    if not raw.isascii():
        if not printable:
            for char in INVISIBLE:
                if char in raw:
                    raw = raw.replace(char, "")
            printable = raw.isprintable()
        if not unicodedata.is_normalized("NFC", raw):
            # One spelling per character (a decomposed "é" or Bengali "য়" as the page
            # may write it), as trafilatura gives it: searches and matches see one text.
            raw = unicodedata.normalize("NFC", raw)
            printable = raw.isprintable()
    if printable:
        # Already single-spaced but maybe at its ends: splitting into words and joining
        # them again would give it back, at the cost of an object per word.
        text = raw if "  " not in raw else " ".join(raw.split())
        if text[:1] == " " or text[-1:] == " ":
            text = text.strip(" ")
    else:
        # Most unprintable lines are whitespace (a line break, an indent) at their ends.
        text = raw.strip()
        if not text.isprintable() or "  " in text:
            text = " ".join(text.split())
    return text


def _deictic(buf: list[str], link_end: int) -> bool:
    """Whether a block's last link (``buf[link_end - 1]``, short) only says "here", a full
    stop after it or not ("... findest Du <a>hier</a>."), in a sentence that is a pointer.

    Such a link points elsewhere however short it is; one in a sentence with a clause of its
    own ("..., viser rapporten, som kan læses <a>her</a>.") tells the article's facts.
    """
    return (
        buf[link_end - 1].strip().lower() in _DEICTIC
        and all(not run.strip().strip(_AFTER_LINK) for run in buf[link_end:])
        and _pointer_sentence("".join(buf))
    )


def _pointer_sentence(raw: str) -> bool:
    """Whether the last sentence of ``raw`` has no comma: a pointer ("Mehr zu unserer
    Arbeitsweise lesen Sie hier."), not a sentence of facts with a clause pointing on."""
    body = raw.rstrip().rstrip(_AFTER_LINK)
    start = max(body.rfind(". "), body.rfind("? "), body.rfind("! "))
    return "," not in body[start + 1 :]


_DEICTIC_MAX = 12  # the longest run of link text that can be one of them, spaces and all
# A line of links is shorter than this.
_LINKS_MAX = 300
# Only a line shorter than this can be a label, a date line, a credit or a byline.
_SHORT_LINE = 120
_DEICTIC = frozenset({"hier", "here", "her", "här", "ici", "aquí", "acá", "qui", "tutaj", "tu"})
# A paragraph element beside the best block joins it with this much text.
_SIBLING_PARAGRAPH = 80
# A box before the first or after the last paragraph is the article's when its block holds
# this many paragraphs of prose (a body, not a line of text beside a box).
_EDGE_BODY = 3
# A labelled value of a data table: a short label, a colon, the value ("Fødselsdag: 3. maj").
_LABELLED_VALUE = re.compile(r"[^\W\d][^:.]{0,24}:\s")
# Prose a block right above the article must hold to be taken as its lead.
_LEAD_MIN = 120
# How many of the best-scoring blocks are checked for being reader comments.
_COMMENT_CHECKS = 30
# What an aside of ads or widgets holds and a fact box does not.
_SCRIPTED = tag_query(
    "script", "iframe", "ins", "form", "button", "noscript", "figure", "picture", "video"
)
_PARAGRAPH = tag_query("p")
_ANCHOR = tag_query("a")
_LIST_ITEM = tag_query("li")
# Where an aside names its kind ("Fakta", "Læs også").
_ASIDE_HEADS = "h2, h3, h4, h5, h6, header"
_INNER_BLOCKS = (
    ":is(div, p, section, article, ul, ol, table, blockquote, pre, h1, h2, h3, h4, h5, h6)"
)
_MAX_WALK_DEPTH = 200
# What a <br> adds to a line: its own object, told by identity from the text around it (a
# text node " \n" is another string), so that a second <br> after it ends the paragraph.
_BREAK = " \n"
# A layout row's cell holding this share of the row's text is its article column.
_MAIN_CELL_SHARE = 0.75
# A line with at most this many links may owe its link text to named places or addresses.
_PLACE_LINKS = 2
_NO_ANCHORS: list[LexborNode] = []  # never changed: the anchors of a block without links
_NO_KEYS: frozenset[int] = frozenset()
# Levels of single wrappers a boilerplate-named block may put around an embedded post.
_QUOTE_WRAPPERS = 4


def _score_paragraphs(
    candidates: list[LexborNode], deep: bool | None, stop: int, whole: set[int] | None = None
) -> tuple[dict[int, float], dict[int, int], dict[int, LexborNode]]:
    """Readability scores for parents/grandparents, and prose length held by every ancestor.

    ``deep=None`` means: paragraphs are elements, except ``<div>``s, which count their own
    text only (text written as ``<div>line<br>line</div>``). Nodes in ``whole`` count all
    their text even when ``deep`` is False.
    """
    if _box_walk is not None:
        # The same scores from Lexbor's text bytes, without a string per candidate (None: a
        # page whose text is not valid UTF-8, counted here in Python).
        found = _box_walk.score_paragraphs(
            candidates, deep, stop, whole, DIV, A, _MAX_DEPTH, _class_weight
        )
        if found is not None:
            return found
    scores: dict[int, float] = {}
    held: dict[int, int] = {}
    nodes: dict[int, LexborNode] = {}
    # Paragraphs are summed per parent before climbing: an article's twenty paragraphs
    # share one parent, whose ancestors are then walked once instead of twenty times.
    # Scores are integers and halves, so the sums are exact whatever their order.
    # Keyed by the parent's mem_id, negated (less one) for blocks that are their own
    # paragraph and so climb a level less: an int key hashes faster than a tuple.
    groups: dict[int, list] = {}
    whole = whole or _NO_KEYS
    for p in candidates:
        if deep is None:
            own = p.tag_id == DIV
            text = p.text(deep=False) if own else deep_text(p)
        else:
            own = not deep
            text = p.text(deep=deep or p.mem_id in whole)
        # Stripping only shortens: most candidates (menu items, table cells) are too short
        # even before it.
        if len(text) < 25:
            continue
        n = len(text.strip())
        if n < 25:
            continue
        # Long prose with a few links is still prose; only short blocks can be link lists:
        # those whose links hold more than half of their text, counted in the block and
        # everything under it (as css() would) until it passes half, a few links into a
        # menu. A Python walk over a small block costs a third of a selector query on it.
        if n < 300:
            limit = 0.5 * n
            links = 0
            for element in p.traverse():
                if element.tag_id == A:
                    links += len(deep_text(element))
                    if links > limit:
                        break
            if links > limit:
                continue
        commas = text.count(",")
        if not text.isascii():
            commas += text.count("，")
        score = 1 + commas + min(n // 100, 3)
        first = p.parent
        if own:
            # A block that is its own paragraph holds its prose but does not score itself.
            key = p.mem_id
            if key == stop:
                continue
            nodes[key] = p
            held[key] = held.get(key, 0) + n
            if first is None:
                continue
            group_key = -1 - first.mem_id
        elif first is None:
            continue
        else:
            group_key = first.mem_id
        group = groups.get(group_key)
        if group is None:
            groups[group_key] = [first, n, score, _MAX_DEPTH - 1 if own else _MAX_DEPTH]
        else:
            group[1] += n
            group[2] += score
    for ancestor, n, score, levels in groups.values():
        # The parent and the grandparent score; prose is held by every level.
        for weight in (1.0, 0.5):
            key = ancestor.mem_id
            if key == stop:
                break
            nodes[key] = ancestor
            held[key] = held.get(key, 0) + n
            if key not in scores:
                scores[key] = _class_weight(ancestor)
            scores[key] += score * weight
            ancestor = ancestor.parent
            if ancestor is None:
                break
        else:
            # The article container sits a few levels above its paragraphs; counting prose
            # further up only serves blocks that are never chosen, and costs a node object
            # per level.
            for _ in range(levels - 2):
                key = ancestor.mem_id
                if key == stop:
                    break
                nodes[key] = ancestor
                held[key] = held.get(key, 0) + n
                ancestor = ancestor.parent
                if ancestor is None:
                    break
    return scores, held, nodes


def _comment_sections(body: LexborNode) -> list[LexborNode]:
    """The page's sections of reader comments, outermost and innermost alike."""
    # Sought once junk is gone: little more than half of the page is left to search, and
    # nothing inside junk is found. Paragraphs themselves are never comment sections, nor are
    # page-level containers, whose state classes ("comments-open") say nothing about them.
    return [
        node
        for node in comment_named(body)
        if node.tag_id not in _NEVER_COMMENTS and _COMMENT_SECTION_RE.search(class_id(node))
    ]


def _is_concealed(node: LexborNode) -> bool:
    """Whether the element itself is a hidden layer (by its class words or ``hidden``)."""
    attrs = node.attributes
    return bool(attrs) and (
        concealed_by_name((attrs.get("class"), attrs.get("id"))) or "hidden" in attrs
    )


def _not_concealed(ranked: list[int], nodes: dict[int, LexborNode], need: int) -> list[int]:
    """The first ``need`` blocks of ``ranked`` that do not sit in a hidden layer (a flyout).

    Score tables and menus wait in hidden layers until a reader opens them; they can hold
    more text than the article beside them, but the page does not show them as its text.
    Only the leading blocks are checked, each by climbing its ancestors once (verdicts are
    shared between blocks of one page); all of ``ranked`` when every one of them is hidden.
    """
    if _box_walk is not None:
        return _box_walk.not_concealed(
            ranked, nodes, need, _COMMENT_CHECKS, _PAGE_TABLE, CONCEALED_NAMES,
            concealed_by_name, _is_concealed,
        )  # fmt: skip
    verdicts: dict[int, bool] = {}
    kept: list[int] = []
    for n, key in enumerate(ranked):
        if n >= _COMMENT_CHECKS or len(kept) == need:
            break
        path: list[int] = []
        node: LexborNode | None = nodes[key]
        hidden = False
        while node is not None and node.tag_id not in _PAGE_IDS:
            mem_id = node.mem_id
            known = verdicts.get(mem_id)
            if known is not None:
                hidden = known
                break
            path.append(mem_id)
            # _is_concealed, with nodes' cache read here: a call per ancestor costs more.
            attrs = node.attributes
            if attrs:
                names = (attrs.get("class"), attrs.get("id"))
                concealed = CONCEALED_NAMES.get(names)
                if (
                    concealed
                    or (concealed is None and concealed_by_name(names))
                    or "hidden" in attrs
                ):
                    hidden = True
                    break
            node = node.parent
        for mem_id in path:
            verdicts[mem_id] = hidden
        if not hidden:
            kept.append(key)
    return kept or ranked


def _outside_comments(
    ranked: list[int], nodes: dict[int, LexborNode], sections: set[int]
) -> list[int]:
    """The five best blocks that are not reader comments (comments only if nothing else is).

    A long discussion under a short article outscores it on prose; it is still not the
    article. Only the leading blocks are checked: each check climbs to the top of the page.
    """
    if not sections:
        return ranked[:5]
    chosen: list[int] = []
    for key in ranked[:_COMMENT_CHECKS]:
        if _not_comment(key, nodes, sections):
            chosen.append(key)
            if len(chosen) == 5:
                break
    return chosen or ranked[:5]


def _not_comment(key: int, nodes: dict[int, LexborNode], sections: set[int]) -> bool:
    """Whether block ``key`` lies outside the page's named comment sections."""
    return key not in sections and not has_ancestor(nodes[key], sections)


@dataclass(frozen=True)
class _Prose:
    """Prose length held by each scored block (by ``mem_id``), and the blocks themselves."""

    held: dict[int, int]
    nodes: dict[int, LexborNode]
    #: The leading blocks of the choice, best first.
    ranked: tuple[int, ...] = ()
    #: Reader threads and listings of other stories the choice found, when it looked.
    found: frozenset[int] | None = None

    @cached_property
    def foreign(self) -> frozenset[int]:
        """Reader threads and listings of other stories among the leading blocks
        (:mod:`mediespor.extract.foreign`), looked for when a fallback first asks."""
        if self.found is not None:
            return self.found
        return frozenset(outside_foreign(list(self.ranked), self.nodes, self.held)[1])

    def most(self) -> int:
        """The most prose any one block holds: about all the prose of the page."""
        return max(self.held.values(), default=0)

    def widest_section(self) -> LexborNode | None:
        """The ``<article>`` or ``<main>`` holding the most prose: the page's own say on
        where its text is, read when the scored choice gave little."""
        best, amount = None, 0
        for key, node in self.nodes.items():
            if node.tag_id in _SECTION_IDS and self.held[key] > amount:
                best, amount = node, self.held[key]
        return best


def _is_lead(block: LexborNode, held: dict[int, int]) -> bool:
    """Whether a block of prose right above the article is its lead (standfirst, intro)."""
    return (
        held[block.mem_id] >= _LEAD_MIN
        and _prose_link_density(block) < 0.2
        # A list above the body is a box of key points, not a lead.
        and not has_tag(block, _LIST_ITEM)
    )


def _choose(top: list[int], scores: dict[int, float], nodes: dict[int, LexborNode]) -> int:
    """The block of ``top`` (best-scoring first) with the best score less its link text."""
    best_key, best_score = top[0], -1e9
    for key in top:
        if best_score >= 0 and scores[key] <= best_score:
            # Link density only lowers a score, so no block from here on can win.
            break
        node = nodes[key]
        adjusted = scores[key] * (1 - _prose_link_density(node))
        if adjusted > best_score:
            best_key, best_score = key, adjusted
    return best_key


def _main_cell(row: LexborNode) -> LexborNode | None:
    """The cell of a table row holding most (``_MAIN_CELL_SHARE``) of its text, if any."""
    sizes = [
        (len(deep_text(cell).strip()), cell) for cell in row.iter() if cell.tag in ("td", "th")
    ]
    total = sum(size for size, _ in sizes)
    if not total:
        return None
    size, cell = max(sizes, key=lambda pair: pair[0])
    return cell if size >= _MAIN_CELL_SHARE * total else None


#: Prose outside an overview's listings that may be an article of its own: a sentence.
_OWN_PROSE = 50


def _prose_beside(
    held: dict[int, int], nodes: dict[int, LexborNode], foreign: set[int], mostly: set[int]
) -> bool:
    """Whether a block outside the teasers of the ``foreign`` listings (and the wrappers
    ``mostly`` made of them) holds a sentence of prose: a short news item above its "more on
    the subject" cards is an article, however many cards follow it, even where the page's
    own body holds it and the cards side by side."""
    teasers = {unit.mem_id for key in foreign for unit in template_units(nodes[key])}
    return any(
        amount >= _OWN_PROSE
        and key not in mostly
        and key not in teasers
        and (node := nodes.get(key)) is not None
        and not has_ancestor(node, teasers)
        for key, amount in held.items()
    )


def _best_container(
    body: LexborNode, candidates: list[LexborNode], sections: set[int] = frozenset()
) -> tuple[list[LexborNode], LexborNode | None, _Prose]:
    """The blocks that hold the article, the best-scoring block, and the prose of every block."""
    html = body.parent
    stop = html.mem_id if html is not None else -1
    scores, held, nodes = _score_paragraphs(candidates, deep=None, stop=stop)
    # Every scored block holds prose (it is counted where it is scored).
    if not scores or max(map(held.__getitem__, scores)) < 400:
        # Some sites write paragraphs as <div>text</div>: let divs with own text vote too.
        # A div without block children is one paragraph even when its text sits in inline
        # wrappers (Blogger's <div><span><span>text</span></span></div>).
        blocks = css(body, _INNER_BLOCKS)
        # Every ancestor of a block holds blocks; climbing stops at one already marked, so
        # this costs one step per element.
        holds_blocks: set[int] = set()
        for block in blocks:
            parent = block.parent
            while parent is not None and parent.mem_id not in holds_blocks:
                holds_blocks.add(parent.mem_id)
                parent = parent.parent
        divs = []
        whole: set[int] = set()
        for d in blocks:
            if d.tag != "div":
                continue
            if len(d.text(deep=False).strip()) >= 25:
                divs.append(d)
            elif d.mem_id not in holds_blocks and len(deep_text(d).strip()) >= 25:
                divs.append(d)
                whole.add(d.mem_id)
        if divs:
            ds, dh, dn = _score_paragraphs(divs, deep=False, stop=stop, whole=whole)
            if dh and max(dh.values()) > max(held.values(), default=0):
                scores, held, nodes = ds, dh, dn
    if not scores:
        return [body], None, _Prose({}, {})
    ranked = _not_concealed(
        sorted(scores, key=scores.__getitem__, reverse=True),
        nodes,
        _COMMENT_CHECKS if sections else 5,
    )
    best_key = _choose(_outside_comments(ranked, nodes, sections), scores, nodes)
    found: frozenset[int] | None = None
    mostly: set[int] = set()
    if is_foreign(nodes[best_key]):
        # A thread of reader posts or a listing of other stories that no name gives away is
        # not the article either. Tested on the winner first: on most pages it is the only
        # block that needs the test (the fallbacks ask _Prose.foreign for the others).
        others, foreign, others_mostly = outside_foreign(ranked, nodes, held)
        if (
            others is ranked
            and all(is_listing(nodes[key]) for key in foreign)
            and not _prose_beside(held, nodes, foreign, others_mostly)
        ):
            # Every leading block lists other stories and no prose stands outside them (a
            # section, tag or search page): the page holds no article, its teasers are none.
            return [], None, _Prose(held, nodes, tuple(ranked[:_COMMENT_CHECKS]), frozenset())
        left = _outside_comments(others, nodes, sections | foreign)
        if (
            not sections
            or any(_not_comment(key, nodes, sections) for key in left)
            or any(node.mem_id in sections for node in nodes[best_key].traverse())
        ):
            ranked, found, mostly = others, frozenset(foreign), others_mostly
            best_key = _choose(left, scores, nodes)
        # else only the page's named comments are left beside a block that holds none: its
        # units are the article's own (a live blog, a chronology, an explainer's sections),
        # taken for posts or teasers by their shape, while named comments never are.
    prose = _Prose(held, nodes, tuple(ranked[:_COMMENT_CHECKS]), found)
    best = core = nodes[best_key]
    core_cell = None
    if best.tag == "tr":
        # A row of a table-layout page: its cells are the page's columns (links, news beside
        # the text), so the article is the cell that holds most of the row's text.
        cell = _main_cell(best)
        if cell is not None:
            held[cell.mem_id] = held[best.mem_id]
            best = core = core_cell = cell
    # Climb through wrappers that add no prose of their own, so that sibling blocks of a
    # chunked article body (cards, grid items) are found at the right level. A parent said to
    # hold less than its child was counted short (prose is counted _MAX_DEPTH levels up from
    # each paragraph): what it holds besides is unknown, so it is not climbed.
    # A layout row's article cell is not climbed back out of.
    while (
        best is not core_cell
        and (above := best.parent) is not None
        and above.tag_id not in _PAGE_IDS
        and (wrapper := held.get(above.mem_id)) is not None
        and held[best.mem_id] <= wrapper <= held[best.mem_id] * _WRAPPER_GAIN
    ):
        best = above
    parent = best.parent
    if parent is None:
        return [best], core, prose
    base = held[best.mem_id]
    signature = (best.tag, best.attributes.get("class"))
    chosen: list[LexborNode] = []
    # The last block of prose before the best one that was not taken: the article's lead
    # (a standfirst or intro) often sits in a block of its own right above the body.
    before: LexborNode | None = None
    for sib in parent.iter():
        key = sib.mem_id
        if key == best.mem_id:
            if before is not None and sib.tag_id != _ARTICLE and _is_lead(before, held):
                chosen.append(before)
            chosen.append(sib)
            before = None
            continue
        amount = held.get(key, 0)
        if not amount and sib.tag_id == _P:
            # A paragraph beside the article's block (an intro written straight into the
            # wrapper) joins as readability joins one: long, with few links.
            length = _text_len(sib)
            if length >= _SIBLING_PARAGRAPH and _link_density(sib, length) < 0.25:
                chosen.append(sib)
                before = None
            continue
        if not amount or key in sections or key in mostly or _is_concealed(sib):
            continue
        above, before = before, sib
        # A chunk built from the same template as the best block is the same article, however
        # short; anything else must hold a fair share of prose and few links.
        # Only a class makes a template: bare <section>s or <div>s say nothing about kinship.
        same_template = signature[1] is not None and (
            (sib.tag, sib.attributes.get("class")) == signature
        )
        needed, max_links = (25, 0.5) if same_template else (max(50, _SIBLING_SHARE * base), 0.2)
        if (
            amount >= needed
            and _prose_link_density(sib) < max_links
            and not holds_foreign(sib, held)
        ):
            if not chosen and above is not None and _is_lead(above, held):
                # The article starts with this chunk: the lead sits above it, not the best.
                chosen.append(above)
            chosen.append(sib)
            before = None
    return chosen, core, prose


def _section_instead(texts: list[str], containers: list[LexborNode], prose: _Prose) -> list[str]:
    """The text of the page's main ``<article>``/``<main>`` when it is far longer than ``texts``,
    or longer and holding every paragraph of ``texts``.

    Scores split across many small boxes (a page builder's grid) can lose to one compact
    box beside the article, or pick one box of an article cut into many; like trafilatura's
    comparison with a second extractor, a short result is checked against the section the
    page itself marks as its content, whether the choice lies inside it or beside it. A
    section that holds the whole pick extends it (the article's other boxes), so half again
    as much text will do; one that leaves part of the pick out must give twice as much.
    """
    wide = prose.widest_section()
    if wide is None:
        return texts
    length = sum(len(t) for t in texts)
    # Only a section holding the chosen blocks can hold every paragraph of them.
    wide_ids = {wide.mem_id}
    holds_pick = all(n.mem_id in wide_ids or has_ancestor(n, wide_ids) for n in containers)
    if prose.held[wide.mem_id] <= (_SECTION_EXTENDS if holds_pick else _FALLBACK_GAIN) * length:
        # The prose its paragraphs hold could not extend the text enough: not worth a walk.
        return texts
    _remove_boilerplate(wide, _ParagraphCounts([wide]), set())
    for key in prose.foreign:
        prose.nodes[key].remove(recursive=True)  # threads and listings are not its text
    walker = _Walker()
    walker.walk(wide)
    walker.flush()
    found = walker.paragraphs
    amount = sum(len(t) for t in found)
    if amount > _FALLBACK_GAIN * length:
        return found
    if amount > _SECTION_EXTENDS * length and set(texts) <= set(found):
        return found
    return texts


def _leads_above(first: LexborNode, prose: _Prose, sections: list[LexborNode]) -> list[str]:
    """Paragraphs of prose above the chosen blocks inside the page's own ``<article>``/``<main>``.

    A standfirst often sits far above the body: in the article's header, beside the picture,
    several levels up from the paragraphs that won. A paragraph is a ``<p>`` or text written
    straight into a ``<div>`` (a paywalled page's preview, a page builder's text box: no
    paragraph of the body votes for it). Only whole sentences of some length with few links
    count, outside hidden layers, boilerplate blocks and reader comments; text below the body
    is not taken this way (what follows an article is mostly boxes).
    """
    wide = prose.widest_section()
    if wide is None or wide.mem_id == first.mem_id:
        return []
    chain: list[LexborNode] = []
    node: LexborNode | None = first
    while node is not None and node.mem_id != wide.mem_id:
        if node.tag_id == _ARTICLE:
            break  # an <article> in the section holds the whole article: not what is beside it
        chain.append(node)
        node = node.parent
    if node is None:
        return []  # the chosen blocks lie outside the section
    stop = {wide.mem_id}
    comment_ids = {n.mem_id for n in sections}
    taken: set[int] = set()  # a lead walked with its block is not walked again inside it
    walker = _Walker()
    # Outermost level first: its earlier siblings come first on the page.
    for level in reversed(chain):
        sib = level.prev
        earlier: list[LexborNode] = []
        while sib is not None:
            earlier.append(sib)
            sib = sib.prev
        for block in reversed(earlier):
            if not block.is_element_node:
                continue
            for p in find_tags(block, _LEAD_BLOCKS):
                if p.tag_id != _P and not _holds_own_paragraph(p):
                    continue
                if _is_stray_lead(p, stop, comment_ids) and not has_ancestor(p, taken):
                    taken.add(p.mem_id)
                    walker.flush()
                    walker.walk(p)
                    walker.flush()
    return walker.paragraphs


def _holds_own_paragraph(div: LexborNode) -> bool:
    """Whether a ``<div>`` holds a paragraph written straight into it: a lead's length of its
    own text, and most of its text its own (not a box of blocks with a line beside them)."""
    own = len(div.text(deep=False).strip())
    return own >= _STRAY_LEAD_MIN and 2 * own >= _text_len(div)


def _is_stray_lead(p: LexborNode, stop: set[int], comment_ids: set[int]) -> bool:
    """Whether paragraph ``p`` is a sentence of prose in no box on its way up to ``stop``."""
    text = deep_text(p).strip()
    if len(text) < _STRAY_LEAD_MIN:
        return False
    if not text.endswith(_SENTENCE_ENDS) and not follows_headline(p):
        return False
    if _link_density(p, len(text)) > _STRAY_LEAD_LINKS:
        return False
    return _outside_boxes(p, stop, comment_ids)


def _outside_boxes(
    node: LexborNode, stop: set[int], comment_ids: set[int], seen: dict[int, bool] | None = None
) -> bool:
    """Whether no ancestor of ``node`` below ``stop`` is a comment section, boilerplate or hidden.

    ``seen`` remembers the verdict on ancestors already checked, for callers that ask about
    many nodes of one page.
    """
    path: list[int] = []
    node = node.parent
    verdict = True
    while node is not None and node.mem_id not in stop:
        key = node.mem_id
        if seen is not None and key in seen:
            verdict = seen[key]
            break
        path.append(key)
        if key in comment_ids or _is_boilerplate(node.attributes) or _is_concealed(node):
            verdict = False
            break
        node = node.parent
    if seen is not None:
        for key in path:
            seen[key] = verdict
    return verdict


def _page_paragraphs(body: LexborNode, candidates: list[LexborNode]) -> list[str]:
    """Every paragraph left on the page, in order: the fallback when no container holds text.

    Like trafilatura's baseline: all paragraph elements outside junk and removed
    boilerplate, less link lists and trailing boxes.
    """
    ids = {node.mem_id for node in candidates}
    walker = _Walker()
    for node in candidates:
        if has_ancestor(node, ids) or not is_attached(node, body):
            continue  # its text comes with the outer paragraph, or it was removed
        walker.flush()
        walker.walk(node)
        walker.flush()
    return walker.paragraphs


def _noscript_paragraphs(noscript: list[LexborNode]) -> list[str]:
    """The paragraphs of the page's longest ``<noscript>`` block.

    Some pages render their text with a script and give it to script-less readers only in a
    ``<noscript>`` (dropped as junk with every other one, which hold tracking pixels).
    """
    longest = max(noscript, key=_text_len)
    walker = _Walker()
    walker.walk(longest)
    walker.flush()
    return walker.paragraphs


def _fallback(
    texts: list[str],
    body: LexborNode,
    candidates: list[LexborNode],
    article_body: str | None,
    noscript: list[LexborNode],
) -> tuple[list[str], str]:
    """A fuller text when the container gave next to nothing, and where it came from."""
    length = sum(len(t) for t in texts)
    if article_body:
        lines = body_paragraphs(article_body)
        if sum(len(line) for line in lines) > _FALLBACK_GAIN * length + _SHORT_TEXT // 2:
            return lines, "jsonld"
    if noscript:
        shown = _noscript_paragraphs(noscript)
        if sum(len(t) for t in shown) > _FALLBACK_GAIN * length + _SHORT_TEXT // 2:
            return shown, "noscript"
    page = _page_paragraphs(body, candidates)
    if sum(len(t) for t in page) > _FALLBACK_GAIN * length + _SHORT_TEXT // 2:
        return page, "paragraphs"
    return texts, "container"


def _in_teaser(node: LexborNode, verdicts: dict[int, bool]) -> bool:
    """Whether ``node`` sits in a block whose text is largely links (a teaser card's blurb).

    ``verdicts`` remembers each parent's: an article's paragraphs share one, whose text and
    links would otherwise be read once per paragraph.
    """
    parent = node.parent
    if parent is None:
        return False
    key = parent.mem_id
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = _link_density(parent, _text_len(parent)) >= _TEASER_LINKS
    return verdict


def _whole_page_instead(
    texts: list[str],
    body: LexborNode,
    candidates: list[LexborNode],
    sections: list[LexborNode],
    prose: _Prose,
) -> list[str] | None:
    """Every paragraph on the page when the pick is only a fragment of it, else ``None``.

    trafilatura's ``compare_extraction`` in a cheap form: a short pick is compared with the
    baseline of all paragraphs, and the baseline wins when it is far longer and holds every
    paragraph of the pick, i.e. it extends the article (a question with its answers, a recipe
    split into boxes) rather than being some other text on the page.
    """
    length = sum(len(t) for t in texts)
    if prose.most() <= _FALLBACK_GAIN * length:
        return None  # the scored prose of the whole page is not that much more: no walk needed
    stop, comment_ids, seen = {body.mem_id}, {node.mem_id for node in sections} | prose.foreign, {}
    teasers: dict[int, bool] = {}
    shown = [
        node
        for node in candidates
        if _outside_boxes(node, stop, comment_ids, seen) and not _in_teaser(node, teasers)
    ]
    page = _page_paragraphs(body, shown)
    if sum(len(t) for t in page) > _FALLBACK_GAIN * length and set(texts) <= set(page):
        return page
    return None


def main_content(
    tree: LexborHTMLParser,
    *,
    headline: str | None = None,
    index: PageIndex | None = None,
    article_body: str | None = None,
    descriptions: tuple[str | None, ...] = (),
) -> MainContent:
    """Extract the article's paragraphs from a parsed page (the tree is modified).

    ``index`` is the page's :func:`index_page`, taken before anything changed the tree.
    ``article_body`` is the text the page's structured data gives, if any: used when the
    page's markup yields next to nothing, or only a preview of it (``source`` ``jsonld_full``).
    ``descriptions`` are the page's own summaries (meta description, ``og:description``):
    the block under the headline that shows one is the standfirst, put first.
    """
    body = tree.body
    if body is None:
        return MainContent(())
    index = index or index_page(tree)
    for node in index.junk:
        if node.tag_id == _ASIDE and _is_fact_aside(node):
            continue  # a fact box set between the article's paragraphs is its text
        # Detached, not freed: nodes already handed out stay valid. Only the junk element
        # itself is unlinked; its subtree, never visited again, may stay as it is.
        node.remove(recursive=False)
    sections = _comment_sections(body)
    containers, core, prose = _best_container(body, index.candidates, {n.mem_id for n in sections})
    if not containers:
        return MainContent((), tuple(_comments(sections)), "overview")  # an overview page
    # Boilerplate is removed only inside the chosen blocks: checking the class names of every
    # element on the page would cost as much as parsing it.
    comments = _comments(sections)
    paragraphs = _ParagraphCounts(containers)
    # The pages of an article shown one at a time are its text, hidden or not.
    keep: set[int] = {page.mem_id for page in hidden_pages(core)} if core is not None else set()
    while core is not None:
        keep.add(core.mem_id)
        core = core.parent
    for node in containers:
        _remove_boilerplate(node, paragraphs, keep, index.quotes)
    walker = _Walker(keep)
    for node in containers:
        walker.flush()
        walker.walk(node)
        walker.flush()
    texts = walker.paragraphs
    source = "container"
    if texts and containers:
        # A lead the body repeats (its first paragraph again, with a full stop) is given once.
        texts = unrepeated(_leads_above(containers[0], prose, sections), texts) + texts
    if sum(len(t) for t in texts) < _SECTION_CHECK:
        texts = _section_instead(texts, containers, prose)
    if sum(len(t) for t in texts) < _SHORT_TEXT:
        # A page with an article never comes back empty: structured data, then every
        # paragraph on the page.
        noscript = [node for node in index.junk if node.tag_id == _NOSCRIPT]
        texts, source = _fallback(texts, body, index.candidates, article_body, noscript)
    elif sum(len(t) for t in texts) < _SECTION_CHECK:
        whole = _whole_page_instead(texts, body, index.candidates, sections, prose)
        if whole is not None:
            texts, source = whole, "paragraphs"
    if source in ("container", "paragraphs") and (full := full_body(texts, article_body)):
        # The page shows a preview of its full text; the body's related headlines and
        # comments, which the page shows as links and comments, are left out of it.
        texts = article_lines(full, texts, [body, *index.junk], comments)
        source = "jsonld_full"
    if headline and texts and texts[0] == headline:
        texts = texts[1:]
    if descriptions and (
        lead := described_standfirst(index.h1, containers[0], descriptions, texts, headline)
    ):
        texts = [lead, *texts]
    return MainContent(tuple(texts), tuple(comments), source)


if _text_walk is not None:
    # What the compiled walk and flush take from here (below every constant they read).
    _text_walk.configure(
        "".join(INVISIBLE),
        unicodedata.is_normalized,
        single_spaced=_single_spaced,
        deictic=_deictic,
        deictic_max=_DEICTIC_MAX,
        # A line this long with a space meets no rule of _Walker._add (its last lines).
        long_line=max(_LINKS_MAX, _CAPTION_MAX, _SHORT_LINE),
        linked_share=_LINKED_SHARE,
        block=Block,
        new_block=_block,
        prose=PROSE,
        heading=HEADING,
        no_anchors=_NO_ANCHORS,
    )
