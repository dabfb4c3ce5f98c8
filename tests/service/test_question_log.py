"""The question log on its own: what is stored, what is not, retention, grouping and the exports."""

from __future__ import annotations

import csv
import gc
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from vraagbaak.service.question_log import SCHEMA, Asked, QuestionLog


def unit(seed: int, near: np.ndarray | None = None, noise: float = 0.0) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=32).astype(np.float32)
    if near is not None:
        vector = near + noise * vector / np.linalg.norm(vector)
    return vector / np.linalg.norm(vector)


def asked(question="Wat doet de G40?", status="not_found", vector=None, **changes) -> Asked:
    fields = dict(question=question, status=status, confidence=0.1, passages=["abc"], nearest="Rapport › Wonen",
                  latency_ms=12.5, collections=["g40"], vector=unit(1) if vector is None else vector)
    return Asked(**{**fields, **changes})


@pytest.fixture
def log(tmp_path) -> QuestionLog:
    return QuestionLog(tmp_path / "questions.sqlite3")


def hour(n: int) -> datetime:
    """The n-th of a few hours ago, in order: rows within one hour have no order (row ids are random)."""
    return datetime.now(UTC) - timedelta(hours=24 - n)


def rows(log: QuestionLog) -> list[sqlite3.Row]:
    with log._connect() as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT * FROM questions ORDER BY asked, id").fetchall()


def test_personal_data_is_scrubbed_before_it_is_stored(log):
    log.add(asked("Ik (j.jansen@zwolle.nl, 06-12345678, BSN 123456782) woon op 8011 AB 12: wie helpt mij?"))
    stored = rows(log)[0]
    assert stored["question"] == "Ik ([e-mail], [telefoon], BSN [nummer]) woon op [adres]: wie helpt mij?"
    assert set(stored.keys()) == {"id", "asked", "day", "collections", "status", "confidence", "passages", "nearest",
                                  "latency_ms", "feedback", "question", "vector", "grp", "searched"}  # no address, no user


