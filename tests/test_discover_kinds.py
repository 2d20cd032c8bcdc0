"""The source-kind registry: one object per kind, and no other module names a kind."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from mediespor.config.sources import SOURCE_MODELS, LinklistSource, WaybackSource
from mediespor.discover import kinds
from mediespor.discover.kinds import KINDS, kind_of, kind_of_via

SRC = Path(kinds.__file__).resolve().parents[1]

#: Strings equal to a kind's name that mean something else where they occur.
NOT_A_KIND = {
    ("urls.py", "feed"): "a tracking query parameter (?feed=…) stripped from URLs",
}
#: The two modules that may name every kind: the config models and the registry.
REGISTRY_MODULES = {"config/sources.py", "discover/kinds.py"}


def _string_constants(path: Path) -> set[str]:
    """Every string constant of the module, and every 'quoted' word inside one (SQL)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            out.add(n.value)
            out.update(re.findall(r"'([a-z-]+)'", n.value))
    return out


def test_every_config_model_is_a_registered_kind_and_back():
    assert set(KINDS) == set(SOURCE_MODELS)
    for name, kind in KINDS.items():
        assert kind.model is SOURCE_MODELS[name]
        assert kind.name == name


def test_a_kind_is_named_as_a_string_in_at_most_two_modules():
    names = set(KINDS)
    where: dict[str, set[str]] = {name: set() for name in names}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        for text in _string_constants(path) & names:
            if (rel, text) not in NOT_A_KIND:
                where[text].add(rel)
    for name, modules in where.items():
        # The config model's Literal names it; besides, only the kind's own module may.
        own = KINDS[name].discover.__module__.removeprefix("mediespor.").replace(".", "/") + ".py"
        assert "config/sources.py" in modules, name
        assert modules - REGISTRY_MODULES <= {own}, f"kind {name!r} is named in {sorted(modules)}"
        assert "discover/kinds.py" not in modules, "the registry takes names from the models"


def test_the_scan_would_see_a_kind_named_in_another_module(tmp_path):
    # The scan above is only worth something if it finds a name where one is written.
    probe = tmp_path / "probe.py"
    probe.write_text(
        'VIA = "wayback"\nif via == "linklist":\n    pass\nSQL = "WHERE via IN (\'corpus\')"\n',
        encoding="utf-8",
    )
    assert _string_constants(probe) & set(KINDS) == {"wayback", "linklist", "corpus"}


def test_facts_the_stages_ask_about():
    wayback = WaybackSource(
        name="w", outlet="o", kind="wayback", url="example.dk/a/",
        from_date="2017-01-01", to_date="2017-12-31",
    )  # fmt: skip
    kind = kind_of(wayback)
    assert kind is KINDS["wayback"] and kind.archived and not kind.revisits
    assert kind.replay_time is not None
    assert kind.replay_time("https://web.archive.org/web/20170629101500id_/x").year == 2017
    assert kind_of_via("commoncrawl").fetch is not None
    assert kind_of_via("wordpress-feed") is None
    links = LinklistSource(name="l", outlet="o", kind="linklist", file="links.txt")
    assert kind_of(links).any_host and kind_of(links).revisits
    assert links.start() == "links.txt" and links.entry_urls() == ()
    assert wayback.start() == "example.dk/a/"


def test_the_parquet_kinds_take_the_prefilter_and_the_index_fetches_by_range():
    from mediespor.discover.commoncrawl import fetch_record
    from mediespor.discover.kinds import LISTED, path_label

    assert {k.name for k in KINDS.values() if k.pushdown} == {"corpus", "commoncrawl-index"}
    index = kind_of_via("commoncrawl-index")
    assert index.fetch is fetch_record and index.archived
    assert not kind_of_via("corpus").archived and kind_of_via("corpus").fetch is None
    assert path_label("wayback") == "Wayback Machine" and path_label(None) == LISTED
    assert path_label("wordpress-feed") == "wordpress-feed"  # not a kind: shown as it is
