"""The chat widget in real headless Chromium (Debian's), against a real service with the real index."""

from __future__ import annotations

import functools
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import ROOT
from tests.service.conftest import free_port, running

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
QUESTION = "Wat doet de themagroep Financiën?"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (make test doet dat).")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


class HostPages:
    """Another origin serving intranet pages that embed the widget, with a strict CSP."""

    def __init__(self, service: str):
        self.service = service
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = pages.get(self.path.split("?")[0])
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Security-Policy",
                                 f"default-src 'self'; script-src 'self' {service}; connect-src {service}; "
                                 "style-src 'self' 'unsafe-inline'; img-src 'self'")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self.port}"

    def add(self, path: str, head: str = "", body: str = "", script: str = "") -> str:
        script = script or f'<script src="{self.service}/widget.js" data-api="{self.service}" defer></script>'
        self.pages[path] = f"<!doctype html><html lang=nl><head><meta charset=utf-8>{head}</head><body>{body}{script}</body></html>"
        return self.origin + path


@pytest.fixture(scope="module")
def setup(built, embedder):
    """The service, and intranet pages on another origin that the service allows (CORS)."""
    port = free_port()
    hosts = HostPages(f"http://127.0.0.1:{port}")
    settings = built.model_copy(update={"rate_limit": 0, "cors_origins": hosts.origin})
    with running(settings, embedder, port=port) as (base, app):
        yield base, hosts, app
    hosts.server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()


def chat(page, placement="floating"):
    return page.locator(f'vraagbaak-chat[data-placement="{placement}"]')


def open_and_ask(page, question: str):
    page.get_by_role("button", name="Open Vraagbaak").click()
    page.keyboard.type(question)
    page.keyboard.press("Enter")


def test_asking_shows_a_financien_card_with_a_working_source_link(page, setup):
    base, hosts, _ = setup
    page.goto(hosts.add("/intranet", body="<h1>Intranet</h1><p>Welkom.</p>"))
    open_and_ask(page, QUESTION)
    card = chat(page).locator("article").first
    card.wait_for(timeout=60000)
    assert "Overige themagroepen › Thema Financiën" in card.locator(".path").inner_text()
    assert "aandachtspunt" in card.locator("mark").first.inner_text()
    link = card.get_by_role("link", name="Bekijk in bron")
    href = link.get_attribute("href")
    assert href.startswith(base + "/source/g40-jaarverslag-2023?passage=")
    source = httpx.get(href)
    assert source.status_code == 200 and "<mark" in source.text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-answered.png"))
    assert page.errors == []
    # A black-box test: the link's anchor put the passage flush at the top, its heading out of sight.
    viewer = page.context.new_page()
    viewer.goto(href)
    mark_top = viewer.locator("mark").first.bounding_box()["y"]
    assert 40 <= mark_top <= viewer.viewport_size["height"] / 2
    viewer.close()


def test_html_in_a_question_is_shown_as_text_and_runs_nothing(page, setup):
    base, hosts, _ = setup
    page.goto(hosts.add("/xss", body="<p>XSS-test</p>"))
    attack = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    open_and_ask(page, attack)
    chat(page).locator(".msg.user").first.wait_for()
    chat(page).locator(".msg").nth(1).wait_for(timeout=60000)
    assert attack in chat(page).locator(".msg.user").first.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("document.querySelector('vraagbaak-chat').shadowRoot.querySelectorAll('img, script').length") == 0


def test_keyboard_only_open_ask_and_close(page, setup):
    base, hosts, _ = setup
    page.goto(hosts.add("/toetsenbord", body='<a href="#x">Eerste link</a>'))
    page.keyboard.press("Tab")  # the page's own link
    page.keyboard.press("Tab")  # the launcher
    focused = "document.activeElement.tagName + '/' + (document.activeElement.shadowRoot?.activeElement?.className || '')"
    assert page.evaluate(focused) == "VRAAGBAAK-CHAT/launcher"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.tagName") == "INPUT"
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    chat(page).locator("article").first.wait_for(timeout=60000)
    assert chat(page).locator(".panel").get_attribute("aria-modal") is None  # beside the page, not over it
    page.keyboard.press("Escape")
    assert chat(page).locator(".panel").is_hidden()
    assert page.evaluate(focused) == "VRAAGBAAK-CHAT/launcher"


