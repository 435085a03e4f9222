"""FeedbackStore: likes and dislikes of answers, and the question log, kept in SQLite so that none is lost
on a crash.

The queries are plain SQL with `?` placeholders and ISO-8601 text times (compared as text, grouped by day
in Python), so that another database can run them unchanged.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

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
ANSWERED, DECLINED, SMALL_TALK = "answered", "declined", "small talk"
# A question is offered to everyone only once this many people asked it, so that nobody's one-off
# question (which may hold something private) is shown to others.
MIN_ASKS_TO_OFFER = 3
# Old questions are deleted at most this often (seconds), as questions are logged.
PRUNE_EVERY = 3600.0
COLUMNS = ("id", "created_at", "liked", "question", "history", "answer", "confidence", "source", "section",
           "passage")


class FeedbackStore:
    """One SQLite file in the data folder. A call to add() returns only once the row is on disk."""

    def __init__(self, data_dir: str | Path, *, retention_days: int | None = None):
        """`retention_days`: logged questions older than this are deleted (None keeps them)."""
        self.path = Path(data_dir) / "feedback.sqlite3"
        self.retention_days = retention_days
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pruned_at = float("-inf")

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # an acknowledged like survives a power cut or SIGKILL
            for statement in (SCHEMA, *QUESTION_LOG_SCHEMA):
                conn.execute(statement)
            self._conn = conn
        return self._conn

    def add(self, *, liked: bool, question: str, history: list[str], answer, when: datetime | None = None) -> int:
        top = answer.passages[0] if answer is not None and answer.passages else None
        row = (
            (when or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
            int(liked), question, json.dumps(history, ensure_ascii=False),
            answer.text if answer is not None else "", answer.confidence if answer is not None else None,
            top.source if top else None, top.section if top else None, top.text if top else None,
        )
        with self._lock:
            cur = self._connection().execute(
                "INSERT INTO feedback (created_at, liked, question, history, answer, confidence, source, section, "
                "passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            return int(cur.lastrowid)

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._lock:
            cur = self._connection().execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
            return [dict(zip(COLUMNS, r)) for r in cur.fetchall()]

    def export_csv(self, out: TextIO) -> int:
        """Write every row as CSV. Cells that a spreadsheet would run as a formula are quoted as text."""
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        rows = self.rows()
        for row in rows:
            writer.writerow([_as_text(row[c]) for c in COLUMNS])
        return len(rows)

    # ---- the question log -----------------------------------------------------------------------

    def log_question(self, question: str, answer, when: datetime | None = None) -> str:
        """Store a question and its outcome; returns the id that set_question_feedback() takes."""
        top = answer.passages[0] if answer.found and answer.passages else None
        outcome = SMALL_TALK if answer.small_talk else ANSWERED if answer.found else DECLINED
        log_id = uuid.uuid4().hex
        row = (log_id, _iso(when), question, outcome, round(float(answer.confidence), 4),
               top.source if top else None, top.section if top else None, top.text if top else None)
        self._execute("INSERT INTO question_log (id, asked_at, question, outcome, confidence, source, section, "
                      "passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        if self.retention_days is not None and time.monotonic() - self._pruned_at > PRUNE_EVERY:
            self._pruned_at = time.monotonic()
            self.prune_questions(self.retention_days)
        return log_id

    def set_question_feedback(self, log_id: str, liked: bool) -> None:
        self._execute("UPDATE question_log SET liked = ? WHERE id = ?", (int(liked), log_id))

    def resolve_questions(self, question: str, when: datetime | None = None) -> int:
        """Mark every open logged question with this text (any case) as dealt with; returns how many."""
        return self._execute("UPDATE question_log SET resolved_at = ? WHERE LOWER(question) = LOWER(?) "
                             "AND resolved_at IS NULL", (_iso(when), question)).rowcount

    def prune_questions(self, days: int, now: datetime | None = None) -> int:
        """Delete logged questions older than `days` days; returns how many."""
        cutoff = _iso((now or datetime.now(timezone.utc)) - timedelta(days=days))
        return self._execute("DELETE FROM question_log WHERE asked_at < ?", (cutoff,)).rowcount

    def question_rows(self, *, since: datetime | None = None) -> list[dict]:
        """Logged questions, oldest first."""
        where, params = ("WHERE asked_at >= ?", (_iso(since),)) if since else ("", ())
        return self._dicts(f"SELECT {', '.join(LOG_COLUMNS)} FROM question_log {where} ORDER BY asked_at, id",
                           params)

    def unanswered(self, limit: int = 1000) -> list[dict]:
        """Open questions that the bot declined or whose answer got a dislike, newest first."""
        return self._dicts(f"SELECT {', '.join(LOG_COLUMNS)} FROM question_log WHERE resolved_at IS NULL AND "
                           "(outcome = ? OR liked = 0) ORDER BY asked_at DESC, id DESC LIMIT ?", (DECLINED, limit))

    def most_asked(self, limit: int, min_count: int = MIN_ASKS_TO_OFFER) -> list[str]:
        """Answered questions (that got no dislike), most asked first; only those asked `min_count` times."""
        if not self.path.exists():
            return []
        with self._lock:
            cur = self._connection().execute(
                "SELECT question, COUNT(*), MAX(asked_at) FROM question_log WHERE outcome = ? AND "
                "(liked IS NULL OR liked <> 0) GROUP BY question HAVING COUNT(*) >= ? "
                "ORDER BY COUNT(*) DESC, MAX(asked_at) DESC LIMIT ?", (ANSWERED, min_count, limit))
            return [r[0] for r in cur.fetchall()]

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
        return [{"day": day.isoformat(), "answered": c[ANSWERED], "declined": c[DECLINED],
                 "disliked": c["disliked"]} for day, c in counts.items()]

    def export_questions_csv(self, out: TextIO) -> int:
        """Write the question log as CSV, oldest first, with formulas quoted as text."""
        writer = csv.writer(out)
        writer.writerow(LOG_COLUMNS)
        rows = self.question_rows()
        for row in rows:
            writer.writerow([_as_text(row[c]) for c in LOG_COLUMNS])
        return len(rows)

    def _execute(self, sql: str, params: tuple):
        with self._lock:
            return self._connection().execute(sql, params)

    def _dicts(self, sql: str, params: tuple) -> list[dict]:
        if not self.path.exists():
            return []
        with self._lock:
            cur = self._connection().execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) for r in cur.fetchall()]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _iso(when: datetime | None) -> str:
    return (when or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")


def _as_text(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
