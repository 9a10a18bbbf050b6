"""Everything the rules read about one draft, computed once whatever the org.

One `Analysis` holds the text views, the sentences (with spans), the detections, the
per-sentence classifier probabilities (one batched embedding call), alt-profanity-check
probabilities (one call), VADER sentiment, shouting and the language guess.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from bot.compliance.detectors import Detection
from bot.compliance.language import LanguageGuess
from bot.compliance.normalize import MappedText, caps_ratio


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int  # offsets in the submitted text
    end: int
    text: str  # base view text (normalised)
    folded: str  # abuse view text (lower case, leet resolved)
    profanity: float  # alt-profanity-check probability
    sentiment: float  # VADER compound, -1..1
    caps: float  # share of letters in all-caps words
    quoted: bool = False  # a "> ..." line: someone else's words the draft replies to


@dataclass
class Analysis:
    base: MappedText
    folded: MappedText
    sentences: list[Sentence]
    detections: list[Detection]
    probs: np.ndarray  # (n_units, n_rules): sentences, then the whole draft if scored
    rule_col: dict[str, int]
    language: LanguageGuess
    profane_words: list[tuple[int, int, str, bool]]  # original spans: start, end, word, strong
    caps: float
    whole: Sentence | None = None  # the whole draft as one more unit (2+ sentences only)
    _by_sentence: dict[int, list[Detection]] = field(default_factory=dict)

    @property
    def units(self) -> list[Sentence]:
        """What the classifier scored: the sentences, then the whole draft if scored."""
        return self.sentences + ([self.whole] if self.whole is not None else [])

    # --- lookups ---------------------------------------------------------------------

    def prob(self, rule: str, sentence: Sentence) -> float:
        col = self.rule_col.get(rule)
        if col is None or self.probs.shape[0] == 0:
            return 0.0
        return float(self.probs[sentence.index, col])

    def max_prob(self, rule: str) -> tuple[float, Sentence | None]:
        col = self.rule_col.get(rule)
        units = self.units
        if col is None or not units or self.probs.shape[0] == 0:
            return 0.0, None
        i = int(np.argmax(self.probs[: len(units), col]))
        return float(self.probs[i, col]), units[i]

    def dets(self, *kinds: str, include_negated: bool = False) -> list[Detection]:
        return [d for d in self.detections if d.kind in kinds and (include_negated or not d.has("negated"))]

    def in_sentence(self, sentence: Sentence, *kinds: str, include_negated: bool = False) -> list[Detection]:
        found = self._by_sentence.get(sentence.index)
        if found is None:
            found = [d for d in self.detections if d.start < sentence.end and sentence.start < d.end]
            self._by_sentence[sentence.index] = found
        return [d for d in found if d.kind in kinds and (include_negated or not d.has("negated"))]

    def whole_sentiment(self) -> float:
        """VADER compound of the whole draft (of its only sentence when not scored whole)."""
        if self.whole is not None:
            return self.whole.sentiment
        return self.sentences[0].sentiment if self.sentences else 0.0

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding offset `pos` of the submitted text."""
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def excerpt(self, span: tuple[int, int]) -> str:
        return self.base.original[span[0]:span[1]]


QUOTED_LINE = re.compile(r"[ \t]*>")
# Sentences with fewer words than this are scored together with their draft.
SHORT_SENTENCE_WORDS = 9


def folded_slice(folded: MappedText, orig_start: int, orig_end: int) -> str:
    """The part of the folded view that came from original[orig_start:orig_end]."""
    lo = bisect.bisect_left(folded.starts, orig_start)
    hi = bisect.bisect_right(folded.starts, orig_end - 1) if orig_end > orig_start else lo
    return folded.text[lo:hi]


def build_analysis(
    base: MappedText,
    folded: MappedText,
    spans: Sequence[tuple[int, int]],
    detections: list[Detection],
    language: LanguageGuess,
    embed_and_score: Callable[[list[str]], np.ndarray],
    rule_col: dict[str, int],
    profanity: Callable[[list[str]], Any],
    sentiment: Callable[[str], float],
    profane_words: list[tuple[int, int, str, bool]],
    score_semantics: bool,
) -> Analysis:
    folded_texts = []
    orig_spans = []
    for s, e in spans:
        os_, oe = base.to_original(s, e)
        orig_spans.append((os_, oe))
        folded_texts.append(folded_slice(folded, os_, oe) or base.text[s:e].lower())
    # A point can span sentences ("Muslims praying in the square. It should be banned."),
    # so a draft of several sentences is also scored whole, in the same batch.
    # A sentence is quoted when the line it starts on begins with ">".
    quoted = [bool(QUOTED_LINE.match(base.text, base.text.rfind("\n", 0, s) + 1)) for s, _ in spans]
    # The whole draft is the author's own words: quoted lines are left out of it.
    whole_text = " ".join(t for t, q in zip(folded_texts, quoted) if not q).strip() if any(quoted) else folded.text.strip()
    with_whole = score_semantics and 2 <= len(spans) <= 12 and bool(whole_text)
    units = folded_texts + ([whole_text] if with_whole else [])
    if score_semantics and spans:
        probs = embed_and_score(units)
        prof = [float(p) for p in profanity(units)]
        if with_whole:
            # A short fragment ("10/10 would stand in line again 🍲") embeds to whatever its
            # few words sit near, often with high confidence; read in its draft, it means
            # what the draft means. Its scores are averaged with the whole draft's.
            for i, t in enumerate(folded_texts):
                if len(t.split()) < SHORT_SENTENCE_WORDS:
                    probs[i] = (probs[i] + probs[-1]) / 2
    else:
        probs = np.zeros((len(spans), len(rule_col)), dtype=np.float32)
        prof = [0.0] * len(spans)
    sentences = [
        Sentence(
            index=i,
            start=orig_spans[i][0],
            end=orig_spans[i][1],
            text=base.text[s:e],
            folded=folded_texts[i],
            profanity=prof[i],
            sentiment=sentiment(base.text[s:e]) if score_semantics else 0.0,
            caps=caps_ratio(base.text[s:e]),
            quoted=quoted[i],
        )
        for i, (s, e) in enumerate(spans)
    ]
    whole = None
    if with_whole:
        start = sentences[0].start
        end = sentences[-1].end
        whole = Sentence(
            index=len(sentences), start=start, end=end, text=base.text.strip(), folded=whole_text,
            profanity=prof[-1], sentiment=sentiment(base.text), caps=caps_ratio(base.text),
        )
    return Analysis(
        whole=whole,
        base=base,
        folded=folded,
        sentences=sentences,
        detections=detections,
        probs=probs,
        rule_col=rule_col,
        language=language,
        profane_words=profane_words,
        caps=caps_ratio(base.text),
    )
