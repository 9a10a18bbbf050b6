"""Composing an answer from retrieved clauses.

`AnswerComposer` is the seam: retrieval and the adapters do not care who writes the text.
`ExtractiveComposer`, the embedded default, needs no language model and adds no words of
its own to the policy's: every sentence it writes is either a quote with its label, a
verdict ("No.", "It depends.") derived from the cited clauses' kinds, or a pointer to the
policy's own contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Protocol

from bot.coverage import CoverageFloor
from bot.ranking import is_conduct_question
from bot.retrieval import Hit, Retrieval
from bot.types import AnswerStatus, Citation, PolicyAnswer
from knowledge.clauses import Clause, ClauseKind, PolicyInfo

UrlFor = Callable[[Clause], str]


class AnswerComposer(Protocol):
    """Turns one policy's retrieval for a question into that policy's answer.

    Must return `NOT_COVERED` with no citations when the policy does not address the
    question, cite only clauses from `retrieval`, and quote each clause's full text.
    """

    def compose(self, question: str, retrieval: Retrieval, policy: PolicyInfo, url_for: UrlFor) -> PolicyAnswer: ...


# Words in a clause that make its rule conditional: the answer then "depends".
_CONDITION = re.compile(
    r"\b(unless|other than|except|where appropriate|wherever possible|if an employee chooses|"
    r"where a staff member|to the extent|without the express consent|specifically designated|"
    r"specifically authori[sz]ed|if the emergency)\b",
    re.I,
)
# Lead-ins that limit a list of rules to a situation ("pertaining to ... City business").
_SITUATION = re.compile(r"pertaining to commenting on any City business", re.I)
_CITY_TOPIC = re.compile(
    r"\b(city|council|councillors?|councilors?|mayor|elected|department|coworkers?|co-workers?|colleagues?|staff|"
    r"employees?|manager|boss|work|job|municipal|public works|parks|crew|budget|by-?law|services?)\b",
    re.I,
)
_MUST_QUESTION = re.compile(r"\b(do i (have|need) to|must i|should i|am i (required|supposed|expected) to|is it (required|mandatory))\b", re.I)
_OFFICIAL = re.compile(r"\b(official|city'?s (page|account|facebook|instagram|twitter|channel)|department (page|account)|on behalf)\b", re.I)
_PERSONAL = re.compile(r"\b(my own|personal|private|my (page|account|profile|facebook|instagram|tiktok|twitter|linkedin))\b", re.I)

MAX_CITATIONS = 3


@dataclass(frozen=True)
class Verdict:
    word: str  # "No", "Yes", "It depends" or ""
    reason: str


def _condition_phrase(text: str) -> str:
    m = _CONDITION.search(text)
    if not m:
        return ""
    tail = text[m.start():]
    tail = re.split(r"(?<=[.;])\s", tail, maxsplit=1)[0]
    return tail.rstrip(" ;.,")


def _applies(clause: Clause, question: str) -> bool:
    """False when the clause's lead-in limits it to a situation the question is not about."""
    return not (_SITUATION.search(clause.lead_in) and not _CITY_TOPIC.search(question))


def _verdict(question: str, cited: list[Clause]) -> Verdict:
    if not cited or not is_conduct_question(question):
        return Verdict("", "")
    top = cited[0]
    kinds = [c.kind for c in cited]
    rule = next((c for c in cited if c.kind in (ClauseKind.PROHIBITION, ClauseKind.OBLIGATION, ClauseKind.PERMISSION)), None)
    if rule is None:
        return Verdict("", "")
    if _MUST_QUESTION.search(question):
        if rule.kind is ClauseKind.OBLIGATION:
            cond = _condition_phrase(rule.text)
            return Verdict("It depends", cond) if cond else Verdict("Yes", "")
        return Verdict("", "")
    if rule.kind is ClauseKind.PROHIBITION:
        cond = _condition_phrase(rule.text)
        if cond:
            return Verdict("It depends", cond)
        if not _applies(rule, question):
            return Verdict("It depends", "it applies to posts commenting on City business")
        if ClauseKind.PERMISSION in kinds[: kinds.index(rule.kind) + 1] and top.kind is ClauseKind.PERMISSION:
            return Verdict("It depends", "")
        # One policy section for official accounts, another for personal ones: which applies
        # depends on an account the question does not name.
        sections = {c.heading_path[-1] for c in cited if c.kind is ClauseKind.PROHIBITION}
        if len(sections) > 1 and not (_OFFICIAL.search(question) or _PERSONAL.search(question)):
            if any("Official" in s for s in sections) and any("Personal" in s for s in sections):
                return Verdict("It depends", "the rules differ for official and personal accounts")
        return Verdict("No", "")
    if rule.kind is ClauseKind.PERMISSION:
        cond = _condition_phrase(rule.text)
        if cond or any(c.kind is ClauseKind.PROHIBITION for c in cited):
            return Verdict("It depends", cond)
        return Verdict("Yes", "")
    if rule.kind is ClauseKind.OBLIGATION:
        cond = _condition_phrase(rule.text)
        if cond:
            return Verdict("It depends", cond)
    return Verdict("", "")


