"""What crosses from the core to the adapters: answers and citations, as frozen dataclasses.

`to_dict` methods produce exactly the JSON contract in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class AnswerStatus(str, Enum):
    ANSWERED = "answered"
    NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class Citation:
    doc_id: str
    clause_id: str
    label: str
    text: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "clause_id": self.clause_id, "label": self.label, "text": self.text, "url": self.url}


@dataclass(frozen=True)
class PolicyAnswer:
    """The answer from one policy; an answer with no org known holds one per policy."""

    org: str
    org_name: str
    doc_id: str
    status: AnswerStatus
    short_answer: str
    text: str
    citations: tuple[Citation, ...]
    inquiries: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "doc_id": self.doc_id,
            "status": self.status.value,
            "short_answer": self.short_answer,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Answer:
    question: str
    org: str | None
    status: AnswerStatus
    short_answer: str
    text: str
    citations: tuple[Citation, ...]
    parts: tuple[PolicyAnswer, ...] = field(default=())
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "org": self.org,
            "status": self.status.value,
            "short_answer": self.short_answer,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }
        if self.org is None:
            out["parts"] = [p.to_dict() for p in self.parts]
        return out
