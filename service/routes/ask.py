"""POST /api/ask: a question in, the best passages with citations out."""

from __future__ import annotations

from fastapi import APIRouter, Request

from vraagbaak.service.dependencies import SearcherDep, SettingsDep
from vraagbaak.service.schemas import AskRequest, AskResponse, ErrorBody

router = APIRouter(tags=["vragen"])


@router.post("/api/ask", response_model=AskResponse, summary="Stel een vraag",
             responses={401: {"model": ErrorBody}, 413: {"model": ErrorBody}, 422: {"model": ErrorBody},
                        429: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def ask(body: AskRequest, request: Request, searcher: SearcherDep, settings: SettingsDep) -> AskResponse:
    """Beantwoord een vraag met passages uit de rapporten, elk met een bronvermelding.

    Als de rapporten geen passend antwoord bevatten is ``answered`` onwaar en staan in
    ``suggestions`` de dichtstbijzijnde secties.
    """
    with request.app.state.inference:
        result = searcher.search(body.question, body.top_k)
    request.scope["state"].update(answered=result.answered, question=result.question)
    return AskResponse.from_result(result, settings.public_url)
