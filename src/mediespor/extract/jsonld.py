"""Read schema.org JSON-LD blocks: the most reliable metadata a news page carries.

Pages nest the article inside ``@graph``, in lists, or in ``mainEntity``; some blocks are
broken JSON (trailing commas, raw newlines in strings). A broken block is recorded and skipped,
never fatal.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.index import PageIndex, index_page
from mediespor.extract.names import split_names

#: schema.org types that describe the page's own content, best first.
ARTICLE_TYPES = (
    "NewsArticle", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "Article", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "TechArticle", "ScholarlyArticle", "Report", "VideoObject",
    "Clip", "TVEpisode", "PressRelease", "WebPage",
)  # fmt: skip
_RANK = {t: i for i, t in enumerate(ARTICLE_TYPES)}
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass(frozen=True)
class JsonLdArticle:
    """The fields of the page's main schema.org object that extraction uses."""

    type: str
    headline: str | None = None
    description: str | None = None
    body: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    upload_date: str | None = None
    authors: tuple[str, ...] = ()
    # Those of ``authors`` the page types as an organisation, not a person.
    organisations: tuple[str, ...] = ()
    section: str | None = None
    language: str | None = None
    duration: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class JsonLdResult:
    """The chosen object (if any), every article-like type seen, and blocks that failed."""

    article: JsonLdArticle | None
    types: tuple[str, ...] = ()
    errors: tuple[str, ...] = field(default=())


# json.loads(text, strict=False) builds a new decoder on every call; one is enough.
_DECODER = json.JSONDecoder(strict=False)


def _decode(text: str) -> Any:
    if text.startswith("\ufeff"):
        return json.loads(text, strict=False)  # refused, with json's own message for a BOM
    return _DECODER.decode(text)


def _loads(text: str) -> Any:
    try:
        return _decode(text)
    except ValueError:
        pass
    # The two breakages seen most in the wild; anything worse is reported, not repaired.
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text.strip().rstrip(";")))
    return _decode(repaired)


def _walk(obj: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(obj, list):
        for o in obj:
            _walk(o, out, depth + 1)
    elif isinstance(obj, dict):
        out.append(obj)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "video", "hasPart"):
            if key in obj:
                _walk(obj[key], out, depth + 1)


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return [t.rsplit("/", 1)[-1]]
    if isinstance(t, list):
        return [x.rsplit("/", 1)[-1] for x in t if isinstance(x, str)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        # CMSs often put HTML-escaped text into JSON-LD ("zerst&ouml;ren", "&quot;").
        value = html.unescape(value).strip() if "&" in value else value.strip()
        return value or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if not name or name.startswith("http"):
            continue
        for part in split_names(name):
            if part not in names:
                names.append(part)
    return tuple(names)


def _organisations(value: Any) -> tuple[str, ...]:
    """The names of the ``Organization`` (or subtype) items of an author field."""
    items = value if isinstance(value, list) else [value]
    return _names(
        [
            item
            for item in items
            if isinstance(item, dict) and "Organization" in str(item.get("@type") or "")
        ]
    )


def _to_article(obj: dict[str, Any], kind: str) -> JsonLdArticle:
    author = obj.get("author") or obj.get("creator") or []
    return JsonLdArticle(
        type=kind,
        headline=_text(obj.get("headline")) or _text(obj.get("name")),
        description=_text(obj.get("description")),
        body=_text(obj.get("articleBody")) or _text(obj.get("text")),
        date_published=_text(obj.get("datePublished")),
        date_modified=_text(obj.get("dateModified")),
        upload_date=_text(obj.get("uploadDate")),
        authors=_names(author),
        organisations=_organisations(author),
        section=_text(obj.get("articleSection")),
        language=_text(obj.get("inLanguage")),
        duration=_text(obj.get("duration")),
        url=_text(obj.get("url")),
    )


def read_jsonld(tree: LexborHTMLParser, index: PageIndex | None = None) -> JsonLdResult:
    """Find the page's main article-like JSON-LD object."""
    index = index or index_page(tree)
    objects: list[dict[str, Any]] = []
    errors: list[str] = []
    for script in index.jsonld:
        raw = script.text(deep=True)
        if not raw.strip():
            continue
        try:
            _walk(_loads(raw), objects)
        except (ValueError, RecursionError) as exc:
            errors.append(f"JSON-LD kunne ikke læses: {str(exc)[:120]}")
    best: tuple[int, dict[str, Any], str] | None = None
    seen: list[str] = []
    for obj in objects:
        for t in _types(obj):
            rank = _RANK.get(t)
            if rank is None:
                continue
            seen.append(t)
            # A WebPage only counts when it carries dates; it is the page wrapper otherwise.
            if t == "WebPage" and not obj.get("datePublished"):
                continue
            if best is None or rank < best[0]:
                best = (rank, obj, t)
    article = _to_article(best[1], best[2]) if best else None
    return JsonLdResult(article=article, types=tuple(dict.fromkeys(seen)), errors=tuple(errors))
