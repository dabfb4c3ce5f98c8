"""POST /api/feedback: was a passage helpful for a question?"""

from __future__ import annotations

import logging
import math

from fastapi import APIRouter, Request

from vraagbaak.service.auth import client_key
from vraagbaak.service.dependencies import FeedbackDep, QuestionsDep, SearcherDep, SettingsDep
from vraagbaak.service.errors import error_response
from vraagbaak.service.schemas import ErrorBody, FeedbackRequest, FeedbackResponse
from vraagbaak.service.scrub import scrub

router = APIRouter(tags=["feedback"])
log = logging.getLogger("vraagbaak")


@router.post("/api/feedback", response_model=FeedbackResponse, status_code=201, summary="Geef feedback op een passage",
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 404: {"model": ErrorBody},
                        413: {"model": ErrorBody}, 415: {"model": ErrorBody}, 422: {"model": ErrorBody},
                        429: {"model": ErrorBody}, 503: {"model": ErrorBody}})
def feedback(body: FeedbackRequest, request: Request, searcher: SearcherDep, store: FeedbackDep, settings: SettingsDep,
             questions: QuestionsDep):
    if body.passage_id not in searcher.passage_ids:  # a typo, or a passage gone with a re-ingest
        return error_response(404, "onbekende_passage", "Deze passage staat niet (meer) in de rapporten; stel de vraag "
                                                         "opnieuw en geef feedback op het nieuwe antwoord.")
    wait = request.app.state.feedback_quota.take(client_key(request, settings))
    if wait:
        return error_response(429, "te_veel_feedback", "Je hebt vandaag al veel feedback gegeven, dank je wel. "
                                                       "Later kan het weer.", headers={"Retry-After": str(math.ceil(wait))})
    question = " ".join(body.question.split())
    keep = settings.store_question_text  # the same promise as the question log's
    public = searcher.evidence.prints
    if body.replaces is not None:
        store.withdraw(body.replaces, body.passage_id)
    number = store.add(scrub(question, public) if keep else "", body.passage_id, body.helpful,
                       scrub(body.comment, public) if body.comment and keep else None)
    try:  # the feedback is kept; marking the question's row is a nicety that must not undo that
        questions.feedback(question, body.passage_id, body.helpful, public)
    except Exception:  # noqa: BLE001 - a damaged or busy question log: logged
        log.exception("feedback niet bij de vraag in het vragenlogboek gezet")
    return FeedbackResponse(id=number, receipt=store.receipt(number))
