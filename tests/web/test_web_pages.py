"""The workbench without a browser: JSON twins, escaping, headers, write protection,
upload limits and failed uploads leaving the store as it was."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from allegiance.store import Store
from allegiance.web import Secrets, create_app
from allegiance.web.security import CSP
from web_cases import HOSTILE_NAME, PAYLOADS

TOKEN = "test-write-token"
PAGES = ["/", "/documents", "/entities", "/network", "/timeline", "/map", "/review", "/upload"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data)


def client(db: Path, **options: Any) -> TestClient:
    # a test waits for whole-store answers (a server shows them when they are ready)
    return TestClient(create_app(str(db), secrets=Secrets(TOKEN), wait=60, **options))


def signed_in(c: TestClient) -> TestClient:
    r = c.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    return c


def csrf(c: TestClient) -> str:
    html = c.get("/upload").text
    return html.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]


def counts(db: Path) -> dict[str, int]:
    with Store.open(db, create=False) as s:
        return s.counts()


def all_pages(c: TestClient) -> list[str]:
    docs = c.get("/documents.json").json()["documents"]
    ents = c.get("/entities.json").json()["entities"]
    urls = list(PAGES)
    urls += ["/documents/" + _q(d["id"]) for d in docs]
    urls += ["/entities/" + _q(e["id"]) for e in ents]
    return urls


def _q(ident: str) -> str:
    from urllib.parse import quote

    return quote(ident, safe="")


def test_every_page_has_a_json_twin(split_db: Path) -> None:
    c = client(split_db)
    for url in all_pages(c):
        page = c.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html"), url
        base, _, query = url.partition("?")
        twin = c.get(("/home" if base == "/" else base) + ".json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200, url
        assert isinstance(twin.json(), dict), url


def test_twins_carry_the_data_of_the_page(split_db: Path) -> None:
    c = client(split_db)
    net = c.get("/network.json", params={"at": "2013-06"}).json()
    assert {e["predicate"] for e in net["edges"]} == {"allied_with", "member_of", "leader_of"}
    later = c.get("/network.json", params={"at": "2015-01"}).json()
    assert {e["predicate"] for e in later["edges"]} == {"hostile_to"}
    tl = c.get("/timeline.json", params={"predicate": "split_from"}).json()
    assert [i["label"] for i in tl["items"]] == ["Liwa Example split_from Jabhat Example"]
    assert tl["items"][0]["start"] == "2014-02-01" and tl["items"][0]["end"] == "2014-02-28"
    places = c.get("/map.json").json()["places"]
    assert [p["name"] for p in places] == ["Raqqa"] and places[0]["facts"] == 1
    assert c.get("/map.json", params={"from": "2016"}).json()["places"] == []
    jabhat = c.get("/entities.json", params={"q": "Jabhat"}).json()["entities"][0]
    page = c.get(f"/entities/{jabhat['id']}.json").json()
    ties = {t["heading"]: [x["name"] for x in t["entities"]] for t in page["ties"]}
    assert ties["Members"] == ["Abu Test"] and ties["Leaders"] == ["Abu Test"]
    assert ties["Allies"] == ["Liwa Example"] and ties["Rivals"] == ["Liwa Example"]


@pytest.mark.parametrize(("url", "status"), [
    ("/documents/no-such-doc", 404),
    ("/entities/ent-000000000000", 404),
    ("/network.json?at=June", 400),
    ("/timeline.json?predicate=likes", 400),
    ("/timeline.json?stance=sure", 400),
    ("/timeline.json?entity=Nobody%20At%20All", 404),
    ("/entities.json?type=Animal", 400),
    ("/documents.json?offset=-1", 400),
])
def test_bad_requests_get_a_clear_error(split_db: Path, url: str, status: int) -> None:
    r = client(split_db).get(url)
    assert r.status_code == status
    if url.split("?")[0].endswith(".json"):
        assert r.json()["error"]
    else:
        assert "Error" in r.text


def test_hostile_document_comes_out_as_text(hostile_db: Path) -> None:
    c = client(hostile_db)
    for url in all_pages(c) + ["/timeline", "/network"]:
        html = c.get(url).text
        parser = Tags()
        parser.feed(html)
        assert parser.inline_scripts == [], url
        for tag, attrs in parser.tags:
            assert tag not in ("svg", "img"), (url, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (url, tag, name)
                if tag == "script":
                    assert name in ("src", "defer"), (url, name)
                    assert name != "src" or (value or "").startswith("/static/"), url
                if name in ("href", "src", "action"):
                    assert not (value or "").strip().lower().startswith("javascript:"), (url, value)
    hostile = [d for d in c.get("/documents.json").json()["documents"]
               if d["id"] != "split-example"]
    reader = c.get("/documents/" + _q(hostile[0]["id"]))
    body = reader.text
    assert "&lt;script&gt;window.__pwned = 6&lt;/script&gt; Brigade" in body
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in body


def test_json_twins_keep_the_text_as_it_was(hostile_db: Path) -> None:
    c = client(hostile_db)
    names = [e["name"] for e in c.get("/entities.json").json()["entities"]]
    assert HOSTILE_NAME in names


def test_security_headers(split_db: Path) -> None:
    c = client(split_db)
    for url in ["/", "/network.json", "/static/app.css", "/nowhere"]:
        r = c.get(url)
        assert r.headers["content-security-policy"] == CSP
        assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


def test_writes_need_the_token_and_the_csrf_token(review_db: Path) -> None:
    fresh_example_db = review_db
    c = client(fresh_example_db)
    pair = c.get("/review.json").json()["names"][0]
    decision = {"left": pair["left"], "right": pair["right"], "decision": "reject", "reason": "x"}
    assert c.post("/review/names", data=decision).status_code == 403  # not signed in
    assert c.post("/login", data={"token": "guess"}).status_code == 403
    signed_in(c)
    assert c.post("/review/names", data=decision).status_code == 403  # no CSRF token
    assert c.post("/review/names", data={**decision, "csrf": "0" * 64}).status_code == 403
    cross = c.post("/review/names", data={**decision, "csrf": csrf(c)},
                   headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert counts(fresh_example_db)["judgements"] == 0
    ok = c.post("/review/names", data={**decision, "csrf": csrf(c)})
    assert ok.status_code == 200, ok.text
    assert counts(fresh_example_db)["judgements"] == 1
    bearer = TestClient(c.app).post(
        "/review/names", data={**decision, "decision": "merge", "reason": "same"},
        headers={"Authorization": f"Bearer {TOKEN}"})
    assert bearer.status_code == 200


def test_review_records_what_the_cli_records(review_db: Path, tmp_path: Path) -> None:
    fresh_example_db = review_db
    from allegiance.cli.main import main

    cli_db = tmp_path / "cli.db"
    cli_db.write_bytes(fresh_example_db.read_bytes())
    c = signed_in(client(fresh_example_db))
    pair = c.get("/review.json").json()["names"][0]
    r = c.post("/review/names", data={"left": pair["left"], "right": pair["right"],
                                      "decision": "merge", "reason": "same town", "by": "ana",
                                      "csrf": csrf(c)})
    assert r.status_code == 200
    assert main(["merge", pair["left"], pair["right"], "--reason", "same town", "--by", "ana",
                 "--db", str(cli_db)]) == 0

    def recorded(db: Path) -> list[tuple[Any, ...]]:
        with Store.open(db, create=False) as s:
            rows = s.all("SELECT kind, left_id, right_id, members, reason, by, active "
                         "FROM judgements")
            canon = s.all("SELECT id, canonical_id FROM entities ORDER BY id")
        return [tuple(x) for x in rows] + [tuple(x) for x in canon]

    assert recorded(fresh_example_db) == recorded(cli_db)


def test_upload_too_large_is_refused_and_stores_nothing(split_db: Path) -> None:
    c = signed_in(client(split_db, max_upload=1000))
    before = counts(split_db)
    r = c.post("/upload", data={"csrf": csrf(c)},
               files={"file": ("big.txt", b"a" * 5000, "text/plain")})
    assert r.status_code == 413
    assert "too large" in r.json()["error"]
    assert counts(split_db) == before


@pytest.mark.parametrize(("name", "data", "error"), [
    ("bad.exe", b"MZ\x00\x00", "not a text or row file"),
    ("bad.txt", b"\x00\x01\x02\xff\xfe binary", ""),
    ("empty.txt", b"", ""),
    ("rows.csv", b"id,body\n1,hello\n", ""),
    ("rows.jsonl", b'{"id": "1", "text": "Abu Test joined Jabhat Example."}\n{"id": 2,\n', ""),
])
def test_bad_uploads_leave_the_store_as_it_was(
    split_db: Path, name: str, data: bytes, error: str
) -> None:
    c = signed_in(client(split_db))
    before = counts(split_db)
    r = c.post("/upload", data={"csrf": csrf(c)}, files={"file": (name, data, "text/plain")})
    if r.status_code == 202:
        job = r.json()
        for _ in range(200):
            job = c.get(f"/jobs/{job['id']}.json").json()
            if job["phase"] in ("done", "failed"):
                break
            import time

            time.sleep(0.05)
        assert job["phase"] == "failed", job
        message = job["error"]
    else:
        assert r.status_code == 400
        message = r.json()["error"]
    assert message and "\n" not in message
    assert error in message
    assert counts(split_db) == before


def test_paste_is_extracted_and_stored(split_db: Path) -> None:
    from allegiance.model.types import Document, Extraction

    seen: list[Document] = []

    def fake(doc: Document) -> Extraction:
        seen.append(doc)
        return Extraction(doc.meta_dict(), [], [], text=doc.text)

    c = signed_in(client(split_db, extractor=fake))
    r = c.post("/upload", data={"csrf": csrf(c), "text": "Abu Test left in 2015.",
                                "title": "Note", "published": "2015-03-01"})
    assert r.status_code == 202
    import time

    for _ in range(200):
        job = c.get(f"/jobs/{r.json()['id']}.json").json()
        if job["phase"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["phase"] == "done", job
    assert seen[0].title == "Note" and seen[0].published == "2015-03-01"
    assert counts(split_db)["documents"] == 2
    assert c.get("/documents/" + job["documents"][0] + ".json").json()["text"] == \
        "Abu Test left in 2015."


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    from allegiance.errors import NotFoundError

    with pytest.raises(NotFoundError):
        create_app(str(tmp_path / "none.db"))


def test_reader_marks_mentions_claims_and_notes(example_db: Path) -> None:
    data = client(example_db).get("/documents/zenki-testimony.json").json()
    text = data["text"]
    for m in data["mentions"]:
        assert text[m["start"]:m["end"]]
    for cl in data["claims"]:
        assert text[cl["evidence_start"]:cl["evidence_end"]] == cl["evidence"]
    assert data["notes"], "the example has footnotes"
    for n in data["notes"]:
        assert text[n["ref_start"]:n["ref_end"]].strip("[]^") == n["marker"]
        assert text[n["start"]:n["end"]].lstrip().startswith(n["marker"])
    assert json.dumps(data)


@pytest.mark.parametrize(("decision", "fields", "state"), [
    ("confirm", {}, "confirmed"),
    ("reject", {"note": "misread"}, "rejected"),
    ("edit", {"time_start": "2013-02-01", "time_end": "2013-02-28"}, "edited"),
])
def test_claim_decisions_are_recorded_as_the_library_records_them(
    split_db: Path, tmp_path: Path, decision: str, fields: dict[str, str], state: str
) -> None:
    from allegiance.resolve.claim_review import history, review

    other = tmp_path / "other.db"
    other.write_bytes(split_db.read_bytes())
    c = signed_in(client(split_db))
    claim = c.get("/review.json").json()["claims"][0]
    r = c.post("/review/claim", data={"id": claim["id"], "decision": decision, "by": "ana",
                                      "csrf": csrf(c), **fields})
    assert r.status_code == 200, r.text
    changes = {k: v for k, v in fields.items() if k != "note"}
    with Store.open(other, create=False) as s:
        review(s, "claim", claim["id"], state, note=fields.get("note", ""), by="ana",
               changes=changes or None)

    def recorded(db: Path) -> list[tuple[Any, ...]]:
        with Store.open(db, create=False) as s:
            return [(x.target, x.target_id, x.state, x.changes, x.note, x.by, x.active)
                    for x in history(s)]

    assert recorded(split_db) == recorded(other)
    assert claim["id"] not in [x["id"] for x in c.get("/review.json").json()["claims"]]


@pytest.mark.parametrize(("form", "status"), [
    ({"id": "nope", "decision": "confirm"}, 404),
    ({"decision": "confirm"}, 400),
    ({"id": "ID", "decision": "approve"}, 400),
    ({"id": "ID", "decision": "edit", "stance": "sure"}, 400),
    ({"id": "ID", "decision": "edit"}, 400),
])
def test_bad_claim_decisions_are_refused(split_db: Path, form: dict[str, str],
                                         status: int) -> None:
    c = signed_in(client(split_db))
    cid = c.get("/review.json").json()["claims"][0]["id"]
    data = {k: (cid if v == "ID" else v) for k, v in form.items()}
    r = c.post("/review/claim", data={**data, "csrf": csrf(c)})
    assert r.status_code == status, r.text
    assert r.json()["error"]
    assert counts(split_db)["judgements"] == 0
    with Store.open(split_db, create=False) as s:
        assert s.all("SELECT * FROM reviews") == []