def test_without_text_only_the_outcome_is_stored(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3", store_text=False)
    log.add(asked("Mijn geheime vraag"))
    stored = rows(log)[0]
    assert stored["question"] is None and stored["vector"] is None and stored["status"] == "not_found"
    assert log.groups() == []


def test_only_unanswered_questions_keep_their_embedding(log):
    log.add(asked(status="answered"))
    log.add(asked(status="uncertain"))
    assert sorted((r["status"], r["vector"] is None) for r in rows(log)) == [("answered", True), ("uncertain", False)]


def test_retention_deletes_old_rows_and_their_groups(log):
    now = datetime.now(UTC)
    log.add(asked("nieuw", vector=unit(2)), now=now)
    log.add(asked("oud"), now=now - timedelta(days=91))  # (a clock put back: nothing is deleted by this insert)
    log.assign_groups()
    assert log.expire(now) == 1
    assert [r["question"] for r in rows(log)] == ["nieuw"]
    with log._connect() as db:
        assert db.execute("SELECT count(*) FROM groups").fetchone()[0] == 1
    log.add(asked("weer oud"), now=now - timedelta(days=200))  # a new day's first insert cleans up by itself
    assert log.count() == 2
    later = QuestionLog(log.path, retention_days=90)
    later.add(asked("morgen"), now=now + timedelta(days=1))
    assert sorted(r["question"] for r in rows(later)) == ["morgen", "nieuw"]


def test_questions_alike_share_a_group_and_others_do_not(log):
    base, other = unit(10), unit(20)
    for i, text in enumerate(["wie betaalt de opvang", "door wie wordt opvang betaald", "wie financiert opvang"]):
        log.add(asked(text, vector=unit(100 + i, near=base, noise=0.2)), now=hour(i))
    log.add(asked("hoe laat is het", vector=other, status="uncertain"), now=hour(3))
    groups = log.groups()
    assert [(g.question, g.count) for g in groups] == [("wie betaalt de opvang", 3), ("hoe laat is het", 1)]
    assert groups[1].statuses == {"not_found": 0, "uncertain": 1} and groups[0].nearest == "Rapport › Wonen"
    assert log.assign_groups() == 0  # nothing new: nothing to do
    assert log.groups(("uncertain",)) == [groups[1]]
    assert log.groups(since=datetime.now(UTC) + timedelta(hours=1)) == []


def test_feedback_marks_the_latest_time_the_passage_was_shown(log):
    log.add(asked("Wat doet de G40?", passages=["p1", "p2"]), now=hour(0))
    log.add(asked("Wat doet de G40?", passages=["p1"]), now=hour(1))
    log.feedback("Wat doet de G40?", "p2", helpful=False)
    log.feedback("Wat doet de G40?", "p1", helpful=True)
    assert [r["feedback"] for r in rows(log)] == [0, 1]


def test_the_rows_do_not_keep_the_order_of_asking(log):
    """Times are kept to the hour; a row number counting up would still give away who asked what next to an
    access log or a proxy's log with times to the millisecond."""
    ids = [log.add(asked(f"Vraag {i} over wonen")) for i in range(40)]
    assert ids != sorted(ids) and len(set(ids)) == 40
    assert log.assign_groups() == 40 and log.assign_groups() == 0  # grouping still takes each row once


def test_overview_counts_each_status_and_the_median_per_day(log):
    day = datetime(2026, 11, 20, 12, tzinfo=UTC)
    for status, ms in (("answered", 10), ("answered", 30), ("not_found", 20), ("uncertain", 99)):
        log.add(asked(status=status, latency_ms=ms), now=day)
    [row] = log.overview(30, now=day)
    assert row == {"day": "2026-11-20", "questions": 4, "answered": 2, "uncertain": 1, "not_found": 1, "median_ms": 25.0}  # of 10, 20, 30 and 99


def test_the_csv_has_every_row_and_cannot_smuggle_a_formula(log):
    log.add(asked("=HYPERLINK(\"http://x\")"), now=hour(0))
    log.add(asked("gewone vraag", status="answered"), now=hour(1))
    table = list(csv.reader(io.StringIO(log.csv()), delimiter=";"))
    assert table[0][:4] == ["id", "asked", "collections", "status"] and len(table) == 3
    assert table[1][9] == "'=HYPERLINK(\"http://x\")" and table[2][9] == "gewone vraag"
    # a black-box test: "13.6" and "0.0032" are a date and a text to a Dutch spreadsheet
    assert table[1][table[0].index("latency_ms")] == "12,5" and table[1][table[0].index("confidence")] == "0,1"


def test_a_corrected_question_is_kept_as_asked_and_as_searched_scrubbed_alike(log):
    log.add(asked("Wat doet de themagroep fibancien? Mail j.jansen@zwolle.nl",
                  searched="Wat doet de themagroep Financiën? Mail j.jansen@zwolle.nl"), now=hour(0))
    log.add(asked("Wat doet de G40?"), now=hour(1))
    first, second = rows(log)
    assert first["question"] == "Wat doet de themagroep fibancien? Mail [e-mail]"
    assert first["searched"] == "Wat doet de themagroep Financiën? Mail [e-mail]" and second["searched"] is None
    table = list(csv.reader(io.StringIO(log.csv()), delimiter=";"))
    assert table[1][table[0].index("searched")] == "Wat doet de themagroep Financiën? Mail [e-mail]"
    assert log.erase(containing="financiën", dry_run=True) == 1  # what was searched can be erased too


def test_a_log_from_before_corrections_gains_the_column_and_keeps_its_rows(tmp_path):
    path = tmp_path / "questions.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA.replace(",\n    searched TEXT", ""))
        db.execute("INSERT INTO questions (asked, day, collections, status, confidence, passages, nearest, latency_ms, "
                   "question) VALUES ('2026-11-01T10:00:00+00:00', '2026-11-01', '', 'answered', 0.9, '[]', '', 5, 'oud')")
    assert "searched" not in {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(questions)")}
    log = QuestionLog(path, retention_days=3650)
    log.add(asked("nieuw", searched="nieuw verbeterd"))
    assert [(r["question"], r["searched"]) for r in rows(log)] == [("oud", None), ("nieuw", "nieuw verbeterd")]
    other_worker = QuestionLog(path, retention_days=3650)  # finds the column there already
    other_worker.add(asked("later"))
    assert other_worker.count() == 3


def test_a_log_numbered_in_order_of_asking_gets_random_ids_once(tmp_path):
    """Rows of an older version kept ids 1, 2, 3, ... (and a table of how far grouping got): the order of asking,
    for 90 days more. They get random ids on first use; a second worker finds nothing left to do."""
    path = tmp_path / "questions.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA.replace("id INTEGER PRIMARY KEY,", "id INTEGER PRIMARY KEY AUTOINCREMENT,")
                         + "CREATE TABLE grouped (upto INTEGER NOT NULL); INSERT INTO grouped VALUES (2);")
        for n in range(1, 4):
            db.execute("INSERT INTO questions (asked, day, collections, status, confidence, passages, nearest, "
                       f"latency_ms, question) VALUES ('2026-11-30T10:00:00+00:00', '2026-11-30', '', 'answered', 0.9, "
                       f"'[]', '', 5, 'vraag {n}')")
    log = QuestionLog(path, retention_days=3650)
    assert log.count() == 3
    ids = [r["id"] for r in rows(log)]
    assert all(10**9 <= i < 10**15 for i in ids)
    assert QuestionLog(path, retention_days=3650).count() == 3 and [r["id"] for r in rows(log)] == ids
    with sqlite3.connect(path) as db:
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'grouped'").fetchone()


def test_a_group_forgets_an_expired_leader(log):
    """The group's shown question and its members come from rows that are still kept."""
    now = datetime.now(UTC)
    log.add(asked("wie betaalt de opvang (oud)", vector=unit(5)), now=now - timedelta(days=95))
    log.add(asked("wie betaalt de opvang (nieuw)", vector=unit(6, near=unit(5), noise=0.1)), now=now - timedelta(days=50))
    log.assign_groups()
    with log._connect() as db:
        assert db.execute("SELECT count(DISTINCT grp), count(*) FROM questions").fetchone() == (1, 2)  # one group
    [group] = log.groups()  # reading expires first
    assert (group.question, group.count) == ("wie betaalt de opvang (nieuw)", 1)
    with log._connect() as db:
        [(members,)] = db.execute("SELECT members FROM groups").fetchall()
    assert len(members) == 32 * 2  # one float16 member left: the kept question's


def test_questions_of_another_model_are_let_be(log):
    log.add(asked("oud model", vector=unit(1)))
    log.assign_groups()
    log.add(asked("nieuw model", vector=np.ones(48, dtype=np.float32) / np.sqrt(48)))
    assert sorted(g.question for g in log.groups()) == ["nieuw model", "oud model"]


def test_the_file_is_for_the_service_alone_and_times_are_kept_to_the_hour(log):
    log.add(asked(), now=datetime(2026, 5, 4, 13, 47, 12, tzinfo=UTC))
    assert log.path.stat().st_mode & 0o777 == 0o600
    assert rows(log)[0]["asked"] == "2026-05-04T13:00:00+00:00"


def test_a_damaged_file_is_named_in_dutch_and_left_as_it_was(tmp_path):
    from vraagbaak.service.private_db import StoreUnavailable

    path = tmp_path / "questions.sqlite3"
    path.write_bytes(b"x" * 4096)
    with pytest.raises(StoreUnavailable, match="vragenlogboek .*questions.sqlite3 is beschadigd"):
        QuestionLog(path).check()
    with pytest.raises(StoreUnavailable):
        QuestionLog(path).add(asked())
    assert path.read_bytes() == b"x" * 4096


def test_switching_texts_off_forgets_the_texts_stored_before(tmp_path):
    before = QuestionLog(tmp_path / "q.sqlite3")
    before.add(asked("Mijn oude vraag"))
    before.assign_groups()
    after = QuestionLog(tmp_path / "q.sqlite3", store_text=False)
    assert after.forget_texts() == 1
    stored = rows(after)[0]
    assert (stored["question"], stored["vector"], stored["grp"]) == (None, None, None)
    assert "Mijn oude vraag" not in after.csv() and after.groups() == []


def test_a_question_can_be_erased_on_request_with_what_its_group_showed(log, monkeypatch):
    from click.testing import CliRunner

    from vraagbaak.cli import cli
    from vraagbaak.config import get_settings

    first = log.add(asked("Mijn code is Geheim123, wat doet de G40?", vector=unit(3)), now=hour(0))
    log.add(asked("Wat doet de G40 eigenlijk?", vector=unit(4, near=unit(3), noise=0.1)), now=hour(1))
    log.add(asked("Wat doet de themagroep Wonen?", vector=unit(9)), now=hour(2))
    assert [g.question for g in log.groups()][0] == "Mijn code is Geheim123, wat doet de G40?"
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(log.path.parent))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["vragen", "--wis", str(first)])
        assert result.exit_code == 0 and "Dit wist 1 vraag; herhaal de opdracht met --ja" in result.output, result.output
        assert log.count() == 3
        result = CliRunner().invoke(cli, ["vragen", "--wis", str(first), "--ja"])
        assert result.exit_code == 0 and "1 vraag gewist" in result.output, result.output
        assert "Geheim123" not in log.csv() and "Wat doet de G40 eigenlijk?" in [g.question for g in log.groups()]
        with log._connect() as db:
            assert "Geheim123" not in str(db.execute("SELECT leader FROM groups").fetchall())
        result = CliRunner().invoke(cli, ["vragen", "--wis-met", "THEMAGROEP wonen", "--ja"])
        assert "1 vraag gewist" in result.output and log.count() == 1
        # A black-box test: "australie" missed "Australië", and the feedback kept the erased words.
        from vraagbaak.service.feedback import FeedbackStore

        log.add(asked("Wat is de hoofdstad van Australië,  Pietje Puk?", vector=unit(5)), now=hour(3))
        feedback = FeedbackStore(log.path.parent / "feedback.sqlite3")
        feedback.add("Wat is de hoofdstad van Australië,  Pietje Puk?", "p1", False, "groet, Pietje   Puk")
        result = CliRunner().invoke(cli, ["vragen", "--wis-met", "pietje puk"])
        assert "Dit wist 1 vraag en 1 reactie (vraag en opmerking); herhaal" in result.output, result.output
        result = CliRunner().invoke(cli, ["vragen", "--wis-met", "australie,  PIETJE", "--ja"])
        assert "1 vraag gewist uit het vragenlogboek en 1 reactie" in result.output, result.output
        assert log.count() == 1 and [(r["question"], r["comment"], r["helpful"]) for r in feedback.all()] == [("", None, 0)]
        nothing = CliRunner().invoke(cli, ["vragen", "--wis-met", "kwak"])
        assert "er valt niets te wissen" in nothing.output
        for since in ("7D", "12u", "2w", "1h"):  # a black-box test: "7D" and "2w" were refused
            assert CliRunner().invoke(cli, ["vragen", "--since", since]).exit_code == 0, since
        # A confirmation without anything to erase, or blank words to erase, listed the groups as if asked to.
        alone = CliRunner().invoke(cli, ["vragen", "--ja"])
        assert alone.exit_code == 2 and "gebruik het samen met --wis" in alone.output, alone.output
        for nothing in ("", "  ", "´", "\u0301"):  # a review: an accent alone folds to "", which every text holds
            blank = CliRunner().invoke(cli, ["vragen", "--wis-met", nothing, "--ja"])
            assert blank.exit_code == 2 and "--wis-met is leeg" in blank.output, blank.output
        assert log.erase(containing="´") == 0 and log.count() == 1
        log.add(asked("Wat kost een parkeervergunning?", vector=unit(12)), now=hour(4))
        assert len(log.groups()) == 2
        cut = CliRunner().invoke(cli, ["vragen", "--limit", "1", "--json"])  # the list was cut without a word
        assert cut.exit_code == 0 and len(json.loads(cut.stdout)) == 1, cut.output
        assert "meer dan 1 groep;" in cut.stderr
        assert "group" in json.loads(cut.stdout)[0] and "id" not in json.loads(cut.stdout)[0]  # --wis takes a row id
        whole = CliRunner().invoke(cli, ["vragen", "--limit", "2"])
        assert whole.exit_code == 0 and "meer dan" not in whole.output
    finally:
        get_settings.cache_clear()


