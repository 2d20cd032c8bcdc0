"""The compiled page walks (``src/mediespor/extract/*.pyx``): loading one, and which run here.

Each compiled module follows Lexbor's pointers through layouts written out for the selectolax
version pyproject.toml pins (``lexbor_abi.h``), so each is used only when this install built
it and its ``check()`` reads a scratch page as selectolax does (:func:`load`). Otherwise the
Python walks run, with the same results: they are the fallback and the specification.

The modules that use a compiled walk keep a switch of their own, set from :func:`load` at
import (:data:`SWITCHES`); in-process comparisons (tests, ``bench/extract_ab.py``) turn a
switch off by setting it to None, or all of them with :func:`python_only`.
:func:`python_walks` and :func:`summary` say which walks run compiled now, for ``mediespor
run``'s ``run_start`` line.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from selectolax.lexbor import LexborHTMLParser

#: Every switch: the module that holds it, its name there, and the compiled module it holds
#: (None when that runs in Python). ``lexbor_attrs`` serves four readers, each switched alone.
SWITCHES = (
    ("mediespor.extract.index", "_compiled", "lexbor_walk"),
    ("mediespor.extract.meta", "_compiled", "lexbor_attrs"),
    ("mediespor.extract.dates", "_compiled", "lexbor_attrs"),
    ("mediespor.extract.byline", "_compiled", "lexbor_attrs"),
    ("mediespor.extract.nodes", "_compiled", "lexbor_attrs"),
    ("mediespor.extract.content", "_text_walk", "text_walk"),
    ("mediespor.extract.content", "_box_walk", "box_walk"),
)


def load(name: str, scratch: str, *check_args: object) -> ModuleType | None:
    """The compiled module ``mediespor.extract.<name>``, or None when this install has none
    (no C compiler when it was installed) or its ``check(tree, *check_args)`` finds that the
    layouts it reads do not read ``scratch`` (a page made to exercise them, parsed here) as
    selectolax does."""
    try:
        module = importlib.import_module(f"mediespor.extract.{name}")
    except ImportError:
        return None
    try:
        fits = module.check(LexborHTMLParser(scratch), *check_args)
    except Exception:  # a check that cannot even run proves the layouts wrong
        return None
    return module if fits else None


def python_walks() -> list[str]:
    """The compiled modules whose walks run in Python now (a switch of theirs is off), sorted;
    empty when every walk runs compiled."""
    return sorted(
        {
            name
            for holder, switch, name in SWITCHES
            if getattr(importlib.import_module(holder), switch) is None
        }
    )


def summary() -> str:
    """``"compiled"`` when every walk runs compiled, else ``"python: "`` and the modules that
    do not (``"python: box_walk, text_walk"``): what ``run_start`` reports as ``walks``."""
    names = python_walks()
    return "python: " + ", ".join(names) if names else "compiled"


@contextmanager
def python_only() -> Iterator[None]:
    """Every switch off (every walk in Python) inside the block, then each back as it was:
    for in-process comparisons of the two (tests, ``bench/extract_compiled.py``)."""
    holders = [(importlib.import_module(holder), switch) for holder, switch, _ in SWITCHES]
    saved = [getattr(holder, switch) for holder, switch in holders]
    try:
        for holder, switch in holders:
            setattr(holder, switch, None)
        yield
    finally:
        for (holder, switch), value in zip(holders, saved, strict=True):
            setattr(holder, switch, value)
