"""Reading a document's parsed segments for claims, a run of segments at a time.

The document's entities are known before any sentence is read (:func:`begin`); a
:class:`SentenceReader` then takes the parsed segments in text order, in one run or in
several (a long document is parsed window by window), and keeps only what the next run
needs: every segment's references (small), the last two sentences, and the claims of the
last sentence, which wait for the sentence after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc as SpacyDoc

from allegiance.model.types import Claim, Document, Entity, Segment, Span, TimeInterval
from allegiance.model.vocab import vocabulary
from allegiance.pipeline import coref, listed, mentions, stance
from allegiance.pipeline.claims import allegiance as fam_allegiance
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.registry import find_claims
from allegiance.pipeline.claims.subject import document_subject
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.entities import EntityGroups, group_mentions
from allegiance.pipeline.merging import Merger
from allegiance.pipeline.timeattach import attach_time, bracketed_time, times_in
from allegiance.pipeline.timex import parse_time


@cache
def _reference_names() -> dict[str, list[str]]:
    """Reference id -> its canonical name, then its aliases."""
    from allegiance.reference.gazetteer import load_gazetteer

    return {r.id: [r.name, *r.aliases] for r in load_gazetteer().records}


@dataclass
class Context:
    """What every sentence of a document is read against: its segments, its entities and
    the mentions that name them."""

    doc: Document
    segs: list[Segment]
    groups: EntityGroups
    #: the entity the document is about: the subject of its subjectless clauses
    about: int | None
    countries: frozenset[int]
    #: the entities' mentions, by the index of the segment they are in
    by_seg: dict[int, list[mentions.Mention]]
    starts: list[int] = field(default_factory=list)
    _by_start: list[mentions.Mention] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    _longest: int = 0
    _line_breaks: list[int] = field(default_factory=list)
    _named: dict[str, int] | None = None

    @property
    def entities(self) -> list[Entity]:
        return self.groups.entities

    @property
    def text(self) -> str:
        return self.doc.text

    def seg_index(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.segs[i].end else -1

    def entity_named(self, name: str | None) -> int | None:
        """The first entity one of whose names is ``name`` (the witness of a testimony)."""
        if not name:
            return None
        if self._named is None:
            self._named = {}
            for n, e in enumerate(self.entities):
                for nm in e.names():
                    self._named.setdefault(nm, n)
        return self._named.get(name)

    def named_here(self, a: int, b: int) -> list[mentions.Mention]:
        """The mentions overlapping the text from ``a`` to ``b``."""
        lo = bisect_right(self._mention_starts, a - self._longest)
        return [m for m in self._by_start[lo:bisect_right(self._mention_starts, b)] if m.start < b and a < m.end]

    def in_caption(self, view: SentenceView) -> bool:
        """Is the sentence on a picture caption's line: a short line with a caption marker?"""
        k = bisect_right(self._line_breaks, view.start)
        a = self._line_breaks[k - 1] + 1 if k > 0 else 0
        b = self._line_breaks[k] if k < len(self._line_breaks) else len(self.text)
        return b - a <= 200 and _caption_re().search(self.text, a, b) is not None


def begin(doc: Document, segs: list[Segment], given: str | None, found: list[mentions.Mention]) -> Context:
    """The document's entities from all its mentions (``found``: curated and the model's,
    combined), and the tables its sentences are read with."""
    groups = group_mentions(doc.text, found, _reference_names())
    entities = groups.entities
    about = document_subject(given, entities) if given else None
    countries = frozenset(n for n, e in enumerate(entities) if _country(e))
    ctx = Context(doc, segs, groups, about, countries, {}, starts=[s.start for s in segs])
    for m in groups.mentions:
        i = ctx.seg_index(m.start)
        if i >= 0:
            ctx.by_seg.setdefault(i, []).append(m)
    # a year inside a name ('the 1920s Revolution Brigades') says nothing of when
    ctx._by_start = sorted(groups.mentions, key=lambda m: m.start)
    ctx._mention_starts = [m.start for m in ctx._by_start]
    ctx._longest = max((m.end - m.start for m in ctx._by_start), default=0)
    ctx._line_breaks = [m.start() for m in re.finditer("\n", doc.text)]
    return ctx


