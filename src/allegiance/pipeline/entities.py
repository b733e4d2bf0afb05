"""Grouping mentions into in-document entities.

Mentions join when they share a reference id or a surface key, when the text says they
are one (``X [Y]``, ``X (Y)``, ``X or Y``, ``also known as``, ``X/Y``, ``X (subsequently Y``),
and when a short name (``Obeida``, ``al-Shafi'i``, ``the Ansar``) fits exactly one fuller
name of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from allegiance.model.types import Entity, Span
from allegiance.pipeline import alias_phrases
from allegiance.pipeline.mentions import Mention, folded_key
from allegiance.pipeline.resources import word_list
from allegiance.pipeline.textnorm import APOSTROPHES, clean_name, surface_key
from allegiance.names.data import capitalised, name_data
from allegiance.unionfind import UnionFind
from allegiance.wordrx import opening

_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&\-]{1,9}")


@cache
def _titles() -> frozenset[str]:
    return frozenset(surface_key(t) for t in word_list("mentions", "person_titles"))


def name_tokens(m: Mention) -> list[str]:
    """Significant tokens of a name (titles and a leading 'the' dropped)."""
    return list(_name_tokens(m.text))


@lru_cache(maxsize=200_000)
def _name_tokens(text: str) -> tuple[str, ...]:
    """The name's words without titles, each folded as transliterations vary ('Obeida' and
    'Ubaida' are one word)."""
    from allegiance.names.fold import fold_token

    titles = _titles()
    return tuple(fold_token(t) or t for t in surface_key(clean_name(text)).split() if t not in titles)


def _compatible(a: Mention, b: Mention) -> bool:
    if a.ref and b.ref and a.ref != b.ref:
        return False
    return a.type == b.type or "ner" in (a.source, b.source)


def _link_same(ms: list[Mention], uf: UnionFind) -> None:
    first_by_key: dict[tuple[str, str], int] = {}
    first_by_ref: dict[str, int] = {}
    first_by_fold: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        if m.ref:
            if m.ref in first_by_ref:
                uf.union(first_by_ref[m.ref], i)
            else:
                first_by_ref[m.ref] = i
        key = " ".join(name_tokens(m))
        if not key:
            continue
        k = (key, m.type if m.source != "ner" else "*")
        for kk in (k, (key, "*")) if m.source != "ner" else [(key, t) for t in ("Person", "Organization", "Place", "*")]:
            j = first_by_key.get(kk)
            if j is not None and _compatible(ms[j], m):
                uf.union(j, i)
                break
        first_by_key.setdefault(k, i)
        first_by_key.setdefault((key, "*"), i)
        if m.type in ("Person", "Organization") and " " in key:
            # 'Abu Ubaida al-Tunisi' and 'Abu Obeida al-Tunisi', 'Jaysh ...' and 'Jaish ...': one
            # name in two spellings, joined by the transliteration fold (names of two or more words)
            fk = (folded_key(key, drop_articles=True), m.type)
            j = first_by_fold.get(fk)
            if j is not None and _compatible(ms[j], m):
                uf.union(j, i)
            else:
                first_by_fold.setdefault(fk, i)


@cache
def _alias_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns made of the cue words of stated aliases (longest first): 'also known as
    Y' in running text, a rename in brackets, and an alias cue opening a bracket's list."""
    aka = sorted(word_list("aliases", "aka"), key=len, reverse=True)
    rename = word_list("aliases", "rename")
    aka_alts = "|".join(re.escape(a).replace(r"known\ as", r"known(?:\s+\w+){0,3}\s+as") for a in aka)
    aka_re = re.compile(
        r"\b" + opening(aka) + r"(?i:" + aka_alts + r")\s*[‘'“\"]?(?:the\s+)?([^’'”\".,;()\n]{2,60})[’'”\"]?"
    )
    rename_re = re.compile(r"\s*\(\s*(?:" + "|".join(re.escape(r) for r in rename) + r")\s+$")
    opening_re = re.compile(r"^\s*(?:" + "|".join(re.escape(x) for x in aka) + r")\s*", re.IGNORECASE)
    return aka_re, rename_re, opening_re


_PLACE_LINK_RE = re.compile(r"\s+(?:in|of|fi|for)\s+(?:the\s+)?")


