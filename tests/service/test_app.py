"""The service's pieces that need no real model, through FastAPI's TestClient over a fake-embedded index."""

from __future__ import annotations

import json
import re
import shutil
import time
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from tests.fakes import fake_embedder
from vraagbaak.service.app import create_app


@contextmanager
def ready_client(settings, **changes):
    """A TestClient on the app, once its index (fake-embedded) has loaded; server errors come back as responses."""
    app = create_app(settings.model_copy(update={"reload_interval": 0, **changes}))
    app.state.index.embedder = fake_embedder()
    with TestClient(app, raise_server_exceptions=False) as client:
        deadline = time.monotonic() + 10
        while client.get("/ready").status_code != 200:
            assert time.monotonic() < deadline, "index did not load"
            time.sleep(0.02)
        yield client


@pytest.fixture
def app_client(fake_built):
    with ready_client(fake_built, rate_limit=0) as client:
        yield client


def test_ask_returns_passages_with_links_made_by_the_service(app_client):
    body = app_client.post("/api/ask", json={"question": "Waar kwam de themagroep Zeilboten bijeen?"}).json()
    first = body["passages"][0]
    assert body["answered"] and first["citation"]["section"][-1] == "Thema Zeilboten"
    assert first["citation"]["url"] == f"/source/testnet-2024?passage={first['id']}#passage-{first['id']}"
    page = app_client.get(first["citation"]["url"])
    assert page.status_code == 200 and f'id="passage-{first["id"]}"' in page.text and "<mark" in page.text


def test_public_url_is_put_before_links(fake_built):
    with ready_client(fake_built, public_url="https://vraagbaak.example/") as client:
        url = client.post("/api/ask", json={"question": "fietsroutes"}).json()["passages"][0]["citation"]["url"]
    assert url.startswith("https://vraagbaak.example/source/testnet-2024?passage=")


@pytest.mark.parametrize("body,message", [
    ({}, "Stel een vraag: het veld question ontbreekt."),
    ({"question": 42}, "De vraag moet tekst zijn."),
    ({"question": "x", "top_k": 0}, "Het veld top_k moet minimaal 1 zijn."),
    ({"question": "x", "top_k": 21}, "Het veld top_k mag hoogstens 20 zijn."),
    ({"question": "x", "extra": 1}, "Onbekend veld: extra."),
    ({"question": "   "}, "De vraag is leeg. Typ een vraag over de rapporten."),
    ({"question": ""}, "De vraag is leeg. Typ een vraag over de rapporten."),
])
def test_validation_errors_are_one_dutch_sentence(app_client, body, message):
    response = app_client.post("/api/ask", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["message"] == message


def test_an_unknown_document_and_an_unknown_route_are_json_404s(app_client):
    for path in ("/source/bestaat-niet", "/api/bestaat-niet"):
        response = app_client.get(path)
        assert response.status_code == 404 and response.json()["error"]["code"] == "niet_gevonden"


def test_metric_labels_are_route_templates_never_raw_paths(app_client):
    app_client.get("/source/testnet-2024")
    app_client.get("/source/bestaat-niet")
    app_client.get("/api/iets-nieuws-1")
    app_client.get("/api/iets-nieuws-2")
    metrics = app_client.get("/metrics").text
    assert 'endpoint="/source/{document}",status="200"' in metrics
    assert 'endpoint="/source/{document}",status="404"' in metrics
    assert 'endpoint="other",status="404"} 2.0' in metrics
    assert "iets-nieuws" not in metrics and "bestaat-niet" not in metrics


def test_a_refused_request_is_labelled_with_its_route(fake_built):
    with ready_client(fake_built, api_key="geheim-sleutel-123", require_key=True) as client:
        assert client.post("/api/ask", json={"question": "fietsen"}).status_code == 401
        assert client.post("/api/ask", json={"question": "fietsen"}, headers={"X-API-Key": "geheim-sleutel-123"}).status_code == 200
        metrics = client.get("/metrics").text
    assert 'vraagbaak_requests_total{endpoint="/api/ask",status="401"} 1.0' in metrics


def test_key_guesses_are_throttled_harder_than_questions(fake_built):
    with ready_client(fake_built, api_key="geheim-sleutel-123", require_key=True, rate_limit=0) as client:
        statuses = [client.post("/api/ask", json={"question": "x"}, headers={"X-API-Key": f"gok-{i}"}).status_code
                    for i in range(12)]
        assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]
        guessed = client.post("/api/admin/reload", headers={"X-API-Key": "nog-een-gok"})
        assert guessed.status_code == 429 and int(guessed.headers["Retry-After"]) >= 1
        # Locked out means locked out: a 200 for the right key among the 429s would name it at full speed.
        right = client.post("/api/ask", json={"question": "x"}, headers={"X-API-Key": "geheim-sleutel-123"})
        assert right.status_code == 429
        page = client.get("/beheer", headers={"X-API-Key": "geheim-sleutel-123"})
        # In a browser, as a page that says how long to wait (it was the API's JSON).
        assert page.status_code == 429 and page.headers["content-type"].startswith("text/html")
        assert "Probeer het over" in page.text and int(page.headers["Retry-After"]) >= 1


