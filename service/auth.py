"""Who may call what. A browser page cannot keep a secret and any script can send browser headers, so no
request is let in for its headers alone:

* the widget's endpoints (``/api/ask``, ``/api/feedback``) are public unless ``VRAAGBAAK_REQUIRE_KEY``; a
  browser's access is then governed by the CORS allowlist and by the network or the intranet's proxy;
* with ``VRAAGBAAK_REQUIRE_KEY`` they need the API key, or a user named by a trusted single-sign-on proxy
  (``VRAAGBAAK_TRUSTED_PROXY_HEADER``, believed only from ``VRAAGBAAK_TRUSTED_PROXIES``);
* admin endpoints always need the API key;
* the owners' pages (``/beheer``) need the API key (as a header, or as the password of the browser's own
  login prompt: HTTP Basic, any user name) or a user named by the trusted proxy.
"""

from __future__ import annotations

import base64
import hmac

from starlette.requests import Request

from vraagbaak.config import Settings
from vraagbaak.errors import ConfigurationError


def has_api_key(request: Request, key: str, basic: bool = False) -> bool:
    """Whether the request carries ``key`` (``X-API-Key``, ``Authorization: Bearer``, or with ``basic`` the
    password of ``Authorization: Basic``; the scheme's name in any case, as HTTP has it), compared in
    constant time. Only the owners' pages take Basic: a browser sends a login it holds with any request,
    a page of another site's too, while a header key needs a preflight that CORS refuses."""
    scheme, _, credentials = request.headers.get("authorization", "").strip().partition(" ")
    given = request.headers.get("x-api-key") or (credentials.strip() if scheme.lower() == "bearer" else "")
    if scheme.lower() == "basic" and basic:
        try:
            given = base64.b64decode(credentials.strip(), validate=True).decode().partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            return False
    return bool(key and given) and hmac.compare_digest(given.encode(), key.encode())


def presents_credentials(request: Request) -> bool:
    """Whether the request tries a key at all (a wrong one is a guess; none is a first visit)."""
    return bool(request.headers.get("x-api-key") or request.headers.get("authorization"))


def can_manage(settings: Settings) -> bool:
    """Whether the owners' pages can be opened by anyone at all (a key, or a trusted proxy and its owners, is set)."""
    return bool(settings.api_key or (settings.trusted_proxy_header and settings.proxies and settings.owner_names))


def may_manage(request: Request, settings: Settings) -> bool:
    """Whether the request may open the owners' pages: with the key, or as a user the trusted proxy names who is
    one of ``VRAAGBAAK_OWNERS`` (behind single sign-on every employee is named, and the log is not theirs)."""
    user = proxy_identity(request, settings)
    return can_manage(settings) and (has_api_key(request, settings.api_key, basic=True)
                                     or (user is not None and user.strip().casefold() in settings.owner_names))


def require_owner(request: Request) -> None:
    """A dependency of every owners' page, besides the middleware's check: two locks on one door."""
    from fastapi import HTTPException

    if not may_manage(request, request.app.state.settings):
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": 'Basic realm="Vraagbaak beheer"'})


def proxy_identity(request: Request, settings: Settings) -> str | None:
    """The user a trusted proxy vouches for; None for anyone else, whatever headers they send."""
    if not settings.trusted_proxy_header or request.client is None or request.client.host not in settings.proxies:
        return None
    return request.headers.get(settings.trusted_proxy_header) or None


def client_key(request: Request, settings: Settings) -> str:
    """Who a request is from, for rate limits: behind a trusted proxy, the user it names or else the address it
    forwarded for (the nearest one it did not add itself), not the proxy's own address, which every user of an
    intranet would share. Held in memory only."""
    peer = request.client.host if request.client else "?"
    if peer not in settings.proxies:
        return peer
    user = proxy_identity(request, settings)
    if user:
        return f"gebruiker:{user}"
    forwarded = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    return next((hop for hop in reversed(forwarded) if hop not in settings.proxies), peer)


def route_path(scope) -> str:
    """The path as the router sees it: without the ``root_path`` a proxy mounts the service under
    (``/vraagbaak/beheer`` is routed as ``/beheer``, so it must be checked as ``/beheer``)."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return (path[len(root):] or "/") if root and path.startswith(root) else path


def owners_page(scope) -> bool:
    """Whether the request is for an owners' page (``/beheer`` and below, behind a path prefix too)."""
    path = route_path(scope)
    return path == "/beheer" or path.startswith("/beheer/")


def may_call(request: Request, settings: Settings) -> bool:
    """Whether the request may use this ``/api`` path."""
    if route_path(request.scope).startswith("/api/admin/"):
        return not settings.api_key or has_api_key(request, settings.api_key)  # no key set: the route says 403
    if not settings.require_key:
        return True
    return has_api_key(request, settings.api_key) or proxy_identity(request, settings) is not None


#: The shortest API key accepted: ten guesses a minute (the failed-login limit) find a short one soon.
MIN_KEY_LENGTH = 16


def check_security_settings(settings: Settings) -> None:
    if settings.require_key and not (settings.api_key or (settings.trusted_proxy_header and settings.proxies)):
        raise ConfigurationError("VRAAGBAAK_REQUIRE_KEY staat aan, maar er is geen VRAAGBAAK_API_KEY en geen vertrouwde "
                                 "proxy (VRAAGBAAK_TRUSTED_PROXY_HEADER en VRAAGBAAK_TRUSTED_PROXIES): niemand kan de API "
                                 "dan gebruiken.")
    if settings.api_key and len(settings.api_key) < MIN_KEY_LENGTH:
        length = len(settings.api_key)
        raise ConfigurationError(f"VRAAGBAAK_API_KEY is te kort ({length} {'teken' if length == 1 else 'tekens'}): met "
                                 "tien pogingen per minuut is zo'n sleutel snel geraden. Kies er een van minstens "
                                 f"{MIN_KEY_LENGTH} "
                                 "willekeurige tekens, bijvoorbeeld met: python3 -c \"import secrets; "
                                 "print(secrets.token_urlsafe(24))\"")
    if settings.trusted_proxy_header and not settings.proxies:
        raise ConfigurationError("VRAAGBAAK_TRUSTED_PROXY_HEADER is ingesteld zonder VRAAGBAAK_TRUSTED_PROXIES; noem de "
                                 "adressen van de proxy's, anders kan iedereen die kopregel meesturen.")
