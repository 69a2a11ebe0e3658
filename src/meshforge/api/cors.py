"""The cross-origin policy, stated rather than left to chance.

By default no other origin may call the API from a browser: the playground is served by
the server itself (same origin), and a key pasted into another site's page must not be
usable from there. MESHFORGE_CORS_ALLOW_ORIGINS lists the web apps that may; they send
the key in the Authorization header (no cookies, so no credentials mode).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

ALLOWED_METHODS = ["GET", "POST"]
ALLOWED_HEADERS = ["Authorization", "Content-Type", "Idempotency-Key"]
EXPOSED_HEADERS = ["Retry-After"]  # clients back off by it on 429 and 503
PREFLIGHT_CACHE_S = 600


def install_cors(app: FastAPI, allowed_origins: list[str]) -> None:
    """Answer cross-origin requests from `allowed_origins` only (exact origins)."""
    if not allowed_origins:
        return  # no CORS headers at all: browsers keep other origins out
    app.add_middleware(
        CORSMiddleware,
        allow_origins=allowed_origins,
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=PREFLIGHT_CACHE_S,
    )
