"""Parse and evaluate the topic query language.

Syntax (documented in docs/topic.md):

* ``førtidspension`` — a term; matches the word and its Danish inflections
  (førtidspensionen, førtidspensioner, førtidspensionens), case-insensitively.
* ``førtidspension*`` — a prefix; matches every word that starts with it
  (førtidspensionister, førtidspensionssager, "førtidspensions-ansøgere"); for -er/-el words
  also the form whose e has dropped ("jobcenter*" finds jobcentret, jobcentrene).
* ``"Anna Mee Allerslev"`` — a phrase: consecutive words, each inflection-aware.
* ``AND``, ``OR``, ``NOT`` (upper case) and parentheses; ``NOT`` binds tightest, then ``AND``,
  then ``OR``. Two terms side by side without an operator mean ``AND``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediespor.topic.text import TokenizedText, ascii_fold, inflections, prefix_forms, tokens


class QuerySyntaxError(ValueError):
    """The query text cannot be parsed; the message says where and why."""


@dataclass(frozen=True)
class Term:
    """A word matched with its Danish inflections, or as a prefix when ``prefix`` is set."""

    text: str
    prefix: bool = False

    def label(self) -> str:
        """The term as written in the query."""
        return self.text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Phrase:
    """Consecutive words."""

    words: tuple[Term, ...]
    raw: str

    def label(self) -> str:
        """The phrase as written in the query."""
        return f'"{self.raw}"'


@dataclass(frozen=True)
class Not:
    """Negation."""

    child: Node


@dataclass(frozen=True)
class And:
    """All children must match."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one child must match."""

    children: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or

_TOKEN = re.compile(r'\s*(?:(\()|(\))|"([^"]*)"|([^\s()"]+))')


def _lex(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise QuerySyntaxError(f"unbalanced quote at character {pos + 1}")
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if m.group(1):
            out.append(("(", "(", start))
        elif m.group(2):
            out.append((")", ")", start))
        elif m.group(3) is not None:
            out.append(("PHRASE", m.group(3), start))
        else:
            word = m.group(4)
            out.append((word if word in ("AND", "OR", "NOT") else "WORD", word, start))
        pos = m.end()
    if text.count('"') % 2:
        raise QuerySyntaxError('unbalanced quote: every phrase needs a closing "')
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks = _lex(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise QuerySyntaxError("the query is empty")
        node = self.or_expr()
        if self.i < len(self.toks):
            _kind, value, pos = self.toks[self.i]
            raise QuerySyntaxError(f"unexpected {value!r} at character {pos + 1}")
        return node

    def or_expr(self) -> Node:
        parts = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def and_expr(self) -> Node:
        parts = [self.not_expr()]
        while self.peek() in ("AND", "NOT", "WORD", "PHRASE", "("):
            if self.peek() == "AND":
                self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def not_expr(self) -> Node:
        if self.peek() == "NOT":
            self.take()
            return Not(self.not_expr())
        return self.atom()

    def atom(self) -> Node:
        if self.i >= len(self.toks):
            raise QuerySyntaxError("the query ends where a term was expected")
        kind, value, pos = self.take()
        if kind == "(":
            node = self.or_expr()
            if self.peek() != ")":
                raise QuerySyntaxError(
                    f"the parenthesis opened at character {pos + 1} is not closed"
                )
            self.take()
            return node
        if kind == "WORD":
            return _term(value, pos)
        if kind == "PHRASE":
            words = tokens(value)
            if not words:
                raise QuerySyntaxError(f"empty phrase at character {pos + 1}")
            return Phrase(tuple(Term(w) for w in words), value)
        raise QuerySyntaxError(f"unexpected {value!r} at character {pos + 1}")


def _term(word: str, pos: int) -> Term:
    prefix = word.endswith("*")
    core = word.rstrip("*")
    if "*" in core:
        raise QuerySyntaxError(f"'*' is only allowed at the end of a word (character {pos + 1})")
    parts = tokens(core)
    if len(parts) != 1:
        raise QuerySyntaxError(
            f"{word!r} at character {pos + 1} is not one word; put several words in quotes"
        )
    if prefix and len(parts[0]) < 3:
        raise QuerySyntaxError(f"prefix {word!r} is too short (at least 3 letters before '*')")
    return Term(parts[0], prefix)


class Query:
    """A parsed topic query that can be evaluated against many texts."""

    def __init__(self, text: str):
        self.text = text
        self.root = _Parser(text).parse()
        self._forms: dict[str, set[str]] = {}
        self._folded: Query | None = None

    def __repr__(self) -> str:
        return f"Query({self.text!r})"

    def folded(self) -> Query:
        """The same query with Danish letters written as in URL slugs (ø → oe, æ → ae, å → aa)."""
        if self._folded is None:
            self._folded = Query(ascii_fold(self.text, keep_case=True))
        return self._folded

    def match(self, text: str | TokenizedText) -> tuple[bool, list[str]]:
        """Evaluate the query; return whether it matched and the positive terms that matched."""
        tt = text if isinstance(text, TokenizedText) else TokenizedText.of(text)
        matched: set[str] = set()
        ok = self._eval(self.root, tt, matched)
        return ok, sorted(matched) if ok else []

    def _forms_of(self, term: str) -> set[str]:
        forms = self._forms.get(term)
        if forms is None:
            forms = self._forms[term] = inflections(term)
        return forms

    def _term_hit(self, term: Term, tt: TokenizedText) -> bool:
        if term.prefix:
            return any(tt.has_prefix(p) for p in prefix_forms(term.text))
        return tt.has_form(self._forms_of(term.text))

    def _word_ok(self, term: Term, word: str) -> bool:
        if term.prefix:
            return word.startswith(prefix_forms(term.text))
        return word in self._forms_of(term.text)

    def _eval(self, node: Node, tt: TokenizedText, matched: set[str]) -> bool:
        if isinstance(node, Term):
            hit = self._term_hit(node, tt)
            if hit:
                matched.add(node.label())
            return hit
        if isinstance(node, Phrase):
            hit = self._phrase_hit(node, tt)
            if hit:
                matched.add(node.label())
            return hit
        if isinstance(node, Not):
            return not self._eval(node.child, tt, set())
        # Only branches that made the whole node true contribute their terms.
        found: set[str] = set()
        if isinstance(node, And):
            for child in node.children:
                if not self._eval(child, tt, found):
                    return False
            matched |= found
            return True
        hit = False
        for child in node.children:
            branch: set[str] = set()
            if self._eval(child, tt, branch):
                hit = True
                found |= branch
        matched |= found
        return hit

    def _phrase_hit(self, node: Phrase, tt: TokenizedText) -> bool:
        first = node.words[0]
        if not self._term_hit(first, tt):
            return False
        n = len(node.words)
        words = tt.words
        for i in range(len(words) - n + 1):
            if all(self._word_ok(node.words[k], words[i + k]) for k in range(n)):
                return True
        return False


def parse_query(text: str) -> Query:
    """Parse ``text`` into a Query, raising QuerySyntaxError with a position on bad input."""
    return Query(text)