def test_a_damaged_page_or_a_locked_file_is_said_for_what_it_is(tmp_path):
    from vraagbaak.service.private_db import StoreUnavailable

    log = QuestionLog(tmp_path / "questions.sqlite3")
    for i in range(400):
        log.add(asked(f"vraag {i} " + "x" * 200))
    with log._connect() as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(log.path.read_bytes())
    data[4096 * 3:4096 * 5] = b"\xff" * 8192  # pages in the middle; the header is whole
    (tmp_path / "kapot.sqlite3").write_bytes(bytes(data))
    with pytest.raises(StoreUnavailable, match="is beschadigd"):
        QuestionLog(tmp_path / "kapot.sqlite3").check()
    healthy = QuestionLog(tmp_path / "ander.sqlite3")
    healthy.add(asked())
    holder = sqlite3.connect(healthy.path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailable, match="kon niet worden gebruikt .*locked"):
            from vraagbaak.service.private_db import translated
            with translated(healthy.path, "Het vragenlogboek"):
                sqlite3.connect(healthy.path, timeout=0).execute("DELETE FROM questions")  # a writer waits
    finally:
        holder.rollback()


def test_a_group_is_shown_by_its_earliest_question_within_the_filter(log):
    """A black-box test: a group was labelled by the question that founded it, asked before the period shown
    or with another outcome than the one filtered on."""
    base = unit(7)
    log.add(asked("Wat verdient de burgemeester van Zwolle?", vector=base), now=datetime.now(UTC) - timedelta(days=40))
    log.add(asked("Hoeveel verdient een burgemeester?", status="uncertain", vector=unit(8, near=base, noise=0.05)),
            now=hour(1))
    log.add(asked("Wat is het salaris van de burgemeester?", vector=unit(9, near=base, noise=0.05)), now=hour(2))
    [everything] = log.groups()
    assert everything.question == "Wat verdient de burgemeester van Zwolle?" and everything.count == 3
    [recent] = log.groups(since=datetime.now(UTC) - timedelta(days=30))
    assert recent.question == "Hoeveel verdient een burgemeester?" and recent.count == 2
    [refused] = log.groups(("not_found",), since=datetime.now(UTC) - timedelta(days=30))
    assert refused.question == "Wat is het salaris van de burgemeester?" and refused.count == 1


