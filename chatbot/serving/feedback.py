"""FeedbackStore: likes and dislikes of answers, and the question log, kept in SQLite, or in PostgreSQL
when several servers share them.

The SQL is written once (ISO-8601 text times, compared as text and grouped by day in Python), with `?` placeholders and portable types; the PostgreSQL backend turns the
placeholders into psycopg's `%s` and the id column into an identity, so both hold the same table and
export the same CSV. Either way a call to add() returns only once the row is committed.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from ..chatbot import SURE
from ..errors import ChatbotError
from ..text import clean

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    liked INTEGER NOT NULL,
    question TEXT NOT NULL,
    history TEXT NOT NULL,
    answer TEXT NOT NULL,
    confidence REAL,
    source TEXT,
    section TEXT,
    passage TEXT
)
"""
# One row per question asked: its text and what became of it, nothing about who asked. The id is made
# here (not by the database) so that a like can find its question on any database.
QUESTION_LOG_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS question_log (
    id TEXT PRIMARY KEY,
    asked_at TEXT NOT NULL,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,
    confidence REAL,
    source TEXT,
    section TEXT,
    passage TEXT,
    liked INTEGER,
    resolved_at TEXT
)
""",
    "CREATE INDEX IF NOT EXISTS question_log_asked_at ON question_log (asked_at)",
)
LOG_COLUMNS = ("id", "asked_at", "question", "outcome", "confidence", "source", "section", "passage", "liked",
               "resolved_at")
ANSWERED, UNSURE, DECLINED, SMALL_TALK = "answered", "unsure", "declined", "small talk"
# A question is offered to everyone only once this many people asked it, so that nobody's one-off
# question (which may hold something private) is shown to others.
MIN_ASKS_TO_OFFER = 3
# Old questions are deleted at most this often (seconds), as questions are logged.
PRUNE_EVERY = 3600.0
# Seconds the most asked questions are reused: counting them reads the whole log (24 ms at 27,000 rows),
# too much for every unrelated question, and they change slowly.
MOST_ASKED_TTL = 60.0
COLUMNS = ("id", "created_at", "liked", "question", "history", "answer", "confidence", "source", "section",
           "passage")


def logged_question(question: str, history: list[str], answer) -> str:
    """What the log keeps of a question: a follow-up joined to its context (as the bot understood it), else
    the question as asked."""
    return answer.question if history else question


def log_asked(store: "FeedbackStore", bot, question: str, history: list[str], answer) -> int:
    """Log a question and what became of it; returns its row. A "no" to an answer ("that's not it", small talk
    "rejected") marks that answer's question as disliked, as a click on Dislike does: people type it more often
    than they click, and the admin page then lists the question as open."""
    asked = [m for m in history if clean(m).strip()]  # the messages the bot reads
    if answer.small_talk == "rejected" and asked:
        try:
            shown = bot.answer(asked[-1], asked[:-1])  # deterministic: the answer that was rejected
        except ChatbotError:  # the bot is busy, say: the question is logged all the same
            shown = None
        if shown is not None:
            store.set_latest_question_feedback(logged_question(asked[-1], asked[:-1], shown), False)
    return store.log_question(logged_question(question, history, answer), answer)


class SqliteBackend:
    """One SQLite file; WAL and full sync, so an acknowledged like survives a power cut or SIGKILL. A change
    that is not `durable` (a question log row) is not synced: it survives SIGKILL, and a power cut may lose
    the last few, which keeps a disk sync off every question asked."""

    name = "sqlite"

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")

    def execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def insert(self, sql: str, params: tuple) -> int:
        return int(self._conn.execute(sql, params).lastrowid)

    def change(self, sql: str, params: tuple, *, durable: bool = True) -> int:
        if durable:
            return self._conn.execute(sql, params).rowcount
        self._conn.execute("PRAGMA synchronous=NORMAL")
        try:
            return self._conn.execute(sql, params).rowcount
        finally:
            self._conn.execute("PRAGMA synchronous=FULL")

    def query(self, sql: str, params: tuple = ()) -> list[dict]:
        cur = self._conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def close(self) -> None:
        self._conn.close()


class PostgresBackend:
    """A PostgreSQL database (psycopg 3), one autocommit connection, reopened when the server dropped it."""

    name = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise ChatbotError("PostgreSQL feedback needs psycopg: pip install 'psycopg[binary]'") from exc
        self._psycopg = psycopg
        self.url = url
        self._conn = self._connect()

    def _connect(self):
        try:
            return self._psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except self._psycopg.Error as exc:
            raise ChatbotError(f"Could not connect to the feedback database ({exc}). Check --database or "
                               "CHATBOT_DATABASE_URL (postgresql://user:password@host/dbname).") from exc

    @staticmethod
    def translate(sql: str) -> str:
        """SQLite's dialect as the store writes it -> PostgreSQL's."""
        sql = sql.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
        return sql.replace("%", "%%").replace("?", "%s")

    def _run(self, sql: str, params: tuple, *, durable: bool = True):
        try:
            return self._execute(sql, params, durable)
        except self._psycopg.OperationalError:
            if not self._conn.closed:
                raise
            self._conn = self._connect()  # the server restarted or dropped us: once more, on a new connection
            return self._execute(sql, params, durable)

    def _execute(self, sql: str, params: tuple, durable: bool):
        if durable:
            return self._conn.execute(self.translate(sql), params)
        # The commit does not wait for the server's disk (a crash of the server may lose the last few rows).
        with self._conn.transaction():
            self._conn.execute("SET LOCAL synchronous_commit TO OFF")
            return self._conn.execute(self.translate(sql), params)

    def execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        cur = self._run(sql, params)
        return cur.fetchall() if cur.description else []

    def insert(self, sql: str, params: tuple) -> int:
        return int(self._run(sql.rstrip() + " RETURNING id", params).fetchone()[0])

    def change(self, sql: str, params: tuple, *, durable: bool = True) -> int:
        return self._run(sql, params, durable=durable).rowcount

    def query(self, sql: str, params: tuple = ()) -> list[dict]:
        cur = self._run(sql, params)
        names = [d.name for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def close(self) -> None:
        self._conn.close()


class FeedbackStore:
    """Feedback in `database_url` (postgresql://...) when given, else in data_dir/feedback.sqlite3."""

    def __init__(self, data_dir: str | Path, database_url: str = "", *, retention_days: int | None = None):
        """`retention_days`: logged questions older than this are deleted (None keeps them)."""
        self.path = Path(data_dir) / "feedback.sqlite3"
        self.database_url = database_url
        self.retention_days = retention_days
        self._lock = threading.Lock()
        self._backend: SqliteBackend | PostgresBackend | None = None
        self._pruned_at = float("-inf")
        self._most_asked: dict[tuple[int, int], tuple[float, list[str]]] = {}

    @property
    def kind(self) -> str:
        return "postgresql" if self.database_url else "sqlite"

    def _db(self) -> SqliteBackend | PostgresBackend:
        if self._backend is None:
            backend = PostgresBackend(self.database_url) if self.database_url else SqliteBackend(self.path)
            for statement in (SCHEMA, *QUESTION_LOG_SCHEMA):
                backend.execute(statement)
            self._backend = backend
        return self._backend

    def _exists(self) -> bool:
        """Whether there may be rows to read (a SQLite file not yet made holds none)."""
        return bool(self.database_url) or self.path.exists()

    def add(self, *, liked: bool, question: str, history: list[str], answer, when: datetime | None = None) -> int:
        # A declined answer showed no passage: the feedback is on the decline, not on the nearest passage.
        top = answer.passages[0] if answer is not None and answer.found and answer.passages else None
        row = (
            (when or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
            int(liked), question, json.dumps(history, ensure_ascii=False),
            answer.text if answer is not None else "", answer.confidence if answer is not None else None,
            top.source if top else None, top.section if top else None, top.text if top else None,
        )
        with self._lock:
            return self._db().insert(
                "INSERT INTO feedback (created_at, liked, question, history, answer, confidence, source, section, "
                "passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)

    def remove(self, feedback_id: int) -> None:
        """Take back a like or dislike (the person clicked it again, or the other one)."""
        self._change("DELETE FROM feedback WHERE id = ?", (feedback_id,))

    def rows(self) -> list[dict]:
        if not self._exists():
            return []
        with self._lock:
            found = self._db().execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
            return [dict(zip(COLUMNS, r)) for r in found]

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV. Cells that a spreadsheet would run as a formula are quoted as text."""
        return _write_csv(out, COLUMNS, self.rows())

    # ---- the question log -----------------------------------------------------------------------

    def log_question(self, question: str, answer, when: datetime | None = None) -> str:
        """Store a question and its outcome; returns the id that set_question_feedback() takes."""
        top = answer.passages[0] if answer.found and answer.passages else None
        # An answer given as a lead ("I am not sure ...") is one the people who keep the FAQ should see.
        outcome = (SMALL_TALK if answer.small_talk else DECLINED if not answer.found
                   else UNSURE if answer.confidence < SURE else ANSWERED)
        log_id = uuid.uuid4().hex
        row = (log_id, _iso(when), question, outcome, round(float(answer.confidence), 4),
               top.source if top else None, top.section if top else None, top.text if top else None)
        self._change("INSERT INTO question_log (id, asked_at, question, outcome, confidence, source, section, "
                      "passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row, durable=False)
        if self.retention_days is not None and time.monotonic() - self._pruned_at > PRUNE_EVERY:
            self._pruned_at = time.monotonic()
            self.prune_questions(self.retention_days)
        return log_id

    def set_question_feedback(self, log_id: str, liked: bool | None) -> None:
        """A like (True), a dislike (False), or none, when it was taken back (None)."""
        self._change("UPDATE question_log SET liked = ? WHERE id = ?", (None if liked is None else int(liked), log_id),
                     durable=False)

    def set_latest_question_feedback(self, question: str, liked: bool) -> int:
        """Feedback on the newest logged asking of `question` that has none yet (for clients that send the
        question back with the like, as the REST API's do); returns how many rows it touched (0 or 1)."""
        return self._change("UPDATE question_log SET liked = ? WHERE id = (SELECT id FROM question_log WHERE "
                            "question = ? AND liked IS NULL ORDER BY asked_at DESC, id DESC LIMIT 1)",
                            (int(liked), question), durable=False)

    def resolve_questions(self, question: str, when: datetime | None = None) -> int:
        """Mark every open logged question with this text (any case) as dealt with; returns how many."""
        return self._change("UPDATE question_log SET resolved_at = ? WHERE LOWER(question) = LOWER(?) "
                            "AND resolved_at IS NULL", (_iso(when), question))

    def prune_questions(self, days: int, now: datetime | None = None) -> int:
        """Delete logged questions older than `days` days; returns how many."""
        cutoff = _iso((now or datetime.now(timezone.utc)) - timedelta(days=days))
        return self._change("DELETE FROM question_log WHERE asked_at < ?", (cutoff,))

    def question_rows(self, *, since: datetime | None = None) -> list[dict]:
        """Logged questions, oldest first."""
        where, params = ("WHERE asked_at >= ?", (_iso(since),)) if since else ("", ())
        return self._dicts(f"SELECT {', '.join(LOG_COLUMNS)} FROM question_log {where} ORDER BY asked_at, id",
                           params)

    def unanswered(self, limit: int = 1000) -> list[dict]:
        """Open questions that the bot declined, answered only as a lead ("I am not sure"), or whose answer
        got a dislike, newest first."""
        return self._dicts(f"SELECT {', '.join(LOG_COLUMNS)} FROM question_log WHERE resolved_at IS NULL AND "
                           "(outcome IN (?, ?) OR liked = 0) ORDER BY asked_at DESC, id DESC LIMIT ?",
                           (DECLINED, UNSURE, limit))

    def most_asked(self, limit: int, min_count: int = MIN_ASKS_TO_OFFER) -> list[str]:
        """Answered questions (that got no dislike), most asked first; only those asked `min_count` times."""
        if not self._exists():
            return []
        cached = self._most_asked.get((limit, min_count))
        if cached is not None and time.monotonic() - cached[0] < MOST_ASKED_TTL:
            return list(cached[1])
        with self._lock:
            found = [r[0] for r in self._db().execute(
                "SELECT question, COUNT(*), MAX(asked_at) FROM question_log WHERE outcome = ? AND "
                "(liked IS NULL OR liked <> 0) GROUP BY question HAVING COUNT(*) >= ? "
                "ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT ?", (ANSWERED, min_count, limit))]
        self._most_asked[(limit, min_count)] = (time.monotonic(), found)
        return list(found)

    def daily_counts(self, days: int = 30, now: datetime | None = None) -> list[dict]:
        """Per day (UTC) of the last `days`: how many questions were answered, declined, and disliked."""
        now = now or datetime.now(timezone.utc)
        start = (now - timedelta(days=days - 1)).date()
        counts = {start + timedelta(days=n): Counter() for n in range(days)}
        for row in self.question_rows(since=datetime.combine(start, datetime.min.time(), timezone.utc)):
            day = datetime.fromisoformat(row["asked_at"]).astimezone(timezone.utc).date()
            if day in counts:
                counts[day][row["outcome"]] += 1
                counts[day]["disliked"] += row["liked"] == 0
        return [{"day": day.isoformat(), "answered": c[ANSWERED] + c[UNSURE], "declined": c[DECLINED],
                 "disliked": c["disliked"]} for day, c in counts.items()]

    def export_questions_csv(self, out: TextIO) -> int:
        """Write the question log as CSV, oldest first, with formulas quoted as text."""
        return _write_csv(out, LOG_COLUMNS, self.question_rows())

    def _change(self, sql: str, params: tuple, *, durable: bool = True) -> int:
        """Run an INSERT, UPDATE or DELETE; returns how many rows it touched."""
        with self._lock:
            return self._db().change(sql, params, durable=durable)

    def _dicts(self, sql: str, params: tuple) -> list[dict]:
        if not self._exists():
            return []
        with self._lock:
            return self._db().query(sql, params)

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None


def _iso(when: datetime | None) -> str:
    return (when or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")


def _write_csv(out: TextIO, columns: tuple[str, ...], rows: list[dict]) -> int:
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_as_text(row[c]) for c in columns])
    return len(rows)


def _as_text(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