def _group_before_place(text: str, ms: list[Mention], i: int) -> int | None:
    """The group named right before the place ``ms[i]`` ('X in Algeria', 'X of the Sinai')."""
    for k in range(i - 1, -1, -1):
        if ms[k].end <= ms[i].start:
            if ms[k].type == "Organization" and _PLACE_LINK_RE.fullmatch(text[ms[k].end:ms[i].start]):
                return k
            return None
    return None


def _place_acronym_owner(text: str, ms: list[Mention], i: int, acronym: str) -> int | None:
    """The group named right before the place ``ms[i]`` when ``acronym`` abbreviates the
    two together ('Jund al-Khilafa in Algeria (JAK-A)'), else ``None``."""
    owner = _group_before_place(text, ms, i)
    if owner is not None and _initials_fit(acronym, f"{ms[owner].name} {ms[i].name}"):
        return owner
    return None


def _initials_fit(acronym: str, name: str) -> bool:
    """Do the acronym's letters open with the name's first initial and close with its last
    ('JAK-A' for 'Jund al-Khilafa in Algeria'), every letter an initial of some word?"""
    letters = re.sub("[^a-z]", "", acronym.lower())
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
    initials = {w[0] for w in words}
    return (len(letters) >= 2 and bool(words) and letters[0] == words[0][0] and letters[-1] == words[-1][0]
            and set(letters) <= initials)


@cache
def _former_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(word_list("aliases", "former"), key=len, reverse=True))
    return re.compile(r"\**\s*,\s*(?i:" + words + r")\s+(?:the\s+)?")