def _pick_citations(retrieval: Retrieval, lookup: Mapping[str, Clause], margin: float) -> list[Hit | Clause]:
    hits = list(retrieval.hits)
    if not hits:
        return []
    named = [h for h in hits if h.named]
    if named:
        return list(named[:MAX_CITATIONS])
    top = hits[0]
    chosen: list[Hit | Clause] = [top]
    # A definition of prohibited content brings the rule that prohibits it.
    for rel in top.clause.related:
        if rel in lookup and all(_clause(x).clause_id != rel for x in chosen):
            chosen.append(lookup[rel])
    for h in hits[1:]:
        if len(chosen) >= MAX_CITATIONS:
            break
        if h.score >= top.score - margin and all(_clause(x).clause_id != h.clause.clause_id for x in chosen):
            chosen.append(h)
    return chosen


def _clause(x: Hit | Clause) -> Clause:
    return x.clause if isinstance(x, Hit) else x


def _quote(clause: Clause, url: str) -> str:
    lines = []
    if clause.lead_in:
        lead = clause.lead_in.split(" … ")[-1]
        lines.append(f"> _{lead}_")
    for line in clause.text.splitlines() or [clause.text]:
        lines.append(f"> {line}")
    lines.append(f"— [{clause.label}]({url})")
    return "\n".join(lines)


class ExtractiveComposer:
    """Quotes the best clauses; adds a one-word verdict when their kinds settle it."""

    def __init__(self, floor: CoverageFloor = CoverageFloor(), lookup: Mapping[str, Clause] | None = None, margin: float = 0.06) -> None:
        self._floor = floor
        self._lookup = dict(lookup or {})
        self._margin = margin

    def compose(self, question: str, retrieval: Retrieval, policy: PolicyInfo, url_for: UrlFor) -> PolicyAnswer:
        if not self._floor.covers(retrieval):
            return not_covered(policy)
        picked = [_clause(x) for x in _pick_citations(retrieval, self._lookup, self._margin)]
        verdict = _verdict(question, picked)
        citations = tuple(
            Citation(doc_id=c.doc_id, clause_id=c.clause_id, label=c.label, text=c.text, url=url_for(c)) for c in picked
        )
        short = ""
        if verdict.word:
            labels = ", ".join(c.label.split(" › ")[-1] for c in picked[:2])
            short = f"{verdict.word}. See {policy.doc_id} {labels}."
            if verdict.reason:
                short = f"{verdict.word}: {verdict.reason}. See {policy.doc_id} {labels}."
        intro = f"{policy.org_name} {policy.doc_id} {policy.title}:"
        body = "\n\n".join(_quote(c, url_for(c)) for c in picked)
        text = "\n\n".join(p for p in (f"**{short}**" if short else "", intro, body) if p)
        return PolicyAnswer(
            org=policy.org_id,
            org_name=policy.org_name,
            doc_id=policy.doc_id,
            status=AnswerStatus.ANSWERED,
            short_answer=short,
            text=text,
            citations=citations,
            inquiries=policy.inquiries,
        )


def not_covered(policy: PolicyInfo) -> PolicyAnswer:
    text = (
        f"The {policy.org_name} {policy.doc_id} {policy.title} policy does not address this question, "
        f"so I can't answer it from the policy. For questions about the policy, contact {policy.inquiries}."
    )
    return PolicyAnswer(
        org=policy.org_id,
        org_name=policy.org_name,
        doc_id=policy.doc_id,
        status=AnswerStatus.NOT_COVERED,
        short_answer="",
        text=text,
        citations=(),
        inquiries=policy.inquiries,
    )
