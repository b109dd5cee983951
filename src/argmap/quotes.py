"""Quote verification: does each claim's `quote` occur in its source's text?

Source texts are found through the search path (`argmap.sourcetext`) and read once per map
(`source_texts`). Quotes and texts are compared after normalising typography only: quote
marks, dashes, white space and line breaks, footnote markers (superscript digits), markdown
emphasis (`*`), soft hyphens and letter case. Words are never normalised, so a quote with one
word changed is not found. `...` or `[...]` in a quote marks an omission: the parts must occur in
order. For a quote not found, rapidfuzz finds the closest passage. Where a text is absent, the
verification record (`argmap.record`) says which quotes were verified in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress
from pathlib import Path
from typing import Literal

from argmap.graph import ArgumentMap, Shared
from argmap.model import Claim, Source
from argmap.record import QuoteEntry, Record, RecordUnreadable, SourceEntry, digest, read_record
from argmap.sourcetext import Blocks, Unreadable, extract, locate, name_problem, search_path

_QUOTE_MARKS = "'\"‘’‚‛“”„‟«»‹›`´′″"
_DASHES = "‐‑‒–—―−"
_DROPPED = "*\u00ad\u200b\u200c\u200d\u2060\ufeff⁰¹²³⁴⁵⁶⁷⁸⁹"
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys(_QUOTE_MARKS, "'"),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(_DROPPED),
        "…": "...",
        "\u00a0": " ",
    }
)
#: Quote marks that open or close a quotation (not an apostrophe inside a word): quoting practice
#: changes or drops them, so they never count.
_QUOTATION = re.compile(r"(?<!\w)'|'(?!\w)")
_SPACED_DASH = re.compile(r" ?- ?")
_OMISSION = re.compile(r"\[\s*\.\.\.\s*\]|\.\.\.")


def normalise(text: str) -> str:
    """Typography made uniform, words untouched (case is kept for display; compare `.lower()`)."""
    return _words(_typography(text))


#: Joins the texts `normalise_all` normalises together: no line of a text holds it (it ends a line),
#: no step of `normalise` writes, removes or matches across it, and being ASCII, it keeps a text
#: of ASCII on `str.translate`'s fast path.
_SEPARATOR = "\x1e"


def normalise_all(texts: list[str]) -> list[str]:
    """`normalise` of each text. The character-wise steps run once over all the texts joined
    (two passes over a whole file instead of two per line): what they do at a text's edge they
    do beside the separator, which is neither a word character nor changed by them."""
    parts = _typography(_SEPARATOR.join(texts)).split(_SEPARATOR)
    if len(parts) != len(texts):  # a text held the separator (a PDF page may): each on its own
        parts = [_typography(text) for text in texts]
    return [_words(part) for part in parts]


def _typography(text: str) -> str:
    """Quote marks, dashes and dropped characters made uniform, character by character."""
    text = text.translate(_TYPOGRAPHY)
    if "'" in text:  # the regular expression only where it can match: most texts are long
        text = _QUOTATION.sub("", text)
    return text


def _words(text: str) -> str:
    """White space made single spaces, and a dash between words written without spaces."""
    text = " ".join(text.split())
    return _SPACED_DASH.sub("-", text) if "-" in text else text


@dataclass(frozen=True)
class Places:
    """Where each block of a source text starts in its key, and its number (`line N`: `unit`
    with N). Apart from the text, which a verified quote need not keep alive to say where it is."""

    starts: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()
    unit: str = ""

    def place(self, offset: int) -> str:
        """Where the text at `offset` of the key is: `line N`, `¶N` or `p. N` ("" when unknown)."""
        if not self.numbers:
            return ""
        return self.unit.format(self.numbers[max(bisect_right(self.starts, offset) - 1, 0)])


@dataclass(frozen=True)
class SourceText:
    """A source's `text:` file: read (`ok`); absent but in the verification record (`recorded`);
    no `text:` in the manifest (`none`); not found or unreadable (`missing`); or a name that
    leads out of its folder (`refused`, never read)."""

    source: str
    status: Literal["ok", "recorded", "none", "missing", "refused"]
    path: Path | None = None
    problem: str | None = None
    #: The normalised text, and its lower-case form for matching.
    text: str = ""
    key: str = ""
    #: Where each block of the text is.
    blocks: Places = Places()

    def place(self, offset: int) -> str:
        """Where the text at `offset` of `key` is: `line N`, `¶N` or `p. N`."""
        return self.blocks.place(offset)


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """Whether a claim's quote occurs in its source's text.

    `verified` (in the text, at `place`); `recorded` (the text is absent, and the verification
    record holds this quote unchanged); `unrecorded` (the text is absent and the record does not
    hold this quote as written); `not-found` (with the closest `passage`, normalised, its `score`
    0-100 and its `place`); `no-text` (a quote, but no text or record to check it against);
    `no-quote`."""

    status: Literal["verified", "recorded", "unrecorded", "not-found", "no-text", "no-quote"]
    source: str | None = None
    passage: str | None = None
    score: float | None = None
    #: Where the quote is; for a verified quote, its text's blocks and (`offset`) where it starts
    #: in the text's key, looked up as `place` only when asked for (a check never asks).
    at: str | Places = field(default="", repr=False)
    offset: int = field(default=0, repr=False)
    #: The normalised, lower-case quote, for its digest (verified and recorded quotes only).
    key: str = field(default="", compare=False, repr=False)

    @property
    def place(self) -> str:
        """`line N`, `¶N` or `p. N` ("" when not known)."""
        return self.at if isinstance(self.at, str) else self.at.place(self.offset)

    @property
    def digest(self) -> str:
        """Digest of the normalised quote, as the verification record keeps it ("" when none)."""
        return digest(self.key) if self.key else ""


_SOURCE_TEXTS: Shared[dict[str, SourceText]] = Shared("source_texts", rules_only=True)
_RECORD: Shared[tuple[Record | None, str | None]] = Shared("record")
_QUOTES: Shared[dict[str, QuoteCheck]] = Shared("quotes")


def source_texts(amap: ArgumentMap) -> dict[str, SourceText]:
    """Every source's text, read once per map."""

    def read() -> dict[str, SourceText]:
        recorded = record_of(amap)[0]
        real_folders: dict[Path, Path] = {}
        return {sid: _read(amap, entry.item, recorded, real_folders) for sid, entry in amap.sources.items()}

    return amap.memo.get(_SOURCE_TEXTS, read)


