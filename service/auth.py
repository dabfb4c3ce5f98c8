"""Who may call the API: the API key, or a browser on the service's own page or an allowed origin."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from vraagbaak.config import Settings


def has_api_key(request: Request, key: str) -> bool:
    """Whether the request carries ``key`` (``X-API-Key`` or ``Authorization: Bearer``), compared in constant time."""
    given = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix("Bearer ")
    return bool(key and given) and hmac.compare_digest(given.encode(), key.encode())


def is_authorised(request: Request, settings: Settings) -> bool:
    """The key, or a browser on the service's own page or an allowed origin."""
    if has_api_key(request, settings.api_key):
        return True
    origin = request.headers.get("origin", "").rstrip("/")
    if origin and origin in settings.allowed_origins:
        return True
    own = f"{request.url.scheme}://{request.url.netloc}"
    return request.headers.get("sec-fetch-site") == "same-origin" and origin in ("", own)
