"""The core's public calls. Adapters (CLI, web, Slack, Teams) use only this module.

    service = PolicyService.start(settings)
    answer = service.ask("can I reply to this comment about council?", org="saint-john")
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence
from urllib.parse import quote

from bot.answering import AnswerComposer, ExtractiveComposer
from bot.coverage import load_floor
from bot.errors import EmptyInput, InputTooLong, UnknownOrg, UnreadableInput, UserInputError
from bot.retrieval import HybridRetriever, Retriever
from bot.settings import Settings
from bot.types import Answer, AnswerStatus, Citation, PolicyAnswer
from knowledge.catalog import Catalog, load_catalog
from knowledge.clauses import Clause, PolicyInfo
from knowledge.glossary import load_glossary
from knowledge.index import IndexInfo, ProgressFn, off_topic_store, open_index

if TYPE_CHECKING:
    from bot.compliance import CheckResult, DraftChecker

log = logging.getLogger(__name__)

# Clauses retrieved per policy for an answer: the composer quotes at most 3 of them.
ANSWER_HITS = 8

# Zero-width and bidi control characters: invisible, and they break word matching.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: object, what: str = "question") -> str:
    """Normalize user text, or raise a `UserInputError` saying what is wrong with it."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"The {what} is not readable text (invalid UTF-8).") from exc
    if not isinstance(text, str):
        raise UnreadableInput(f"The {what} must be text.")
    if "\x00" in text:
        raise UnreadableInput(f"The {what} looks like a binary file, not text.")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text.strip()


def validate_question(question: object, limit: int) -> str:
    """The cleaned question, or a `UserInputError` worded for the person who asked."""
    text = clean_text(question, "question")
    if not text:
        raise EmptyInput("The question is empty. Ask something like “Can I use the City logo on my own Instagram?”")
    if len(text) > limit:
        raise InputTooLong(
            f"The question is {len(text):,} characters long; the limit is {limit:,}. "
            "Ask about one situation in a sentence or two (to check a whole draft post, use the draft check)."
        )
    return text