def test_a_trailing_slash_is_redirected_relatively_never_to_the_host_the_request_names(app_client):
    """Starlette's redirect was absolute, built from the Host header ("http://evil.example/beheer")."""
    for path, location in (("/beheer/", "../beheer"), ("/api/documents/?x=1", "../documents?x=1"),
                           ("/docs/", "../docs")):
        moved = app_client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
        assert moved.status_code == 307 and moved.headers["location"] == location, path
    assert app_client.get("/docs/", follow_redirects=True).status_code == 200


def test_the_browsers_login_opens_the_owners_pages_and_nothing_of_the_api(fake_built):
    """A form or a script on another site, with the owner's browser holding the login (HTTP Basic, which the
    browser adds by itself), reached the reload: 200. A header key needs a preflight, which CORS refuses."""
    import base64

    login = {"Authorization": "Basic " + base64.b64encode(b"beheerder:geheim-sleutel-123").decode()}
    with ready_client(fake_built, api_key="geheim-sleutel-123", rate_limit=0, require_key=True) as client:
        assert client.get("/beheer", headers=login).status_code == 200
        for body in ({"content": b"a=1", "headers": {**login, "Content-Type": "application/x-www-form-urlencoded"}},
                     {"headers": login}):
            assert client.post("/api/admin/reload", **body).status_code == 401
        assert client.post("/api/ask", json={"question": "fietsen"}, headers=login).status_code == 401
        assert client.post("/api/admin/reload", headers={"X-API-Key": "geheim-sleutel-123"}).status_code == 200


def test_a_request_without_any_key_is_no_guess_and_the_scheme_is_read_in_any_case(fake_built):
    """Anonymous visits once counted as failed logins: ten of them and the owner's browser never got its
    login prompt. 'bearer' and 'basic' are the same schemes as 'Bearer' and 'Basic' (RFC 9110)."""
    import base64

    with ready_client(fake_built, api_key="geheim-sleutel-123", rate_limit=0) as client:
        assert [client.get("/beheer").status_code for _ in range(15)] == [401] * 15
        assert client.get("/beheer", headers={"Authorization": "bearer geheim-sleutel-123"}).status_code == 200
        basic = base64.b64encode(b"beheerder:geheim-sleutel-123").decode()
        assert client.get("/beheer", headers={"Authorization": f"basic {basic}"}).status_code == 200
        assert client.get("/beheer", headers={"Authorization": "geheim-sleutel-123"}).status_code == 401  # no scheme: no key


def test_rate_limit_answers_429_with_retry_after(fake_built):
    with ready_client(fake_built, rate_limit=2) as client:
        statuses = [client.post("/api/feedback", json={}).status_code for _ in range(3)]
        refused = client.post("/api/feedback", json={})
    assert statuses[:2] == [422, 422] and statuses[2] == 429
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["error"]["code"] == "te_veel_verzoeken"


