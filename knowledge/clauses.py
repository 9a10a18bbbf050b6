"""The clause model: what a policy is made of once parsed, and what crosses into `bot`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class ClauseKind(str, Enum):
    """What a clause does; the answer composer reads this to decide yes / no / it depends."""

    DEFINITION = "definition"
    PROHIBITION = "prohibition"
    OBLIGATION = "obligation"
    PERMISSION = "permission"
    PROCEDURE = "procedure"
    INFORMATION = "information"


@dataclass(frozen=True)
class Clause:
    """One addressable piece of a policy.

    `text` is verbatim from the source, with only export noise (page footers, displaced list
    markers) cut out and runs of white space folded. `clause_id` is derived from the heading
    slugs and list markers, never from file order or a hash, so it survives re-indexing.
    """

    clause_id: str
    doc_id: str
    org_id: str
    label: str
    text: str
    kind: ClauseKind
    heading_path: tuple[str, ...]
    lead_in: str = ""
    ref: str = ""
    refs: tuple[str, ...] = ()
    term: str = ""
    parent_id: str = ""
    related: tuple[str, ...] = ()
    ordinal: int = 0
    depth: int = 0

    @property
    def context_text(self) -> str:
        """Text used for search: headings and lead-in give a bare list item its meaning."""
        parts = [" / ".join(self.heading_path)]
        if self.lead_in:
            parts.append(self.lead_in)
        parts.append(self.text)
        return "\n".join(parts)


@dataclass(frozen=True)
class PolicyInfo:
    """A policy document's metadata, from the YAML file beside its text."""

    org_id: str
    org_name: str
    doc_id: str
    title: str
    version: str
    effective_date: dt.date | None
    next_review_date: dt.date | None
    review_note: str
    inquiries: str
    inquiries_clause: str
    policy_owner: str
    source: str
    source_file: str

    @property
    def display_name(self) -> str:
        return f"{self.org_name} {self.doc_id} {self.title}"

    def is_past_review(self, today: dt.date) -> bool:
        return self.next_review_date is not None and today > self.next_review_date


@dataclass(frozen=True)
class Policy:
    info: PolicyInfo
    clauses: tuple[Clause, ...] = field(default=())

    def clause(self, clause_id: str) -> Clause | None:
        for c in self.clauses:
            if c.clause_id == clause_id:
                return c
        return None
