"""Reading a text file or snippet someone shared with the bot, for a draft check.

Slack serves private files only with the bot token in an Authorization header, so the
token goes only to Slack's file host (or the configured API host); a file record pointing
anywhere else is refused rather than handing the token to a stranger. Size is bounded twice:
by the size Slack reports and while reading (a wrong size must not let a huge file in).
"""

from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import urlparse

import aiohttp

from bot.errors import InputTooLong, UnreadableInput

TEXT_FILETYPES = frozenset({"text", "txt", "markdown", "md", "post", "space"})
MAX_FILE_BYTES = 64 * 1024  # a 10,000-character draft is at most 40 KB of UTF-8
TIMEOUT_S = 15


def _name(file: Mapping[str, Any]) -> str:
    return str(file.get("name") or file.get("title") or "the file")


def is_text(file: Mapping[str, Any]) -> bool:
    mimetype = str(file.get("mimetype", "")).lower()
    return mimetype.startswith("text/") or str(file.get("filetype", "")).lower() in TEXT_FILETYPES


def refuse_reason(file: Mapping[str, Any], max_bytes: int = MAX_FILE_BYTES) -> str:
    """Why this file cannot be checked ("" when it can), in words for its sender."""
    if file.get("mode") in ("tombstone", "hidden_by_limit") or file.get("file_access") == "access_denied":
        return f"I cannot open {_name(file)}: Slack does not let me read it. Paste the text of the post instead."
    if not is_text(file):
        kind = file.get("pretty_type") or file.get("filetype") or file.get("mimetype") or "binary"
        return f"{_name(file)} is a {kind} file; I can only check plain text. Paste the post, or share it as a .txt or .md file."
    size = int(file.get("size") or 0)
    if size > max_bytes:
        return f"{_name(file)} is {size // 1024:,} KB; I check drafts up to {max_bytes // 1024} KB. Check one post at a time."
    return ""


def download_url(file: Mapping[str, Any], allowed_hosts: frozenset[str]) -> str:
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    host = urlparse(url).hostname or ""
    if not url or host not in allowed_hosts:
        raise UnreadableInput(f"I cannot download {_name(file)} from where Slack says it is. Paste the text of the post instead.")
    return url


async def read_text_file(file: Mapping[str, Any], token: str, allowed_hosts: frozenset[str], max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text, or a `UserInputError` saying why it cannot be checked."""
    reason = refuse_reason(file, max_bytes)
    if reason:
        raise UnreadableInput(reason)
    url = download_url(file, allowed_hosts)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        # No redirects: a redirect could carry the Authorization header to another host.
        async with session.get(url, headers={"Authorization": f"Bearer {token}"}, allow_redirects=False) as resp:
            if resp.status != 200:
                raise UnreadableInput(f"Slack did not let me download {_name(file)} (HTTP {resp.status}). Paste the text of the post instead.")
            if resp.content_type == "text/html" and not str(file.get("mimetype", "")).startswith("text/html"):
                # Slack answers a bad token with its sign-in page, not an error status.
                raise UnreadableInput(f"Slack did not let me download {_name(file)}. Paste the text of the post instead.")
            data = await resp.content.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLong(f"{_name(file)} is larger than {max_bytes // 1024} KB; I check one post at a time.")
    if b"\x00" in data:
        raise UnreadableInput(f"{_name(file)} looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableInput(f"{_name(file)} is not UTF-8 text. Save it as UTF-8 (or paste the post) and try again.") from None
