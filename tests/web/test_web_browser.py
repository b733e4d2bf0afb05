"""The workbench in Debian's Chromium: every flow the analyst uses, on live servers.

With ALLEGIANCE_SCREENSHOTS=docs/web (``make screenshots``) the page tests on the bundled
example also save the screenshots the README shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from allegiance.store import Store

PAGES = ("network", "timeline", "map", "review", "upload", "entities", "documents")


def ready(page: Any, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-ready='1']", state="attached")


def sign_in(page: Any, url: str, token: str) -> None:
    page.goto(url + "/login")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/review")


def test_reader_click_a_claim_highlights_its_evidence(serve: Any, example_db: Path, tab: Any,
                                                      shoot: Any) -> None:
    live = serve(example_db)
    page = tab.page
    data = page.request.get(live.url + "/documents/zenki-testimony.json").json()
    page.goto(live.url + "/documents/zenki-testimony")
    assert page.locator("#text .m-Organization").count() > 0
    assert page.locator("#text .hl").count() == 0
    for index in (0, len(data["claims"]) - 1):
        page.locator(f"#claims .claim[data-index='{index}']").click()
        marked = page.eval_on_selector_all("#text .hl", "els => els.map(e => e.textContent).join('')")
        assert marked == data["claims"][index]["evidence"]
        assert page.locator(f"#claims .claim[data-index='{index}']").get_attribute("class") \
            == "claim selected"
    shoot(page, "reader")
    page.locator("#ref-1").click()
    assert page.evaluate("location.hash") == "#note-1"
    assert page.locator("#note-1").count() == 1
    page.locator("a.back[href='#ref-1']").click()
    assert page.evaluate("location.hash") == "#ref-1"
    assert tab.problems == []


def test_entity_page_links_into_the_reader(serve: Any, example_db: Path, tab: Any,
                                           shoot: Any) -> None:
    live = serve(example_db)
    page = tab.page
    page.goto(live.url + "/documents/zenki-testimony")
    page.locator("#text a.m-Organization").first.click()
    page.wait_for_selector("h1")
    shoot(page, "entity")
    cite = page.locator("a.cite").first
    href = cite.get_attribute("href")
    cite.click()
    page.wait_for_selector("#claims .claim.selected")
    claim_id = href.split("#claim-")[1]
    assert page.locator(".claim.selected").get_attribute("id") == f"claim-{claim_id}"
    assert page.locator("#text .hl").count() > 0
    assert tab.problems == []


def _slide_to(page: Any, month: str) -> None:
    page.evaluate(
        """month => {
            const s = document.getElementById('slider');
            const first = document.getElementById('network-form').dataset.first;
            const y0 = parseInt(first.slice(0, 4)), m0 = parseInt(first.slice(5, 7));
            const i = (parseInt(month.slice(0, 4)) - y0) * 12 + parseInt(month.slice(5, 7)) - m0;
            s.value = String(i);
            s.dispatchEvent(new Event('input'));
            s.dispatchEvent(new Event('change'));
        }""",
        month,
    )


def edges(page: Any) -> list[str]:
    ready(page, "#cy")
    return list(page.eval_on_selector_all("#edge-list li", "els => els.map(e => e.dataset.predicate)"))


def test_network_slider_past_a_split_drops_the_alliance(serve: Any, split_db: Path,
                                                        tab: Any) -> None:
    live = serve(split_db)
    page = tab.page
    page.goto(live.url + "/network")
    assert sorted(edges(page)) == sorted(
        ["allied_with", "member_of", "leader_of", "split_from", "hostile_to"])
    _slide_to(page, "2013-06")
    assert page.input_value("#at") == "2013-06"
    assert sorted(edges(page)) == ["allied_with", "leader_of", "member_of"]
    _slide_to(page, "2015-01")
    assert edges(page) == ["hostile_to"]
    assert page.locator("#cy").get_attribute("data-edges") == "1"
    assert "as of 2015-01" in page.inner_text("#graph-status")
    assert "/network?at=2015-01" in page.url
    node = page.evaluate("""() => { const c = document.querySelector('#cy canvas'); return !!c; }""")
    assert node
    assert tab.problems == []


def test_timeline_filters(serve: Any, split_db: Path, tab: Any) -> None:
    live = serve(split_db)
    page = tab.page
    page.goto(live.url + "/timeline")
    ready(page, "#timeline")
    assert page.locator("#item-list li").count() == 6
    assert page.locator("#timeline .vis-item").count() >= 1
    page.select_option("#predicate", "hostile_to")
    ready(page, "#timeline")
    assert page.eval_on_selector_all("#item-list li", "els => els.map(e => e.dataset.predicate)") \
        == ["hostile_to"]
    page.select_option("#predicate", "")
    ready(page, "#timeline")
    page.fill("#from", "2014")
    page.fill("#to", "2014")
    page.click("#timeline-form button[type=submit]")
    expect(page.locator("#item-list li")).to_have_count(2)
    ready(page, "#timeline")
    assert sorted(page.eval_on_selector_all(
        "#item-list li", "els => els.map(e => e.dataset.predicate)")) == ["hostile_to", "split_from"]
    page.select_option("#stance", "disputed")
    page.fill("#from", "")
    page.fill("#to", "")
    page.click("#timeline-form button[type=submit]")
    expect(page.locator("#item-list li")).to_have_count(1)
    assert page.locator("#item-list li").get_attribute("data-stances") == "disputed"
    assert tab.problems == []


def test_map_shows_the_region_and_places(serve: Any, split_db: Path, tab: Any) -> None:
    live = serve(split_db)
    page = tab.page
    page.goto(live.url + "/map")
    ready(page, "#map")
    expect(page.locator("#map path.leaflet-interactive").nth(10)).to_be_attached()
    assert page.inner_text("#place-list") .startswith("Raqqa")
    page.fill("#from", "2016")
    page.click("#map-form button[type=submit]")
    expect(page.locator("#place-list li")).to_have_count(0)
    assert tab.problems == []


def test_review_confirm_with_the_keyboard_is_recorded(serve: Any, review_db: Path,
                                                      tab: Any, shoot: Any) -> None:
    fresh_example_db = review_db
    live = serve(fresh_example_db)
    page = tab.page
    page.goto(live.url + "/review")
    shoot(page, "review")
    assert page.locator("#sign-in-first").count() == 1
    sign_in(page, live.url, live.token)
    first = page.locator("#queue .item").first
    assert first.get_attribute("data-kind") == "claim"
    claim_id = first.get_attribute("data-id")
    page.keyboard.press("c")
    expect(page.locator("#review-status")).to_contain_text("confirmed")
    page.keyboard.press("j")
    second = page.locator("#queue .item:not(.decided)").nth(1)
    page.keyboard.press("x")
    expect(page.locator("#queue .item.decided")).to_have_count(2)
    rejected_id = page.locator("#queue .item.decided").nth(1).get_attribute("data-id")
    assert second.count() == 1
    names = page.locator("#queue .item[data-kind='names']").first
    left, right = names.get_attribute("data-left"), names.get_attribute("data-right")
    names.locator("button.confirm").click()
    expect(page.locator("#review-status")).to_contain_text("judgement 1: merge")
    with Store.open(fresh_example_db, create=False) as store:
        reviews = [tuple(r) for r in store.all(
            "SELECT target, target_id, state, active FROM reviews ORDER BY id")]
        rows = store.all("SELECT kind, left_id, right_id, active FROM judgements")
        canon = {r[0] for r in store.all(
            "SELECT canonical_id FROM entities WHERE canonical_id IN (?, ?) OR "
            "auto_canonical_id IN (?, ?)", (left, right, left, right))}
    assert reviews == [("claim", claim_id, "confirmed", 1), ("claim", rejected_id, "rejected", 1)]
    assert [tuple(r) for r in rows] == [("merge", left, right, 1)]
    assert len(canon) == 1
    page.reload()
    assert page.locator(f"#queue .item[data-id='{claim_id}']").count() == 0
    assert page.locator(f"#queue .item[data-left='{left}'][data-right='{right}']").count() == 0
    assert tab.problems == []


def test_review_edit_a_claim(serve: Any, fresh_example_db: Path, tab: Any) -> None:
    live = serve(fresh_example_db)
    page = tab.page
    sign_in(page, live.url, live.token)
    first = page.locator("#queue .item").first
    claim_id = first.get_attribute("data-id")
    page.keyboard.press("e")
    first.locator(".f-time_start").fill("2013-01-01")
    first.locator(".f-time_end").fill("2013-12-31")
    first.locator(".f-stance").select_option("alleged")
    first.locator("button.save").click()
    expect(page.locator("#review-status")).to_contain_text("edited")
    with Store.open(fresh_example_db, create=False) as store:
        row = store.one("SELECT state, changes FROM reviews WHERE target_id = ?", (claim_id,))
    assert row is not None and row[0] == "edited"
    import json

    changes = json.loads(row[1])
    assert changes["time_start"] == "2013-01-01" and changes["stance"] == "alleged"
    assert tab.problems == []


def test_upload_a_bad_file_shows_the_error(serve: Any, split_db: Path, tab: Any,
                                           tmp_path: Path) -> None:
    live = serve(split_db)
    page = tab.page
    with Store.open(split_db, create=False) as store:
        before = store.counts()
    sign_in(page, live.url, live.token)
    page.goto(live.url + "/upload")
    page.set_input_files("#file", files=[{"name": "notes.txt", "mimeType": "text/plain",
                                          "buffer": b"\x00\x01\x02\xff\xfe\x00binary"}])
    page.click("#send")
    expect(page.locator("#upload-error")).not_to_be_empty()
    assert "notes.txt" in page.inner_text("#upload-error")
    page.set_input_files("#file", files=[{"name": "tool.exe", "mimeType": "application/x-msdownload",
                                          "buffer": b"MZ\x90\x00"}])
    page.click("#send")
    expect(page.locator("#upload-error")).to_contain_text("tool.exe")
    assert "not a text or row file" in page.inner_text("#upload-error")
    with Store.open(split_db, create=False) as store:
        assert store.counts() == before
    assert [p for p in tab.problems if "status of 4" not in p] == []


def test_paste_a_text_with_progress(serve: Any, split_db: Path, tab: Any, shoot: Any) -> None:
    live = serve(split_db)
    page = tab.page
    sign_in(page, live.url, live.token)
    page.goto(live.url + "/upload")
    page.fill("#text", "In June 2014 Liwa Example pledged allegiance to the Islamic State.")
    page.fill("#title", "Pasted note")
    page.fill("#published", "2014-07-01")
    page.click("#send")
    expect(page.locator("#upload-status")).to_contain_text("done:", timeout=120000)
    assert page.locator("#progress").get_attribute("value") == "1"
    link = page.locator("#upload-documents a").first
    link.click()
    page.wait_for_selector("#claims")
    assert "Liwa Example" in page.inner_text("#text")
    with Store.open(split_db, create=False) as store:
        assert store.counts()["documents"] == 2
    assert tab.problems == []


def test_hostile_document_runs_nothing(serve: Any, hostile_db: Path, tab: Any) -> None:
    live = serve(hostile_db)
    page = tab.page
    docs = page.request.get(live.url + "/documents.json").json()["documents"]
    ents = page.request.get(live.url + "/entities.json").json()["entities"]
    from urllib.parse import quote

    urls = ["/", "/documents", "/entities", "/network", "/timeline", "/map", "/review"]
    urls += ["/documents/" + quote(d["id"], safe="") for d in docs]
    urls += ["/entities/" + quote(e["id"], safe="") for e in ents]
    for url in urls:
        page.goto(live.url + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, url
        assert page.locator("[onerror], [onload], [onmouseover], svg:not(#map svg)").count() == 0, url
        assert page.locator("a[href^='javascript:' i]").count() == 0, url
        for link in page.locator("#text a").all():
            link.hover()
    page.goto(live.url + "/network")
    ready(page, "#cy")
    assert "<script>" in page.inner_text("#edge-list")
    page.goto(live.url + "/timeline")
    ready(page, "#timeline")
    assert page.locator("#timeline .vis-item script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert tab.problems == []


def test_screenshots_of_every_page(serve: Any, example_db: Path, tab: Any, shoot: Any) -> None:
    live = serve(example_db)
    page = tab.page
    page.goto(live.url + "/")
    shoot(page, "home")
    for name in PAGES:
        page.goto(live.url + "/" + name)
        if name in ("network", "timeline", "map"):
            ready(page, {"network": "#cy", "timeline": "#timeline", "map": "#map"}[name])
            page.wait_for_timeout(300)
        shoot(page, name)
        assert page.locator("h1").count() == 1
    assert tab.problems == []


def test_a_large_network_is_drawn_in_rings_from_its_early_data(serve: Any, tmp_path: Path,
                                                               tab: Any, shoot: Any) -> None:
    from conftest import make_store
    from web_cases import crowd_extraction

    live = serve(make_store(tmp_path / "crowd.db", [crowd_extraction(200)]))
    page = tab.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/network.json" in r.url else None)
    page.goto(live.url + "/network?entity=Jaysh+Crowd&at=2014-06")
    ready(page, "#cy")
    assert page.get_attribute("#cy", "data-edges") == "200"
    assert len(asked) == 1, asked  # the early request is the one the script used
    assert page.locator("#edge-list li").count() == 200
    status = page.inner_text("#graph-status")
    assert "201 entities, 200 edges as of 2014-06" in status
    assert "zoom in to read the names" in status
    shoot(page, "network-large")
    marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name)")
    assert marks == ["network-script", "network-data", "network-laid-out", "network-drawn"]
    box = page.locator("#cy").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(12):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(50)
        if "zoom in" not in page.inner_text("#graph-status"):
            break
    assert "zoom in to read the names" not in page.inner_text("#graph-status")
    _slide_to(page, "2015-01")
    assert edges(page) == []
    assert page.get_attribute("#cy", "data-edges") == "0"
    assert len(asked) == 2
    assert tab.problems == []
