"""Each format reads to a Document with its metadata; given options override found ones."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from allegiance.errors import InputError
from allegiance.ingest import iter_documents, iter_paths, read_path, read_stream, read_text
from allegiance.ingest.meta import parse_date

BLOG = (
    "Liwa al-Haqq and the Valley: Recollections of Abu Salim al-Tunisi / by Sara Qassem\n"
    "\n"
    "Jun 2, 2016 – Liwa al-Haqq was a small faction in the valley.\n"
)

HEADER = (
    "Title: The Valley Factions\n"
    "Author: Omar Haddad\n"
    "Published: March 2015\n"
    "Source: a field note\n"
    "\n"
    "Jaysh al-Fursan left the valley in 2014.\n"
)

MARKDOWN = (
    "---\n"
    "title: Front Matter Title\n"
    "author: Nadia Karim\n"
    "date: 2017-09-04\n"
    "---\n"
    "# A **bold** beginning\n"
    "\n"
    "Jabhat al-Wadi, *the valley front*, held [the town](http://example.org/t) in `2015`.\n"
    "\n"
    "- a bullet about Darat Izza\n"
)

HTML = """<!DOCTYPE html>
<html><head>
<title>Site Name | The Valley Report</title>
<meta name="author" content="Karim Nasser">
<meta property="og:title" content="The Valley Report">
<meta property="article:published_time" content="2016-05-01">
</head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article>
<h1>The Valley Report</h1>
<p>Abu Hamza al-Kurdi, a commander in Jaysh al-Fursan, pledged allegiance to Jabhat al-Wadi
in June 2015, according to several people who knew him in the valley.</p>
<p>The faction later lost the town of Tell Abyad after weeks of fighting with its rivals in
the north of the province, and its remaining fighters left for the coast.</p>
</article>
<footer>Copyright notice and subscribe links</footer>
</body></html>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_text_blog_shape(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "valley-post.txt", BLOG))
    assert doc.id == "valley-post"
    assert doc.format == "text"
    assert doc.text == BLOG
    assert doc.title == "Liwa al-Haqq and the Valley: Recollections of Abu Salim al-Tunisi"
    assert doc.author == "Sara Qassem"
    assert doc.published == "2016-06-02"
    assert doc.segments[0].kind == "title"


def test_header_lines(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "h.txt", HEADER))
    assert (doc.title, doc.author, doc.published) == (
        "The Valley Factions", "Omar Haddad", "2015-03")
    assert doc.metadata["source"] == "a field note"
    assert doc.segments[0].kind == "header"
    assert doc.text == HEADER


def test_given_options_override_found_metadata(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "h.txt", HEADER), doc_id="mine", title="Given",
                    author="Someone Else", published="2016-01-02")
    assert (doc.id, doc.title, doc.author, doc.published) == (
        "mine", "Given", "Someone Else", "2016-01-02")


def test_unknown_extension_reads_as_text(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "notes.log", "Plain words about Jaysh al-Fursan.\n"))
    assert doc.format == "text"
    assert doc.text == "Plain words about Jaysh al-Fursan.\n"


def test_markdown_is_stripped_with_offsets_into_plain_text(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "m.md", MARKDOWN))
    assert doc.format == "markdown"
    assert (doc.title, doc.author, doc.published) == (
        "Front Matter Title", "Nadia Karim", "2017-09-04")
    for markup in ("**", "`", "](", "---", "# "):
        assert markup not in doc.text
    assert "Jabhat al-Wadi, the valley front, held the town in 2015." in doc.text
    heading = doc.segments[0]
    assert heading.kind == "heading"
    assert doc.text[heading.start:heading.end] == "A bold beginning"
    para = next(s for s in doc.segments if s.kind == "paragraph")
    assert doc.text[para.start:para.end].startswith("Jabhat al-Wadi")


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "m.markdown", "# The Heading\n\nSome text here.\n"))
    assert doc.title == "The Heading"


def test_html_boilerplate_removed_and_metadata_read(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "page.html", HTML))
    assert doc.format == "html"
    assert "pledged allegiance to Jabhat al-Wadi" in doc.text
    assert "Copyright" not in doc.text and "About us" not in doc.text
    assert doc.title == "The Valley Report"
    assert doc.author == "Karim Nasser"
    assert doc.published == "2016-05-01"
    paragraphs = [s for s in doc.segments if s.kind == "paragraph"]
    assert len(paragraphs) >= 2


