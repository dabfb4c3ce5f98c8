"""POST /api/ask: a question in, the best passages with citations out."""

from __future__ import annotations

import logging
import time

from fastapi import APIRouter, BackgroundTasks, Request

from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.index.search import SearchResult
from vraagbaak.service.dependencies import QuestionsDep, SearcherDep, SettingsDep
from vraagbaak.service.question_log import UNANSWERED, Asked, QuestionLog
from vraagbaak.service.schemas import AskRequest, AskResponse, ErrorBody
from vraagbaak.service.scrub import scrub, without_placeholders

router = APIRouter(tags=["vragen"])
log = logging.getLogger("vraagbaak")


@router.post("/api/ask", response_model=AskResponse, summary="Stel een vraag",
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 404: {"model": ErrorBody},
                        413: {"model": ErrorBody}, 415: {"model": ErrorBody}, 422: {"model": ErrorBody},
                        429: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def ask(body: AskRequest, request: Request, searcher: SearcherDep, settings: SettingsDep,
        questions: QuestionsDep, background: BackgroundTasks) -> AskResponse:
    """Beantwoord een vraag met passages uit de rapporten, elk met een bronvermelding.

    Met ``collections``, ``documents`` en ``years`` zoekt de vraag alleen in die documenten; een
    onbekende waarde, of filters waar samen geen document aan voldoet, geeft 404 met de bekende
    waarden. ``status`` zegt hoe zeker het antwoord is: ``answered`` (de passages zijn het antwoord), ``uncertain``
    (de passages komen het dichtst in de buurt; toon ze met het voorbehoud uit ``message``) of
    ``not_found`` (geen passages; in ``suggestions`` staan de dichtstbijzijnde secties). Tikfouten worden
    verbeterd tegen de woorden van de rapporten (``searched_as``, ``corrections``), tenzij ``spelling`` false is.
    """
    started = time.perf_counter()
    with request.app.state.inference:
        result = searcher.search(body.question, body.top_k, scope=body.scope, spelling=body.spelling)
    request.scope["state"].update(status=result.status, question=result.question)
    response = AskResponse.from_result(result, settings.public_url, searcher.documents)
    latency = (time.perf_counter() - started) * 1000
    try:  # the log must never cost anyone their answer
        public = searcher.evidence.prints
        searched = result.asked or result.question  # grouped by what was searched: its asking part, corrected
        vector, compared = result.vector, without_placeholders(scrub(searched, public))
        if result.status in UNANSWERED and settings.store_question_text and (compared != searched or vector is None):
            # no trace of what was scrubbed; a question without a subject ("Wat is het?") was never embedded, and
            # it must be in a group as it is in the overview's count
            with request.app.state.inference:  # a model call, as the search's, one per core at a time
                vector = searcher.embedder.encode_queries([compared])[0]
        questions.add_later(Asked(result.question, result.status, result.confidence, [p.id for p in response.passages],
                                  nearest(result), latency, body.collections, vector, result.searched or ""), public)
        background.add_task(write_log, questions)
    except Exception:  # noqa: BLE001 - logged, the answer still goes out
        log.exception("vraag niet in het vragenlogboek gezet")
    return response


def write_log(questions: QuestionLog) -> None:
    """After the answer has gone out."""
    try:  # the log must never cost anyone their answer
        questions.write_waiting()
    except Exception:  # noqa: BLE001 - SQLite busy or full, a damaged file: logged
        log.exception("vraag niet in het vragenlogboek gezet")


def nearest(result: SearchResult) -> str:
    """Document and section of the first passage shown, or of the first suggestion."""
    if result.hits:
        c = result.hits[0].passage.citation
        return PATH_SEPARATOR.join([c.title, *c.section])
    if result.suggestions:
        s = result.suggestions[0]
        return PATH_SEPARATOR.join([s.title, *s.section])
    return ""