def _window(segs: list[Segment], idx: int, seg_index: Callable[[int], int]) -> list[int]:
    """The segments before ``idx`` where its antecedents may be found.

    A note looks back at the passage its marker stands in; an item at up to three earlier
    items of the same speaker; a paragraph at the paragraph before it.
    """
    seg = segs[idx]
    if seg.kind == "note" and seg.refers_to is not None:
        home = seg_index(seg.refers_to)
        return [home] if home >= 0 else []
    lo = idx
    while lo > 0 and idx - lo < 3 and segs[lo - 1].kind == seg.kind and segs[lo - 1].speaker == seg.speaker:
        lo -= 1
    if lo == idx and idx > 0 and segs[idx - 1].kind != "note":
        lo = idx - 1
    return list(range(lo, idx))


#: 'the humanitarian group X', 'The Organization of X': a noun phrase just before a name
_DESCRIBED_RE = re.compile(r"\s*(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


def _first_person(sdoc: SpacyDoc, offset: int, witness: int) -> list[coref.Ref]:
    """In a witness's words, 'I' as the subject of a clause of its own is the witness ('I
    joined X in 2013'); not in a clause that describes a noun ('people I knew who pledged')."""
    return [coref.Ref(t.idx + offset, t.idx + offset + len(t), witness, "Person", "pronoun", t.i,
                      coref.is_subject(t), coref.is_main_subject(t))
            for t in sdoc if t.text == "I" and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.pos_ in ("VERB", "AUX") and t.head.dep_ not in ("relcl", "acl")]


def _describes_next(text: str, np: coref.Ref, names: list[coref.Ref]) -> bool:
    """Is the noun phrase ``np`` followed at once by the name it describes? Then it is no
    reference back to an earlier entity ('Not affiliated with the humanitarian group X')."""
    return np.kind == "np" and any(
        r.kind == "name" and r.start >= np.end and _DESCRIBED_RE.match(text[np.end:r.start]) for r in names)


class SentenceReader:
    """Claims from a document's parsed segments, given in text order by :meth:`add`;
    :meth:`finish` reads the claims still waiting for a next sentence."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        #: the references of the segments read that a later segment may still look back at
        self.refs_by_seg: dict[int, list[coref.Ref]] = {}
        #: the claims found so far, repeats merged as they come
        self.merged = Merger()
        # the segments whose references a note looks back at, kept to the end
        self._homes = {ctx.seg_index(s.refers_to) for s in ctx.segs if s.kind == "note" and s.refers_to is not None}
        self._types = [e.type for e in ctx.entities]
        self._views: dict[int, SentenceView] = {}  # the sentences still needed, by index
        self._count = 0  # sentences read so far
        self._recent: list[tuple[RawClaim, int]] = []  # the found claims of the last two sentences
        self._waiting: list[tuple[RawClaim, int]] = []  # the claims of the last sentence
        #: the deed whose instances the list being read gives, and the stances of such deeds
        self._list_intro: RawClaim | None = None
        self._intro_stances: dict[int, str] = {}

    def add(self, seg_ids: Sequence[int], parsed: Sequence[SpacyDoc]) -> None:
        """Read the segments ``seg_ids`` (the next ones in text order), parsed as ``parsed``."""
        ctx, text, segs = self.ctx, self.ctx.text, self.ctx.segs
        entities = ctx.entities
        # name references with their tokens, then coreference per segment
        for i, sdoc in zip(seg_ids, parsed):
            self.refs_by_seg[i] = []
            for m in ctx.by_seg.get(i, ()):
                span = sdoc.char_span(m.start - segs[i].start, m.end - segs[i].start, alignment_mode="expand")
                head = span.root.i if span is not None and len(span) else 0
                is_subj = coref.is_subject(span.root) if span is not None and len(span) else False
                main = coref.is_main_subject(span.root) if span is not None and len(span) else False
                self.refs_by_seg[i].append(coref.Ref(m.start, m.end, m.entity, entities[m.entity].type, "name", head,
                                                     is_subj, main))
        for i, sdoc in zip(seg_ids, parsed):
            seg = segs[i]
            shifted = [coref.Ref(r.start - seg.start, r.end - seg.start, r.entity, r.type, r.kind, r.token,
                                 r.subject, r.main)
                       for k in _window(segs, i, ctx.seg_index) + [i] for r in self.refs_by_seg.get(k, ())
                       if not coref.first_person(text, r)]  # a witness's 'I' is no antecedent of 'he'
            new = coref.resolve(sdoc, shifted, self._types, full_text=text, offset=seg.start)
            seg_text = text[seg.start:seg.end]  # the parsed text (sdoc.text rebuilds it token by token)
            new = [r for r in new if not _describes_next(seg_text, r, shifted)]
            for r in new:
                self.refs_by_seg[i].append(coref.Ref(r.start + seg.start, r.end + seg.start, r.entity, r.type,
                                                     r.kind, r.token, r.subject, r.main))
            if seg.speaker == "witness" and (witness := ctx.entity_named(seg.source_name)) is not None:
                self.refs_by_seg[i].extend(_first_person(sdoc, seg.start, witness))
        first = self._count
        views = self._read_sentences(seg_ids, parsed)
        # claims
        found: list[tuple[RawClaim, int]] = []
        for view in views:
            if view.kind in ("title", "header", "heading") or ctx.in_caption(view):
                continue  # a headline or a caption names things; it states nothing with a date or a source
            claims = find_claims(view)
            if self._list_intro is not None and listed.is_item(view):
                claims = listed.under(self._list_intro, view, claims)
            else:
                self._list_intro = listed.introduces(view, claims)
                if self._list_intro is not None:
                    self._intro_stances[id(self._list_intro)] = ""
            found.extend((c, view.index) for c in claims)
        # waves repeating what the two sentences before found, which may be in the previous run
        known = sorted(k for k in self._views if k < first)
        base = known[0] if known else first
        again = fam_allegiance.repeated([self._views[k] for k in known] + views,
                                        [(c, k - base) for c, k in self._recent + found])
        raws = found + [(c, k + base) for c, k in again if k + base >= first]
        raws.sort(key=lambda ck: (ck[1], ck[0].cue_start))
        self._recent = [(c, k) for c, k in self._recent + found if k >= self._count - 2]
        ready = self._waiting + raws
        self._waiting = [ck for ck in ready if ck[1] >= self._count - 1]
        for raw, k in ready:
            if k < self._count - 1:
                self._claim(raw, k)
        for k in [k for k in self._views if k < self._count - 2]:
            del self._views[k]  # their parses are no longer needed
        if seg_ids:
            # a segment looks back at most three segments (:func:`_window`), a note at its home
            for k in [k for k in self.refs_by_seg if k < max(seg_ids) - 2 and k not in self._homes]:
                del self.refs_by_seg[k]

    def finish(self) -> None:
        """Read the claims of the last sentence, which has none after it."""
        for raw, k in self._waiting:
            self._claim(raw, k)
        self._waiting = []
        self._views.clear()

    def _read_sentences(self, seg_ids: Sequence[int], parsed: Sequence[SpacyDoc]) -> list[SentenceView]:
        ctx, text = self.ctx, self.ctx.text
        views: list[SentenceView] = []
        prev = self._views.get(self._count - 1)
        for i, sdoc in zip(seg_ids, parsed):
            seg = ctx.segs[i]
            witness = ctx.entity_named(seg.source_name) if seg.speaker == "witness" else None
            for sent in sdoc.sents:
                a, b = seg.start + sent.start_char, seg.start + sent.end_char
                if not text[a:b].strip():
                    continue
                refs = sorted((r for r in self.refs_by_seg[i] if a <= r.start < b), key=lambda r: r.start)
                view = SentenceView(a, b, text, sdoc, seg.start, refs, seg.speaker, witness, self._count,
                                    kind=seg.kind, countries=ctx.countries)
                if ctx.about is not None:
                    view.document_subject = coref.Ref(a, a, ctx.about, ctx.entities[ctx.about].type, "document", -1)
                names_here = ctx.named_here(a, b)
                view.times = [t for t in times_in(text, a, b, ctx.doc.published)
                              if not any(m.start < t.end and t.start < m.end for m in names_here)]
                view.context = (prev.sent_text + " " if prev is not None else "") + view.sent_text
                if prev is not None and view.doc is prev.doc:
                    prev.following = view
                views.append(view)
                self._views[self._count] = view
                self._count += 1
                prev = view
        return views

    def _claim(self, raw: RawClaim, k: int) -> None:
        """The claim ``raw`` of sentence ``k`` made whole (stance, source, time), or none."""
        ctx, text, entities = self.ctx, self.ctx.text, self.ctx.entities
        pred = vocabulary().predicates[raw.rule.predicate]
        subj: int | None = raw.subject.entity if raw.subject is not None else None
        obj: int | None = raw.object.entity if raw.object is not None else None
        if subj is None and not pred.subject_optional:
            return
        if obj is None and pred.object_types and not pred.object_optional and raw.rule.object != "none":
            return
        if subj is not None and entities[subj].type not in pred.subject_types:
            return
        if obj is not None and entities[obj].type not in pred.object_types:
            return
        if any(e is not None and entities[e].type == "Place" and not pred.place_party(side) and not _country(entities[e])
               for side, e in (("subject", subj), ("object", obj))):
            return  # 'fought in Mosul' is no enmity with Mosul; a country may be a party
        view = raw.sentence
        if stance.is_irrealis(raw):
            return
        prev = self._views.get(k - 1)
        st = stance.decide(raw, prev, self._views.get(k + 1))
        if id(raw) in self._intro_stances:
            self._intro_stances[id(raw)] = st
        elif raw.listed_under is not None:
            st = self._intro_stances.get(id(raw.listed_under)) or st  # the stance of the sentence that lists it
        src = stance.source_for(raw)
        if src is not None and src == subj and view.speaker != "witness" and st != "claimed":
            # 'According to X- of the remnant of Y-': the author's description of the source.
            # A deed X says it did ('X said it attacked Y') is X's claim, with X as its source
            src = None
            if st == "reported":
                st = "asserted"
        dated = raw if raw.dated_by is None else replace(raw, cue_start=raw.dated_by[0], cue_end=raw.dated_by[1])
        time = attach_time(dated)
        if time is None and raw.rule.time == "event":
            time = _leading_time(view, prev)
        former = bool(raw.role and re.match(r"(?i)(?:former|ex-|one-time|erstwhile)\b", raw.role))
        if time is None and former:
            # 'the former leader of X': it ended before the document was written
            bound = ctx.doc.published
            time = TimeInterval(None, _end_of(bound) if bound else None, (raw.role or "").split()[0], "open")
        elif time is not None and former and time.start is not None and bracketed_time(dated) is None:
            # 'the former leader of X, arrested in 2010': the role had ended by then; when it
            # began the text does not say
            time = TimeInterval(None, time.end, time.text, "open")
        claim = Claim(
            id="",
            subject=entities[subj].id if subj is not None else None,
            predicate=raw.rule.predicate,
            object=entities[obj].id if obj is not None else None,
            evidence=Span(view.start, view.end, text[view.start:view.end]),
            stance=st,
            source=entities[src].id if src is not None else None,
            time=time,
            role=raw.role,
            cue=text[raw.cue_start:raw.cue_end],
        )
        implicit = [side for side, ref in (("subject", raw.subject), ("object", raw.object))
                    if ref is not None and ref.kind == "document"]
        if implicit:
            # the sentence does not name it: it is the document's subject ('Associated with X')
            claim.qualifiers["document_subject"] = implicit[0]
        self.merged.add(claim, view.speaker if src is None or view.speaker == "witness" else f"source:{src}")


@cache
def _caption_re() -> re.Pattern[str]:
    from allegiance.ingest.cues import ingest_cues

    words = ingest_cues().get("caption_markers") or []
    return re.compile("|".join(re.escape(str(w)) for w in words) or r"(?!)", re.IGNORECASE)


_LEAD_RE = re.compile(r"^\W*(?:[A-Z][\w-]*\s+){0,2}?(?:(?:in|on|at|by|during|around)\s+)?$", re.IGNORECASE)


def _leading_time(view: SentenceView, prev: SentenceView | None = None) -> TimeInterval | None:
    """A date that opens the sentence ('On 15 January 2006, ...', 'April 10, 2007: ...') dates
    every deed in it that has no time of its own; so does a date that the line gives just
    before it ('First Attack: April 10, 2007: X used ...', read as two sentences)."""
    if prev is not None and prev.times and "\n" not in view.text[prev.start:view.start]:
        t = prev.times[-1]
        rest = (view.text[prev.start:t.start] + " " + view.text[t.end:prev.end]).replace(":", " ")
        if t.interval.precision != "relative" and _LEAD_RE.match(rest.strip() + " ") and \
                not view.text[t.end:prev.end].strip(" :–—-,"):
            return t.interval  # type: ignore[no-any-return]
    for t in view.times:
        if t.interval.precision == "relative":
            continue
        if _LEAD_RE.match(view.text[view.start:t.start].replace(":", " ")) and re.match(r"\s*[,:–—-]", view.text[t.end:t.end + 3]):
            return t.interval  # type: ignore[no-any-return]
        break
    return None


def _end_of(iso: str) -> str | None:
    """The last day a partial ISO date ('2015', '2015-03') allows."""
    iv = parse_time(iso)
    return iv.end if iv else None


@cache
def _countries() -> frozenset[str]:
    from allegiance.reference.gazetteer import load_gazetteer

    return frozenset(r.id for r in load_gazetteer().records if r.type == "Place" and r.subtype == "country")


def _country(entity: Entity) -> bool:
    return entity.reference_id is not None and entity.reference_id in _countries()