def test_html_fallback_when_extractor_finds_nothing(tmp_path: Path) -> None:
    doc = read_path(write(tmp_path, "tiny.htm", "<html><body><div>Short line.</div></body></html>"))
    assert doc.text.strip() == "Short line."


def test_html_without_text_is_an_input_error(tmp_path: Path) -> None:
    page = "<html><head><script>var a = 1;</script></head><body></body></html>"
    path = write(tmp_path, "empty.html", page)
    with pytest.raises(InputError) as info:
        read_path(path)
    assert str(info.value).startswith(f"{path}: ")


def test_read_text_formats() -> None:
    assert read_text("A *b* c.", doc_id="x", fmt="markdown").text == "A b c."
    assert read_text("<p>Hello there.</p>", doc_id="y", fmt="html").text == "Hello there."
    assert read_text("Keep *this*.", doc_id="z").text == "Keep *this*."


def test_read_stream_stdin_sniffs_html() -> None:
    doc = read_stream(io.BytesIO(b"<html><body><p>From stdin.</p></body></html>"))
    assert (doc.id, doc.format, doc.text) == ("stdin", "html", "From stdin.")
    doc = read_stream(io.BytesIO(BLOG.encode("utf-8")), name="post.txt")
    assert (doc.id, doc.author) == ("post", "Sara Qassem")


def test_read_stream_bad_input() -> None:
    with pytest.raises(InputError) as info:
        read_stream(io.BytesIO(b"\x00\x01\x02"))
    assert str(info.value).startswith("-: binary")


def test_iter_paths_recursive_sorted_supported(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.jsonl", "sub/e.png", ".hidden/f.txt"):
        write(tmp_path, name, "x")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_paths(tmp_path)]
    assert got == ["a.md", "b.txt", "sub/c.html", "sub/d.jsonl"]


def test_iter_documents_reads_files_and_rows(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Text one.\n")
    write(tmp_path, "rows.jsonl",
          '{"id": "r1", "text": "Row one."}\n{"id": "r2", "text": "Row two."}\n')
    assert [d.id for d in iter_documents(tmp_path)] == ["a", "r1", "r2"]


def test_row_file_through_read_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_path(write(tmp_path, "r.csv", "id,text\n1,x\n"))


@pytest.mark.parametrize(("given", "iso"), [
    ("Mar 18, 2015", "2015-03-18"),
    ("18 March 2015", "2015-03-18"),
    ("March 2015", "2015-03"),
    ("2015", "2015"),
    ("2015-03-18", "2015-03-18"),
    ("2015-03-18T10:00:00Z", "2015-03-18"),
    ("Wednesday, March 18, 2015", "2015-03-18"),
    ("yesterday", None),
    ("last week", None),
    ("not a date", None),
    (None, None),
])
def test_parse_date_keeps_precision(given: str | None, iso: str | None) -> None:
    assert parse_date(given) == iso


def test_html_ordered_list_becomes_numbered_testimony_items() -> None:
    page = ("<html><body><article><p>Below is my translation of the testimony of Abu Salim "
            "al-Tunisi, who fought in the valley for many years and saw a great deal.</p>"
            "<ol><li>I recall Abu Dujana of Idlib,* an official of Jaysh al-Fursan.</li>"
            "<li><b>He</b> joined the valley front in 2015, after the fall of the town.</li></ol>"
            "<p>*- Abu Dujana is also known as the Engineer, according to other sources.</p>"
            "</article></body></html>")
    doc = read_text(page, doc_id="h", fmt="html")
    items = [s for s in doc.segments if s.kind == "item"]
    assert [(s.marker, s.speaker, s.source_name) for s in items] == [
        ("1", "witness", "Abu Salim al-Tunisi"), ("2", "witness", "Abu Salim al-Tunisi")]
    note = next(s for s in doc.segments if s.kind == "note")
    assert note.refers_to == doc.text.index("Idlib,*") + len("Idlib,")


def test_markdown_footnotes_become_linked_notes() -> None:
    source = ("Jaysh al-Fursan left the valley.[^1] Its *leader* stayed,** they say.\n\n"
              "**- A star note about the leader.\n\n"
              "[^1]: A local source.\n")
    doc = read_text(source, doc_id="fn", fmt="markdown")
    notes = {s.marker: s for s in doc.segments if s.kind == "note"}
    assert set(notes) == {"1", "**"}
    assert notes["1"].refers_to == doc.text.index("[1]") + 1
    assert notes["**"].refers_to == doc.text.index("stayed,**") + len("stayed,")
    assert "Its leader stayed" in doc.text
