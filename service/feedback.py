"""Feedback on answers, kept in SQLite in the data directory (``service.candidates`` makes evaluation pairs of it)."""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vraagbaak.config import Settings
from vraagbaak.service import private_db
from vraagbaak.service.private_db import connect

log = logging.getLogger("vraagbaak")

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    passage_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    times INTEGER NOT NULL DEFAULT 1
)
"""
#: One post's receipt: what lets its poster, and no one else, take that one post back (identical posts share a
#: row, so the row's id is known to everyone who posted the same). Kept a day: a verdict changed within a visit.
RECEIPTS = "CREATE TABLE IF NOT EXISTS receipts (token TEXT PRIMARY KEY, row INTEGER NOT NULL, created TEXT NOT NULL)"
RECEIPT_HOURS = 24


class FeedbackStore:
    """Bounded: identical posts (the same question, passage, verdict and comment) are one row that counts how
    many times they came, rows older than ``retention_days`` go, and past ``max_rows`` the oldest go (with a log
    line). The time is kept to the hour, like the question log's."""

    #: How errors name the file.
    WHAT = "Het feedbackbestand"

    def __init__(self, path: Path, max_rows: int = 100_000, retention_days: int = 365):
        self.path = Path(path)
        self.max_rows, self.retention_days = max_rows, retention_days
        self._lock = threading.Lock()
        self._migrated = False

    @classmethod
    def for_settings(cls, settings: Settings) -> FeedbackStore:
        """The service's feedback file with its configured limits: every reader expires rows, so a reader
        with the defaults would delete what the settings keep."""
        return cls(Path(settings.data_dir) / "feedback.sqlite3", settings.feedback_max_rows,
                   settings.feedback_retention_days)

    def _connect(self) -> sqlite3.Connection:
        def setup(db: sqlite3.Connection) -> None:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute(RECEIPTS)
            if not self._migrated:  # once per process: a file of an earlier version, made by another
                private_db.add_column(db, "feedback", "times INTEGER NOT NULL DEFAULT 1")  # before the count
                private_db.shuffle_numbered_rows(db, "feedback", (  # before random ids and times to the hour
                    "UPDATE feedback SET created = substr(created, 1, 13) || ':00:00' || substr(created, 20)",))
                self._migrated = True

        return connect(self.path, self.WHAT, setup)

    def check(self) -> None:
        private_db.check(self.path, self.WHAT)

    def expire(self, now: datetime | None = None) -> int:
        """Delete feedback past the retention period; returns how many rows."""
        if not self.path.exists():
            return 0
        with self._lock, self._connect() as db:
            return self._expire(db, now or datetime.now(UTC))

    def _expire(self, db: sqlite3.Connection, now: datetime) -> int:
        cutoff = (now - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        return db.execute("DELETE FROM feedback WHERE created < ?", (cutoff,)).rowcount

    def erase(self, containing: str, dry_run: bool = False) -> int:
        """Forget the question and comment of every post whose text holds ``containing`` (as the question log's
        erasure matches it, ``question_log.erasable``); the verdict stays, without its words. Returns how many."""
        from vraagbaak.service.question_log import erasable

        if not self.path.exists() or not erasable(containing):
            return 0
        part = erasable(containing)
        with self._lock, self._connect() as db:
            db.create_function("holds", 1, lambda text: bool(text) and part in erasable(text), deterministic=True)
            where = "holds(question) OR holds(comment)"
            if dry_run:
                return int(db.execute(f"SELECT count(*) FROM feedback WHERE {where}").fetchone()[0])
            erased = db.execute(f"UPDATE feedback SET question = '', comment = NULL WHERE {where}").rowcount
            private_db.wipe_journal(db)
            return erased

    def forget_texts(self) -> int:
        """With texts switched off, the questions and comments stored before go too."""
        if not self.path.exists():
            return 0
        with self._lock, self._connect() as db:
            forgotten = db.execute("UPDATE feedback SET question = '', comment = NULL "
                                   "WHERE question != '' OR comment IS NOT NULL").rowcount
            private_db.wipe_journal(db)
            return forgotten

    def receipt(self, number: int) -> str:
        """A receipt for one post just counted in row ``number``: :meth:`withdraw` takes it back with it, once."""
        token = secrets.token_hex(16)
        now = datetime.now(UTC)
        with self._lock, self._connect() as db:
            db.execute("INSERT INTO receipts (token, row, created) VALUES (?, ?, ?)",  # to the hour, as the rows
                       (token, number, now.replace(minute=0, second=0, microsecond=0).isoformat(timespec="seconds")))
            db.execute("DELETE FROM receipts WHERE created < ?",
                       ((now - timedelta(hours=RECEIPT_HOURS)).isoformat(timespec="seconds"),))
        return token

    def withdraw(self, receipt: str, passage_id: str) -> None:
        """Take back the one post of ``receipt`` (a person changing their verdict on this passage, or pressing
        the same button again): its row counts one less, and a row no one stands behind any more goes. Only
        a post about ``passage_id``; an unknown, used or expired receipt takes back nothing."""
        with self._lock, self._connect() as db:
            found = db.execute("SELECT row FROM receipts WHERE token = ?", (receipt,)).fetchone()
            if found is None:
                return
            if db.execute("UPDATE feedback SET times = times - 1 WHERE id = ? AND passage_id = ?",
                          (found[0], passage_id)).rowcount:
                db.execute("DELETE FROM receipts WHERE token = ?", (receipt,))
                db.execute("DELETE FROM feedback WHERE id = ? AND times < 1", (found[0],))

    def add(self, question: str, passage_id: str, helpful: bool, comment: str | None) -> int:
        now = datetime.now(UTC)
        with self._lock, self._connect() as db:
            same = db.execute("SELECT id FROM feedback WHERE question = ? AND passage_id = ? AND helpful = ? "
                              "AND comment IS ?", (question, passage_id, int(helpful), comment)).fetchone()
            if same:
                db.execute("UPDATE feedback SET times = times + 1 WHERE id = ?", (same[0],))
                return int(same[0])
            number = private_db.row_id()
            db.execute(
                "INSERT INTO feedback (id, created, question, passage_id, helpful, comment) VALUES (?, ?, ?, ?, ?, ?)",
                (number, now.replace(minute=0, second=0, microsecond=0).isoformat(timespec="seconds"), question,
                 passage_id, int(helpful), comment),
            )
            expired = self._expire(db, now)
            over = db.execute("DELETE FROM feedback WHERE id IN (SELECT id FROM feedback ORDER BY created DESC, id "
                              "LIMIT -1 OFFSET ?)", (self.max_rows,)).rowcount
            if expired or over:
                log.info("feedback opgeruimd: %d ouder dan %d dagen, %d boven het maximum van %d rijen",
                         expired, self.retention_days, over, self.max_rows)
            return number

    def all(self) -> list[dict]:
        if not self.path.exists():
            return []
        self.expire()
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM feedback ORDER BY created, id")]
