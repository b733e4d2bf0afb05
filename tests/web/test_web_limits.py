"""Request-rate limits per client: writes and, more tightly, uploads and sign-in attempts get
``429`` with ``Retry-After`` once the client's bucket is empty, and pass again after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from allegiance.web import Secrets, create_app
from allegiance.web.security import Rate, RateLimits

TOKEN = "test-write-token"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


#: (case, bucket, takes at once, seconds later, take again passes?)
BUCKETS = [
    ("a burst passes", Rate(60, 3), 3, 0.0, False),
    ("one refilled after a second", Rate(60, 3), 3, 1.0, True),
    ("not yet after half a second", Rate(60, 3), 3, 0.5, False),
    ("slower refill", Rate(6, 1), 1, 9.0, False),
    ("slower refill, in time", Rate(6, 1), 1, 10.0, True),
]


@pytest.mark.parametrize(("case", "rate", "burst", "later", "passes"), BUCKETS,
                         ids=[b[0] for b in BUCKETS])
def test_token_buckets(case: str, rate: Rate, burst: int, later: float, passes: bool) -> None:
    clock = Clock()
    limits = RateLimits(rate, rate, clock)
    assert all(limits.take("a", "write") == 0 for _ in range(burst))
    wait = limits.take("a", "write")
    assert wait > 0
    assert limits.take("b", "write") == 0  # another client has its own bucket
    assert limits.take("a", "costly") == 0  # and another kind of request its own
    clock.now += later
    assert (limits.take("a", "write") == 0) is passes


def app_client(db: Path, writes: Rate, costly: Rate, clock: Clock) -> TestClient:
    app = create_app(str(db), secrets=Secrets(TOKEN), wait=60,
                     limits=RateLimits(writes, costly, clock))
    return TestClient(app)


#: (case, path, form, bucket that limits it)
WRITES = [
    ("sign-in attempts", "/login", {"token": "guess"}, "costly"),
    ("uploads", "/upload", {"text": "Abu Test left in 2015."}, "costly"),
    ("review decisions", "/review/claim", {"id": "x", "decision": "confirm"}, "writes"),
    ("name decisions", "/review/names", {"left": "a", "right": "b", "decision": "merge"},
     "writes"),
    ("sign-out", "/logout", {}, "writes"),
]


@pytest.mark.parametrize(("case", "path", "form", "bucket"), WRITES, ids=[w[0] for w in WRITES])
def test_writes_over_the_rate_get_429(split_db: Path, case: str, path: str,
                                      form: dict[str, str], bucket: str) -> None:
    clock = Clock()
    small, large = Rate(60, 2), Rate(600, 50)
    c = app_client(split_db, small if bucket == "writes" else large,
                   small if bucket == "costly" else large, clock)
    codes = [c.post(path, data=form, follow_redirects=False).status_code for _ in range(2)]
    assert 429 not in codes
    r = c.post(path, data=form, follow_redirects=False)
    assert r.status_code == 429
    assert r.headers["retry-after"] == "1"
    assert "too many requests" in r.json()["error"]
    assert r.headers["x-content-type-options"] == "nosniff"  # still with the security headers
    assert c.get("/documents.json").status_code == 200  # reading goes on
    clock.now += 1.0
    assert c.post(path, data=form, follow_redirects=False).status_code != 429


def test_default_limits_let_ordinary_work_through(split_db: Path) -> None:
    c = TestClient(create_app(str(split_db), secrets=Secrets(TOKEN), wait=60))
    codes = {c.post("/review/claim", data={"id": "x", "decision": "confirm"}).status_code
             for _ in range(20)}
    assert 429 not in codes
    codes = [c.post("/login", data={"token": "guess"}).status_code for _ in range(12)]
    assert codes[:5] == [403] * 5 and codes[-1] == 429  # guesses at the token are slowed