def test_hostile_host_css_does_not_change_the_widget(browser, setup):
    base, hosts, _ = setup
    # Everything in the page body is hidden (the widget's own element included, by the selector), fonts are
    # giant and form controls restyled. (A rule that hides <html> or <body> themselves leaves nothing to draw.)
    hostile = "<style>body * { display: none !important } html, body { font-size: 64px !important; color: red !important;" \
              " line-height: 3 !important } button, input, section, p { font-size: 50px !important; background: lime" \
              " !important; position: static !important } :root { --accent: red }</style>"
    boxes = []
    for path, head in (("/gewoon", ""), ("/vijandig", hostile)):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")  # no animation mid-measure
        p = context.new_page()
        p.goto(hosts.add(path, head=head))
        launcher = p.locator("vraagbaak-chat").get_by_role("button", name="Open Vraagbaak")
        launcher.wait_for()
        before = launcher.bounding_box()
        launcher.click()
        field = p.locator("vraagbaak-chat input")
        style = field.evaluate("e => { const s = getComputedStyle(e); return [s.fontSize, s.color, s.backgroundColor] }")
        boxes.append((before, field.bounding_box(), style))
        context.close()
    assert boxes[0] == boxes[1]
    assert boxes[0][2][0] == "15px"


def test_network_failure_and_rate_limit_messages(page, setup, built, embedder):
    base, hosts, _ = setup
    warnings: list[str] = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    dead = f"http://127.0.0.1:{free_port()}"
    page.goto(hosts.add("/stuk", script=f'<script src="{base}/widget.js" data-api="{dead}" defer></script>'))
    open_and_ask(page, QUESTION)
    error = chat(page).locator(".error")
    error.wait_for(timeout=30000)
    assert "niet bereikbaar" in error.inner_text()
    assert chat(page).get_by_label("Je vraag").input_value() == QUESTION  # kept, to try again

    # A page on an origin the service does not allow fails just like a service that is down (a TypeError
    # either way); the console says what the host's web team may have to check.
    stranger = HostPages(base)
    try:
        page.goto(stranger.add("/vreemd"))
        open_and_ask(page, QUESTION)
        chat(page).locator(".error").wait_for(timeout=30000)
    finally:
        stranger.server.shutdown()
    hints = [w for w in warnings if "VRAAGBAAK_CORS_ORIGINS" in w]
    assert len(hints) == 2 and stranger.origin in hints[1]

    with running(built.model_copy(update={"rate_limit": 1}), embedder) as (limited, app):
        page.goto(limited + "/")
        open_and_ask(page, QUESTION)
        chat(page).locator("article").first.wait_for(timeout=60000)
        page.keyboard.type("En de themagroep Europa?")
        page.keyboard.press("Enter")
        error = chat(page).locator(".error")
        error.wait_for(timeout=30000)
        assert "Probeer het over" in error.inner_text() and "seconden opnieuw" in error.inner_text()


def test_conversation_is_kept_for_the_session_and_can_be_cleared(page, setup):
    base, hosts, _ = setup
    page.goto(base + "/")
    open_and_ask(page, QUESTION)
    chat(page).locator("article").first.wait_for(timeout=60000)
    page.reload()
    page.get_by_role("button", name="Open Vraagbaak").click()
    assert chat(page).locator("article").count() >= 1
    assert QUESTION in chat(page).locator(".msg.user").first.inner_text()
    chat(page).get_by_role("button", name="Wis gesprek").click()
    assert chat(page).locator("article").count() == 0


