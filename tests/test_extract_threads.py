"""Reader threads told by structure: units of one template with a dated head line."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.threads import is_thread

POST = (
    "Min nabo har ventet i {n} år på en afgørelse om førtidspension, og ingen svarer, når hun "
    "ringer til forvaltningen."
)


def _node(html: str, selector: str = "#t"):
    return LexborHTMLParser(html).css_first(selector)


def _posts(unit: str, n: int = 5) -> str:
    return "".join(unit.format(i=i, post=POST.format(n=i + 2)) for i in range(n))


BLOCK_HEAD = (
    "<li class=post><div class=head><b>Læser {i}</b> (2{i}. juni 2017 kl. 1{i}.32)</div>"
    "<div class=text><p>{post}</p></div></li>"
)
INLINE_HEAD = "<div class=c><strong>Læser {i}</strong> 28.06.2017 1{i}:05<p>{post}</p></div>"
TIME_HEAD = (
    "<article class=r><header><b>Læser {i}</b> <time datetime='2017-06-28'>28. juni</time>"
    "</header><p>{post}</p></article>"
)


def test_posts_with_a_dated_head_block_make_a_thread():
    assert is_thread(_node(f"<ol id=t><h3>5 svar</h3>{_posts(BLOCK_HEAD)}</ol>"))


def test_posts_opening_with_a_dated_line_or_a_time_element_make_a_thread():
    assert is_thread(_node(f"<div id=t>{_posts(INLINE_HEAD)}</div>"))
    assert is_thread(_node(f"<section id=t>{_posts(TIME_HEAD)}</section>"))


def test_entries_under_a_line_of_time_alone_are_a_live_blog_or_chronology_not_a_thread():
    clock = "<div class=u><p class=t>kl. 1{i}.05</p><p>{post}</p></div>"
    time = "<article class=u><header><time datetime='2017-06-28'>1{i}.05</time></header><p>{post}</p></article>"
    day = "<div class=e><p class=when>onsdag 2{i}. juni 2017</p><p>{post}</p></div>"
    updated = "<div class=u><p class=t>Opdateret i går kl. 1{i}.20</p><p>{post}</p></div>"
    for unit in (clock, time, day, updated):
        assert not is_thread(_node(f"<div id=t>{_posts(unit)}</div>"))
    named = (
        "<div class=u><p class=who>Karen B.</p><p class=t>2{i}. juni 2017</p><p>{post}</p></div>"
    )
    assert is_thread(_node(f"<div id=t>{_posts(named)}</div>"))


def test_posts_marked_as_comments_make_a_thread_without_a_dated_head():
    microdata = "<div class=c itemprop=comment itemscope><b>Læser {i}</b><p>{post}</p></div>"
    aria = "<div class=c role=comment><p>{post}</p></div>"
    assert is_thread(_node(f"<div id=t>{_posts(microdata)}</div>"))
    assert is_thread(_node(f"<div id=t>{_posts(aria)}</div>"))
    plain = "<div class=c><b>Læser {i}</b><p>{post}</p></div>"
    assert not is_thread(_node(f"<div id=t>{_posts(plain)}</div>"))


def test_two_posts_are_not_yet_a_thread():
    assert not is_thread(_node(f"<ol id=t>{_posts(BLOCK_HEAD, 2)}</ol>"))


def test_a_chronology_with_dates_in_its_sentences_or_headings_is_not_a_thread():
    inline = "<li><p><strong>2{i}. juni 2017:</strong> {post}</p></li>"
    headed = "<div class=entry><h3>2{i}. juni 2017</h3><p>{post}</p></div>"
    assert not is_thread(_node(f"<ul id=t>{_posts(inline)}</ul>"))
    assert not is_thread(_node(f"<div id=t>{_posts(headed)}</div>"))


def test_dated_updates_under_headings_are_a_live_blog_not_a_thread():
    update = (
        "<div class=u><div class=stamp>kl. 1{i}.32</div><h3>Nyt fra mødet</h3><p>{post}</p></div>"
    )
    assert not is_thread(_node(f"<div id=t>{_posts(update)}</div>"))


def test_paragraphs_of_an_article_are_not_a_thread():
    paragraphs = "".join(f"<p>{POST.format(n=n)} Mødet er kl. 14.00.</p>" for n in range(6))
    assert not is_thread(_node(f"<div id=t>{paragraphs}</div>"))
