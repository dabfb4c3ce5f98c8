"""A PDF report end to end: real model, real index, a real server; the source page links to the original PDF."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.conftest import REPORT
from tests.service.conftest import running
from vraagbaak.config import Settings
from vraagbaak.eval.pdf_report import make_pdf, sections_of_text_report
from vraagbaak.index.build import build_index


@pytest.fixture(scope="module")
def pdf_service(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("pdf")
    (root / "corpus").mkdir()
    truth = make_pdf(root / "corpus" / "g40-jaarverslag-2023.pdf", sections_of_text_report(REPORT), first_label=3)
    settings = Settings(corpus_dir=root / "corpus", data_dir=root / "data", rate_limit=0)
    build_index(settings, embedder=embedder)
    with running(settings, embedder) as (base, _):
        yield base, truth, root / "corpus" / "g40-jaarverslag-2023.pdf"


def test_a_question_answered_from_a_pdf_cites_printed_and_physical_pages(pdf_service):
    base, truth, pdf = pdf_service
    body = httpx.post(base + "/api/ask", json={"question": "Wat doet de themagroep Financiën?"}, timeout=30).json()
    first = body["passages"][0]
    citation = first["citation"]
    assert body["answered"] and citation["section"][-1] == "Thema Financiën"
    assert "G40 Stedennetwerk" not in first["text"][:40]
    assert citation["page_label"] == truth.labels[citation["page"]] == str(citation["page"] + 2)
    assert citation["original_url"] == f"/files/g40-jaarverslag-2023.pdf#page={citation['page']}"

    original = httpx.get(base + citation["original_url"].split("#")[0], timeout=30)
    assert original.status_code == 200 and original.headers["content-type"] == "application/pdf"
    assert original.content == pdf.read_bytes()

    page = httpx.get(base + citation["url"], timeout=30).text
    assert f'href="/files/g40-jaarverslag-2023.pdf#page={citation["page"]}"' in page
    assert re.search(rf"pagina {citation['page']} \(gedrukt: {citation['page_label']}\)", page)

    # An intranet's link checker asks HEAD of every citation link: once 405, reported as broken links.
    for url, kind in ((citation["url"], "text/html"), (citation["original_url"].split("#")[0], "application/pdf")):
        head = httpx.head(base + url, timeout=30)
        assert head.status_code == 200 and head.headers["content-type"].startswith(kind) and head.content == b""
    assert httpx.head(base + "/source/van-de-plank-gehaald", timeout=30).status_code == 404


@pytest.mark.parametrize("path", ["/files/bestaat-niet.pdf", "/files/..%2Fdata%2Fmanifest.pdf",
                                  "/files/g40-jaarverslag-2023.txt", "/files/%2E%2E.pdf"])
def test_nothing_but_the_indexed_pdfs_is_served(pdf_service, path):
    response = httpx.get(pdf_service[0] + path, timeout=30)
    assert response.status_code == 404 and response.json()["error"]["code"] == "niet_gevonden"


#: What a browser sends when a person follows a link.
BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_link_a_person_follows_to_a_document_no_longer_there_gets_a_page(pdf_service):
    """An old citation or a shared link once showed raw JSON in the browser."""
    for path in ("/source/van-de-plank-gehaald", "/files/van-de-plank-gehaald.pdf"):
        followed = httpx.get(pdf_service[0] + path, timeout=30, headers=BROWSER)
        assert followed.status_code == 404 and followed.headers["content-type"].startswith("text/html")
        assert "staat niet (meer) in de rapporten" in followed.text
        assert httpx.get(pdf_service[0] + path, timeout=30).json()["error"]["code"] == "niet_gevonden"  # a program


def test_an_original_changed_since_the_build_is_not_served(pdf_service):
    """A damaged copy over the indexed PDF (or a new version not yet ingested): its pages are not the ones
    the citations name, so the link says so instead of opening it."""
    base, _, pdf = pdf_service
    good = pdf.read_bytes()
    try:
        pdf.write_bytes(b"%PDF-1.4\nkapot")
        response = httpx.get(base + "/files/g40-jaarverslag-2023.pdf", timeout=30)
        assert response.status_code == 409 and response.json()["error"]["code"] == "bestand_veranderd"
        assert "veranderd sinds de index" in response.json()["error"]["message"]
        followed = httpx.get(base + "/files/g40-jaarverslag-2023.pdf", timeout=30, headers=BROWSER)
        assert followed.status_code == 409 and followed.headers["content-type"].startswith("text/html")
        assert "veranderd sinds de index" in followed.text and '<html lang="nl">' in followed.text
    finally:
        pdf.write_bytes(good)
    assert httpx.get(base + "/files/g40-jaarverslag-2023.pdf", timeout=30).content == good


def test_a_pdf_with_blacked_out_text_still_in_it_is_not_served_as_the_original(tmp_path, embedder):
    """The reader leaves out text under a black bar, but the original file holds it: a badly redacted Woo
    decision would give the name away to whoever opened the original from a citation."""
    from tests.ingest.test_pdf_layouts import redacted_pdf

    (tmp_path / "corpus").mkdir()
    redacted_pdf(tmp_path / "corpus" / "woo-besluit.pdf")
    settings = Settings(corpus_dir=tmp_path / "corpus", data_dir=tmp_path / "data", rate_limit=0)
    build_index(settings, embedder=embedder)
    with running(settings, embedder) as (base, _):
        body = httpx.post(base + "/api/ask", json={"question": "Wie heeft de stukken verzameld?"}, timeout=30).json()
        first = body["passages"][0]
        assert "[zwartgelakt]" in first["text"] and "Dalen" not in first["text"]
        assert first["citation"]["original_url"] is None
        page = httpx.get(base + first["citation"]["url"], timeout=30).text
        assert "/files/" not in page and "[zwartgelakt]" in page and "Dalen" not in page
        refused = httpx.get(base + "/files/woo-besluit.pdf", timeout=30)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "niet_getoond"
        assert b"Dalen" not in refused.content
        followed = httpx.get(base + "/files/woo-besluit.pdf", timeout=30, headers=BROWSER)
        assert followed.status_code == 403 and "<title>Niet getoond" in followed.text
