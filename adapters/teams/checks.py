"""A draft check as an Adaptive Card: the verdict, the draft with each flagged span
highlighted, and every finding with its message, suggestion and quoted clause.

Works from the `check --json` object (DESIGN.md); spans are character offsets into the draft
that was checked, so the card must be given exactly that text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from adapters.teams import adaptive as ac
from adapters.teams.adaptive import Card, Element

# Teams' "warning" and "good" text colours (yellow, light green) are unreadable on its light
# theme: the container style carries the colour, the text stays dark, an emoji marks the kind.
VERDICTS = {
    "ok": ("good", "✅ No problems found"),
    "review": ("warning", "⚠️ Worth a second look before posting"),
    "violation": ("attention", "⛔ This draft goes against the policy"),
}
SEVERITY = {"violation": ("⛔ Violation", "Attention"), "review": ("⚠️ Review", "Default"), "info": ("💡 Tip", "Default")}


@dataclass(frozen=True)
class CheckRender:
    draft_chars: int = 3000  # how much of the draft to show around the flagged spans
    quote_chars: int | None = None
    max_findings: int = 12


CHECK_STEPS: tuple[CheckRender, ...] = (
    CheckRender(),
    CheckRender(draft_chars=1500, quote_chars=600),
    CheckRender(draft_chars=800, quote_chars=300, max_findings=8),
    CheckRender(draft_chars=400, quote_chars=160, max_findings=5),
)


def _merge(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans become one, flagged with the worse severity."""
    rank = {"violation": 0, "review": 1, "info": 2}
    merged: list[tuple[int, int, str]] = []
    for start, end, sev in sorted(spans):
        if merged and start <= merged[-1][1]:
            s0, e0, sev0 = merged[-1]
            merged[-1] = (s0, max(e0, end), min(sev0, sev, key=lambda x: rank.get(x, 3)))
        else:
            merged.append((start, end, sev))
    return merged


def _windows(length: int, spans: Sequence[tuple[int, int, str]], budget: int) -> list[tuple[int, int]]:
    """Which stretches of a long draft to show: around each span, then as far as budget allows."""
    if length <= budget:
        return [(0, length)]
    if not spans:
        return [(0, budget)]
    pad = max(40, (budget - sum(e - s for s, e, _ in spans)) // (2 * len(spans)))
    out: list[tuple[int, int]] = []
    for start, end, _ in spans:
        w = (max(0, start - pad), min(length, end + pad))
        if out and w[0] <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], w[1]))
        else:
            out.append(w)
    return out


def draft_runs(draft: str, findings: Sequence[Mapping[str, Any]], budget: int) -> list[Element]:
    """The draft as text runs, flagged spans highlighted in their severity's colour."""
    spans = []
    for f in findings:
        span = f.get("span") or [0, 0]
        start, end = max(0, int(span[0])), min(len(draft), int(span[1]))
        if end > start:
            spans.append((start, end, str(f.get("severity", "review"))))
    merged = _merge(spans)
    runs: list[Element] = []
    windows = _windows(len(draft), merged, budget)
    for wi, (w0, w1) in enumerate(windows):
        if w0 > 0 or wi > 0:
            runs.append(ac.run("… ", isSubtle=True))
        pos = w0
        for start, end, sev in merged:
            if end <= w0 or start >= w1:
                continue
            start, end = max(start, w0), min(end, w1)
            if start > pos:
                runs.append(ac.run(draft[pos:start]))
            runs.append(ac.run(draft[start:end], highlight=True, weight="Bolder", color=SEVERITY.get(sev, ("", "Default"))[1]))
            pos = end
        if pos < w1:
            runs.append(ac.run(draft[pos:w1]))
    if windows and windows[-1][1] < len(draft):
        runs.append(ac.run(" …", isSubtle=True))
    return runs


def _finding_block(i: int, f: Mapping[str, Any], render: CheckRender) -> Element:
    label, color = SEVERITY.get(str(f.get("severity")), SEVERITY["review"])
    cite = f.get("citation") or {}
    items: list[Element] = [
        ac.text(f"{i}. {label}", weight="Bolder", color=color),
        ac.rich(ac.run("“" + str(f.get("excerpt", "")) + "”", italic=True)),
        ac.rich(str(f.get("message", ""))),
    ]
    if f.get("suggestion"):
        items.append(ac.rich(ac.run("Suggestion: ", weight="Bolder"), str(f["suggestion"])))
    if cite:
        link = ac.run(str(cite.get("label", "")), color="Accent")
        if cite.get("url"):
            link["selectAction"] = ac.open_url(f"Open {cite.get('label', 'the clause')}", str(cite["url"]))
        items.append(ac.rich(ac.run("Policy: ", weight="Bolder"), link, spacing="Small"))
        items.append(ac.rich(ac.run(ac.shorten(str(cite.get("text", "")), render.quote_chars), italic=True), spacing="None"))
    block = ac.container(items, style="emphasis", spacing="Medium")
    if cite.get("url"):
        block["selectAction"] = ac.open_url(f"Open {cite.get('label', 'the clause')}", str(cite["url"]))
    return block


def check_card(
    result: Mapping[str, Any],
    draft: str,
    *,
    policy_names: Mapping[str, str],
    source: str = "",
    render: CheckRender = CheckRender(),
) -> Card:
    """`source` says where the draft came from (e.g. "the message by Dana"), shown under the verdict."""
    verdict = str(result.get("verdict", "review"))
    style, title = VERDICTS.get(verdict, VERDICTS["review"])
    findings = list(result.get("findings") or [])
    org = result.get("org")
    against = f"{policy_names.get(str(org), org)}'s policy" if org else "both policies"
    counts = _count(findings)
    header = [ac.text(title, weight="Bolder", size="Large"), ac.text(f"Checked against {against}. {counts}", spacing="None")]
    if source:
        header.append(ac.rich(source, spacing="None"))
    body: list[Element] = [ac.container(header, style=style, bleed=True)]
    body.append(ac.text("Your draft", weight="Bolder", spacing="Medium"))
    body.append(ac.rich(*draft_runs(draft, findings, render.draft_chars)))
    shown = findings[: render.max_findings]
    for i, f in enumerate(shown, start=1):
        body.append(_finding_block(i, f, render))
    if len(findings) > len(shown):
        body.append(ac.text(f"{len(findings) - len(shown)} more finding(s) not shown; check a shorter draft to see them all.", isSubtle=True))
    if not findings:
        body.append(ac.text("The check found nothing against the policy. It can't judge everything (tone, context, facts): when in doubt, ask HR before posting.", isSubtle=True))
    for notice in result.get("notices") or []:
        body.append(ac.rich(ac.run("Note: ", weight="Bolder"), str(notice), spacing="Small"))
    fallback = f"{title}. {counts}"
    return ac.card(body, fallback_text=fallback)


def _count(findings: Sequence[Mapping[str, Any]]) -> str:
    kinds = (("violation", "violation", "violations"), ("review", "point to review", "points to review"), ("info", "tip", "tips"))
    parts = []
    for severity, one, many in kinds:
        n = sum(1 for f in findings if f.get("severity") == severity)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return (", ".join(parts) + ".") if parts else "Nothing flagged."


def check_card_fitted(result: Mapping[str, Any], draft: str, *, policy_names: Mapping[str, str], source: str = "", budget: int = ac.MESSAGE_BUDGET) -> Card:
    """The fullest rendering within Teams' message size."""
    built = None
    for render in CHECK_STEPS:
        built = check_card(result, draft, policy_names=policy_names, source=source, render=render)
        if ac.size_of(built) <= budget:
            return built
    assert built is not None
    return built
