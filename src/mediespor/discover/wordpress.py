"""WordPress sites through the REST API (``/wp-json/wp/v2/posts``), falling back to ``/feed/``.

The API pages with ``page=N`` and says how many pages there are in ``X-WP-TotalPages``. Sites
that switch the API off (401/403/404, or an HTML answer) are read through their RSS feed, which
WordPress pages with ``?paged=N``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from selectolax.lexbor import LexborHTMLParser

from mediespor.config.sources import WordpressSource
from mediespor.danish_dates import CPH
from mediespor.discover.base import (
    fetch_problem,
    parse_w3c_datetime,
    reached_max_items,
    safe_canonical,
)
from mediespor.discover.feeds import read_entries
from mediespor.discover.walker import SourceWalk, discovery
from mediespor.extract_pool import ParseCutOff, offload
from mediespor.progress import fields

log = logging.getLogger(__name__)
#: Only the fields discovery uses; keeps 100-post pages small (ignored by very old WordPress).
FIELDS = "id,link,date_gmt,modified_gmt,title,excerpt"


@dataclass(frozen=True)
class WpPost:
    """One post from the REST API."""

    post_id: int | None
    url: str
    title: str | None
    published_at: datetime | None
    modified_at: datetime | None
    excerpt: str | None


@dataclass
class WpPage:
    """One API page: its posts and the problems with individual posts."""

    posts: list[WpPost] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class NotAnApiAnswer(ValueError):
    """The answer is not a WordPress post list (API off, HTML page, error object)."""


def _text(rendered: object) -> str | None:
    if isinstance(rendered, dict):
        rendered = rendered.get("rendered")
    if not isinstance(rendered, str) or not rendered.strip():
        return None
    text = LexborHTMLParser(f"<div>{rendered}</div>").body.text(separator=" ")
    return " ".join(text.split()) or None


def _gmt(value: object) -> datetime | None:
    # date_gmt has no offset but is UTC by definition.
    if not isinstance(value, str):
        return None
    dt = parse_w3c_datetime(value, naive=UTC)
    return dt.astimezone(UTC) if dt else None


def parse_posts(body: bytes, *, base_url: str) -> WpPage:
    """Parse a ``/wp/v2/posts`` answer; raise NotAnApiAnswer when it is not a post list."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise NotAnApiAnswer(f"not JSON: {exc}") from None
    if not isinstance(data, list):
        code = data.get("code") if isinstance(data, dict) else None
        raise NotAnApiAnswer(f"not a post list (code={code!r})")
    page = WpPage()
    for raw in data:
        if not isinstance(raw, dict):
            page.problems.append("a post that is not an object")
            continue
        url = safe_canonical(
            raw.get("link") if isinstance(raw.get("link"), str) else None, base_url
        )
        if url is None:
            page.problems.append(f"post {raw.get('id')!r} without a usable link")
            continue
        pid = raw.get("id")
        page.posts.append(
            WpPost(
                pid if isinstance(pid, int) else None,
                url,
                _text(raw.get("title")),
                _gmt(raw.get("date_gmt")),
                _gmt(raw.get("modified_gmt")),
                _text(raw.get("excerpt")),
            )
        )
    return page


def posts_url(
    base_url: str, *, search: str | None, after: datetime | None, per_page: int, page: int
) -> str:
    """The REST URL for one page of posts."""
    params: list[tuple[str, str]] = []
    if search:
        params.append(("search", search))
    if after is not None:
        # WordPress reads an "after" without offset in the site's zone: Copenhagen, as the
        # sites followed are (danish_dates' rule for naive times).
        params.append(("after", after.astimezone(CPH).strftime("%Y-%m-%dT%H:%M:%S")))
    params += [("per_page", str(per_page)), ("page", str(page)), ("_fields", FIELDS)]
    return f"{base_url.rstrip('/')}/wp-json/wp/v2/posts?{urlencode(params)}"


def _total_pages(headers: dict[str, str]) -> int | None:
    value = headers.get("x-wp-totalpages") or headers.get("X-WP-TotalPages")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


async def _api(walker: SourceWalk[WordpressSource], after: datetime | None) -> bool:
    """Read the API; return False when it is unavailable and the feed should be used."""
    cfg, result, st = walker.cfg, walker.result, walker.stats
    for term in cfg.search or [None]:
        page_no = 1
        total: int | None = None
        while page_no <= cfg.max_pages and (total is None or page_no <= total):
            url = posts_url(
                cfg.base_url, search=term, after=after, per_page=cfg.per_page, page=page_no
            )
            res = await walker.get(url)
            problem = fetch_problem(res)
            if problem or not res.ok:
                if (
                    page_no == 1
                    and term == (cfg.search or [None])[0]
                    and res.status in (401, 403, 404, 410, 501)
                ):
                    walker.problem(url, f"REST API unavailable ({problem})")
                    return False
                # WordPress answers 400 rest_post_invalid_page_number past the last page.
                if res.status != 400:
                    walker.problem(url, problem or "not modified")
                break
            try:
                # In the crawl's worker pool: each post's HTML goes through Lexbor.
                page = await offload(
                    parse_posts, res.body or b"", base_url=res.final_url or res.url
                )
            except ParseCutOff as exc:
                walker.problem(url, str(exc))
                break
            except NotAnApiAnswer as exc:
                walker.problem(url, f"REST API answer unusable: {exc}")
                if page_no == 1 and not result.candidates:
                    return False
                break
            walker.problems(url, page.problems)
            total = _total_pages(res.headers) if total is None else total
            st.entries += len(page.posts)
            for post in page.posts:
                if walker.repeat(post.url):
                    continue
                if after and post.published_at and post.published_at < after:
                    st.too_old += 1
                    continue
                extra: dict[str, object] = {"wp_id": post.post_id}
                if term:
                    extra["search"] = term
                if post.modified_at:
                    extra["updated_at"] = post.modified_at.isoformat()
                walker.emit(
                    post.url,
                    title=post.title,
                    published_at=post.published_at,
                    summary=post.excerpt,
                    extra=extra,
                )
            if reached_max_items(cfg, result):
                return True
            if not page.posts:
                break
            page_no += 1
        if total is not None and total > cfg.max_pages:
            st.stopped = f"max_pages ({cfg.max_pages}) of {total} read"
    return True


async def _feed(walker: SourceWalk[WordpressSource], after: datetime | None) -> None:
    cfg, result = walker.cfg, walker.result
    seen: set[str] = {c.url for c in result.candidates}
    base = f"{cfg.base_url.rstrip('/')}/feed/"
    for page_no in range(1, cfg.max_pages + 1):
        url = base if page_no == 1 else f"{base}?paged={page_no}"
        res = await walker.get(url, conditional=page_no == 1)
        problem = fetch_problem(res)
        if problem or not res.ok:
            # Past the last page WordPress answers 404; that ends the feed, it is no problem.
            if problem and not (page_no > 1 and res.status == 404):
                walker.problem(url, problem)
            break
        found = await read_entries(walker, url, res, since=after, via="wordpress-feed")
        if found is None:
            break
        cands, too_old = found
        new = [c for c in cands if c.url not in seen]
        seen.update(c.url for c in new)
        result.candidates.extend(new)
        if reached_max_items(cfg, result) or not new or too_old:
            break


@discovery
async def discover(walker: SourceWalk[WordpressSource]) -> None:
    """Read the site's posts through the REST API, or through /feed/ when the API is off."""
    after = walker.cutoff(walker.cfg.after)
    if not await _api(walker, after):
        log.warning("discover_wordpress_fallback", extra=fields(source=walker.cfg.name))
        await _feed(walker, after)
