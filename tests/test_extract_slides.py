"""An article shown one page at a time: its hidden pages are found among the block's children."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from mediespor.extract.slides import hidden_pages


def _block(html: str):
    return LexborHTMLParser(html).css_first("#b")


def _page(n: int, state: str) -> str:
    return f"<div id=p{n} class='slide {state}'><p>Side {n} af artiklen.</p></div>"


def test_the_hidden_pages_of_one_make_are_found_the_shown_one_is_not():
    pages = _page(0, "") + "".join(_page(n, "hidden") for n in range(1, 4))
    found = hidden_pages(_block(f"<div id=b><h1>Titel</h1>{pages}</div>"))
    assert [page.attributes["id"] for page in found] == ["p1", "p2", "p3"]


def test_pages_hidden_by_style_or_attribute_count_too():
    pages = (
        _page(0, "")
        + "<div class=slide style='display: none'><p>Side 1.</p></div>"
        + "<div class=slide hidden><p>Side 2.</p></div>"
    )
    assert len(hidden_pages(_block(f"<div id=b>{pages}</div>"))) == 2


def test_one_hidden_block_or_all_hidden_or_blocks_of_other_makes_are_no_pages():
    one = _page(0, "") + _page(1, "") + _page(2, "hidden")
    assert hidden_pages(_block(f"<div id=b>{one}</div>")) == []
    every = "".join(_page(n, "hidden") for n in range(4))
    assert hidden_pages(_block(f"<div id=b>{every}</div>")) == []
    mixed = _page(0, "") + "".join(
        f"<div class='popup{n} hidden'><p>Noget andet.</p></div>" for n in range(3)
    )
    assert hidden_pages(_block(f"<div id=b>{mixed}</div>")) == []
