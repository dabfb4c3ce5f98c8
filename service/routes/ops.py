"""Operations: liveness, readiness, metrics, and an explicit reload for operators."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from vraagbaak.service.dependencies import SettingsDep, StateDep
from vraagbaak.service.errors import error_response
from vraagbaak.service.schemas import ErrorBody

router = APIRouter(tags=["beheer"])


@router.get("/health", summary="Leeft de service?")
def health() -> dict:
    return {"status": "ok"}


class Ready(BaseModel):
    status: str = Field(..., description="`klaar`, `laden` of `fout` (geen bruikbare index; `detail` zegt waarom).")
    build: str | None = None
    passages: int | None = None
    model: str | None = None
    detail: str | None = Field(None, description="Waarom de index (nog) niet gebruikt wordt; of, bij `klaar`, welk "
                                                 "vragenlogboek of feedbackbestand onbruikbaar is.")


#: A path on the server ("/srv/vraagbaak/data/builds/x"): the public /ready names only its last part.
SERVER_PATH = re.compile(r"(?<![\w:/.])/(?:[^\s/'\"]+/)+")


def without_paths(detail: str | None) -> str | None:
    """The reason without the server's folders ("Er is nog geen index in data."): the log has it in full."""
    return SERVER_PATH.sub("", detail) if detail else detail


@router.get("/ready", summary="Is de index geladen?", response_model=Ready,
            responses={503: {"model": Ready, "description": "Nog geen bruikbare index; `detail` zegt waarom."}})
def ready(state: StateDep, request: Request) -> JSONResponse:
    """Ready once an index is loaded; ``detail`` also names a question log or feedback file that cannot be
    used (questions are still answered, but not logged)."""
    searcher = state.searcher
    if searcher is None:  # "fout": loading ended without an index, and detail says why
        return JSONResponse({"status": "laden" if state.error is None else "fout", "detail": without_paths(state.error)},
                            status_code=503)
    problems = without_paths(" ".join(request.app.state.store_problems))
    return JSONResponse({"status": "klaar", "build": searcher.build.name, "passages": len(searcher.passages),
                         "model": searcher.manifest.model.get("name"), **({"detail": problems} if problems else {})})


@router.get("/metrics", summary="Prometheus-metrieken", response_class=PlainTextResponse,
            responses={200: {"content": {"text/plain": {}}, "description": "Prometheus-tekstformaat."}})
def metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.post("/api/admin/reload", summary="Laad een nieuw gepubliceerde index (API-sleutel vereist)",
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 409: {"model": ErrorBody},
                        429: {"model": ErrorBody}})
async def reload(request: Request, state: StateDep, settings: SettingsDep):
    if not settings.api_key:  # with a key, the middleware has checked it (service.auth.may_call)
        return error_response(403, "beheer_uit", "Beheer is uitgeschakeld: stel VRAAGBAAK_API_KEY in.")
    changed = await run_in_threadpool(state.reload)
    if state.error and not changed:
        return error_response(409, "index_geweigerd", state.error)
    return {"reloaded": changed, "build": state.build.name if state.build else None}
