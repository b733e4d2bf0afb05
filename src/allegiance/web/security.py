"""Write protection and response headers.

Reading needs nothing. Writing needs the token printed when the server starts: given once
on the sign-in page it sets a session cookie (HttpOnly, SameSite=Strict); every write then
also carries the page's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``) and,
when the browser sends one, an ``Origin`` of this server. Scripts may send the token itself
as ``Authorization: Bearer TOKEN`` instead.

Writes are limited per client (its address): each client has a bucket of requests that
refills at a steady rate; a request finding it empty gets ``429 Too Many Requests`` with
``Retry-After`` (seconds until the next one would pass), before its body is read. Uploads
and sign-in attempts have a bucket of their own, smaller (an upload starts an extraction;
sign-in attempts are guesses at the token).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import threading
import time
from collections.abc import Callable
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


#: paths whose writes count against the smaller bucket
COSTLY_WRITES = ("/upload", "/login")
#: clients remembered at most; the fullest buckets are forgotten first
MAX_CLIENTS = 10_000


@dataclass(frozen=True)
class Rate:
    """A bucket: ``burst`` requests at once, refilled at ``per_minute``."""

    per_minute: float
    burst: int

    def __post_init__(self) -> None:
        if self.per_minute <= 0 or self.burst < 1:
            raise ValueError("a rate needs a positive refill and a burst of at least 1")


class RateLimits:
    """Token buckets per client and kind of request (``write`` or ``costly``)."""

    def __init__(self, writes: Rate, costly: Rate,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rates = {"write": writes, "costly": costly}
        self.clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, kind: str) -> float:
        """Take one request from the bucket; 0 when it may go ahead, else the seconds to
        wait before one would."""
        rate = self.rates[kind]
        per_second = rate.per_minute / 60
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get((client, kind), (float(rate.burst), now))
            tokens = min(float(rate.burst), tokens + (now - then) * per_second)
            if tokens >= 1:
                self._buckets[(client, kind)] = (tokens - 1, now)
                if len(self._buckets) > MAX_CLIENTS:
                    self._forget()
                return 0.0
            self._buckets[(client, kind)] = (tokens, now)
            return (1 - tokens) / per_second

    def _forget(self) -> None:
        fullest = sorted(self._buckets, key=lambda k: -self._buckets[k][0])
        for key in fullest[: len(fullest) - MAX_CLIENTS // 2]:
            del self._buckets[key]


def default_limits() -> RateLimits:
    """The limits of ``settings`` (``ALLEGIANCE_WEB_WRITES_PER_MINUTE``, ...)."""
    from allegiance import settings

    return RateLimits(Rate(settings.WEB_WRITES_PER_MINUTE, settings.WEB_WRITES_BURST),
                      Rate(settings.WEB_UPLOADS_PER_MINUTE, settings.WEB_UPLOADS_BURST))


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class Guard:
    """ASGI middleware: security headers on every response; writes over the client's rate
    refused (429); request bodies larger than ``max_body`` (or of unknown length) refused
    before they are read."""

    def __init__(self, app: ASGIApp, max_body: int, limits: RateLimits | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.limits = limits

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
            wait, retry = 0.0, 0
            if self.limits is not None:
                kind = "costly" if scope.get("path") in COSTLY_WRITES else "write"
                wait = self.limits.take(_client(scope), kind)
            if wait > 0:
                retry = max(1, math.ceil(wait))
                refusal = (429, f"too many requests: try again in {retry} s")
            elif length is None or not length.isdigit():
                refusal = (411, "a request body needs a Content-Length")
            elif int(length) > self.max_body:
                refusal = (413, f"upload too large: {int(length)} bytes, the limit is "
                                f"{self.max_body} bytes")
            if refusal is not None:
                from starlette.responses import JSONResponse

                extra = {"retry-after": str(retry)} if refusal[0] == 429 else None
                response = JSONResponse({"error": refusal[1]}, status_code=refusal[0],
                                        headers=extra)
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
