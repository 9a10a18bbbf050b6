"""Export noise found in real policy text files, and how to cut it out.

Word/PDF exports leave page footers mid-sentence, table-of-contents dot leaders, broken
cross-reference fields, viewer banners and list markers that drifted into the middle of a
line. None of it is policy text; every pattern here is removed before clauses are built.
"""

from __future__ import annotations

import re

PAGE_FOOTER = re.compile(r"\s*\bPage\s+\d+\s+of\s+\d+\b\s*")
PAGE_FOOTER_LINE = re.compile(r"(?m)^[ \t]*Page[ \t]+\d+[ \t]+of[ \t]+\d+[ \t]*(?:\n|$)")
BROKEN_FIELD = re.compile(r"\s*Error!\s+Bookmark\s+not\s+defined\.\s*")
VIEWER_BANNER = re.compile(r"(?m)^\s*Loading\.\.\.\s*$")
# One table-of-contents entry: a title, a dot leader, and a page number or a broken field.
TOC_ENTRY = re.compile(r"\.{5,}\s*(?:\d+|Error!\s+Bookmark\s+not\s+defined\.)")

# Characters that look like Latin letters used as list markers (a PDF font mapped the roman
# numeral "v" onto ARABIC-INDIC DIGIT SEVEN in the Mission export).
MARKER_HOMOGLYPHS = str.maketrans({"\u0667": "v"})


def strip_noise(text: str) -> str:
    """Remove page footers, broken fields and viewer banners, keeping a single space."""
    text = VIEWER_BANNER.sub("", text)
    # A footer on a line of its own goes with its line, so the line structure survives.
    text = PAGE_FOOTER_LINE.sub("", text)
    text = PAGE_FOOTER.sub(" ", text)
    text = BROKEN_FIELD.sub(" ", text)
    return text


def toc_end(text: str) -> int:
    """Offset just past the table of contents, or 0 when there is none."""
    end = 0
    for m in TOC_ENTRY.finditer(text):
        end = m.end()
    return end


def fold_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def has_noise(text: str) -> bool:
    """True when any known export noise is left in `text` (used by tests and the index)."""
    return bool(
        PAGE_FOOTER.search(text)
        or BROKEN_FIELD.search(text)
        or "Loading..." in text
        or TOC_ENTRY.search(text)
        or "\u0667" in text
        or re.search(r"\b[A-Z] [A-Z]{2,}\b", text)  # letter-spaced small caps: "U SE"
    )
