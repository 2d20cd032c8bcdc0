"""Read a YAML file into plain data while remembering the line of every key and item.

PyYAML's composed node tree carries marks; we keep a map from the data path
(e.g. ``("sources", 3, "url")``) to its 1-based line so that validation errors can name
the exact line. Duplicate keys, which PyYAML silently accepts, are reported as errors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from mediespor.errors import ConfigError

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class _Loader(yaml.SafeLoader):
    """Safe loader (no Python objects, no arbitrary tags)."""


def load_yaml(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Parse ``path``; return the data and a map from data path to line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(str(path), None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), None, None, f"not UTF-8 text ({exc.reason})") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(str(path), line, None, f"YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), None, None, f"YAML error: {exc}") from None
    if node is None:
        return None, {}
    lines: dict[Path_, int] = {}
    loader = _Loader("")
    data = _convert(node, (), lines, loader, path)
    return data, lines


def _convert(node: yaml.Node, at: Path_, lines: dict[Path_, int], loader, path: Path) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool):
                raise ConfigError(
                    str(path),
                    key_node.start_mark.line + 1,
                    None,
                    "mapping keys must be plain words",
                )
            if key in out:
                raise ConfigError(
                    str(path),
                    key_node.start_mark.line + 1,
                    _format_path((*at, key)),
                    "this key appears twice in the same block; keep one",
                )
            out[key] = _convert(value_node, (*at, key), lines, loader, path)
            lines[(*at, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(child, (*at, i), lines, loader, path) for i, child in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # An impossible timestamp such as 2017-13-45: hand the text on so that validation
        # names the key and says which date format is expected.
        return node.value
    except yaml.constructor.ConstructorError as exc:
        raise ConfigError(
            str(path),
            node.start_mark.line + 1,
            _format_path(at),
            f"cannot read value: {exc.problem}",
        ) from None


def _format_path(at: Sequence[str | int]) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _locate(data: Any, loc: Sequence[str | int]) -> tuple[Path_, str | None]:
    """Walk pydantic's error location through the data; skip union tags it inserts.

    Returns the deepest existing path and the first missing key (if the error is about one).
    """
    at: Path_ = ()
    cur = data
    for part in loc:
        if (isinstance(cur, dict) and part in cur) or (
            isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur)
        ):
            at = (*at, part)
            cur = cur[part]
        elif isinstance(cur, dict) and isinstance(part, str) and part not in cur:
            # Either a discriminated-union tag or a missing key; the caller decides.
            continue
    return at, None


def _describe(err: dict[str, Any], model_fields: list[str] | None = None) -> str:
    kind = err.get("type", "")
    msg = err.get("msg", "invalid value")
    inp = err.get("input")
    if kind == "missing":
        return f"required key '{err['loc'][-1]}' is missing; add it"
    if kind == "extra_forbidden":
        hint = f"; allowed keys: {', '.join(model_fields)}" if model_fields else ""
        return f"unknown key '{err['loc'][-1]}' (a typo?){hint}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        return f"kind {ctx.get('tag')!r} is not known; expected one of: {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return "the key 'kind' is missing; say which kind of source this is"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    shown = repr(inp) if not isinstance(inp, dict | list) else type(inp).__name__
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{msg} (got {shown})"


def validate(
    model: type[M],
    data: Any,
    lines: dict[Path_, int],
    path: Path,
    *,
    variants: Mapping[str, type[BaseModel]] | None = None,
) -> M:
    """Validate ``data`` against ``model``; on failure raise one ConfigError naming the line.

    ``variants`` maps the ``kind`` of a block to its model, so an unknown key in a block of a
    discriminated union can be answered with the keys that kind allows.
    """
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        err = errors[0]
        loc = list(err.get("loc", ()))
        at, _ = _locate(data, loc)
        if err.get("type") == "union_tag_invalid":
            at = (*at, "kind")
        key_path = _format_path(at)
        if err.get("type") in ("missing", "extra_forbidden"):
            key_path = _format_path((*at, loc[-1])) if err.get("type") == "missing" else key_path
        line = lines.get(at)
        if line is None and at:
            line = lines.get(at[:-1])
        allowed = (
            _fields_at(variants or {}, data, at) if err.get("type") == "extra_forbidden" else None
        )
        problem = _describe(err, allowed)
        more = len(errors) - 1
        if more:
            problem += f" ({more} more problem{'s' if more > 1 else ''} after fixing this)"
        raise ConfigError(str(path), line, key_path or None, problem) from None


def _fields_at(variants: Mapping[str, type[BaseModel]], data: Any, at: Path_) -> list[str] | None:
    """Best-effort list of the keys allowed where an unknown key was found."""
    node = data
    for part in at[:-1]:
        node = node[part]
    if isinstance(node, dict) and "kind" in node:
        sub = variants.get(node.get("kind"))
        if sub is not None:
            return sorted(sub.model_fields)
    return None


def check_unique(
    values: list[str], what: str, field: str, collection: str, lines: dict[Path_, int], path: Path
) -> None:
    """Raise a ConfigError at the second occurrence of a duplicate value."""
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            at = (collection, i, field)
            raise ConfigError(
                str(path), lines.get(at), _format_path(at),
                f"{what} {value!r} is used twice; {what}s must be unique",
            )  # fmt: skip
        seen.add(value)
