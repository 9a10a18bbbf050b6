"""HTML building blocks: escaping, the page layout, the organization chooser.

Every piece of text that is not markup written here goes through `esc` (policy text and
labels included: they come from files, and questions come from anyone). Functions return
strings of finished HTML; nothing downstream escapes again.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Iterable, Sequence
from urllib.parse import quote, urlencode

from knowledge.clauses import PolicyInfo

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Ask"),
    ("/check", "Check a draft"),
    ("/policies", "Policies"),
    ("/orientation", "New-hire tour"),
)


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def clause_href(doc_id: str, clause_id: str) -> str:
    """A link relative to this server, so pages work whatever host name reaches them.

    Same shape as `PolicyService.clause_url` (doc ids keep their parentheses)."""
    return f"/policies/{quote(doc_id, safe='()')}#{quote(clause_id, safe='')}"


def policy_href(doc_id: str) -> str:
    return f"/policies/{quote(doc_id, safe='()')}"


def ask_href(question: str, org: str | None = None) -> str:
    params = {"q": question}
    if org:
        params["org"] = org
    return "/?" + urlencode(params)


def long_date(value: dt.date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else "not stated"


def paragraphs(text: str) -> str:
    """Plain text with blank-line paragraphs, escaped."""
    parts = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{esc(p.replace('**', ''))}</p>" for p in parts)


def org_select(policies: Sequence[PolicyInfo], selected: str | None, *, field_id: str, all_label: str = "Both policies") -> str:
    options = [f'<option value=""{" selected" if not selected else ""}>{esc(all_label)}</option>']
    for p in policies:
        sel = " selected" if p.org_id == selected else ""
        options.append(f'<option value="{esc(p.org_id)}"{sel}>{esc(p.org_name)} ({esc(p.doc_id)})</option>')
    return (
        f'<label for="{esc(field_id)}">Your organization</label>'
        f'<select id="{esc(field_id)}" name="org" data-remember-org>{"".join(options)}</select>'
    )


def notice(text_html: str, kind: str = "info", role: str = "note") -> str:
    return f'<div class="notice notice-{esc(kind)}" role="{esc(role)}">{text_html}</div>'


def error_box(message: str) -> str:
    return f'<div class="error" role="alert"><p>{esc(message)}</p></div>'


def layout(title: str, body: str, *, active: str = "", head_extra: str = "", status_note: str = "") -> str:
    nav_items = []
    for href, label in NAV:
        current = ' aria-current="page"' if href == active else ""
        nav_items.append(f'<li><a href="{href}"{current}>{esc(label)}</a></li>')
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · policybot</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
{head_extra}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <p class="brand"><a href="/">policybot</a> <span class="tagline">answers from your social-media policy, quoted</span></p>
  <nav aria-label="Main"><ul>{"".join(nav_items)}</ul></nav>
</header>
<main id="main" tabindex="-1">
{status_note}
{body}
</main>
<footer class="site-footer">
  <p>Answers quote the policy text itself. When in doubt, ask the contact named in your policy.
  <a href="/policies">Read the policies</a>.</p>
</footer>
</body>
</html>"""


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, caption: str, empty: str = "Nothing yet.") -> str:
    """A table whose cells are already HTML (callers escape)."""
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    if not body:
        body = f'<tr><td colspan="{len(headers)}">{esc(empty)}</td></tr>'
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return f'<div class="table-wrap"><table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
