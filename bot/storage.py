"""Answers, feedback, draft checks and processed platform events, in a SQL database.

    store = Store.for_settings(settings)          # SQLite in data_dir, or DATABASE_URL
    stored = store.save_answer(answer, policies=service.policies(), fingerprint=..., asker="web:abc", channel="web")
    store.get_answer(stored.id)

Contract (every adapter relies on it):

- A write method returns only after its transaction has committed, so an id handed to a
  person (a permalink) always resolves, even if the process dies a moment later. On SQLite
  the database runs in WAL mode with `synchronous=FULL`, so a commit is on disk.
- Methods are synchronous and thread-safe: call them from a worker thread (the web server
  does), never from an event loop. SQLite allows one writer at a time, so writes to it are
  serialized by a lock here instead of failing with "database is locked" under load.
- People are stored only as salted hashes (`hash_identity`); the salt comes from settings
  (`POLICYBOT_SALT`) or a random salt kept in a file beside the database, never in it.
- The answer JSON is stored exactly as it was given (verbatim quotes and labels), with the
  policy versions and catalog fingerprint at answer time, so a permalink shows what the
  person saw even after the policies change.

This module is core: it knows nothing about HTTP, Slack or Teams.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import os
import secrets
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Literal, Mapping, Sequence

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    cast,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from bot.settings import Settings
from bot.types import Answer
from knowledge.clauses import PolicyInfo

Channel = Literal["web", "cli", "slack", "teams", "api"]
CHANNELS: tuple[str, ...] = ("web", "cli", "slack", "teams", "api")
DB_FILENAME = "policybot.db"
SALT_FILENAME = "policybot.salt"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything is written in UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


# --- schema -----------------------------------------------------------------------------


class Base(DeclarativeBase):
    pass


class AnswerRow(Base):
    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The UTC day as text: grouping by day is then plain SQL on every database
    # (SQLite has no date type, and date functions differ between dialects).
    day: Mapped[str] = mapped_column(String(10), index=True)
    org: Mapped[str | None] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), index=True)
    answer_json: Mapped[str] = mapped_column(Text)
    policy_versions: Mapped[str] = mapped_column(Text)  # JSON {doc_id: version}
    fingerprint: Mapped[str] = mapped_column(String(128))
    asker_hash: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))


class CitationRow(Base):
    """One row per cited clause, so "most cited clauses" is a GROUP BY, not a JSON scan."""

    __tablename__ = "answer_citations"

    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    clause_id: Mapped[str] = mapped_column(String(200), index=True)
    doc_id: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(Text)


class FeedbackRow(Base):
    __tablename__ = "feedback"
    # One vote per person per answer: pressing the button again changes the vote.
    __table_args__ = (UniqueConstraint("answer_id", "asker_hash", name="uq_feedback_answer_asker"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    asker_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class CheckRow(Base):
    """A draft check. The draft itself is not stored: it may be personal and unposted."""

    __tablename__ = "checks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    day: Mapped[str] = mapped_column(String(10), index=True)
    org: Mapped[str | None] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(16), index=True)
    findings_json: Mapped[str] = mapped_column(Text)
    asker_hash: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))


class ProcessedEventRow(Base):
    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id", name="uq_processed_event"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class UserOrgRow(Base):
    """The policy a chat user chose, where their workspace or tenant serves several."""

    __tablename__ = "user_orgs"

    platform: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    org: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ReminderRow(Base):
    """An HR reminder: a message quoting an answer, posted to a channel or conversation at a
    time. `target` is the platform's address for it (a Slack channel id, a Teams conversation
    key); `platform_ref` what the platform gave back (Slack's scheduled_message_id)."""

    __tablename__ = "reminders"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    platform: Mapped[str] = mapped_column(String(32), index=True)
    workspace: Mapped[str] = mapped_column(String(128), default="")
    target: Mapped[str] = mapped_column(String(255))
    target_name: Mapped[str] = mapped_column(String(255), default="")
    answer_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    send_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # scheduled | sent | cancelled | failed
    platform_ref: Mapped[str] = mapped_column(String(255), default="")
    created_by_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    error: Mapped[str] = mapped_column(Text, default="")


class ConversationRow(Base):
    """Where a bot may later post proactively (a Teams conversation reference, as JSON)."""

    __tablename__ = "conversations"

    platform: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    reference_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


Index("ix_answers_org_day", AnswerRow.org, AnswerRow.day)
Index("ix_answers_asker", AnswerRow.asker_hash, AnswerRow.created_at)


# --- what the store hands back --------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    id: str
    platform: str
    workspace: str
    target: str
    target_name: str
    answer_id: str | None
    text: str
    send_at: dt.datetime
    status: str
    platform_ref: str
    created_at: dt.datetime
    error: str = ""


@dataclass(frozen=True)
class Conversation:
    platform: str
    key: str
    name: str
    reference: dict[str, Any]


def _reminder(row: ReminderRow) -> Reminder:
    return Reminder(
        id=row.id,
        platform=row.platform,
        workspace=row.workspace,
        target=row.target,
        target_name=row.target_name,
        answer_id=row.answer_id,
        text=row.text,
        send_at=_utc(row.send_at),
        status=row.status,
        platform_ref=row.platform_ref,
        created_at=_utc(row.created_at),
        error=row.error,
    )


@dataclass(frozen=True)
class StoredAnswer:
    id: str
    created_at: dt.datetime
    org: str | None
    question: str
    status: str
    data: dict[str, Any]  # the answer JSON exactly as it was given
    policy_versions: dict[str, str]
    fingerprint: str
    channel: str


@dataclass(frozen=True)
class ClauseCount:
    clause_id: str
    doc_id: str
    label: str
    count: int


@dataclass(frozen=True)
class QuestionRow:
    answer_id: str
    created_at: dt.datetime
    org: str | None
    question: str


@dataclass(frozen=True)
class Stats:
    """What HR sees on the admin page. Lists are newest or largest first."""

    answers: int
    checks: int
    questions_per_day: tuple[tuple[str, int], ...]
    by_status: dict[str, int]
    by_channel: dict[str, int]
    top_clauses: tuple[ClauseCount, ...]
    not_covered: tuple[QuestionRow, ...]
    helpful: int
    not_helpful: int
    unhelpful_answers: tuple[QuestionRow, ...]
    checks_by_verdict: dict[str, int]


# --- the store --------------------------------------------------------------------------


def _is_url(target: str) -> bool:
    return "://" in target


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    # WAL: readers never block the writer. FULL: a commit survives a power cut, which is
    # what "a permalink that was handed out is never lost" needs.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def load_or_create_salt(directory: Path) -> bytes:
    """A random salt kept in `directory`, created once (atomically, mode 0600)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SALT_FILENAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        salt = path.read_text(encoding="ascii").strip()
        if salt:
            return salt.encode()
        raise RuntimeError(f"{path} is empty; delete it to create a new salt (old hashes will no longer match)")
    salt = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(salt + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return salt.encode()


class Store:
    def __init__(self, engine: Engine, salt: bytes) -> None:
        if not salt:
            raise ValueError("Store needs a non-empty salt for hashing identities")
        self.engine = engine
        self._salt = salt
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._is_sqlite = engine.dialect.name == "sqlite"
        # SQLite has one writer; a process-wide lock turns contention into a short wait.
        self._write_lock = threading.Lock() if self._is_sqlite else None
        Base.metadata.create_all(engine)

    # construction ------------------------------------------------------------------

    @classmethod
    def open(cls, target: str | os.PathLike[str], salt: str | bytes | None = None) -> "Store":
        """A database URL (`postgresql+psycopg://...`, `sqlite:///...`) or a SQLite file path.

        Without `salt`, a random one is kept in a file beside a SQLite database (for another
        database, pass the salt: it must not live in the database it protects).
        """
        text = os.fspath(target)
        if _is_url(text):
            url = text
            sqlite_path = Path(text.split(":///", 1)[1]) if text.startswith("sqlite:///") and text != "sqlite:///:memory:" else None
        else:
            sqlite_path = Path(text).expanduser()
            url = f"sqlite:///{sqlite_path}"
        if sqlite_path is not None:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        if salt is None:
            if sqlite_path is None:
                raise ValueError("pass a salt (POLICYBOT_SALT) when the database is not a local SQLite file")
            salt = load_or_create_salt(sqlite_path.parent)
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return cls(engine, salt.encode() if isinstance(salt, str) else salt)

    @classmethod
    def for_settings(cls, settings: Settings) -> "Store":
        """`settings.database_url`, else SQLite at `data_dir/policybot.db`.

        Salt: `POLICYBOT_SALT`, else a random salt kept in `data_dir` (shared by every
        process on this machine; set POLICYBOT_SALT when several machines share a database).
        """
        salt: str | bytes | None = settings.extra.get("POLICYBOT_SALT") or None
        if salt is None:
            salt = load_or_create_salt(settings.data_dir)
        target = settings.database_url or str(settings.data_dir / DB_FILENAME)
        return cls.open(target, salt=salt)

    def close(self) -> None:
        self.engine.dispose()

    # helpers ----------------------------------------------------------------------

    def hash_identity(self, identity: str | None) -> str | None:
        """A salted hash of who asked (a Slack user id, a browser cookie); None stays None."""
        if not identity:
            return None
        return hmac.new(self._salt, identity.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def _write(self) -> "_WriteSession":
        return _WriteSession(self._sessions, self._write_lock)

    # answers --------------------------------------------------------------------------

    def save_answer(
        self,
        answer: Answer,
        *,
        policies: Sequence[PolicyInfo] | Mapping[str, str] = (),
        fingerprint: str = "",
        asker: str | None = None,
        channel: Channel = "web",
    ) -> StoredAnswer:
        """Store an answer under its own id; returns after the commit."""
        row, cites, stored = self._answer_rows(answer, policies=policies, fingerprint=fingerprint, asker=asker, channel=channel)
        with self._write() as session:
            session.add(row)
            session.flush()  # the answer row first: citations reference it
            session.add_all(cites)
        return stored

    def save_answers(self, items: Sequence[Mapping[str, Any]]) -> list["StoredAnswer | Exception"]:
        """`save_answer(**item)` for each item, committed together (one transaction, one
        fsync: a busy server's group commit). Returns after the commit. Should the batch
        fail, each item is retried on its own, so one bad item costs only itself."""
        try:
            built = [self._answer_rows(**item) for item in items]
            with self._write() as session:
                for row, _, _ in built:
                    session.add(row)
                session.flush()
                for _, cites, _ in built:
                    session.add_all(cites)
            return [stored for _, _, stored in built]
        except Exception:  # noqa: BLE001 - find out which item it was
            if len(items) == 1:
                raise
        out: list[StoredAnswer | Exception] = []
        for item in items:
            try:
                out.append(self.save_answer(**item))
            except Exception as exc:  # noqa: BLE001 - reported to that item's caller
                out.append(exc)
        return out

    def _answer_rows(
        self,
        answer: Answer,
        *,
        policies: Sequence[PolicyInfo] | Mapping[str, str] = (),
        fingerprint: str = "",
        asker: str | None = None,
        channel: Channel = "web",
    ) -> tuple["AnswerRow", list["CitationRow"], StoredAnswer]:
        if not answer.id:
            raise ValueError("the answer has no id")
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}")
        versions = dict(policies) if isinstance(policies, Mapping) else {p.doc_id: p.version for p in policies}
        data = answer.to_dict()
        now = _now()
        row = AnswerRow(
            id=answer.id,
            created_at=now,
            day=now.date().isoformat(),
            org=answer.org,
            question=answer.question,
            status=answer.status.value,
            answer_json=json.dumps(data, ensure_ascii=False),
            policy_versions=json.dumps(versions, ensure_ascii=False),
            fingerprint=fingerprint,
            asker_hash=self.hash_identity(asker),
            channel=channel,
        )
        cites = [
            CitationRow(answer_id=answer.id, rank=i, clause_id=c.clause_id, doc_id=c.doc_id, label=c.label)
            for i, c in enumerate(answer.citations)
        ]
        stored = StoredAnswer(
            id=answer.id,
            created_at=now,
            org=answer.org,
            question=answer.question,
            status=answer.status.value,
            data=data,
            policy_versions=versions,
            fingerprint=fingerprint,
            channel=channel,
        )
        return row, cites, stored

    def get_answer(self, answer_id: str) -> StoredAnswer | None:
        with self._sessions() as session:
            row = session.get(AnswerRow, answer_id)
            if row is None:
                return None
            return StoredAnswer(
                id=row.id,
                created_at=_utc(row.created_at),
                org=row.org,
                question=row.question,
                status=row.status,
                data=json.loads(row.answer_json),
                policy_versions=json.loads(row.policy_versions or "{}"),
                fingerprint=row.fingerprint,
                channel=row.channel,
            )

    # feedback -------------------------------------------------------------------------

    def save_feedback(self, answer_id: str, helpful: bool, asker: str | None = None) -> bool:
        """Record a vote; False when there is no such answer. A second vote from the same
        person on the same answer replaces the first."""
        asker_hash = self.hash_identity(asker) or "anonymous:" + uuid.uuid4().hex[:16]
        for _attempt in range(3):
            try:
                with self._write() as session:
                    if session.get(AnswerRow, answer_id) is None:
                        return False
                    existing = session.scalar(
                        select(FeedbackRow).where(FeedbackRow.answer_id == answer_id, FeedbackRow.asker_hash == asker_hash)
                    )
                    if existing is None:
                        session.add(FeedbackRow(answer_id=answer_id, helpful=bool(helpful), asker_hash=asker_hash, created_at=_now()))
                    else:
                        existing.helpful = bool(helpful)
                        existing.created_at = _now()
                return True
            except IntegrityError:
                # Two concurrent first votes by the same person on a multi-writer database:
                # the loser retries and finds the winner's row to update.
                continue
        return True

    # checks ---------------------------------------------------------------------------

    def save_check(
        self,
        result: Mapping[str, Any],
        *,
        asker: str | None = None,
        channel: Channel = "web",
    ) -> str:
        """Store a draft check result (the `check --json` object without the draft text)."""
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}")
        check_id = uuid.uuid4().hex[:12]
        now = _now()
        row = CheckRow(
            id=check_id,
            created_at=now,
            day=now.date().isoformat(),
            org=result.get("org"),
            verdict=str(result.get("verdict", "")),
            findings_json=json.dumps(result.get("findings", []), ensure_ascii=False),
            asker_hash=self.hash_identity(asker),
            channel=channel,
        )
        with self._write() as session:
            session.add(row)
        return check_id

    # platform events ------------------------------------------------------------------

    def mark_event_once(self, platform: str, event_id: str) -> bool:
        """True the first time (platform, event_id) is seen, False on every retry after.

        Slack and Teams redeliver events they think were lost; the unique constraint makes
        this safe across threads and processes.
        """
        try:
            with self._write() as session:
                session.add(ProcessedEventRow(platform=platform, event_id=event_id, created_at=_now()))
            return True
        except IntegrityError:
            return False

    # chat platforms -------------------------------------------------------------------

    def recent_questions(self, asker: str, *, channel: Channel | None = None, limit: int = 5) -> tuple[QuestionRow, ...]:
        """The asker's latest questions, newest first (for Slack's App Home and the like)."""
        asker_hash = self.hash_identity(asker)
        stmt = select(AnswerRow.id, AnswerRow.created_at, AnswerRow.org, AnswerRow.question).where(AnswerRow.asker_hash == asker_hash)
        if channel:
            stmt = stmt.where(AnswerRow.channel == channel)
        with self._sessions() as s:
            rows = s.execute(stmt.order_by(AnswerRow.created_at.desc()).limit(limit)).all()
        return tuple(QuestionRow(i, _utc(t), o, q) for i, t, o, q in rows)

    def user_org(self, platform: str, user: str) -> str | None:
        with self._sessions() as s:
            row = s.get(UserOrgRow, (platform, self.hash_identity(user)))
            return row.org if row else None

    def set_user_org(self, platform: str, user: str, org: str) -> None:
        user_hash = self.hash_identity(user) or ""
        with self._write() as session:
            row = session.get(UserOrgRow, (platform, user_hash))
            if row is None:
                session.add(UserOrgRow(platform=platform, user_hash=user_hash, org=org, updated_at=_now()))
            else:
                row.org = org
                row.updated_at = _now()

    def add_reminder(
        self,
        *,
        platform: str,
        target: str,
        text: str,
        send_at: dt.datetime,
        answer_id: str | None = None,
        workspace: str = "",
        target_name: str = "",
        status: str = "scheduled",
        platform_ref: str = "",
        created_by: str | None = None,
    ) -> Reminder:
        row = ReminderRow(
            id=uuid.uuid4().hex[:12],
            platform=platform,
            workspace=workspace,
            target=target,
            target_name=target_name,
            answer_id=answer_id,
            text=text,
            send_at=_utc(send_at),
            status=status,
            platform_ref=platform_ref,
            created_by_hash=self.hash_identity(created_by),
            created_at=_now(),
            error="",
        )
        with self._write() as session:
            session.add(row)
        return _reminder(row)

    def reminders(self, platform: str, *, workspace: str | None = None, status: str | None = "scheduled") -> tuple[Reminder, ...]:
        stmt = select(ReminderRow).where(ReminderRow.platform == platform)
        if workspace is not None:
            stmt = stmt.where(ReminderRow.workspace == workspace)
        if status is not None:
            stmt = stmt.where(ReminderRow.status == status)
        with self._sessions() as s:
            return tuple(_reminder(r) for r in s.scalars(stmt.order_by(ReminderRow.send_at)))

    def due_reminders(self, platform: str, now: dt.datetime | None = None) -> tuple[Reminder, ...]:
        stmt = select(ReminderRow).where(
            ReminderRow.platform == platform, ReminderRow.status == "scheduled", ReminderRow.send_at <= _utc(now or _now())
        )
        with self._sessions() as s:
            return tuple(_reminder(r) for r in s.scalars(stmt.order_by(ReminderRow.send_at)))

    def update_reminder(self, reminder_id: str, *, status: str, platform_ref: str | None = None, error: str = "") -> bool:
        """Move a reminder on (sent, cancelled, failed); False when there is no such reminder."""
        with self._write() as session:
            row = session.get(ReminderRow, reminder_id)
            if row is None:
                return False
            row.status = status
            row.error = error
            if platform_ref is not None:
                row.platform_ref = platform_ref
        return True

    def save_conversation(self, platform: str, key: str, reference: Mapping[str, Any], name: str = "") -> None:
        data = json.dumps(dict(reference), ensure_ascii=False)
        with self._write() as session:
            row = session.get(ConversationRow, (platform, key))
            if row is None:
                session.add(ConversationRow(platform=platform, key=key, name=name, reference_json=data, updated_at=_now()))
            else:
                row.reference_json = data
                row.name = name or row.name
                row.updated_at = _now()

    def conversation(self, platform: str, key: str) -> Conversation | None:
        with self._sessions() as s:
            row = s.get(ConversationRow, (platform, key))
            return Conversation(row.platform, row.key, row.name, json.loads(row.reference_json)) if row else None

    def conversations(self, platform: str) -> tuple[Conversation, ...]:
        with self._sessions() as s:
            rows = s.scalars(select(ConversationRow).where(ConversationRow.platform == platform).order_by(ConversationRow.name))
            return tuple(Conversation(r.platform, r.key, r.name, json.loads(r.reference_json)) for r in rows)

    # admin ------------------------------------------------------------------------------

    def stats(self, *, org: str | None = None, days: int = 30, top: int = 10, recent: int = 50) -> Stats:
        since = (_now() - dt.timedelta(days=days - 1)).date().isoformat()

        def org_filter(stmt: Any, column: Any) -> Any:
            return stmt.where(column == org) if org else stmt

        with self._sessions() as s:
            answers = s.scalar(org_filter(select(func.count()).select_from(AnswerRow), AnswerRow.org)) or 0
            checks = s.scalar(org_filter(select(func.count()).select_from(CheckRow), CheckRow.org)) or 0
            per_day = s.execute(
                org_filter(select(AnswerRow.day, func.count()).where(AnswerRow.day >= since), AnswerRow.org)
                .group_by(AnswerRow.day)
                .order_by(AnswerRow.day)
            ).all()
            by_status = s.execute(org_filter(select(AnswerRow.status, func.count()), AnswerRow.org).group_by(AnswerRow.status)).all()
            by_channel = s.execute(org_filter(select(AnswerRow.channel, func.count()), AnswerRow.org).group_by(AnswerRow.channel)).all()
            n = func.count().label("n")
            top_rows = s.execute(
                org_filter(
                    select(CitationRow.clause_id, CitationRow.doc_id, func.max(CitationRow.label), n).join(
                        AnswerRow, AnswerRow.id == CitationRow.answer_id
                    ),
                    AnswerRow.org,
                )
                .group_by(CitationRow.clause_id, CitationRow.doc_id)
                .order_by(n.desc(), CitationRow.clause_id)
                .limit(top)
            ).all()
            gaps = s.execute(
                org_filter(
                    select(AnswerRow.id, AnswerRow.created_at, AnswerRow.org, AnswerRow.question).where(AnswerRow.status == "not_covered"),
                    AnswerRow.org,
                )
                .order_by(AnswerRow.created_at.desc())
                .limit(recent)
            ).all()
            votes = s.execute(
                org_filter(select(FeedbackRow.helpful, func.count()).join(AnswerRow, AnswerRow.id == FeedbackRow.answer_id), AnswerRow.org).group_by(
                    FeedbackRow.helpful
                )
            ).all()
            unhelpful = s.execute(
                org_filter(
                    select(AnswerRow.id, AnswerRow.created_at, AnswerRow.org, AnswerRow.question)
                    .join(FeedbackRow, AnswerRow.id == FeedbackRow.answer_id)
                    .where(FeedbackRow.helpful.is_(False)),
                    AnswerRow.org,
                )
                .order_by(FeedbackRow.created_at.desc())
                .limit(recent)
            ).all()
            verdicts = s.execute(org_filter(select(CheckRow.verdict, func.count()), CheckRow.org).group_by(CheckRow.verdict)).all()

        vote_counts = {bool(h): int(c) for h, c in votes}
        return Stats(
            answers=int(answers),
            checks=int(checks),
            questions_per_day=tuple((d, int(c)) for d, c in per_day),
            by_status={st: int(c) for st, c in by_status},
            by_channel={ch: int(c) for ch, c in by_channel},
            top_clauses=tuple(ClauseCount(cid, doc, label or "", int(c)) for cid, doc, label, c in top_rows),
            not_covered=tuple(QuestionRow(i, _utc(t), o, q) for i, t, o, q in gaps),
            helpful=vote_counts.get(True, 0),
            not_helpful=vote_counts.get(False, 0),
            unhelpful_answers=tuple(QuestionRow(i, _utc(t), o, q) for i, t, o, q in unhelpful),
            checks_by_verdict={v: int(c) for v, c in verdicts},
        )

    def export_csv(self, *, org: str | None = None, base_url: str = "", batch: int = 1000) -> str:
        """Every answer as CSV (one row each, with its votes), for HR's spreadsheet."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["id", "created_at_utc", "org", "channel", "status", "question", "short_answer", "cited_clauses", "helpful", "not_helpful", "permalink"]
        )
        for row in self._export_rows(org=org, base_url=base_url, batch=batch):
            writer.writerow([_csv_cell(v) for v in row])
        return out.getvalue()

    def _export_rows(self, *, org: str | None, base_url: str, batch: int) -> Iterator[list[str]]:
        yes = func.sum(cast(FeedbackRow.helpful, Integer))
        total = func.count(FeedbackRow.id)
        with self._sessions() as s:
            votes = {
                aid: (int(y or 0), int(t) - int(y or 0))
                for aid, y, t in s.execute(select(FeedbackRow.answer_id, yes, total).group_by(FeedbackRow.answer_id)).all()
            }
            stmt = select(AnswerRow).order_by(AnswerRow.created_at, AnswerRow.id).execution_options(yield_per=batch)
            if org:
                stmt = stmt.where(AnswerRow.org == org)
            for row in s.scalars(stmt):
                data = json.loads(row.answer_json)
                cited = " ".join(c.get("clause_id", "") for c in data.get("citations", []))
                h, nh = votes.get(row.id, (0, 0))
                yield [
                    row.id,
                    _utc(row.created_at).isoformat(timespec="seconds"),
                    row.org or "",
                    row.channel,
                    row.status,
                    row.question,
                    data.get("short_answer", ""),
                    cited,
                    str(h),
                    str(nh),
                    f"{base_url}/a/{row.id}" if base_url else f"/a/{row.id}",
                ]


def _csv_cell(value: str) -> str:
    # A question typed as "=HYPERLINK(...)" must not become a formula in HR's spreadsheet.
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


class _WriteSession:
    """A session that commits on success, rolls back on error, under the SQLite write lock."""

    def __init__(self, factory: sessionmaker[Session], lock: threading.Lock | None) -> None:
        self._factory = factory
        self._lock = lock
        self._session: Session | None = None

    def __enter__(self) -> Session:
        if self._lock is not None:
            self._lock.acquire()
        try:
            self._session = self._factory()
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        return self._session

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        assert self._session is not None
        try:
            if exc_type is None:
                self._session.commit()
            else:
                self._session.rollback()
        finally:
            self._session.close()
            if self._lock is not None:
                self._lock.release()