def test_feedback_buttons_post_feedback(page, setup, built):
    base, hosts, _ = setup
    page.goto(base + "/")
    open_and_ask(page, "Wie ondertekende het manifest Het Nieuwe Normaal?")
    card = chat(page).locator("article").first
    card.wait_for(timeout=60000)
    card.get_by_role("button", name="Nuttig", exact=True).click()
    card.get_by_text("Bedankt voor je reactie.").wait_for()
    assert card.get_by_role("button", name="Nuttig", exact=True).get_attribute("aria-pressed") == "true"
    with sqlite3.connect(Path(built.data_dir) / "feedback.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM feedback WHERE question LIKE 'Wie ondertekende%' AND helpful = 1").fetchone()[0] == 1
    # A black-box test: changing the verdict kept the first one, and pressing again counted twice.
    for _ in range(2):
        card.get_by_text("Bedankt voor je reactie.").wait_for()
        with page.expect_response("**/api/feedback"):
            card.get_by_role("button", name="Niet nuttig", exact=True).click()
    card.get_by_text("Bedankt voor je reactie.").wait_for()
    assert card.get_by_role("button", name="Niet nuttig", exact=True).get_attribute("aria-pressed") == "true"
    with sqlite3.connect(Path(built.data_dir) / "feedback.sqlite3") as db:
        rows = db.execute("SELECT helpful, times FROM feedback WHERE question LIKE 'Wie ondertekende%'").fetchall()
    assert rows == [(0, 1)]
    # A review: after a reload the verdict came back unpressed and without its receipt, and counted twice.
    page.reload()
    page.get_by_role("button", name="Open Vraagbaak").click()
    card = chat(page).locator("article").first
    assert card.get_by_role("button", name="Niet nuttig", exact=True).get_attribute("aria-pressed") == "true"
    with page.expect_response("**/api/feedback"):
        card.get_by_role("button", name="Nuttig", exact=True).click()
    card.get_by_text("Bedankt voor je reactie.").wait_for()
    with sqlite3.connect(Path(built.data_dir) / "feedback.sqlite3") as db:
        rows = db.execute("SELECT helpful, times FROM feedback WHERE question LIKE 'Wie ondertekende%'").fetchall()
    assert rows == [(1, 1)]


def test_feedback_the_service_refuses_is_said_and_the_button_not_left_pressed(page, setup):
    """A passage gone since a re-ingest (404) was silently dropped while the button showed as pressed."""
    base, hosts, _ = setup
    page.goto(base + "/")
    open_and_ask(page, "Wie ondertekende het manifest Het Nieuwe Normaal?")
    card = chat(page).locator("article").first
    card.wait_for(timeout=60000)
    gone = {"error": {"code": "onbekende_passage", "message": "Deze passage staat niet (meer) in de rapporten."}}
    page.route("**/api/feedback", lambda route: route.fulfill(status=404, json=gone))
    card.get_by_role("button", name="Niet nuttig", exact=True).click()
    card.get_by_role("alert").filter(has_text="staat niet (meer) in de rapporten").wait_for()
    assert card.get_by_role("button", name="Niet nuttig", exact=True).get_attribute("aria-pressed") == "false"
    assert card.get_by_text("Bedankt voor je reactie.").count() == 0


