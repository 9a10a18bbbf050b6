"""Clause references written in questions: "3.iv.g", "(b)(iii)", "section 2(ii)", "item xi"."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from knowledge.clauses import Clause

_COMP = r"(?:[ivx]{1,5}|[a-z])"
_PATTERNS = (
    # 3.iv.g, 2.ii, 1.i.b.iv, b.iii
    re.compile(rf"(?<![\w.])(?P<ref>(?:\d+|{_COMP})(?:\.{_COMP})+)(?![\w])", re.I),
    # (b)(iii), (k), 3(iv)(g), b(iii)
    re.compile(rf"(?<![\w])(?P<ref>(?:\d+|{_COMP})?(?:\({_COMP}\))+)", re.I),
    # section 3 iv g, clause xi, item (k), paragraph b iii
    re.compile(rf"\b(?:section|clause|item|paragraph|subsection|point|part|rule)\s+(?P<ref>(?:\d+|{_COMP})(?:[\s.]+{_COMP}){{0,3}})\b", re.I),
)
# Single letters that are ordinary words when they stand alone.
_AMBIGUOUS_WORDS = {"i", "a"}
_ABBREVIATIONS = {("i", "e"), ("e", "g")}


# Document numbers ("HUM.11(A)", "COM-001") look like clause references; they are not.
_DOC_ID = re.compile(r"\b[A-Z]{2,}[-.\s]?\d+(?:\([A-Z]\))?")


def find_refs(question: str) -> list[tuple[str, ...]]:
    """Every clause reference in the question, as lower-case components."""
    question = _DOC_ID.sub(" ", question)
    found: list[tuple[str, ...]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(question):
            comps = tuple(c.lower() for c in re.split(r"[\s.()]+", m.group("ref")) if c)
            if comps in _ABBREVIATIONS:
                continue
            if not comps or (len(comps) == 1 and comps[0] in _AMBIGUOUS_WORDS and "(" not in m.group(0)):
                continue
            if comps not in found:
                found.append(comps)
    return found


def match_refs(clauses: Iterable[Clause], refs: Sequence[tuple[str, ...]]) -> tuple[list[Clause], list[Clause]]:
    """(clauses named outright, clauses a reference might mean).

    A reference of two or more parts ("3.iv.g", "(b)(iii)") names its clause. A one-part
    reference ("item vii") names a clause only when one clause has it; when several do,
    they are all candidates and the rest of the question decides between them.
    """
    pool = list(clauses)
    named: list[Clause] = []
    maybe: list[Clause] = []
    for comps in refs:
        dotted = ".".join(comps)
        exact = [c for c in pool if dotted in c.refs]
        if not exact and len(comps) >= 2:
            exact = [c for c in pool if any(r.endswith("." + dotted) for r in c.refs)]
        if len(comps) == 1 and len(exact) > 1:
            maybe.extend(c for c in exact if c not in maybe)
        else:
            named.extend(c for c in exact if c not in named)
    return named, [c for c in maybe if c not in named]
