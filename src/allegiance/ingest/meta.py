"""Metadata found in the text itself: header lines, front matter, blog title lines, dates.

Forms recognised at the top of a plain or Markdown text:

* header lines ``Title: ...``, ``Author: ...``, ``Date: ...`` / ``Published: ...``, and
  ``Subject: ...``: the entity the text is about (its document subject, ``subject`` in the
  metadata; where there is no title it is the title too, as it always was);
* the blog shape: a first line ``TITLE / by AUTHOR`` and a paragraph that opens with a
  date and a dash (``Mar 18, 2015 – ...``).

``published`` is an ISO date only as precise as the text gives it (``March 2015`` ->
``2015-03``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.ingest.cues import section, word_list

_ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$")
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
#: a date at the very start of a paragraph, followed by a dash
LEAD_DATE_RE = re.compile(
    rf"^{_WEEKDAY}(?P<date>{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\s*[–—-]+\s+"
)
_BYLINE_RE = re.compile(r"^(?P<title>\S.*?)\s+[/|–—]\s+[Bb]y\s+(?P<author>[^/|]+?)\s*$")
_FIELD_RE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,30}):\s*(?P<value>.*?)\s*$")


@dataclass
class FoundMeta:
    """Metadata found in a text, and where the header parts are (offsets into the text)."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    header: tuple[int, int] | None = None  # a block of "Key: value" lines
    title_line: tuple[int, int] | None = None  # a "TITLE / by AUTHOR" line


@cache
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PARSERS": ["custom-formats", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        },
    )


#: the years a document date may fall in; a date outside is refused
EARLIEST_YEAR = 1000
LATEST_YEAR = 2200


@lru_cache(maxsize=4096)
def parse_date(value: str | None) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for ``value``, or None (also for
    an impossible day such as ``2017-02-30`` and a year outside EARLIEST_YEAR..LATEST_YEAR)."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_RE.match(value)
    if m:
        y, mo, d = (int(p) if p else None for p in m.groups())
        assert y is not None
        return _valid(y, mo, d)
    if re.fullmatch(r"\d{4}", value):
        return _valid(int(value), None, None)
    if not re.search(r"\d{4}", value) or re.search(r"\d{5}", value):
        return None  # no year: too vague to keep (and no relative dates); or no real year
    data = _parser().get_date_data(value)
    if data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return _valid(d.year, None, None)
    if data.period == "month":
        return _valid(d.year, d.month, None)
    return _valid(d.year, d.month, d.day)


def date_problem(value: str) -> str | None:
    """Why ``value`` is no usable document date (None when it is one)."""
    if parse_date(value) is not None:
        return None
    m = re.match(r"\s*(\d+)(?:-(\d+)(?:-(\d+))?)?", value)
    if m and len(m.group(1)) >= 4:
        year = int(m.group(1))
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            return f"year {year} outside {EARLIEST_YEAR}-{LATEST_YEAR}"
        return "no such day or month"
    return "not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"


def _valid(year: int, month: int | None, day: int | None) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _field_keys() -> dict[str, str]:
    """Header key (lower case) -> the metadata field it fills."""
    out: dict[str, str] = {}
    for target in ("title", "author", "published"):
        for key in word_list("header_fields", target):
            out[key.lower()] = target
    for key in word_list("header_fields", "other"):
        out[key.lower()] = key.lower()
    return out


#: header keys that name the document subject: the person or group a profile, biography or
#: list entry is about ('Subject: Mokhtar Belmokhtar')
SUBJECT_KEYS = ("subject",)


def apply_fields(found: FoundMeta, fields: dict[str, Any]) -> None:
    """Fill ``found`` from a mapping of header keys (case-insensitive) to values."""
    keys = _field_keys()
    for key, value in fields.items():
        if value is None:
            continue
        target = keys.get(str(key).strip().lower(), str(key).strip().lower())
        text = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
        if str(key).strip().lower() in SUBJECT_KEYS and isinstance(value, str) and text:
            found.extra.setdefault("subject", " ".join(text.split()))
        if target == "title" and found.title is None and text:
            found.title = text
        elif target == "author" and found.author is None and text:
            found.author = text
        elif target == "published" and found.published is None:
            found.published = parse_date(text)
            found.extra.setdefault("date_text", text)
        elif target not in ("title", "author", "published"):
            found.extra.setdefault(target, value if isinstance(value, (str, int, float)) else text)


def header_block(text: str) -> tuple[dict[str, str], tuple[int, int] | None]:
    """The ``Key: value`` lines at the top of ``text`` and their span."""
    keys = _field_keys()
    pos = len(text) - len(text.lstrip("\n"))
    start = pos
    fields: dict[str, str] = {}
    end = pos
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        m = _FIELD_RE.match(line)
        if not m or m.group("key").strip().lower() not in keys:
            break
        fields[m.group("key").strip()] = m.group("value")
        end = line_end
        pos = line_end + 1
    if not fields:
        return {}, None
    return fields, (start, end)


def find_meta(text: str) -> FoundMeta:
    """Metadata at the top of a plain text (header lines, blog title line, lead date)."""
    found = FoundMeta()
    fields, span = header_block(text)
    if fields:
        apply_fields(found, fields)
        found.header = span
    body_start = span[1] if span else 0
    blocks = _first_blocks(text, body_start, 4)
    if blocks and found.title is None:
        a, b = blocks[0]
        first_line_end = text.find("\n", a)
        first_line_end = b if first_line_end < 0 or first_line_end > b else first_line_end
        m = _BYLINE_RE.match(text[a:first_line_end])
        if m:
            found.title = m.group("title").strip()
            if found.author is None:
                found.author = m.group("author").strip()
            found.title_line = (a, first_line_end)
    if found.published is None:
        for a, b in blocks:
            m = LEAD_DATE_RE.match(text[a:b])
            if m:
                found.published = parse_date(m.group("date"))
                found.extra.setdefault("date_text", m.group("date"))
                break
    if found.published is None:
        dated = _date_line(text[body_start:])
        if dated is not None:
            found.published = parse_date(dated)
            found.extra.setdefault("date_text", dated)
    return found


_DATE = (rf"(?P<date>{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2})")


@cache
def _date_line_re() -> tuple[re.Pattern[str], int]:
    spec = section("date_lines")
    labels = word_list("date_lines", "labels")
    try:
        within = int(spec.get("within_lines", 8))
    except (TypeError, ValueError):
        raise DataFileError("ingest/structure.yml: date_lines.within_lines must be a number") from None
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    rx = re.compile(rf"^\s*(?:(?:{alts})\s*:?\s*)?{_WEEKDAY}{_DATE}(?:[,\s]+[\d:]+(?:\s*[A-Z]{{2,4}})?)*[\s.|]*$",
                    re.IGNORECASE)
    return rx, within


def _date_line(text: str) -> str | None:
    """The date of a line near the top that holds only a date, or a label and a date."""
    rx, within = _date_line_re()
    for line in text.split("\n")[:within]:
        m = rx.match(line)
        if m:
            return m.group("date")
    return None


def _first_blocks(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Spans of the first ``limit`` blank-line separated blocks from ``start``."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n](?:.|\n(?![ \t]*\n))*", text[start:]):
        a = start + m.start()
        b = start + m.end()
        if text[a:b].strip():
            a += len(text[a:b]) - len(text[a:b].lstrip())
            out.append((a, start + m.end() - (len(m.group()) - len(m.group().rstrip()))))
        if len(out) >= limit:
            break
    return out


__all__ = ["LEAD_DATE_RE", "SUBJECT_KEYS", "FoundMeta", "apply_fields", "find_meta", "header_block", "parse_date"]