def test_accessibility_basics(browser, setup):
    base, hosts, _ = setup
    context = browser.new_context(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_role("button", name="Open Vraagbaak").click()
    widget = chat(page)
    transcript = widget.get_by_role("region", name="Gesprek met Vraagbaak")
    assert transcript.get_attribute("aria-live") is None  # not read out whole: the status line says what is new
    widget.get_by_label("Je vraag").fill(QUESTION)
    page.keyboard.press("Enter")
    widget.locator('[data-status="answered"]').wait_for(timeout=60000)
    said = widget.get_by_role("status")
    said.filter(has_text="uit de rapporten; de eerste uit").wait_for()
    assert "Thema Financiën" in said.inner_text() and len(said.inner_text()) < 200
    # every source link names its place: ten links all named "Bekijk in bron" say nothing out of context
    assert widget.get_by_role("link", name="Bekijk in bron: Thema Financiën, pagina 11").count() == 1
    assert widget.get_by_label("Je vraag").is_visible()
    box = widget.locator(".panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320  # fits a 320 px screen
    assert widget.locator(".panel").evaluate("e => getComputedStyle(e).animationName") == "none"
    contrast = widget.locator(".launcher, .head").first.evaluate("""e => {
        const lum = c => { const v = c.match(/\\d+/g).slice(0, 3).map(x => x / 255)
            .map(x => x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4); return 0.2126*v[0] + 0.7152*v[1] + 0.0722*v[2]; };
        const s = getComputedStyle(e); const a = lum(s.color), b = lum(s.backgroundColor);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }""")
    assert contrast >= 4.5
    # the panel covers the page here: it is modal, and Tab goes round inside it (a tester's focus went to links
    # under the panel, out of sight)
    assert widget.locator(".panel").get_attribute("aria-modal") == "true"
    for key in ["Tab"] * 40 + ["Shift+Tab"] * 40:
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.tagName") == "VRAAGBAAK-CHAT", key
    answer = widget.locator('[data-status="answered"]')
    assert answer.text_content().startswith("Vraagbaak:")  # as the question starts with "Jij:"
    assert "nieuw tabblad" in widget.get_by_role("link", name="Bekijk in bron").first.get_attribute("aria-label")
    page.keyboard.press("Escape")
    context.close()


def test_a_page_without_access_says_to_tell_the_administrator(page, setup):
    """With VRAAGBAAK_REQUIRE_KEY the service answers 401 to a page that has no key: the civil servant is told
    whom to tell, not "Een geldige API-sleutel is vereist"."""
    base, hosts, _ = setup
    page.goto(hosts.add("/zonder-sleutel"))
    page.route(base + "/api/ask", lambda route: route.fulfill(status=401, json={"error": {
        "code": "sleutel_vereist", "message": "Een geldige API-sleutel is vereist."}},
        headers={"Access-Control-Allow-Origin": hosts.origin}))
    open_and_ask(page, QUESTION)
    error = chat(page).locator(".error")
    error.wait_for(timeout=30000)
    assert "beheerder van het intranet" in error.inner_text() and "API-sleutel" not in error.inner_text()


def test_english_and_a_custom_accent(page, setup):
    base, hosts, _ = setup
    url = hosts.add("/engels", script=f'<script src="{base}/widget.js" data-api="{base}" data-lang="en" '
                                      f'data-accent="#ffd400" data-title="Ask the reports" defer></script>')
    page.goto(url)
    page.get_by_role("button", name="Open Vraagbaak: ask a question").click()
    assert chat(page).get_by_role("button", name="Ask", exact=True).is_visible()
    head = chat(page).locator(".head").evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert head == ["rgb(255, 212, 0)", "rgb(0, 0, 0)"]  # dark text on a light accent keeps the contrast


def test_a_page_of_another_collection_words_its_own_intro_and_example(page, setup):
    """A black-box test: with data-collection="midden" the widget still said "Stel een vraag over de rapporten van
    het G40 Stedennetwerk" and suggested the G40's themagroep Financiën."""
    base, hosts, _ = setup
    url = hosts.add("/midden", script=f'<script src="{base}/widget.js" data-api="{base}" data-collection="g40" '
                                      'data-intro="Stel een vraag over de stukken van Stedennetwerk Midden." '
                                      'data-placeholder="Bijvoorbeeld: Wat vraagt het netwerk aan het kabinet?" '
                                      'defer></script>')
    page.goto(url)
    page.get_by_role("button", name="Open Vraagbaak").click()
    assert chat(page).locator(".intro").inner_text() == "Stel een vraag over de stukken van Stedennetwerk Midden."
    assert chat(page).get_by_label("Je vraag").get_attribute("placeholder") == (
        "Bijvoorbeeld: Wat vraagt het netwerk aan het kabinet?")


def test_the_three_outcomes_look_and_read_differently(page, setup):
    """Answered and not found from the real service; uncertain from a real body whose status is changed."""
    base, hosts, _ = setup
    page.goto(hosts.add("/uitkomsten", body="<h1>Intranet</h1>"))
    open_and_ask(page, "Wat is de hoofdstad van Frankrijk?")
    none = chat(page).locator('[data-status="not_found"]')
    none.wait_for(timeout=60000)
    assert "Dat staat niet in de rapporten." in none.inner_text()
    assert none.locator("a").count() >= 1 and "Stel je vraag anders" in none.inner_text()
    assert none.locator("article").count() == 0

    real = httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=60).json()
    uncertain = {**real, "status": "uncertain", "answered": False, "confidence": 0.4}
    page.route(base + "/api/ask", lambda route: route.fulfill(json=uncertain, headers={
        "Access-Control-Allow-Origin": hosts.origin}))
    page.keyboard.type("Iets waar Vraagbaak twijfelt")
    page.keyboard.press("Enter")
    shown = chat(page).locator('[data-status="uncertain"]')
    shown.wait_for(timeout=30000)
    note = shown.get_by_role("note")
    assert note.inner_text().startswith("Niet zeker.") and "dichtst in de buurt" in note.inner_text()
    assert note.text_content().startswith("Niet zeker. Dit komt")  # a screen reader read "zeker:Ik" as one word
    assert "zeker" not in note.text_content()[len("Niet zeker."):]  # it said "Niet zeker: Ik weet niet zeker …"
    assert shown.locator("article.tentative").count() == len(real["passages"])
    colour = note.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour != shown.locator("article").first.evaluate("e => getComputedStyle(e).backgroundColor")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-uncertain-and-not-found.png"))
    assert page.errors == []


def test_a_corrected_question_says_what_was_searched_and_can_be_asked_as_typed(page, setup):
    base, hosts, _ = setup
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.post_data) if r.url == base + "/api/ask" and r.method == "POST" else None)
    page.goto(hosts.add("/tikfout", body="<h1>Intranet</h1>"))
    open_and_ask(page, "Wat doet de themagroep fibancien?")
    answer = chat(page).locator('[data-status="answered"]')
    answer.wait_for(timeout=60000)
    note = answer.get_by_role("note")
    assert note.inner_text().startswith("Gezocht op: Wat doet de themagroep Financiën?")
    assert note.locator("mark").inner_text() == "Financiën"  # the corrected word, marked
    assert "(fibancien → Financiën)" in note.inner_text()  # and said in words, which a screen reader reads
    assert "Thema Financiën" in answer.locator("article .path").first.inner_text()
    note.get_by_role("button", name="Zoek precies wat ik typte: Wat doet de themagroep fibancien?").click()
    none = chat(page).locator('[data-status="not_found"]')
    none.wait_for(timeout=60000)
    assert none.locator(".spelled").count() == 0 and note.locator("button").count() == 0  # used once
    asked = chat(page).locator(".msg.user")
    assert asked.count() == 2 and asked.nth(1).inner_text().endswith("(precies zoals getypt)")
    assert '"spelling":false' in sent[-1] and "spelling" not in sent[0]
    page.reload()  # the conversation comes back from the session, the used button does not
    chat(page).get_by_role("button", name="Open Vraagbaak").click()
    restored = chat(page).locator('[data-status="answered"]').get_by_role("note")
    restored.wait_for(timeout=30000)
    assert "(fibancien → Financiën)" in restored.inner_text() and restored.locator("button").count() == 0
    assert page.errors == []


