"""Rendering answers, draft checks and policies as HTML fragments.

Answers are rendered from their JSON (the DESIGN.md contract), the same dict whether it was
just computed or read back from storage, so a permalink shows exactly what the person saw.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping, Sequence

from adapters.web.html import clause_href, esc, long_date, notice, paragraphs, policy_href
from knowledge.catalog import Catalog
from knowledge.clauses import Clause, Policy, PolicyInfo

SEVERITY_LABELS = {"violation": "Breaks the policy", "review": "Needs a second look", "info": "Advice"}
VERDICT_LABELS = {
    "ok": ("No problems found", "Nothing in this draft matched a rule of the policy. Still use your judgement."),
    "review": ("Needs a second look", "Parts of this draft may conflict with the policy. Read the findings before posting."),
    "violation": ("Do not post this as written", "Parts of this draft break the policy. Read the findings below."),
}


# --- answers --------------------------------------------------------------------------


def _policy_name(catalog: Catalog, org: str | None, doc_id: str) -> str:
    policy = catalog.policy_for_doc(doc_id) or (catalog.policy_for_org(org) if org else None)
    return f"{policy.info.org_name} {policy.info.doc_id}" if policy else doc_id


def _clause_notice(citation: Mapping[str, Any], current: Clause | None) -> str:
    """Say so when the policy text behind a stored quote has changed since."""
    if current is None:
        return notice(
            "This clause is no longer in the current policy; the quote above is the text as it stood when the answer was given.",
            "warning",
        )
    if current.text.strip() != str(citation.get("text", "")).strip():
        return notice(
            "<p>The policy has changed since this answer was given. The clause now reads:</p>"
            f'<blockquote class="current-text"><p>{esc(current.text)}</p></blockquote>',
            "warning",
        )
    return ""


def citation_item(citation: Mapping[str, Any], catalog: Catalog, *, check_changes: bool) -> str:
    doc_id, clause_id = str(citation.get("doc_id", "")), str(citation.get("clause_id", ""))
    current = catalog.clause(clause_id)
    href = clause_href(doc_id, clause_id)
    lead = f'<p class="lead-in">{esc(current.lead_in)}</p>' if current is not None and current.lead_in else ""
    changed = _clause_notice(citation, current) if check_changes else ""
    return (
        '<li class="citation"><figure>'
        f'<blockquote cite="{esc(href)}">{lead}<p>{esc(citation.get("text", ""))}</p></blockquote>'
        f'<figcaption><a class="citation-link" href="{esc(href)}">{esc(citation.get("label", clause_id))}</a></figcaption>'
        f"</figure>{changed}</li>"
    )


def _answer_body(part: Mapping[str, Any], catalog: Catalog, *, check_changes: bool) -> str:
    if part.get("status") == "not_covered":
        return f'<div class="not-covered">{paragraphs(str(part.get("text", "")))}</div>'
    out = []
    if part.get("short_answer"):
        out.append(f'<p class="short-answer">{esc(part["short_answer"])}</p>')
    cites = part.get("citations") or []
    if cites:
        items = "".join(citation_item(c, catalog, check_changes=check_changes) for c in cites)
        out.append(f'<ol class="citations" aria-label="Quoted clauses">{items}</ol>')
    return "".join(out)


def answer_html(
    data: Mapping[str, Any],
    catalog: Catalog,
    *,
    question: str,
    permalink: str,
    created_at: dt.datetime | None = None,
    versions: Mapping[str, str] | None = None,
    feedback: bool = True,
    heading: str = "Answer",
) -> str:
    """One answer. With `created_at`/`versions` (a permalink), it also says when it was given,
    under which policy version, and whether the policy has changed since."""
    answer_id = str(data.get("id", ""))
    stored = created_at is not None
    meta = ""
    if stored:
        when = created_at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if created_at else ""
        version_bits = []
        for doc_id, version in (versions or {}).items():
            policy = catalog.policy_for_doc(doc_id)
            now = policy.info.version if policy else None
            text = f"{esc(doc_id)} version {esc(version)}"
            if policy is None:
                text += " (this policy is no longer loaded)"
            elif now != version:
                text += f" (current version: {esc(now)})"
            version_bits.append(text)
        meta = (
            '<dl class="answer-meta">'
            f'<dt>Asked</dt><dd><time datetime="{esc(created_at.isoformat() if created_at else "")}">{esc(when)}</time></dd>'
            f'<dt>Policy</dt><dd>{"; ".join(version_bits) or "not recorded"}</dd></dl>'
        )
    parts = data.get("parts") or []
    if parts:
        blocks = []
        for p in parts:
            name = _policy_name(catalog, p.get("org"), str(p.get("doc_id", "")))
            blocks.append(f'<section class="part"><h3>{esc(name)}</h3>{_answer_body(p, catalog, check_changes=stored)}</section>')
        body = "".join(blocks)
    else:
        body = _answer_body(data, catalog, check_changes=stored)
    tools = ""
    if answer_id:
        perma_id = f"permalink-{esc(answer_id)}"
        tools = (
            '<div class="answer-tools">'
            f'<p class="permalink"><label for="{perma_id}">Link to this answer</label>'
            f'<input id="{perma_id}" type="url" readonly value="{esc(permalink)}">'
            f'<button type="button" class="secondary" data-copy="#{perma_id}">Copy link</button>'
            + ("" if stored else f' <a href="/a/{esc(answer_id)}">Open</a>')
            + "</p>"
        )
        if feedback:
            tools += feedback_form(answer_id)
        tools += "</div>"
    return (
        f'<article class="answer" aria-labelledby="answer-heading-{esc(answer_id)}">'
        f'<h2 id="answer-heading-{esc(answer_id)}" tabindex="-1">{esc(heading)}</h2>'
        f'<p class="asked">You asked: <q>{esc(question)}</q></p>'
        f"{meta}{body}{tools}</article>"
    )


def feedback_form(answer_id: str) -> str:
    return (
        '<form class="feedback" method="post" action="/feedback">'
        f'<input type="hidden" name="answer_id" value="{esc(answer_id)}">'
        '<fieldset><legend>Was this answer helpful?</legend>'
        '<button type="submit" name="helpful" value="yes">Helpful</button> '
        '<button type="submit" name="helpful" value="no" class="secondary">Not helpful</button>'
        "</fieldset>"
        '<p class="feedback-status" role="status" aria-live="polite"></p>'
        "</form>"
    )


# --- draft checks ---------------------------------------------------------------------


def _segments(text: str, findings: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, list[int]]]:
    """Cut the text at every span edge: (start, end, indexes of findings covering it)."""
    spans: list[tuple[int, int]] = []
    for f in findings:
        try:
            s, e = int(f["span"][0]), int(f["span"][1])
        except (KeyError, TypeError, ValueError, IndexError):
            s, e = 0, 0
        s, e = max(0, min(s, len(text))), max(0, min(e, len(text)))
        spans.append((s, max(s, e)))
    cuts = sorted({0, len(text), *(x for sp in spans for x in sp)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [i for i, (s, e) in enumerate(spans) if s <= a and b <= e and s < e]
        out.append((a, b, covering))
    return out


def _worst(severities: Sequence[str]) -> str:
    for s in ("violation", "review", "info"):
        if s in severities:
            return s
    return "info"


def highlighted_draft(text: str, findings: Sequence[Mapping[str, Any]]) -> str:
    """The draft with each flagged span in a <mark> linked to its finding; a finding's number
    follows its span, and the first piece of each span is the target of "back to the draft"."""
    segments = _segments(text, findings)
    last_piece = {i: b for a, b, cov in segments for i in cov}
    seen: set[int] = set()
    out = []
    for a, b, covering in segments:
        piece = esc(text[a:b])
        if not covering:
            out.append(piece)
            continue
        first = covering[0]
        sev = _worst([str(findings[i].get("severity", "")) for i in covering])
        anchor_ids = "".join(f'<span id="flag-{i + 1}"></span>' for i in covering if i not in seen)
        seen.update(covering)
        nums = ", ".join(str(i + 1) for i in covering)
        out.append(
            f'{anchor_ids}<mark class="flag sev-{esc(sev)}" data-findings="{esc(nums)}">'
            f'<a href="#finding-{first + 1}" aria-label="{esc(text[a:b])} (finding {esc(nums)})">{piece}</a></mark>'
        )
        for i in covering:
            if last_piece.get(i) == b:
                out.append(f'<sup class="flag-num"><a href="#finding-{i + 1}" aria-hidden="true" tabindex="-1">{i + 1}</a></sup>')
    return "".join(out)


def check_html(text: str, result: Mapping[str, Any], catalog: Catalog) -> str:
    verdict = str(result.get("verdict", "ok"))
    title, explanation = VERDICT_LABELS.get(verdict, (verdict, ""))
    findings = list(result.get("findings") or [])
    items = []
    for i, f in enumerate(findings, start=1):
        sev = str(f.get("severity", ""))
        cit = f.get("citation") or {}
        quote = ""
        if cit:
            href = clause_href(str(cit.get("doc_id", "")), str(cit.get("clause_id", "")))
            quote = (
                f'<figure><blockquote cite="{esc(href)}"><p>{esc(cit.get("text", ""))}</p></blockquote>'
                f'<figcaption><a class="citation-link" href="{esc(href)}">{esc(cit.get("label", ""))}</a></figcaption></figure>'
            )
        suggestion = f'<p class="suggestion"><strong>Suggestion:</strong> {esc(f.get("suggestion"))}</p>' if f.get("suggestion") else ""
        items.append(
            f'<li id="finding-{i}" class="finding sev-{esc(sev)}" tabindex="-1">'
            f'<p><span class="badge sev-{esc(sev)}">{esc(SEVERITY_LABELS.get(sev, sev))}</span> '
            f'<q class="excerpt">{esc(f.get("excerpt", ""))}</q></p>'
            f'<p class="message">{esc(f.get("message", ""))}</p>{suggestion}{quote}'
            f'<p><a href="#flag-{i}">Back to the draft</a></p></li>'
        )
    findings_html = (
        f'<h3>Findings</h3><ol class="findings">{"".join(items)}</ol>' if items else "<p>No findings.</p>"
    )
    notices = "".join(notice(esc(n)) for n in result.get("notices") or [])
    return (
        f'<article class="check-result verdict-{esc(verdict)}" aria-labelledby="check-heading">'
        f'<h2 id="check-heading" tabindex="-1">Verdict: {esc(title)}</h2>'
        f'<p class="verdict-explanation">{esc(explanation)}</p>{notices}'
        f'<h3>Your draft, marked up</h3><div class="draft" role="document" aria-label="Your draft with flagged passages">{highlighted_draft(text, findings)}</div>'
        f"{findings_html}</article>"
    )


# --- policies -------------------------------------------------------------------------


def past_review_notice(info: PolicyInfo, today: dt.date) -> str:
    if not info.is_past_review(today):
        return ""
    return notice(
        f"<p><strong>This policy is past its review date</strong> ({esc(long_date(info.next_review_date))}). "
        f"It may have been updated since. Check with {esc(info.inquiries or 'your Human Resources department')} "
        "that this is still the current version.</p>",
        "warning",
    )


def policy_meta(info: PolicyInfo, *, inquiries_href: str = "") -> str:
    inquiries = esc(info.inquiries or "not stated")
    if inquiries_href:
        inquiries += f' (<a href="{esc(inquiries_href)}">see the policy</a>)'
    return (
        '<dl class="policy-meta">'
        f"<dt>Version</dt><dd>{esc(info.version or 'not stated')}</dd>"
        f"<dt>Effective</dt><dd>{esc(long_date(info.effective_date))}</dd>"
        f"<dt>Next review</dt><dd>{esc(long_date(info.next_review_date))}</dd>"
        f"<dt>Questions about this policy</dt><dd>{inquiries}</dd>"
        f"<dt>Policy owner</dt><dd>{esc(info.policy_owner or 'not stated')}</dd>"
        "</dl>"
    )


def clause_marker(clause: Clause) -> str:
    """The clause's own number as the policy writes it ("(b)(iv)", "3.iv.g", "¶1")."""
    last = clause.label.split(" › ")[-1]
    heading = clause.heading_path[-1] if clause.heading_path else ""
    return "" if last == heading else last


