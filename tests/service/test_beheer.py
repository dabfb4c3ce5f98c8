"""The owners' pages through the API (fake-embedded index): who may open them, what they show, the exports."""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path

import pytest

from tests.service.test_app import ready_client
from vraagbaak.eval.dataset import QAPair

KEY = "geheim-sleutel-123"


@pytest.fixture
def owner(fake_built):
    with ready_client(fake_built, rate_limit=0, api_key=KEY) as client:
        yield client


def basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"beheer:{password}".encode()).decode()}


def test_without_a_key_or_proxy_the_pages_are_off(fake_built):
    with ready_client(fake_built) as client:
        response = client.get("/beheer")
        assert response.status_code == 403 and "VRAAGBAAK_API_KEY" in response.text  # a page, like its other errors
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/beheer", "/beheer/niet-beantwoord", "/beheer/feedback", "/beheer/plank",
                                  "/beheer/export/vragen.csv", "/beheer/export/evaluatie.jsonl?groep=1"])
def test_every_page_needs_the_key_and_the_browser_is_asked_for_it(owner, path):
    refused = owner.get(path)
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith('Basic realm="Vraagbaak beheer"')
    assert owner.get(path, headers=basic("fout")).status_code == 401
    assert owner.get(path, headers={"X-API-Key": "fout"}).status_code == 401
    for headers in (basic(KEY), {"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}):
        assert owner.get(path, headers=headers).status_code in ((200, 404) if "groep=1" in path else (200,)), headers


def test_an_owner_named_by_a_trusted_proxy_may_open_them_and_a_forged_header_or_anyone_else_may_not(fake_built):
    """A black-box test: behind single sign-on every employee is named, and any of them opened the log."""
    proxy = {"trusted_proxy_header": "X-Forwarded-User", "trusted_proxies": "testclient"}
    with ready_client(fake_built, **proxy, owners="a.beheer, B.Eigenaar") as client:
        assert client.get("/beheer", headers={"X-Forwarded-User": "a.beheer"}).status_code == 200
        assert client.get("/beheer", headers={"X-Forwarded-User": "b.eigenaar"}).status_code == 200
        assert client.get("/beheer", headers={"X-Forwarded-User": "anna"}).status_code == 401
    with ready_client(fake_built, **proxy) as client:  # no owners named: the pages are off without a key
        assert client.get("/beheer", headers={"X-Forwarded-User": "a.beheer"}).status_code == 403
    with ready_client(fake_built, trusted_proxy_header="X-Forwarded-User", trusted_proxies="10.0.0.1",
                      owners="a.beheer") as client:
        assert client.get("/beheer", headers={"X-Forwarded-User": "a.beheer"}).status_code == 401


class Unsure:
    """Grades every question not found: the fake-embedded index is not calibrated, so it answers everything."""

    def grade(self, rows):
        return "not_found", 0.05


def test_asked_questions_show_up_scrubbed_and_grouped_and_export_as_pairs(owner, fake_built):
    searcher = owner.app.state.index.searcher
    assert owner.post("/api/ask", json={"question": "Wat doet de themagroep Havens?"}).json()["status"] == "answered"
    searcher.config = searcher.config.model_copy(update={"answer_model": Unsure()})
    for question in ("Hoe maak ik bezwaar tegen mijn aanslag? Mail a@b.nl", "Hoe maak ik bezwaar tegen mijn aanslag? "
                     "Mail x@y.nl", "Wanneer is het strand open?"):
        assert owner.post("/api/ask", json={"question": question}).json()["status"] == "not_found"
    db = sqlite3.connect(Path(fake_built.data_dir) / "questions.sqlite3")
    stored = [r[0] for r in db.execute("SELECT question FROM questions")]
    assert stored.count("Hoe maak ik bezwaar tegen mijn aanslag? Mail [e-mail]") == 2
    assert "testclient" not in json.dumps(db.execute("SELECT * FROM questions").fetchall(), default=str)
    overview = owner.get("/beheer", headers={"X-API-Key": KEY}).text
    assert "vragen in 30 dagen" in overview and "<svg" in overview and "<table" in overview
    page = owner.get("/beheer/niet-beantwoord", headers={"X-API-Key": KEY}).text
    assert "Hoe maak ik bezwaar tegen mijn aanslag? Mail [e-mail]" in page and "a@b.nl" not in page
    group = {}
    for question, grp in db.execute("SELECT question, grp FROM questions"):
        group.setdefault(question, []).append(grp)
    bezwaar = group["Hoe maak ik bezwaar tegen mijn aanslag? Mail [e-mail]"]
    assert group["Wat doet de themagroep Havens?"] == [None]  # answered: no group
    assert bezwaar[0] == bezwaar[1] != group["Wanneer is het strand open?"][0]  # alike: one group
    exported = owner.get(f"/beheer/export/evaluatie.jsonl?groep={bezwaar[0]}", headers={"X-API-Key": KEY})
    pairs = [QAPair.model_validate(json.loads(line)) for line in exported.text.splitlines()]
    assert [p.question for p in pairs] == ["Hoe maak ik bezwaar tegen mijn aanslag? Mail [e-mail]"]  # once
    assert pairs[0].kind == "unanswerable" and pairs[0].evidence == []
    # A black-box test: the export took every member of the groups, not those of the outcome the page showed.
    assert '<input type="hidden" name="status" value="beide">' in page and 'name="sinds" value="30"' in page
    for status, found in (("uncertain", 404), ("not_found", 200)):
        only = owner.get(f"/beheer/export/evaluatie.jsonl?groep={bezwaar[0]}&status={status}&sinds=30",
                         headers={"X-API-Key": KEY})
        assert only.status_code == found, status
    table = owner.get("/beheer/export/vragen.csv", headers={"X-API-Key": KEY})
    assert table.headers["content-disposition"].startswith("attachment") and len(table.text.splitlines()) == 5


def test_feedback_and_shelf_pages_show_what_the_owners_need(owner):
    answer = owner.post("/api/ask", json={"question": "Wat doet de themagroep Havens?"}).json()
    passage = answer["passages"][0]
    owner.post("/api/feedback", json={"question": "Wat doet de themagroep Havens?", "passage_id": passage["id"],
                                      "helpful": False, "comment": "gaat over iets anders"})
    page = owner.get("/beheer/feedback", headers={"X-API-Key": KEY}).text
    assert "Wat doet de themagroep Havens?" in page and "gaat over iets anders" in page and passage["id"] in page
    shelf = owner.get("/beheer/plank", headers={"X-API-Key": KEY}).text
    assert "Collectie algemeen" in shelf and "testnet-2024" in shelf


def test_no_question_text_is_kept_when_switched_off(fake_built):
    with ready_client(fake_built, rate_limit=0, api_key=KEY, store_question_text=False) as client:
        client.post("/api/ask", json={"question": "Mijn persoonlijke vraag"})
        page = client.get("/beheer/niet-beantwoord", headers={"X-API-Key": KEY}).text
    assert "wordt niet bewaard" in page
    db = sqlite3.connect(Path(fake_built.data_dir) / "questions.sqlite3")
    assert db.execute("SELECT question, vector FROM questions").fetchall() == [(None, None)]


def test_a_path_prefix_does_not_open_a_way_around_the_key(fake_built):
    """Behind a proxy that mounts the service under /vraagbaak, /vraagbaak/beheer is still locked."""
    from fastapi.testclient import TestClient

    from tests.fakes import fake_embedder
    from vraagbaak.service.app import create_app

    app = create_app(fake_built.model_copy(update={"api_key": KEY}))
    app.state.index.embedder = fake_embedder()
    with TestClient(app, root_path="/vraagbaak", raise_server_exceptions=False) as client:
        refused = client.get("/vraagbaak/beheer")
        assert refused.status_code == 401
        assert client.get("/vraagbaak/beheer", headers={"X-API-Key": KEY}).status_code == 200
        assert client.post("/vraagbaak/api/admin/reload").status_code == 401
        # A black-box test: the pages linked from the root ("/beheer/plank"), outside the proxy's prefix.
        for page in (client.get("/vraagbaak/beheer/plank", headers={"X-API-Key": KEY}).text,
                     client.get("/vraagbaak/beheer/niet-beantwoord", headers={"X-API-Key": KEY}).text, refused.text):
            assert 'href="/vraagbaak/beheer/plank"' in page and 'href="/beheer' not in page
        from vraagbaak.service.beheer_pages import page

        form = page("Niet beantwoord", "/beheer/niet-beantwoord", '<form action="/beheer/export/evaluatie.jsonl">',
                    "/vraagbaak")
        assert 'action="/vraagbaak/beheer/export/evaluatie.jsonl"' in form and 'href="#inhoud"' in form


def test_an_owners_mistake_is_a_page_that_says_what_and_no_other_site_may_frame_it(owner):
    headers = {"X-API-Key": KEY}
    nothing = owner.get("/beheer/export/evaluatie.jsonl", headers=headers)
    assert nothing.status_code == 400 and "Kies eerst een of meer groepen" in nothing.text
    assert nothing.headers["content-type"].startswith("text/html")
    wrong = owner.get("/beheer/niet-beantwoord?sinds=0", headers=headers)
    assert wrong.status_code == 422 and "Het veld sinds moet minimaal 1 zijn." in wrong.text
    assert wrong.headers["content-type"].startswith("text/html")
    huge = owner.get("/beheer/export/evaluatie.jsonl?groep=999999999999999999999999", headers=headers)
    assert huge.status_code == 422 and "groep" in huge.text
    gone = owner.get("/beheer/export/evaluatie.jsonl?groep=99999", headers=headers)  # was an empty download
    assert gone.status_code == 404 and "bestaan niet (meer)" in gone.text and gone.headers["content-type"].startswith("text/html")
    refused = owner.get("/beheer")
    assert refused.status_code == 401 and "Log in" in refused.text and "www-authenticate" in refused.headers
    page = owner.get("/beheer/niet-beantwoord?sinds=365", headers=headers)
    assert '<option value="365" selected>' in page.text
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    table = owner.get("/beheer/export/vragen.csv", headers=headers).content.decode("utf-8")
    assert table.startswith("\ufeffid;asked;")  # a Dutch spreadsheet opens it in columns, accents intact


def test_a_damaged_log_is_said_on_ready_and_in_beheer_and_questions_are_still_answered(fake_built):
    import time

    data = Path(fake_built.data_dir)
    (data / "questions.sqlite3").write_bytes(b"geen database " * 400)
    with ready_client(fake_built, rate_limit=0, api_key=KEY) as client:
        deadline = time.monotonic() + 10
        while "questions.sqlite3" not in (client.get("/ready").json().get("detail") or ""):
            assert time.monotonic() < deadline, "the damaged log was not reported"
            time.sleep(0.05)
        assert client.get("/ready").status_code == 200
        assert client.post("/api/ask", json={"question": "Wat doet de themagroep Havens?"}).status_code == 200
        page = client.get("/beheer", headers={"X-API-Key": KEY})
        assert page.status_code == 503 and "beschadigd" in page.text and "Traceback" not in page.text
    assert (data / "questions.sqlite3").read_bytes() == b"geen database " * 400


def test_feedback_is_cleaned_as_a_question_is(owner):
    passage = owner.app.state.index.searcher.passages[0].id
    blank = owner.post("/api/feedback", json={"question": "   ", "passage_id": passage, "helpful": True})
    assert blank.status_code == 422
    kept = owner.post("/api/feedback", json={"question": "Wat\u0000 doet\u200b de G40?", "passage_id": passage,
                                             "helpful": False, "comment": "klopt\u0000 niet"})
    assert kept.status_code == 201
    [row] = owner.app.state.feedback.all()
    assert (row["question"], row["comment"]) == ("Wat doet de G40?", "klopt niet")


def test_the_servers_log_of_questions_is_scrubbed_too(fake_built, capfd):
    with ready_client(fake_built, rate_limit=0, log_questions=True) as client:
        client.post("/api/ask", json={"question": "Mijn BSN is 123456782, mail jan@zwolle.nl: wat doet de G40?"})
    err = capfd.readouterr().err
    assert "Mijn BSN is [nummer], mail [e-mail]: wat doet de G40?" in err and "123456782" not in err


def test_an_empty_overview_shows_no_shares_or_times_it_does_not_have():
    """A black-box test: with no questions the overview said "0 ms" and "0% beantwoord"."""
    from vraagbaak.service.beheer_pages import overview

    empty = overview([], 0)
    assert "0%" not in empty and "0 ms" not in empty and empty.count("<b>–</b>") == 4
    shown = overview([{"day": "2026-12-01", "questions": 2, "answered": 1, "not_found": 1, "median_ms": 12.0}], 2)
    assert "<b>50%</b>beantwoord" in shown and "<b>12 ms</b>" in shown


def test_times_say_they_are_utc_and_a_right_to_left_question_keeps_its_direction():
    """A black-box test: the pages' days and hours are UTC without saying so; an Arabic question's "?" stood at
    the wrong end."""
    from vraagbaak.service.beheer_pages import feedback, overview

    day = [{"day": "2026-12-01", "questions": 1, "answered": 1, "median_ms": 9.0}]
    assert '<th scope="col">dag (UTC)</th>' in overview(day, 1)
    row = {"helpful": 0, "passage_id": "weg", "created": "2026-12-01T10:00:00+00:00", "times": 1,
           "question": "ما هي المجموعة؟", "comment": None}
    page = feedback([row], {})
    assert '<td dir="auto">ما هي المجموعة؟</td>' in page and "dag (UTC)" in page


def test_the_pages_answer_head_behind_the_same_lock(owner):
    """A black-box test: HEAD /beheer was a 405 (a link checker or monitor takes it for a broken page)."""
    for path in ("/beheer", "/beheer/niet-beantwoord", "/beheer/feedback", "/beheer/plank"):
        assert owner.head(path).status_code == 401
        head = owner.head(path, headers={"X-API-Key": KEY})
        assert head.status_code == 200 and head.headers["content-type"].startswith("text/html") and head.content == b""


def test_the_charts_say_what_a_bar_and_a_point_measure():
    """A black-box review: the charts had no scale and no dates, so a bar's height meant nothing by itself."""
    from vraagbaak.service.beheer_pages import overview

    days = [{"day": "2026-11-01", "questions": 4, "answered": 3, "not_found": 1, "median_ms": 21.0},
            {"day": "2026-11-20", "questions": 12, "answered": 6, "uncertain": 6, "median_ms": 38.4}]
    page = overview(days, total=16)
    bars, line = page.split("<svg")[1], page.split("<svg")[2]
    assert ">12 vragen</text>" in bars and ">38 ms</text>" in line  # the top of each scale
    assert ">2026-10-22</text>" in bars and ">2026-11-20</text>" in bars  # the 30-day axis's first and last day
    assert ">2026-10-22</text>" in line and "van 2026-10-22 tot 2026-11-20" in line  # the latency's too
    one = overview([{"day": "2026-11-20", "questions": 1, "answered": 1, "median_ms": 9.0}], total=1)
    assert ">1 vraag</text>" in one


def test_a_question_without_a_subject_is_in_a_group_as_it_is_in_the_overview(owner, fake_built):
    """A black-box test: "Wat is het?" was counted as not found on the overview and in no group, so the page of
    unanswered questions did not add up with it."""
    for _ in range(2):
        assert owner.post("/api/ask", json={"question": "Wat is het?"}).json()["status"] == "not_found"
    page = owner.get("/beheer/niet-beantwoord", headers={"X-API-Key": KEY}).text
    assert "Wat is het?" in page
    db = sqlite3.connect(Path(fake_built.data_dir) / "questions.sqlite3")
    groups = [g for (g,) in db.execute("SELECT grp FROM questions WHERE question = 'Wat is het?'")]
    assert len(groups) == 2 and groups[0] == groups[1] is not None
