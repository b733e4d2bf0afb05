"""Other names a text gives by a phrase of its own kind (cue words in ``cues/aliases.yml``):

- a person's other name: 'X (real name Y)', 'X, whose real name is Y', 'Y, better known by his
  nom de guerre X', 'X, born Y' — the name after the cue is a person's name the text finds, and
  the person it names is the last one named before the cue in its sentence;
- a name translated in quotes: "X, whose name means 'Army of the Valley'", "X (literally
  'the Strangers')" — the quoted name belongs to the name just before the cue.

Each phrase gives pairs (owner, name): the index of the owner's mention and either the index
of the name's mention or a new mention for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from allegiance.pipeline.mentions import Mention
from allegiance.pipeline.resources import word_list

#: where a sentence ends, for the owner's search: a full stop and a space, or a line break
_SENTENCE_END_RE = re.compile(r"\.\s|\n")
#: what may stand between the owner's name and a translation's cue: brackets, commas, dashes
#: and at most two words ('X (JAW), whose name means', 'X, a name meaning')
_NEAR_RE = re.compile(r"[\s,(\[)\]\-–—]*(?:[\w’']+[\s,]+){0,2}")


def _phrase_re(key: str, tail: str) -> re.Pattern[str]:
    cues = sorted(word_list("aliases", key), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?i:" + "|".join(re.escape(c) for c in cues) + r")" + tail)


@cache
def _person_re() -> re.Pattern[str]:
    return _phrase_re("person_aka", r"(?:\s+(?:is|was))?\s*[,:]?\s*[‘'“\"]?")


@cache
def _translation_re() -> re.Pattern[str]:
    return _phrase_re("translation", r"\s*[,:]?\s*[‘'“\"]([^’'”\"\n]{2,60}?)[’'”\"]")


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in _SENTENCE_END_RE.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    return start


def _last_before(ms: list[Mention], starts: list[int], lo: int, pos: int, kinds: tuple[str, ...]) -> int | None:
    """The index of the last mention of one of ``kinds`` that ends by ``pos`` and starts at
    ``lo`` or after (``ms`` in text order)."""
    for i in range(bisect_left(starts, pos) - 1, bisect_left(starts, lo) - 1, -1):
        if ms[i].end <= pos and ms[i].type in kinds:
            return i
    return None


def person_names(text: str, ms: list[Mention], starts: list[int], by_start: dict[int, int]) -> list[tuple[int, int]]:
    """Pairs of mentions of one person that a phrase such as 'real name' or 'nom de guerre'
    joins."""
    out: list[tuple[int, int]] = []
    for m in _person_re().finditer(text):
        j = by_start.get(m.end())
        if j is None or ms[j].type != "Person":
            continue
        owner = _last_before(ms, starts, _sentence_start(text, m.start()), m.start(), ("Person",))
        if owner is not None:
            out.append((owner, j))
    return out


def translated_names(text: str, ms: list[Mention], starts: list[int], by_start: dict[int, int]) -> list[tuple[int, int | Mention]]:
    """A name translated in quotes after a cue ('whose name means'), as the owner's mention
    and the name's mention (found, or made here)."""
    out: list[tuple[int, int | Mention]] = []
    for m in _translation_re().finditer(text):
        said = m.group(1).strip()
        if not said[:1].isupper():
            continue  # 'meaning "struggle"': a word translated, no name
        owner = _last_before(ms, starts, _sentence_start(text, m.start()), m.start(), ("Organization", "Person"))
        if owner is None or not _NEAR_RE.fullmatch(text, ms[owner].end, m.start()):
            continue
        s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        j = by_start.get(s)
        if j is not None and ms[j].end == s + len(said):
            out.append((owner, j))
        elif j is None:
            o = ms[owner]
            out.append((owner, Mention(s, s + len(said), said, o.type, "alias", o.ref)))
    return out


@cache
def _field_re() -> re.Pattern[str]:
    labels = sorted(word_list("aliases", "name_fields"), key=len, reverse=True)
    return re.compile(r"^[ \t]*(?i:" + "|".join(re.escape(x) for x in labels) + r")[ \t]*(?P<sep>[:|\t][ \t|]*|[ \t]+)"
                      r"(?P<value>\S[^\n]*)$", re.MULTILINE)


_ITEM_SPLIT_RE = re.compile(r"\s*(?:[;,|\t]|\s/\s)\s*")
_QUOTES = "‘'“\"’”"


def _title_owner(text: str, ms: list[Mention], starts: list[int], pos: int) -> int | None:
    """The group or person a field line at ``pos`` belongs to: the last one named on a short
    line of its own above it (a profile's title, a listing's heading), else the first one
    the text names."""
    for i in range(bisect_left(starts, pos) - 1, -1, -1):
        m = ms[i]
        if m.type not in ("Organization", "Person"):
            continue
        a = text.rfind("\n", 0, m.start) + 1
        b = text.find("\n", m.end)
        line = text[a:b if b >= 0 else len(text)]
        if len(line) <= 100 and not line.rstrip().endswith(".") and not _field_re().match(line):
            return i
    return next((i for i in range(bisect_left(starts, pos)) if ms[i].type in ("Organization", "Person")), None)


def field_names(text: str, ms: list[Mention], starts: list[int], by_start: dict[int, int]) -> list[tuple[int, int | Mention]]:
    """The names a field line of other names lists ('Also known as: A; B; C'), each the
    owner's: the group or person whose title heads the lines."""
    out: list[tuple[int, int | Mention]] = []
    for f in _field_re().finditer(text):
        if not f.group("sep").strip() and (len(f.group(0)) > 140 or f.group(0).rstrip().endswith(".")):
            continue  # 'Known as the Valley Army, the group ...': a sentence, no field
        owner = _title_owner(text, ms, starts, f.start())
        if owner is None:
            continue
        o = ms[owner]
        pos = f.start("value")
        for part in _ITEM_SPLIT_RE.split(f.group("value")):
            at = text.find(part, pos) if part else -1
            if at < 0:
                continue
            pos = at + len(part)
            s, e = at, at + len(part.rstrip(" ."))
            while s < e and text[s] in _QUOTES:
                s += 1
            while e > s and text[e - 1] in _QUOTES:
                e -= 1
            name = text[s:e]
            if not name or (not name[0].isupper() and name[0] not in "ʿ‘") or len(name.split()) > 9:
                continue
            j = by_start.get(s)
            if j is not None and j != owner and ms[j].end == e:
                out.append((owner, j))
            elif j is None:
                out.append((owner, Mention(s, e, name, o.type, "alias", o.ref)))
    return out