def _link_text_aliases(text: str, ms: list[Mention], uf: UnionFind,
                       bracketed: list[Mention] | None = None) -> list[Mention]:
    """Aliases the text states; returns mentions created for bracketed acronyms. A bracketed
    acronym found as a name already ('Jaysh al-Wadi (JAW)', JAW a name of the model's) is
    added to ``bracketed``: the text uses it later as the group's name too."""
    created: list[Mention] = []
    aka_re, rename_re, opening_re = _alias_patterns()
    by_start = {m.start: i for i, m in enumerate(ms)}
    for i, a in enumerate(ms):
        after = text[a.end:a.end + 80]
        # X [Y] / X (Y)
        br = re.match(r"\**\s*[\[(]\s*(?:or\s+)?([^\])\n]{1,60}?)\s*[\])]", after)  # 'X (or Y)' too
        if br:
            inner_start = a.end + br.start(1)
            j = by_start.get(inner_start)
            if j is not None and ms[j].end == a.end + br.end(1):
                b = ms[j]
                if _compatible(a, b) or (a.ref and b.ref == a.ref) or (
                        a.type != "Place" and b.type != "Place" and not (a.ref and b.ref)):
                    uf.union(i, j)
                    if bracketed is not None and b.type == "Organization" and b.text.isupper() \
                            and _ACRONYM_RE.fullmatch(b.text):
                        bracketed.append(Mention(b.start, b.end, b.text, b.type, "alias", b.ref))
                elif (a.type == "Place" and b.type == "Organization" and b.source == "alias"
                      and (owner := _place_acronym_owner(text, ms, i, b.text)) is not None):
                    uf.union(owner, j)  # the acronym made on the first pass, below
            elif a.type == "Organization" and _abbreviates(br.group(1), a.name):
                created.append(Mention(inner_start, inner_start + len(br.group(1)), br.group(1), a.type,
                                       "alias", a.ref))  # '1920s Revolution Brigades (1920s RB)'
            elif (a.type == "Place" and _ACRONYM_RE.fullmatch(br.group(1)) and br.group(1).isupper()
                  and (owner := _place_acronym_owner(text, ms, i, br.group(1))) is not None):
                # 'Jund al-Khilafa in Algeria (JAK-A)': the group's name runs on to the place
                created.append(Mention(inner_start, inner_start + len(br.group(1)), br.group(1), "Organization",
                                       "alias", ms[owner].ref))
            elif _ACRONYM_RE.fullmatch(br.group(1)) and br.group(1).isupper() and a.type != "Place":
                new = Mention(inner_start, inner_start + len(br.group(1)), br.group(1), a.type,
                              "alias", a.ref)
                created.append(new)
        # X or Y (two person names)
        nxt = next((k for k in range(i + 1, len(ms)) if ms[k].start >= a.end), None)
        if nxt is not None:
            b = ms[nxt]
            gap = text[a.end:b.start]
            if a.type == b.type == "Person" and re.fullmatch(r"\**\s+or\s+", gap):
                uf.union(i, nxt)
            if a.type == b.type == "Organization" and re.fullmatch(r"\s*/\s*", gap):
                uf.union(i, nxt)
            if (a.type == b.type == "Organization" and _OR_APPOSED_RE.fullmatch(gap)
                    and text[b.end:b.end + 1] in (",", ")", "–", "—")
                    and not text[:a.start].rstrip(" *(").endswith((",", " and", " or"))):
                uf.union(i, nxt)  # 'X, or the Valley Army, is ...' (not a list's 'A, X, or Y')
            if a.type == b.type == "Organization" and rename_re.fullmatch(gap):
                uf.union(i, nxt)
            if (a.type == b.type and a.type in ("Organization", "Person") and _former_re().fullmatch(gap)
                    and re.match(r"\s*(?:[,;.)]|$)", text[b.end:b.end + 2])):
                uf.union(i, nxt)  # 'X, formerly Y, operates in ...'
    _bracket_lists(text, ms, uf, created, by_start, opening_re)
    # also known as 'Y'
    taken_starts = {c.start for c in created}
    starts = [x.start for x in ms]  # ``ms`` is in text order
    dots: list[int] | None = None  # where '. ' and line breaks are, found once when needed
    lines: list[int] = []
    for m in aka_re.finditer(text):
        if m.start(1) in taken_starts:
            continue
        if dots is None:
            dots = [b.start() for b in re.finditer(r"\. ", text)]
            lines = [b.start() for b in re.finditer(r"\n", text)]
        # the sentence opens after the last '. ' or line break before the cue
        d, n = bisect_right(dots, m.start() - 2) - 1, bisect_right(lines, m.start() - 1) - 1
        sent_start = max(dots[d] if d >= 0 else -1, lines[n] if n >= 0 else -1) + 1
        owners = [i for i in range(bisect_left(starts, sent_start), bisect_left(starts, m.start()))
                  if ms[i].type in ("Person", "Organization")]
        if not owners and re.search(r"\bitself\b", m.group(0)) and not text[sent_start:m.start()].strip(" *\t\"“‘'"):
            # only a sentence that the cue opens ('Calling itself X, the group ...'); in 'The
            # breakaway faction, which calls itself X, left Y' the owner is unnamed, not Y
            sent_end = min((p for p in (text.find(". ", m.end()), text.find("\n", m.end())) if p >= 0),
                           default=len(text))
            owners = [i for i in range(bisect_right(starts, m.end(1)), bisect_left(starts, sent_end))
                      if ms[i].type == "Organization"][:1]
        if not owners:
            continue
        owner = owners[0]
        stated = m.group(1).strip()
        kind = ms[owner].type
        # the stated name (or two joined by 'and'), then the names a list after it gives
        for start, stop in [*_joined_names(text, m.start(1), m.start(1) + len(stated), ms, by_start, kind),
                            *_further_names(text, m.start(1) + len(stated), ms, by_start, kind)]:
            j = by_start.get(start)
            if j is not None:
                uf.union(owner, j)
            elif start not in taken_starts and (text[start:start + 1].isupper() or text[start:start + 1] == "@"):
                created.append(Mention(start, stop, text[start:stop], kind, "alias", ms[owner].ref))
                taken_starts.add(start)
    for owner, j in alias_phrases.person_names(text, ms, starts, by_start):
        uf.union(owner, j)
    for owner, name in [*alias_phrases.translated_names(text, ms, starts, by_start),
                        *alias_phrases.field_names(text, ms, starts, by_start)]:
        if isinstance(name, int):
            uf.union(owner, name)
        elif name.start not in taken_starts:
            created.append(name)
            taken_starts.add(name.start)
    return created


