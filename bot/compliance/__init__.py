"""Draft-post compliance check: does a post break the org's social-media policy?

    from bot.compliance import DraftChecker
    checker = DraftChecker(catalog, embeddings, url_for, cache_dir)
    result = checker.check(text, org="mission", official=False)

Modules: `types` (Finding, CheckResult), `normalize` (text views with offset maps),
`language` (is it English?), `detectors` (Presidio + regex cues), `classifier` (MiniLM
sentence classifier over knowledge/rule_examples.yaml), `rules` (how signals combine per
rule), `checker` (DraftChecker). Heavy imports happen only when DraftChecker is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.compliance.types import CheckResult, Finding, Severity, Verdict, verdict_of

if TYPE_CHECKING:
    from bot.compliance.checker import MAX_DRAFT_CHARS, DraftChecker
    from bot.compliance.rules import Thresholds

__all__ = ["CheckResult", "DraftChecker", "Finding", "MAX_DRAFT_CHARS", "Severity", "Thresholds", "Verdict", "verdict_of"]


def __getattr__(name: str) -> Any:
    # Lazy: importing the result types must not pull in torch, presidio or sklearn.
    if name in ("DraftChecker", "MAX_DRAFT_CHARS"):
        from bot.compliance import checker

        return getattr(checker, name)
    if name == "Thresholds":
        from bot.compliance.rules import Thresholds

        return Thresholds
    raise AttributeError(f"module 'bot.compliance' has no attribute {name!r}")
