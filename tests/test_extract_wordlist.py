"""A word list as a prefix-tree pattern finds exactly what the plain alternation finds."""

from __future__ import annotations

import itertools
import re

import pytest

from mediespor.extract.content import _BOILER_PART_RE, _BOILER_PARTS
from mediespor.extract.wordlist import any_word

# Words sharing prefixes, one the prefix of another, one holding a pattern character.
WORDS = ("share", "share-", "sharebar", "sharing", "-share", "social-", "socialmedia", "c.d", "co")


def _texts() -> list[str]:
    pieces = ["", "x", "-", " ", "shar", "share", "sharin", "social", "c", "d", "cd", "o", "."]
    texts = ["".join(parts) for parts in itertools.product(pieces, repeat=3)]
    return [*texts, "article-share-bar", "post socialmedia-icons", "comment-list", "SHARE"]


def test_the_tree_matches_where_the_alternation_matches_and_nowhere_else():
    tree = re.compile(any_word(WORDS))
    plain = re.compile("|".join(re.escape(word) for word in WORDS))
    for text in _texts():
        assert bool(tree.search(text)) == bool(plain.search(text)), text
    assert tree.fullmatch("c.d") and not tree.search("cxd")  # "." is a dot, not any character


def test_the_boilerplate_words_are_found_as_before():
    plain = re.compile("|".join(re.escape(word) for word in _BOILER_PARTS))
    names = [
        "entry-content",
        "imageCaption".lower(),
        "post-sharebar",
        "x-share",
        "nextgen",
        "next-",
    ]
    for name in names + [f"a {word} b" for word in _BOILER_PARTS]:
        assert bool(_BOILER_PART_RE.search(name)) == bool(plain.search(name)), name


def test_no_words_is_refused():
    with pytest.raises(ValueError):
        any_word(())
    with pytest.raises(ValueError):
        any_word(("a", ""))