_AND_RE = re.compile(r"\s+(?:and|or)\s+(?:the\s+)?")
#: a second name set off by commas with 'or': 'X, or the Valley Army, ...'
_OR_APPOSED_RE = re.compile(r"\**\s*,\s*or\s+(?:the\s+)?")
#: the next item of a list of names after an alias cue: 'also known as A, B and C'
_ITEM_RE = re.compile(r"\s*([,;])\s*(?:(?:and|or)\s+)?(?:the\s+)?([^.,;()\n]{2,60})")
#: the words a name may hold in lower case ('Army of the Valley', 'Jaysh al-Wadi')
_NAME_GLUE = frozenset({"of", "the", "in", "for", "and", "or", "al", "el", "ad", "ar", "as", "at", "wa", "wal",
                        "fi", "li", "lil", "bin", "ibn", "bint", "min", "an", "ash", "az", "ul", "e"})


def _looks_named(item: str) -> bool:
    """Is ``item`` written as a name: its first word capitalised, every other word
    capitalised or a word that names hold in lower case (a name's article, 'of', 'and')?"""
    words = item.split()
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower().split("-")[0] in _NAME_GLUE for w in words[1:])


def _further_names(text: str, pos: int, ms: list[Mention], by_start: dict[int, int], kind: str) -> list[tuple[int, int]]:
    """The names that follow an alias cue's first name at ``pos`` as a list ('also known as
    A, B and C', 'A; B; C'): each item written as a name, the list closed by 'and' or 'or'
    before its last item, or by the end of its sentence or bracket. Nothing when the words
    after the first name are no such list ('also known as A, attacked B')."""
    items: list[tuple[int, int]] = []
    sep: str | None = None
    joined = False
    while (m := _ITEM_RE.match(text, pos)) is not None:
        if sep is not None and m.group(1) != sep:
            break
        item = m.group(2).rstrip()
        if not _looks_named(item):
            break
        sep = m.group(1)
        s = m.start(2)
        parts = _joined_names(text, s, s + len(item), ms, by_start, kind)
        joined = joined or len(parts) > 1 or bool(re.match(r"\s*[,;]\s*(?:and|or)\s", text[m.start():]))
        items.extend(parts)
        pos = s + len(item)
    closed = joined or re.match(r"\s*(?:[.;)\n]|$)", text[pos:pos + 2]) is not None
    return items if items and closed else []


def _joined_names(text: str, start: int, end: int, ms: list[Mention], by_start: dict[int, int],
                  kind: str) -> list[tuple[int, int]]:
    """The names a stated alias holds, as spans: two where it joins a second name with 'and'
    or 'or' ('also known as the Valley Army and JAW'). Only an acronym, or a name of the
    owner's kind the text finds whole, counts as the second: 'Islamic State of Iraq and the
    Levant' and 'the Army of Hama and Idlib' stay one."""
    whole = by_start.get(start)
    if whole is not None and ms[whole].end >= end:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for sep in _AND_RE.finditer(text, start, end):
        rest = text[sep.end():end].split()
        named = by_start.get(sep.end())
        acronym = len(rest) == 1 and rest[0].isupper() and _ACRONYM_RE.fullmatch(rest[0]) is not None
        if acronym or (named is not None and ms[named].end == end and ms[named].type == kind):
            out.append((pos, sep.start()))
            pos = sep.end()
    out.append((pos, end))
    return out


_LABEL_RE = re.compile(r"^(?:(?:Arabic|Persian|Kurdish|Pashto|Urdu|Turkish|French|Somali|Hausa|Tamil)\s*:|"
                       r"romani[sz]ed\s*:|transliterated\s*:|abbr\.?|abbreviated(?:\s+as)?|lit\.|literally|"
                       r"also|or|and|translated(?:\s+as)?|meaning)\s*", re.IGNORECASE)
_ARABIC_RUN_RE = re.compile(r"[\u0600-\u06FF][\u0600-\u06FF\s]*[\u0600-\u06FF]")
_LATIN_NAME_RE = re.compile(r"[‘'“\"]?([A-Z\u00C0-\u024F‘ʿ][^;,\"”]{1,70}?)[’'”\"]?\s*$")


_MINOR_WORDS = {"of", "the", "in", "for", "and", "al", "wa", "wal", "fi", "li", "lil"}


