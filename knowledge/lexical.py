"""Lexical search: BM25 over clauses with a stemming, stop-word aware tokenizer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

import numpy as np
import Stemmer
from rank_bm25 import BM25Okapi

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Function words only; modal verbs and negations stay, they matter in policy language.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i i'm if in into is it it's its itself
    just me more most my myself of off on once only or other our ours ourselves out over own same she
    so some such than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why with would you
    your yours yourself yourselves im ive id hey hi please thanks thank ok okay like""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """Case-fold and strip accents so "Café" and "cafe" meet."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold()


def tokenize(text: str) -> list[str]:
    words = [w.replace("’", "'") for w in _WORD.findall(normalize(text))]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return _stemmer().stemWords([w for w in words if w not in STOPWORDS and len(w) > 1 or w.isdigit()])


class LexicalIndex:
    """BM25 over a fixed list of documents; `scores` returns one score per document."""

    def __init__(self, documents: Sequence[str]) -> None:
        if not documents:
            raise ValueError("LexicalIndex needs at least one document")
        self._bm25 = BM25Okapi([tokenize(d) or ["_"] for d in documents])
        self._doc_len = np.array(self._bm25.doc_len)
        self._per_term: dict[str, np.ndarray] = {}

    def _term(self, term: str) -> np.ndarray:
        """One query term's score per document, as `BM25Okapi.get_scores` adds it up.

        get_scores rebuilds each term's frequencies from a dict per document on every call;
        the documents never change, so each term's vector is computed once (the cache holds
        at most the vocabulary people use)."""
        found = self._per_term.get(term)
        if found is None:
            bm = self._bm25
            q_freq = np.array([(doc.get(term) or 0) for doc in bm.doc_freqs])
            found = (bm.idf.get(term) or 0) * (q_freq * (bm.k1 + 1) / (q_freq + bm.k1 * (1 - bm.b + bm.b * self._doc_len / bm.avgdl)))
            if len(self._per_term) < 50_000:
                self._per_term[term] = found
        return found

    def scores(self, query: str) -> np.ndarray:
        tokens = tokenize(query)
        score = np.zeros(self._bm25.corpus_size)
        for term in tokens:  # in order, repeats included: the same sum get_scores makes
            score += self._term(term)
        return score
