"""Run the ordered extraction stages over one document.

mentions -> entities (in-text aliases, short names) -> coreference -> sentences ->
claims (one rule module per predicate family) -> stance, source and time -> Extraction.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from allegiance import settings
from allegiance.model.types import Claim, Document, Extraction, Segment, Span, TimeInterval
from allegiance.pipeline import incidents, mentions
from allegiance.pipeline.claims import fields
from allegiance.pipeline.claims.subject import subject_mentions, subject_of
from allegiance.pipeline.merging import named_agents
from allegiance.pipeline.nlp import load_nlp, make_doc, parse_docs
from allegiance.pipeline.pieces import cut_segments
from allegiance.pipeline.priors import apply_priors
from allegiance.pipeline.reading import Context, SentenceReader, begin
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


@dataclass
class Prepared:
    """A document made ready for the parser: its segments (long ones cut into pieces), the
    names found before parsing and their spans, which the tokens of each segment keep whole."""

    doc: Document
    segs: list[Segment]
    given: str | None
    curated: list[mentions.Mention]
    #: the labels of field lines, which no name runs across
    labels: list[tuple[int, int]]
    #: the starts and ends of the curated names, in text order (compact: a long document
    #: holds them while it is read)
    starts: array[int]
    ends: array[int]
    #: per segment, its text tokenised (not yet parsed), when made at once
    tokens: list[SpacyDoc]

    def inside(self, i: int) -> list[tuple[int, int]]:
        """The curated names inside segment ``i``, as offsets in the segment."""
        s = self.segs[i]
        lo, hi = bisect_left(self.starts, s.start), bisect_right(self.starts, s.end)
        return [(a - s.start, b - s.start) for a, b in zip(self.starts[lo:hi], self.ends[lo:hi]) if b <= s.end]

    def tokenize(self, i: int) -> SpacyDoc:
        """Segment ``i``'s text tokenised with its names kept whole."""
        s = self.segs[i]
        return make_doc(load_nlp(), self.doc.text[s.start:s.end], self.inside(i))


def prepare(doc: Document, *, tokenize: bool = True) -> Prepared:
    """The work done on ``doc`` before its parse: segments and curated names, and (unless
    ``tokenize`` is false, for a document read window by window) every segment tokenised."""
    text = doc.text
    given = subject_of(doc.metadata)  # the entity the document is about, where it names one
    own = subject_mentions(text, given) if given else []
    labels = fields.label_spans(text)
    curated = mentions.combine(mentions.cut_at(mentions.gazetteer_mentions(text), labels, text),
                               mentions.cut_at(mentions.pattern_mentions(text), labels, text) + own)
    spans = sorted((m.start, m.end) for m in curated)
    segs = cut_segments(_segments(doc), text, spans)
    prep = Prepared(doc, segs, given, curated, labels, array("q", (a for a, _ in spans)),
                    array("q", (b for _, b in spans)), [])
    del spans
    if tokenize:
        prep.tokens = [prep.tokenize(i) for i in range(len(segs))]
    return prep


Result = Extraction | Exception

#: a text whose extraction reads the model and every table the stages use
_WARM_UP = Document("warm-up", "Ansar al-Islam, a group based in northern Iraq, pledged allegiance "
                               "to the Islamic State in June 2014; its leader was killed in Mosul.")


def warm_up() -> None:
    """Load the model and the tables of every stage (they load when first used) by
    extracting one short text; its result is dropped."""
    extract_batch([_WARM_UP])


#: a document longer than this (in characters) is read window by window (:func:`extract_long`):
#: parsed whole, a document holds every segment's parse at once (the example repeated to
#: 976,000 characters peaks at 274 MB that way, at 194 MB window by window, in less CPU);
#: up to this length, parsing it whole costs less CPU and stays under 250 MB
LONG_CHARS = 200_000
#: the characters of the segments parsed together in one window of a long document
WINDOW_CHARS = 100_000
#: the tokens parsed in one batch of a long document's window: the parse's intermediate
#: arrays grow with the batch (about 12 kB a token), and a window's segments are long enough
#: that smaller batches cost no more time
LONG_BATCH_TOKENS = 1_000


def extract_batch(docs: Sequence[Document], *, attribution_priors: bool | None = None) -> list[Result]:
    """Extract ``docs`` with one batched parse of all their segments, in order (a document
    longer than ``LONG_CHARS`` is read window by window on its own).

    Each place holds the document's Extraction or the exception that stopped it, so one
    bad document leaves the others' results whole.
    """
    results: list[Exception | Prepared | Document] = []
    for doc in docs:
        try:
            results.append(doc if len(doc.text) > LONG_CHARS else prepare(doc))
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
        if isinstance(r, Exception):
            out.append(r)
            continue
        try:
            if isinstance(r, Document):
                out.append(extract_long(r, attribution_priors=attribution_priors))
                continue
            if parsed is not None:
                mine = parsed[pos:pos + len(r.tokens)]
                pos += len(r.tokens)
            else:
                mine = parse_docs(nlp, r.tokens)
            out.append(extract_parsed(r, mine, attribution_priors=attribution_priors))
        except Exception as e:  # noqa: BLE001 - reported in the document's place
            out.append(e)
    return out


