"""The relevance floor: whether a policy addresses a question at all.

A question is covered when it names a clause, or when it is closer in meaning to the
policy's clauses (and their notes) than to the nearest question the policies are known not
to address (knowledge/out_of_scope.yaml) by at least `min_margin`. The margin is fitted on
the train and dev splits of the evals' question sets by `python -m evals.fit`, never on
held-out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.ranking import RANKER_FILE
from bot.retrieval import Retrieval


@dataclass(frozen=True)
class CoverageFloor:
    min_margin: float = -0.1

    @staticmethod
    def margin(retrieval: Retrieval) -> float:
        return retrieval.top_dense - retrieval.off_topic

    def covers(self, retrieval: Retrieval) -> bool:
        if not retrieval.hits:
            return False
        if retrieval.named:
            return True
        return self.margin(retrieval) >= self.min_margin


def load_floor(path: Path = RANKER_FILE) -> CoverageFloor:
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        if "min_margin" in data:
            return CoverageFloor(min_margin=float(data["min_margin"]))
    return CoverageFloor()
