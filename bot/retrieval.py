"""Finding the clauses that answer a question: dense + lexical search, glossary, references.

`Retriever` is the seam the answer composer and the evals use; `HybridRetriever` is the
implementation over the Chroma index (clauses and their notes) and BM25 per organization,
with the evidence combined by `bot.ranking`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Protocol, Sequence

import numpy as np

from bot.ranking import LinearRanker, QuestionTraits, load_ranker, static_clause_features, trait_features
from knowledge.catalog import Catalog
from knowledge.clauses import Clause
from knowledge.glossary import Glossary
from knowledge.index import collection_size, document_source, document_text, nearest_documents, nearest_documents_many
from knowledge.lexical import LexicalIndex
from knowledge.notes import load_notes, load_questions
from knowledge.refs import find_refs, match_refs

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

__all__ = ["Hit", "Retrieval", "Retriever", "HybridRetriever"]

# A clause the question names outright ("what does 3.iv.g say?") outranks anything found by
# similarity; when the reference is ambiguous every candidate gets the bonus and similarity
# decides between them.
NAMED_BONUS = 10.0
MAYBE_NAMED_BONUS = 0.5
DENSE_CANDIDATES = 64
# Documents fetched by the one shared dense query: enough to hold every organization's
# nearest DENSE_CANDIDATES in almost every case (all 189 eval questions), at 7.6 ms per
# batch of 8 against 13 ms for 320.
DENSE_FETCH = 256


@dataclass(frozen=True)
class Hit:
    """A clause found for a question, with the evidence behind its rank."""

    clause: Clause
    score: float
    features: Mapping[str, float] = field(default_factory=dict)
    named: bool = False

    @property
    def dense(self) -> float:
        return max(self.features.get(f, 0.0) for f in ("dense_text", "dense_note", "dense_question"))


@dataclass(frozen=True)
class Retrieval:
    """What one organization's policy offers for a question."""

    org_id: str
    hits: tuple[Hit, ...]
    top_dense: float
    off_topic: float = 0.0  # cosine similarity to the nearest known off-topic question

    @property
    def named(self) -> bool:
        return any(h.named for h in self.hits)


class Retriever(Protocol):
    """Returns, per requested organization, that policy's clauses ranked for the question.

    Implementations must rank only the given organizations' clauses, return at most `k`
    hits per organization, best first, and never raise for an odd question.
    """

    def retrieve(self, question: str, org_ids: Sequence[str], k: int = 5) -> dict[str, Retrieval]: ...


_DOC_NAMES = re.compile(
    r"\b(?:[A-Z]{2,}[-.\s]?\d+(?:\([A-Z]\))?|(?:the\s+)?(?:city of\s+)?(?:saint|st\.?)\s+john(?:'s)?|(?:the\s+)?city of mission)(?!\w)", re.I
)


def _normalised(scores: Sequence[float]) -> np.ndarray:
    """BM25 scores over the best one (all zero when nothing matched)."""
    arr = np.asarray(scores, dtype=float)
    top = float(arr.max()) if arr.size else 0.0
    return arr / top if top > 0 else np.zeros(arr.shape)


def strip_doc_names(question: str) -> str:
    """Drop document numbers and city names: every clause of a policy shares them."""
    return re.sub(r"\s+", " ", _DOC_NAMES.sub(" ", question)).strip()