def fulfil(route, body: dict, origin: str) -> None:
    route.fulfill(json=body, headers={"Access-Control-Allow-Origin": origin})


def test_other_documents_with_the_same_text_are_told_apart(page, setup):
    """'Staat ook in' names other years by their year, and documents of one year by their title."""
    base, hosts, _ = setup
    real = httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=60).json()
    first = real["passages"][0]
    url = first["citation"]["url"]
    cases = [([(2022, "Jaarverslag 2022"), (2021, "Jaarverslag 2021")], ["2022", "2021"]),
             ([(2021, "Notulen mei"), (2021, "Notulen juni 2021")], ["Notulen mei (2021)", "Notulen juni 2021"])]
    for asked, (also, shown) in enumerate(cases):
        passage = {**first, "citation": {**first["citation"], "also_in": [
            {"document": f"d{i}", "title": title, "year": year, "url": url} for i, (year, title) in enumerate(also)]}}
        body = {**real, "passages": [passage]}
        page.unroute(base + "/api/ask")
        page.route(base + "/api/ask", functools.partial(fulfil, body=body, origin=hosts.origin))
        page.goto(hosts.add(f"/ook-in-{shown[0][:4]}", body="<h1>Intranet</h1>"))
        open_and_ask(page, QUESTION)
        line = chat(page).locator("p.also").nth(asked)  # the session keeps the earlier answer
        line.wait_for(timeout=30000)
        assert line.locator("a").all_inner_texts() == shown
    assert page.errors == []


def test_a_year_with_other_figures_is_listed_apart_from_the_same_text(page, setup):
    """A black-box report: "Het ziekteverzuim bedroeg 6,1 procent" (2022) said "Staat ook in: 2024, 2023",
    where those years give 4,9 and 5,4 procent."""
    base, hosts, _ = setup
    real = httpx.post(base + "/api/ask", json={"question": QUESTION}, timeout=60).json()
    first = real["passages"][0]
    url = first["citation"]["url"]
    also = [{"document": "d1", "title": "Jaarverslag 2022", "year": 2022, "url": url, "other_figures": False},
            {"document": "d2", "title": "Jaarverslag 2021", "year": 2021, "url": url, "other_figures": True}]
    body = {**real, "passages": [{**first, "citation": {**first["citation"], "also_in": also}}]}
    page.route(base + "/api/ask", functools.partial(fulfil, body=body, origin=hosts.origin))
    page.goto(hosts.add("/andere-cijfers", body="<h1>Intranet</h1>"))
    open_and_ask(page, QUESTION)
    lines = chat(page).locator("p.also")
    lines.first.wait_for(timeout=30000)
    assert lines.all_inner_texts() == ["Staat ook in: 2022", "Met andere cijfers of namen in: 2021"]
    assert page.errors == []


