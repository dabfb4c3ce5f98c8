"""The owners' pages in real Chromium against a real service and index: they render, pass axe-core's
WCAG 2.1 AA rules, and work with the browser's own login prompt (HTTP Basic) and no JavaScript."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.conftest import ROOT
from tests.service.conftest import running
from tests.service.test_widget import ARTIFACTS, browser  # noqa: F401  (the module's Chromium, shared)

pytestmark = [pytest.mark.slow, pytest.mark.browser]
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
KEY = "beheer-sleutel-42"
PAGES = ["/beheer", "/beheer/niet-beantwoord", "/beheer/feedback", "/beheer/plank"]
PRIVATE = "Mijn buurman Piet de Vries (06-12345678, NL91 ABNA 0417 1643 00) vroeg: wat zei Paul Depla over wonen?"


@pytest.fixture(scope="module")
def service(built, embedder):
    settings = built.model_copy(update={"rate_limit": 0, "api_key": KEY})
    with running(settings, embedder) as (base, app):
        with httpx.Client(base_url=base, timeout=60) as client:
            for question in ("Wat doet de themagroep Financiën?", PRIVATE, "Wat is de hoofdstad van Frankrijk?",
                             "Wat is de hoofdstad van Frankrijk eigenlijk?", "Hoe vraag ik een paspoort aan?"):
                answer = client.post("/api/ask", json={"question": question}).json()
            client.post("/api/feedback", json={"question": "Wat doet de themagroep Financiën?", "helpful": False,
                                               "passage_id": client.post("/api/ask", json={
                                                   "question": "Wat doet de themagroep Financiën?"}).json()["passages"][0]["id"]})
            assert answer["status"] == "not_found"
        yield base


@pytest.fixture
def owner_page(browser, service):  # noqa: F811
    if not AXE.is_file():
        pytest.fail("axe-core ontbreekt: 'make browser' installeert het (npm install --prefix .cache/npm axe-core).")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,  # to inject axe only
                                  http_credentials={"username": "beheer", "password": KEY})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_each_page_renders_and_has_no_wcag_aa_violations(owner_page, service, path):
    response = owner_page.goto(service + path)
    assert response.status == 200
    assert owner_page.get_by_role("heading", level=1).count() == 1
    assert owner_page.get_by_role("navigation", name="Beheer").locator("[aria-current=page]").count() == 1
    owner_page.add_script_tag(path=str(AXE))
    result = owner_page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 10  # axe ran its rules on the page
    if path == "/beheer":
        ARTIFACTS.mkdir(exist_ok=True)
        owner_page.screenshot(path=str(ARTIFACTS / "beheer-overzicht.png"), full_page=True)
        assert owner_page.locator("svg[role=img]").count() == 2 and "vragen in 30 dagen" in owner_page.inner_text("main")


def test_the_unanswered_groups_work_without_javascript(browser, service):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, http_credentials={"username": "x", "password": KEY})
    page = context.new_page()
    page.goto(service + "/beheer/niet-beantwoord")
    rows = page.locator("tbody tr")
    assert rows.count() >= 1
    frankrijk = page.get_by_label(re.compile(r"^Wat is de hoofdstad van Frankrijk"))  # either may lead the group
    frankrijk.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteer de gekozen groepen als evaluatieparen").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert '"question": "Wat is de hoofdstad van Frankrijk?"' in text
    page.select_option("#status", "uncertain")
    page.get_by_role("button", name="Toon").click()
    assert "status=uncertain" in page.url
    context.close()


def test_without_credentials_the_browser_is_asked_and_refused(browser, service):  # noqa: F811
    context = browser.new_context()
    refused = context.request.get(service + "/beheer")
    assert refused.status == 401 and refused.headers["www-authenticate"].startswith("Basic")
    wrong = browser.new_context(http_credentials={"username": "x", "password": "fout"})
    assert wrong.request.get(service + "/beheer").status == 401
    context.close()
    wrong.close()


def test_what_is_stored_of_a_question_is_scrubbed_and_a_name_the_report_prints_stays(service):
    table = httpx.get(service + "/beheer/export/vragen.csv", headers={"X-API-Key": KEY}).content.decode("utf-8")
    assert "Mijn buurman [naam] ([telefoon], [iban]) vroeg: wat zei Paul Depla over wonen?" in table
    assert "Vries" not in table and "12345678" not in table and "ABNA" not in table


def test_the_source_viewer_passes_every_axe_rule(owner_page, service):
    """All of axe's rules, best practices included: sections named alike ("Algemeen") were regions of one name."""
    with httpx.Client(base_url=service, timeout=60) as client:
        url = client.post("/api/ask", json={"question": "Wat doet de themagroep Financiën?"}).json()[
            "passages"][0]["citation"]["url"]
    assert owner_page.goto(service + url).status == 200
    owner_page.add_script_tag(path=str(AXE))
    result = owner_page.evaluate("async () => await axe.run(document)")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    assert owner_page.locator("section[aria-label]").count() > 20 and len(result["passes"]) > 10
