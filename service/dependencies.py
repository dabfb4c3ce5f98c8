"""FastAPI dependencies: settings, the loaded index, the feedback store, the question log (``Annotated`` aliases).

They are ``async``: each only reads ``app.state``, and FastAPI would run a plain function in the thread
pool, a hand-off per dependency that costs more than the work (README, Benchmarks).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from vraagbaak.config import Settings
from vraagbaak.index.search import Searcher
from vraagbaak.service.feedback import FeedbackStore
from vraagbaak.service.question_log import QuestionLog
from vraagbaak.service.state import IndexState

#: For users when the index could not be loaded; the reason, for the people who run the service, is on /ready.
NO_INDEX = ("Vraagbaak kan nu geen vragen beantwoorden: de index of het taalmodel kon niet worden geladen. "
            "Meld dit bij de beheerder.")


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_state(request: Request) -> IndexState:
    return request.app.state.index


async def get_searcher(state: Annotated[IndexState, Depends(get_state)]) -> Searcher:
    searcher = state.searcher  # one reference for the whole request, even if a reload happens meanwhile
    if searcher is None:  # still loading, or loading failed (no index yet, a damaged one): /ready says why
        raise HTTPException(status_code=503, detail=None if state.error is None else NO_INDEX)
    return searcher


async def get_feedback(request: Request) -> FeedbackStore:
    return request.app.state.feedback


async def get_questions(request: Request) -> QuestionLog:
    return request.app.state.questions


SettingsDep = Annotated[Settings, Depends(get_settings)]
StateDep = Annotated[IndexState, Depends(get_state)]
SearcherDep = Annotated[Searcher, Depends(get_searcher)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
QuestionsDep = Annotated[QuestionLog, Depends(get_questions)]
