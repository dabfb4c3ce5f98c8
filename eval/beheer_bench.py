"""How fast the owners' pages are with a full question log: `python -m vraagbaak.eval.beheer_bench`.

Fills a question log with 100,000 generated questions over 90 days (30 % not answered or
uncertain, drawn from 300 subjects so that they group), groups the backlog once, then times, over
5 runs each, what a page request does on the server: the queries and the HTML, for the overview
and the "niet beantwoord" page (with 100 new questions to group first), and the CSV export.
Printed, never asserted; the target is 300 ms per page.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from vraagbaak.service import beheer_pages
from vraagbaak.service.question_log import UNANSWERED, QuestionLog

ROWS, SUBJECTS, DIMENSIONS = 100_000, 300, 384


def fill(log: QuestionLog, rows: int, start: int = 0, now: datetime | None = None) -> None:
    rng = np.random.default_rng(start)
    now = now or datetime.now(UTC)
    centres = np.random.default_rng(7).normal(size=(SUBJECTS, DIMENSIONS)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    records = []
    for i in range(start, start + rows):
        asked = now - timedelta(minutes=int(rng.integers(0, 90 * 24 * 60))) if not start else now
        status = rng.choice(["answered", "uncertain", "not_found"], p=[0.7, 0.15, 0.15])
        vector = None
        if status in UNANSWERED:
            subject = int(rng.integers(0, SUBJECTS))
            v = centres[subject] + 0.1 * rng.normal(size=DIMENSIONS).astype(np.float32) / np.sqrt(DIMENSIONS)
            vector = (v / np.linalg.norm(v)).astype(np.float16).tobytes()
        records.append((asked.isoformat(timespec="seconds"), asked.date().isoformat(), "g40", str(status),
                        float(rng.random()), json.dumps(["abc"]), "G40 jaarverslag 2023 › Wonen",
                        float(rng.gamma(4, 5)), f"vraag {i} over onderwerp {i % SUBJECTS}", vector))
    with log._connect() as db:
        db.executemany("INSERT INTO questions (asked, day, collections, status, confidence, passages, nearest, "
                       "latency_ms, question, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records)


def timed_ms(func, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        log = QuestionLog(Path(tmp) / "questions.sqlite3")
        started = time.perf_counter()
        fill(log, ROWS)
        filled = time.perf_counter() - started
        started = time.perf_counter()
        backlog = log.assign_groups()
        grouped = time.perf_counter() - started
        since = datetime.now(UTC) - timedelta(days=30)
        overview = timed_ms(lambda: beheer_pages.page("Overzicht", "/beheer",
                                                      beheer_pages.overview(log.overview(30), log.count())))
        offset = [ROWS]

        def unanswered() -> None:
            fill(log, 100, start=offset[0])  # new questions since the last visit: grouped on the way
            offset[0] += 100
            beheer_pages.page("Niet beantwoord", "/beheer/niet-beantwoord",
                              beheer_pages.unanswered(log.groups(UNANSWERED, since), "beide", 30, True))

        groups_ms = timed_ms(unanswered)
        csv_ms = timed_ms(log.csv, runs=3)
        size = log.path.stat().st_size
        with log._connect() as db:
            groups = db.execute("SELECT count(*) FROM groups").fetchone()[0]
    print(f"Question log: {ROWS} questions ({size / 1e6:.0f} MB), filled in {filled:.1f} s; "
          f"{backlog} unanswered grouped once in {grouped:.1f} s into {groups} groups")
    print(f"Overview page (queries and HTML), median of 5: {overview:.0f} ms")
    print(f"'Niet beantwoord' page with 100 new questions to group first, median of 5: {groups_ms:.0f} ms")
    print(f"CSV export of the whole log, median of 3: {csv_ms:.0f} ms")


if __name__ == "__main__":
    main()
