"""GET /source/{document}: the cleaned document, opened at a passage."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from vraagbaak.service.dependencies import SearcherDep
from vraagbaak.service.source_page import render
from vraagbaak.service.urls import SOURCE_ROUTE

router = APIRouter(tags=["bron"])


@router.get(SOURCE_ROUTE, response_class=HTMLResponse, summary="Bekijk een document in de bron")
def source(document: str, searcher: SearcherDep,
           passage: str | None = Query(None, max_length=64, description="Passage om te markeren.")) -> HTMLResponse:
    record = searcher.documents.get(document)
    if record is None:
        raise HTTPException(status_code=404)
    passages = [p for p in searcher.passages if p.document == document]
    return HTMLResponse(render(record, passages, passage),
                        headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'",
                                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
