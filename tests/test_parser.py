"""Golden tests for the clause parser on both shipped policies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from knowledge.catalog import POLICY_DIR, load_catalog
from knowledge.clauses import ClauseKind
from knowledge.noise import PAGE_FOOTER, has_noise, strip_noise
from knowledge.parser import parse_policy

SHARED = Path(__file__).resolve().parents[2] / "shared" / "policies"


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog()


def _by_id(catalog, org):  # type: ignore[no-untyped-def]
    return {c.clause_id: c for c in catalog.policy_for_org(org).clauses}


def test_project_copy_is_verbatim_copy_of_shared_policies() -> None:
    if not SHARED.exists():
        pytest.skip("../shared/policies not beside the checkout")
    for src in SHARED.glob("*.txt"):
        assert (POLICY_DIR / src.name).read_bytes() == src.read_bytes(), src.name


def test_clause_counts(catalog) -> None:  # type: ignore[no-untyped-def]
    counts = {p.info.org_id: len(p.clauses) for p in catalog.policies}
    assert counts == {"saint-john": 83, "mission": 68}


def test_every_clause_is_clean_and_verbatim(catalog) -> None:  # type: ignore[no-untyped-def]
    for policy in catalog.policies:
        source = (POLICY_DIR / policy.info.source_file).read_text(encoding="utf-8")
        flat = re.sub(r"\s+", " ", strip_noise(source))
        for clause in policy.clauses:
            assert clause.text.strip(), clause.clause_id
            assert not has_noise(clause.text), (clause.clause_id, clause.text)
            assert "Loading" not in clause.text and "Bookmark" not in clause.text
            # Verbatim: the text is the source, cut in at most two places (a displaced list
            # marker or a displaced fragment taken out), never rewritten.
            rest, pieces = clause.text, 0
            while rest:
                n = len(rest)
                while n > 0 and rest[:n] not in flat:
                    n -= 1
                assert n >= 3, (clause.clause_id, rest[:60])
                rest = rest[n:].lstrip()
                pieces += 1
            assert pieces <= 3, (clause.clause_id, pieces)


def test_noise_is_really_in_the_sources() -> None:
    sj = (POLICY_DIR / "saint-john_COM-001_social-media-policy.txt").read_text(encoding="utf-8")
    assert PAGE_FOOTER.search(sj) and "Error! Bookmark not defined." in sj and "U SE OF O FFICIAL" in sj
    mi = (POLICY_DIR / "mission_HUM-11A_use-of-social-media.txt").read_text(encoding="utf-8")
    assert "\u0667." in mi and "\t" in mi


SAINT_JOHN_LABELS = {
    "com-001.personal-use.b.iii": "COM-001 › Personal Use of Social Media › (b)(iii)",
    "com-001.personal-use.a": "COM-001 › Personal Use of Social Media › (a)",
    "com-001.definitions.d.iv": "COM-001 › Definitions › (d)(iv)",
    "com-001.definitions.g": "COM-001 › Definitions › (g) “Hateful Content”",
    "com-001.official-use.e": "COM-001 › Use of Official Social Media Sites › (e)",
    "com-001.human-resources": "COM-001 › Human Resources",
    "com-001.inquiries": "COM-001 › Inquiries",
    "com-001.scope.p2": "COM-001 › Scope › ¶2",
}
MISSION_LABELS = {
    "hum-11a.personal-use.iv.g": "HUM.11(A) › 3. Personal Use of Social Media › 3.iv.g",
    "hum-11a.definitions.inappropriate-use.xi": "HUM.11(A) › Definitions › “Inappropriate Use” xi",
    "hum-11a.transparency.i.b.iv": "HUM.11(A) › Transparency and Standards of Conduct › 1.i.b.iv",
    "hum-11a.crisis.ii": "HUM.11(A) › 2. Crisis Communications and Issues Management › 2.ii",
    "hum-11a.personal-use.vii": "HUM.11(A) › 3. Personal Use of Social Media › 3.vii",
}


def test_labels_use_the_policies_numbering(catalog) -> None:  # type: ignore[no-untyped-def]
    sj, mi = _by_id(catalog, "saint-john"), _by_id(catalog, "mission")
    for cid, label in SAINT_JOHN_LABELS.items():
        assert sj[cid].label == label
    for cid, label in MISSION_LABELS.items():
        assert mi[cid].label == label


def test_every_numbered_item_is_its_own_clause(catalog) -> None:  # type: ignore[no-untyped-def]
    sj, mi = _by_id(catalog, "saint-john"), _by_id(catalog, "mission")
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"]
    assert all(f"com-001.personal-use.b.{r}" in sj for r in roman[:8])
    assert all(f"com-001.definitions.d.{r}" in sj for r in roman[:5])
    assert all(f"com-001.official-use.{a}" in sj for a in "abcdef")
    assert all(f"hum-11a.definitions.inappropriate-use.{r}" in mi for r in roman)
    assert all(f"hum-11a.transparency.i.{a}" in mi for a in "abcdefgh")
    assert all(f"hum-11a.transparency.i.b.{r}" in mi for r in roman[:7])
    assert all(f"hum-11a.personal-use.iv.{a}" in mi for a in "abcdefgh")
    assert all(f"hum-11a.crisis.{r}" in mi for r in roman[:4])
    assert all(f"hum-11a.oversight.{r}" in mi for r in roman[:3])
    # Letters after "h)" are letters, not roman numerals.
    assert "com-001.definitions.i" in sj and sj["com-001.definitions.i"].term == "Official Use"
    assert "com-001.corporate-communications.i" in sj


def test_texts_of_tricky_clauses(catalog) -> None:  # type: ignore[no-untyped-def]
    sj, mi = _by_id(catalog, "saint-john"), _by_id(catalog, "mission")
    # The roman numeral v drifted mid-line (as ARABIC-INDIC DIGIT SEVEN) in the export.
    assert mi["hum-11a.definitions.inappropriate-use.v"].text == (
        "Posting, publishing, re-publishing or publicly sharing confidential information, or information that "
        "would be a breach of the Freedom of Information & Protection of Privacy Act (FOIPPA);"
    )
    # Item xi was also dropped into the PURPOSE sentence by the export.
    assert "responsive to the needs of the community, while" in mi["hum-11a.purpose.p1"].text
    # A page footer in mid-sentence disappears.
    assert "disability, family status" in sj["com-001.definitions.g"].text
    # A page break inside an item is joined again.
    assert mi["hum-11a.transparency.iii"].text.endswith("online services necessary to conduct business with the City of Mission.")
    # A paragraph after a nested list belongs to the item that owns the list.
    assert mi["hum-11a.transparency.i.b.p1"].text.startswith("If repeated posts")
    assert sj["com-001.scope.p2"].text.startswith("Note: Policies of the City apply to the off-duty")
    assert sj["com-001.legislation.d"].text.endswith("c. R-10.6.")
    assert sj["com-001.legislation.p2.a"].text.startswith("POL 2008-007")


def test_lead_ins_and_kinds(catalog) -> None:  # type: ignore[no-untyped-def]
    sj, mi = _by_id(catalog, "saint-john"), _by_id(catalog, "mission")
    b3 = sj["com-001.personal-use.b.iii"]
    assert b3.lead_in.startswith("Employees shall:")
    assert "comply with the following:" in b3.lead_in
    assert b3.kind is ClauseKind.PROHIBITION
    assert sj["com-001.personal-use.b.viii"].kind is ClauseKind.OBLIGATION
    assert sj["com-001.definitions.k"].kind is ClauseKind.DEFINITION
    assert sj["com-001.corporate-communications.a"].kind is ClauseKind.PROCEDURE
    assert mi["hum-11a.personal-use.i"].kind is ClauseKind.PERMISSION
    assert mi["hum-11a.personal-use.vii"].kind is ClauseKind.PROHIBITION
    assert mi["hum-11a.personal-use.iv.d"].kind is ClauseKind.OBLIGATION
    assert mi["hum-11a.definitions.inappropriate-use.ii"].related == ("hum-11a.personal-use.iv.f",)
    assert mi["hum-11a.personal-use.iv.g"].heading_path == ("Policy", "3. Personal Use of Social Media")


def test_ids_are_stable_across_parses(catalog) -> None:  # type: ignore[no-untyped-def]
    again = load_catalog()
    assert [c.clause_id for c in again.clauses] == [c.clause_id for c in catalog.clauses]
    assert len({c.clause_id for c in catalog.clauses}) == len(catalog.clauses)
    assert again.fingerprint == catalog.fingerprint


def test_letter_spaced_headings_are_found() -> None:
    text = "INTRO Some text here. E MPLOYEES P ERSONAL U SE OF S OCIAL M EDIA Employees shall: a) Do not swear; b) Be kind."
    meta = {
        "org_id": "t", "doc_id": "T-1", "label_style": "parens",
        "outline": [{"heading": "INTRO", "label": "Intro", "slug": "intro"},
                    {"heading": "EMPLOYEES PERSONAL USE OF SOCIAL MEDIA", "label": "Personal Use", "slug": "personal"}],
    }
    clauses = {c.clause_id: c for c in parse_policy(text, meta)}
    assert clauses["t-1.personal.a"].text == "Do not swear;"
    assert clauses["t-1.personal.b"].label == "T-1 › Personal Use › (b)"


def test_metadata_files_have_contacts_and_dates() -> None:
    for meta_path in POLICY_DIR.glob("*.yaml"):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        assert meta["inquiries"] and meta["effective_date"] and meta["next_review_date"], meta_path.name
