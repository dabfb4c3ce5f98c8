"""GET /api/documents: the shelf, so a page can offer filters and show what the answers come from."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from vraagbaak.index.scope import find_document
from vraagbaak.service.dependencies import SearcherDep, SettingsDep
from vraagbaak.service.schemas import DocumentList, DocumentOut, ErrorBody

router = APIRouter(tags=["documenten"])


@router.get("/api/documents", response_model=DocumentList, summary="Welke documenten staan op de plank",
            responses={401: {"model": ErrorBody}, 429: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def documents(searcher: SearcherDep, settings: SettingsDep) -> DocumentList:
    """Alle documenten van de geladen index, per collectie en nieuwste jaar eerst."""
    return DocumentList.from_records(list(searcher.documents.values()), settings.public_url)


@router.get("/api/documents/{document}", response_model=DocumentOut, summary="Eén document",
            responses={401: {"model": ErrorBody}, 404: {"model": ErrorBody}, 429: {"model": ErrorBody},
                       503: {"model": ErrorBody}})
def document(document: str, searcher: SearcherDep, settings: SettingsDep) -> DocumentOut:
    record = searcher.documents.get(find_document(searcher.documents, document))  # as the file is named, too
    if record is None:
        raise HTTPException(status_code=404)
    return DocumentOut.from_record(record, settings.public_url)
