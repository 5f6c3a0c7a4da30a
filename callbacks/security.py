"""Security headers for every response (the request size limit is set in callbacks/auth.py).

The Content-Security-Policy allows scripts only from this server plus the hashes of
Dash's own inline scripts (computed after every callback is registered), so nothing
can be loaded from another host and injected markup cannot run.
"""

from __future__ import annotations

from flask import request

TILE_HOSTS = "https://tile.openstreetmap.org"
# Responses a browser may render as a page: they get the document policies.
DOCUMENT_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"}


def content_security_policy(script_hashes) -> str:
    scripts = " ".join(["'self'", *script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {TILE_HOSTS}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def register(app) -> None:
    server = app.server
    cache: dict[str, str] = {}

    @server.after_request
    def _headers(resp):
        if "csp" not in cache:
            cache["csp"] = content_security_policy(app.csp_hashes())
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        if resp.mimetype in DOCUMENT_TYPES:
            # These govern documents only; on JSON and GeoJSON (every map interaction) they
            # would only double the bytes sent (the policy alone is ~500 bytes).
            resp.headers.setdefault("Content-Security-Policy", cache["csp"])
            resp.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
            resp.headers.setdefault("Referrer-Policy", "same-origin")
            resp.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if request.is_secure:
            resp.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return resp