def _abbreviates(short: str, name: str) -> bool:
    """Is ``short`` the name's first words and the initials of the rest ('1920s RB' for
    '1920s Revolution Brigades')?"""
    said, full = short.split(), name.replace("-", " ").split()
    if len(said) < 2 or not said[-1].isupper() or len(said[-1]) < 2:
        return False
    k = len(said) - 1
    if [w.lower() for w in said[:k]] != [w.lower() for w in full[:k]]:
        return False
    initials = "".join(w[0] for w in full[k:] if w.lower() not in _MINOR_WORDS)
    return initials.upper() == said[-1].upper()


def occurrences(text: str, created: list[Mention], ms: list[Mention]) -> list[Mention]:
    """The other places where a name the text introduced ('(1920s RB)', '(PCIR)') is used."""
    out: list[Mention] = []
    names = {c.text: c for c in created if c.source == "alias" and len(c.text) >= 2 and not c.text[:1].islower()}
    if not names:
        return out
    spans = sorted((m.start, m.end) for m in [*ms, *created])
    starts = [a for a, _ in spans]
    reach = max((b - a for a, b in spans), default=0)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                    + r")(?![\w-])")
    for m in rx.finditer(text):
        lo = bisect_left(starts, m.start() - reach)
        if any(a < m.end() and m.start() < b for a, b in spans[lo:bisect_left(starts, m.end())]):
            continue  # inside a name already found
        c = names[m.group(0)]
        out.append(Mention(m.start(), m.end(), c.text, c.type, "alias", c.ref))
    return out


