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
from bot.retrieval import Retrieval
from bot.types import AnswerStatus, Citation, PolicyAnswer
from knowledge.clauses import Clause, ClauseKind, PolicyInfo

UrlFor = Callable[[Clause], str]


class AnswerComposer(Protocol):
    """Turns one policy's retrieval for a question into that policy's answer.

    Must return `NOT_COVERED` with no citations when the policy does not address the
    question, cite only clauses from `retrieval`, and quote each clause's full text.
    """

    def compose(self, question: str, retrieval: Retrieval, policy: PolicyInfo, url_for: UrlFor) -> PolicyAnswer: ...


# Carve-outs for designated or authorized people: the rule still answers "No" for everyone
# else, so the answer is "No, unless ..." with the carve-out quoted.
_EXCEPTION = re.compile(
    r"\b(unless specifically authori[sz]ed|other than (?:those|the)\b|specifically designated|without the express consent)\b",
    re.I,
)
# Situations that decide whether a rule applies at all: the answer "depends".
_CONDITION = re.compile(
    r"\b(unless|where appropriate|wherever possible|if an employee chooses|where a staff member|to the extent|if the emergency)\b",
    re.I,
)
# Lead-ins that limit a list of rules to a situation ("pertaining to ... City business").
_SITUATION = re.compile(r"pertaining to commenting on any City business", re.I)
_CITY_TOPIC = re.compile(
    r"\b(city|council|councillors?|councilors?|mayor|elected|department|coworkers?|co-workers?|colleagues?|staff|"
    r"employees?|manager|boss|work|job|municipal|public works|parks|crew|budget|by-?laws?|services?|residents?|permits?|"
    r"city hall|taxes|garbage|recycling|snow|roads?|potholes?|transit|water)\b",
    re.I,
)
# Verdicts answer what the asker may or must do; "does the City monitor ...?" gets quotes only.
_ASKS_PERMISSION = re.compile(
    r"\b(can i|can we|may i|may we|am i (allowed|permitted|ok)|are we (allowed|permitted)|allowed to|ok (for me )?to|okay (for me )?to|"
    r"ok if i|okay if i|should i|is it (ok|okay|fine|alright|legal|a problem|allowed)|could i|would it be (ok|okay|fine|a problem)|"
    r"is that (ok|okay|allowed|a problem)|can employees|are employees allowed)\b",
    re.I,
)
_MUST_QUESTION = re.compile(r"\b(do i (have|need) to|must i|am i (required|supposed|expected) to|is it (required|mandatory)|do we (have|need) to)\b", re.I)

MAX_CITATIONS = 3


@dataclass(frozen=True)
class Verdict:
    word: str  # "No", "Yes", "It depends" or ""
    reason: str  # words quoted from the clause ("unless specifically authorized") or ""


def _phrase(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    if not m:
        return ""
    tail = text[m.start():]
    tail = re.split(r"(?<=[.;])\s|,\s(?=(?:and|but|or)\b)", tail, maxsplit=1)[0]
    return tail.rstrip(" ;.,")


def _applies(clause: Clause, question: str) -> bool:
    """False when the clause's lead-in limits it to a situation the question is not about."""
    return not (_SITUATION.search(clause.lead_in) and not _CITY_TOPIC.search(question))


def _verdict(question: str, cited: list[Clause]) -> Verdict:
    """Yes / No / It depends from the first cited clause that states a rule, or nothing."""
    must = bool(_MUST_QUESTION.search(question))
    if not cited or not (must or _ASKS_PERMISSION.search(question)):
        return Verdict("", "")
    # Only the top two citations may decide: a rule further down is context, not the answer.
    rule = next((c for c in cited[:2] if c.kind in (ClauseKind.PROHIBITION, ClauseKind.OBLIGATION, ClauseKind.PERMISSION)), None)
    if rule is None:
        return Verdict("", "")
    exception = _phrase(_EXCEPTION, rule.text)
    condition = _phrase(_CONDITION, rule.text)
    if must:
        if rule.kind is ClauseKind.OBLIGATION:
            return Verdict("It depends", condition) if condition else Verdict("Yes", exception)
        return Verdict("", "")
    if rule.kind is ClauseKind.PROHIBITION:
        if condition and not exception:
            return Verdict("It depends", condition)
        if not _applies(rule, question):
            return Verdict("It depends", "these rules apply to posts commenting on City business")
        return Verdict("No", exception)
    if rule.kind is ClauseKind.PERMISSION:
        if condition or exception:
            return Verdict("It depends", condition or exception)
        if any(c.kind is ClauseKind.PROHIBITION for c in cited):
            return Verdict("It depends", "")
        return Verdict("Yes", "")
    if condition or exception:
        return Verdict("It depends", condition or exception)
    return Verdict("", "")


def _short_answer(verdict: Verdict, doc_id: str, cited: list[Clause]) -> str:
    if not verdict.word:
        return ""
    where = f"See {doc_id} " + ", ".join(c.label.split(" › ")[-1] for c in cited[:2]) + "."
    if not verdict.reason:
        return f"{verdict.word}. {where}"
    if verdict.word == "It depends":
        return f"It depends: “{verdict.reason}”. {where}"
    # "No, unless specifically authorized" / "Yes, other than the Manager of ..."
    return f"{verdict.word}, “{verdict.reason}”. {where}"


def _pick_citations(retrieval: Retrieval, lookup: Mapping[str, Clause], margin: float) -> list[Clause]:
    """Named clauses; else the top hit, the rule its definition points to, and close runners-up."""
    hits = list(retrieval.hits)
    named = [h.clause for h in hits if h.named]
    if named or not hits:
        return named[:MAX_CITATIONS]
    top = hits[0]
    # A definition of prohibited content brings the rule that prohibits it.
    candidates = [top.clause] + [lookup[r] for r in top.clause.related if r in lookup]
    candidates += [h.clause for h in hits[1:] if h.score >= top.score - margin]
    chosen: list[Clause] = []
    for clause in candidates:
        if clause not in chosen:
            chosen.append(clause)
    return chosen[:MAX_CITATIONS]


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

    def __init__(self, floor: CoverageFloor = CoverageFloor(), lookup: Mapping[str, Clause] | None = None, margin: float = 0.5) -> None:
        self._floor = floor
        self._lookup = dict(lookup or {})
        self._margin = margin

    def compose(self, question: str, retrieval: Retrieval, policy: PolicyInfo, url_for: UrlFor) -> PolicyAnswer:
        if not self._floor.covers(retrieval):
            return not_covered(policy)
        picked = _pick_citations(retrieval, self._lookup, self._margin)
        short = _short_answer(_verdict(question, picked), policy.doc_id, picked)
        citations = tuple(
            Citation(doc_id=c.doc_id, clause_id=c.clause_id, label=c.label, text=c.text, url=url_for(c)) for c in picked
        )
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
