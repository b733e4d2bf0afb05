"""Reference names in running text: other transliterations, and names several groups share."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.pipeline import mentions
from allegiance.pipeline.mentions import folded_key, gazetteer_mentions


def refs(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.ref) for m in gazetteer_mentions(text)]


def test_a_reference_name_in_another_transliteration_is_found() -> None:
    # the gazetteer spells it 'Jund al-Khilafa fi Ard al-Jazair'
    assert ("Jund al-Khilafah fi Ard al-Jazair", "jund-al-khilafah-algeria") in refs(
        "Jund al-Khilafah fi Ard al-Jazair pledged allegiance to the Islamic State.")
    assert folded_key("jabhat al nusrah") == folded_key("jabhat al nusra")


def test_only_long_or_several_words_are_matched_by_their_folded_form() -> None:
    # a short word folds too easily into another: 'Mossul' is left to the other sources,
    # 'Jarabloos' (for Jarabulus) is long enough
    assert refs("They reached Mossul.") == []
    assert refs("They reached Mosul.") == [("Mosul", "iq-mosul")]
    assert refs("Fighters entered Jarabloos.") == [("Jarabloos", "sy-jarabulus")]


def test_a_name_several_groups_share_takes_the_country_the_text_names() -> None:
    assert ("Ansar al-Sharia", "ansar-al-sharia-libya") in refs(
        "Ansar al-Sharia attacked the consulate in Benghazi.")
    assert ("Ansar al-Sharia", "ansar-al-sharia-tunisia") in refs(
        "Ansar al-Sharia held a rally in Kairouan, Tunisia.")


def test_a_shared_name_without_context_links_to_no_group() -> None:
    assert refs("Ansar al-Sharia attacked a police station.") == [("Ansar al-Sharia", None)]


def test_the_izafa_may_be_written_or_not() -> None:
    assert refs("Lashkar Taiba said so.") == [("Lashkar Taiba", "lashkar-e-taiba")]
    assert refs("Tehrik e Taliban claimed it.") == [("Tehrik e Taliban", "ttp")]


def test_a_name_ending_in_a_kind_of_place_is_a_place() -> None:
    from allegiance.model.types import Document
    from allegiance.pipeline import extract_document

    ex = extract_document(Document(id="t", text="He was an official for Al Barakah Governorate in 2015."))
    assert {e.name: e.type for e in ex.entities}.get("Al Barakah Governorate") == "Place"


# ---------------------------------------------------------------- a long text, run by run

#: texts whose names sit next to the places a run may end: a sentence's end, a comma, a new
#: paragraph, a prefix ('pro-'), a possessive, a name of several words across one line break
RUN_CASES: list[str] = [
    "Jund al-Khilafah fi Ard al-Jazair pledged allegiance to the Islamic State. Mosul fell.",
    "Ansar al-Sharia attacked the consulate in Benghazi, Libya; pro-ISIS accounts cheered.",
    "The Islamic State's spokesman spoke.\n\nJabhat al-Nusrah denied it, said Hayat Tahrir\nal-Sham.",
    "Fighters entered Jarabloos. They reached Mosul, then Raqqa and Deir ez-Zor.",
]


@pytest.mark.parametrize("text", RUN_CASES)
@pytest.mark.parametrize("run_tokens", [1, 2, 5])
def test_a_text_scanned_in_short_runs_gives_the_same_names(
        text: str, run_tokens: int, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = [(m.start, m.end, m.text, m.type, m.source, m.ref, m.pejorative) for m in gazetteer_mentions(text)]
    assert whole  # each case names something
    monkeypatch.setattr(mentions, "SCAN_TOKENS", run_tokens)
    runs = [(m.start, m.end, m.text, m.type, m.source, m.ref, m.pejorative) for m in gazetteer_mentions(text)]
    assert runs == whole


def test_the_dev_texts_scanned_in_short_runs_give_the_same_names(
        shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in sorted((shared_dir / "eval" / "dev").glob("*.txt")):
        text = path.read_text("utf-8")
        whole = [(m.start, m.end, m.ref) for m in gazetteer_mentions(text)]
        monkeypatch.setattr(mentions, "SCAN_TOKENS", 7)
        assert [(m.start, m.end, m.ref) for m in gazetteer_mentions(text)] == whole, path.name
        monkeypatch.undo()


def test_a_name_said_again_is_held_once() -> None:
    found = gazetteer_mentions("Mosul fell. " + "Mosul" + " was taken back.")
    assert len(found) == 2 and found[0].text is found[1].text
