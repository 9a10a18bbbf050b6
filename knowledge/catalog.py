"""The policies the bot knows: every `<stem>.txt` + `<stem>.yaml` pair in a folder."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.clauses import Clause, Policy, PolicyInfo
from knowledge.parser import parse_policy

POLICY_DIR = Path(__file__).resolve().parent / "policies"
REQUIRED_FIELDS = ("org_id", "org_name", "doc_id", "title", "outline")


class CatalogError(ValueError):
    """A policy file or its metadata cannot be used; the message names the file."""


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Catalog:
    policies: tuple[Policy, ...]
    fingerprint: str

    @property
    def org_ids(self) -> tuple[str, ...]:
        return tuple(p.info.org_id for p in self.policies)

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for p in self.policies for c in p.clauses)

    def policy_for_org(self, org_id: str) -> Policy | None:
        return next((p for p in self.policies if p.info.org_id == org_id), None)

    def policy_for_doc(self, doc_id: str) -> Policy | None:
        return next((p for p in self.policies if p.info.doc_id == doc_id), None)

    def clause(self, clause_id: str) -> Clause | None:
        for p in self.policies:
            found = p.clause(clause_id)
            if found is not None:
                return found
        return None


def _load_one(txt: Path) -> Policy:
    meta_path = txt.with_suffix(".yaml")
    if not meta_path.exists():
        raise CatalogError(f"{txt.name}: no metadata file {meta_path.name} beside it")
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{meta_path.name}: not valid YAML ({exc})") from exc
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    if missing:
        raise CatalogError(f"{meta_path.name}: missing {', '.join(missing)}")
    text = txt.read_text(encoding="utf-8")
    try:
        clauses = parse_policy(text, meta)
    except ValueError as exc:
        raise CatalogError(f"{txt.name}: {exc}") from exc
    info = PolicyInfo(
        org_id=str(meta["org_id"]),
        org_name=str(meta["org_name"]),
        doc_id=str(meta["doc_id"]),
        title=str(meta["title"]),
        version=str(meta.get("version", "")),
        effective_date=_date(meta.get("effective_date")),
        next_review_date=_date(meta.get("next_review_date")),
        review_note=str(meta.get("review_note", "")),
        inquiries=str(meta.get("inquiries", "")),
        inquiries_clause=str(meta.get("inquiries_clause", "")),
        policy_owner=str(meta.get("policy_owner", "")),
        source=str(meta.get("source", "")),
        source_file=txt.name,
    )
    return Policy(info=info, clauses=tuple(clauses))


def fingerprint_of(policy_dir: Path, extra: str = "") -> str:
    """Hash of everything that decides the clauses: texts, metadata and the parser's code."""
    h = hashlib.sha256()
    for path in sorted(policy_dir.glob("*.txt")) + sorted(policy_dir.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    here = Path(__file__).resolve().parent
    for module in ("parser.py", "noise.py", "clauses.py", "catalog.py"):
        h.update((here / module).read_bytes())
    h.update(extra.encode())
    return h.hexdigest()[:16]


def load_catalog(policy_dir: Path | None = None) -> Catalog:
    policy_dir = policy_dir or POLICY_DIR
    txts = sorted(policy_dir.glob("*.txt"))
    if not txts:
        raise CatalogError(f"no policy texts (*.txt) in {policy_dir}")
    policies = tuple(_load_one(t) for t in txts)
    seen: set[str] = set()
    for p in policies:
        for key in (p.info.org_id, p.info.doc_id):
            if key in seen:
                raise CatalogError(f"{p.info.source_file}: org or document id {key!r} is used twice")
            seen.add(key)
    return Catalog(policies=policies, fingerprint=fingerprint_of(policy_dir))
