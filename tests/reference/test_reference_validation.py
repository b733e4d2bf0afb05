"""Malformed gazetteer files give a DataFileError naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.errors import DataFileError
from allegiance.reference.gazetteer import load_files, load_gazetteer

COUNTRY = ("  - {id: iraq, name: Iraq, subtype: country, country: IQ, lat: 33.0, lon: 43.7,"
           " bbox: [29.0, 38.7, 37.45, 48.7]}\n")

# (records text after the country, words the error message must contain)
BAD: list[tuple[str, tuple[str, ...]]] = [
    ("  - {id: a, name: A, subtype: city, country: IQ, parent: iraq, lat: 51.5, lon: 0.1}\n",
     ("'a'", "bounding box")),
    ("  - {id: a, name: A, subtype: city, parent: nowhere}\n", ("'a'", "nowhere")),
    ("  - {id: a, name: '', subtype: city}\n", ("'a'", "name")),
    ("  - {id: a, subtype: city}\n", ("'a'", "name")),
    ("  - {id: Bad Id, name: A, subtype: city}\n", ("entry 2", "slug")),
    ("  - {id: iraq, name: Again, subtype: city}\n", ("'iraq'", "already used")),
    ("  - {id: a, name: A, subtype: planet}\n", ("'a'", "subtype")),
    ("  - {id: a, name: A, subtype: city, lat: 95, lon: 0}\n", ("'a'", "lat")),
    ("  - {id: a, name: A, subtype: city, lat: 33}\n", ("'a'", "lon")),
    ("  - {id: a, name: A, subtype: city, predecessors: [b]}\n", ("'a'", "'b'")),
    ("  - {id: a, name: A, subtype: city, aliases: [Iraq]}\n", ("'a'", "ambiguous")),
    ("  - {id: a, name: A, subtype: city, colour: red}\n", ("'a'", "colour")),
    ("  - {id: a, name: A, subtype: city, case_sensitive: [B]}\n", ("'a'", "'B'")),
    ("  - {id: a, name: A, subtype: city, wikidata: 123}\n", ("'a'", "wikidata")),
    ("  - {id: a, name: A, subtype: city, aliases: [' ']}\n", ("'a'", "aliases")),
    ("  - just a string\n", ("entry 2", "mapping")),
]


def _write(folder: Path, body: str) -> Path:
    path = folder / "places.yml"
    path.write_text("type: Place\nrecords:\n" + COUNTRY + body, "utf-8")
    return path


@pytest.mark.parametrize(("body", "words"), BAD)
def test_malformed_entry(tmp_path: Path, body: str, words: tuple[str, ...]) -> None:
    with pytest.raises(DataFileError) as err:
        load_files([_write(tmp_path, body)])
    message = str(err.value)
    assert message.startswith("places.yml:") and "\n" not in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("text", ["records: [", "- a\n- b\n", "type: Place\n"])
def test_malformed_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(DataFileError, match="broken.yml"):
        load_files([path])


def test_shared_name_is_allowed_when_both_mark_it(tmp_path: Path) -> None:
    body = ("  - {id: a, name: Tripoli (A), aliases: [Tripoli], ambiguous: [Tripoli],"
            " subtype: city, country: IQ, parent: iraq, lat: 33, lon: 44}\n"
            "  - {id: b, name: Tripoli (B), aliases: [Tripoli], ambiguous: [Tripoli],"
            " subtype: city, country: IQ, parent: iraq, lat: 34, lon: 44}\n")
    gaz = load_files([_write(tmp_path, body)])
    assert [r.id for r in gaz.lookup("Tripoli")] == ["a", "b"]


def test_inverse_links_are_completed(tmp_path: Path) -> None:
    body = ("  - {id: a, name: Old, subtype: area, successors: [b]}\n"
            "  - {id: b, name: New, subtype: area}\n")
    gaz = load_files([_write(tmp_path, body)])
    b = gaz.get("b")
    assert b is not None and b.predecessors == ("a",)


def test_directory_loading(tmp_path: Path) -> None:
    _write(tmp_path, "")
    gaz = load_gazetteer(tmp_path)
    assert [r.id for r in gaz.records] == ["iraq"]
    with pytest.raises(DataFileError):
        load_gazetteer(tmp_path / "missing")
