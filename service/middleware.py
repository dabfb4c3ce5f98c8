"""What every request passes through: size limit, access (``auth``), rate limits, access log and metrics.

Written as plain ASGI middleware so a body is never read twice and a refused request costs little.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vraagbaak.config import Settings
from vraagbaak.service import beheer_pages
from vraagbaak.service.auth import (
    can_manage,
    client_key,
    may_call,
    may_manage,
    owners_page,
    presents_credentials,
    route_path,
)
from vraagbaak.service.errors import error_response
from vraagbaak.service.limits import TokenBuckets
from vraagbaak.service.metrics import Metrics
from vraagbaak.service.scrub import scrub

#: Failed authentications a client may make per minute (and in a burst) before it gets 429.
FAILED_AUTH_PER_MINUTE = 10


def endpoint_label(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    """The matched route's template ("/source/{document}"), else "other": never the raw path, or any
    client could grow the metrics without limit by asking for /api/<something new>.

    A request the middleware refused never reached the router, so its route is looked up in ``routes``
    (the app's own routes: FastAPI keeps included routers nested in ``app.routes``)."""
    route = scope.get("route") or next((r for r in routes if r.matches(scope)[0] is not Match.NONE), None)
    return getattr(route, "path", None) or "other"


def _retry_after(wait: float, scope: Scope | None = None):
    """429 with the seconds to wait; on an owners' page as a page (a person in a browser reads it), else JSON."""
    seconds = math.ceil(wait)
    if scope is not None and owners_page(scope):
        return beheer_pages.error(429, f"Te vaak een verkeerde sleutel of wachtwoord. Probeer het over {seconds} "
                                       f"{'seconde' if seconds == 1 else 'seconden'} opnieuw.",
                                  headers={"Retry-After": str(seconds)}, root=beheer_pages.root_of(scope))
    return error_response(429, headers={"Retry-After": str(seconds)})


class ServiceMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, metrics: Metrics, routes: Sequence[BaseRoute] = ()):
        self.app, self.settings, self.metrics, self.routes = app, settings, metrics, routes
        self.limiter = TokenBuckets(settings.rate_limit) if settings.rate_limit else None
        self.failures = TokenBuckets(FAILED_AUTH_PER_MINUTE)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope)
        status = {"code": 500}
        scope.setdefault("state", {})

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            refusal = self._refuse(request)
            if refusal is None and request.method in ("POST", "PUT", "PATCH"):
                receive, refusal = await self._read_body(receive)
            if refusal is not None:
                self._allow_origin(request, refusal)
                await refusal(scope, receive, send_wrapper)
            else:
                await self.app(scope, receive, send_wrapper)
        finally:  # every response is counted and logged, a 500 from an unexpected error included
            self._record(request, scope, status["code"], time.perf_counter() - started)

    def _refuse(self, request: Request):
        path = route_path(request.scope)
        if re.fullmatch(r".*/[^/]+/", request.url.path) and request.method in ("GET", "HEAD"):
            # "/beheer/" to "../beheer", relative: Starlette's own redirect names whatever host the Host header
            # says (and http behind a TLS proxy), and a path from the root would leave a proxy's prefix.
            query = request.url.query
            name = request.url.path.rstrip("/").rpartition("/")[2]
            return RedirectResponse(f"../{name}" + (f"?{query}" if query else ""), 307)
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > self.settings.max_body_bytes):
            return error_response(413)
        if owners_page(request.scope):
            if not can_manage(self.settings):
                return beheer_pages.error(403, "De beheerpagina's staan uit: stel VRAAGBAAK_API_KEY in, of een "
                                               "vertrouwde proxy (VRAAGBAAK_TRUSTED_PROXY_HEADER) met de beheerders "
                                               "die hij mag noemen (VRAAGBAAK_OWNERS).",
                                          root=beheer_pages.root_of(request.scope))
            refused = self._authenticate(client_key(request, self.settings), request, may_manage(request, self.settings),
                                         lambda: beheer_pages.error(
                    401, beheer_pages.LOG_IN, headers={"WWW-Authenticate": 'Basic realm="Vraagbaak beheer", charset="UTF-8"'},
                    root=beheer_pages.root_of(request.scope)))
            if refused:
                return refused
        if path.startswith("/api/") and request.method != "OPTIONS":
            client = client_key(request, self.settings)
            if path.startswith("/api/admin/") or self.settings.require_key:
                refused = self._authenticate(client, request, may_call(request, self.settings),
                                             lambda: error_response(401, headers={"WWW-Authenticate": "Bearer"}))
                if refused:
                    return refused
            wait = self.limiter.take(client) if self.limiter is not None else 0.0
            if wait:
                return _retry_after(wait)
        return None

    def _authenticate(self, client: str, request: Request, allowed: bool,
                      unauthorised: Callable[[], Response]) -> Response | None:
        """Guessing keys is throttled harder than asking questions: after ``FAILED_AUTH_PER_MINUTE`` wrong keys a
        client gets 429 for every try, the right key too (else the one 200 among the 429s names the key, at the
        speed of the requests). A request with no key at all is no guess: a browser's first visit, before its
        login prompt, takes nothing."""
        wait = self.failures.waiting(client)
        if wait:
            return _retry_after(wait, request.scope)
        if allowed:
            return None
        if presents_credentials(request):
            self.failures.take(client)
        return unauthorised()

    def _allow_origin(self, request: Request, response) -> None:
        """A refusal made here (413, 429, 401) passes no CORS middleware: without these headers a widget on an
        allowed intranet page could not read it, and would say the service is unreachable."""
        origin = request.headers.get("origin", "").rstrip("/")
        allowed = self.settings.allowed_origins
        if origin and (origin in allowed or "*" in allowed):
            response.headers["Access-Control-Allow-Origin"] = "*" if "*" in allowed else origin
            response.headers["Access-Control-Expose-Headers"] = "Retry-After"
            response.headers.append("Vary", "Origin")

    async def _read_body(self, receive: Receive):
        """Read the body up front, refusing it past the limit (a chunked body has no Content-Length)."""
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return receive, error_response(400)
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.settings.max_body_bytes:
                return receive, error_response(413)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay, None

    def _record(self, request: Request, scope: Scope, status: int, seconds: float) -> None:
        label = endpoint_label(scope, self.routes)
        state = scope.get("state", {})
        self.metrics.observe(label, status, seconds, state.get("status"))
        entry = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "method": request.method,
                 "path": label, "status": status, "latency_ms": round(seconds * 1000, 1)}
        if "status" in state:
            entry["answer"] = state["status"]
        if self.settings.log_questions and self.settings.store_question_text and "question" in state:
            entry["question"] = scrub(state["question"])  # the log's promise holds for the server's log too
        sys.stderr.write(json.dumps(entry, ensure_ascii=False) + "\n")
