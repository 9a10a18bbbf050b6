"""Scoring a clause for a question from a handful of interpretable features.

The weights live in `ranker.json`, fitted by `python -m evals.fit` on the training split of
the labelled questions (never the held-out split). With no file, hand-set defaults apply.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from knowledge.clauses import Clause, ClauseKind

RANKER_FILE = Path(__file__).resolve().parent / "ranker.json"

FEATURES = (
    "dense_text",  # cosine: question vs the clause with its headings and lead-in
    "dense_note",  # best cosine: question vs the clause's plain-language notes
    "bm25_text",  # BM25 on the clause, divided by the best score in that policy
    "bm25_note",  # BM25 on the notes, likewise
    "dense_question",  # best cosine: question vs example questions the clause answers
    "bm25_question",  # BM25 on those example questions, divided by the best
    "bm25_gloss",  # BM25 of the glossary's policy wording for the question's everyday words
    "conduct_rule",  # "can I ...?" and the clause states a rule
    "conduct_info",  # "can I ...?" and the clause is background or procedure
    "meaning_def",  # "what counts as ...?" and the clause is a definition
    "conduct_def",  # "can I ...?" and the clause only defines a word (no rule behind it)
    "who_duty",  # "who ...?" and the clause assigns a duty or a procedure
    "official_match",  # the question is about City accounts and so is the clause
    "personal_mismatch",  # the question is about a personal account; the clause about City accounts
    "lead_in",  # the clause only introduces a list ("... comply with the following:")
)

# Set by hand, then moved in small steps by grid searches on the training split.
DEFAULT_WEIGHTS: dict[str, float] = {
    "dense_text": 1.0,
    "dense_note": 0.6,
    "bm25_text": 0.25,
    "bm25_note": 0.15,
    "dense_question": 0.9,
    "bm25_question": 0.3,
    "bm25_gloss": 0.1,
    "conduct_rule": 0.04,
    "conduct_info": -0.1,
    "meaning_def": 0.05,
    "conduct_def": -0.05,
    "who_duty": 0.05,
    "official_match": 0.05,
    "personal_mismatch": -0.05,
    "lead_in": -0.05,
}

_CONDUCT = re.compile(
    r"\b(can i|can we|may i|am i|are we|allowed|ok to|okay to|ok if|okay if|should i|is it (ok|okay|fine|alright|legal|a problem)|could i|would it be|"
    r"is that (ok|okay|allowed|a problem)|do i (have|need) to|must i|can employees|are employees)\b",
    re.I,
)
_YES_NO_START = re.compile(
    r"^\s*(?:(?:so|but|and|hey|hi|quick question|question)[,:]?\s+)*(?:can|could|may|am|is|are|do|does|should|shall|will|would|must|allowed)\b",
    re.I,
)
_MEANING = re.compile(
    r"\b(what (is|are|does|counts?|qualifies)|what's|whats|define|definition|defined|mean|means|meaning|count as|counts as|considered|"
    r"does .{1,40} count|who (is|counts as) an?)\b",
    re.I,
)
_WHO = re.compile(r"^\s*(?:\w+\s+){0,3}?(who|which (department|team|office|person|division)|whom)\b", re.I)
_OFFICIAL_Q = re.compile(
    r"\b(official|city'?s (facebook|instagram|insta|twitter|tiktok|page|pages|account|accounts|channel|channels|profile|feed|social)|"
    r"city (page|pages|account|accounts|channel|channels|profile|profiles)|department(al)? (page|account|profile)|on behalf of the city|as part of my job|for work)\b",
    re.I,
)
_PERSONAL_Q = re.compile(r"\b(my own|personal|private|my (page|account|profile|feed|facebook|fb|instagram|insta|tiktok|twitter|linkedin|story))\b", re.I)
_FIRST_PERSON_CONDUCT = re.compile(r"\b(can i|may i|am i allowed|is it ok(ay)? (for me )?to|should i|could i)\b", re.I)
_OFFICIAL_CLAUSE = re.compile(r"\b(Official (Social Media|Use|Municipal)|official (social media )?profiles?|City social media channels|City's social media)\b", re.I)
_RULE_KINDS = {ClauseKind.PROHIBITION, ClauseKind.OBLIGATION, ClauseKind.PERMISSION}
_INFO_KINDS = {ClauseKind.INFORMATION, ClauseKind.PROCEDURE}


def is_conduct_question(question: str) -> bool:
    return bool(_CONDUCT.search(question) or _YES_NO_START.search(question))


def is_meaning_question(question: str) -> bool:
    return bool(_MEANING.search(question))


@dataclass(frozen=True)
class QuestionTraits:
    conduct: bool
    meaning: bool
    who: bool
    official: bool
    personal: bool

    @classmethod
    def of(cls, question: str) -> "QuestionTraits":
        return cls(
            conduct=is_conduct_question(question),
            meaning=is_meaning_question(question),
            who=bool(_WHO.search(question)),
            official=bool(_OFFICIAL_Q.search(question)),
            # "can I post ...?" with no City account named is about the asker's own account.
            personal=bool(_PERSONAL_Q.search(question) or _FIRST_PERSON_CONDUCT.search(question)),
        )


def static_clause_features(clause: Clause) -> dict[str, float]:
    """What the ranker needs to know about a clause regardless of the question, as 0/1 flags
    (computed once per clause when the retriever starts)."""
    return {
        "rule_kind": float(clause.kind in _RULE_KINDS),
        "info_kind": float(clause.kind in _INFO_KINDS),
        "definition": float(clause.kind is ClauseKind.DEFINITION),
        "unrelated_definition": float(clause.kind is ClauseKind.DEFINITION and not clause.related),
        "duty": float(clause.kind in (ClauseKind.PROCEDURE, ClauseKind.OBLIGATION)),
        "official": float(_is_official(clause)),
        "lead_in": float(clause.text.rstrip().endswith(":")),
    }


def trait_features(traits: "QuestionTraits", flags: Mapping[str, Any]) -> dict[str, Any]:
    """The ranker's flag features for a question, over `static_clause_features` values
    (floats, or numpy arrays of them for every clause at once)."""
    return {
        "conduct_rule": flags["rule_kind"] * float(traits.conduct),
        "conduct_info": flags["info_kind"] * float(traits.conduct),
        "meaning_def": flags["definition"] * float(traits.meaning),
        "conduct_def": flags["unrelated_definition"] * float(traits.conduct),
        "who_duty": flags["duty"] * float(traits.who),
        "official_match": flags["official"] * float(traits.official),
        "personal_mismatch": flags["official"] * float(traits.personal and not traits.official),
        "lead_in": flags["lead_in"],
    }


def _is_official(clause: Clause) -> bool:
    return bool(_OFFICIAL_CLAUSE.search(" ".join(clause.heading_path)) or _OFFICIAL_CLAUSE.search(clause.text))


@dataclass(frozen=True)
class LinearRanker:
    weights: Mapping[str, float]

    def score(self, features: Mapping[str, float]) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())


def load_ranker(path: Path = RANKER_FILE) -> LinearRanker:
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return LinearRanker(weights={k: float(v) for k, v in data["weights"].items()})
    return LinearRanker(weights=DEFAULT_WEIGHTS)