def test_the_api_documentation_renders_without_internet(page, setup):
    base, _, _ = setup
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "/docs")
    page.locator(".swagger-ui .info .title").wait_for(timeout=30000)
    assert "Vraagbaak" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.get_by_text("/api/ask").first.is_visible()
    assert requested and all(url.startswith(base) for url in requested), requested


def test_data_collection_scopes_the_widget_and_a_wrong_one_is_explained(page, setup):
    """The intranet page of one collection sends it with every question; an unknown one gets the service's Dutch message."""
    base, hosts, _ = setup
    sent: list[dict] = []
    page.on("request", lambda r: sent.append(r.post_data_json) if r.url.endswith("/api/ask") else None)
    script = f'<script src="{base}/widget.js" data-api="{base}" data-collection="g40" defer></script>'
    page.goto(hosts.add("/g40", body="<h1>G40 intranet</h1>", script=script))
    open_and_ask(page, QUESTION)
    card = chat(page).locator("article").first
    card.wait_for(timeout=60000)
    assert sent[-1] == {"question": QUESTION, "top_k": 3, "collections": ["g40"]}
    assert "G40 jaarverslag 2023" in card.locator(".meta").inner_text()  # which document and year, always
    wrong = f'<script src="{base}/widget.js" data-api="{base}" data-collection="g41" defer></script>'
    page.goto(hosts.add("/g41", body="<h1>Ander intranet</h1>", script=wrong))
    open_and_ask(page, QUESTION)
    alert = chat(page).get_by_role("alert")
    alert.wait_for(timeout=60000)
    assert alert.inner_text().startswith("Onbekende collectie: g41. Bekend: g40.")
    assert page.errors == []


def test_the_status_line_is_hidden_and_says_nothing_stale(page, setup):
    """After an error the status line said "Bezig met zoeken…" for good, after "Typ eerst een vraag." or
    "Wis gesprek" the last answer; and it showed as stray text (only labels were visually hidden)."""
    base, hosts, _ = setup
    page.goto(base + "/")
    widget = chat(page)
    said = widget.get_by_role("status")
    field = widget.get_by_label("Je vraag")
    open_and_ask(page, QUESTION)
    expect(said).to_contain_text("uit de rapporten; de eerste uit", timeout=60000)
    box = said.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1  # the transcript says it visibly
    page.keyboard.press("Enter")
    expect(widget.get_by_role("alert").last).to_have_text("Typ eerst een vraag.")
    expect(said).to_have_text("")
    page.keyboard.type("😀😀")  # the service refuses it (422)
    page.keyboard.press("Enter")
    expect(widget.get_by_role("alert").last).not_to_have_text("Typ eerst een vraag.", timeout=30000)
    expect(said).to_have_text("")
    assert field.input_value() == "😀😀"  # kept, to change and try again
    page.route(base + "/api/ask", lambda route: route.abort())
    field.fill(QUESTION)
    page.keyboard.press("Enter")
    expect(widget.get_by_role("alert").last).to_contain_text("niet bereikbaar", timeout=30000)
    expect(said).to_have_text("")
    assert field.input_value() == QUESTION
    page.unroute(base + "/api/ask")
    page.keyboard.press("Enter")
    expect(said).to_contain_text("uit de rapporten", timeout=60000)
    assert field.input_value() == ""
    widget.get_by_role("button", name="Wis gesprek").click()
    expect(said).to_have_text("")


def test_a_wait_of_one_second_is_said_in_the_singular(page, setup):
    base, hosts, _ = setup
    busy = {"error": {"code": "te_veel_vragen", "message": "Te veel vragen."}}
    for url, lang, said in ((base + "/", "nl", "Probeer het over 1 seconde opnieuw."),
                            (hosts.add("/een-seconde", script=f'<script src="{base}/widget.js" data-api="{base}" '
                                                              'data-lang="en" defer></script>'), "en",
                             "Try again in 1 second.")):
        page.route(base + "/api/ask", lambda route: route.fulfill(status=429, json=busy, headers={
            "Retry-After": "1", "Access-Control-Allow-Origin": hosts.origin,
            "Access-Control-Expose-Headers": "Retry-After"}))
        page.goto(url)
        page.locator("vraagbaak-chat").get_by_role("button", name="Open Vraagbaak").click()
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
        error = chat(page).locator(".error")
        error.wait_for(timeout=30000)
        assert error.inner_text().endswith(said), lang
        page.unroute(base + "/api/ask")


