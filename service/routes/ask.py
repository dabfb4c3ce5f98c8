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

    Met ``collections``, ``documents`` en ``years`` zoekt de vraag alleen in die documenten (een
    onbekende waarde geeft 422 met de bekende waarden). ``status`` zegt hoe zeker het antwoord is: ``answered`` (de passages zijn het antwoord), ``uncertain``
    (de passages komen het dichtst in de buurt; toon ze met het voorbehoud uit ``message``) of
    ``not_found`` (geen passages; in ``suggestions`` staan de dichtstbijzijnde secties).
    """
    with request.app.state.inference:
        result = searcher.search(body.question, body.top_k, scope=body.scope)
    request.scope["state"].update(status=result.status, question=result.question)
    return AskResponse.from_result(result, settings.public_url)
