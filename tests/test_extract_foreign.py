"""Threads and listings never win: the ranking without them, and blocks made of them."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.foreign import holds_foreign, is_foreign, outside_foreign

TEXT = "Min nabo har ventet i to år på en afgørelse om førtidspension, og ingen svarer hende."
POSTS = "".join(
    f"<li><div class=head>Læser {n}, 28. juni 2017 kl. 1{n}.32</div><p>{TEXT}</p></li>"
    for n in range(5)
)
TEASERS = "".join(
    f"<div class=card><h3><a href='/s{n}'>En anden historie nr. {n}</a></h3><p>{TEXT}</p></div>"
    for n in range(5)
)


def test_threads_and_listings_are_foreign_an_article_is_not():
    tree = LexborHTMLParser(
        f"<ol id=posts>{POSTS}</ol><div id=cards>{TEASERS}</div>"
        f"<div id=article><p>{TEXT}</p><p>{TEXT}</p><p>{TEXT}</p></div>"
    )
    assert is_foreign(tree.css_first("#posts"))
    assert is_foreign(tree.css_first("#cards"))
    assert not is_foreign(tree.css_first("#article"))


def test_the_ranking_loses_the_thread_its_posts_and_the_blocks_made_of_it():
    tree = LexborHTMLParser(
        "<div id=page><div id=article><p>Artiklens tekst.</p></div>"
        f"<div id=wrap><h3>5 svar</h3><ol id=t>{POSTS}</ol></div></div>"
    )
    blocks = {name: tree.css_first(f"#{name}") for name in ("t", "wrap", "article", "page")}
    post = tree.css_first("li")
    nodes = {node.mem_id: node for node in [*blocks.values(), post]}
    held = {blocks["t"].mem_id: 900, blocks["wrap"].mem_id: 900, post.mem_id: 180}
    held[blocks["article"].mem_id] = 400
    held[blocks["page"].mem_id] = 1300
    ranked = [blocks["t"].mem_id, blocks["wrap"].mem_id, post.mem_id, blocks["article"].mem_id]
    ranked.append(blocks["page"].mem_id)
    kept, foreign, mostly = outside_foreign(ranked, nodes, held)
    assert foreign == {blocks["t"].mem_id}
    assert kept == [blocks["article"].mem_id]
    assert blocks["wrap"].mem_id in mostly and blocks["page"].mem_id in mostly
    # The wrapper holds the thread under its heading: followed down, it is one.
    assert holds_foreign(blocks["wrap"], held)
    assert not holds_foreign(blocks["article"], held)


def test_a_ranking_of_foreign_blocks_only_comes_back_as_it_was():
    tree = LexborHTMLParser(f"<ol id=t>{POSTS}</ol>")
    thread = tree.css_first("#t")
    ranked = [thread.mem_id]
    kept, foreign, _ = outside_foreign(ranked, {thread.mem_id: thread}, {thread.mem_id: 900})
    assert kept == ranked and foreign == {thread.mem_id}
