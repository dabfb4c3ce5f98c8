"""Feedback on answers, kept in SQLite in the data directory; exportable as candidate evaluation pairs."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from vraagbaak.build_format import PATH_SEPARATOR, Passage

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    passage_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT
)
"""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(SCHEMA)
        return connection

    def add(self, question: str, passage_id: str, helpful: bool, comment: str | None) -> int:
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created, question, passage_id, helpful, comment) VALUES (?, ?, ?, ?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), question, passage_id, int(helpful), comment),
            )
            return int(cursor.lastrowid)

    def all(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM feedback ORDER BY id")]


def candidate_pairs(rows: list[dict], passages: dict[str, Passage]) -> list[dict]:
    """Helpful answers become question/answer pairs to review and add to the evaluation set.

    The evidence is the passage's first sentence (cut to 120 characters at a word), which a
    reviewer replaces by the sentence that answers; the answer is left for them to write.
    """
    pairs = []
    for row in rows:
        passage = passages.get(row["passage_id"])
        if not row["helpful"] or passage is None:
            continue
        first = passage.text.split(". ")[0]
        evidence = first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0]
        if len(evidence) < 30:
            evidence = passage.text[:120].rsplit(" ", 1)[0]
        pairs.append({
            "id": f"feedback-{row['id']:04d}", "question": row["question"], "answer": "", "evidence": [evidence],
            "document": passage.document, "section": PATH_SEPARATOR.join(passage.citation.section), "kind": "fact",
            "review": row["comment"] or "",
        })
    return pairs


def export(rows: list[dict], passages: dict[str, Passage]) -> str:
    return "".join(json.dumps(pair, ensure_ascii=False) + "\n" for pair in candidate_pairs(rows, passages))