def test_erased_words_are_gone_from_every_file_not_only_from_what_is_read(tmp_path):
    """An erasure on request (words the scrubbing could not know for private) must not leave the words in the database's free pages or in its
    write-ahead file, where a backup or anyone reading the files would still find them."""
    from vraagbaak.service.feedback import FeedbackStore

    log = QuestionLog(tmp_path / "questions.sqlite3")
    feedback = FeedbackStore(tmp_path / "feedback.sqlite3")
    for i in range(30):  # others' questions around it, so the erased row shares its pages with rows that stay
        log.add(asked(f"Wat doet themagroep {i} van de G40?", vector=unit(i + 10)), now=hour(0))
    log.add(asked("Wat vindt de G40 van vlinderdas zwaluwstaart?", vector=unit(3)), now=hour(1))
    feedback.add("Wat vindt de G40 van vlinderdas zwaluwstaart?", "p1", False, "vlinderdas zwaluwstaart staat er niet in")
    log.groups()  # the question leads a group, whose leader text and embeddings are stored apart
    assert log.erase(containing="vlinderdas zwaluwstaart") == 1 and feedback.erase("vlinderdas zwaluwstaart") == 1

    # Connections no one holds close now, not between listing the files and reading them: the last one to close
    # removes the "-shm" file, which gave a FileNotFoundError now and then.
    gc.collect()
    for path in sorted(tmp_path.iterdir()):
        assert b"zwaluwstaart" not in path.read_bytes(), path.name
    assert log.count() == 30 and len(feedback.all()) == 1


