"""Time expressions: found in text and turned into the interval the text allows.

``June 2014`` is the whole month, ``in 2011`` the whole year, ``end of August 2014`` its last
days, ``by the end of August 2014`` an open start; ``to this day`` and ``currently`` resolve
against the document's own date (the anchor). Never a day the text does not give.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from allegiance.errors import DataFileError
from allegiance.model.types import TimeInterval
from allegiance.pipeline.resources import load_cues
from allegiance.wordrx import alternation, opening


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    interval: TimeInterval
    #: for 'by X', 'since X', 'before X': the interval of X itself
    core: TimeInterval | None = None
    #: for 'since the death of Y in X': where that phrase begins; the event's own time is X
    #: (``own``), the bound's is the interval
    event_from: int | None = None
    own: TimeInterval | None = None


@dataclass(frozen=True)
class _Cues:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    modifiers: dict[str, dict[str, tuple[int, int]]]
    modifier_words: dict[str, str]  # phrase -> early | mid | late
    core: re.Pattern[str]
    prefix: re.Pattern[str]
    prefix_kind: dict[str, str]
    anchored: list[tuple[re.Pattern[str], str]]
    #: every anchored phrase in one pattern: a text it finds nothing in holds none of them
    anchored_any: re.Pattern[str]
    #: 'two years ago': the count's words and the pattern of the phrase
    counts: dict[str, int]
    ago: re.Pattern[str]
    recent_days: int
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]


def _words(d: dict[str, Any], key: str) -> list[str]:
    v = d.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise DataFileError(f"cues/time.yml: {key!r} must be a list of strings")
    return v


@cache
def _cues() -> _Cues:
    d = load_cues("time")
    try:
        months = {str(k).lower(): int(v) for k, v in d["months"].items()}
        seasons = {str(k): (int(v[0]), int(v[1])) for k, v in d["seasons"].items()}
        modifiers = {str(k): {kk: (int(vv[0]), int(vv[1])) for kk, vv in v.items()} for k, v in d["modifiers"].items()}
        modifier_words = {w.lower(): k for k, ws in d["modifier_words"].items() for w in ws}
        recent_days = int(d["recent_days"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise DataFileError("cues/time.yml: months, seasons, modifiers, modifier_words, recent_days are required") from None
    try:
        counts = {str(k).lower(): int(v) for k, v in (d.get("count_words") or {}).items()}
    except (TypeError, ValueError, AttributeError):
        raise DataFileError("cues/time.yml: count_words must map words to numbers") from None
    parts = ("month_days", "year_months", "decade_years")
    if (any(not 1 <= m <= 12 for m in months.values()) or not {"early", "mid", "late"} <= set(modifiers)
            or any(set(v) != set(parts) for v in modifiers.values()) or not set(modifier_words.values()) <= set(modifiers)):
        raise DataFileError("cues/time.yml: months must be 1-12, modifiers hold early, mid and late, each with "
                            "month_days, year_months and decade_years, and every modifier word names a modifier")
    month = alternation(list(months))
    mod = alternation(list(modifier_words))
    season = alternation(list(seasons))
    year = r"(?:19|20)\d\d"
    yr = rf"(?<![\d,.])(?:{year})(?![\d]|,\d)"
    core = (
        rf"(?P<iso>(?P<iy>{year})-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?!\d)"
        rf"|(?P<num>(?<!\d)(?P<nd>[0-3]?\d)/(?P<nm>[01]?\d)/(?P<ny>{year}))(?!\d)"
        rf"|(?P<dmy>(?<!\d)(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{month})\.?,?\s+(?P<dy>{yr}))"
        rf"|(?P<mdy>(?P<mm>{month})\.?\s+(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<my>{yr}))"
        rf"|(?P<mon>(?:(?P<mmod>{mod})[\s-]*(?:of\s+)?)?(?P<mn>{month})\.?(?:\s+of)?,?\s+(?P<mny>{yr}))"
        rf"|(?P<sea>(?:(?P<smod>{mod})[\s-]*(?:of\s+)?)?(?:the\s+)?(?P<sn>{season})(?:\s+of)?\s+(?P<sy>{yr}))"
        rf"|(?P<dec>(?:the\s+)?(?:(?P<dmod>{mod})[\s-]*)?(?P<dv>(?:19|20)\d0)['’]?s)\b"
        rf"|(?P<yr>(?:(?P<ymod>{mod})[\s-]*(?:of\s+)?)?(?P<yv>{yr}))"
    )
    kinds = {}
    for key, kind in (("open_start", "by"), ("strictly_before", "before"), ("strictly_after", "after"),
                      ("open_end", "since"), ("open_end_loose", "since_loose")):
        for w in _words(d, key):
            kinds[w.lower()] = kind
    prefix = re.compile(rf"\b(?P<p>{alternation(list(kinds))})\s+(?:the\s+)?$", re.IGNORECASE)
    anchored = []
    every: list[str] = []
    for kind, ws in (d.get("anchored") or {}).items():
        anchored.append((re.compile(rf"\b{opening(ws)}(?:{alternation(ws)})\b", re.IGNORECASE), str(kind)))
        every.extend(ws)
    anchored_any = re.compile(rf"\b{opening(every)}(?:{alternation(every) or '(?!)'})\b", re.IGNORECASE)
    return _Cues(
        months=months, seasons=seasons, modifiers=modifiers, modifier_words=modifier_words,
        core=re.compile(core, re.IGNORECASE), prefix=prefix, prefix_kind=kinds, anchored=anchored,
        anchored_any=anchored_any, counts=counts,
        ago=re.compile(rf"\b(?P<n>\d{{1,2}}|{alternation(list(counts)) or 'one'})\s+(?P<unit>years?|months?)\s+ago\b", re.IGNORECASE),
        recent_days=recent_days,
        not_before=re.compile(rf"\b(?:{alternation(_words(d, 'not_year_before'))})\s*$", re.IGNORECASE),
        not_after=re.compile(rf"^\s*(?:{alternation(_words(d, 'not_year_after'))})\b", re.IGNORECASE),
    )


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _span(y: int, m1: int, d1: int, y2: int, m2: int, d2: int | None = None) -> tuple[str, str]:
    return _iso(y, m1, d1), _iso(y2, m2, d2 if d2 is not None else _last_day(y2, m2))


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    return _cues().modifier_words.get(re.sub(r"\s+", " ", word.lower()).strip())


def _core(m: re.Match[str]) -> tuple[str, str, str] | None:
    """(start, end, precision) of one core date match."""
    c = _cues()
    try:
        if m.group("iso") or m.group("num"):
            y = int(m.group("iy") or m.group("ny"))
            mo = int(m.group("im") or m.group("nm"))
            d = int(m.group("id") or m.group("nd"))
            date(y, mo, d)
            return _iso(y, mo, d), _iso(y, mo, d), "day"
        if m.group("dmy") or m.group("mdy"):
            y = int(m.group("dy") or m.group("my"))
            mo = c.months[(m.group("dm") or m.group("mm")).lower()]
            d = int(m.group("dd") or m.group("md"))
            date(y, mo, d)
            return _iso(y, mo, d), _iso(y, mo, d), "day"
    except ValueError:
        return None
    if m.group("mon"):
        y, mo = int(m.group("mny")), c.months[m.group("mn").lower()]
        part = _mod(m.group("mmod"))
        if part:
            a, b = c.modifiers[part]["month_days"]
            return _iso(y, mo, a), _iso(y, mo, min(b, _last_day(y, mo))), "month-part"
        s, e = _span(y, mo, 1, y, mo)
        return s, e, "month"
    if m.group("sea"):
        y = int(m.group("sy"))
        m1, m2 = c.seasons[m.group("sn").lower()]
        y2 = y + 1 if m2 < m1 else y
        s, e = _span(y, m1, 1, y2, m2)
        return s, e, "season"
    if m.group("dec"):
        base = int(m.group("dv"))
        part = _mod(m.group("dmod"))
        a, b = c.modifiers[part]["decade_years"] if part else (0, 9)
        return _iso(base + a, 1, 1), _iso(base + b, 12, 31), "decade"
    if m.group("yr"):
        y = int(m.group("yv"))
        part = _mod(m.group("ymod"))
        if part:
            a, b = c.modifiers[part]["year_months"]
            s, e = _span(y, a, 1, y, b)
            return s, e, "year-part"
        return _iso(y, 1, 1), _iso(y, 12, 31), "year"
    return None


def _anchor_bounds(anchor: str | None) -> tuple[str, str] | None:
    if not anchor:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", anchor)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        d = _iso(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        return _span(y, int(m.group(2)), 1, y, int(m.group(2)))
    return _iso(y, 1, 1), _iso(y, 12, 31)


@cache
def _yearless_re() -> re.Pattern[str]:
    months = "|".join(sorted((m.capitalize() for m in _cues().months if len(m) > 3 or m == "may"), key=len,
                             reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{months})"
                      rf"|(?P<m2>{months})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)(?![\w-])(?!\.?,?\s+\d{{4}})")


def _yearless(text: str, found: list[TimeMention], bounds: tuple[str, str]) -> list[TimeMention]:
    """'on 10 June', 'June 10': a day with no year is in the year of the document's date, or
    the year before when that day would come after the date the document was written."""
    year = int(bounds[1][:4])
    out: list[TimeMention] = []
    for m in _yearless_re().finditer(text):
        if any(t.start < m.end() and m.start() < t.end for t in found):
            continue
        month = _cues().months[(m.group("m1") or m.group("m2")).lower()]
        try:
            day = date(year, month, int(m.group("d1") or m.group("d2")))
            if bounds[0] == bounds[1] and day > date.fromisoformat(bounds[1]):
                day = date(year - 1, month, day.day)
        except ValueError:
            continue
        iso = day.isoformat()
        out.append(TimeMention(m.start(), m.end(), TimeInterval(iso, iso, m.group(0), "day")))
    return out


_DAY_KINDS = ("weekday", "yesterday", "last_week", "last_month", "last_year")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _relative_day(kind: str, said: str, anchor: str) -> TimeInterval:
    """'on Thursday', 'yesterday', 'last week', 'last month', 'last year' from the day the text was written."""
    day = date.fromisoformat(anchor)
    if kind == "weekday":
        want = next(n for n, w in enumerate(_WEEKDAYS) if w in said.lower())
        d = day - timedelta(days=(day.weekday() - want) % 7)
        return TimeInterval(d.isoformat(), d.isoformat(), said, "day")
    if kind == "yesterday":
        d = day - timedelta(days=1)
        return TimeInterval(d.isoformat(), d.isoformat(), said, "day")
    if kind == "last_week":
        monday = day - timedelta(days=day.weekday() + 7)
        return TimeInterval(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), said, "week")
    if kind == "last_month":
        y, m = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
        s, e = _span(y, m, 1, y, m)
        return TimeInterval(s, e, said, "month")
    return TimeInterval(_iso(day.year - 1, 1, 1), _iso(day.year - 1, 12, 31), said, "year")


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


#: 'since the death of X in', 'until its merger with X in': a bound set by an event, dated
_EVENT_BOUND_RE = re.compile(r"\b(?P<p>since|until|till)\s+(?:the|his|her|its|their)\s+[a-z]+"
                             r"(?:\s+(?:of|with|from|into|in)\s+[^,.;:()\n]{1,60}?)?\s+(?:in|on)\s+$", re.IGNORECASE)
#: how far before a date its opening words may begin ('until his assassination in ')
_PREFIX_REACH = 36
_YEARISH_RE = re.compile(r"(?:19|20)\d\d")


def find_times(text: str, anchor: str | None = None) -> list[TimeMention]:
    """Time expressions in ``text`` with their intervals, in order, not overlapping."""
    c = _cues()
    out: list[TimeMention] = []
    # every core form and month range holds a year (or a decade): a text with none is not
    # searched for them
    yearish = _YEARISH_RE.search(text) is not None
    spans = _month_ranges(text) if yearish else []
    out.extend(spans)
    cores = c.core.finditer(text) if yearish else iter(())
    bounds = _anchor_bounds(anchor)
    written = bounds[1] if bounds is not None else None  # the document's date, its last day
    for m in cores:
        if any(t.start <= m.start() < t.end for t in spans):
            continue
        if m.group("yr") and not m.group("ymod"):
            before, after = text[max(0, m.start() - 16):m.start()], text[m.end():m.end() + 16]
            if c.not_before.search(before) or c.not_after.match(after):
                continue
        got = _core(m)
        if got is None:
            continue
        start, end, precision = got
        a, b = m.start(), m.end()
        pre = c.prefix.search(text[max(0, a - _PREFIX_REACH):a])
        ev = None
        if pre is None and (ev := _EVENT_BOUND_RE.search(text, max(0, a - 90), a)) is not None:
            # 'since the death of Abu Omar al-Kurdi in October 2016', 'until its merger with X in
            # 2017': the bound is the event's date
            pre = c.prefix.search(ev.group("p") + " ")  # the span stays the date's: names stand between
        s: str | None = start
        e: str | None = end
        core = None
        if pre:
            core = TimeInterval(start, end, m.group(0), precision)
            kind = c.prefix_kind[pre.group("p").lower()]
            if kind == "by":
                s = None
            elif kind == "before":
                s, e = None, _shift(start, -1)
            elif kind == "after":
                s, e = _shift(end, 1), None
            elif kind == "since":
                s, e = start, _up_to(written, start)
            elif kind == "since_loose":
                s, e = None, written
                if e is not None and e < start:
                    e = end
            if kind in ("by", "before", "after", "since", "since_loose"):
                precision = "open"
            if ev is None:
                a = a - (len(text[max(0, a - _PREFIX_REACH):a]) - pre.start())
        elif (onward := _ONWARD_RE.match(text, b)) is not None:
            # 'from 2012 onwards': it began then and runs to the document's date
            core = TimeInterval(start, end, m.group(0), precision)
            e = _up_to(written, start)
            precision, b = "open", onward.end()
        elif m.group("dmy") and (first := _FIRST_DAY_RE.search(text, max(0, a - 12), a)) is not None:
            # '12 and 13 June 2014', '12–13 June 2014': from the first day to the second
            try:
                s = date(int(start[:4]), int(start[5:7]), int(first.group(1))).isoformat()
            except ValueError:
                s = start
            if s <= start:
                a, precision = first.start(), "range"
            else:
                s = start
        bound_by_event = ev is not None and pre is not None
        out.append(TimeMention(a, b, TimeInterval(s, e, text[a:b], precision), core,
                               ev.start() if ev is not None and bound_by_event else None,
                               TimeInterval(start, end, m.group(0), got[2]) if bound_by_event else None))
    out = _join_ranges(text, out)
    if bounds is not None:
        out = sorted(out + _yearless(text, out, bounds), key=lambda t: t.start)
    taken = [(t.start, t.end) for t in out]
    for pattern, kind in c.anchored if c.anchored_any.search(text) else ():
        for m in pattern.finditer(text):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            if kind in _DAY_KINDS:
                if bounds is None or bounds[0] != bounds[1]:
                    continue  # a weekday or 'last week' needs the day the text was written
                iv = _relative_day(kind, m.group(0), bounds[1])
            elif kind == "past":
                iv = TimeInterval(None, bounds[1] if bounds else None, m.group(0), "relative")
            elif bounds is None:
                continue
            elif kind == "this_year":
                iv = TimeInterval(bounds[0][:4] + "-01-01", bounds[1], m.group(0), "year-part")
            elif kind == "present":
                iv = TimeInterval(bounds[0], bounds[1], m.group(0), "relative")
            else:
                iv = TimeInterval(_shift(bounds[1], -c.recent_days), bounds[1], m.group(0), "relative")
            out.append(TimeMention(m.start(), m.end(), iv))
            taken.append((m.start(), m.end()))
    if bounds is not None:
        out.extend(_ago(text, taken, bounds))
    return sorted(out, key=lambda t: t.start)


def _up_to(written: str | None, start: str) -> str | None:
    """The end of what began at ``start`` and holds to the document's date: that date, or
    unknown when the text was dated before the time it names."""
    return written if written is not None and written >= start else None


_ONWARD_RE = re.compile(r"\s+(?:and\s+)?(?:onwards?|on)\b(?=\s*(?:[,.;:)]|$))|\s+onwards?\b", re.IGNORECASE)
_FIRST_DAY_RE = re.compile(r"(?<![\d,])([0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|[-–]|to)\s*$")


def _ago(text: str, taken: list[tuple[int, int]], bounds: tuple[str, str]) -> list[TimeMention]:
    """'two years ago', 'six months ago': that year, or that month, before the document's date."""
    c = _cues()
    out: list[TimeMention] = []
    day = date.fromisoformat(bounds[1])
    for m in c.ago.finditer(text):
        if any(x < m.end() and m.start() < y for x, y in taken):
            continue
        said = m.group("n").lower()
        n = int(said) if said.isdigit() else c.counts[said]
        if m.group("unit").lower().startswith("year"):
            s, e, precision = _iso(day.year - n, 1, 1), _iso(day.year - n, 12, 31), "year"
        else:
            y, mo = divmod(day.year * 12 + day.month - 1 - n, 12)
            (s, e), precision = _span(y, mo + 1, 1, y, mo + 1), "month"
        out.append(TimeMention(m.start(), m.end(), TimeInterval(s, e, m.group(0), precision)))
    return out


