"""The question log: what was asked and how it went, in SQLite (``data/questions.sqlite3``).

One row per ``/api/ask``: time, collection filter, status, confidence, the passages shown, the nearest
section, latency, and the feedback given later. The question text is stored scrubbed of personal
data (``service.scrub``), or not at all (``VRAAGBAAK_STORE_QUESTION_TEXT=false``); never an address
or a user name. Rows older than ``VRAAGBAAK_QUESTION_RETENTION_DAYS`` are deleted.

Questions that were not answered are grouped by meaning for the owners' pages: each keeps its
query embedding (float16, deleted with the row), and a later question joins the group whose every
member it resembles (cosine at least ``GROUP_SIMILARITY``), or starts a new one; the group is shown
by its first question, its "leader". Assigning happens in batches when the groups are read, so
asking costs only an insert, and the pages read 100,000 rows with indexed queries.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import statistics
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from vraagbaak.config import Settings
from vraagbaak.index.keyword import fold
from vraagbaak.service import private_db
from vraagbaak.service.private_db import connect
from vraagbaak.service.scrub import scrub

log = logging.getLogger("vraagbaak")

#: Cosine similarity (of e5 query embeddings) from which a question joins a group: tuned on
#: ``eval/paraphrases.jsonl`` by ``python -m vraagbaak.eval.grouping``.
GROUP_SIMILARITY = 0.9
#: A group is compared through its first members only, so a popular question costs no more than a rare one.
GROUP_MEMBERS = 20
UNANSWERED = ("not_found", "uncertain")

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked TEXT NOT NULL,
    day TEXT NOT NULL,
    collections TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL NOT NULL,
    passages TEXT NOT NULL,
    nearest TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    feedback INTEGER,
    question TEXT,
    vector BLOB,
    grp INTEGER,
    searched TEXT
);
CREATE INDEX IF NOT EXISTS questions_day ON questions (day, status);
CREATE INDEX IF NOT EXISTS questions_asked ON questions (asked);
CREATE INDEX IF NOT EXISTS questions_group ON questions (grp) WHERE grp IS NOT NULL;
CREATE INDEX IF NOT EXISTS questions_ungrouped ON questions (asked, id) WHERE grp IS NULL AND vector IS NOT NULL;
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY,
    members BLOB NOT NULL,
    leader TEXT NOT NULL,
    nearest TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Asked:
    """One question as the log stores it."""

    question: str
    status: str
    confidence: float
    passages: list[str]
    #: "document › section" of the first passage or suggestion.
    nearest: str
    latency_ms: float
    collections: list[str]
    vector: np.ndarray | None = None
    #: The question as searched, if typing errors were corrected ("" if it was searched as asked).
    searched: str = ""


@dataclass(frozen=True)
class Group:
    id: int
    question: str
    count: int
    first: str
    last: str
    nearest: str
    statuses: dict[str, int]


class Members:
    """The member vectors of every group in one growing matrix, so comparing a question with all
    groups is one matrix product and one grouped minimum."""

    def __init__(self, dimensions: int):
        self.dimensions = dimensions
        self.ids: list[int] = []
        self.matrix = np.zeros((1024, dimensions), dtype=np.float32)
        self.owner = np.zeros(1024, dtype=np.int64)
        self.rows = 0

    def add_group(self, group_id: int, vectors: np.ndarray) -> int:
        self.ids.append(group_id)
        for vector in vectors.reshape(-1, self.dimensions):
            self.add(len(self.ids) - 1, vector)
        return len(self.ids) - 1

    def add(self, group: int, vector: np.ndarray) -> None:
        if self.rows == len(self.matrix):
            self.matrix = np.vstack([self.matrix, np.zeros_like(self.matrix)])
            self.owner = np.concatenate([self.owner, np.zeros_like(self.owner)])
        self.matrix[self.rows], self.owner[self.rows] = vector, group
        self.rows += 1

    def size(self, group: int) -> int:
        return int((self.owner[:self.rows] == group).sum())

    def of(self, group: int) -> np.ndarray:
        return self.matrix[:self.rows][self.owner[:self.rows] == group]

    def best(self, vector: np.ndarray, similarity: float) -> int | None:
        """The group whose least alike member is most alike, if that reaches ``similarity``."""
        if not self.ids or vector.shape[0] != self.dimensions:
            return None
        least = np.full(len(self.ids), np.inf, dtype=np.float32)
        np.minimum.at(least, self.owner[:self.rows], self.matrix[:self.rows] @ vector)
        at = int(least.argmax())
        return at if least[at] >= similarity else None


def _cell(value: object) -> object:
    """A text a spreadsheet would run as a formula ("=HYPERLINK(...)") is kept as text, and a fraction has a
    decimal comma: the file is made for a Dutch spreadsheet (semicolons), which reads "13.6" as 13 June."""
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", ",")
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def erasable(text: str) -> str:
    """Text as an erasure request matches it: case, accents and runs of spaces folded away, so "australie"
    finds "Australië" (a request must not miss a row for how it was typed)."""
    return " ".join(fold(text.casefold()).split())


#: Questions kept in memory while the log cannot be opened (a damaged file, a full disk): the oldest go first.
WAITING_LIMIT = 1000


class QuestionLog:
    #: How errors name the file.
    WHAT = "Het vragenlogboek"

    def __init__(self, path: Path, retention_days: int = 90, store_text: bool = True):
        self.path = Path(path)
        self.retention_days = retention_days
        self.store_text = store_text
        self._lock = threading.Lock()
        self._last_cleanup = ""
        self._ready = False
        self._waiting: list[tuple[Asked, datetime, Callable[[str], bool] | None]] = []
        self._waiting_lock = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Settings) -> QuestionLog:
        """The service's question log with its configured retention and text switch."""
        return cls(Path(settings.data_dir) / "questions.sqlite3", settings.question_retention_days,
                   settings.store_question_text)

    def _connect(self) -> sqlite3.Connection:
        """WAL with synchronous=NORMAL: a write per question must not wait for a disk flush (a power cut
        can lose the last few rows of the log, never damage it)."""
        fresh = not self.path.exists()

        def setup(db: sqlite3.Connection) -> None:
            db.execute("PRAGMA synchronous=NORMAL")
            if fresh or not self._ready:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(SCHEMA)
                private_db.add_column(db, "questions", "searched TEXT")  # a log from before corrections
                private_db.shuffle_numbered_rows(db, "questions", ("DROP TABLE IF EXISTS grouped",))
                self._ready = True

        db = connect(self.path, self.WHAT, setup)
        self._write_waiting(db)  # logs its own failure: the caller reads on
        return db

    def check(self) -> None:
        private_db.check(self.path, self.WHAT)

    def forget_texts(self) -> int:
        """With texts switched off, texts stored before go too: question texts, their embeddings and the groups
        made from them. Returns how many rows had a text."""
        if self._absent():
            return 0
        with self._lock, self._connect() as db:
            forgotten = db.execute("UPDATE questions SET question = NULL, searched = NULL, vector = NULL, grp = NULL "
                                   "WHERE question IS NOT NULL OR vector IS NOT NULL OR grp IS NOT NULL").rowcount
            db.execute("DELETE FROM groups")
            private_db.wipe_journal(db)
            return forgotten

    def add(self, asked: Asked, now: datetime | None = None, public: Callable[[str], bool] | None = None) -> int:
        """Store one question, scrubbed (``public``: whether the reports print a name, see ``scrub``); once a
        day, delete what is past the retention period."""
        with self._lock, self._connect() as db:
            return self._insert(db, asked, now or datetime.now(UTC), public)

    def add_later(self, asked: Asked, public: Callable[[str], bool] | None = None) -> None:
        """Keep a question for :meth:`write_waiting`, which the service runs once the answer has gone out (the
        write is a millisecond of the answer's time otherwise). Whatever in this process opens the log first writes
        the waiting questions: a page, an export or feedback never misses one asked before it (an erasure from the
        command line runs in a process of its own: README, Owners' pages)."""
        with self._waiting_lock:
            if len(self._waiting) >= WAITING_LIMIT:  # a log that cannot be opened must not fill memory
                del self._waiting[0]
            self._waiting.append((asked, datetime.now(UTC), public))

    def write_waiting(self) -> None:
        if self._waiting:
            with self._lock, self._connect():
                pass  # opening the log writes them

    def _absent(self) -> bool:
        """No file yet and no question waiting: nothing to read."""
        return not self.path.exists() and not self._waiting

    def _write_waiting(self, db: sqlite3.Connection) -> None:
        """Write the waiting questions. If that fails (a full disk, a busy file, a row SQLite refuses) they are lost
        and the log says so, as a question whose write failed always was: the page or export that opened the log
        still reads it, and no question that cannot be written holds up the ones after it."""
        with self._waiting_lock:
            waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        try:
            with db:
                for asked, now, public in waiting:
                    self._insert(db, asked, now, public)
        except Exception:  # noqa: BLE001 - sqlite3's errors, an encoding error: logged, the reader goes on
            log.exception("%d vraag/vragen niet in het vragenlogboek gezet", len(waiting))

    def _insert(self, db: sqlite3.Connection, asked: Asked, now: datetime, public: Callable[[str], bool] | None) -> int:
        hour = now.replace(minute=0, second=0, microsecond=0)  # to the hour: a time to the second could name the asker
        keep_text = self.store_text and asked.question
        vector = asked.vector.astype(np.float16).tobytes() if keep_text and asked.vector is not None \
            and asked.status in UNANSWERED else None
        row = private_db.row_id()
        db.execute(
            "INSERT INTO questions (id, asked, day, collections, status, confidence, passages, nearest, latency_ms, "
            "question, vector, searched) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row, hour.isoformat(timespec="seconds"), now.date().isoformat(), ",".join(asked.collections),
             asked.status, round(asked.confidence, 4), json.dumps(asked.passages), asked.nearest,
             round(asked.latency_ms, 1), scrub(asked.question, public) if keep_text else None, vector,
             scrub(asked.searched, public) if keep_text and asked.searched else None))
        if self._last_cleanup != now.date().isoformat():
            self._last_cleanup = now.date().isoformat()
            self._expire(db, now)
        return row

    def _delete(self, db: sqlite3.Connection, where: str, values: tuple) -> int:
        """Delete the rows ``where`` says; their groups keep only what their remaining rows say (the leader's text
        and the members' embeddings come from them), so nothing of a deleted question stays behind."""
        groups = [g for (g,) in db.execute(f"SELECT DISTINCT grp FROM questions WHERE ({where}) AND grp IS NOT NULL",
                                           values)]
        removed = db.execute(f"DELETE FROM questions WHERE {where}", values).rowcount
        for group in groups:
            rows = db.execute("SELECT question, nearest, vector FROM questions WHERE grp = ? ORDER BY asked, id LIMIT ?",
                              (group, GROUP_MEMBERS)).fetchall()
            if rows:
                db.execute("UPDATE groups SET leader = ?, nearest = ?, members = ? WHERE id = ?",
                           (rows[0][0] or "", rows[0][1], b"".join(r[2] for r in rows if r[2]), group))
            else:
                db.execute("DELETE FROM groups WHERE id = ?", (group,))
        return removed

    def _expire(self, db: sqlite3.Connection, now: datetime) -> int:
        cutoff = (now - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        return self._delete(db, "asked < ?", (cutoff,))

    def erase(self, ids: Collection[int] = (), containing: str = "", dry_run: bool = False) -> int:
        """Delete questions on request (a password pasted into one, say): by row id (the CSV's first column),
        or every question whose stored text holds ``containing`` (:func:`erasable`: in any case, with or without
        accents, however spaced). Returns how many; ``dry_run`` only counts."""
        if self._absent() or not (ids or erasable(containing)):  # "´" folds to nothing, found in every text
            return 0
        where, values = [], []
        if ids:
            where.append(f"id IN ({','.join('?' * len(ids))})")
            values += list(ids)
        if erasable(containing):
            where.append("(holds(question, ?) OR holds(searched, ?))")
            values += [erasable(containing)] * 2
        with self._lock, self._connect() as db:
            db.create_function("holds", 2, lambda text, part: bool(text) and part in erasable(text), deterministic=True)
            if dry_run:
                return int(db.execute(f"SELECT count(*) FROM questions WHERE {' OR '.join(where)}", values).fetchone()[0])
            erased = self._delete(db, " OR ".join(where), tuple(values))
            private_db.wipe_journal(db)
            return erased

    def expire(self, now: datetime | None = None) -> int:
        """Delete rows past the retention period now; returns how many. Also before a page or an export is made:
        what it shows is never past the retention period (the service also expires rows every five minutes,
        ``service.app``, and a write once a day)."""
        if self._absent():
            return 0
        with self._lock, self._connect() as db:
            return self._expire(db, now or datetime.now(UTC))

    def feedback(self, question: str, passage_id: str, helpful: bool,
                 public: Callable[[str], bool] | None = None) -> None:
        """Mark the latest time this question was shown this passage (without stored texts: the latest time
        this passage was shown)."""
        if self._absent():
            return
        with self._lock, self._connect() as db:
            same, values = ("question = ? AND ", [scrub(question, public)]) if self.store_text else ("", [])
            db.execute(f"UPDATE questions SET feedback = ? WHERE id = (SELECT id FROM questions WHERE {same}"
                       "instr(passages, ?) > 0 ORDER BY asked DESC LIMIT 1)", (int(helpful), *values, json.dumps(passage_id)))

    def overview(self, days: int = 30, now: datetime | None = None) -> list[dict]:
        """Per day of the last ``days``: questions, each status, median latency (oldest first)."""
        self.expire(now)
        since = ((now or datetime.now(UTC)) - timedelta(days=days - 1)).date().isoformat()
        with self._connect() as db:
            counts = db.execute("SELECT day, status, count(*) FROM questions WHERE day >= ? GROUP BY day, status",
                                (since,)).fetchall()
            latencies = db.execute("SELECT day, latency_ms FROM questions WHERE day >= ? ORDER BY day, latency_ms",
                                   (since,)).fetchall()
        rows: dict[str, dict] = {}
        for day, status, count in counts:
            row = rows.setdefault(day, {"day": day, "questions": 0, "answered": 0, "uncertain": 0, "not_found": 0})
            row[status] = row.get(status, 0) + count
            row["questions"] += count
        by_day: dict[str, list[float]] = {}
        for day, ms in latencies:
            by_day.setdefault(day, []).append(ms)
        for day, values in by_day.items():
            rows[day]["median_ms"] = statistics.median(values)
        return [rows[d] for d in sorted(rows)]

    def groups(self, statuses: tuple[str, ...] = UNANSWERED, since: datetime | None = None,
               limit: int = 100) -> list[Group]:
        """Unanswered questions grouped by meaning, largest group first."""
        self.expire()
        self.assign_groups()
        marks = ",".join("?" * len(statuses))
        where, args = f"q.status IN ({marks}) AND q.grp IS NOT NULL", list(statuses)
        if since is not None:
            where += " AND q.asked >= ?"
            args.append(since.isoformat(timespec="seconds"))
        with self._connect() as db:
            found = db.execute(
                f"SELECT q.grp, count(*), min(q.asked), max(q.asked), g.leader, g.nearest, "
                f"sum(q.status = 'not_found'), sum(q.status = 'uncertain') FROM questions q JOIN groups g ON g.id = q.grp "
                f"WHERE {where} GROUP BY q.grp ORDER BY count(*) DESC, max(q.asked) DESC LIMIT ?", (*args, limit)).fetchall()
            # A group is shown by its earliest question within the filter (to the hour, as times are kept), not by
            # the question that founded it, which may lie outside the period or have another outcome.
            shown = {g[0] for g in found}
            earliest: dict[int, str] = {}
            for group, question in db.execute(
                    f"SELECT q.grp, q.question FROM questions q WHERE {where} AND q.question IS NOT NULL AND q.grp IN "
                    f"({','.join('?' * len(shown))}) ORDER BY q.asked DESC, q.id DESC", (*args, *shown)):
                earliest[group] = question  # the last written is the earliest
        return [Group(g, earliest.get(g, leader), n, first, last, nearest, {"not_found": nf, "uncertain": un})
                for g, n, first, last, leader, nearest, nf, un in found]

    def group_questions(self, group_ids: list[int], statuses: tuple[str, ...] = UNANSWERED,
                        since: datetime | None = None) -> list[dict]:
        """The questions of some groups with one of ``statuses`` asked since ``since`` (for the export)."""
        if not group_ids:
            return []
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            marks = ",".join("?" * len(group_ids))
            return [dict(r) for r in db.execute(
                f"SELECT id, asked, status, question, nearest, grp FROM questions WHERE grp IN ({marks}) AND status IN "
                f"({','.join('?' * len(statuses))}) AND asked >= ? ORDER BY grp, asked, id",
                (*group_ids, *statuses, (since or datetime.min.replace(tzinfo=UTC)).isoformat(timespec="seconds")))]

    def assign_groups(self, similarity: float = GROUP_SIMILARITY) -> int:
        """Put every new unanswered question in a group; returns how many were new.

        A question joins the group all of whose members (the first ``GROUP_MEMBERS``) it is at least
        ``similarity`` alike, the most alike such group: complete linkage, so a group does not drift
        from one meaning to the next through questions that are each a little alike."""
        with self._lock, self._connect() as db:
            new = db.execute("SELECT id, question, nearest, vector FROM questions WHERE grp IS NULL AND vector IS NOT "
                             "NULL ORDER BY asked, id").fetchall()
            if not new:
                return 0
            groups = db.execute("SELECT id, members FROM groups ORDER BY id").fetchall()
            dimensions = len(new[-1][3]) // 2  # the newest question's: after a change of model, older groups are let be
            members = Members(dimensions)
            for group, blob in groups:
                if blob and len(blob) % (2 * dimensions) == 0:
                    members.add_group(int(group), np.frombuffer(blob, dtype=np.float16).astype(np.float32))
            changed: set[int] = set()
            for row_id, question, nearest, blob in new:
                if len(blob) != 2 * dimensions:
                    continue  # made by another model: it cannot be compared
                vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
                at = members.best(vector, similarity)
                if at is None:
                    group = db.execute("INSERT INTO groups (members, leader, nearest) VALUES (?, ?, ?)",
                                       (blob, question or "", nearest)).lastrowid
                    at = members.add_group(int(group), vector)
                elif members.size(at) < GROUP_MEMBERS:
                    members.add(at, vector)
                    changed.add(at)
                db.execute("UPDATE questions SET grp = ? WHERE id = ?", (members.ids[at], row_id))
            db.executemany("UPDATE groups SET members = ? WHERE id = ?",
                           [(members.of(i).astype(np.float16).tobytes(), members.ids[i]) for i in changed])
            return len(new)

    def csv(self) -> str:
        """The whole log (without embeddings) as CSV."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        columns = ["id", "asked", "collections", "status", "confidence", "passages", "nearest", "latency_ms",
                   "feedback", "question", "searched", "grp"]
        writer.writerow(columns)
        self.expire()
        if not self._absent():
            with self._connect() as db:
                for row in db.execute(f"SELECT {', '.join(columns)} FROM questions ORDER BY asked, id"):
                    writer.writerow([_cell(v) for v in row])
        return out.getvalue()

    def count(self) -> int:
        if self._absent():
            return 0
        with self._connect() as db:
            return int(db.execute("SELECT count(*) FROM questions").fetchone()[0])
