"""Name shape: splitting a list of writers without breaking surname-first forms or agencies."""

from __future__ import annotations

import pytest

from mediespor.extract.names import looks_like_full_name, split_names


def test_split_names_keeps_surname_first_form():
    assert split_names("Jensen, Peter") == ["Jensen, Peter"]
    assert split_names("Peter Jensen, Ida Holm and Bo Ek") == ["Peter Jensen", "Ida Holm", "Bo Ek"]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Mette Holm, Ole Lund", ["Mette Holm", "Ole Lund"]),
        ("Mette Holm og Ole Lund", ["Mette Holm", "Ole Lund"]),
        ("Mette Holm & Ole Lund", ["Mette Holm", "Ole Lund"]),
        ("Karl von der Berg and Ida Holm", ["Karl von der Berg", "Ida Holm"]),
        # A writer and an agency, or a writer and a job title, stay one entry as written.
        ("Mette Holm, Ritzau", ["Mette Holm, Ritzau"]),
        ("Mette Holm, journalist på avisen", ["Mette Holm, journalist på avisen"]),
        ("Holm, Mette", ["Holm, Mette"]),
        ("Ritzau", ["Ritzau"]),
    ],
)
def test_split_names_splits_only_full_names(raw, names):
    assert split_names(raw) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mette Holm", True),
        ("Anne-Marie Ørum Lund", True),
        ("Karl von der Berg", True),
        ("Ritzau", False),
        ("journalist på avisen", False),
        ("von Berg", False),
        ("Mette Holm er journalist på Avisen", False),
    ],
)
def test_looks_like_full_name(text, expected):
    assert looks_like_full_name(text) is expected
