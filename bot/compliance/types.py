"""What the draft check returns, as frozen dataclasses.

`to_dict` methods produce exactly the `policybot check --json` contract in DESIGN.md; the
caller adds the request's "id".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bot.types import Citation

Severity = Literal["violation", "review", "info"]
Verdict = Literal["ok", "review", "violation"]

SEVERITIES: tuple[str, ...] = ("violation", "review", "info")
VERDICTS: tuple[str, ...] = ("ok", "review", "violation")


@dataclass(frozen=True)
class Finding:
    """One problem in a draft: which rule, where (offsets into the submitted text), why, and
    what to do about it. `severity` "info" is advice only and never changes the verdict."""

    rule: str
    severity: Severity
    span: tuple[int, int]
    excerpt: str
    message: str
    suggestion: str
    citation: Citation

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")
        start, end = self.span
        if not 0 <= start <= end:
            raise ValueError(f"bad span {self.span!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "span": [self.span[0], self.span[1]],
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
            "citation": self.citation.to_dict(),
        }


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    """The worst severity among findings; "info" findings do not count."""
    severities = {f.severity for f in findings}
    if "violation" in severities:
        return "violation"
    if "review" in severities:
        return "review"
    return "ok"


def worst(*verdicts: Verdict) -> Verdict:
    return max(verdicts, key=VERDICTS.index)  # type: ignore[return-value]


@dataclass(frozen=True)
class CheckResult:
    """The check of one draft. `org` None means both policies were applied; `notices` say
    what the check could not do (e.g. a language it cannot judge)."""

    org: str | None
    verdict: Verdict
    findings: tuple[Finding, ...]
    notices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}, not {self.verdict!r}")

    def to_dict(self, with_notices: bool = False) -> dict[str, Any]:
        """The DESIGN.md object (without "id"). `with_notices` adds a "notices" list, an
        extension of the contract that callers opt into."""
        out: dict[str, Any] = {
            "org": self.org,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }
        if with_notices:
            out["notices"] = list(self.notices)
        return out