@cache
def _month_range_re() -> re.Pattern[str]:
    month = alternation(list(_cues().months))
    return re.compile(
        rf"\b(?:from|between)\s+(?P<m1>{month})\.?\s+(?:to|until|till|through|and|[-–])\s+(?P<m2>{month})\.?,?\s+"
        rf"(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)


def _month_ranges(text: str) -> list[TimeMention]:
    """'from June to August 2014': the first month borrows the year of the second."""
    months = _cues().months
    out = []
    for m in _month_range_re().finditer(text):
        y, m1, m2 = int(m.group("y")), months[m.group("m1").lower()], months[m.group("m2").lower()]
        y1 = y - 1 if m1 > m2 else y
        s, e = _span(y1, m1, 1, y, m2)
        out.append(TimeMention(m.start(), m.end(), TimeInterval(s, e, m.group(0), "range")))
    return out


_JOINED_PRECISIONS = ("year", "year-part", "season", "month", "month-part", "decade")
_RANGE_GAP_RE = re.compile(r"^\s*(?:[-–—]|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN_RE = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SHORT_YEAR_RE = re.compile(r"^[-–]\s?(\d\d)(?!\d)")


def _join_ranges(text: str, found: list[TimeMention]) -> list[TimeMention]:
    """'between 2011 and 2013', 'from June to August 2014', '2011–2013', '2013-14'."""
    out: list[TimeMention] = []
    i = 0
    while i < len(found):
        t = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        gap = text[t.end:nxt.start] if nxt else ""
        opener = _RANGE_OPEN_RE.search(text[max(0, t.start - 12):t.start])
        bracketed = nxt is not None and (
            text[max(0, t.start - 1):t.start] == "(" and text[nxt.end:nxt.end + 1] == ")"
            or not text[:t.start].strip() and not text[nxt.end:].strip())  # the expression is the two alone
        # 'from 2011 to 2013', '2011–2013', '(2012 to 2016)': a bracket holding the two alone
        joined = nxt is not None and _RANGE_GAP_RE.match(gap) and (opener or bracketed or gap.strip() in "-–—")
        if (not joined and nxt is not None and gap.strip().lower() in ("and", "or") and re.fullmatch(r"\s+\w+\s+", gap)
                and t.interval.precision in _JOINED_PRECISIONS and nxt.interval.precision in _JOINED_PRECISIONS
                and t.interval.end is not None and nxt.interval.start is not None
                and t.interval.end < nxt.interval.start):
            joined = True  # 'in 2015 and 2016', 'in late 2013 or early 2014': the interval holds both
        if (not joined and nxt is not None and opener and not gap.strip() and nxt.core is not None
                and nxt.interval.start is None and nxt.core.end and t.interval.start):
            # 'from 2012 until 2016': the second bound carries its own 'until'
            nxt = TimeMention(nxt.start, nxt.end, TimeInterval(nxt.core.start, nxt.core.end, nxt.interval.text,
                                                               nxt.core.precision))
            joined = True
        if joined and nxt is not None and t.interval.start and nxt.interval.end and t.interval.start <= nxt.interval.end:
            # (a range that would end before it starts, 'from 2013 to 2011', stays two times)
            a = t.start - (len(text[max(0, t.start - 12):t.start]) - opener.start()) if opener else t.start
            out.append(TimeMention(a, nxt.end, TimeInterval(t.interval.start, nxt.interval.end, text[a:nxt.end],
                                                            "range")))
            i += 2
            continue
        short = _SHORT_YEAR_RE.match(text[t.end:t.end + 4])
        if short and t.interval.precision == "year" and t.interval.start:
            y2 = int(t.interval.start[:2] + short.group(1))
            if y2 > int(t.interval.start[:4]):
                end = t.end + short.end()
                out.append(TimeMention(t.start, end, TimeInterval(t.interval.start, _iso(y2, 12, 31),
                                                                  text[t.start:end], "range")))
                i += 1
                continue
        out.append(t)
        i += 1
    return out


def parse_time(expr: str, anchor: str | None = None) -> TimeInterval | None:
    """The interval of a single expression, or None when it holds no time."""
    found = find_times(expr, anchor)
    if not found:
        return None
    if len(found) == 1:
        return found[0].interval
    return max(found, key=lambda t: t.end - t.start).interval
