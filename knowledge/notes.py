"""Plain-language notes per clause (`clause_notes.yaml`), used only to find clauses.

Employees say "trash-talk the mayor"; the policy says "disrespectful or critical comments
about ... Elected Officials". Notes are indexed beside the clause (document expansion) and
never quoted: answers always quote the policy's own words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

NOTES_FILE = Path(__file__).resolve().parent / "clause_notes.yaml"
# Example questions whose answer is the clause (doc2query-style expansion): questions are
# closer in meaning to other questions than to the formal policy wording.
QUESTIONS_FILE = Path(__file__).resolve().parent / "clause_questions.yaml"


def load_notes(path: Path = NOTES_FILE) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): tuple(str(n) for n in (v or ())) for k, v in raw.items()}


def load_questions(path: Path = QUESTIONS_FILE) -> dict[str, tuple[str, ...]]:
    return load_notes(path)


def notes_fingerprint(path: Path = NOTES_FILE) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "none"