def _slug(parts: Sequence[str]) -> str:
    return "h-" + "-".join("".join(ch.lower() if ch.isalnum() else "-" for ch in p).strip("-") for p in parts)


def policy_html(policy: Policy, today: dt.date) -> str:
    info = policy.info
    suffix = "." + info.inquiries_clause
    inquiries = next((c for c in policy.clauses if info.inquiries_clause and c.clause_id.endswith(suffix)), None)
    body: list[str] = []
    toc: list[str] = []
    current: tuple[str, ...] = ()
    last_lead = ""
    for clause in policy.clauses:
        path = clause.heading_path
        if path != current:
            # Open a heading for every level that changed (h2 for top-level sections).
            common = 0
            while common < min(len(path), len(current)) and path[common] == current[common]:
                common += 1
            for level in range(common, len(path)):
                hid = _slug(path[: level + 1])
                tag = f"h{min(level + 2, 6)}"
                body.append(f'<{tag} id="{esc(hid)}">{esc(path[level])}</{tag}>')
                if level == 0:
                    toc.append(f'<li><a href="#{esc(hid)}">{esc(path[level])}</a></li>')
            current = path
            last_lead = ""
        if clause.lead_in and not clause.parent_id and clause.lead_in != last_lead:
            # A list's introduction ("Employees shall:") that is not a clause of its own.
            body.append(f'<p class="lead-in-text">{esc(clause.lead_in)}</p>')
            last_lead = clause.lead_in
        marker = clause_marker(clause)
        anchor = (
            f'<a class="clause-ref" href="#{esc(clause.clause_id)}" title="Link to {esc(clause.label)}">{esc(marker)}</a>'
            if marker
            else f'<a class="clause-ref pilcrow" href="#{esc(clause.clause_id)}" title="Link to {esc(clause.label)}"><span aria-hidden="true">¶</span><span class="visually-hidden">Link to {esc(clause.label)}</span></a>'
        )
        body.append(
            f'<div class="clause depth-{min(clause.depth, 4)} kind-{esc(clause.kind.value)}" id="{esc(clause.clause_id)}" tabindex="-1">'
            f'{anchor}<p class="clause-text">{esc(clause.text)}</p></div>'
        )
    inquiries_href = f"#{inquiries.clause_id}" if inquiries else ""
    return (
        f'<article class="policy" aria-labelledby="policy-title">'
        f'<header><p class="org">{esc(info.org_name)}</p>'
        f'<h1 id="policy-title">{esc(info.doc_id)} {esc(info.title)}</h1>'
        f"{policy_meta(info, inquiries_href=inquiries_href)}{past_review_notice(info, today)}"
        f'<p class="source">Source: {esc(info.source)}</p></header>'
        f'<nav class="toc" aria-label="Sections of {esc(info.doc_id)}"><h2 class="toc-title">Sections</h2><ol>{"".join(toc)}</ol></nav>'
        f'<div class="policy-text">{"".join(body)}</div></article>'
    )


def policies_index_html(policies: Sequence[Policy], today: dt.date) -> str:
    cards = []
    for p in policies:
        info = p.info
        cards.append(
            f'<li class="card"><h2><a href="{esc(policy_href(info.doc_id))}">{esc(info.doc_id)} {esc(info.title)}</a></h2>'
            f'<p class="org">{esc(info.org_name)} · {len(p.clauses)} clauses</p>'
            f"{policy_meta(info)}{past_review_notice(info, today)}</li>"
        )
    return f'<h1>Policies</h1><ul class="cards">{"".join(cards)}</ul>'
