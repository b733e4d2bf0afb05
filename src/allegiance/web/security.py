"""Write protection and response headers.

Reading needs nothing. Writing needs the token printed when the server starts: given once
on the sign-in page it sets a session cookie (HttpOnly, SameSite=Strict); every write then
also carries the page's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``) and,
when the browser sends one, an ``Origin`` of this server. Scripts may send the token itself
as ``Authorization: Bearer TOKEN`` instead.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "allegiance_session"
CSRF_HEADER = "x-csrf-token"

#: the content security policy: no inline script or style, nothing from elsewhere
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


@dataclass(frozen=True)
class Secrets:
    """The write token (shown to the analyst) and the key that signs sessions and CSRF
    tokens; both new for every server start unless given."""

    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def _sign(self, what: str) -> str:
        return hmac.new(self.key, what.encode(), hashlib.sha256).hexdigest()

    @property
    def session(self) -> str:
        return self._sign("session")

    @property
    def csrf(self) -> str:
        return self._sign("csrf")

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())


def signed_in(request: Request, s: Secrets) -> bool:
    """Whether the request carries the session cookie or the bearer token."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie is not None and hmac.compare_digest(cookie.encode(), s.session.encode()):
        return True
    return _bearer(request, s)


def _bearer(request: Request, s: Secrets) -> bool:
    auth = request.headers.get("authorization", "")
    return auth.startswith("Bearer ") and s.token_ok(auth[7:].strip())


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def write_refusal(request: Request, s: Secrets, csrf: str | None) -> str | None:
    """Why a write is refused, or None when it may go ahead."""
    if _bearer(request, s):
        return None
    if not same_origin(request):
        return "cross-site request refused"
    if not signed_in(request, s):
        return "sign in with the write token shown when the server started"
    given = csrf or request.headers.get(CSRF_HEADER)
    if given is None or not hmac.compare_digest(given.encode(), s.csrf.encode()):
        return "missing or wrong CSRF token: reload the page"
    return None


class Guard:
    """ASGI middleware: security headers on every response; request bodies larger than
    ``max_body`` (or of unknown length) refused before they are read."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] not in dict(HEADERS)]
                message["headers"] = headers + list(HEADERS)
            await send(message)

        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            length = dict(scope["headers"]).get(b"content-length")
            refusal = None
            if length is None or not length.isdigit():
                refusal = (411, "a request body needs a Content-Length")
            elif int(length) > self.max_body:
                refusal = (413, f"upload too large: {int(length)} bytes, the limit is "
                                f"{self.max_body} bytes")
            if refusal is not None:
                from starlette.responses import JSONResponse

                response = JSONResponse({"error": refusal[1]}, status_code=refusal[0])
                await response(scope, receive, send_with_headers)
                return
            receive = _capped(receive, self.max_body)
        await self.app(scope, receive, send_with_headers)


def _capped(receive: Receive, limit: int) -> Receive:
    """A receive that stops a body running past its declared length."""
    seen = 0

    async def inner() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise ValueError("request body larger than the limit")
        return message

    return inner
