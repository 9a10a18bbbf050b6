"""The relevance floor: whether a policy addresses a question at all.

A question is covered when its best clause is close enough in meaning (dense cosine) or
shares enough rare words with it (BM25), or names a clause outright. The thresholds are
fitted on the training split of `evals/questions.jsonl` and never on the held-out split.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.retrieval import Retrieval


@dataclass(frozen=True)
class CoverageFloor:
    min_dense: float = 0.40
    # Either signal alone can be weak; together they must clear this.
    min_combined: float = 0.62
    lexical_weight: float = 0.02

    def covers(self, retrieval: Retrieval) -> bool:
        if not retrieval.hits:
            return False
        if retrieval.named:
            return True
        top = retrieval.hits[0]
        if top.dense >= self.min_dense + 0.2:
            return True
        combined = top.dense + self.lexical_weight * retrieval.top_bm25 + 0.03 * retrieval.glossary_terms
        return top.dense >= self.min_dense and combined >= self.min_combined