def record_of(amap: ArgumentMap) -> tuple[Record | None, str | None]:
    """The map's verification record (None when absent or unreadable) and why it is unreadable."""

    def read() -> tuple[Record | None, str | None]:
        try:
            return read_record(amap.folder), None
        except RecordUnreadable as exc:
            return None, str(exc)

    return amap.memo.get(_RECORD, read)


def verify_quotes(amap: ArgumentMap) -> dict[str, QuoteCheck]:
    """Claim id -> whether its quote is verified in its source's text (or in the record)."""

    def verify() -> dict[str, QuoteCheck]:
        texts = source_texts(amap)
        recorded = record_of(amap)[0]
        claims = [(cid, entry.item) for cid, entry in amap.claims.items()]
        quoted = [(cid, claim.quote) for cid, claim in claims if claim.quote is not None and claim.quote.strip()]
        keys = dict(zip((cid for cid, _ in quoted), normalise_all([quote for _, quote in quoted]), strict=True))
        return {cid: _verify(cid, claim, texts, recorded, keys.get(cid)) for cid, claim in claims}

    return amap.memo.get(_QUOTES, verify)


def record_entry(amap: ArgumentMap, sid: str) -> SourceEntry | None:
    """What the record should hold for source `sid`, from its text; None when the text is not read."""
    text = source_texts(amap).get(sid)
    if text is None or text.status != "ok":
        return None
    quotes = {
        cid: QuoteEntry(check.digest, check.place)
        for cid, check in verify_quotes(amap).items()
        if check.source == sid and check.status == "verified"
    }
    return SourceEntry(amap.sources[sid].item.text or "", digest(text.key), dict(sorted(quotes.items())))


def current_record(amap: ArgumentMap) -> tuple[Record, list[str]]:
    """The record as the texts at hand make it, and the sources whose entry is kept unchecked
    because their text is absent (a text not at hand never erases what was verified in it)."""
    old = record_of(amap)[0]
    entries, kept = {}, []
    for sid in sorted(amap.sources):
        fresh = record_entry(amap, sid)
        if fresh is not None:
            entries[sid] = fresh
        elif old is not None and sid in old.sources:
            entries[sid] = old.sources[sid]
            kept.append(sid)
    return Record(entries), kept


def text_from_blocks(sid: str, path: Path, blocks: Blocks) -> SourceText:
    """A source text made from extracted blocks, as if read from `path` (for a fetched copy)."""
    return _joined(sid, path, blocks)


def check_quote(cid: str, claim: Claim, text: SourceText) -> QuoteCheck:
    """Whether `claim`'s quote occurs in `text`."""
    return _verify(cid, claim, {text.source: text}, None)


