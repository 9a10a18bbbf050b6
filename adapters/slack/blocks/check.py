"""A draft check as Block Kit: the verdict, the draft with flagged words highlighted, and
each finding with its clause quoted and linked.

The draft is shown in rich_text blocks, not mrkdwn: rich text is literal (a "<!channel>"
or "*" in the draft is shown as typed and pings no one), and it can style exact character
ranges, so a flagged span is highlighted precisely where the checker's offsets point.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from adapters.slack.blocks import (
    MESSAGE_MAX_BLOCKS,
    VIEW_MAX_BLOCKS,
    Block,
    context,
    divider,
    fallback_text,
    fit_groups,
    modal,
    section,
    sections,
)
from adapters.slack.mrkdwn import escape, link, one_line, quote_block

SEVERITY_LABELS = {"violation": "Breaks the policy", "review": "Needs a second look", "info": "Advice"}
SEVERITY_ICONS = {"violation": "🛑", "review": "⚠️", "info": "ℹ️"}
VERDICTS = {
    "ok": ("✅", "No problems found", "Nothing in this draft matched a rule of the policy. Still use your judgement."),
    "review": ("⚠️", "Needs a second look", "Parts of this draft may conflict with the policy. Read the findings before posting."),
    "violation": ("🛑", "Do not post this as written", "Parts of this draft break the policy. Read the findings below."),
}
RICH_TEXT_CHUNK = 2500  # characters of draft per rich_text block
FLAG_STYLE = {"bold": True, "code": True}
CHECK_VIEW_CALLBACK = "check_result"


def _spans(text: str, findings: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    out = []
    for f in findings:
        try:
            s, e = int(f["span"][0]), int(f["span"][1])
        except (KeyError, TypeError, ValueError, IndexError):
            s = e = 0
        s, e = max(0, min(s, len(text))), max(0, min(e, len(text)))
        out.append((s, max(s, e)))
    return out


def _segments(text: str, findings: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, list[int]]]:
    """The text cut at every span edge: (start, end, numbers of the findings covering it)."""
    spans = _spans(text, findings)
    cuts = sorted({0, len(text), *(x for sp in spans for x in sp)})
    return [(a, b, [i for i, (s, e) in enumerate(spans) if s <= a and b <= e and s < e]) for a, b in zip(cuts, cuts[1:])]


# Rich text is literal, but Slack's special sequences are defused anyway (a zero-width space
# after "<"), so no client or notification path can ever read the draft as a ping.
_SPECIAL = re.compile(r"<(?=[!@#])")


def _element(text: str, flagged: bool) -> dict[str, Any]:
    el: dict[str, Any] = {"type": "text", "text": _SPECIAL.sub("<\u200b", text)}
    if flagged:
        el["style"] = dict(FLAG_STYLE)
    return el


def _cut(text: str, size: int) -> list[str]:
    """Plain runs longer than a chunk, cut at white space where there is some."""
    pieces = []
    while len(text) > size:
        at = text.rfind(" ", 0, size)
        at = size if at <= 0 else at + 1
        pieces.append(text[:at])
        text = text[at:]
    return pieces + ([text] if text else [])


def highlighted_draft(text: str, findings: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The draft as rich_text blocks, every flagged span bold and in code style followed by
    its finding numbers ("[1]"), split into blocks of at most RICH_TEXT_CHUNK characters."""
    last_piece = {}
    segments = _segments(text, findings)
    for a, b, cov in segments:
        for i in cov:
            last_piece[i] = b
    blocks: list[Block] = []
    current: list[dict[str, Any]] = []
    size = 0

    def flush() -> None:
        nonlocal current, size
        if current:
            blocks.append({"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": current}]})
        current, size = [], 0

    for a, b, covering in segments:
        piece = text[a:b]
        for run in _cut(piece, RICH_TEXT_CHUNK):
            if size + len(run) > RICH_TEXT_CHUNK:
                flush()
            current.append(_element(run, bool(covering)))
            size += len(run)
        ends = [i + 1 for i in covering if last_piece.get(i) == b]
        if ends:
            marker = "[" + ", ".join(str(n) for n in ends) + "]"
            current.append({"type": "text", "text": marker, "style": {"bold": True}})
            size += len(marker)
    flush()
    return blocks


