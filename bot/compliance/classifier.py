"""Semantic rule classifier: sentence embeddings (the packaged MiniLM) -> per-rule probability.

One logistic regression per rule, fitted on `knowledge/rule_examples.yaml`: the rule's
positives (plus any it borrows) against its near-miss contrasts, the shared neutral
sentences, every other rule's contrasts and the positives of unrelated rules. Whole posts
labelled with the rules they break (`knowledge/rule_posts.jsonl`, the training and
development drafts) add positives for their rules, or neutral examples when they break none. The fitted
weights and the example embeddings are cached under `cache_dir`, keyed by a fingerprint
of the examples file, the model and this module's version, so a warm start reads one
small file and embeds nothing.

Scoring is a matrix product over all rules at once (sigmoid(X W^T + b)), so the cost per
draft is the one batched embedding call.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import yaml

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

EXAMPLES_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "rule_examples.yaml"
POSTS_PATH = EXAMPLES_PATH.with_name("rule_posts.jsonl")
# Bump when the fitting procedure changes, so stale caches are not reused.
CLASSIFIER_VERSION = "6"
MIN_POSITIVES = 8
# A logistic regression extrapolates: a sentence unlike anything it was shown can still
# land deep on a rule's side ("new swimsuit who dis" scored 0.9 for sexual harassment with
# no example within cosine 0.6 of it). A sentence whose nearest positive example of a rule is
# less similar than SUPPORT_FLOOR scores at most SUPPORT_CAP for that rule: enough for a
# pattern cue to be confirmed, not enough for a finding on the classifier alone.
SUPPORT_FLOOR = 0.45
SUPPORT_CAP = 0.5
# The same cap when a known-clean text (a neutral sentence, a post that breaks no rule, a
# near-miss contrast) is closer to the sentence than the rule's nearest positive by more
# than CLEAN_MARGIN: "Took this one myself at Hayward Lake, feel free to share" scored 0.79
# for illegal content, yet it sits next to ordinary posts, not next to any illegal one.
# Chosen leaving each of 15 dev authors' posts out in turn and scoring that author's drafts:
# false positives 0.068 -> 0.037 for recall 0.952 -> 0.944 (margin 0.10: 0.046 / 0.949;
# 0.03: 0.033 / 0.938). Rules for official accounts are
# exempt (`relative_exempt`): the clean texts are personal posts, a different population.
CLEAN_MARGIN = 0.05
PLAIN_POST_WEIGHT = 2.0
MIN_CONTRASTS = 4


class ExamplesError(ValueError):
    """rule_examples.yaml is unusable; the message says why."""


@dataclass(frozen=True)
class RuleExamples:
    rule_ids: tuple[str, ...]
    positives: dict[str, tuple[str, ...]]  # including borrowed
    own_positives: dict[str, tuple[str, ...]]
    contrasts: dict[str, tuple[str, ...]]
    neutral: tuple[str, ...]
    plain_posts: tuple[str, ...]  # labelled posts that break no rule: near misses, weighed like contrasts
    related: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path, known_rules: Sequence[str] | None = None, posts_path: Path | None = None) -> "RuleExamples":
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ExamplesError(f"{path.name}: cannot read ({exc})") from exc
        rules: dict[str, Any] = raw.get("rules") or {}
        if known_rules is not None:
            unknown = sorted(set(rules) - set(known_rules))
            missing = sorted(set(known_rules) - set(rules))
            if unknown or missing:
                raise ExamplesError(f"{path.name}: unknown rules {unknown}, rules without examples {missing}")
        own: dict[str, tuple[str, ...]] = {}
        contrasts: dict[str, tuple[str, ...]] = {}
        for rid, body in rules.items():
            pos = tuple(str(s) for s in (body.get("positive") or []))
            con = tuple(str(s) for s in (body.get("contrast") or []))
            if len(pos) < MIN_POSITIVES or len(con) < MIN_CONTRASTS:
                raise ExamplesError(
                    f"{path.name}: {rid} needs {MIN_POSITIVES}+ positive and {MIN_CONTRASTS}+ contrast examples "
                    f"(has {len(pos)} and {len(con)})"
                )
            own[rid], contrasts[rid] = pos, con
        plain: tuple[str, ...] = ()
        if posts_path is not None:
            extra, plain = _load_posts(posts_path, set(rules))
            own = {rid: tuple(dict.fromkeys(own[rid] + extra.get(rid, ()))) for rid in own}
        positives = dict(own)
        for rid, body in rules.items():
            for other in body.get("borrow") or []:
                if other not in own:
                    raise ExamplesError(f"{path.name}: {rid} borrows from unknown rule {other}")
                positives[rid] = positives[rid] + own[other]
        related: dict[str, set[str]] = {rid: {rid} for rid in rules}
        for group in raw.get("groups") or []:
            for rid in group:
                if rid not in related:
                    raise ExamplesError(f"{path.name}: group names unknown rule {rid}")
                related[rid].update(group)
        for rid, body in rules.items():
            for other in body.get("borrow") or []:
                related[rid].add(other)
                related[other].add(rid)
        return cls(
            rule_ids=tuple(rules),
            positives=positives,
            own_positives=own,
            contrasts=contrasts,
            neutral=tuple(str(s) for s in (raw.get("neutral") or [])),
            plain_posts=plain,
            related={k: frozenset(v) for k, v in related.items()},
        )

    def clean_texts(self) -> list[str]:
        """Texts known to break no rule: neutral sentences, plain posts and contrasts that
        are not also some rule's positive."""
        positives = {s for rid in self.rule_ids for s in self.positives[rid]}
        texts = [*self.neutral, *self.plain_posts, *(s for rid in self.rule_ids for s in self.contrasts[rid])]
        return [s for s in dict.fromkeys(texts) if s not in positives]

    def all_texts(self) -> list[str]:
        """Every distinct sentence, in a stable order (the embedding matrix rows)."""
        seen: dict[str, None] = {}
        for rid in self.rule_ids:
            for s in self.own_positives[rid] + self.contrasts[rid]:
                seen.setdefault(s, None)
        for s in self.neutral + self.plain_posts:
            seen.setdefault(s, None)
        return list(seen)