def test_an_erasure_says_so_when_a_reader_holds_back_the_write_ahead_file(tmp_path, caplog):
    """A review: with another connection reading, the checkpoint that empties the write-ahead file could not finish,
    and the erased words stayed there without a word."""
    from vraagbaak.service import private_db

    log = QuestionLog(tmp_path / "questions.sqlite3")
    log.add(asked("Wat vindt de G40 van vlinderdas zwaluwstaart?"), now=hour(0))
    reader = sqlite3.connect(log.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM questions").fetchone()  # a read that pins the write-ahead file
    try:
        with log._connect() as db:
            db.execute("PRAGMA busy_timeout = 100")  # the service waits 10 seconds
            db.execute("DELETE FROM questions")
            assert private_db.wipe_journal(db) is False
        assert "kon het WAL-bestand" in caplog.text
    finally:
        reader.close()
    with log._connect() as db:
        assert private_db.wipe_journal(db) is True  # the reader gone, it is emptied


def test_a_question_waiting_to_be_written_is_seen_by_whatever_opens_the_log_first(log):
    """The service writes a question after its answer has gone out; feedback, a page, an export or an erasure
    that comes first must still find it."""
    log.add_later(asked("Wat doet de themagroep Wonen?", status="answered", passages=["p1"]))
    assert not log.path.exists()
    log.feedback("Wat doet de themagroep Wonen?", "p1", helpful=False)
    stored = rows(log)
    assert [(r["question"], r["feedback"]) for r in stored] == [("Wat doet de themagroep Wonen?", 0)]
    log.add_later(asked("Mijn e-mail is a.b@zwolle.nl"))
    assert "[e-mail]" in log.csv() and "a.b@zwolle.nl" not in log.csv()
    log.write_waiting()  # nothing left: written once
    assert log.count() == 2


def test_questions_wait_in_memory_while_the_log_cannot_be_opened_the_oldest_going_first(tmp_path, monkeypatch):
    from vraagbaak.service import question_log
    from vraagbaak.service.private_db import StoreUnavailable

    monkeypatch.setattr(question_log, "WAITING_LIMIT", 2)
    path = tmp_path / "questions.sqlite3"
    path.write_bytes(b"x" * 4096)
    log = QuestionLog(path)
    for question in ("eerste", "tweede", "derde"):
        log.add_later(asked(question))
        with pytest.raises(StoreUnavailable):
            log.write_waiting()
    assert path.read_bytes() == b"x" * 4096
    path.unlink()  # the file put right
    log.write_waiting()
    assert sorted(r["question"] for r in rows(log)) == ["derde", "tweede"]


def test_a_failed_write_loses_only_its_questions_and_the_log_can_still_be_read(log, monkeypatch, caplog):
    """A review: put back after a failed write, a question SQLite refuses held up every page, export and question
    after it. A failed write is logged and loses the questions it held, as it always did; the reader goes on."""
    log.add(asked("al bewaard"))
    insert = log._insert

    def full(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(log, "_insert", full)
    log.add_later(asked("eerste"))
    assert log.count() == 1 and "niet in het vragenlogboek gezet" in caplog.text
    monkeypatch.setattr(log, "_insert", insert)
    log.add_later(asked("tweede"))
    log.write_waiting()
    assert sorted(r["question"] for r in rows(log)) == ["al bewaard", "tweede"]
