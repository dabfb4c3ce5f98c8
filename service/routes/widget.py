"""The chat widget script and the demo page, served by the service itself (no CDN, no build step); HEAD too,
which proxies and link checkers ask."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parents[1] / "static"
router = APIRouter(tags=["widget"])


@router.api_route("/widget.js", methods=["GET", "HEAD"], include_in_schema=False)
def widget_js() -> FileResponse:
    return FileResponse(STATIC / "widget.js", media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"})


@router.get("/demo.js", include_in_schema=False)
def demo_js() -> FileResponse:
    return FileResponse(STATIC / "demo.js", media_type="text/javascript; charset=utf-8")


@router.get("/demo.css", include_in_schema=False)
def demo_css() -> FileResponse:
    return FileResponse(STATIC / "demo.css", media_type="text/css; charset=utf-8")


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
def demo() -> FileResponse:
    return FileResponse(STATIC / "demo.html", media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": "default-src 'self'; style-src 'self'; script-src 'self'; "
                                 "connect-src 'self'; img-src 'self' data:"})
