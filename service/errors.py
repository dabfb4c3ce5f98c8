"""Every error is JSON with a stable code and a Dutch message; no trace, path or library name."""

from __future__ import annotations

import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from vraagbaak.errors import InvalidQuestion, UnknownScope, VraagbaakError, requirement
from vraagbaak.index.search import EMPTY_QUESTION, visible_text
from vraagbaak.service import beheer_pages
from vraagbaak.service.auth import owners_page, route_path
from vraagbaak.service.private_db import StoreUnavailable
from vraagbaak.service.source_page import error_page

log = logging.getLogger("vraagbaak")

STATUS_MESSAGES = {
    400: ("ongeldig_verzoek", "Het verzoek is ongeldig."),
    401: ("sleutel_vereist", "Een geldige API-sleutel is vereist."),
    403: ("geweigerd", "Dit verzoek is niet toegestaan."),
    404: ("niet_gevonden", "Deze pagina of dit document bestaat niet."),
    405: ("methode_niet_toegestaan", "Deze methode is hier niet toegestaan."),
    413: ("te_groot", "Het verzoek is te groot."),
    415: ("verkeerd_type", "Stuur JSON (Content-Type: application/json)."),
    429: ("te_veel_verzoeken", "Te veel vragen in korte tijd. Probeer het zo opnieuw."),
    503: ("niet_klaar", "Vraagbaak is nog aan het opstarten. Probeer het over een paar seconden opnieuw."),
}
FIELD_NAMES = {"question": "de vraag", "top_k": "top_k", "passage_id": "passage_id", "helpful": "helpful",
               "comment": "het commentaar", "collections": "een collectie in collections",
               "documents": "een document in documents", "years": "een jaar in years"}


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str | None = None, message: str | None = None, headers=None) -> JSONResponse:
    default_code, default_message = STATUS_MESSAGES.get(status, ("fout", "Er ging iets mis."))
    return JSONResponse(error_body(code or default_code, message or default_message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """One Dutch sentence for the first problem, naming the field."""
    for error in exc.errors()[:1]:
        kind, ctx = error.get("type", ""), error.get("ctx", {})
        loc = [str(part) for part in error.get("loc", ()) if part != "body" and not isinstance(part, int)]
        raw = loc[-1] if loc else ""
        name = FIELD_NAMES.get(raw, raw) if loc else "het verzoek"
        field = f"Het veld {name}" if name == raw else name[:1].upper() + name[1:]  # "top_k" is written as sent
        messages = {
            "missing": "Stel een vraag: het veld question ontbreekt." if raw == "question" else f"Het veld {raw} ontbreekt.",
            "list_type": f"Het veld {raw} moet een lijst zijn, bijvoorbeeld [\"g40\"]." if raw != "years"
                         else "Het veld years moet een lijst van jaren zijn, bijvoorbeeld [2023].",
            "too_long": f"Het veld {raw} heeft te veel waarden (hoogstens {ctx.get('max_length')}).",
            "extra_forbidden": f"Onbekend veld: {name}.",
            "string_pattern_mismatch": (f"{field} heeft geen geldige vorm." if raw != "question" else
                                        "Stel een vraag in woorden: alleen leestekens of symbolen zijn geen vraag."
                                        if isinstance(error.get("input"), str) and visible_text(error["input"])
                                        else EMPTY_QUESTION),
            "model_attributes_type": "Stuur een JSON-object met de velden van het verzoek.",
            **({"string_too_short": EMPTY_QUESTION} if raw == "question" else {}),
        }
        return messages.get(kind) or f"{field} {requirement(error)}."
    return "Het verzoek is ongeldig."


#: The title of the page a browser gets for an error of a page that is not the API's.
PAGE_TITLES = {404: "Niet gevonden", 405: "Niet toegestaan", 429: "Even geduld", 503: "Niet beschikbaar"}
ERROR_PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
                      "X-Content-Type-Options": "nosniff"}


def _browser(request: Request) -> bool:
    """A person's browser opening a page (a source link, a typed address): it accepts HTML. The API, the widget's
    calls and scripts get JSON whatever they accept."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and not route_path(request.scope).startswith("/api/")


def _json_type(content_type: str) -> bool:
    """Whether FastAPI reads a body of this type as JSON: application/json or application/*+json."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def install(app: FastAPI) -> None:
    generate = app.openapi

    def contract() -> dict:
        """FastAPI's schema without the 422 of its own validation shape (``{"detail": [...]}``), which it lists for
        every route with a parameter: this service sends every error as ``ErrorBody``, and a route that can
        answer 422 says so itself."""
        fresh = app.openapi_schema is None
        schema = generate()
        if fresh:
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.get("responses", {})
                    if "HTTPValidationError" in str(responses.get("422", "")):
                        del responses["422"]
            for name in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(name, None)
        return schema

    app.openapi = contract

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if owners_page(request.scope):  # a filter typed into the address: a page that says what
            return beheer_pages.error(422, _validation_message(exc), root=beheer_pages.root_of(request.scope))
        if any(error.get("type") == "json_invalid" for error in errors):  # not JSON at all: a bad request
            return error_response(400, "ongeldige_json", "De inhoud is geen geldige JSON.")
        whole_body = [e for e in errors if [part for part in e.get("loc", ()) if part != "body"] == []]
        if whole_body and not _json_type(request.headers.get("content-type", "")):
            return error_response(415)  # JSON sent as text/plain, text/json or a form: it was never read as JSON
        if any(e.get("type") == "missing" for e in whole_body):
            return error_response(400, "ongeldige_json", 'De inhoud is leeg: stuur een JSON-object, bijvoorbeeld '
                                                         '{"question": "Wat doet de G40?"}.')
        return error_response(422, "ongeldige_invoer", _validation_message(exc))

    @app.exception_handler(UnknownScope)
    async def _scope(request: Request, exc: UnknownScope) -> JSONResponse:
        return error_response(404, exc.code, exc.message)

    @app.exception_handler(InvalidQuestion)
    async def _question(request: Request, exc: InvalidQuestion) -> JSONResponse:
        return error_response(422, exc.code, exc.message)

    @app.exception_handler(StoreUnavailable)
    @app.exception_handler(sqlite3.Error)
    async def _store(request: Request, exc: Exception) -> Response:
        """The question log or the feedback file cannot be used: said in the owners' pages, and on /ready."""
        message = exc.message if isinstance(exc, StoreUnavailable) else (
            f"Het vragenlogboek of het feedbackbestand kon niet worden gebruikt ({exc}).")
        log.error("fout bij %s: %s", request.url.path, message)
        problems = request.app.state.store_problems
        if message not in problems:
            request.app.state.store_problems = [*problems, message]
        if owners_page(request.scope):
            return beheer_pages.error(503, message, root=beheer_pages.root_of(request.scope))
        return error_response(503, StoreUnavailable.code, "Je feedback kon nu niet worden bewaard. Probeer het later "
                                                          "opnieuw.")

    @app.exception_handler(VraagbaakError)
    async def _ours(request: Request, exc: VraagbaakError) -> JSONResponse:
        log.error("fout bij %s: %s", request.url.path, exc)
        return error_response(503, exc.code, "Vraagbaak kan deze vraag nu niet beantwoorden. Probeer het later opnieuw.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
        no_index = exc.status_code == 503 and detail  # set by the service itself: no index, rather than starting
        message = detail if no_index else STATUS_MESSAGES.get(exc.status_code, ("", "Er ging iets mis."))[1]
        if owners_page(request.scope):
            return beheer_pages.error(exc.status_code, beheer_pages.LOG_IN if exc.status_code == 401 else message,
                                      getattr(exc, "headers", None), root=beheer_pages.root_of(request.scope))
        if _browser(request):  # a link a person followed (a citation with no index loaded, a mistyped address)
            return HTMLResponse(error_page(message, PAGE_TITLES.get(exc.status_code, "Dat lukte niet")),
                                status_code=exc.status_code, headers={**(getattr(exc, "headers", None) or {}),
                                                                      **ERROR_PAGE_HEADERS})
        if exc.status_code == 400:  # FastAPI could not decode the body at all (e.g. not UTF-8)
            return error_response(400, "ongeldige_json", "De inhoud kon niet als JSON worden gelezen: stuur JSON in "
                                                         "UTF-8, zonder diepe nesting.")
        if no_index:
            return error_response(503, "geen_index", detail)
        known = exc.status_code in STATUS_MESSAGES
        return error_response(exc.status_code, None, detail if detail and not known else None, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("onverwachte fout bij %s", request.url.path)
        return error_response(500, "interne_fout", "Er ging iets mis aan onze kant. Probeer het later opnieuw.")