def test_a_pasted_question_over_the_limit_is_cut_and_the_cut_is_said(browser, setup):
    """The field kept the first 1,000 characters of a long paste without a word."""
    base, hosts, _ = setup
    # No opening animation: the panel would move between measuring the note and measuring the panel.
    context = browser.new_context(viewport={"width": 320, "height": 640}, permissions=["clipboard-read", "clipboard-write"],
                                  reduced_motion="reduce")
    page = context.new_page()
    for url, label, cut in ((base + "/", "Je vraag", "ingekort tot 1000 tekens"),
                            (hosts.add("/lang", script=f'<script src="{base}/widget.js" data-api="{base}" '
                                                       'data-lang="en" defer></script>'), "Your question",
                             "cut to 1000 characters")):
        page.goto(url)
        widget = chat(page)
        widget.get_by_role("button", name="Open Vraagbaak").click()
        field = widget.get_by_label(label)
        page.evaluate("text => navigator.clipboard.writeText(text)", "Wat doet de themagroep Financiën? " * 75)
        page.keyboard.press("Control+V")
        note = widget.locator("#" + field.get_attribute("aria-describedby"))
        expect(note).to_be_visible()
        assert cut in note.inner_text() and len(field.input_value()) == 1000
        box, panel = note.bounding_box(), widget.locator(".panel").bounding_box()
        # inside the panel, to the pixel (the boxes are fractional)
        assert panel["x"] + panel["width"] <= 320 and box["y"] + box["height"] <= panel["y"] + panel["height"] + 1
        field.press("Backspace")
        expect(note).to_be_hidden()  # shorter than the limit: nothing was cut any more
    page.goto(base + "/")
    chat(page).get_by_role("button", name="Open Vraagbaak").click()
    field = chat(page).get_by_label("Je vraag")
    page.evaluate("text => navigator.clipboard.writeText(text)", "x" * 999 + "\N{GRINNING FACE}" + "y" * 10)
    page.keyboard.press("Control+V")
    expect(field).to_have_value("x" * 999)  # not half an emoji, which the service refuses as no text
    context.close()


def test_a_light_accent_keeps_links_and_buttons_readable(browser, setup):
    """A yellow accent as the colour of links and of "Zoek precies wat ik typte" was 1.22:1 on white."""
    base, hosts, _ = setup
    if not AXE.is_file():
        pytest.fail("axe-core ontbreekt: 'make browser' installeert het (npm install --prefix .cache/npm axe-core).")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # to inject axe only
    page = context.new_page()
    page.goto(hosts.add("/geel", head="<title>Intranet</title>", script=f'<script src="{base}/widget.js" data-api="{base}" data-accent="#ffeb3b" '
                                        'defer></script>'))
    open_and_ask(page, "Wat doet de themagroep fibancien?")
    answer = chat(page).locator('[data-status="answered"]')
    answer.wait_for(timeout=60000)
    assert answer.get_by_role("button", name="Zoek precies wat ik typte").is_visible()
    assert answer.get_by_role("link").first.is_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    assert chat(page).locator(".head").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 235, 59)"
    context.close()


def test_inline_is_a_region_and_two_widgets_have_distinct_landmarks(browser, setup):
    """The inline chat was a dialog in the page's content; with the floating one beside it, both
    transcripts were regions named "Gesprek met Vraagbaak" (axe: landmark-unique)."""
    base, hosts, _ = setup
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)  # to inject axe only
    page = context.new_page()
    page.goto(base + "/")  # the demo page: one chat in the page, one floating
    inline = chat(page, "inline")
    assert inline.get_by_role("region", name="Vraag het de G40-rapporten").count() == 1
    assert inline.get_by_role("dialog").count() == 0
    chat(page).get_by_role("button", name="Open Vraagbaak").click()
    assert chat(page).get_by_role("dialog").count() == 1
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    context.close()


def test_buttons_keep_a_border_in_forced_colours(browser, setup):
    base, hosts, _ = setup
    context = browser.new_context(forced_colors="active")
    page = context.new_page()
    page.goto(base + "/")
    send = chat(page, "inline").get_by_role("button", name="Vraag", exact=True)
    assert send.evaluate("e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]") == ["solid", "1px"]
    context.close()