def extract_long(doc: Document, *, attribution_priors: bool | None = None,
                 window_chars: int = WINDOW_CHARS) -> Extraction:
    """Extract ``doc`` reading its segments a window at a time, in two passes: the model's
    names first (its entity recogniser alone), then, with every entity known, the sentences
    (the rest of the pipeline, the names of the first pass set back on each parse). Only a
    window's parses are held at once, so memory grows with the names and claims found,
    not with the parses; the result is the one :func:`extract_batch` gives."""
    prep = prepare(doc, tokenize=False)
    nlp = load_nlp()
    windows = _windows(prep.segs, window_chars)
    # per segment, the model's names as one flat tuple (start, end, label, start, ...): a long
    # document holds them from the first pass to the second
    names: list[tuple[int | str, ...]] = [() for _ in prep.segs]
    ner: list[mentions.Mention] = []
    if "ner" in nlp.pipe_names:
        with nlp.select_pipes(enable=["ner"]):
            for w in windows:
                for i, sdoc in zip(w, parse_docs(nlp, [prep.tokenize(i) for i in w], batch_tokens=LONG_BATCH_TOKENS)):
                    names[i] = tuple(x for e in sdoc.ents for x in (e.start, e.end, e.label_))
                    ner.extend(_model_mentions(prep, i, sdoc))
    ctx = begin(prep.doc, prep.segs, prep.given, _found(prep, ner))
    del ner
    prep.curated = []  # the entities hold the names now
    reader = SentenceReader(ctx)
    with nlp.select_pipes(disable=[n for n in ("ner",) if n in nlp.pipe_names]):
        for w in windows:
            parsed = parse_docs(nlp, [prep.tokenize(i) for i in w], batch_tokens=LONG_BATCH_TOKENS)
            for i, sdoc in zip(w, parsed):
                flat = names[i]
                sdoc.ents = [SpacySpan(sdoc, int(flat[k]), int(flat[k + 1]), label=str(flat[k + 2]))
                             for k in range(0, len(flat), 3)]
                names[i] = ()
            reader.add(w, parsed)
            del parsed
    reader.finish()
    return _finish(ctx, reader, attribution_priors)


def _windows(segs: list[Segment], size: int) -> list[list[int]]:
    """Runs of consecutive segments of about ``size`` characters (at least one segment)."""
    out: list[list[int]] = []
    run: list[int] = []
    chars = 0
    for i, s in enumerate(segs):
        if run and chars + (s.end - s.start) > size:
            out.append(run)
            run, chars = [], 0
        run.append(i)
        chars += s.end - s.start
    if run:
        out.append(run)
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
    ner = [m for i, sdoc in enumerate(parsed) for m in _model_mentions(prep, i, sdoc)]
    ctx = begin(prep.doc, prep.segs, prep.given, _found(prep, ner))
    reader = SentenceReader(ctx)
    reader.add(range(len(prep.segs)), parsed)
    reader.finish()
    return _finish(ctx, reader, attribution_priors)


def _model_mentions(prep: Prepared, i: int, sdoc: SpacyDoc) -> list[mentions.Mention]:
    """The statistical model's names in segment ``i``, placed in the document's text."""
    seg, text = prep.segs[i], prep.doc.text
    return [mentions.Mention(m.start + seg.start, m.end + seg.start, m.text, m.type, m.source)
            for m in mentions.ner_mentions(sdoc, text[seg.start:seg.end])]


def _found(prep: Prepared, ner: list[mentions.Mention]) -> list[mentions.Mention]:
    return mentions.combine(prep.curated, mentions.cut_at(ner, prep.labels, prep.doc.text))


def _finish(ctx: Context, reader: SentenceReader, attribution_priors: bool | None) -> Extraction:
    """The document's claims from its field lines joined to those of its sentences; repeats
    merged; ids given."""
    doc, text, entities = ctx.doc, ctx.doc.text, ctx.entities
    types = [e.type for e in entities]

    def dated(expr: str) -> TimeInterval | None:
        return parse_time(expr, doc.published)

    page = ctx.about if ctx.about is not None else _first_line_entity(text, ctx.groups.mentions, types)
    for fc in fields.find(text, ctx.groups.mentions, types, page, dated):
        a, b = fc.evidence
        claim = Claim(
            id="", subject=entities[fc.subject].id if fc.subject is not None else None, predicate=fc.predicate,
            object=entities[fc.object].id if fc.object is not None else None, evidence=Span(a, b, text[a:b]),
            stance=fc.stance, source=None, time=fc.time, role=None, cue=fc.cue)
        claim.qualifiers["finder"] = fields.FINDER
        reader.merged.add(claim, "author")
    claims = named_agents(reader.merged.claims)
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


__all__ = [
    "Prepared", "TimeInterval", "extract_batch", "extract_document", "extract_documents", "extract_parsed",
    "fallback_segments", "prepare",
]