def test_a_body_over_the_limit_is_refused_before_it_is_read(app_client):
    response = app_client.post("/api/ask", content=b'{"question": "' + b"x" * 20000 + b'"}',
                               headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "te_groot"


def test_feedback_is_stored_for_known_passages_only(app_client):
    pid = app_client.post("/api/ask", json={"question": "fietsroutes"}).json()["passages"][0]["id"]
    stored = app_client.post("/api/feedback", json={"question": "fietsroutes", "passage_id": pid, "helpful": True})
    assert stored.status_code == 201 and stored.json()["stored"]
    unknown = app_client.post("/api/feedback", json={"question": "x", "passage_id": "0" * 16, "helpful": True})
    assert unknown.status_code == 404


@pytest.mark.parametrize("question,message", [
    ("\ud800 hallo", "geen geldige tekst"),
    ("\u2066\u2067\u2068\u2069", "leeg"),
    ("\u200b\u00ad\ufeff", "leeg"),
])
def test_invalid_or_invisible_text_is_a_dutch_422_never_a_500(app_client, question, message):
    response = app_client.post("/api/ask", content=json.dumps({"question": question}),  # "\\ud800" as JSON escapes it
                               headers={"content-type": "application/json"})
    assert response.status_code == 422 and message in response.json()["error"]["message"]


def test_a_surrogate_in_feedback_is_refused(app_client):
    response = app_client.post("/api/feedback", content='{"question": "\\ud800", "passage_id": "0000000000000000", '
                               '"helpful": true}', headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_an_unexpected_error_is_counted_and_logged_as_a_500(fake_built, capsys):
    with ready_client(fake_built, rate_limit=0) as client:
        client.app.state.index.searcher.search = lambda *a, **k: 1 / 0
        response = client.post("/api/ask", json={"question": "fietsen"})
        metrics = client.get("/metrics").text
    assert response.status_code == 500 and response.json()["error"]["code"] == "interne_fout"
    assert 'vraagbaak_requests_total{endpoint="/api/ask",status="500"} 1.0' in metrics
    assert '"path": "/api/ask", "status": 500' in capsys.readouterr().err


def test_addresses_and_tracking_never_reach_anything_stored_or_shown(tmp_path):
    from vraagbaak.config import Settings
    from vraagbaak.index import store
    from vraagbaak.index.build import build_index

    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "privacy.txt").write_text(
        "Thema Wonen\n\nVragen over wonen? Mail jan.jansen@g40stedennetwerk.nl of lees "
        "https://www.g40stedennetwerk.nl/wonen?utm_source=nieuwsbrief&id=5 voor de aanpak van de themagroep.\n",
        encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data")
    build_index(settings, embedder=fake_embedder())
    build = store.current_build(settings.data_dir)
    stored = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in build.rglob("*.json*"))
    with ready_client(settings, rate_limit=0) as client:
        page = client.get("/source/privacy").text
        answer = client.post("/api/ask", json={"question": "aanpak wonen"}).text
    for shown in (stored, page, answer):
        assert "jan.jansen" not in shown and "utm_" not in shown and "nieuwsbrief" not in shown
    assert "[e-mailadres verwijderd]" in page and "wonen?id=5" in page


def test_the_api_documentation_needs_no_internet(app_client):
    page = app_client.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text) + re.findall(r"url: '([^']+)'", page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    for asset in re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css))"', page.text):
        assert app_client.get(asset).status_code == 200


