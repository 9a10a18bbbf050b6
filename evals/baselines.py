"""What a team would build instead, scored on the same questions.

1. `ChunkBaseline`: langchain's RecursiveCharacterTextSplitter (1000/200) over the raw policy
   text, a Chroma collection and the same embedding model, top-3 chunks. A chunk is a hit
   when it contains a gold clause's text.
2. `Bm25Baseline`: BM25 alone over our clauses, no glossary, no dense search, no floor.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from knowledge.catalog import Catalog
from knowledge.clauses import Clause
from knowledge.lexical import LexicalIndex
from knowledge.noise import strip_noise

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings


def _squash(text: str) -> str:
    """Letters and digits only: lets a clause be found inside a chunk whatever the spacing."""
    return re.sub(r"[^a-z0-9]+", "", strip_noise(text).lower())


@dataclass(frozen=True)
class ChunkHit:
    text: str
    score: float


class ChunkBaseline:
    COLLECTION = "baseline_chunks"

    def __init__(self, catalog: Catalog, policy_dir: Path, work_dir: Path, embeddings: "Embeddings") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        if work_dir.exists():
            shutil.rmtree(work_dir)
        client = chromadb.PersistentClient(path=str(work_dir), settings=ChromaSettings(anonymized_telemetry=False))
        self._store = Chroma(client=client, collection_name=self.COLLECTION, embedding_function=embeddings, collection_metadata={"hnsw:space": "cosine"})
        texts: list[str] = []
        metas: list[dict[str, str]] = []
        for policy in catalog.policies:
            raw = (policy_dir / policy.info.source_file).read_text(encoding="utf-8")
            for chunk in splitter.split_text(raw):
                texts.append(chunk)
                metas.append({"org_id": policy.info.org_id})
        self._store.add_texts(texts=texts, metadatas=metas)
        self.chunk_count = len(texts)

    def search(self, question: str, org: str, k: int = 3) -> list[ChunkHit]:
        results = self._store.similarity_search_with_score(question, k=k, filter={"org_id": org})
        return [ChunkHit(text=doc.page_content, score=1.0 - float(d)) for doc, d in results]

    @staticmethod
    def rank_of_gold(hits: Sequence[ChunkHit], gold: Sequence[Clause]) -> int | None:
        """1-based rank of the first chunk containing any gold clause's text."""
        wanted = [_squash(c.text) for c in gold]
        for rank, hit in enumerate(hits, start=1):
            chunk = _squash(hit.text)
            if any(w and w in chunk for w in wanted):
                return rank
        return None


class Bm25Baseline:
    def __init__(self, catalog: Catalog) -> None:
        self._clauses = {p.info.org_id: p.clauses for p in catalog.policies}
        self._index = {org: LexicalIndex([c.text for c in cs]) for org, cs in self._clauses.items()}

    def search(self, question: str, org: str, k: int = 3) -> list[Clause]:
        scores = self._index[org].scores(question)
        ranked = sorted(zip(scores, range(len(scores))), reverse=True)[:k]
        return [self._clauses[org][i] for s, i in ranked if s > 0]
