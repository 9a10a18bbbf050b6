"""Slack's mrkdwn, both ways: writing it safely, and reading what people typed.

Writing: every piece of text that is not markup written here goes through `escape` (policy
text and labels too), so "<!channel>", "@here" written as "<!here>", or "<https://x|y>" in a
question or a draft is shown as typed and can neither ping anyone nor become a link.
Splitting happens on the raw text, before escaping, so a cut never lands inside "&amp;".

Reading: `plain_text` turns a message's text (mentions as "<@U123>", entities escaped) back
into what a person sees, which is what a draft check must look at.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator
from urllib.parse import quote

SECTION_LIMIT = 3000  # characters in a section's text


def escape(text: object) -> str:
    """Slack's three control characters; nothing else needs escaping in mrkdwn."""
    return str("" if text is None else text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _safe_url(url: str) -> str:
    # "|" and ">" end a link, "<" starts one, spaces break it.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def link(url: str, label: str) -> str:
    return f"<{_safe_url(url)}|{escape(label)}>" if url else escape(label)


def quote_block(text: str) -> str:
    """A quotation: every line set off with ">" (the marker itself must not be escaped)."""
    lines = [ln.strip() for ln in str(text).splitlines()] or [""]
    return "\n".join(f">{escape(ln)}" if ln else ">" for ln in lines)


def one_line(text: object, limit: int) -> str:
    """Raw text folded to one line and shortened with an ellipsis (for labels and buttons)."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: max(0, limit - 1)].rstrip() + "…"


# --- splitting long text ----------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+(?=\S)")


def _pieces(text: str, level: int) -> list[str]:
    if level == 0:
        return [p for p in _PARAGRAPH.split(text) if p.strip()]
    if level == 1:
        return [p for p in _SENTENCE.split(text) if p.strip()]
    return text.split(" ")


_JOINERS = ("\n\n", " ", " ")


def split_raw(text: str, render: Callable[[str], str], limit: int = SECTION_LIMIT) -> list[str]:
    """Cut raw `text` into pieces whose rendering is at most `limit` characters long:
    at paragraph breaks, else between sentences, else between words, else anywhere."""
    if len(render(text)) <= limit:
        return [text]
    return list(_split(text, render, limit, 0))


def _split(text: str, render: Callable[[str], str], limit: int, level: int) -> Iterator[str]:
    if level > 2:
        # A single "word" longer than a section (a pasted URL): cut it by characters.
        piece = ""
        for ch in text:
            if len(render(piece + ch)) > limit and piece:
                yield piece
                piece = ""
            piece += ch
        if piece:
            yield piece
        return
    joiner = _JOINERS[level]
    current = ""
    for part in _pieces(text, level):
        candidate = f"{current}{joiner}{part}" if current else part
        if len(render(candidate)) <= limit:
            current = candidate
            continue
        if current:
            yield current
        if len(render(part)) <= limit:
            current = part
        else:
            yield from _split(part, render, limit, level + 1)
            current = ""
    if current:
        yield current


# --- markdown from the core, as mrkdwn --------------------------------------------------------

# [label](url), where the URL may hold one level of parentheses: /policies/HUM.11(A)#...
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    """Escape a line of markdown, keeping its links and bold as mrkdwn."""
    out: list[str] = []
    pos = 0
    for m in _MD_LINK.finditer(text):
        out.append(_bold(text[pos : m.start()]))
        out.append(link(m.group(2), m.group(1)))
        pos = m.end()
    out.append(_bold(text[pos:]))
    return "".join(out)


def _bold(text: str) -> str:
    return _MD_BOLD.sub(lambda m: f"*{m.group(1)}*", escape(text))


def markdown_to_mrkdwn(markdown: str) -> str:
    """The core's answer markdown (headings, bold, links, quotes) as mrkdwn, escaped."""
    lines = []
    for line in markdown.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            lines.append(f"*{_inline(stripped.lstrip('#').strip())}*")
        elif stripped.startswith(">"):
            lines.append(">" + _inline(stripped[1:].lstrip()))
        else:
            lines.append(_inline(line))
    return "\n".join(lines)


# --- reading Slack text -------------------------------------------------------------------

_ANGLE = re.compile(r"<([^<>]*)>")


def _angle(m: re.Match[str]) -> str:
    inner = m.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return "@" + (label or target[1:])
    if target.startswith("#"):
        return "#" + (label or target[1:])
    if target.startswith("!"):
        special = target[1:].split("^")[0]
        if special in ("channel", "here", "everyone"):
            return "@" + special
        if special.startswith("subteam"):
            return label or "@group"
        if special == "date":
            return label or ""
        return label or special
    if label:
        return label
    return target.removeprefix("mailto:")


def plain_text(slack_text: str) -> str:
    """What a person sees for a message's text: mentions as @name, links as their label,
    entities unescaped. Spans from a draft check are offsets into this text."""
    text = _ANGLE.sub(_angle, slack_text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def strip_mentions(slack_text: str, user_id: str | None = None) -> str:
    """The question in "@policybot can I …": the bot's mention (or every leading mention) removed."""
    text = slack_text or ""
    if user_id:
        text = text.replace(f"<@{user_id}>", " ")
    text = re.sub(r"^\s*(<@[A-Z0-9]+(\|[^>]*)?>[\s,:]*)+", "", text).lstrip(" \t,:")
    return re.sub(r"[ \t]{2,}", " ", plain_text(text)).strip()
