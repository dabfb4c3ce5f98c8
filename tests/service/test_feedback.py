import json
import threading

from vraagbaak.build_format import Citation, Passage
from vraagbaak.service.candidates import from_feedback
from vraagbaak.service.feedback import FeedbackStore

TEXT = ("De themagroep Fietsen werkt aan veilige fietsroutes tussen station en binnenstad. "
        "Zij schreef een position paper over fietsparkeren.")


def passage() -> Passage:
    citation = Citation(document="doc", title="Rapport", section=["Pijler", "Thema Fietsen"], page=2, page_end=2,
                        lines=(1, 2), line_ranges=[(1, 2)], offsets=[(0, 10)], links=[])
    return Passage(id="p1", document="doc", order=0, section_index=0, start=0, end=len(TEXT), text=TEXT,
                   embed_text=TEXT, citation=citation)


def test_rows_are_kept_in_order_and_survive_concurrent_writers(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store.all() == []
    threads = [threading.Thread(target=lambda i=i: store.add(f"vraag {i}", "p1", i % 2 == 0, None)) for i in range(20)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    rows = store.all()
    assert len({r["id"] for r in rows}) == 20 and {r["question"] for r in rows} == {f"vraag {i}" for i in range(20)}


def test_export_turns_helpful_answers_into_candidate_pairs(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.add("Wat doet de themagroep Fietsen?", "p1", True, "goed")
    store.add("Niet nuttig", "p1", False, None)
    store.add("Passage bestaat niet meer", "weg", True, None)
    [pair] = [json.loads(line) for line in from_feedback(store.all(), {"p1": passage()}).splitlines()]
    assert pair["question"] == "Wat doet de themagroep Fietsen?" and pair["review"] == "goed"
    assert pair["evidence"] == ["De themagroep Fietsen werkt aan veilige fietsroutes tussen station en binnenstad"]
    assert pair["section"] == "Pijler › Thema Fietsen" and pair["document"] == "doc" and pair["id"].startswith("feedback-")


def test_identical_posts_are_one_row_that_counts_them_kept_to_the_hour(tmp_path):
    """Fifty people finding the same answer useless were once one row: the owners saw one complaint."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    first = store.add("Vraag", "p1", True, None)
    assert store.add("Vraag", "p1", True, None) == first and len(store.all()) == 1
    assert store.add("Vraag", "p1", True, None) == first and store.all()[0]["times"] == 3
    assert store.add("Vraag", "p1", False, None) != first and len(store.all()) == 2
    assert all(row["created"].endswith(":00:00+00:00") for row in store.all())  # no order finer than the hour


def test_a_changed_verdict_takes_back_the_earlier_one_and_only_its_poster_can(tmp_path):
    """A black-box test: "Nuttig", then "Niet nuttig" twice kept a helpful row (exported as a candidate pair)
    and counted the other twice. A review: identical posts share a row, so its id is no proof of whose post
    it was; a receipt per post is, once."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    other = store.add("Vraag", "p1", True, None)  # someone else's, the same verdict
    theirs = store.receipt(other)
    mine = store.add("Vraag", "p1", True, None)
    assert mine == other and store.all()[0]["times"] == 2
    receipt = store.receipt(mine)
    assert receipt != theirs and len(receipt) == 32
    store.withdraw(receipt, "p1")
    store.withdraw(receipt, "p1")  # used: the other person's verdict stays
    changed = store.add("Vraag", "p1", False, None)
    store.withdraw(store.receipt(changed), "p1")
    store.add("Vraag", "p1", False, None)  # the same button again: still one verdict
    assert sorted((r["helpful"], r["times"]) for r in store.all()) == [(0, 1), (1, 1)]
    store.withdraw("0" * 32, "p1")  # a receipt never given
    store.withdraw(theirs, "p2")  # not about that passage: nothing taken back
    assert sorted((r["helpful"], r["times"]) for r in store.all()) == [(0, 1), (1, 1)]
    store.withdraw(theirs, "p1")
    assert [(r["helpful"], r["times"]) for r in store.all()] == [(0, 1)]


def test_a_feedback_file_from_before_the_count_gains_it_and_loses_its_order(tmp_path):
    import sqlite3

    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, created TEXT NOT NULL, question TEXT "
                   "NOT NULL, passage_id TEXT NOT NULL, helpful INTEGER NOT NULL, comment TEXT)")
        db.execute("INSERT INTO feedback (created, question, passage_id, helpful) VALUES ('2026-11-30T10:17:42+00:00', "
                   "'Vraag', 'p1', 0)")
    store = FeedbackStore(path, retention_days=3650)
    row = store.add("Vraag", "p1", False, None)
    assert 10**9 <= row < 10**15 and store.all() == [{"id": row, "created": "2026-11-30T10:00:00+00:00",
                                                      "question": "Vraag", "passage_id": "p1", "helpful": 0,
                                                      "comment": None, "times": 2}]  # to the hour, a random id


def test_the_oldest_rows_go_past_the_maximum_and_past_the_retention(tmp_path, caplog):
    import sqlite3

    caplog.set_level("INFO", logger="vraagbaak")
    store = FeedbackStore(tmp_path / "feedback.sqlite3", max_rows=100, retention_days=30)
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:  # five from an hour before the rest
        for i in range(5):
            store.add(f"vraag {i}", "p1", True, None)
        db.execute("UPDATE feedback SET created = strftime('%Y-%m-%dT%H:00:00+00:00', created, '-1 hour')")
    for i in range(5, 105):
        store.add(f"vraag {i}", "p1", True, None)
    rows = store.all()
    assert len(rows) == 100 and rows[0]["question"] not in {f"vraag {i}" for i in range(5)}  # the oldest hour went
    assert "boven het maximum" in caplog.text
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as db:
        db.execute("UPDATE feedback SET created = '2000-01-01T00:00:00+00:00' WHERE question IN "
                   f"({','.join(repr(f'vraag {i}') for i in range(5, 55))})")
    store.add("nieuw", "p1", True, None)
    assert {r["question"] for r in store.all()} == {f"vraag {i}" for i in range(55, 105)} | {"nieuw"}


def test_a_client_has_a_daily_quota_in_memory():
    from vraagbaak.service.limits import TokenBuckets

    quota = TokenBuckets(3, period=24 * 3600)
    assert [quota.take("10.0.0.1", now=0) == 0 for _ in range(4)] == [True, True, True, False]
    assert quota.take("10.0.0.2", now=0) == 0
    assert quota.take("10.0.0.1", now=8 * 3600) == 0  # a third of a day later: one post more


def test_the_export_command_keeps_feedback_the_settings_keep_and_reads_no_feedback_without_an_index(
        fake_built, tmp_path, monkeypatch):
    """The export once opened the file with the default retention (365 days), which deletes on reading:
    feedback a longer retention keeps was gone, and without an index the command then stopped anyway."""
    import sqlite3

    from click.testing import CliRunner

    from vraagbaak.cli import cli
    from vraagbaak.config import Settings, get_settings
    from vraagbaak.index import store as builds

    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "leeg"))
    monkeypatch.setenv("VRAAGBAAK_FEEDBACK_RETENTION_DAYS", "3650")
    (tmp_path / "leeg").mkdir()
    waiting = FeedbackStore.for_settings(Settings())
    waiting.add("Wat doet de themagroep Fietsen?", "p1", True, None)
    done = CliRunner().invoke(cli, ["feedback", "export"])
    assert done.exit_code == 1 and "index" in done.output and len(waiting.all()) == 1

    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(fake_built.data_dir))
    get_settings.cache_clear()  # the command line reads its settings once per process
    store = FeedbackStore.for_settings(Settings())
    assert store.retention_days == 3650
    [first, *_] = builds.read_passages(builds.current_build(fake_built.data_dir))
    store.add("Wat staat er over fietsen?", first.id, True, None)
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE feedback SET created = '2024-01-01T00:00:00+00:00'")
    store.add("Niets over fietsen", first.id, False, None)
    store.add("Over een passage van voor de laatste ingest", "0123456789abcdef", True, None)
    store.add("", first.id, True, None)  # kept without its text: no pair that eval would refuse as empty
    out = tmp_path / "kandidaten.jsonl"
    done = CliRunner().invoke(cli, ["feedback", "export", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert [json.loads(line)["question"] for line in out.read_text().splitlines()] == ["Wat staat er over fietsen?"]
    assert len(store.all()) == 4  # the first two years old, kept: the retention is ten years
    assert ("1 kandidaten geschreven naar" in done.output and "(van 4 reacties; overgeslagen: 1 niet nuttig; 1 over een "
            "passage die niet meer in de index staat (de reactie blijft bewaard); 1 zonder bewaarde vraag)." in done.output)