def test_the_openapi_document_lists_every_status_a_route_sends(app_client):
    paths = app_client.get("/openapi.json").json()["paths"]
    assert {"200", "503"} <= set(paths["/ready"]["get"]["responses"])
    assert {"401", "403", "409", "429"} <= set(paths["/api/admin/reload"]["post"]["responses"])
    source = paths["/source/{document}"]["get"]["responses"]
    assert {"404", "422", "503"} <= set(source) and "ErrorBody" in json.dumps(source["422"])
    assert "application/pdf" in paths["/files/{document}.pdf"]["get"]["responses"]["200"]["content"]
    # A documentation review: feedback's 401 and 413 were missing, and FastAPI's own 422 shape ({"detail": …}),
    # which the service never sends, stood under routes whose parameters cannot fail.
    assert {"401", "413"} <= set(paths["/api/feedback"]["post"]["responses"])
    assert "HTTPValidationError" not in json.dumps(app_client.get("/openapi.json").json())
    assert "422" not in paths["/api/documents/{document}"]["get"]["responses"]


def test_the_widget_and_demo_page_answer_head_as_link_checkers_ask(app_client):
    """A black-box test: HEAD /widget.js was a 405, which a proxy or link checker takes for a broken script."""
    for path, kind in (("/widget.js", "text/javascript"), ("/", "text/html")):
        head = app_client.head(path)
        assert head.status_code == 200 and head.headers["content-type"].startswith(kind) and head.content == b""


def test_the_original_of_a_text_document_is_said_to_be_no_pdf(app_client):
    """A black-box test: /files/ID.pdf of a report on the shelf as text said it was taken off the shelf."""
    [document] = app_client.get("/api/documents").json()["documents"]
    response = app_client.get(f"/files/{document['id']}.pdf")
    assert response.status_code == 404 and "Van dit document is geen PDF" in response.json()["error"]["message"]


def test_ready_names_a_damaged_store_without_the_server_path(fake_built, tmp_path):
    """A review: /ready is public, and once ready its detail named the question log by its full path."""
    data = tmp_path / "kopie"
    shutil.copytree(fake_built.data_dir, data, symlinks=True)
    (data / "questions.sqlite3").write_bytes(b"geen database" * 100)
    with ready_client(fake_built.model_copy(update={"data_dir": data}), rate_limit=0) as client:
        ready = client.get("/ready").json()
    assert ready["status"] == "klaar" and "questions.sqlite3" in ready["detail"] and str(tmp_path) not in ready["detail"]


def test_without_an_index_a_browser_gets_a_dutch_page_and_a_program_json(fake_built, tmp_path):
    """A black-box test: with no usable index a citation link, /beheer/plank and /beheer/feedback gave raw JSON to
    a browser, and the overview said "0 vragen" without saying why."""
    app = create_app(fake_built.model_copy(update={"data_dir": tmp_path / "leeg", "reload_interval": 0,
                                                   "rate_limit": 0, "api_key": "geheim-sleutel-123"}))
    app.state.index.embedder = fake_embedder()
    html, key = {"Accept": "text/html,application/xhtml+xml"}, {"X-API-Key": "geheim-sleutel-123"}
    with TestClient(app, raise_server_exceptions=False) as client:
        deadline = time.monotonic() + 10
        while app.state.index.error is None:
            assert time.monotonic() < deadline, "the loader did not give up"
            time.sleep(0.02)
        for path in ("/source/testnet-2024?passage=abc", "/beheer/plank", "/beheer/feedback"):
            page = client.get(path, headers={**html, **key})
            assert page.status_code == 503 and page.headers["content-type"].startswith("text/html"), path
            assert "beheerder" in page.text and '"error"' not in page.text and 'lang="nl"' in page.text, path
        overview = client.get("/beheer", headers={**html, **key})
        assert overview.status_code == 200 and "Er is geen index geladen" in overview.text
        typed = client.get("/nergens", headers=html)
        assert typed.status_code == 404 and typed.headers["content-type"].startswith("text/html")
        assert "Niet gevonden" in typed.text
        assert client.get("/nergens").json()["error"]["code"] == "niet_gevonden"  # a program: JSON, as before
        asked = client.post("/api/ask", json={"question": "Wat doet de G40?"}, headers=html)
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "geen_index"  # the API: always JSON
