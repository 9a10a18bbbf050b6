"""bot.storage: verbatim answers, durable and concurrent writes, hashing, stats, CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.storage import SALT_FILENAME, Store
from bot.types import Answer, AnswerStatus, Citation


def make_answer(answer_id: str, question: str = "can I use the logo?", *, status: AnswerStatus = AnswerStatus.ANSWERED, org: str | None = "saint-john") -> Answer:
    cites = (
        (
            Citation("COM-001", "com-001.personal-use.b.iv", "COM-001 › Personal Use of Social Media › (b)(iv)", "Do not use the City’s logos or trademarks on Personal Use Social Media sites;", "http://bot.test/policies/COM-001#com-001.personal-use.b.iv"),
        )
        if status is AnswerStatus.ANSWERED
        else ()
    )
    return Answer(question=question, org=org, status=status, short_answer="No." if cites else "", text="t", citations=cites, id=answer_id)


def test_answer_round_trips_verbatim_with_versions(store: Store) -> None:
    answer = make_answer("a1", "can I use the “logo”? 🙂")
    store.save_answer(answer, policies={"COM-001": "2022"}, fingerprint="fp1", asker="web:abc", channel="web")
    got = store.get_answer("a1")
    assert got is not None
    assert got.data == answer.to_dict()  # the JSON exactly as given, quotes and labels included
    assert got.question == "can I use the “logo”? 🙂"
    assert got.policy_versions == {"COM-001": "2022"} and got.fingerprint == "fp1" and got.channel == "web"
    assert got.created_at.tzinfo is not None
    assert store.get_answer("nope") is None


def test_identities_are_only_stored_as_salted_hashes(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)  # no salt given: a random one is kept beside the database
    store.save_answer(make_answer("a1"), asker="U123SLACKUSER", channel="slack")
    store.save_feedback("a1", True, asker="U123SLACKUSER")
    store.save_check({"org": "mission", "verdict": "ok", "findings": []}, asker="U123SLACKUSER", channel="slack")
    store.close()
    raw = db.read_bytes() + (db.with_name(db.name + "-wal").read_bytes() if db.with_name(db.name + "-wal").exists() else b"")
    assert b"U123SLACKUSER" not in raw
    salt = (tmp_path / SALT_FILENAME).read_text().strip()
    assert len(salt) == 64 and (tmp_path / SALT_FILENAME).stat().st_mode & 0o777 == 0o600
    # The same salt is reused: hashes are stable across restarts, different across salts.
    again = Store.open(db)
    other = Store.open(tmp_path / "other" / "o.db", salt="another salt")
    assert again.hash_identity("U1") == Store.open(db).hash_identity("U1") != other.hash_identity("U1")
    with sqlite3.connect(db) as conn:
        hashes = {row[0] for row in conn.execute("select asker_hash from answers union select asker_hash from feedback union select asker_hash from checks")}
    assert hashes == {again.hash_identity("U123SLACKUSER")}


def test_for_settings_uses_data_dir_database_url_and_salt(tmp_path: Path) -> None:
    s = Settings(data_dir=tmp_path / "data")
    store = Store.for_settings(s)
    assert (tmp_path / "data" / "policybot.db").exists() and (tmp_path / "data" / SALT_FILENAME).exists()
    url_store = Store.for_settings(replace(s, database_url=f"sqlite:///{tmp_path / 'elsewhere.db'}", extra={"POLICYBOT_SALT": "pepper"}))
    url_store.save_answer(make_answer("x1"))
    assert (tmp_path / "elsewhere.db").exists()
    assert url_store.hash_identity("u") == Store.open(tmp_path / "z.db", salt="pepper").hash_identity("u") != store.hash_identity("u")


def test_sqlite_runs_in_wal_mode_with_full_sync(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_concurrent_writes_are_all_committed_and_visible_to_a_new_connection(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    store = Store.open(db, salt="s")
    ids = [f"id{i:04d}" for i in range(200)]

    def write(answer_id: str) -> str:
        store.save_answer(make_answer(answer_id, f"question {answer_id}"), asker=answer_id, channel="web")
        store.save_feedback(answer_id, int(answer_id[2:]) % 2 == 0, asker="someone")
        return answer_id

    with ThreadPoolExecutor(16) as pool:
        assert sorted(pool.map(write, ids)) == ids
    # A second store (another process would see the same) finds every answer at once.
    fresh = Store.open(db, salt="s")
    assert all(fresh.get_answer(i) is not None for i in ids)
    stats = fresh.stats()
    assert stats.answers == 200 and stats.helpful == 100 and stats.not_helpful == 100


def test_feedback_one_vote_per_person_and_unknown_answer(store: Store) -> None:
    store.save_answer(make_answer("a1"))
    assert store.save_feedback("a1", True, asker="p1")
    assert store.save_feedback("a1", False, asker="p1")  # changed their mind
    assert store.save_feedback("a1", True, asker="p2")
    assert not store.save_feedback("missing", True, asker="p1")
    s = store.stats()
    assert (s.helpful, s.not_helpful) == (1, 1)
    assert [r.answer_id for r in s.unhelpful_answers] == ["a1"]


def test_mark_event_once_is_once_even_under_concurrency(store: Store) -> None:
    barrier = threading.Barrier(8)

    def mark(_: int) -> bool:
        barrier.wait()
        return store.mark_event_once("slack", "Ev0123")

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(mark, range(8)))
    assert results.count(True) == 1
    assert store.mark_event_once("teams", "Ev0123")  # same id, other platform


def test_stats_cover_days_clauses_gaps_feedback_checks(store: Store) -> None:
    store.save_answer(make_answer("a1", "logo?"), channel="web")
    store.save_answer(make_answer("a2", "logo on tiktok?"), channel="slack")
    store.save_answer(make_answer("g1", "what is the dress code?", status=AnswerStatus.NOT_COVERED), channel="teams")
    store.save_answer(make_answer("m1", "swearing?", org="mission", status=AnswerStatus.NOT_COVERED))
    store.save_check({"org": "mission", "verdict": "violation", "findings": [{"rule": "x"}]})
    store.save_check({"org": "mission", "verdict": "ok", "findings": []})
    store.save_check({"org": "saint-john", "verdict": "ok", "findings": []})
    s = store.stats()
    assert s.answers == 4 and s.checks == 3
    assert sum(n for _, n in s.questions_per_day) == 4 and len(s.questions_per_day) == 1
    assert s.top_clauses[0].clause_id == "com-001.personal-use.b.iv" and s.top_clauses[0].count == 2
    assert s.top_clauses[0].label.endswith("(b)(iv)")
    assert {r.question for r in s.not_covered} == {"what is the dress code?", "swearing?"}
    assert s.checks_by_verdict == {"violation": 1, "ok": 2}
    assert s.by_channel == {"web": 2, "slack": 1, "teams": 1}
    mission = store.stats(org="mission")
    assert mission.answers == 1 and mission.checks_by_verdict == {"violation": 1, "ok": 1} and not mission.top_clauses


def test_csv_export_has_every_answer_and_defuses_formulas(store: Store) -> None:
    store.save_answer(make_answer("a1", "=HYPERLINK(\"http://evil\",\"x\")"))
    store.save_answer(make_answer("a2", "plain, with a comma and “quotes”"))
    store.save_feedback("a2", True, asker="p")
    rows = list(csv.DictReader(io.StringIO(store.export_csv(base_url="http://bot.test"))))
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert rows[0]["question"].startswith("'=")  # not a formula in a spreadsheet
    assert rows[1]["question"] == "plain, with a comma and “quotes”"
    assert rows[1]["helpful"] == "1" and rows[1]["not_helpful"] == "0"
    assert rows[1]["cited_clauses"] == "com-001.personal-use.b.iv"
    assert rows[1]["permalink"] == "http://bot.test/a/a2"


def test_check_rows_keep_findings_but_not_the_draft(store: Store) -> None:
    result = {"org": "mission", "verdict": "review", "findings": [{"rule": "r", "excerpt": "damn", "span": [0, 4]}]}
    check_id = store.save_check(result, asker="p", channel="web")
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql("select org, verdict, findings_json from checks where id = ?", (check_id,)).one()
    assert row[0] == "mission" and row[1] == "review" and json.loads(row[2])[0]["rule"] == "r"


def test_store_rejects_bad_arguments(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        store.save_answer(make_answer(""))
    with pytest.raises(ValueError):
        store.save_answer(make_answer("a"), channel="fax")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Store.open("postgresql+psycopg://nobody@localhost/none")  # no salt for a remote database
