"""The employee-to-policy vocabulary map kept as data in `glossary.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.lexical import normalize

GLOSSARY_FILE = Path(__file__).resolve().parent / "glossary.yaml"


@dataclass(frozen=True)
class GlossaryEntry:
    say: tuple[str, ...]
    means: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def expansions(self, question: str) -> list[str]:
        """Policy wording for every entry the question uses, in glossary order."""
        text = normalize(question)
        return [e.means for e in self.entries if e.pattern.search(text)]

    def expand(self, question: str) -> str:
        extra = self.expansions(question)
        return question if not extra else f"{question} ({'; '.join(extra)})"


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    entries = []
    for item in raw:
        say = tuple(normalize(s) for s in item["say"])
        alternatives = "|".join(re.escape(s) for s in sorted(say, key=len, reverse=True))
        entries.append(GlossaryEntry(say=say, means=str(item["means"]), pattern=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return Glossary(entries=tuple(entries))
