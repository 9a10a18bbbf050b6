"""The new-hire tour as HTML (the tour itself is in `bot.orientation`)."""

from __future__ import annotations

from adapters.web.html import ask_href, clause_href, esc, org_select
from bot.orientation import Tour, key_rules, tour_for
from knowledge.catalog import Catalog
from knowledge.clauses import PolicyInfo


def _rules_html(tour: Tour, catalog: Catalog) -> str:
    items = []
    for rule, clause in key_rules(tour, catalog):
        href = clause_href(clause.doc_id, clause.clause_id)
        lead = f'<p class="lead-in">{esc(clause.lead_in)}</p>' if clause.lead_in else ""
        items.append(
            f'<li class="key-rule"><h3>{esc(rule.topic)}</h3><figure><blockquote cite="{esc(href)}">{lead}<p>{esc(clause.text)}</p></blockquote>'
            f'<figcaption><a class="citation-link" href="{esc(href)}">{esc(clause.label)}</a></figcaption></figure></li>'
        )
    return f'<ol class="key-rules">{"".join(items)}</ol>'


def _quiz_html(tour: Tour, catalog: Catalog) -> str:
    blocks = []
    for qi, q in enumerate(tour.quiz, start=1):
        clause = catalog.clause(q.clause_id)
        if clause is None:
            continue
        name = f"{tour.org_id}-q{qi}"
        options = "".join(
            f'<div class="option"><input type="radio" id="{esc(name)}-{oi}" name="{esc(name)}" value="{oi}"'
            f'{" data-correct" if oi == q.correct else ""}><label for="{esc(name)}-{oi}">{esc(opt)}</label></div>'
            for oi, opt in enumerate(q.options)
        )
        href = clause_href(clause.doc_id, clause.clause_id)
        blocks.append(
            f'<fieldset class="quiz-question" data-question="{esc(name)}"><legend>{qi}. {esc(q.prompt)}</legend>{options}'
            f'<p class="quiz-feedback" aria-live="polite"></p>'
            f"<details><summary>Show the answer</summary><p>{esc(q.options[q.correct])}. "
            f'See <a href="{esc(href)}">{esc(clause.label)}</a>.</p></details></fieldset>'
        )
    return (
        f'<form class="quiz" data-quiz aria-labelledby="quiz-{esc(tour.org_id)}">'
        f'<h3 id="quiz-{esc(tour.org_id)}">Self-check quiz</h3>{"".join(blocks)}'
        '<button type="submit">Check my answers</button>'
        '<p class="quiz-score" role="status" aria-live="polite"></p></form>'
    )


def orientation_html(catalog: Catalog, policies: tuple[PolicyInfo, ...], org: str | None) -> str:
    chosen = [p for p in policies if not org or p.org_id == org]
    sections = []
    for info in chosen:
        tour = tour_for(info.org_id)
        if tour is None:
            continue
        examples = "".join(f'<li><a href="{esc(ask_href(e.question, info.org_id))}">{esc(e.question)}</a></li>' for e in tour.examples)
        sections.append(
            f'<section class="tour" aria-labelledby="tour-{esc(info.org_id)}">'
            f'<h2 id="tour-{esc(info.org_id)}">{esc(info.org_name)}: {esc(info.doc_id)} {esc(info.title)}</h2>'
            f"<p>These are the rules from your policy that come up most. Each is quoted word for word; "
            f"follow the label to read it in context.</p>{_rules_html(tour, catalog)}"
            f'<h3>Questions to try</h3><ul class="examples">{examples}</ul>'
            f"{_quiz_html(tour, catalog)}</section>"
        )
    if not sections:
        sections.append("<p>There is no tour for this policy yet. Read the policy itself under <a href=\"/policies\">Policies</a>.</p>")
    chooser = (
        '<form class="org-form" method="get" action="/orientation">'
        f'{org_select(policies, org, field_id="orientation-org", all_label="Both policies")}'
        '<button type="submit" class="secondary">Show</button></form>'
    )
    return f'<h1>New-hire tour</h1><p class="intro">Welcome. Five minutes here covers what every City employee needs to know about social media.</p>{chooser}{"".join(sections)}'
