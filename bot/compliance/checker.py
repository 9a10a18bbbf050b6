"""`DraftChecker`: check a draft post against an org's policy (or both) before it goes out.

    checker = DraftChecker(catalog, load_embeddings(), service.clause_url, data_dir / "compliance")
    result = checker.check("These clowns on council...", org="saint-john")
    result.verdict            # "ok" | "review" | "violation"
    result.to_dict()          # the `policybot check --json` object, without "id"

Everything heavy (Presidio, the classifier fit or its cache, alt-profanity-check, VADER,
torch's first call) happens in `__init__`; `check` embeds the draft's sentences in one
batched call and runs regexes, so a warm check takes a few tens of milliseconds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

import numpy as np

from bot.compliance.analysis import Analysis, build_analysis
from bot.compliance.classifier import EXAMPLES_PATH, POSTS_PATH, RuleClassifier
from bot.compliance.detectors import CITY_DOMAINS, Detection, Detectors
from bot.compliance.language import LanguageGuess, guess_language
from bot.compliance.normalize import fold_obfuscation, normalize, profanity_hits, sentence_spans, sentiment_text
from bot.compliance.rules import (
    DEFAULT_THRESHOLDS,
    EVALUATORS,
    PERSONAL_ACCOUNT_ONLY,
    RULES_PATH,
    Hit,
    OrgContext,
    RuleSpec,
    Thresholds,
    load_rules,
    pertains_to_city_business,
)
from bot.compliance.types import CheckResult, Finding, Verdict, verdict_of, worst
from bot.errors import UnknownOrg
from bot.service import validate_draft
from bot.types import Citation
from knowledge.catalog import Catalog
from knowledge.clauses import Clause

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

MAX_DRAFT_CHARS = 10_000
_SEVERITY_RANK = {"violation": 2, "review": 1, "info": 0}


def _vocabulary() -> frozenset[str] | None:
    """English words from the embedding model's word-piece vocabulary (for the language
    guess); None when the packaged model is not there."""
    try:
        from knowledge.embedding import model_path

        words = (Path(model_path()) / "vocab.txt").read_text(encoding="utf-8").split()
    except Exception:  # noqa: BLE001 - optional aid; the guess works without it
        return None
    return frozenset(w for w in words if w.isalpha() and w.islower())


class DraftChecker:
    def __init__(
        self,
        catalog: Catalog,
        embeddings: "Embeddings",
        url_for: Callable[[Clause], str],
        cache_dir: Path,
        *,
        rules_path: Path = RULES_PATH,
        examples_path: Path = EXAMPLES_PATH,
        posts_path: Path | None = POSTS_PATH,
        thresholds: Mapping[str, Thresholds] | None = None,
        max_chars: int = MAX_DRAFT_CHARS,
    ) -> None:
        self.catalog = catalog
        self.max_chars = max_chars
        self.specs: dict[str, RuleSpec] = load_rules(rules_path)
        missing_eval = sorted(set(self.specs) - set(EVALUATORS))
        if missing_eval:
            raise ValueError(f"rules without an evaluator: {missing_eval}")
        self.thresholds: dict[str, Thresholds] = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
        self._citations: dict[str, Citation] = {}
        for rid, spec in self.specs.items():
            clause = catalog.clause(spec.clause_id)
            if clause is None:
                raise ValueError(f"rule {rid} cites clause {spec.clause_id}, which is not in the catalog")
            self._citations[rid] = Citation(
                doc_id=clause.doc_id, clause_id=clause.clause_id, label=clause.label, text=clause.text, url=url_for(clause)
            )
        self._org_names = {p.info.org_id: p.info.org_name for p in catalog.policies}
        self._rules_by_org: dict[str, list[str]] = {}
        for rid, spec in self.specs.items():
            self._rules_by_org.setdefault(spec.org, []).append(rid)

        self.detectors = Detectors(CITY_DOMAINS)
        self.detectors.warm_up()
        self.cache_dir = Path(cache_dir)
        self.classifier = RuleClassifier(
            embeddings, self.cache_dir, examples_path, known_rules=list(self.specs), posts_path=posts_path,
            relative_exempt=[rid for rid, spec in self.specs.items() if spec.official_only],
        )
        self._rule_col = {rid: self.classifier.column(rid) for rid in self.classifier.rule_ids}

        from profanity_check import predict_prob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._profanity = predict_prob
        self._vader = SentimentIntensityAnalyzer()
        self._vocab = _vocabulary()  # before the warm-up check below
        # First calls into torch and sklearn are slow; pay for them here, not in check().
        self.check("Warm-up: the council meeting is tonight at City Hall. Views are my own.", None)

    # --- input ---------------------------------------------------------------------

    def validate(self, text: object, org: str | None) -> tuple[str, str | None, tuple[str, ...]]:
        """The text as submitted (decoded), the org asked for (None: all) and the orgs to
        check, or a UserInputError worded for the person."""
        text = validate_draft(text, self.max_chars)
        org = (org or "").strip() or None
        if org is None:
            return text, None, tuple(o for o in self.catalog.org_ids if o in self._rules_by_org)
        if org not in self.catalog.org_ids:
            raise UnknownOrg(org, self.catalog.org_ids)
        return text, org, (org,)

    # --- analysis ------------------------------------------------------------------

    def _score(self, sentences: list[str]) -> np.ndarray:
        return self.classifier.scores(self.classifier.embed(sentences))

    def analyse(self, text: str) -> Analysis:
        base = normalize(text, self._vocab)
        folded = fold_obfuscation(base)
        language: LanguageGuess = guess_language(base.text, self._vocab)
        spans = sentence_spans(base.text)
        detections: list[Detection] = self.detectors.run(base, folded)
        profane = [(*folded.to_original(s, e), w, strong) for s, e, w, strong in profanity_hits(folded)]
        return build_analysis(
            base=base,
            folded=folded,
            spans=spans,
            detections=detections,
            language=language,
            embed_and_score=self._score,
            rule_col=self._rule_col,
            profanity=self._profanity,
            sentiment=lambda s: float(self._vader.polarity_scores(sentiment_text(s))["compound"]),
            profane_words=profane if language.english else [],
            score_semantics=language.english,
        )

    # --- the check -----------------------------------------------------------------

    def check(self, text: object, org: str | None, official: bool = False) -> CheckResult:
        original, org, orgs = self.validate(text, org)
        analysis = self.analyse(original)
        notices: list[str] = []
        if org is None and len(orgs) > 1:
            names = " and ".join(self._org_names.get(o, o) for o in orgs)
            notices.append(f"No organization given: checked against the policies of {names}.")
        if not analysis.language.english:
            notices.append(
                f"This draft seems to be written mostly in {analysis.language.language}. The check can only judge "
                "English text, so only identifiers (emails, phone and SIN numbers, passwords) were checked; "
                "have a person review it before posting."
            )
        unchecked = [o for o in orgs if o not in self._rules_by_org]
        for o in unchecked:
            # A policy added to the catalog without rules in rules.yaml: say so, never "ok".
            notices.append(f"No draft-check rules are defined yet for {self._org_names.get(o, o)}; a person must review this post.")
        found: list[tuple[Finding, bool]] = []
        for o in orgs:
            found.extend(self._check_org(analysis, o, official))
        findings = _dedupe(found)
        verdict: Verdict = verdict_of(findings)
        if not analysis.language.english or unchecked:
            verdict = worst(verdict, "review")
        return CheckResult(org=org, verdict=verdict, findings=tuple(findings), notices=tuple(notices))

    def _check_org(self, analysis: Analysis, org: str, official: bool) -> list[tuple[Finding, bool]]:
        """The org's findings, each with whether the classifier alone raised it."""
        ctx = OrgContext(
            a=analysis,
            org=org,
            org_name=self._org_names.get(org, org),
            official=official,
            specs=self.specs,
            thresholds=self.thresholds,
            semantic=analysis.language.english,
        )
        city_business = pertains_to_city_business(ctx)
        hits: list[Hit] = []
        for rid in self._rules_by_org.get(org, []):
            spec = self.specs[rid]
            if spec.official_only and not official:
                continue
            if official and rid in PERSONAL_ACCOUNT_ONLY:
                continue
            if spec.city_business_gated and not city_business:
                continue
            for hit in EVALUATORS[rid](ctx):
                if spec.severity == "review" and hit.severity == "violation":
                    hit = Hit(hit.rule, "review", hit.span, hit.message, hit.suggestion, hit.by_classifier)
                hits.append(hit)
        return [(self._finding(h, analysis), h.by_classifier) for h in hits]

    def _finding(self, hit: Hit, analysis: Analysis) -> Finding:
        start, end = hit.span
        return Finding(
            rule=hit.rule,
            severity=hit.severity,
            span=(start, end),
            excerpt=analysis.base.original[start:end],
            message=hit.message,
            suggestion=hit.suggestion,
            citation=self._citations[hit.rule],
        )


def _dedupe(found: list[tuple[Finding, bool]]) -> list[Finding]:
    """One finding per rule and place: overlapping spans of the same rule keep the most
    severe (then a pattern's over the classifier's, then the shortest, which points most
    precisely). Findings a pattern raised come first, in text order, then those the
    classifier raised alone: "these clowns on council should all be fired" opens with the
    insult to council, not with the classifier's guess at criminal content."""
    ordered = sorted(found, key=lambda fb: (-_SEVERITY_RANK[fb[0].severity], fb[1], fb[0].span[1] - fb[0].span[0]))
    kept: list[tuple[Finding, bool]] = []
    for f, by_classifier in ordered:
        if any(k.rule == f.rule and k.span[0] < f.span[1] and f.span[0] < k.span[1] for k, _ in kept):
            continue
        kept.append((f, by_classifier))
    return [f for f, _ in sorted(kept, key=lambda fb: (fb[1], fb[0].span[0], fb[0].span[1], fb[0].rule))]
