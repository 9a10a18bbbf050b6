"""What a person typed, as plain text, and which command it is.

Teams hands the bot HTML in some places (a message action's `messagePayload.body.content`,
channel messages with formatting) and `<at>name</at>` tags around mentions elsewhere. The
draft check measures character offsets into the text it is given, so what we pass on must
be the words the person sees, not markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Elements after which a reader sees a line break.
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table"})
_SKIP = frozenset({"script", "style", "head", "title"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            # Teams sends emoji as <img alt="😀">; the emoji is part of the post.
            alt = dict(attrs).get("alt") or ""
            self.parts.append(alt)
        elif tag == "li":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS and tag != "li":  # a list item's break comes before it
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# "<https://host/a/123>": a pasted link in angle brackets, not a tag.
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")


def html_to_text(content: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, block ends as newlines."""
    content = _AUTOLINK.sub(lambda m: html.escape(m.group(1), quote=False), content)
    if not _TAG.search(content):
        return html.unescape(content).strip()
    parser = _TextExtractor()
    parser.feed(content)
    parser.close()
    text = "".join(parts for parts in parser.parts).replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    # Collapse runs of blank lines left by nested blocks, keep paragraph breaks.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def message_text(text: str | None) -> str:
    """A chat message's text after the bot's own mention was removed: any remaining markup
    stripped, white space folded (a question is one line of thought)."""
    return re.sub(r"\s+", " ", html_to_text(text or "")).strip()


# --- commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """`name` is one of: ask, help, org, check, remind, reminders, cancel; `arg` the rest."""

    name: str
    arg: str = ""


_ALIASES = {
    "help": "help",
    "?": "help",
    "hi": "help",
    "hello": "help",
    "start": "help",
    "org": "org",
    "organization": "org",
    "organisation": "org",
    "check": "check",
    "remind": "remind",
    "reminder": "remind",
    "reminders": "reminders",
    "cancel": "cancel",
}


def parse_command(text: str) -> Command:
    """The command a message starts with, or "ask" for anything else.

    Only a bare keyword, or a keyword followed by its argument, is a command: "check" must be
    followed by a draft, so "Check-in times on Facebook?" stays a question. "help" alone is
    a command; "reminders" takes no argument, so "reminders of the policy?" is a question.
    """
    stripped = text.strip()
    if not stripped:
        return Command("help")
    head, _, rest = stripped.partition(" ")
    name = _ALIASES.get(head.lower().rstrip(":"))
    rest = rest.strip()
    if name is None:
        return Command("ask", stripped)
    if name in ("help",) and not rest:
        return Command("help")
    if name in ("help",):
        return Command("ask", stripped)  # "hello, can I ..." is a question
    if name == "check" and not rest:
        return Command("check", "")
    if name == "reminders" and rest:
        return Command("ask", stripped)
    return Command(name, rest)
