"""A third policy dropped into the folder, and the index's fingerprint-driven rebuilds."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.service import PolicyService
from bot.settings import Settings
from bot.types import AnswerStatus
from knowledge.catalog import POLICY_DIR, CatalogError, load_catalog
from knowledge.embedding import load_embeddings
from knowledge.index import open_index

ACME_TEXT = """ACME TOWN\tPOLICY MANUAL
Page 1 of 2

PURPOSE:

This guideline explains how Town staff use social media at work and at home.

RULES:

- a) Staff must not post photographs of snow plows or other Town vehicles on personal accounts.
- b) Staff may share posts from the official Town accounts on their own profiles.
Page 2 of 2
- c) Staff who post about Town business must add the sentence "My views are my own."

CONTACT:

Questions about this guideline go to the Town Clerk.
"""
ACME_META = """org_id: acme
org_name: Town of Acme
doc_id: GEN-7
title: Social Media Guideline
effective_date: 2025-01-01
next_review_date: 2027-01-01
inquiries: the Town Clerk
label_style: parens
outline:
  - {heading: "PURPOSE:", label: Purpose, slug: purpose}
  - {heading: "RULES:", label: Rules, slug: rules}
  - {heading: "CONTACT:", label: Contact, slug: contact}
"""


@pytest.fixture(scope="module")
def three_policies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("policies")
    for f in POLICY_DIR.iterdir():
        shutil.copy(f, folder / f.name)
    (folder / "acme_GEN-7.txt").write_text(ACME_TEXT, encoding="utf-8")
    (folder / "acme_GEN-7.yaml").write_text(ACME_META, encoding="utf-8")
    return folder


def test_a_third_policy_is_parsed_from_its_files(three_policies: Path) -> None:
    catalog = load_catalog(three_policies)
    assert catalog.org_ids == ("acme", "mission", "saint-john")
    acme = {c.clause_id: c for c in catalog.policy_for_org("acme").clauses}
    assert acme["gen-7.rules.b"].text == "Staff may share posts from the official Town accounts on their own profiles."
    assert acme["gen-7.rules.a"].label == "GEN-7 › Rules › (a)"
    assert "Page" not in acme["gen-7.rules.b"].text


def test_a_third_policy_is_indexed_and_answered(three_policies: Path, tmp_path: Path, settings: Settings) -> None:
    s = replace(settings, policy_dir=three_policies, data_dir=tmp_path)
    service = PolicyService.start(s)
    assert service.startup is not None and service.startup.index.rebuilt
    answer = service.ask("can I post photos of the town snow plows on my personal facebook?", "acme")
    assert answer.status is AnswerStatus.ANSWERED
    assert answer.citations[0].clause_id == "gen-7.rules.a"
    assert answer.citations[0].url == "http://bot.test/policies/GEN-7#gen-7.rules.a"
    # The shipped policies are still answered from the same index.
    assert service.ask("can I use the city logo on my instagram?", "saint-john").citations[0].clause_id == "com-001.personal-use.b.iv"


def test_missing_metadata_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("RULES:\n- a) Be nice.\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="no metadata file lonely.yaml"):
        load_catalog(tmp_path)


def test_outline_heading_missing_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("PURPOSE:\nText.\n", encoding="utf-8")
    (tmp_path / "x.yaml").write_text(ACME_META, encoding="utf-8")
    with pytest.raises(CatalogError, match="RULES:"):
        load_catalog(tmp_path)


def test_index_loads_without_rebuild_and_rebuilds_when_a_policy_changes(tmp_path: Path, service) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "policies"
    shutil.copytree(POLICY_DIR, folder)
    embeddings = load_embeddings()
    index_dir = tmp_path / "index"
    _, first = open_index(load_catalog(folder), index_dir, embeddings)
    assert first.rebuilt
    _, again = open_index(load_catalog(folder), index_dir, embeddings)
    assert not again.rebuilt and again.fingerprint == first.fingerprint
    mission = folder / "mission_HUM-11A_use-of-social-media.txt"
    mission.write_text(mission.read_text(encoding="utf-8").replace("Lobbying for political purposes;", "Lobbying for any political purposes;"), encoding="utf-8")
    store, changed = open_index(load_catalog(folder), index_dir, embeddings)
    assert changed.rebuilt and changed.fingerprint != first.fingerprint
    hits = store.similarity_search(
        "Lobbying for any political purposes", k=1, filter={"$and": [{"org_id": "mission"}, {"source": "clause"}]}
    )
    assert hits[0].metadata["clause_id"] == "hum-11a.definitions.inappropriate-use.vii"
    assert "any political" in hits[0].page_content