def validate_draft(draft: object, limit: int) -> str:
    """The draft as submitted (decoded), or a `UserInputError` worded for its author."""
    if isinstance(draft, (bytes, bytearray)):
        try:
            draft = bytes(draft).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableInput("The draft is not readable text (invalid UTF-8). Paste the text of the post.") from exc
    cleaned = clean_text(draft, "draft")
    assert isinstance(draft, str)
    if not cleaned:
        raise EmptyInput("The draft is empty. Paste the text of the post you want to check.")
    if len(draft) > limit:
        raise InputTooLong(f"The draft is {len(draft):,} characters long; the limit is {limit:,}. Check one post at a time.")
    # Valid UTF-8 can still be a binary file: many control characters give it away.
    controls = sum(1 for ch in draft if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if controls > max(2, len(draft) // 20):
        raise UnreadableInput("The draft looks like a binary file, not text.")
    return draft


def clause_url(base_url: str, clause: Clause) -> str:
    return f"{base_url}/policies/{quote(clause.doc_id, safe='()')}#{clause.clause_id}"


@dataclass(frozen=True)
class StartupInfo:
    index: IndexInfo
    model_load_s: float
    catalog_load_s: float


class PolicyService:
    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        retriever: Retriever,
        composer: AnswerComposer,
        startup: StartupInfo | None = None,
        checker: "DraftChecker | None" = None,
    ) -> None:
        if not catalog.policies:
            raise ValueError("PolicyService needs at least one policy")
        self.settings = settings
        self.catalog = catalog
        self.retriever = retriever
        self.composer = composer
        self.startup = startup
        self._checker = checker
        self._checker_lock = threading.Lock()

    @classmethod
    def start(cls, settings: Settings, progress: ProgressFn | None = None, with_checker: bool = True) -> "PolicyService":
        """Load the policies, the embedding model and the index (rebuilding it if stale).

        The draft checker costs seconds to start (Presidio, its classifier); a process that
        only answers questions passes `with_checker=False` and gets it on first use.
        """
        from knowledge.embedding import load_embeddings

        t0 = time.perf_counter()
        catalog = load_catalog(settings.policy_dir)
        t1 = time.perf_counter()
        embeddings = load_embeddings()
        t2 = time.perf_counter()
        store, info = open_index(catalog, settings.index_dir, embeddings, progress)
        retriever = HybridRetriever(
            catalog, store, embeddings, load_glossary(), off_topic=off_topic_store(settings.index_dir, embeddings)
        )
        composer = ExtractiveComposer(floor=load_floor(), lookup={c.clause_id: c for c in catalog.clauses})
        startup = StartupInfo(index=info, model_load_s=t2 - t1, catalog_load_s=t1 - t0)
        log.info("index %s in %.2fs (%d clauses)", "built" if info.rebuilt else "loaded", info.seconds, info.clause_count)
        service = cls(settings, catalog, retriever, composer, startup)
        if with_checker:
            service.draft_checker()
        return service

    # --- organizations and clauses -----------------------------------------------------

    @property
    def org_ids(self) -> tuple[str, ...]:
        return self.catalog.org_ids

    def policies(self) -> tuple[PolicyInfo, ...]:
        return tuple(p.info for p in self.catalog.policies)

    def resolve_org(self, org: str | None) -> str | None:
        """The org id to answer for: the given one, the default, or None for all."""
        org = (org or "").strip() or self.settings.default_org or None
        if org is not None and org not in self.org_ids:
            raise UnknownOrg(org, self.org_ids)
        return org

    def clauses(self, org: str | None = None) -> tuple[Clause, ...]:
        org = self.resolve_org(org) if org else None
        return tuple(c for c in self.catalog.clauses if org is None or c.org_id == org)

    def clause_url(self, clause: Clause) -> str:
        return clause_url(self.settings.base_url, clause)

    # --- answering ---------------------------------------------------------------------

    def validate_question(self, question: object) -> str:
        return validate_question(question, self.settings.max_question_chars)

    def ask(self, question: object, org: str | None = None) -> Answer:
        text = self.validate_question(question)
        org_id = self.resolve_org(org)
        orgs: Sequence[str] = (org_id,) if org_id else self.org_ids
        return self._answer(text, org_id, orgs, self.retriever.retrieve(text, orgs, k=ANSWER_HITS))

    def ask_many(self, items: Sequence[tuple[object, str | None]]) -> list["Answer | UserInputError"]:
        """`ask` for several (question, org) pairs at once, in order; a bad item yields its
        UserInputError in its place and does not spoil the others. A retriever that can
        batch (`retrieve_many`) embeds and searches all the questions in one go, which is how
        a busy server keeps up."""
        checked: list[tuple[str, str | None, Sequence[str]] | UserInputError] = []
        for question, org in items:
            try:
                text = self.validate_question(question)
                org_id = self.resolve_org(org)
                checked.append((text, org_id, (org_id,) if org_id else self.org_ids))
            except UserInputError as exc:
                checked.append(exc)
        valid = [c for c in checked if not isinstance(c, UserInputError)]
        retrieve_many = getattr(self.retriever, "retrieve_many", None)
        if callable(retrieve_many):
            found = iter(retrieve_many([(text, orgs) for text, _, orgs in valid], k=ANSWER_HITS))
        else:
            found = iter([self.retriever.retrieve(text, orgs, k=ANSWER_HITS) for text, _, orgs in valid])
        return [c if isinstance(c, UserInputError) else self._answer(c[0], c[1], c[2], next(found)) for c in checked]

    def _answer(self, text: str, org_id: str | None, orgs: Sequence[str], retrievals: dict) -> Answer:  # type: ignore[type-arg]
        parts = tuple(
            self.composer.compose(text, retrievals[o], self.catalog.policy_for_org(o).info, self.clause_url)  # type: ignore[union-attr]
            for o in orgs
        )
        return _combine(text, org_id, parts, retrievals)


    # --- draft check -------------------------------------------------------------------

    def draft_checker(self) -> "DraftChecker":
        """The draft checker, built once (on first use unless built at start-up)."""
        with self._checker_lock:
            if self._checker is None:
                from bot.compliance import DraftChecker
                from knowledge.embedding import load_embeddings

                self._checker = DraftChecker(
                    self.catalog,
                    load_embeddings(),
                    self.clause_url,
                    self.settings.data_dir / "compliance",
                    max_chars=self.settings.max_draft_chars,
                )
            return self._checker

    @property
    def checker(self) -> "DraftChecker":
        return self.draft_checker()

    def check(self, draft: object, org: str | None = None, official: bool = False) -> "CheckResult":
        """Check a draft post against the org's policy (every policy when no org is known)."""
        return self.draft_checker().check(draft, self.resolve_org(org), official=official)


def _combine(question: str, org: str | None, parts: tuple[PolicyAnswer, ...], retrievals: dict) -> Answer:  # type: ignore[type-arg]
    answer_id = uuid.uuid4().hex[:12]
    if org is not None:
        p = parts[0]
        return Answer(
            question=question,
            org=org,
            status=p.status,
            short_answer=p.short_answer,
            text=p.text,
            citations=p.citations,
            parts=parts,
            id=answer_id,
        )
    answered = [p for p in parts if p.status is AnswerStatus.ANSWERED]
    status = AnswerStatus.ANSWERED if answered else AnswerStatus.NOT_COVERED
    short = " ".join(f"{p.org_name}: {p.short_answer}" for p in answered if p.short_answer)
    sections = [f"### {p.org_name} ({p.doc_id})\n\n{p.text}" for p in parts]
    # Rank citations across policies by their retrieval score.
    scores = {h.clause.clause_id: h.score for r in retrievals.values() for h in r.hits}
    citations: list[Citation] = sorted(
        (c for p in answered for c in p.citations), key=lambda c: scores.get(c.clause_id, 0.0), reverse=True
    )
    return Answer(
        question=question,
        org=None,
        status=status,
        short_answer=short,
        text="\n\n".join(sections),
        citations=tuple(citations),
        parts=parts,
        id=answer_id,
    )