class HybridRetriever:
    """Dense (Chroma through langchain) and BM25 evidence, combined by a linear ranker."""

    def __init__(
        self,
        catalog: Catalog,
        store: "Chroma",
        embeddings: "Embeddings",
        glossary: Glossary,
        ranker: LinearRanker | None = None,
        notes: Mapping[str, Sequence[str]] | None = None,
        off_topic: "Chroma | None" = None,
        questions: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        if not catalog.policies:
            raise ValueError("HybridRetriever needs a catalog with at least one policy")
        self._store = store
        self._off_topic = off_topic
        self._embeddings = embeddings
        self._glossary = glossary
        self.ranker = ranker or load_ranker()
        notes = load_notes() if notes is None else notes
        questions = load_questions() if questions is None else questions
        self._clauses: dict[str, tuple[Clause, ...]] = {p.info.org_id: p.clauses for p in catalog.policies}
        self._docs_per_org = {
            org: sum(1 + len(notes.get(c.clause_id, ())) + len(questions.get(c.clause_id, ())) for c in cs)
            for org, cs in self._clauses.items()
        }
        self._position = {org: {c.clause_id: i for i, c in enumerate(cs)} for org, cs in self._clauses.items()}
        self._static: dict[str, dict[str, np.ndarray]] = {}
        for org, cs in self._clauses.items():
            flags = [static_clause_features(c) for c in cs]
            if flags:
                self._static[org] = {name: np.array([f[name] for f in flags]) for name in flags[0]}
        self._doc_info: dict[str, tuple[str, str, str | None]] = {}
        self._doc_total = sum(self._docs_per_org.values())
        self._off_topic_size = collection_size(off_topic) if off_topic is not None else 0
        self._org_of = {c.clause_id: c.org_id for c in catalog.clauses}
        self._has_notes = {c.clause_id for c in catalog.clauses if notes.get(c.clause_id)}
        self._has_questions = {c.clause_id for c in catalog.clauses if questions.get(c.clause_id)}
        self._has_notes_mask = {org: np.array([c.clause_id in self._has_notes for c in cs], dtype=bool) for org, cs in self._clauses.items()}
        self._has_questions_mask = {org: np.array([c.clause_id in self._has_questions for c in cs], dtype=bool) for org, cs in self._clauses.items()}
        self._text_index: dict[str, LexicalIndex] = {}
        self._note_index: dict[str, LexicalIndex] = {}
        self._question_index: dict[str, LexicalIndex] = {}
        for org, clauses in self._clauses.items():
            if clauses:
                self._text_index[org] = LexicalIndex([document_text(c) for c in clauses])
                self._note_index[org] = LexicalIndex([" ".join(notes.get(c.clause_id, ())) for c in clauses])
                self._question_index[org] = LexicalIndex([" ".join(questions.get(c.clause_id, ())) for c in clauses])

    @property
    def glossary(self) -> Glossary:
        return self._glossary

    @property
    def embeddings(self) -> "Embeddings":
        return self._embeddings

    def _dense(
        self, vector: list[float], org_ids: Sequence[str], shared: list[tuple[str, float]]
    ) -> dict[str, tuple[dict[str, dict[str, float]], float]]:
        """Per organization: cosine similarity per source ("clause", "note", "question") and
        clause, plus a floor.

        Per organization only its nearest `DENSE_CANDIDATES` documents count (clauses beyond
        them get the floor, the lowest similarity among those). `shared`, the nearest
        documents of any organization, usually holds them all; an organization it falls
        short for gets its own filtered query.
        """
        wanted = {org: min(self._docs_per_org.get(org, 0), DENSE_CANDIDATES) for org in org_ids}
        per_org: dict[str, list[tuple[str, str, float]]] = {org: [] for org in org_ids}
        doc_info = self._doc_info
        for doc_id, sim in shared:
            info = doc_info.get(doc_id)
            if info is None:  # ids never change while the index is open; parse each once
                cid, source = document_source(doc_id)
                info = doc_info[doc_id] = (cid, source, self._org_of.get(cid))
            cid, source, org = info
            if org in per_org and len(per_org[org]) < wanted[org]:
                per_org[org].append((cid, source, sim))
        out: dict[str, tuple[dict[str, dict[str, float]], float]] = {}
        for org in org_ids:
            found = per_org[org]
            if len(found) < wanted[org]:
                found = [(*document_source(d), sim) for d, sim in nearest_documents(self._store, vector, wanted[org], {"org_id": org})]
            best: dict[str, dict[str, float]] = {"clause": {}, "note": {}, "question": {}}
            for cid, source, sim in found:
                per_clause = best.setdefault(source, {})
                per_clause[cid] = max(sim, per_clause.get(cid, -1.0))
            out[org] = (best, min((sim for _, _, sim in found), default=0.0))
        return out

    def retrieve(self, question: str, org_ids: Sequence[str], k: int = 5) -> dict[str, Retrieval]:
        return self.retrieve_many([(question, org_ids)], k)[0]

    def retrieve_many(self, requests: Sequence[tuple[str, Sequence[str]]], k: int = 5) -> list[dict[str, Retrieval]]:
        """`retrieve` for several questions at once: one embedding call and one Chroma query
        per collection for all of them (a batch of 8 costs about what 3 single ones do)."""
        if not requests:
            return []
        search_texts = [strip_doc_names(q) or q for q, _ in requests]
        vectors = self._embeddings.embed_documents(search_texts)
        shared = nearest_documents_many(self._store, vectors, min(DENSE_FETCH, self._doc_total))
        if self._off_topic is not None:
            nearest = nearest_documents_many(self._off_topic, vectors, min(1, self._off_topic_size))
            off_topics = [n[0][1] if n else 0.0 for n in nearest]
        else:
            off_topics = [0.0] * len(requests)
        return [
            self._rank(question, org_ids, k, search_text, vector, near, off_topic)
            for (question, org_ids), search_text, vector, near, off_topic in zip(requests, search_texts, vectors, shared, off_topics)
        ]

    def _rank(
        self,
        question: str,
        org_ids: Sequence[str],
        k: int,
        search_text: str,
        vector: list[float],
        shared: list[tuple[str, float]],
        off_topic: float,
    ) -> dict[str, Retrieval]:
        # The question's own words drive dense and BM25 search; the glossary's policy wording
        # is scored on its own, so a broad mapping cannot drown what the person asked.
        expansions = self._glossary.expansions(question)
        gloss_query = " ".join(expansions)
        refs = find_refs(question)
        traits = QuestionTraits.of(question)
        dense_by_org = self._dense(vector, [org for org in org_ids if self._clauses.get(org)], shared)
        out: dict[str, Retrieval] = {}
        for org in org_ids:
            clauses = self._clauses.get(org, ())
            if not clauses:
                out[org] = Retrieval(org, (), 0.0, off_topic)
                continue
            dense, floor = dense_by_org[org]
            pos = self._position[org]

            def per_clause(sims: Mapping[str, float]) -> np.ndarray:
                # Clauses beyond the fetched documents get the floor.
                column = np.full(len(clauses), floor)
                for cid, sim in sims.items():
                    column[pos[cid]] = sim
                return column

            dense_text, note_sims, question_sims = per_clause(dense["clause"]), per_clause(dense["note"]), per_clause(dense["question"])
            has_notes, has_questions = self._has_notes_mask[org], self._has_questions_mask[org]
            # A clause without notes competes on its text alone, and one without example
            # questions on its notes (or text).
            dense_note = np.where(has_notes, note_sims, dense_text)
            bm25_text = _normalised(self._text_index[org].scores(search_text))
            bm25_note = _normalised(self._note_index[org].scores(search_text))
            bm25_question = _normalised(self._question_index[org].scores(search_text))
            bm25_gloss = _normalised(self._text_index[org].scores(gloss_query)) if gloss_query else np.zeros(len(clauses))
            columns: dict[str, np.ndarray] = {
                "dense_text": dense_text,
                "dense_note": dense_note,
                "bm25_text": bm25_text,
                "bm25_note": bm25_note,
                "dense_question": np.where(has_questions, question_sims, dense_note),
                "bm25_question": bm25_question,
                "bm25_gloss": bm25_gloss,
                **trait_features(traits, self._static[org]),
            }
            # The linear ranker over every clause at once, summed in the features' order so
            # each score is the very float `LinearRanker.score` gives for `Hit.features`.
            scores = np.zeros(len(clauses))
            for name, column in columns.items():
                scores = scores + self.ranker.weights.get(name, 0.0) * column
            named_list, maybe_list = match_refs(clauses, refs) if refs else ([], [])
            named = {c.clause_id for c in named_list}
            maybe = {c.clause_id for c in maybe_list}
            bonus = np.zeros(len(clauses))
            for cid in maybe:
                bonus[pos[cid]] = MAYBE_NAMED_BONUS
            for cid in named:
                bonus[pos[cid]] = NAMED_BONUS
            scores = scores + bonus
            order = np.argsort(-scores, kind="stable")[:k]
            hits = [
                Hit(
                    clause=clauses[i],
                    score=float(scores[i]),
                    features={name: float(column[i]) for name, column in columns.items()},
                    named=clauses[i].clause_id in named,
                )
                for i in order
            ]
            out[org] = Retrieval(
                org_id=org,
                hits=tuple(hits),
                top_dense=max((v for d in dense.values() for v in d.values()), default=0.0),
                off_topic=off_topic,
            )
        return out

    def features_for(self, question: str, org: str) -> list[Hit]:
        """Every clause of `org` with its features (used to fit the ranker)."""
        return list(self.retrieve(question, [org], k=len(self._clauses.get(org, ())))[org].hits)
