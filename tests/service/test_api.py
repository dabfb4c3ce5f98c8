"""The API through a real HTTP server with the real index."""

import contextlib
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.service.conftest import free_port, running
from vraagbaak.index import store
from vraagbaak.index.build import build_index

pytestmark = pytest.mark.slow
ASK = "/api/ask"
QUESTION = "Wat doet de themagroep Financiën?"


def test_the_financien_question_and_its_citation_url_opens_the_source_at_the_passage(client):
    response = client.post(ASK, json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert body["answered"] and len(body["passages"]) == 5
    first = body["passages"][0]
    assert first["citation"]["section"] == ["Overige themagroepen", "Thema Financiën"]
    assert first["citation"]["page"] == 11 and first["citation"]["lines"][0] == 623
    start, end = first["highlights"][0]
    assert first["text"][start:end].endswith(".")
    page = client.get(first["citation"]["url"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'id="passage-{first["id"]}"' in page.text
    marked = re.search(r"<mark[^>]*>(.*?)</mark>", page.text, re.S).group(1)
    assert marked.startswith("Het belangrijkste aandachtspunt voor de themagroep Financiën")
    assert "pagina 11" in page.text and "<h2>Overige themagroepen</h2>" in page.text


def test_a_typing_error_is_corrected_said_and_can_be_switched_off(client, service):
    question = "Wat doet de themagroep fibancien?"

    def logged() -> list[str]:  # what the log holds for this question; other tests of the session ask it too
        log = csv.DictReader(io.StringIO(service[1].state.questions.csv()), delimiter=";")
        return sorted(r["searched"] for r in log if r["question"] == question)

    before = logged()
    body = client.post(ASK, json={"question": question}).json()
    assert body["question"] == question and body["searched_as"] == "Wat doet de themagroep Financiën?"
    assert body["corrections"] == [{"typed": "fibancien", "meant": "Financiën"}]
    assert body["status"] == "answered" and body["passages"][0]["citation"]["section"][-1] == "Thema Financiën"
    exact = client.post(ASK, json={"question": question, "spelling": False}).json()
    assert (exact["searched_as"], exact["corrections"]) == (None, [])
    assert exact["status"] == "not_found"
    assert logged() == sorted([*before, "", body["searched_as"]])
    for wrong in ("false", 0, None):  # a boolean, strictly: "false" is not false
        refused = client.post(ASK, json={"question": question, "spelling": wrong})
        assert refused.status_code == 422 and "spelling" in refused.text, wrong


def test_the_server_writes_the_question_to_the_log_on_its_own_after_answering(client, service, built):
    """Written after the response (a millisecond of every answer otherwise) by the server unasked: the file is read
    here with SQLite, not through the service's log, which would write a waiting question first. (That it comes
    after the response is not timed here: a timing test would be flaky.)"""
    question = "Welke themagroepen heeft het netwerk, vraag nummer 7301?"
    body = client.post(ASK, json={"question": question}).json()
    path, deadline, found = Path(built.data_dir) / "questions.sqlite3", time.monotonic() + 30, []
    while not found and time.monotonic() < deadline:
        time.sleep(0.05)
        if path.exists():  # read-only: a connection must not make the file before the service does
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
                with contextlib.suppress(sqlite3.OperationalError):  # made, its table not yet
                    found = db.execute("SELECT status, passages FROM questions WHERE question = ?",
                                       (question,)).fetchall()
    assert found == [(body["status"], json.dumps([p["id"] for p in body["passages"]]))]
    assert not service[1].state.questions._waiting


@pytest.mark.parametrize("message", ["Mijn collega vroeg het me. Wat is de opschalingskorting?",
                                     "Goedemorgen! Ik werk in Zwolle. Wat is de opschalingskorting? Bedankt alvast!"])
def test_a_greeting_or_a_word_about_the_asker_around_the_question_changes_nothing(client, message):
    """Once refused as a personal question ("Mijn ..."): only the asking sentence is searched and judged."""
    alone = client.post(ASK, json={"question": "Wat is de opschalingskorting?"}).json()
    chatty = client.post(ASK, json={"question": message}).json()
    assert alone["status"] == "answered"
    assert (chatty["status"], chatty["question"]) == ("answered", message)
    assert [p["id"] for p in chatty["passages"]] == [p["id"] for p in alone["passages"]]


def test_the_openapi_document_describes_the_contract(client):
    spec = client.get("/openapi.json").json()
    schema = spec["components"]["schemas"]
    answer = schema["AskResponse"]
    assert set(answer["properties"]) == {"question", "searched_as", "corrections", "status", "answered", "confidence",
                                         "message", "passages", "suggestions"}
    assert set(schema["SpellingFix"]["required"]) == {"typed", "meant"}
    assert answer["properties"]["status"]["enum"] == ["answered", "uncertain", "not_found"]
    assert "uncertain" in answer["properties"]["status"]["description"]
    assert set(schema["Citation"]["required"]) >= {"document", "title", "section", "page", "lines", "url", "links"}
    assert client.get("/docs").status_code == 200


def test_a_question_without_a_subject_is_not_found_through_the_api(client):
    body = client.post(ASK, json={"question": "Wat is het?"}).json()
    assert (body["status"], body["passages"], body["confidence"]) == ("not_found", [], 0.0)
    assert body["message"].startswith("Dat staat niet in de rapporten")
    assert body["suggestions"] == [] and "deze secties" not in body["message"]  # it points at none


def test_unanswerable_question_gives_suggestions(client):
    body = client.post(ASK, json={"question": "Wat is de hoofdstad van Frankrijk?"}).json()
    assert body["status"] == "not_found" and body["answered"] is False and body["passages"] == [] and body["suggestions"]
    assert body["message"].startswith("Dat staat niet in de rapporten") and body["confidence"] < 0.5
    assert "deze secties" in body["message"] and client.get(body["suggestions"][0]["url"]).status_code == 200
    passport = client.post(ASK, json={"question": "Hoe vraag ik een paspoort aan?"}).json()
    for suggestion in body["suggestions"] + passport["suggestions"]:  # the page named is where the section opens
        page = client.get(suggestion["url"]).text
        section = page[page.index(f'id="{suggestion["url"].split("#")[1]}"'):]
        assert int(re.search(r"pagina (\d+)", section).group(1)) == suggestion["page"], suggestion


@pytest.mark.parametrize("payload,status,phrase", [
    ({"question": ""}, 422, "leeg"),
    ({"question": "   \t\n "}, 422, "leeg"),
    ({"question": "?!"}, 422, "in woorden"),
    ({"question": "x" * 10000}, 422, "te lang"),
    ({"question": 42}, 422, "moet tekst zijn"),
    ({}, 422, "ontbreekt"),
    ({"question": QUESTION, "collections": "g40"}, 422, "moet een lijst zijn"),
    ({"question": QUESTION, "years": None}, 422, "lijst van jaren"),
    ({"question": QUESTION, "collections": [""]}, 422, "Een collectie in collections is leeg"),
    ({"question": QUESTION, "collections": ["   "]}, 422, "Een collectie in collections is leeg"),  # not "Onbekende collectie:    ."
    ({"question": QUESTION, "top_k": 0}, 422, "minimaal 1"),
    ({"question": QUESTION, "top_k": 1000}, 422, "hoogstens 20"),
    ({"question": QUESTION, "top_k": "5"}, 422, "geheel getal"),
    ({"question": QUESTION, "extra": 1}, 422, "Onbekend veld"),
    ([QUESTION], 422, "JSON-object"),
])
def test_bad_input_gets_a_clear_dutch_error(client, payload, status, phrase):
    response = client.post(ASK, json=payload)
    assert response.status_code == status
    error = response.json()["error"]
    assert phrase in error["message"] and error["code"]


@pytest.mark.parametrize("content,headers,status", [
    (b'{"question": "Wat', {"content-type": "application/json"}, 400),
    (b'{"question": "Financi\xebn"}', {"content-type": "application/json"}, 400),  # not UTF-8
    (b"question=Financien", {"content-type": "application/x-www-form-urlencoded"}, 415),
    (b'{"question": "Wat doet de G40?"}', {"content-type": "text/plain"}, 415),  # JSON, but not sent as JSON
    (b'{"question": "Wat doet de G40?"}', {"content-type": "text/json"}, 415),
    (b"", {"content-type": "application/json"}, 400),
])
def test_broken_bodies_get_a_clear_error(client, content, headers, status):
    response = client.post(ASK, content=content, headers=headers)
    assert response.status_code == status and "JSON" in response.json()["error"]["message"]


def test_json_with_a_charset_or_a_json_subtype_is_read_as_json(client):
    for content_type in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = client.post(ASK, content=b'{"question": "Wat doet de themagroep Financi\xc3\xabn?"}',
                               headers={"content-type": content_type})
        assert response.status_code == 200, content_type


def test_an_oversized_body_is_refused(client):
    response = client.post(ASK, content=b'{"question": "' + b"a" * 20000 + b'"}', headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "te_groot"

    def chunks():
        yield b'{"question": "'
        for _ in range(40):
            yield b"a" * 1000
        yield b'"}'

    chunked = client.post(ASK, content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413


def test_html_in_a_question_comes_back_as_data_not_markup(client):
    question = '<img src=x onerror="alert(1)"><script>alert(2)</script> Financiën'
    body = client.post(ASK, json={"question": question}).json()
    assert body["question"] == question  # JSON data, rendered as text by the widget
    assert client.post(ASK, json={"question": QUESTION}).status_code == 200  # still serving


def test_no_trace_path_or_library_name_in_errors(client):
    for response in (client.post(ASK, content=b"{", headers={"content-type": "application/json"}),
                     client.get("/source/bestaat-niet"), client.get("/nergens"), client.delete(ASK)):
        text = response.text.lower()
        assert response.status_code in (400, 404, 405)
        for leak in ("traceback", "/work/", "site-packages", "pydantic", "starlette", "fastapi", "file \""):
            assert leak not in text


def test_health_ready_and_metrics(client):
    assert client.get("/health").json() == {"status": "ok"}
    ready = client.get("/ready").json()
    assert ready["status"] == "klaar" and ready["passages"] > 40
    client.post(ASK, json={"question": QUESTION})
    client.post(ASK, json={"question": "Wat is de hoofdstad van Frankrijk?"})
    metrics = client.get("/metrics").text
    assert re.search(r'vraagbaak_requests_total\{endpoint="/api/ask",status="200"\} [1-9]', metrics)
    assert 'vraagbaak_answers_total{outcome="answered"}' in metrics
    assert 'vraagbaak_answers_total{outcome="not_found"}' in metrics
    assert 'vraagbaak_request_seconds_bucket{endpoint="/api/ask",le="0.05"}' in metrics


def test_feedback_is_stored_validated_and_exported(client, service, built, tmp_path):
    first = client.post(ASK, json={"question": QUESTION}).json()["passages"][0]
    ok = client.post("/api/feedback", json={"question": QUESTION, "passage_id": first["id"], "helpful": True,
                                            "comment": "Precies wat ik zocht"})
    assert ok.status_code == 201 and ok.json()["stored"]
    changed = client.post("/api/feedback", json={"question": QUESTION, "passage_id": first["id"], "helpful": False,
                                                 "replaces": ok.json()["receipt"]})
    assert changed.status_code == 201 and changed.json()["id"] != ok.json()["id"]
    with sqlite3.connect(Path(built.data_dir) / "feedback.sqlite3") as db:  # the person's first verdict is gone
        assert db.execute("SELECT count(*) FROM feedback WHERE id = ?", (ok.json()["id"],)).fetchone()[0] == 0
    client.post("/api/feedback", json={"question": QUESTION, "passage_id": first["id"], "helpful": True,
                                       "comment": "Precies wat ik zocht", "replaces": changed.json()["receipt"]})
    for forged in (ok.json()["id"], 10**20, "x" * 32):  # a row's id is no receipt
        assert client.post("/api/feedback", json={"question": QUESTION, "passage_id": first["id"], "helpful": False,
                                                  "replaces": forged}).status_code == 422
    for bad, status in (({"question": QUESTION, "passage_id": "0000000000000000", "helpful": True}, 404),
                        ({"question": QUESTION, "passage_id": "../../etc", "helpful": True}, 422),
                        ({"question": QUESTION, "passage_id": first["id"], "helpful": "ja"}, 422),
                        ({"question": QUESTION, "passage_id": first["id"], "helpful": False, "comment": "x" * 3000}, 422)):
        assert client.post("/api/feedback", json=bad).status_code == status
    gone = client.post("/api/feedback", json={"question": QUESTION, "passage_id": "0000000000000000", "helpful": True})
    assert gone.json()["error"]["code"] == "onbekende_passage" and "stel de vraag opnieuw" in gone.json()["error"]["message"]
    with sqlite3.connect(Path(built.data_dir) / "feedback.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM feedback").fetchone()[0] >= 1
    out = tmp_path / "kandidaten.jsonl"
    env = {"VRAAGBAAK_DATA_DIR": str(built.data_dir), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "vraagbaak.cli", "feedback", "export", "--out", str(out)],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pairs = [json.loads(line) for line in out.read_text().splitlines()]
    assert pairs and pairs[0]["question"] == QUESTION and 30 <= len(pairs[0]["evidence"][0]) <= 120
    assert pairs[0]["evidence"][0] in first["text"]


def test_cors_for_an_allowed_and_a_refused_origin(client):
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = client.options(ASK, headers={"origin": "https://intranet.example", **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://intranet.example"
    refused = client.options(ASK, headers={"origin": "https://kwaadwillend.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "cors_geweigerd"
    simple = client.post(ASK, json={"question": QUESTION}, headers={"origin": "https://kwaadwillend.example"})
    assert "access-control-allow-origin" not in simple.headers


def test_rate_limit_and_api_key(built, embedder):
    settings = built.model_copy(update={"api_key": "geheim-sleutel-123", "require_key": True, "rate_limit": 3,
                                        "cors_origins": "https://intranet.example"})
    with running(settings, embedder) as (base, _):
        with httpx.Client(base_url=base, timeout=30) as c:
            assert c.post(ASK, json={"question": QUESTION}).status_code == 401  # a script without the key
            assert c.post(ASK, json={"question": QUESTION}, headers={"x-api-key": "fout"}).status_code == 401
            for forged in ({"origin": "https://intranet.example"}, {"sec-fetch-site": "same-origin"}):
                assert c.post(ASK, json={"question": QUESTION}, headers=forged).status_code == 401  # no exemptions
            assert c.post(ASK, json={"question": QUESTION}, headers={"authorization": "Bearer geheim-sleutel-123"}).status_code == 200
            assert c.post(ASK, json={"question": QUESTION}, headers={"x-api-key": "geheim-sleutel-123"}).status_code == 200
            assert c.post(ASK, json={"question": QUESTION}, headers={"x-api-key": "geheim-sleutel-123"}).status_code == 200
            limited = c.post(ASK, json={"question": QUESTION}, headers={"x-api-key": "geheim-sleutel-123"})
            assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
            assert "opnieuw" in limited.json()["error"]["message"]
            assert c.get("/health").status_code == 200  # limits apply to the API only
            assert c.post("/api/admin/reload").status_code in (401, 429)


def test_refusals_can_be_read_by_an_allowed_page_and_users_behind_the_proxy_are_counted_apart(built, embedder):
    """A 429, 413 or 401 made before the app carried no CORS headers, so the widget on the intranet said the
    service was unreachable; and behind the intranet's proxy every user shared the proxy's one limit."""
    settings = built.model_copy(update={"rate_limit": 2, "cors_origins": "https://intranet.example",
                                        "trusted_proxies": "127.0.0.1"})
    page = {"origin": "https://intranet.example"}
    with running(settings, embedder) as (base, _):
        with httpx.Client(base_url=base, timeout=30) as c:
            def ask(forwarded: str, **headers):
                return c.post(ASK, json={"question": ""}, headers={"x-forwarded-for": forwarded, **page, **headers})
            assert [ask("10.0.0.1").status_code for _ in range(3)] == [422, 422, 429]
            limited = ask("10.0.0.1")
            assert limited.headers["access-control-allow-origin"] == "https://intranet.example"
            assert "retry-after" in limited.headers["access-control-expose-headers"].lower()
            assert ask("10.0.0.2").status_code == 422  # another user behind the same proxy
            assert ask("10.0.0.9, 10.0.0.3").status_code == 422  # the nearest hop the proxy did not add
            too_big = c.post(ASK, content=b"x" * (settings.max_body_bytes + 1),
                             headers={"content-type": "application/json", "x-forwarded-for": "10.0.0.4", **page})
            assert too_big.status_code == 413 and too_big.headers["access-control-allow-origin"] == page["origin"]
            other = c.post(ASK, json={"question": ""}, headers={"origin": "https://kwaadwillend.example",
                                                                "x-forwarded-for": "10.0.0.1"})
            assert other.status_code == 429 and "access-control-allow-origin" not in other.headers


def test_readiness_before_and_after_loading(built, tmp_path):
    """Without an index the service is alive but not ready; once one is published, it becomes ready."""
    import shutil

    data = tmp_path / "data"
    settings = built.model_copy(update={"data_dir": data, "reload_interval": 0.5})
    with running(settings, None, wait_ready=False) as (base, app):
        assert httpx.get(base + "/health").status_code == 200
        waiting = httpx.get(base + "/ready")
        assert waiting.status_code == 503 and str(tmp_path) not in waiting.text  # public: no server path
        assert waiting.json()["detail"].startswith("Er is nog geen index in data.")
        assert httpx.post(base + ASK, json={"question": QUESTION}).status_code == 503
        shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
        deadline = time.monotonic() + 120
        while httpx.get(base + "/ready").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert httpx.get(base + "/ready").status_code == 200


def test_hot_reload_while_eight_clients_keep_asking(built, embedder, tmp_path):
    import shutil

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(built.corpus_dir, corpus)
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    settings = built.model_copy(update={"corpus_dir": corpus, "data_dir": data, "api_key": "beheer-sleutel-42k", "rate_limit": 0,
                                        "reload_interval": 0})
    with running(settings, embedder) as (base, app):
        old = app.state.index.build
        failures, done, stop = [], [0], time.monotonic() + 600

        def ask_until_reloaded(_):
            with httpx.Client(base_url=base, timeout=60, headers={"x-api-key": "beheer-sleutel-42k"}) as c:
                while app.state.index.build == old and time.monotonic() < stop or done[0] < 40:
                    response = c.post(ASK, json={"question": QUESTION, "top_k": 3})
                    done[0] += 1
                    if response.status_code != 200 or not response.json()["answered"]:
                        failures.append(response.status_code)
                for _ in range(5):  # and a few more on the new index
                    if c.post(ASK, json={"question": QUESTION}).status_code != 200:
                        failures.append("after")

        with ThreadPoolExecutor(8) as pool:
            futures = list(pool.map(lambda i: pool.submit(ask_until_reloaded, i), range(8)))
            (corpus / "extra.txt").write_text("Thema Zeilen\n\nDe themagroep Zeilen bespreekt boten en water in deze test.\n")
            build_index(settings, embedder=embedder)
            reload = httpx.post(base + "/api/admin/reload", headers={"x-api-key": "beheer-sleutel-42k"}, timeout=120)
            assert reload.status_code == 200 and reload.json()["reloaded"]
            for f in futures:
                f.result()
        assert failures == [] and done[0] >= 40
        assert app.state.index.build != old and app.state.index.build == store.current_build(data)
        assert "Zeilen" in httpx.post(base + ASK, json={"question": "themagroep Zeilen boten"},
                                      headers={"x-api-key": "beheer-sleutel-42k"}).text


def test_a_refused_index_keeps_the_old_one_serving(built, embedder, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    settings = built.model_copy(update={"data_dir": data, "api_key": "beheer-sleutel-42k", "reload_interval": 0})
    with running(settings, embedder) as (base, app):
        old = app.state.index.build
        staging = store.staging_dir(data)
        shutil.copytree(old, staging, dirs_exist_ok=True)
        manifest = store.read_manifest(staging)
        manifest.model["fingerprint"] = "weights-ander"
        store.publish(staging, data, manifest.model_dump(exclude={"format", "build", "created"}))
        refused = httpx.post(base + "/api/admin/reload", headers={"x-api-key": "beheer-sleutel-42k"}, timeout=60)
        assert refused.status_code == 409 and "index_geweigerd" in refused.text
        assert app.state.index.build == old
        assert httpx.post(base + ASK, json={"question": QUESTION}, headers={"x-api-key": "beheer-sleutel-42k"}).status_code == 200


def test_vraagbaak_serve_with_two_workers(built):
    """The real command: uvicorn with worker processes, each loading the model and the shared index."""
    port = free_port()
    env = {"VRAAGBAAK_DATA_DIR": str(built.data_dir), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    process = subprocess.Popen([sys.executable, "-m", "vraagbaak.cli", "serve", "--port", str(port), "--workers", "2"],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
            statuses = [c.post(ASK, json={"question": QUESTION}).status_code for _ in range(6)]
        assert statuses == [200] * 6
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    lines = [json.loads(line) for line in err.decode().splitlines() if line.startswith("{")]
    asked = [line for line in lines if line["path"] == "/api/ask"]
    assert asked and all({"time", "status", "latency_ms", "answer"} <= set(line) for line in asked)
    assert all("question" not in line for line in asked)  # not logged unless enabled


def test_sighup_switches_a_running_service_to_the_new_index(built, embedder, tmp_path):
    import os
    import shutil
    import signal

    corpus, data = tmp_path / "corpus", tmp_path / "data"
    shutil.copytree(built.corpus_dir, corpus)
    shutil.copytree(built.data_dir, data, symlinks=True, ignore=shutil.ignore_patterns("feedback*"))
    port = free_port()
    env = {"VRAAGBAAK_DATA_DIR": str(data), "VRAAGBAAK_CORPUS_DIR": str(corpus), "VRAAGBAAK_RELOAD_INTERVAL": "0",
           "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    process = subprocess.Popen([sys.executable, "-m", "vraagbaak.cli", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def build_id():
        try:
            response = httpx.get(base + "/ready", timeout=2)
            return response.json().get("build") if response.status_code == 200 else None
        except httpx.TransportError:
            return None

    try:
        deadline = time.monotonic() + 180
        while build_id() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        old = build_id()
        assert old is not None
        (corpus / "extra.txt").write_text("Thema Zeilen\n\nDe themagroep Zeilen bespreekt boten en water in deze test.\n")
        build_index(built.model_copy(update={"corpus_dir": corpus, "data_dir": data}), embedder=embedder)
        time.sleep(1)
        assert build_id() == old  # polling is off: nothing changes by itself
        os.kill(process.pid, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while build_id() == old and time.monotonic() < deadline:
            time.sleep(0.2)
        assert build_id() == store.current_build(data).name
        assert httpx.post(base + ASK, json={"question": QUESTION}).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_metric_labels_stay_bounded(client):
    for i in range(3):
        assert client.post(f"/api/onbekend-{i}", json={}).status_code == 404
    metrics = client.get("/metrics").text
    assert "onbekend" not in metrics
    assert re.search(r'vraagbaak_requests_total\{endpoint="other",status="404"\} [1-9]', metrics)