def _finding_blocks(n: int, finding: Mapping[str, Any]) -> list[Block]:
    sev = str(finding.get("severity", ""))
    lines = [
        f"*{n}. {SEVERITY_ICONS.get(sev, '•')} {escape(SEVERITY_LABELS.get(sev, sev or 'Finding'))}*: “{escape(one_line(finding.get('excerpt', ''), 300))}”",
    ]
    if finding.get("message"):
        lines.append(escape(one_line(finding["message"], 1000)))
    if finding.get("suggestion"):
        lines.append(f"_Suggestion:_ {escape(one_line(finding['suggestion'], 1000))}")
    out = [section("\n".join(lines))]
    cit = finding.get("citation") or {}
    if cit:
        label = link(str(cit.get("url", "")), str(cit.get("label", "") or cit.get("clause_id", "")))
        quoted = sections(str(cit.get("text", "")), quote_block)
        last = quoted[-1]["text"]["text"] + f"\n— {label}"
        if len(last) <= 3000:
            quoted[-1] = section(last)
        else:
            quoted.append(section(f"— {label}"))
        out.extend(quoted)
    return out


def check_groups(draft: str, result: Mapping[str, Any], *, policy_name: str = "", official: bool = False) -> list[list[Block]]:
    """The verdict, the highlighted draft, then one group per finding (kept whole)."""
    verdict = str(result.get("verdict", "ok"))
    icon, title, explanation = VERDICTS.get(verdict, ("•", verdict, ""))
    findings = list(result.get("findings") or [])
    head: list[Block] = [section(f"{icon} *{escape(title)}*\n{escape(explanation)}")]
    where = f"Checked against {escape(policy_name)}" if policy_name else "Checked against every policy"
    where += " as a post on an official City account." if official else " as a post on a personal account."
    head.append(context(where))
    for notice in result.get("notices") or []:
        head.append(context(f"ℹ️ {escape(one_line(notice, 2900))}"))
    head.append(section("*Your draft*" + (", flagged passages highlighted:" if findings else ":")))
    head.extend(highlighted_draft(draft, findings))
    groups = [head]
    if findings:
        groups.append([divider(), section(f"*Findings ({len(findings)})*")])
        groups.extend(_finding_blocks(n, f) for n, f in enumerate(findings, start=1))
    return groups


def check_body(draft: str, result: Mapping[str, Any], *, policy_name: str = "", official: bool = False) -> list[Block]:
    return [b for g in check_groups(draft, result, policy_name=policy_name, official=official) for b in g]


def check_blocks(draft: str, result: Mapping[str, Any], *, policy_name: str = "", official: bool = False, limit: int = MESSAGE_MAX_BLOCKS) -> list[Block]:
    more = [context("Some findings did not fit in one message; check a shorter part of the draft to see them all.")]
    return fit_groups(check_groups(draft, result, policy_name=policy_name, official=official), limit, more=more)


def check_view(draft: str, result: Mapping[str, Any], *, policy_name: str = "", official: bool = False) -> Block:
    blocks = check_blocks(draft, result, policy_name=policy_name, official=official, limit=VIEW_MAX_BLOCKS)
    return modal("Policy check", blocks, callback_id=CHECK_VIEW_CALLBACK)


def check_fallback(result: Mapping[str, Any]) -> str:
    verdict = str(result.get("verdict", "ok"))
    _icon, title, _ = VERDICTS.get(verdict, ("", verdict, ""))
    n = len(result.get("findings") or [])
    return fallback_text(f"Draft check: {title}" + (f" ({n} finding{'s' if n != 1 else ''})" if n else ""))