def _bracket_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names a bracket lists after a group's name: 'X (Arabic: ...; Translation; ACR)',
    'X (Also known as A, B, C)'. Spans in the text."""
    out: list[tuple[int, int]] = []
    pos = start
    for part in re.split(r"([;,])", text[start:end]):
        a = pos
        pos += len(part)
        if part in (";", ","):
            continue
        a += len(part) - len(part.lstrip())  # 'ACR; Arabic: ...': the label after the space
        part = part.lstrip()
        lab = _LABEL_RE.match(part)
        while lab and lab.end() > 0:
            a += lab.end()
            part = part[lab.end():]
            lab = _LABEL_RE.match(part)
        for run in _ARABIC_RUN_RE.finditer(part):
            out.append((a + run.start(), a + run.end()))
        latin = _ARABIC_RUN_RE.sub(lambda r: " " * len(r.group(0)), part)
        m = _LATIN_NAME_RE.search(latin.strip() and latin)
        if m is None:
            continue
        lead = len(latin) - len(latin.lstrip())
        item = m.group(1).strip()
        if not item or re.search(r"\d{3,}", item) or len(item.split()) > 9:
            continue
        first = latin.find(item, lead)
        if first >= 0 and (item[0].isupper() or item[0] in "‘ʿ"):
            out.append((a + first, a + first + len(item)))
    return out


def _bracket_lists(text: str, ms: list[Mention], uf: UnionFind, created: list[Mention], by_start: dict[int, int],
                   aka_re: re.Pattern[str]) -> None:
    """A group's bracket of other names: each listed name is an alias of the group (``aka_re``:
    an alias cue opening the list, 'also known as')."""
    have = {c.start for c in created}
    starts = [m.start for m in ms]  # ``ms`` is in text order
    reach = max((m.end - m.start for m in ms), default=0)
    for i, a in enumerate(ms):
        if a.type != "Organization":
            continue
        opened = re.match(r"\**\s*\(", text[a.end:a.end + 4])
        if not opened:
            continue
        lo = a.end + opened.end()
        close = text.find(")", lo, lo + 700)
        if close < 0 or "(" in text[lo:close] or "\n" in text[lo:close]:
            continue
        inner = text[lo:close]
        listed = aka_re.match(inner)
        if listed:
            lo += listed.end()
        elif not re.search(r";|\b(?:Arabic|romani[sz]ed|abbr)\b", inner):
            continue  # one name in brackets: the rule for 'X (Y)'
        items = [part for s, e in _bracket_items(text, lo, close)
                 for part in _joined_names(text, s, e, ms, by_start, a.type)]
        for s, e in items:
            j = by_start.get(s)
            if j is not None and ms[j].end == e:
                if ms[j].type != "Place":
                    uf.union(i, j)
                continue
            near = ms[bisect_left(starts, s - reach):bisect_left(starts, e)]
            if any(m.start < e and s < m.end and not (s <= m.start and m.end <= e) for m in near) or s in have:
                continue  # a name that runs across the item's bounds
            created.append(Mention(s, e, text[s:e], a.type, "alias", a.ref))
            have.add(s)


def _link_short_names(ms: list[Mention], uf: UnionFind) -> None:
    """A group's short name ('Obeida', 'the Ansar') joins the one other group whose longer
    name holds it (see :func:`_fits_name`). The longer names are found through their words, so
    the work grows with the names, not with every pair of them."""
    groups: dict[int, list[int]] = {}
    for i in range(len(ms)):
        groups.setdefault(uf.find(i), []).append(i)
    toks = [_name_tokens(m.text) for m in ms]
    # word -> group -> the group's distinct (tokens, type) names holding the word, in group order
    holding: dict[str, dict[int, set[tuple[tuple[str, ...], str]]]] = {}
    for r2, idx2 in groups.items():
        for k in idx2:
            for t in set(toks[k]):
                holding.setdefault(t, {}).setdefault(r2, set()).add((toks[k], ms[k].type))
    for r, idx in groups.items():
        if any(ms[i].ref for i in idx):
            continue
        tried: set[tuple[object, ...]] = set()
        for i in idx:
            m = ms[i]
            short = set(toks[i]) - {"al", "abu"}
            if not short or len(short) > 2:
                continue
            key = (frozenset(short), m.type, m.source == "ner", toks[i], m.text[:1].isupper())
            if key in tried:
                continue  # the same name again finds what it found before
            tried.add(key)
            word = min(short, key=lambda t: len(holding.get(t, ())))
            cands = []
            for r2, forms in holding.get(word, {}).items():
                if r2 == r or uf.find(r2) == uf.find(r):
                    continue
                t2 = ms[groups[r2][0]].type
                if t2 != m.type and not (m.source == "ner" and {t2, m.type} <= {"Person", "Organization"}):
                    continue
                if any(_fits_name(m, toks[i], short, long_toks, long_type) for long_toks, long_type in forms):
                    cands.append(r2)
            if len({uf.find(c) for c in cands}) == 1:
                uf.union(cands[0], r)
                break


def _fits_name(short_m: Mention, toks: tuple[str, ...], short: set[str], long_toks: tuple[str, ...],
               long_type: str) -> bool:
    """May ``short_m`` (significant words ``toks``) be a shortened reference to a name of
    ``long_type`` with significant words ``long_toks``?

    A person's short name may be any part of the full one (Obeida, al-Shafi'i, Abu Mariya);
    a group's must be its end (Ansar al-Islam of Jamaat Ansar al-Islam) or one of its words
    used as 'the X' (the Ansar) - never its beginning: Islamic State is not Islamic State of
    Iraq.
    """
    if not short < set(long_toks):
        return False
    if long_type != "Organization":
        return True
    if long_toks[-len(toks):] == toks:
        return True
    return len(toks) == 1 and short_m.text[:1].isupper() and long_toks[-1] != toks[0]


_KUNYA = {"abu", "abou", "umm", "um", "bin", "ibn", "bint", "of", "al", "el"}


def _short_references(text: str, ms: list[Mention], uf: UnionFind) -> list[tuple[Mention, int]]:
    """Bare parts of a person's full name used alone later ('Obeida', 'al-Anbari').

    A part counts only when it belongs to exactly one person of the document and is written
    as in the full name (capitalised; a nisba with its article).
    """
    owners: dict[str, set[int]] = {}
    for i, m in enumerate(ms):
        if m.type != "Person" or m.source == "ner":
            continue
        words = m.name.split()
        if len(words) < 2:
            continue
        for k, w in enumerate(words):
            if k > 0 and words[k - 1].lower() == "of":
                continue  # 'Abu Obeida of Mosul': Mosul is a place
            if w.lower() in _KUNYA or w.lower() in _titles() or len(w) < 4 or not (w[0].isupper() or "-" in w):
                continue
            owners.setdefault(w, set()).add(uf.find(i))
    out: list[tuple[Mention, int]] = []
    if not any(len(roots) == 1 for roots in owners.values()):
        return out
    taken = bytearray(len(text))  # the characters inside a name found so far
    for m in ms:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    for word, roots in owners.items():
        if len(roots) != 1:
            continue
        root = next(iter(roots))
        for hit in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
            a, b = hit.start(), hit.end()
            if 1 in taken[a:b]:
                continue
            out.append((Mention(a, b, word, "Person", "pattern"), root))
            taken[a:b] = b"\x01" * (b - a)
    return out


def _with_extra(ms: list[Mention], uf: UnionFind, extra: list[tuple[Mention, int]]) -> tuple[list[Mention], UnionFind]:
    allm = ms + [m for m, _ in extra]
    new = UnionFind(len(allm))
    for i in range(len(ms)):
        new.union(uf.find(i), i)
    for k, (_, root) in enumerate(extra):
        new.union(root, len(ms) + k)
    order = sorted(range(len(allm)), key=lambda i: allm[i].start)
    pos = {old: n for n, old in enumerate(order)}
    final = UnionFind(len(allm))
    for i in range(len(allm)):
        final.union(pos[i], pos[new.find(i)])
    return [allm[i] for i in order], final


@dataclass
class EntityGroups:
    entities: list[Entity]
    mentions: list[Mention]
    pejorative_names: set[str] = field(default_factory=set)


@cache
def _of_place_re() -> re.Pattern[str]:
    """'Abu Obeida of Mosul': a kunya with its place."""
    opening = "|".join(re.escape(w) for w in capitalised(name_data().kunya_words))
    return re.compile(rf"^((?:{opening})\s+\S+)\s+of\s+\S+$")
_FACILITY_RE = re.compile(r"^(.+?)\s+(?:training\s+)?(?:camp|prison|base|airbase)$", re.IGNORECASE)


def _shorter_forms(name: str, etype: str) -> list[str]:
    """Other ways the text's own name is written: without a title ('Sheikh Abu Mariya' ->
    'Abu Mariya'), a kunya without its place ('Abu Obeida of Mosul' -> 'Abu Obeida'), a
    facility without its kind ('al-Qaa'qaa' training camp' -> 'al-Qaa'qaa'')."""
    out = []
    if etype == "Person":
        first, _, rest = name.partition(" ")
        if rest and surface_key(first) in _titles():
            out.append(rest)
        m = _of_place_re().match(name)
        if m:
            out.append(m.group(1))
    elif etype == "Place":
        m = _FACILITY_RE.match(name)
        if m and len(m.group(1)) > 2:
            out.append(m.group(1))
    return out


def _display(m: Mention) -> str:
    return m.name.strip(APOSTROPHES + " ") if m.name.endswith(("’s", "'s")) else m.name


@cache
def _distinct_re() -> re.Pattern[str]:
    words = sorted(word_list("aliases", "distinct"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def _kept_apart(text: str, ms: list[Mention], groups: dict[int, list[int]]
                ) -> tuple[dict[int, list[int]], dict[int, set[str]]]:
    """Two names of one reference record that the text relates to each other as two groups
    ('X is the latest incarnation of Y', 'Y split two ways: X and Z') make two entities: the
    name the text uses first keeps the record, every mention of the other name moves to an
    entity of its own, with no reference."""
    owner = {i: root for root, idx in groups.items() for i in idx}
    rx = _distinct_re()
    moves: dict[int, set[str]] = {}
    for i, a in enumerate(ms):
        if a.type != "Organization":
            continue
        for j in range(i + 1, min(i + 6, len(ms))):
            b = ms[j]
            gap = text[a.end:b.start]
            if len(gap) > 140 or re.search(r"[.!?]\s", gap) or "\n" in gap:
                break
            ka, kb = surface_key(a.name), surface_key(b.name)
            if owner[i] != owner[j] or ka == kb or not (a.ref and a.ref == b.ref) or not rx.search(gap):
                continue
            first = min(groups[owner[i]], key=lambda k: ms[k].start)
            other = kb if surface_key(ms[first].name) != kb else ka
            moves.setdefault(owner[i], set()).add(other)
    if not moves:
        return groups, {}
    out = dict(groups)
    withheld: dict[int, set[str]] = {}
    for root, keys in moves.items():
        for key in keys:
            moved = [k for k in out[root] if surface_key(ms[k].name) == key]
            if not moved or len(moved) == len(out[root]):
                continue
            out[root] = [k for k in out[root] if k not in moved]
            for k in moved:
                ms[k].ref = None
            out[moved[0]] = moved
            withheld.setdefault(root, set()).add(key)  # the record's name is the other group's here
    return out, withheld


def group_mentions(text: str, mentions: list[Mention], reference_names: dict[str, list[str]]) -> EntityGroups:
    """Join mentions into entities; ``reference_names`` maps reference ids to their names
    (canonical first)."""
    ms = sorted(mentions, key=lambda m: m.start)
    uf = UnionFind(len(ms))
    bracketed: list[Mention] = []
    created = _link_text_aliases(text, ms, uf, bracketed)
    if created or bracketed:
        # a name the text lists as another name of a group stands whole ('Kurdistan Supporters
        # of Islam' is no mention of Kurdistan)
        listed = sorted((c for c in created if c.source == "alias"), key=lambda c: c.start)
        listed_starts = [c.start for c in listed]
        reach = max((c.end - c.start for c in listed), default=0)
        ms = [m for m in ms if not any(
            c.start <= m.start and m.end <= c.end and c.end - c.start > m.end - m.start
            for c in listed[bisect_left(listed_starts, m.start - reach):bisect_right(listed_starts, m.start)])]
        ms = sorted(ms + created + occurrences(text, created + bracketed, ms), key=lambda m: m.start)
        uf = UnionFind(len(ms))
        _link_text_aliases(text, ms, uf)
    _link_same(ms, uf)
    _link_short_names(ms, uf)
    extra = _short_references(text, ms, uf)
    if extra:
        ms, uf = _with_extra(ms, uf, extra)
    groups: dict[int, list[int]] = {}
    for i in range(len(ms)):
        groups.setdefault(uf.find(i), []).append(i)
    groups, withheld = _kept_apart(text, ms, groups)
    entities: list[Entity] = []
    for n, (root, idx) in enumerate(sorted(groups.items(), key=lambda kv: min(ms[i].start for i in kv[1]))):
        members = [ms[i] for i in idx]
        trusted = [m for m in members if m.source != "ner"] or members
        etype = Counter(m.type for m in trusted).most_common(1)[0][0]
        refs = Counter(m.ref for m in members if m.ref)
        ref = refs.most_common(1)[0][0] if refs else None
        names: list[str] = []
        pejoratives: list[str] = []
        for m in members:
            nm = _display(m)
            if nm and nm not in names:
                names.append(nm)
            for bare in _shorter_forms(nm, etype):
                if bare not in names:
                    names.append(bare)  # 'Sheikh Abu Mariya' is also 'Abu Mariya'
            if m.pejorative and nm not in pejoratives:
                pejoratives.append(nm)
        introduced = {_display(m) for m in members if m.source == "alias"}
        plain = [x for x in names if x not in pejoratives and not x.isupper() and x not in introduced]
        plain = plain or [x for x in names if x not in pejoratives] or names
        name = max(plain, key=lambda x: (len(x.split()), len(x)))
        if ref and reference_names.get(ref):
            # the reference record's names join those the text uses: its canonical name is
            # the entity's name; its aliases follow the text's own (see 'mentions' for those);
            # a record's name the text gives another group here stays with that group
            away = withheld.get(root, set())
            known_names = [x for x in reference_names[ref] if surface_key(x) not in away]
            if not away:
                name = reference_names[ref][0]
            else:  # the record's name is another group's here: the name this text uses most
                said = Counter(_display(m) for m in members if m.source != "alias")
                name = max(said, key=lambda x: (said[x], len(x))) if said else name
            for known in known_names:
                if known not in names:
                    names.append(known)
        for m in members:
            m.entity = n
        entities.append(Entity(
            id=f"e{n + 1}", type=etype, name=name,
            aliases=[x for x in names if x != name],
            pejoratives=pejoratives,
            mentions=[Span(m.start, m.end, m.text) for m in members],
            reference_id=ref,
        ))
    return EntityGroups(entities, ms)
