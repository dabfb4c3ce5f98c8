"""GET /beheer/...: the owners' pages (behind the API key or the trusted proxy; see ``service.auth``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from vraagbaak.service import beheer_pages
from vraagbaak.service.auth import require_owner
from vraagbaak.service.candidates import from_unanswered
from vraagbaak.service.dependencies import FeedbackDep, QuestionsDep, SearcherDep, SettingsDep, StateDep
from vraagbaak.service.question_log import UNANSWERED

router = APIRouter(tags=["beheer"], include_in_schema=False, dependencies=[Depends(require_owner)])


@router.api_route("/beheer", methods=["GET", "HEAD"])
def overview(log: QuestionsDep, state: StateDep, request: Request) -> HTMLResponse:
    notice = "" if state.searcher is not None else beheer_pages.no_index(state.error)
    return beheer_pages.html("Overzicht", "/beheer", notice + beheer_pages.overview(log.overview(30), log.count()),
                             root=beheer_pages.root_of(request.scope))


@router.api_route("/beheer/niet-beantwoord", methods=["GET", "HEAD"])
def unanswered(log: QuestionsDep, settings: SettingsDep, request: Request,
               status: str = Query("beide", pattern="^(beide|not_found|uncertain)$"),
               sinds: int = Query(30, ge=1, le=3650)) -> HTMLResponse:
    statuses = UNANSWERED if status == "beide" else (status,)
    groups = log.groups(statuses, datetime.now(UTC) - timedelta(days=sinds))
    return beheer_pages.html("Niet beantwoord", "/beheer/niet-beantwoord",
                             beheer_pages.unanswered(groups, status, sinds, settings.store_question_text),
                             root=beheer_pages.root_of(request.scope))


@router.api_route("/beheer/feedback", methods=["GET", "HEAD"])
def feedback(store: FeedbackDep, searcher: SearcherDep, request: Request) -> HTMLResponse:
    passages = {p.id: p for p in searcher.passages}
    return beheer_pages.html("Feedback: niet nuttig", "/beheer/feedback", beheer_pages.feedback(store.all(), passages),
                             root=beheer_pages.root_of(request.scope))


@router.api_route("/beheer/plank", methods=["GET", "HEAD"])
def shelf(searcher: SearcherDep, request: Request) -> HTMLResponse:
    return beheer_pages.html("Documenten", "/beheer/plank",
                             beheer_pages.shelf(list(searcher.documents.values()), searcher.build.name),
                             root=beheer_pages.root_of(request.scope))


@router.get("/beheer/export/vragen.csv")
def export_csv(log: QuestionsDep) -> Response:
    """With a byte-order mark and semicolons, as a Dutch spreadsheet opens a CSV file by a double click."""
    return Response("\ufeff" + log.csv(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="vragen.csv"', **beheer_pages.HEADERS})


@router.get("/beheer/export/evaluatie.jsonl")
def export_pairs(log: QuestionsDep, request: Request, groep: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Query([], max_length=500),
                 status: str = Query("beide", pattern="^(beide|not_found|uncertain)$"),
                 sinds: int = Query(3650, ge=1, le=3650)) -> Response:
    """The chosen groups' questions as candidate pairs in the ``eval/`` format; a reviewer adds the evidence. Only
    those of the outcome and period the page showed (its form sends them), as the page counted them."""
    if not groep:
        return beheer_pages.error(400, "Kies eerst een of meer groepen (vink ze aan in de lijst) en exporteer dan.",
                                  root=beheer_pages.root_of(request.scope))
    statuses = UNANSWERED if status == "beide" else (status,)
    lines = from_unanswered(log.group_questions(groep, statuses, datetime.now(UTC) - timedelta(days=sinds)))
    if not lines:  # an old link, or groups gone with the retention period: an empty download would say nothing
        return beheer_pages.error(404, "Deze groepen bestaan niet (meer), of hun vragen zijn zonder tekst opgeslagen; "
                                       "kies groepen in de lijst van niet-beantwoorde vragen.",
                                  root=beheer_pages.root_of(request.scope))
    return Response(lines, media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="evaluatie-kandidaten.jsonl"', **beheer_pages.HEADERS})
