"""FeedbackStore: likes and dislikes of answers, kept in SQLite so that none is lost on a crash."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
from datetime import datetime, timezone
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
COLUMNS = ("id", "created_at", "liked", "question", "history", "answer", "confidence", "source", "section",
           "passage")


class FeedbackStore:
    """One SQLite file in the data folder. A call to add() returns only once the row is on disk."""

    def __init__(self, data_dir: str | Path):
        self.path = Path(data_dir) / "feedback.sqlite3"
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # an acknowledged like survives a power cut or SIGKILL
            conn.execute(SCHEMA)
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

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _as_text(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