def _load_posts(path: Path, rules: set[str]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Labelled whole posts, one JSON object per line: {"text": ..., "rules": [...]}.
    Returns the positives per rule and the posts that break no rule."""
    positives: dict[str, list[str]] = {}
    plain: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ExamplesError(f"{path.name}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, broken = str(row["text"]), [str(r) for r in row["rules"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ExamplesError(f"{path.name} line {n}: expected {{\"text\": ..., \"rules\": [...]}} ({exc})") from exc
        unknown = sorted(set(broken) - rules)
        if unknown:
            raise ExamplesError(f"{path.name} line {n}: unknown rules {unknown}")
        for rid in broken:
            positives.setdefault(rid, []).append(text)
        if not broken:
            plain.append(text)
    return {k: tuple(v) for k, v in positives.items()}, tuple(plain)


def _model_name(embeddings: "Embeddings") -> str:
    """A stable name for the embedding model: its hub name, or for a local directory the
    last two path parts plus the weights' size (the venv path differs between machines)."""
    name = str(getattr(embeddings, "model_name", "") or type(embeddings).__name__)
    path = Path(name)
    if path.is_dir():
        weights = sorted(path.glob("*.safetensors")) + sorted(path.glob("*.bin"))
        size = sum(w.stat().st_size for w in weights)
        return f"{path.parent.name}/{path.name}:{size}"
    return name


def fingerprint(examples_path: Path, embeddings: "Embeddings", posts_path: Path | None = None) -> str:
    h = hashlib.sha256()
    h.update(examples_path.read_bytes())
    if posts_path is not None:
        h.update(posts_path.read_bytes())
    h.update(_model_name(embeddings).encode())
    h.update(CLASSIFIER_VERSION.encode())
    return h.hexdigest()[:16]


def _fit(examples: RuleExamples, vectors: np.ndarray, index: dict[str, int], c: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((len(examples.rule_ids), vectors.shape[1]), dtype=np.float32)
    bias = np.zeros(len(examples.rule_ids), dtype=np.float32)
    for k, rid in enumerate(examples.rule_ids):
        pos = list(dict.fromkeys(examples.positives[rid]))
        pos_set = set(pos)
        neg: list[str] = []
        neg_w: list[float] = []
        # Own contrasts teach the boundary; they weigh most.
        for s in examples.contrasts[rid]:
            neg.append(s)
            neg_w.append(2.0)
        for s in examples.neutral:
            neg.append(s)
            neg_w.append(1.0)
        for s in examples.plain_posts:
            neg.append(s)
            neg_w.append(PLAIN_POST_WEIGHT)
        for other in examples.rule_ids:
            if other == rid:
                continue
            for s in examples.contrasts[other]:
                neg.append(s)
                neg_w.append(0.5)
            if other not in examples.related[rid]:
                for s in examples.own_positives[other]:
                    neg.append(s)
                    neg_w.append(0.5)
        weight_of: dict[str, float] = {}
        for s, w in zip(neg, neg_w):  # a sentence listed twice keeps its highest weight
            weight_of[s] = max(w, weight_of.get(s, 0.0))
        neg_pairs = [(s, w) for s, w in weight_of.items() if s not in pos_set]
        x = np.vstack([vectors[[index[s] for s in pos]], vectors[[index[s] for s, _ in neg_pairs]]])
        y = np.array([1] * len(pos) + [0] * len(neg_pairs))
        w_pos = sum(w for _, w in neg_pairs) / len(pos)  # balance the two classes by weight
        sw = np.array([w_pos] * len(pos) + [w for _, w in neg_pairs])
        model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
        model.fit(x, y, sample_weight=sw)
        weights[k] = model.coef_[0]
        bias[k] = model.intercept_[0]
    return weights, bias


def _support_set(examples: RuleExamples, vectors: np.ndarray, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct positive examples and, per example, the rules it is a positive of."""
    texts = list(dict.fromkeys(s for rid in examples.rule_ids for s in examples.positives[rid]))
    row = {s: i for i, s in enumerate(texts)}
    members = np.zeros((len(texts), len(examples.rule_ids)), dtype=bool)
    for k, rid in enumerate(examples.rule_ids):
        for s in examples.positives[rid]:
            members[row[s], k] = True
    return vectors[[index[s] for s in texts]], members


def _prune(cache_dir: Path, keep: str) -> None:
    """Drop cache files of other fingerprints (edited examples, another model): they will
    never be read again."""
    for pattern in ("rule-classifier-*.npz", "rule-examples-*.npz"):
        for old in cache_dir.glob(pattern):
            if keep not in old.name:
                try:
                    old.unlink()
                except OSError:
                    pass  # another process may have removed it first


class RuleClassifier:
    """Per-rule probabilities for sentences. Build once (fits or loads the cache)."""

    def __init__(
        self,
        embeddings: "Embeddings",
        cache_dir: Path,
        examples_path: Path = EXAMPLES_PATH,
        known_rules: Sequence[str] | None = None,
        c: float = 4.0,
        posts_path: Path | None = POSTS_PATH,
        relative_exempt: Sequence[str] = (),
    ) -> None:
        self.embeddings = embeddings
        self.examples = RuleExamples.load(examples_path, known_rules, posts_path)
        self.rule_ids = self.examples.rule_ids
        self._col = {rid: i for i, rid in enumerate(self.rule_ids)}
        fp = fingerprint(examples_path, embeddings, posts_path)
        key = fp + f"-c{c:g}"
        cache_dir.mkdir(parents=True, exist_ok=True)
        _prune(cache_dir, fp)
        path = cache_dir / f"rule-classifier-{key}.npz"
        loaded = self._load(path)
        if loaded is None:
            texts = self.examples.all_texts()
            vectors = self._example_vectors(cache_dir / f"rule-examples-{fp}.npz", texts)
            index = {s: i for i, s in enumerate(texts)}
            weights, bias = _fit(self.examples, vectors, index, c)
            support, members = _support_set(self.examples, vectors, index)
            clean = vectors[[index[s] for s in self.examples.clean_texts()]]
            self._save(path, weights, bias, support, members, clean)
            self.from_cache = False
        else:
            weights, bias, support, members, clean = loaded
            self.from_cache = True
        self.weights = weights
        self.bias = bias
        import torch

        # `support` holds every rule's positive examples (n_positives, dim); `members` says
        # which rules each one is a positive of. Only their transposed vectors and the
        # positives grouped by rule (a positive of two rules appears twice) are kept: the
        # per-rule maximum is then one reduceat over the groups. Every rule has positives.
        self._support_t = torch.from_numpy(np.ascontiguousarray(support.T))
        rules_of, rows = np.nonzero(members.T)
        self._support_rows = rows
        self._support_starts = np.searchsorted(rules_of, np.arange(members.shape[1]))
        self._clean_t = torch.from_numpy(np.ascontiguousarray(clean.T))
        exempt = set(relative_exempt)
        self._relative = np.array([rid not in exempt for rid in self.rule_ids])

    def _load(self, path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                rule_ids = json.loads(str(data["rule_ids"]))
                if tuple(rule_ids) != self.rule_ids:
                    return None
                return (
                    data["weights"].astype(np.float32),
                    data["bias"].astype(np.float32),
                    data["support"].astype(np.float32),
                    data["members"].astype(bool),
                    data["clean"].astype(np.float32),
                )
        except (OSError, KeyError, ValueError) as exc:
            log.warning("ignoring unreadable classifier cache %s: %s", path, exc)
            return None

    def _example_vectors(self, path: Path, texts: list[str]) -> np.ndarray:
        """Embeddings of the example sentences, from the cache when the examples and model
        are unchanged."""
        if path.exists():
            try:
                with np.load(path, allow_pickle=False) as data:
                    if json.loads(str(data["texts"])) == texts:
                        return data["vectors"].astype(np.float32)
            except (OSError, KeyError, ValueError) as exc:
                log.warning("ignoring unreadable example cache %s: %s", path, exc)
        vectors = self.embed(texts)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, vectors=vectors, texts=np.array(json.dumps(texts)))
        tmp.replace(path)
        return vectors

    def _save(self, path: Path, weights: np.ndarray, bias: np.ndarray, support: np.ndarray, members: np.ndarray, clean: np.ndarray) -> None:
        tmp = path.with_suffix(".tmp.npz")
        np.savez(
            tmp, weights=weights, bias=bias, support=support, members=members, clean=clean,
            rule_ids=np.array(json.dumps(list(self.rule_ids))),
        )
        tmp.replace(path)  # atomic: a concurrent start never reads half a file

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One batched call; rows are L2-normalised."""
        if not texts:
            return np.zeros((0, self.weights.shape[1] if hasattr(self, "weights") else 384), dtype=np.float32)
        vecs = np.asarray(self.embeddings.embed_documents(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-12)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """(n_sentences, n_rules) probabilities."""
        if vectors.shape[0] == 0:
            return np.zeros((0, len(self.rule_ids)), dtype=np.float32)
        z = vectors @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def support(self, vectors: np.ndarray) -> np.ndarray:
        """(n_sentences, n_rules): cosine similarity of each sentence to the nearest
        positive example of each rule (rows of `vectors` are L2-normalised)."""
        if vectors.shape[0] == 0:
            return np.zeros((0, len(self.rule_ids)), dtype=np.float32)
        # In torch, not numpy: an OpenBLAS thread pool woken for this product keeps spinning
        # and halves the speed of the next MiniLM forward pass on a 2-core machine (check
        # p50 went from 23 to 50 ms); torch's own pool is the one the model already uses.
        import torch

        sims = (torch.from_numpy(vectors) @ self._support_t).numpy()  # (n_sentences, n_positives)
        return np.maximum.reduceat(sims[:, self._support_rows], self._support_starts, axis=1).astype(np.float32)

    def nearest_clean(self, vectors: np.ndarray) -> np.ndarray:
        """(n_sentences, 1): cosine similarity of each sentence to the nearest clean text."""
        if vectors.shape[0] == 0 or self._clean_t.shape[1] == 0:
            return np.full((vectors.shape[0], 1), -1.0, dtype=np.float32)
        import torch  # torch, not numpy: see `support`

        return (torch.from_numpy(vectors) @ self._clean_t).numpy().max(axis=1, keepdims=True)

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Probabilities, capped at SUPPORT_CAP for rules whose examples are all far away
        or much further away than a clean text."""
        probs = self.probabilities(vectors)
        support = self.support(vectors)
        unsupported = (support < SUPPORT_FLOOR) | (self._relative & (self.nearest_clean(vectors) - support > CLEAN_MARGIN))
        return np.where(unsupported, np.minimum(probs, SUPPORT_CAP), probs)

    def column(self, rule_id: str) -> int:
        return self._col[rule_id]
