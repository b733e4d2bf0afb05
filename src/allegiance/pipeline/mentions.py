"""Mentions: names of people, groups and places found in the text.

Three sources, in order of trust: the reference gazetteer, curated name patterns
(kunyas, group-name heads, facilities), and the statistical NER of the spaCy pipeline.
Where two overlap, the more trusted (then the longer) one wins.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from allegiance.pipeline.resources import load_cues, word_list
from allegiance.pipeline.textnorm import APOSTROPHES, clean_name, strip_possessive, surface_key
from allegiance.names.data import capitalised, name_data
from allegiance.wordrx import alternation, opening

SOURCE_RANK = {"gazetteer": 0, "pattern": 1, "alias": 1, "ner": 2}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    source: str  # gazetteer | pattern | alias (named by an in-text alias cue) | ner
    ref: str | None = None  # reference gazetteer id
    pejorative: bool = False
    entity: int = -1  # index of the in-document entity, set by grouping

    def __post_init__(self) -> None:
        self.text = sys.intern(self.text)  # a name said again is held once

    @property
    def name(self) -> str:
        return clean_name(self.text)


# ---------------------------------------------------------------- gazetteer

@dataclass(frozen=True)
class _Form:
    surface: str
    ref: str
    type: str
    pejorative: bool
    case_sensitive: bool
    subtype: str | None = None
    country: str | None = None


_TOKEN_RE = re.compile(f"@?\\w+(?:[{APOSTROPHES}\\-]\\w+)*[{APOSTROPHES}]?")


@lru_cache(maxsize=200_000)
def folded_key(key: str, *, drop_articles: bool = False) -> str:
    """A surface key with each word transliteration-folded and the izafa left out:
    'jund al khilafah' and 'jund al khilafa' agree, as do 'tehrik i taliban' and
    'tehrik e taliban'. With ``drop_articles`` the article inside a name goes too ('ansar ad
    din' and 'ansar al din' agree): for two names of one text, not for a gazetteer lookup, where
    'al-Jazira' (a region) is not 'Jazira' (a town)."""
    from allegiance.names.data import name_data
    from allegiance.names.fold import IZAFA, fold_token

    articles = name_data().articles
    words = key.split()
    # the article as the sound it takes before its word ('ad-Din', 'ash-Sham') is al-
    kept = [w for k, w in enumerate(words)
            if w not in IZAFA and not (drop_articles and w in articles and k + 1 < len(words))]
    return " ".join(fold_token(w) or w for w in kept)


@dataclass(frozen=True)
class _Table:
    forms: dict[str, list[_Form]]
    prefixes: frozenset[str]  # every word prefix of a key, to stop early


def _table(keyed: Iterable[tuple[str, _Form]]) -> _Table:
    forms: dict[str, list[_Form]] = {}
    for key, form in keyed:
        if key:
            forms.setdefault(key, []).append(form)
    prefixes = set()
    for key in forms:
        words = key.split()
        for n in range(1, len(words) + 1):
            prefixes.add(" ".join(words[:n]))
    return _Table(forms, frozenset(prefixes))


#: a folded name of one word shorter than this is too easily another word
MIN_FOLDED_WORD = 6


@cache
def _gazetteer_tables() -> tuple[_Table, _Table]:
    """Lookup tables by surface key and by folded key (forms kept in exact case only in the
    first), kept compiled between runs (``allegiance.compiled``)."""
    from allegiance import compiled
    from allegiance.reference.gazetteer import GAZETTEER_SOURCES

    files = compiled.package_files(*GAZETTEER_SOURCES, "pipeline/mentions.py", "pipeline/textnorm.py")
    return compiled.cached("name-tables", files, _build_tables, libraries=("normality", "PyYAML"))


def _build_tables() -> tuple[_Table, _Table]:
    from allegiance.reference.gazetteer import load_gazetteer

    gaz: Any = load_gazetteer()
    exact: list[tuple[str, _Form]] = []
    folded: list[tuple[str, _Form]] = []
    for surface, record, pejorative in gaz.surface_forms():
        cs = surface in set(getattr(record, "case_sensitive", ()) or ())
        key = surface_key(surface)
        form = _Form(surface, record.id, record.type, pejorative, cs, getattr(record, "subtype", None),
                     getattr(record, "country", None))
        exact.append((key, form))
        fk = folded_key(key)
        if not cs and (" " in fk or len(fk) >= MIN_FOLDED_WORD):
            folded.append((fk, form))
    return _table(exact), _table(folded)


def _form_ok(form: _Form, raw: str) -> bool:
    if form.case_sensitive:
        return strip_possessive(raw) == form.surface or raw == form.surface
    first = raw.lstrip("@")[:1]
    if form.pejorative:
        return True
    if first.isupper():
        # 'an independent Islamic state' is no 'Islamic State': a word the name capitalises
        # may not be written in lower case, past the first
        said, known = raw.split()[1:], form.surface.split()[1:]
        return len(said) != len(known) or not any(
            w[:1].islower() and k[:1].isupper() and len(k) > 3 and w.lower() == k.lower() for w, k in zip(said, known))
    # lower-case start is fine for article-led names (al-Qa'ida) and forms with digits (Da3esh)
    return bool(re.match(r"(?:al|el|ad|as|ash|at|an|ar|az)(?:-|\s+(?=[A-Z]))", raw)) or any(c.isdigit() for c in raw)


_REGION_NEXT_RE = re.compile(r"^\s+(?:governorates?|provinces?|regions?|wilayat)\b", re.IGNORECASE)
_SETTLEMENT = ("city", "town", "village")


def _best_form(forms: list[_Form], after: str) -> _Form:
    """Among records sharing a name: 'Kirkuk governorate' is the governorate, bare 'Kirkuk'
    the city; otherwise the order of the data."""
    if _REGION_NEXT_RE.match(after):
        region = [f for f in forms if f.subtype in ("governorate", "region", "district")]
        if region:
            return region[0]
    else:
        towns = [f for f in forms if f.subtype in _SETTLEMENT]
        if towns and any(f.subtype not in _SETTLEMENT for f in forms):
            return towns[0]
    return forms[0]


#: the tokens a gazetteer scan holds at once: a long text is scanned a run of tokens at a time
SCAN_TOKENS = 20_000


def gazetteer_mentions(text: str) -> list[Mention]:
    """Reference names in the text, longest first, left to right; a name found only in
    another transliteration ('Jabhat al-Nusrah' for 'Jabhat al-Nusra') counts too.

    The text is scanned in runs of about ``SCAN_TOKENS`` tokens, each ending where no name
    can go on (a gap that joins no words), so a long text costs memory by the run, not by
    its length, and the names found are the same."""
    out: list[Mention] = []
    shared: dict[int, list[_Form]] = {}  # mention index -> the groups that share its name
    countries: set[str] = set()
    _scan_text(text, out, shared, countries, cut=False)
    by_id = {id(out[n]): forms for n, forms in shared.items()}
    if any(_suffix_at(text, m.start(), m.end()) is not None for m in _SUFFIXED_RE.finditer(text)):
        # 'Islamic State-affiliated', 'al Qaeda-linked': the names that end before a joined
        # participle, where no name holds the joined word ('US-led coalition' is a name of its own)
        more: list[Mention] = []
        more_shared: dict[int, list[_Form]] = {}
        _scan_text(text, more, more_shared, countries, cut=True)
        spans = [(m.start, m.end) for m in out]  # in text order, none overlapping
        starts = [a for a, _ in spans]
        for n, m in enumerate(more):
            k = bisect_left(starts, m.end)
            if any(a < m.end and m.start < b for a, b in spans[max(0, k - 8):k]):
                continue
            if n in more_shared:
                by_id[id(m)] = more_shared[n]
            out.append(m)
        out.sort(key=lambda m: m.start)
    for m in out:
        if id(m) in by_id:
            m.ref = _by_country(by_id[id(m)], countries)
    return out


#: a word with a hyphen in it, to look for a joined participle only where one may be
_SUFFIXED_RE = re.compile(r"\S+-\w+")


def _scan_text(text: str, out: list[Mention], shared: dict[int, list[_Form]], countries: set[str], *,
               cut: bool) -> None:
    """Scan the whole text a run of tokens at a time (``cut``: each token that ends in a
    joined participle cut before it)."""
    toks: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(text):
        a, b = m.start(), m.end()
        pre = _AFFIX_RE.match(text, a, b)
        if pre:  # 'pro-AQ', 'anti-ISIS': the name after the prefix
            a = pre.end()
        if cut and (at := _suffix_at(text, a, b)) is not None:
            b = at
        if len(toks) >= SCAN_TOKENS and not _GAP_RE.fullmatch(text, toks[-1][1], a):
            _scan(text, toks, out, shared, countries)
            toks = []
        toks.append((a, b))
    _scan(text, toks, out, shared, countries)


def _scan(text: str, toks: list[tuple[int, int]], out: list[Mention], shared: dict[int, list[_Form]],
          countries: set[str]) -> None:
    """The reference names in the run of tokens ``toks``, added to ``out``; the groups that
    share a name and the countries named, recorded for the whole text."""
    exact, folded = _gazetteer_tables()
    keys = [surface_key(text[a:b]) for a, b in toks]
    bare = [surface_key(strip_possessive(text[a:b])) for a, b in toks]
    joinable = [bool(_GAP_RE.fullmatch(text[toks[k][1]:toks[k + 1][0]])) for k in range(len(toks) - 1)]
    fkeys = [folded_key(k) for k in keys]
    fbare = [folded_key(k) for k in bare]
    i = 0
    while i < len(toks):
        found = _longest_at(text, toks, i, keys, bare, joinable, exact, surface_key)
        if found is None:
            found = _longest_at(text, toks, i, fkeys, fbare, joinable, folded, lambda c: folded_key(surface_key(c)))
        if found:
            mention, last, good = found
            groups = {f.ref: f for f in good if f.type == "Organization"}
            if len(groups) > 1:
                shared[len(out)] = list(groups.values())
            if mention.type == "Place":
                countries.update(f.country for f in good if f.country and f.ref == mention.ref)
            out.append(mention)
            i = last + 1
        else:
            i += 1


@cache
def _suffix_re() -> re.Pattern[str]:
    """A participle joined to the end of a name by a hyphen (``name_suffixes`` in
    cues/mentions.yml): 'Iran-backed', 'Syria-based'."""
    words = "|".join(re.escape(w) for w in sorted(word_list("mentions", "name_suffixes"), key=len, reverse=True))
    return re.compile(rf"-(?:{words})$", re.IGNORECASE)


def _suffix_at(text: str, a: int, b: int) -> int | None:
    """Where the name ends in the token ``text[a:b]`` if a participle is joined to it."""
    m = _suffix_re().search(text, a, b)
    return m.start() if m is not None and m.start() > a else None


def _by_country(forms: list[_Form], countries: set[str]) -> str | None:
    """Of several groups known by one name ('Ansar al-Sharia' in Yemen, Libya and Tunisia),
    the one of the country the text names; none when the text does not tell."""
    fitting = {f.ref for f in forms if f.country in countries}
    return next(iter(fitting)) if len(fitting) == 1 else None


def _longest_at(text: str, toks: list[tuple[int, int]], i: int, keys: list[str], bare: list[str],
                joinable: list[bool], table: _Table, key_of: Callable[[str], str],
                ) -> tuple[Mention, int, list[_Form]] | None:
    """The longest reference name starting at token ``i``, its last token and the forms it
    may be; None if there is none."""
    spans: list[int] = []
    prefix = ""
    for j in range(i, len(toks)):
        if j > i and not joinable[j - 1]:
            break
        if not keys[j]:  # a word the key leaves out (the izafa): neither start nor end
            if j == i:
                return None
            continue
        full = f"{prefix} {keys[j]}" if prefix else keys[j]
        if full in table.forms or (f"{prefix} {bare[j]}" if prefix else bare[j]) in table.forms:
            spans.append(j)
        if full not in table.prefixes:
            break
        prefix = full
    for j in reversed(spans):
        start, end = toks[i][0], toks[j][1]
        raw = text[start:end]
        for cand in dict.fromkeys((strip_possessive(raw), raw)):
            forms = table.forms.get(key_of(cand))
            if not forms:
                continue
            good = [f for f in forms if _form_ok(f, cand)]
            if good and all(f.type == "Place" and f.subtype not in ("country", "governorate", "region")
                            for f in good) and _inside_longer_name(text, start, start + len(cand)):
                good = []  # 'Qasim Mohamed Mahdi': a town's name inside a person's name
            if good:
                f = _best_form(good, text[start + len(cand):start + len(cand) + 16])
                return Mention(start, start + len(cand), cand, f.type, "gazetteer", f.ref,
                               any(g.pejorative for g in good)), j, good
    return None


_GAP_RE = re.compile(r"[ \t\-]{1,2}|\n")
_AFFIX_RE = re.compile(r"(?:pro|anti|ex|post|pre|non)-(?=[A-Z])")
_PLACE_WORDS = {"province", "governorate", "city", "district", "town", "village", "area", "region", "camp",
                "dam", "airport", "base", "prison", "countryside", "subdistrict", "sub-district", "desert"}
_NEXT_NAME_RE = re.compile(r"^[ \t]+([A-Z][\w’'-]+)")
_PREV_NAME_RE = re.compile(r"([A-Z][\w’'-]+)[ \t]+$")


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Is the span flanked by capitalised words that are no place words (a person's name)?
    A word across a tab stands in another cell of a table, never in the same name."""
    nxt = _NEXT_NAME_RE.match(text[end:end + 40])
    if nxt and nxt.group(1).lower() not in _PLACE_WORDS and "\t" not in nxt.group(0):
        return True
    prev = _PREV_NAME_RE.search(text[max(0, start - 40):start])
    if prev and "\t" not in prev.group(0) and not _suffix_re().search(prev.group(1)) and start >= 2 and text[start - 2] not in ".!?\n" and prev.group(1) not in ("The", "In", "At", "Near"):
        first_of_sentence = re.search(r"(?:^|[.!?\n]\s*)$", text[max(0, start - 40):start - len(prev.group(0))])
        return not first_of_sentence or prev.group(1) not in ("From", "To", "Of", "On", "By")
    return False


# ---------------------------------------------------------------- patterns

_W = f"[^\\W\\d_][\\w{APOSTROPHES}]*"  # a word (letters, apostrophes inside)
_CAPW = f"[A-Z][\\w{APOSTROPHES}]*"


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    title_words, kunya_words = word_list("mentions", "person_titles"), capitalised(name_data().kunya_words)
    article_words, abd_words = word_list("mentions", "name_articles"), word_list("mentions", "abd_words")
    head_words = word_list("mentions", "group_heads_arabic")
    titles = alternation(title_words)
    kunya = alternation(kunya_words)
    arts = alternation(article_words)
    particles = alternation(word_list("mentions", "name_particles"))
    abd = alternation(abd_words)
    ar_heads = alternation(head_words)
    en_heads = alternation(word_list("mentions", "group_heads_english"))
    facility = alternation(word_list("mentions", "facility_words"))
    art_word = f"(?:(?i:{arts})-{_W})"  # al-Islam, Al-Tawhid
    name_tail = f"(?:\\s+(?:{art_word}|(?:{particles})\\s+{_CAPW}|{_CAPW}(?=\\s+(?:{arts})-)))*"
    person_kunya = (
        opening([*title_words, *kunya_words], both_cases=False) +
        f"(?:\\b(?:{titles})\\s+)?\\b(?:{kunya})\\s+(?:{art_word}|{_CAPW})"
        f"(?:-{_CAPW})?{name_tail}(?:\\s+of\\s+{_CAPW})?"
    )
    person_abd = (opening([*title_words, *abd_words], both_cases=False) +
                  f"(?:\\b(?:{titles})\\s+)?\\b(?:{abd})(?:\\s+|-)?(?:{arts})?-?{_CAPW}{name_tail}"
                  f"(?:\\s+{_CAPW}){{0,2}}")
    person_title = opening(title_words, both_cases=False) + f"\\b(?:{titles})\\s+{_CAPW}(?:\\s+(?:{art_word}|{_CAPW}))*"
    handle = r"(?=@)(?<![\w@])@[A-Za-z0-9_]{2,30}\b"  # the look-ahead first: one test a place
    conn = alternation(word_list("mentions", "group_name_connectors"))
    group_word = f"(?:{art_word}|{_CAPW}|(?:{conn})-{_W}|(?:{arts})\\s+{_CAPW})"
    group_ar = (
        opening(head_words, both_cases=False) +
        f"\\b(?:{ar_heads})(?:\\s+(?:{ar_heads}))*(?:\\s+{group_word})+"
        f"(?:\\s+(?:{conn})\\s+{group_word}(?:\\s+{group_word})*)*"
    )
    # 'in March 2007' ends a group's name: no month continues one
    months = alternation(m.capitalize() for m in load_cues("time")["months"])
    group_en = (
        opening(article_words, both_cases=False, also="0-9A-Z") +
        f"(?:\\b\\d{{1,4}}(?:s|st|nd|rd|th)?\\s+|\\b(?:{arts})-)?"  # '1920s Revolution Brigades', 'al-Ghuraba Brigades'
        f"\\b{_CAPW}(?:[ \\-]{_CAPW}){{0,4}}\\s+(?:{en_heads})\\b"
        f"(?:\\s+(?:of|in|for)\\s+(?!{months}\\b)(?:the\\s+)?{_CAPW}(?:\\s+(?:and\\s+)?{_CAPW}){{0,3}})?"
    )
    # 'Ibrahim al-Shammari', 'Harith Dhar Khamis al-Dari': given names, then a nisba
    person_nisba = (f"\\b{_CAPW}(?:\\s+{_CAPW}){{0,3}}\\s+(?:{arts})-{_CAPW}(?:\\s+(?:{arts})-{_CAPW})?"
                    f"(?![\\w{APOSTROPHES}-])")
    camp = opening(article_words, both_cases=False, also="A-Z") + f"(?:\\b(?:{arts})-{_W}|\\b{_CAPW})(?:\\s+{_CAPW})?\\s+(?:training\\s+)?(?:{facility})\\b"
    actor_words, unit_words = word_list("mentions", "actor_groups"), word_list("mentions", "numbered_unit_heads")
    actors, units = alternation(actor_words), alternation(unit_words)
    return [
        (re.compile(opening(actor_words, both_cases=False) + f"\\b(?:{actors})\\b"), "Organization"),
        (re.compile(opening(unit_words, both_cases=False) + f"\\b(?:{units})\\s+\\d{{1,4}}\\b"), "Organization"),
        (re.compile(person_kunya), "Person"),
        (re.compile(person_abd), "Person"),
        (re.compile(handle), "Person"),
        (re.compile(group_ar), "Organization"),
        (re.compile(camp), "Place"),
        (re.compile(person_title), "Person"),
        (re.compile(group_en), "Organization"),
        (re.compile(person_nisba), "Person"),
    ]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1  # a cell's tab before the name ('Leaders\tAbu Omar al-Kurdi')
    span = text[start:end]
    stripped = span.rstrip("*-–—,.;:’'\" ")
    quoted = start > 0 and text[start - 1] in "'‘\"“"  # 'lit. ‘Brigade of Truth’': the quote closes
    if stripped != span and span.rstrip("*-–—,.;:\" ").endswith(("’", "'")) and not quoted:
        stripped = span.rstrip("*-–—,.;:\" ")
    end = start + len(strip_possessive(stripped))
    return start, end


#: a line, or a cell of a line in a table copied as text (cells end at a tab): no name runs on
#: across either
_LINE_RE = re.compile(r"[^\n\t]+")


@dataclass(frozen=True)
class _Hit:
    """A pattern match at its offset in the whole text."""

    offset: int
    found: re.Match[str]

    def start(self) -> int:
        return self.offset + self.found.start()

    def end(self) -> int:
        return self.offset + self.found.end()

    def group(self, n: int) -> str:
        return self.found.group(n)


def _shifted(pattern: re.Pattern[str], line: str, offset: int) -> Iterable[_Hit]:
    for m in pattern.finditer(line):
        yield _Hit(offset, m)


def pattern_mentions(text: str) -> list[Mention]:
    """Names found by the curated patterns, line by line: a name never runs across a line
    break (a heading and the byline under it, the fields of a flattened infobox) or a tab
    (the cells of a table copied as text)."""
    stop = set(word_list("mentions", "group_leading_stopwords"))
    openers = set(word_list("mentions", "place_openers")) | set(word_list("mentions", "group_heads_arabic"))
    out: list[Mention] = []
    lines = [(m.start(), m.group(0)) for m in _LINE_RE.finditer(text)]
    for pattern, etype in _patterns():
        for m in (hit for off, line in lines for hit in _shifted(pattern, line, off)):
            # a name never runs on past a possessive ("al-Islam's Kirkuk contingent")
            poss = re.search(f"[{APOSTROPHES}]s\\s", m.group(0))
            stop_at = m.start() + poss.start() if poss else m.end()
            start, end = _trim(text, m.start(), stop_at)
            kind = etype
            if etype == "Person" and pattern is _patterns()[-1][0]:
                words = text[start:end].split()
                while words and words[0] in stop:
                    start += len(words[0]) + 1  # 'Later al-Anbari said': a short name, no new one
                    words = words[1:]
                if len(words) < 2 or words[0] in openers:
                    continue  # 'Jisr al-Shughur', 'Tal al-Abyad': a place by its first word
                if _NISBA_PLACE_RE.search(text[max(0, start - 12):start]) and not re.match(r"['’]s\b", text[end:end + 2]):
                    kind = "Place"  # 'in Ras al-Ain' (but 'from Muqtada al-Sadr's Mahdi Army')
            if etype == "Organization" and pattern is _patterns()[-2][0]:
                words = text[start:end].split()
                while words and words[0] in stop:
                    start += len(words[0]) + 1
                    words = words[1:]
                if len(words) < 2:
                    continue
            if end - start < 3:
                continue
            out.append(Mention(start, end, text[start:end], kind, "pattern"))
    return out


# ---------------------------------------------------------------- statistical NER

def ner_mentions(doc: Any, text: str | None = None) -> list[Mention]:
    """The statistical model's entities in ``doc`` (whose text is ``text``, when the caller
    has it: the property rebuilds it from the tokens)."""
    labels: dict[str, str] = load_cues("mentions")["ner_labels"]
    stop = {surface_key(w) for w in word_list("mentions", "not_entities")}
    out: list[Mention] = []
    if text is None:
        text = doc.text
    for ent in doc.ents:
        etype = labels.get(ent.label_)
        if not etype:
            continue
        # an entity span never runs across a dash-joined aside or a list: "al-Nusra- Abu Omar",
        # "JRTN & ISIS", "ISIS/IS" are separate names
        pos = ent.start_char
        for part in re.split(r"(-\s|\s[-–—&]\s?|–|—|/|\n|\s+and\s+)", ent.text):
            if part and not re.fullmatch(r"(-\s|\s[-–—&]\s?|–|—|/|\n|\s+and\s+)", part):
                m = _ner_part(text, pos, part, etype, stop)
                if m is not None:
                    out.append(m)
            pos += len(part)
    return out


def _ner_part(text: str, start: int, span: str, etype: str, stop: set[str]) -> Mention | None:
    lead = re.match(r"(?:the|The)\s+", span)
    if lead:
        start += lead.end()
        span = span[lead.end():]
    start, end = _trim(text, start, start + len(span))
    name = text[start:end]
    if len(name) < 2 or not (name[0].isupper() or name[0] == "@"):
        return None
    key = surface_key(name)
    if not key or key in stop or key.split()[0] in stop or _CODE_RE.search(name):
        return None
    if etype in ("Organization", "Person") and _LOCATIVE_RE.search(text[max(0, start - 12):start]) \
            and not _org_heads().search(name) and not _kunya_re().match(name):
        etype = "Place"  # 'its main base in Darat Izza', 'in Hua Hin': a place the model mistyped
    elif etype == "Person" and name.split()[-1].lower() in _PLACE_WORDS and len(name.split()) > 1:
        etype = "Place"  # 'Al Barakah Governorate', 'Hol Camp': a place by its kind
    elif etype in ("Organization", "Person") and _kind_of_re().search(text[max(0, start - 30):start]):
        etype = "Place"  # 'the village of Tal Salmo', 'the town of Kafr Nabl'
    elif etype == "Person" and len(name.split()) > 1 and name.split()[0] in _place_openers() \
            and not _kunya_re().match(name):
        etype = "Place"  # 'Tal Salmo', 'Jisr al-Shughur': a place by its first word
    words = name.split()
    openers, facilities, generic = _kind_words()
    if len(words) == 1 and words[0] in generic:
        return None  # 'Cafe', 'Police' alone: a common noun
    if etype in ("Person", "Organization") and len(words) > 1 and (words[0] in openers or words[-1] in facilities) \
            and not _org_heads().search(name):
        etype = "Place"  # 'County Armagh', 'Sacred Heart Cathedral'
    return Mention(start, end, name, etype, "ner")


@cache
def _kind_of_re() -> re.Pattern[str]:
    """A kind of place and 'of' right before a name (``area_words`` in cues/mentions.yml): the
    name is the place's ('the village of Tal Salmo')."""
    return re.compile(rf"\b(?:{alternation(word_list('mentions', 'area_words'))})\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _place_openers() -> frozenset[str]:
    """Words that open a place's name (``place_openers`` in cues/mentions.yml), less those
    that open a group's (``group_heads_arabic``): 'Tal', 'Jisr', 'Deir', not 'Hay'at'."""
    heads = set(word_list("mentions", "group_heads_arabic"))
    return frozenset(w for w in word_list("mentions", "place_openers") if w not in heads)


_CODE_RE = re.compile(r"\b[A-Z][A-Za-z]{0,4}\.\d")  # reference codes such as QDi.282
_NISBA_PLACE_RE = re.compile(r"\b(?:in|near|outside|around|at|into|towards?)\s+(?:the\s+)?$", re.IGNORECASE)
@cache
def _kunya_re() -> re.Pattern[str]:
    """A name opened by a kunya word or a title: a person's, wherever it stands."""
    words = capitalised(name_data().kunya_words) + [t.rstrip(".") for t in word_list("mentions", "person_titles")]
    return re.compile(rf"(?:{alternation(words)})\.?\s")
_LOCATIVE_RE = re.compile(r"\b(?:in|near|outside|around|at|from|into|towards?)\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _org_heads() -> re.Pattern[str]:
    words = word_list("mentions", "group_heads_arabic") + word_list("mentions", "group_heads_english")
    return re.compile(r"\b(?:" + alternation(words) + r")\b", re.IGNORECASE)


# ---------------------------------------------------------------- combining

def _extends(longer: Mention, inner: Mention) -> bool:
    """A kunya around a place ('Abu Obeida of Mosul'), a group name that runs on past a
    known one ('Jaysh al-Islam fi Bilad al-Sham') or past a place's ('Anbar Salvation Council'),
    is a different, longer name."""
    if not (longer.start <= inner.start and inner.end <= longer.end):
        return False
    if longer.end - longer.start <= inner.end - inner.start:
        return False
    if longer.type == "Person":
        # a nisba may be a place or a group name: Abu Obeida of Mosul, Abu Yusuf al-Zenki
        return True
    if longer.type == "Organization" and inner.type == "Place" and longer.start == inner.start:
        # a group named by its place and a group word: 'Salahuddin Awakening Council', 'Diyala
        # Military Council' (a place's name and its kind, 'Nineveh Province', are no group)
        words = longer.text.split()
        return len(words) > len(inner.text.split()) and words[-1] in _english_heads()
    return longer.type == inner.type == "Organization" and longer.start == inner.start


@cache
def _english_heads() -> frozenset[str]:
    return frozenset(word_list("mentions", "group_heads_english"))


def combine(*groups: list[Mention]) -> list[Mention]:
    """Keep the most trusted, then longest, of overlapping mentions."""
    allm = [m for g in groups for m in g]
    allm.sort(key=lambda m: (SOURCE_RANK[m.source], -(m.end - m.start), m.start))
    taken = _Taken()
    for m in allm:
        clashes = taken.overlapping(m)
        if not clashes:
            taken.add(m)
        elif m.source == "pattern" and all(t.source == "gazetteer" and _extends(m, t) for t in clashes):
            for t in clashes:
                taken.remove(t)
            taken.add(m)
    stop = {surface_key(w) for w in word_list("mentions", "not_entities")}
    kept = [m for m in taken.in_order() if surface_key(m.name) not in stop and m.name and not _event_name(m)]
    kept.sort(key=lambda m: m.start)
    return kept


class _Taken:
    """Mentions that do not overlap, in the order taken, found by position in log time."""

    def __init__(self) -> None:
        self._order: dict[int, Mention] = {}  # id -> mention, in the order taken
        self._starts: list[int] = []  # of the non-empty mentions, sorted; ends sort alike
        self._ends: list[int] = []
        self._spans: list[Mention] = []
        self._empty: list[Mention] = []  # empty spans, which break that order (none, as a rule)

    def overlapping(self, m: Mention) -> list[Mention]:
        lo = bisect_right(self._ends, m.start)
        hi = bisect_left(self._starts, m.end, lo)
        return self._spans[lo:hi] + [t for t in self._empty if m.start < t.end and t.start < m.end]

    def add(self, m: Mention) -> None:
        self._order[id(m)] = m
        if m.end <= m.start:
            self._empty.append(m)
            return
        i = bisect_left(self._starts, m.start)
        self._starts.insert(i, m.start)
        self._ends.insert(i, m.end)
        self._spans.insert(i, m)

    def remove(self, m: Mention) -> None:
        del self._order[id(m)]
        if m in self._empty:
            self._empty.remove(m)
            return
        i = next(k for k in range(bisect_left(self._starts, m.start), len(self._spans)) if self._spans[k] is m)
        del self._starts[i], self._ends[i], self._spans[i]

    def in_order(self) -> list[Mention]:
        return list(self._order.values())


def cut_at(found: list[Mention], spans: list[tuple[int, int]], text: str) -> list[Mention]:
    """Mentions with any part inside ``spans`` (field labels) cut away: 'LeadersAbu Abdullah'
    is the label 'Leaders' and the name 'Abu Abdullah'."""
    if not spans:
        return found
    out = []
    for m in found:
        start = m.start
        for a, b in spans:
            if a <= start < b:
                start = b
        if any(start < a < m.end for a, _ in spans) or m.end - start < 2:
            continue
        while start < m.end and text[start].isspace():
            start += 1
        if start != m.start:
            m = Mention(start, m.end, text[start:m.end], m.type, m.source)
        out.append(m)
    return out


@cache
def _kind_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (frozenset(word_list("mentions", "place_kind_openers")), frozenset(word_list("mentions", "facility_kinds")),
            frozenset(word_list("mentions", "generic_nouns")))


@cache
def _event_words() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(word_list("mentions", "event_heads")), frozenset(word_list("mentions", "event_openers"))


def _event_name(m: Mention) -> bool:
    """A name of an event ('Syrian Civil War', 'Operation Viking Hammer'), not of an actor or
    a place; names the gazetteer knows are kept ('Arab Spring' aside, a group may be named so)."""
    if m.source == "gazetteer" or m.ref:
        return False
    words = m.name.split()
    heads, openers = _event_words()
    if len(words) == 1:
        return words[0] in heads and words[0] not in ("War", "Day")  # 'Brexit', 'Ramadan'
    return words[-1] in heads or words[0] in openers


def find_mentions(text: str, doc: Any | None = None) -> list[Mention]:
    ner = ner_mentions(doc) if doc is not None else []
    return combine(gazetteer_mentions(text), pattern_mentions(text), ner)
