"""Block Kit, built as plain dicts by pure functions: nothing here calls Slack or the core.

Slack refuses a whole message for one block over a limit, so every builder keeps to them:

    MESSAGE_MAX_BLOCKS  50     blocks in a message (chat.postMessage, response_url)
    VIEW_MAX_BLOCKS     100    blocks in a modal or the Home tab
    SECTION_LIMIT       3000   characters of a section's text
    HEADER_LIMIT        150    characters of a header
    BUTTON_TEXT_LIMIT   75     characters of a button's label
    BUTTON_VALUE_LIMIT  2000   characters of a button's value
    CONTEXT_ELEMENTS    10     elements in a context block
    ACTION_ELEMENTS     25     elements in an actions block

`fit` trims a list of blocks to a surface's limit with a pointer to the rest; `problems`
lists every limit a list of blocks breaks (the tests hold every builder to it).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from adapters.slack.mrkdwn import SECTION_LIMIT, escape, one_line, split_raw

Block = dict[str, Any]

MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
CONTEXT_ELEMENTS = 10
ACTION_ELEMENTS = 25
VIEW_TITLE_LIMIT = 24
FALLBACK_TEXT_LIMIT = 3000  # the notification text; Slack truncates long ones anyway


# --- primitives -----------------------------------------------------------------------------


def plain(text: str, limit: int | None = None) -> dict[str, Any]:
    return {"type": "plain_text", "text": one_line(text, limit) if limit else text, "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack must not turn bare "#channel" or URLs in policy text into links.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def section(text: str, *, accessory: Block | None = None, block_id: str | None = None) -> Block:
    if len(text) > SECTION_LIMIT:
        raise ValueError(f"section text is {len(text)} characters; split it first (limit {SECTION_LIMIT})")
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def sections(raw: str, render: Callable[[str], str]) -> list[Block]:
    """One or more sections for `raw` text rendered by `render` (escaping included), split
    cleanly at paragraph, then sentence, then word boundaries."""
    return [section(render(piece)) for piece in split_raw(raw, render)]


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, HEADER_LIMIT)}


def context(*texts: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "context", "elements": [mrkdwn(t[:SECTION_LIMIT]) for t in texts[:CONTEXT_ELEMENTS]]}
    if block_id:
        block["block_id"] = block_id
    return block


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    *,
    value: str | None = None,
    url: str | None = None,
    style: str | None = None,
    confirm: Mapping[str, Any] | None = None,
) -> Block:
    b: Block = {"type": "button", "text": plain(text, BUTTON_TEXT_LIMIT), "action_id": action_id}
    if value is not None:
        if len(value) > BUTTON_VALUE_LIMIT:
            raise ValueError(f"button value is {len(value)} characters (limit {BUTTON_VALUE_LIMIT})")
        b["value"] = value
    if url:
        b["url"] = url
    if style:
        b["style"] = style
    if confirm:
        b["confirm"] = dict(confirm)
    return b


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements[:ACTION_ELEMENTS])}
    if block_id:
        block["block_id"] = block_id
    return block


def confirm_dialog(title: str, text: str, yes: str, no: str = "Keep it") -> dict[str, Any]:
    return {"title": plain(title, 100), "text": mrkdwn(text), "confirm": plain(yes, 30), "deny": plain(no, 30), "style": "danger"}


def fallback_text(text: str) -> str:
    """The notification text sent beside blocks (escaped: it is mrkdwn too)."""
    return escape(one_line(text, FALLBACK_TEXT_LIMIT - 200))


def fit(body: Sequence[Block], limit: int, *, footer: Sequence[Block] = (), more: Sequence[Block] = ()) -> list[Block]:
    """`body` then `footer` (the buttons), within `limit` blocks. When the body is too long
    it is cut at a block boundary and `more` (a pointer to the rest) goes before the footer."""
    return fit_groups([[b] for b in body], limit, footer=footer, more=more)


def fit_groups(groups: Sequence[Sequence[Block]], limit: int, *, footer: Sequence[Block] = (), more: Sequence[Block] = ()) -> list[Block]:
    """`fit` for blocks that belong together (a clause split over sections, its label last):
    a group is kept whole or left out whole, so a cut never shows half a quotation."""
    flat = [b for g in groups for b in g]
    if len(flat) + len(footer) <= limit:
        return [*flat, *footer]
    room = max(0, limit - len(footer) - len(more))
    kept: list[Block] = []
    for group in groups:
        if len(kept) + len(group) > room:
            break
        kept.extend(group)
    return [*kept, *more, *footer]


def modal(title: str, blocks: Sequence[Block], *, callback_id: str, submit: str | None = None, close: str = "Close", private_metadata: str = "") -> Block:
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, VIEW_TITLE_LIMIT),
        "close": plain(close, VIEW_TITLE_LIMIT),
        "blocks": list(blocks)[:VIEW_MAX_BLOCKS],
    }
    if submit:
        view["submit"] = plain(submit, VIEW_TITLE_LIMIT)
    if private_metadata:
        view["private_metadata"] = private_metadata[:3000]
    return view


# --- checking the limits ----------------------------------------------------------------------


def _walk_text(obj: Any) -> Iterable[tuple[str, str]]:
    """(kind, text) of every text object, recursively."""
    if isinstance(obj, dict):
        if obj.get("type") in ("plain_text", "mrkdwn") and "text" in obj:
            yield obj["type"], str(obj["text"])
        for value in obj.values():
            yield from _walk_text(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk_text(value)


def problems(blocks: Sequence[Block], *, surface: str = "message") -> list[str]:
    """Every Block Kit limit `blocks` breaks on `surface` ("message" or "view"); [] when valid."""
    out: list[str] = []
    max_blocks = MESSAGE_MAX_BLOCKS if surface == "message" else VIEW_MAX_BLOCKS
    if len(blocks) > max_blocks:
        out.append(f"{len(blocks)} blocks (limit {max_blocks})")
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    if len(ids) != len(set(ids)):
        out.append("duplicate block_id")
    for i, b in enumerate(blocks):
        kind = b.get("type")
        if kind == "section":
            text = b.get("text", {}).get("text", "")
            if not text or len(text) > SECTION_LIMIT:
                out.append(f"block {i}: section text of {len(text)} characters")
        elif kind == "header":
            if len(b["text"]["text"]) > HEADER_LIMIT:
                out.append(f"block {i}: header over {HEADER_LIMIT}")
        elif kind == "context":
            if not 1 <= len(b.get("elements", [])) <= CONTEXT_ELEMENTS:
                out.append(f"block {i}: context with {len(b.get('elements', []))} elements")
        elif kind == "actions":
            elements = b.get("elements", [])
            if not 1 <= len(elements) <= ACTION_ELEMENTS:
                out.append(f"block {i}: actions with {len(elements)} elements")
            action_ids = [e.get("action_id") for e in elements if e.get("action_id")]
            if len(action_ids) != len(set(action_ids)):
                out.append(f"block {i}: duplicate action_id")
            for e in elements:
                if e.get("type") == "button":
                    if len(e["text"]["text"]) > BUTTON_TEXT_LIMIT:
                        out.append(f"block {i}: button text over {BUTTON_TEXT_LIMIT}")
                    if len(e.get("value", "")) > BUTTON_VALUE_LIMIT:
                        out.append(f"block {i}: button value over {BUTTON_VALUE_LIMIT}")
        elif kind == "rich_text":
            for el in b.get("elements", []):
                for part in el.get("elements", []):
                    if part.get("type") == "text" and not part.get("text"):
                        out.append(f"block {i}: empty rich text element")
        for text_kind, text in _walk_text(b):
            if not text and text_kind == "plain_text":
                out.append(f"block {i}: empty plain_text")
    return out
