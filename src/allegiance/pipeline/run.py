"""Run the ordered extraction stages over one document.

mentions -> entities (in-text aliases, short names) -> coreference -> sentences ->
claims (one rule module per predicate family) -> stance, source and time -> Extraction.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc as SpacyDoc

from allegiance import settings
from allegiance.model.types import Claim, Document, Entity, Extraction, Segment, Span, TimeInterval
from allegiance.model.vocab import vocabulary
from allegiance.pipeline import coref, incidents, mentions, stance
from allegiance.pipeline.claims import allegiance as fam_allegiance
from allegiance.pipeline.claims import fields
from allegiance.pipeline.claims.registry import find_claims
from allegiance.pipeline.claims.engine import RawClaim
from allegiance.pipeline.claims.subject import document_subject, subject_mentions, subject_of
from allegiance.pipeline.claims.view import SentenceView
from allegiance.pipeline.entities import group_mentions
from allegiance.pipeline.nlp import load_nlp, make_doc, parse_docs
from allegiance.pipeline.pieces import cut_segments
from allegiance.pipeline.priors import apply_priors
from allegiance.pipeline.timeattach import attach_time, times_in
from allegiance.pipeline.timex import parse_time

_BLOCK_RE = re.compile(r"\n\s*\n")


def fallback_segments(text: str) -> list[Segment]:
    """Paragraphs split on blank lines, for documents read without structure."""
    out = []
    pos = 0
    for m in list(_BLOCK_RE.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Segment("paragraph", pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else len(text)
    return out


@cache
def _reference_names() -> dict[str, list[str]]:
    """Reference id -> its canonical name, then its aliases."""
    from allegiance.reference.gazetteer import load_gazetteer

    return {r.id: [r.name, *r.aliases] for r in load_gazetteer().records}


def _segments(doc: Document) -> list[Segment]:
    segs = [s for s in doc.segments if s.kind != "quote" and s.end > s.start]
    segs = segs or fallback_segments(doc.text)
    segs.sort(key=lambda s: s.start)
    out: list[Segment] = []
    for s in segs:  # keep non-overlapping blocks
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


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


def _describes_next(text: str, np: coref.Ref, names: list[coref.Ref]) -> bool:
    """Is the noun phrase ``np`` followed at once by the name it describes? Then it is no
    reference back to an earlier entity ('Not affiliated with the humanitarian group X')."""
    return np.kind == "np" and any(
        r.kind == "name" and r.start >= np.end and _DESCRIBED_RE.match(text[np.end:r.start]) for r in names)


@dataclass
class Prepared:
    """A document made ready for the parser: its segments (long ones cut into pieces), the
    names found before parsing and, per segment, its text tokenised (not yet parsed) with
    those names kept whole."""

    doc: Document
    segs: list[Segment]
    given: str | None
    curated: list[mentions.Mention]
    #: the labels of field lines, which no name runs across
    labels: list[tuple[int, int]]
    tokens: list[SpacyDoc]

    @property
    def size(self) -> int:
        return sum(len(t) for t in self.tokens)


def prepare(doc: Document) -> Prepared:
    """The work done on ``doc`` before its parse: segments and curated names."""
    text = doc.text
    nlp = load_nlp()
    given = subject_of(doc.metadata)  # the entity the document is about, where it names one
    own = subject_mentions(text, given) if given else []
    labels = fields.label_spans(text)
    curated = mentions.combine(mentions.cut_at(mentions.gazetteer_mentions(text), labels, text),
                               mentions.cut_at(mentions.pattern_mentions(text), labels, text) + own)
    spans = sorted((m.start, m.end) for m in curated)
    segs = cut_segments(_segments(doc), text, spans)
    tokens = []
    lo = 0
    for s in segs:  # the names inside each segment, found by bisection (segments are in order)
        lo = bisect_left(spans, (s.start, s.start), lo)
        hi = bisect_right(spans, (s.end, s.end), lo)
        inside = [(a - s.start, b - s.start) for a, b in spans[lo:hi] if b <= s.end]
        tokens.append(make_doc(nlp, text[s.start:s.end], inside))
    return Prepared(doc, segs, given, curated, labels, tokens)


Result = Extraction | Exception

#: a text whose extraction reads the model and every table the stages use
_WARM_UP = Document("warm-up", "Ansar al-Islam, a group based in northern Iraq, pledged allegiance "
                               "to the Islamic State in June 2014; its leader was killed in Mosul.")


def warm_up() -> None:
    """Load the model and the tables of every stage (they load when first used) by
    extracting one short text; its result is dropped."""
    extract_batch([_WARM_UP])


def extract_batch(docs: Sequence[Document], *, attribution_priors: bool | None = None) -> list[Result]:
    """Extract ``docs`` with one batched parse of all their segments, in order.

    Each place holds the document's Extraction or the exception that stopped it, so one
    bad document leaves the others' results whole.
    """
    results: list[Result | Prepared] = []
    for doc in docs:
        try:
            results.append(prepare(doc))
        except Exception as e:  # noqa: BLE001 - reported in the document's place
            results.append(e)
    ready = [r for r in results if isinstance(r, Prepared)]
    nlp = load_nlp()
    try:
        parsed = parse_docs(nlp, [t for p in ready for t in p.tokens])
    except Exception:  # noqa: BLE001 - parse alone, to find the document that fails
        parsed = None
    out: list[Result] = []
    pos = 0
    for r in results:
        if not isinstance(r, Prepared):
            out.append(r)
            continue
        try:
            if parsed is not None:
                mine = parsed[pos:pos + len(r.tokens)]
                pos += len(r.tokens)
            else:
                mine = parse_docs(nlp, r.tokens)
            out.append(extract_parsed(r, mine, attribution_priors=attribution_priors))
        except Exception as e:  # noqa: BLE001 - reported in the document's place
            out.append(e)
    return out


def extract_documents(
    docs: Iterable[Document],
    *,
    attribution_priors: bool | None = None,
    max_docs: int = 64,
    max_chars: int = 100_000,
) -> Iterator[Extraction]:
    """Extract a stream of documents, parsed in batches; raises the first error met."""
    batch: list[Document] = []
    size = 0
    for doc in docs:
        if batch and (len(batch) >= max_docs or size + len(doc.text) > max_chars):
            yield from _raised(extract_batch(batch, attribution_priors=attribution_priors))
            batch, size = [], 0
        batch.append(doc)
        size += len(doc.text)
    if batch:
        yield from _raised(extract_batch(batch, attribution_priors=attribution_priors))


def _raised(results: list[Result]) -> Iterator[Extraction]:
    for r in results:
        if isinstance(r, Exception):
            raise r
        yield r


def extract_document(doc: Document, *, attribution_priors: bool | None = None) -> Extraction:
    """Extract entities and claims from ``doc``.

    ``attribution_priors`` (default: the ``ALLEGIANCE_ATTRIBUTION_PRIORS`` setting, off) adds
    an ``alleged`` perpetrator from the country priors to attack reports that name none.
    """
    result = extract_batch([doc], attribution_priors=attribution_priors)[0]
    if isinstance(result, Exception):
        raise result
    return result


def extract_parsed(
    prep: Prepared, parsed: Sequence[SpacyDoc], *, attribution_priors: bool | None = None
) -> Extraction:
    """The Extraction of a prepared document, given its segments parsed (``prep.tokens``
    through the spaCy pipeline, in order)."""
    doc, segs, given, curated, labels = prep.doc, prep.segs, prep.given, prep.curated, prep.labels
    text = doc.text

    # mentions and entities
    ner: list[mentions.Mention] = []
    for seg, sdoc in zip(segs, parsed):
        for m in mentions.ner_mentions(sdoc, text[seg.start:seg.end]):
            ner.append(mentions.Mention(m.start + seg.start, m.end + seg.start, m.text, m.type, m.source))
    found = mentions.combine(curated, mentions.cut_at(ner, labels, text))
    groups = group_mentions(text, found, _reference_names())
    entities = groups.entities
    # the entity the document is about: the subject of its subjectless clauses
    about = document_subject(given, entities) if given else None

    # name references with their tokens, then coreference per segment
    starts = [s.start for s in segs]

    def seg_index(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < segs[i].end else -1

    refs_by_seg: dict[int, list[coref.Ref]] = {i: [] for i in range(len(segs))}
    for m in groups.mentions:
        i = seg_index(m.start)
        if i < 0:
            continue
        span = parsed[i].char_span(m.start - segs[i].start, m.end - segs[i].start, alignment_mode="expand")
        head = span.root.i if span is not None and len(span) else 0
        is_subj = coref.is_subject(span.root) if span is not None and len(span) else False
        main = coref.is_main_subject(span.root) if span is not None and len(span) else False
        refs_by_seg[i].append(coref.Ref(m.start, m.end, m.entity, entities[m.entity].type, "name", head, is_subj,
                                        main))
    types = [e.type for e in entities]
    for i, (seg, sdoc) in enumerate(zip(segs, parsed)):
        shifted = [coref.Ref(r.start - seg.start, r.end - seg.start, r.entity, r.type, r.kind, r.token, r.subject,
                             r.main)
                   for k in _window(segs, i, seg_index) + [i] for r in refs_by_seg[k]]
        new = coref.resolve(sdoc, shifted, types, full_text=text, offset=seg.start)
        seg_text = text[seg.start:seg.end]  # the parsed text (sdoc.text rebuilds it token by token)
        new = [r for r in new if not _describes_next(seg_text, r, shifted)]
        for r in new:
            refs_by_seg[i].append(coref.Ref(r.start + seg.start, r.end + seg.start, r.entity, r.type, r.kind,
                                            r.token, r.subject, r.main))

    # witness of a testimony
    def entity_named(name: str | None) -> int | None:
        if not name:
            return None
        for n, e in enumerate(entities):
            if name in e.names():
                return n
        return None

    # a year inside a name ('the 1920s Revolution Brigades') says nothing of when
    by_start = sorted(groups.mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in by_start]
    longest = max((m.end - m.start for m in by_start), default=0)

    def named_here(a: int, b: int) -> list[mentions.Mention]:
        lo = bisect_right(mention_starts, a - longest)
        return [m for m in by_start[lo:bisect_right(mention_starts, b)] if m.start < b and a < m.end]

    countries = frozenset(n for n, e in enumerate(entities) if _country(e))
    # sentences
    views: list[SentenceView] = []
    for i, (seg, sdoc) in enumerate(zip(segs, parsed)):
        witness = entity_named(seg.source_name) if seg.speaker == "witness" else None
        for sent in sdoc.sents:
            a, b = seg.start + sent.start_char, seg.start + sent.end_char
            if not text[a:b].strip():
                continue
            refs = sorted((r for r in refs_by_seg[i] if a <= r.start < b), key=lambda r: r.start)
            view = SentenceView(a, b, text, sdoc, seg.start, refs, seg.speaker, witness, len(views), kind=seg.kind,
                                countries=countries)
            if about is not None:
                view.document_subject = coref.Ref(a, a, about, entities[about].type, "document", -1)
            names_here = named_here(a, b)
            view.times = [t for t in times_in(text, a, b, doc.published)
                          if not any(m.start < t.end and t.start < m.end for m in names_here)]
            view.context = (views[-1].sent_text + " " if views else "") + view.sent_text
            views.append(view)

    for prev_view, next_view in zip(views, views[1:]):
        if next_view.doc is prev_view.doc:
            prev_view.following = next_view
    captions = _caption_sentences(text, views)
    # claims
    raws: list[tuple[RawClaim, int]] = []
    for k, view in enumerate(views):
        if view.kind in ("title", "header", "heading") or view.start in captions:
            continue  # a headline or a caption names things; it states nothing with a date or a source
        raws.extend((c, k) for c in find_claims(view))
    raws.extend(fam_allegiance.repeated(views, raws))
    raws.sort(key=lambda ck: (ck[1], ck[0].cue_start))

    vocab = vocabulary()
    claims: list[Claim] = []
    voices: dict[int, str] = {}  # id(claim) -> who speaks in its segment
    for raw, k in raws:
        pred = vocab.predicates[raw.rule.predicate]
        subj: int | None = raw.subject.entity if raw.subject is not None else None
        obj: int | None = raw.object.entity if raw.object is not None else None
        if subj is None and not pred.subject_optional:
            continue
        if obj is None and pred.object_types and not pred.object_optional and raw.rule.object != "none":
            continue
        if subj is not None and entities[subj].type not in pred.subject_types:
            continue
        if obj is not None and entities[obj].type not in pred.object_types:
            continue
        if any(e is not None and entities[e].type == "Place" and not pred.place_party(side) and not _country(entities[e])
               for side, e in (("subject", subj), ("object", obj))):
            continue  # 'fought in Mosul' is no enmity with Mosul; a country may be a party
        view = raw.sentence
        if stance.is_irrealis(raw):
            continue
        prev = views[k - 1] if k > 0 else None
        nxt = views[k + 1] if k + 1 < len(views) else None
        st = stance.decide(raw, prev, nxt)
        src = stance.source_for(raw)
        if src is not None and src == subj and view.speaker != "witness" and st != "claimed":
            # 'According to X- of the remnant of Y-': the author's description of the source.
            # A deed X says it did ('X said it attacked Y') is X's claim, with X as its source
            src = None
            if st == "reported":
                st = "asserted"
        time = attach_time(raw if raw.dated_by is None else replace(raw, cue_start=raw.dated_by[0],
                                                                    cue_end=raw.dated_by[1]))
        if time is None and raw.rule.time == "event":
            time = _leading_time(view, views[k - 1] if k > 0 else None)
        if time is None and raw.role and re.match(r"(?i)(?:former|ex-|one-time|erstwhile)\b", raw.role):
            # 'the former leader of X': it ended before the document was written
            bound = doc.published
            time = TimeInterval(None, _end_of(bound) if bound else None, raw.role.split()[0], "open")
        claims.append(Claim(
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
        ))
        implicit = [side for side, ref in (("subject", raw.subject), ("object", raw.object))
                    if ref is not None and ref.kind == "document"]
        if implicit:
            # the sentence does not name it: it is the document's subject ('Associated with X')
            claims[-1].qualifiers["document_subject"] = implicit[0]
        voices[id(claims[-1])] = view.speaker if src is None or view.speaker == "witness" else f"source:{src}"
    def dated(expr: str) -> TimeInterval | None:
        return parse_time(expr, doc.published)

    page = about if about is not None else _first_line_entity(text, groups.mentions, types)
    for fc in fields.find(text, groups.mentions, types, page, dated):
        a, b = fc.evidence
        claims.append(Claim(
            id="", subject=entities[fc.subject].id if fc.subject is not None else None, predicate=fc.predicate,
            object=entities[fc.object].id if fc.object is not None else None, evidence=Span(a, b, text[a:b]),
            stance=fc.stance, source=None, time=fc.time, role=None, cue=fc.cue))
        claims[-1].qualifiers["finder"] = fields.FINDER
    claims = _named_agents(_merge_duplicates(claims, voices))
    claims, entities = incidents.consolidate(claims, entities, text, doc.metadata, dated)
    for n, c in enumerate(claims):
        key = f"{doc.content_hash}|{c.subject}|{c.predicate}|{c.object}|{c.evidence.start}|{c.stance}"
        c.id = f"c{n + 1}-" + hashlib.sha256(key.encode()).hexdigest()[:10]
    ex = Extraction(document=doc.meta_dict(), entities=entities, claims=claims, text=text)
    if settings.ATTRIBUTION_PRIORS if attribution_priors is None else attribution_priors:
        ex = apply_priors(ex, text)
    return ex


def _first_line_entity(text: str, found: list[mentions.Mention], types: list[str]) -> int | None:
    """The entity a profile is about: the first person or group named on its first line,
    when that line is a title (short, no sentence)."""
    stripped = text.lstrip()
    first = stripped.split("\n", 1)[0]
    a = len(text) - len(stripped)
    b = a + len(first)
    # a title run together with the fields after it ('X Leaders A (2007–2010) Allies B')
    b = min([b, *(s for s, _ in fields.label_spans(text[:b]) if s > a)])
    first = text[a:b]
    if not first.strip() or len(first) > 100:
        return None
    here = sorted((m for m in found if a <= m.start and m.end <= b and types[m.entity] in ("Organization", "Person")),
                  key=lambda m: m.start)
    return here[0].entity if here else None


@cache
def _caption_re() -> re.Pattern[str]:
    from allegiance.ingest.cues import ingest_cues

    words = ingest_cues().get("caption_markers") or []
    return re.compile("|".join(re.escape(str(w)) for w in words) or r"(?!)", re.IGNORECASE)


def _caption_sentences(text: str, views: list[SentenceView]) -> set[int]:
    """Starts of the sentences of picture captions: a short line with a caption marker."""
    out: set[int] = set()
    rx = _caption_re()
    breaks = [m.start() for m in re.finditer("\n", text)]
    for v in views:
        k = bisect_right(breaks, v.start)
        a = breaks[k - 1] + 1 if k > 0 else 0
        b = breaks[k] if k < len(breaks) else len(text)
        if b - a <= 200 and rx.search(text, a, b):
            out.add(v.start)
    return out


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


def _named_agents(claims: list[Claim]) -> list[Claim]:
    """A deed with an unknown agent or victim is dropped where its sentence names them for
    the same deed ('Z was killed in an ambush carried out by X': X killed Z, not someone;
    'the leader of X was killed': the leader was, not someone)."""
    named = {(c.evidence.start, c.predicate, c.object) for c in claims if c.subject is not None}
    victims = {(c.evidence.start, c.predicate, c.subject) for c in claims if c.object is not None}
    preds = vocabulary().predicates
    return [c for c in claims
            if (c.subject is not None or (c.evidence.start, c.predicate, c.object) not in named
                or not preds[c.predicate].subject_optional)
            and (c.object is not None or (c.evidence.start, c.predicate, c.subject) not in victims
                 or not preds[c.predicate].object_optional)]


def _fact(stance_name: str) -> str:
    return vocabulary().stances.get(stance_name, "positive")


def _merge_duplicates(claims: list[Claim], voices: dict[int, str]) -> list[Claim]:
    """One claim per statement: an untimed repeat joins the timed claim it restates.

    Only where the same voice says it, or where the author's notes comment on a testimony:
    a statement attributed to someone else ('according to X') stays a claim of its own.
    Claims that may merge share a key (their statement and their voice, the author and a
    witness counted as one), so each claim is compared only with the earlier ones of its key.
    """
    def voice(c: Claim) -> str:
        v = voices.get(id(c), "author")
        return "author" if v == "witness" else v

    out: list[Claim] = []
    kept: dict[tuple[Any, ...], _Kept] = {}
    for c in claims:
        same = kept.setdefault((c.subject, c.predicate, c.object, _fact(c.stance), voice(c)), _Kept())
        twin = same.at.get(c.evidence.start)
        if twin is None and c.time is not None:
            # the same statement with the same time, said again: one claim with two spans
            twin = same.with_time(c.time)
        if twin is None:
            # an untimed claim joins the first of its key; a timed one the first untimed one
            twin = (same.claims[0] if same.claims else None) if c.time is None else same.first_untimed()
        if twin is None:
            out.append(c)
            same.add(c)
            continue
        if twin.time is None and c.time is not None:
            twin.time = c.time
            same.timed(twin)
        extra: list[dict[str, Any]] = twin.qualifiers.setdefault("also_evidence", [])
        if c.evidence.start != twin.evidence.start:
            extra.append({"start": c.evidence.start, "end": c.evidence.end})
        if not extra:
            twin.qualifiers.pop("also_evidence")
    return out


class _Kept:
    """The claims kept under one key, in order, found by evidence start and by time."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.at: dict[int, Claim] = {}
        self._untimed: deque[Claim] = deque()
        self._order: dict[int, int] = {}
        self._by_time: dict[tuple[Any, Any], Claim] = {}

    def add(self, c: Claim) -> None:
        self._order[id(c)] = len(self.claims)
        self.claims.append(c)
        self.at.setdefault(c.evidence.start, c)
        if c.time is None:
            self._untimed.append(c)
        else:
            self.timed(c)

    def timed(self, c: Claim) -> None:
        """Record ``c``'s time (it has just gained one, or was added with it): the first
        claim in order holding a time is the one found by it."""
        assert c.time is not None
        key = (c.time.start, c.time.end)
        other = self._by_time.get(key)
        if other is None or self._order[id(c)] < self._order[id(other)]:
            self._by_time[key] = c

    def with_time(self, t: TimeInterval) -> Claim | None:
        return self._by_time.get((t.start, t.end))

    def first_untimed(self) -> Claim | None:
        while self._untimed and self._untimed[0].time is not None:  # a claim only gains a time
            self._untimed.popleft()
        return self._untimed[0] if self._untimed else None


__all__ = [
    "Prepared", "TimeInterval", "extract_batch", "extract_document", "extract_documents", "extract_parsed",
    "fallback_segments", "prepare",
]
