"""GET /source/{document}: the cleaned document, opened at a passage; GET /files/{document}.pdf: the original.

Both answer HEAD too: an intranet's link checker asks that of every citation link."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from vraagbaak.service.dependencies import SearcherDep, SettingsDep
from vraagbaak.service.errors import error_response
from vraagbaak.service.schemas import ErrorBody
from vraagbaak.service.source_page import error_page, render
from vraagbaak.service.urls import ORIGINAL_ROUTE, SOURCE_ROUTE, original_file_url, serves_original

router = APIRouter(tags=["bron"])


@router.get(SOURCE_ROUTE, summary="Bekijk een document in de bron",
            responses={200: {"content": {"text/html": {}}, "description": "Het document als HTML-pagina."},
                       404: {"model": ErrorBody}, 422: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def source(document: str, request: Request, searcher: SearcherDep,
           passage: str | None = Query(None, max_length=64, description="Passage om te markeren.")) -> Response:
    record = searcher.documents.get(document)
    if record is None:
        return _missing(request, GONE)
    passages = [p for p in searcher.passages if p.document == document]
    original = original_file_url(document) if serves_original(record) else None
    return HTMLResponse(render(record, passages, passage, original),
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
                                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


@router.get(ORIGINAL_ROUTE, summary="Open het originele PDF-bestand van een document",
            responses={200: {"content": {"application/pdf": {}}, "description": "Het originele PDF-bestand."},
                       403: {"model": ErrorBody}, 404: {"model": ErrorBody}, 409: {"model": ErrorBody},
                       503: {"model": ErrorBody}})
def original(document: str, request: Request, searcher: SearcherDep, settings: SettingsDep) -> Response:
    """Only the PDFs of the loaded index, read-only from the corpus folder; nothing else is served. A file
    changed since the index was built (a damaged copy, a new version not yet ingested) is not served: its
    pages would not be the ones the citations name."""
    record = searcher.documents.get(document)
    if record is None:
        return _missing(request, GONE)
    if not record.file.lower().endswith(".pdf"):  # on the shelf, but as text: it has no original PDF to show
        return _missing(request, "Van dit document is geen PDF: het staat als tekst in de rapporten. De tekst staat in "
                                 "de bron.")
    if not serves_original(record):
        return _missing(request, "Het originele bestand wordt niet getoond: er staat tekst onder zwarte balken in die "
                                 "nog uit het bestand te halen is. De tekst staat in de bron.", 403, "niet_getoond")
    corpus = Path(settings.corpus_dir).resolve()
    path = (corpus / record.file).resolve()
    if not path.is_relative_to(corpus) or not path.is_file():
        return _missing(request, "Het originele bestand staat niet meer in de corpusmap; de tekst staat in de bron.")
    if _digest(path, request.app.state.original_digests) != record.sha256:
        return _missing(request, "Het originele bestand is veranderd sinds de index is gebouwd; de bron staat in de "
                                 "tekstweergave. Vraag de beheerder de index bij te werken.", 409, "bestand_veranderd")
    return FileResponse(path, media_type="application/pdf", filename=PurePosixPath(record.file).name,
                        content_disposition_type="inline",
                        headers={"X-Content-Type-Options": "nosniff"})


# HEAD as GET, left out of the API document (one operation per route there).
router.add_api_route(SOURCE_ROUTE, source, methods=["HEAD"], include_in_schema=False)
router.add_api_route(ORIGINAL_ROUTE, original, methods=["HEAD"], include_in_schema=False)

GONE = ("Dit document staat niet (meer) in de rapporten, misschien omdat het van de plank is gehaald. Stel de vraag "
        "opnieuw voor een nieuwe verwijzing.")


def _missing(request: Request, message: str, status: int = 404, code: str | None = None) -> Response:
    """A link a person followed (an old citation, a shared link) gets a page that says what happened; a
    program gets the JSON error every other route gives."""
    if "text/html" in request.headers.get("accept", ""):
        title = {404: "Niet gevonden", 403: "Niet getoond"}.get(status, "Bestand veranderd")
        return HTMLResponse(error_page(message, title),
                            status_code=status,
                            headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})
    return error_response(status, code or ("niet_gevonden" if status == 404 else None), message)


def _digest(path: Path, known: dict[tuple, str]) -> str:
    """The file's SHA-256, computed once per size and modification time: a PDF viewer asks for a large
    file in many ranges."""
    status = path.stat()
    key = (str(path), status.st_size, status.st_mtime_ns, status.st_ino)
    if key not in known:
        if len(known) > 256:
            known.clear()
        with path.open("rb") as file:
            known[key] = hashlib.file_digest(file, "sha256").hexdigest()
    return known[key]
