"""The model's attribute rules, looked up by tag and word instead of run through spaCy's Matcher.

The small English model ends its tagging with an ``attribute_ruler``: 179
patterns that give each fine tag its part of speech and features ("NNS" →
NOUN, plural) and fix some words ("ai n't" → be not). spaCy runs them through
its general token Matcher, which costs about a seventh of the whole parse,
while almost every pattern is one token with a fixed tag or word. This module
indexes the same patterns by tag and by lower-cased word, checks only the
patterns a token can match, and hands the matches to the ruler's own
``set_annotations``: the annotations are the same, in the same order (later
patterns win), only found faster. The index is built on first use and again
after the ruler's patterns change; a ruler holding a pattern it cannot read
(an operator, an attribute it does not know, a hash for a string) is matched
by spaCy as before. The index is left out when the pipeline is pickled.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

# the token attributes a pattern may test, in the order of the rows read from the doc; a pattern is filed
# under the first of them its first token fixes
COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
COLUMN_IDS = [TAG, LOWER, DEP, IS_SPACE]

MAX_KNOWN_ROWS = 200_000  # (tag, word, dependency, space) rows whose matches are remembered

Row = tuple[int, ...]
Test = Callable[[Row], bool]


def _test(name: str, wanted: Any, strings: StringStore) -> tuple[Test, frozenset[int] | None] | None:
    """A test of one attribute of a token's row, and the values it lets through when they are few;
    None when the pattern asks what this index does not read."""
    if name not in COLUMNS:
        return None
    column = COLUMNS.index(name)
    if name == "IS_SPACE":
        if not isinstance(wanted, bool):
            return None
        value = int(wanted)
        return (lambda row: row[column] == value), frozenset({value})
    if isinstance(wanted, str):
        value = strings.add(wanted) if wanted else 0
        return (lambda row: row[column] == value), frozenset({value})
    if not isinstance(wanted, dict) or len(wanted) != 1:
        return None
    (operator, argument), = wanted.items()
    if operator in ("IN", "NOT_IN"):
        if not all(isinstance(item, str) for item in argument):
            return None
        values = frozenset(strings.add(item) if item else 0 for item in argument)
        if operator == "IN":
            return (lambda row: row[column] in values), values
        return (lambda row: row[column] not in values), None
    if operator == "REGEX" and isinstance(argument, str):
        search = re.compile(argument).search
        seen: dict[int, bool] = {}

        def matches(row: Row) -> bool:
            value = row[column]
            known = seen.get(value)
            if known is None:
                known = seen[value] = bool(search(strings[value] if value else ""))
            return known
        return matches, None
    return None


class _Pattern:
    """One pattern of the ruler: its rule's number and key, and the tests of each of its tokens."""

    __slots__ = ("rule", "key", "tests", "width")

    def __init__(self, rule: int, key: int, tests: list[list[Test]], width: int):
        self.rule = rule
        self.key = key
        self.tests = tests  # empty when the index alone decides
        self.width = width

    def matches_at(self, rows: list[Row], start: int) -> bool:
        if not self.tests:
            return True
        if start + self.width > len(rows):
            return False
        return all(test(rows[start + offset]) for offset, tests in enumerate(self.tests) for test in tests)


class IndexedMatch:
    """Stands in for ``AttributeRuler.match``: the same matches, found through an index."""

    def __init__(self, index: list[dict[int, list[_Pattern]]], anywhere: list[_Pattern]):
        self.index = index  # per column: value → the patterns whose first token needs it
        self.anywhere = anywhere
        self.known: dict[Row, tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]] = {}

    @classmethod
    def of(cls, ruler: Any) -> "IndexedMatch | None":
        """The index of ``ruler``'s patterns, or None when one of them cannot be indexed."""
        strings = ruler.vocab.strings
        index: list[dict[int, list[_Pattern]]] = [{} for _ in COLUMNS]
        anywhere: list[_Pattern] = []
        for rule in range(len(ruler.attrs)):  # the ruler keys rule i by the string "i"
            key = strings[str(rule)]
            for pattern in ruler.matcher.get(key)[1]:
                tests: list[list[Test]] = []
                filed: tuple[tuple[int, frozenset[int]], Test] | None = None  # (column, values), and its test
                for position, spec in enumerate(pattern):
                    token_tests = []
                    for name, wanted in spec.items():
                        made = _test(name, wanted, strings)
                        if made is None:
                            return None
                        test, values = made
                        token_tests.append(test)
                        column = COLUMNS.index(name)
                        if position == 0 and values is not None and (filed is None or column < filed[0][0]):
                            filed = ((column, values), test)
                    if not token_tests:
                        return None
                    tests.append(token_tests)
                if not tests:
                    return None
                if filed is not None and len(filed[0][1]) == 1:
                    tests[0].remove(filed[1])  # the index has checked it
                width = len(tests)
                indexed = _Pattern(rule, key, tests if any(tests) else [], width)
                if filed is None:
                    anywhere.append(indexed)
                else:
                    (column, values), _ = filed
                    for value in values:
                        index[column].setdefault(value, []).append(indexed)
        return cls(index, anywhere)

    def _hits(self, row: Row) -> tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]:
        """The one-token patterns a token with this row matches, and the longer ones it may start."""
        single: list[tuple[int, int]] = []
        longer: list[_Pattern] = []
        candidates = [pattern for table, value in zip(self.index, row) for pattern in table.get(value, ())]
        for pattern in candidates + self.anywhere:
            if pattern.width == 1:
                if pattern.matches_at([row], 0):
                    single.append((pattern.rule, pattern.key))
            elif not pattern.tests or all(test(row) for test in pattern.tests[0]):
                longer.append(pattern)
        return tuple(single), tuple(longer)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows: list[Row] = doc.to_array(COLUMN_IDS).tolist() if len(doc) else []
        found: list[tuple[int, int, int, int]] = []
        known = self.known
        if len(known) > MAX_KNOWN_ROWS:
            known.clear()
        for start, row in enumerate(rows):
            key = tuple(row)
            hits = known.get(key)
            if hits is None:
                hits = known[key] = self._hits(row)
            single, longer = hits
            for rule, match_key in single:
                found.append((rule, match_key, start, start + 1))
            for pattern in longer:
                if pattern.matches_at(rows, start):
                    found.append((pattern.rule, pattern.key, start, start + pattern.width))
        return sorted(set(found))


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, matching through :class:`IndexedMatch` when its patterns allow."""

    def match(self, doc: Doc):
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = IndexedMatch.of(self) or False
        return index(doc) if index else super().match(doc)

    def add(self, *args, **kwargs) -> None:
        self.__dict__.pop("_index", None)
        super().add(*args, **kwargs)

    def clear(self) -> None:
        self.__dict__.pop("_index", None)
        super().clear()

    def __reduce__(self):
        # Cython pickles the pipe's __dict__ as the last item of its state; the index is rebuilt on use
        rebuild, arguments, state = super().__reduce__()[:3]
        if isinstance(state, tuple) and state and isinstance(state[-1], dict):
            state = (*state[:-1], {key: value for key, value in state[-1].items() if key != "_index"})
        return rebuild, arguments, state


def speed_up(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the indexed match; False when it has none or cannot take it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if type(ruler) is not AttributeRuler or IndexedMatch.of(ruler) is None:
        return False
    ruler.__class__ = IndexedAttributeRuler
    return True