def _read(amap: ArgumentMap, source: Source, recorded: Record | None, real_folders: dict[Path, Path]) -> SourceText:
    if source.text is None:
        return SourceText(source.id, "none")
    name = source.text
    problem = name_problem(name)
    if problem:
        return SourceText(
            source.id,
            "refused",
            problem=f"source text {name!r} {problem}; name a file inside the "
            "map's folder, or a folder of texts with --sources DIR or ARGMAP_SOURCES",
        )
    folders = search_path(amap.folder, amap.source_dirs, source.url)
    try:
        path, problem = locate(name, folders, real_folders)
    except Unreadable as exc:
        return SourceText(source.id, "missing", problem=f"source text {name!r} cannot be read: {exc}")
    if problem:
        return SourceText(source.id, "refused", problem=f"source text {problem}")
    if path is None:
        if recorded is not None and source.id in recorded.sources:
            return SourceText(source.id, "recorded")
        return SourceText(
            source.id,
            "missing",
            problem=f"source text {name!r} is not in the map's folder"
            f"{_elsewhere(folders[1:])}; give its folder with --sources DIR or ARGMAP_SOURCES"
            f"{', or fetch it with `argmap sources fetch`' if source.url else ''}",
        )
    try:
        blocks = extract(path)
    except Unreadable as exc:
        return SourceText(source.id, "missing", path, f"source text {name!r} cannot be read: {exc}")
    return _joined(source.id, path, blocks)


def _elsewhere(folders: list[Path]) -> str:
    return f" nor in {', '.join(str(f) for f in folders)}" if folders else ""


def _joined(sid: str, path: Path, blocks: Blocks) -> SourceText:
    """The blocks normalised and joined by a space, each block's start kept for places."""
    normalised = normalise_all(blocks.texts)
    kept = list(map(bool, normalised))
    parts = list(compress(normalised, kept))
    starts = tuple(accumulate((len(part) + 1 for part in parts[:-1]), initial=0)) if parts else ()
    text = " ".join(parts)
    if any(part[0] == "-" or part[-1] == "-" for part in parts):
        # A second pass joins what only the boundary separated (a dash at a line's end, say);
        # nothing else changes across a boundary, each part being normalised already.
        text = normalise(text)
    numbers = tuple(compress(blocks.numbers, kept))
    return SourceText(sid, "ok", path, text=text, key=text.lower(), blocks=Places(starts, numbers, blocks.unit))


def _verify(
    cid: str, claim: Claim, texts: dict[str, SourceText], recorded: Record | None, normalised: str | None = None
) -> QuoteCheck:
    """`normalised` is the quote normalised, when known."""
    if claim.quote is None or not claim.quote.strip():
        return QuoteCheck("no-quote", claim.source)
    key = (normalise(claim.quote) if normalised is None else normalised).lower()
    source = texts.get(claim.source) if claim.source else None
    if source is not None and source.status == "recorded":
        entry = recorded.sources[source.source].quotes.get(cid) if recorded else None
        if entry is not None and entry.digest == digest(key):
            return QuoteCheck("recorded", claim.source, at=entry.place, key=key)
        return QuoteCheck("unrecorded", claim.source, key=key)
    if source is None or source.status != "ok":
        return QuoteCheck("no-text", claim.source)
    start, first = 0, None
    for part in _OMISSION.split(key) if "..." in key else (key,):
        part = part.strip()
        if not part:
            continue
        found = source.key.find(part, start)
        if found < 0:
            passage, score, place = closest_passage(part, source)
            return QuoteCheck("not-found", claim.source, passage, score, place)
        first = found if first is None else first
        start = found + len(part)
    return QuoteCheck("verified", claim.source, at=source.blocks, offset=first or 0, key=key)


def closest_passage(quote_key: str, source: SourceText) -> tuple[str, float, str]:
    """The passage of the source most like the (normalised, lower-case) quote, widened to whole
    words, its similarity and where it is."""
    from rapidfuzz import fuzz  # here: 30 ms to import, and only a quote not found needs it

    found = fuzz.partial_ratio_alignment(quote_key, source.key)
    if found is None:  # only with a score_cutoff, which is not given
        return "", 0.0, ""
    # Lower-casing keeps lengths except for a few rare letters; then show the lower-case text.
    shown = source.text if len(source.text) == len(source.key) else source.key
    begin = shown.rfind(" ", 0, found.dest_start) + 1
    end = shown.find(" ", found.dest_end)
    return shown[begin : end if end >= 0 else len(shown)], round(found.score, 1), source.place(found.dest_start)
