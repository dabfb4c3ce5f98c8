"""create_app(settings) -> FastAPI: the API, the source viewer, the widget and operations endpoints.

The model and the index load before the server accepts its first connection (so with several
workers no request reaches one that is still loading); without a usable index the service starts
anyway and ``/ready`` answers 503 with the reason. The index is replaced when a new build is
published: polled every ``reload_interval`` seconds, at once on SIGHUP, or on ``POST /api/admin/reload``.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from vraagbaak import __version__
from vraagbaak.config import Settings, get_settings, usable_cores
from vraagbaak.errors import VraagbaakError
from vraagbaak.service import errors
from vraagbaak.service.auth import check_security_settings
from vraagbaak.service.feedback import FeedbackStore
from vraagbaak.service.limits import TokenBuckets
from vraagbaak.service.metrics import Metrics
from vraagbaak.service.middleware import ServiceMiddleware
from vraagbaak.service.private_db import translated
from vraagbaak.service.question_log import QuestionLog
from vraagbaak.service.routes import ask, beheer, documents, feedback, ops, source, widget
from vraagbaak.service.state import IndexState

log = logging.getLogger("vraagbaak")
DESCRIPTION = """Vraagbaak beantwoordt vragen over de rapporten van het G40 Stedennetwerk met passages uit
die rapporten zelf, elk met een bronvermelding (document, sectie, pagina, regels en een link naar de bron).
Fouten komen terug als JSON: `{"error": {"code": ..., "message": ...}}`."""


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS handling, but a refused preflight is JSON with a Dutch message like every other error."""

    def preflight_response(self, request_headers):
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        return errors.error_response(400, "cors_geweigerd", "Deze webpagina mag Vraagbaak niet aanroepen: haar adres staat "
                                     "niet in VRAAGBAAK_CORS_ORIGINS.", headers={"Vary": "Origin"})


#: How often the question log and the feedback file are checked and expired.
CHECK_SECONDS = 300


def keep_retention(app: FastAPI, stop: threading.Event) -> None:
    """At start and every five minutes: a store that cannot be used is said on /ready (and no longer, once it
    can); texts stored before texts were switched off go; rows past their retention period go, whether or not
    anyone asks or reads. No error ends this loop."""
    settings, problems = app.state.settings, {}
    while True:
        for store in (app.state.questions, app.state.feedback):
            what = store.WHAT
            try:
                with translated(store.path, what):
                    store.check()
                    if not settings.store_question_text and (forgotten := store.forget_texts()):
                        log.info("%d opgeslagen teksten gewist: VRAAGBAAK_STORE_QUESTION_TEXT staat uit", forgotten)
                    store.expire()
                problems.pop(what, None)
            except Exception as exc:  # noqa: BLE001 - said on /ready and in the log; tried again next time
                message = exc.message if isinstance(exc, VraagbaakError) else f"{what}: {exc}"
                if problems.get(what) != message:
                    log.error("%s", message)
                problems[what] = message
        app.state.store_problems = list(problems.values())
        if stop.wait(CHECK_SECONDS):
            return


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    check_security_settings(settings)
    state = IndexState(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Load before the server accepts connections: with several workers, no request may reach a worker that
        # is still loading (uvicorn starts serving only when this startup is done).
        await asyncio.to_thread(state.load)
        stop = threading.Event()
        threading.Thread(target=state.watch, args=(stop,), name="index-watcher", daemon=True).start()
        threading.Thread(target=keep_retention, args=(app, stop), name="retention", daemon=True).start()
        try:
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGHUP, lambda: threading.Thread(target=state.reload, daemon=True).start())
        except (NotImplementedError, RuntimeError, ValueError):
            log.info("SIGHUP niet beschikbaar; herladen gaat via polling of /api/admin/reload")
        yield
        stop.set()
        try:  # questions still waiting: answered in the last moment, or while the file could not be opened
            app.state.questions.write_waiting()
        except Exception:  # noqa: BLE001 - the file cannot be opened: said, and the service stops all the same
            log.exception("vragen niet in het vragenlogboek gezet bij het stoppen")

    # /docs with Swagger UI served from the package: an intranet without internet cannot load it from a CDN.
    app = FastAPIOffline(title="Vraagbaak", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         redoc_url=None)
    app.state.settings = settings
    app.state.index = state
    app.state.metrics = Metrics()
    # At most one question per core in the model at a time: more only thrash the cores (README, Benchmarks).
    app.state.inference = threading.BoundedSemaphore(usable_cores())
    app.state.feedback = FeedbackStore.for_settings(settings)
    app.state.feedback_quota = TokenBuckets(settings.feedback_per_day, period=24 * 3600)
    app.state.store_problems = []
    app.state.original_digests = {}  # (PDF, size, time) -> SHA-256, for /files
    app.state.questions = QuestionLog.for_settings(settings)
    errors.install(app)
    routers = [module.router for module in (ask, documents, feedback, source, ops, widget, beheer)]
    for router in routers:
        app.include_router(router)
    app.add_middleware(JsonCORSMiddleware, allow_origins=settings.allowed_origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "X-API-Key", "Authorization"], expose_headers=["Retry-After"],
                       max_age=600)
    app.add_middleware(ServiceMiddleware, settings=settings, metrics=app.state.metrics,
                       routes=[route for router in routers for route in router.routes])
    return app
