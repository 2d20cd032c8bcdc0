"""Name shape: splitting a list of writers without breaking surname-first forms or agencies."""

from __future__ import annotations

import pytest

from mediespor.extract.names import (
    is_credit_not_name,
    looks_like_full_name,
    name_key,
    names_a_place,
    reads_as_phrase,
    split_names,
)


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


# Each predicate with the texts it must accept and the texts it must refuse.
PREDICATES = {
    "full name": (
        looks_like_full_name,
        ["Mette Holm", "Anne-Marie Ørum Lund", "Karl von der Berg"],
        ["Ritzau", "journalist på avisen", "von Berg", "Mette Holm er journalist på Avisen"],
    ),
    "credit": (
        is_credit_not_name,
        ["o.lund@avisen.dk", "https://avisen.dk/forfatter/ole-lund", "(Foto: Ida Bech)"],
        ["Ole Lund", "Ritzau"],
    ),
}


@pytest.mark.parametrize("kind", PREDICATES)
def test_name_shape_predicates(kind):
    test, accepted, refused = PREDICATES[kind]
    assert [t for t in accepted if not test(t)] == []
    assert [t for t in refused if test(t)] == []


def test_a_name_and_its_slug_share_a_key():
    assert name_key("Ole Lund-Ørum") == name_key("ole-lund-ørum") == "ole-lund-ørum"
    assert name_key("Ole Lund") != name_key("Ole Lunde")


def test_words_of_a_sentence_read_as_a_phrase_a_name_does_not():
    assert reads_as_phrase("Vis hele min profil")
    assert reads_as_phrase("Se alle artikler af Mette Holm")
    for name in ("Mette Holm", "Ursula von der Leyen", "Mette Holm, journalist", "Lise og Ole"):
        assert not reads_as_phrase(name), name


def test_a_venue_names_a_place_a_persons_name_does_not():
    for venue in (
        "Borgernes Hus",
        "Valby Kulturhus",
        "Nørrebro Medborgerhuset",
        "Københavns Rådhus",
        "Copenhagen City Hall",
        "Rathaus",
        "Rådhuspladsen",
    ):
        assert names_a_place(venue), venue
    # Surnames that are place words elsewhere: Korean "Park", Danish "Gade", "-gaard", "Holm".
    for name in (
        "Lise Nielsen",
        "Jimin Park",
        "Lars Gade",
        "Pia Kjærsgaard",
        "Mette Holm",
        "Anna Mee Allerslev",
        "",
    ):
        assert not names_a_place(name), name
