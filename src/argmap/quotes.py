"""Quote verification: does each claim's `quote` occur in its source's text?

Source texts are read once per map (`source_texts`), from paths relative to the map's folder; a
path that leaves the folder, symlinks resolved, is refused unless it lies under one of the
manifest's `allow_paths`. Quotes and texts are compared after normalising typography only:
quote marks, dashes, white space and line breaks, footnote markers (superscript digits),
markdown emphasis (`*`), soft hyphens and letter case. Words are never normalised, so a quote
with one word changed is not found. `...` or `[...]` in a quote marks an omission: the parts
must occur in order. For a quote not found, rapidfuzz finds the closest passage.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from argmap.graph import ArgumentMap
from argmap.model import Claim, Source

#: Larger files are refused: a source text is an article or a book, not a data dump.
MAX_SOURCE_BYTES = 64 * 1024 * 1024

_QUOTE_MARKS = "'\"‘’‚‛“”„‟«»‹›`´′″"
_DASHES = "‐‑‒–—―−"
_DROPPED = "*\u00ad\u200b\u200c\u200d\u2060\ufeff⁰¹²³⁴⁵⁶⁷⁸⁹"
_TYPOGRAPHY = str.maketrans({**dict.fromkeys(_QUOTE_MARKS, "'"), **dict.fromkeys(_DASHES, "-"),
                             **dict.fromkeys(_DROPPED), "…": "...", "\u00a0": " "})
#: Quote marks that open or close a quotation (not an apostrophe inside a word): quoting practice
#: changes or drops them, so they never count.
_QUOTATION = re.compile(r"(?<!\w)'|'(?!\w)")
_SPACED_DASH = re.compile(r" ?- ?")
_OMISSION = re.compile(r"\[\s*\.\.\.\s*\]|\.\.\.")


def normalise(text: str) -> str:
    """Typography made uniform, words untouched (case is kept for display; compare `.lower()`)."""
    text = text.translate(_TYPOGRAPHY)
    if "'" in text:  # the regular expressions only where they can match: most texts are long
        text = _QUOTATION.sub("", text)
    text = " ".join(text.split())
    return _SPACED_DASH.sub("-", text) if "-" in text else text


@dataclass(frozen=True)
class SourceText:
    """A source's `text:` file: read (`ok`), absent from the manifest (`none`), unreadable
    (`missing`) or outside the map's folder and `allow_paths` (`refused`, never read)."""

    source: str
    status: Literal["ok", "none", "missing", "refused"]
    path: Path | None = None
    problem: str | None = None
    #: The normalised text, and its lower-case form for matching.
    text: str = ""
    key: str = ""


@dataclass(frozen=True)
class QuoteCheck:
    """Whether a claim's quote occurs in its source's text.

    `verified`; `not-found` (with the closest `passage`, normalised, and its `score` 0-100);
    `no-text` (a quote, but no readable source text to check it against); `no-quote`."""

    status: Literal["verified", "not-found", "no-text", "no-quote"]
    source: str | None = None
    passage: str | None = None
    score: float | None = None


def source_texts(amap: ArgumentMap) -> dict[str, SourceText]:
    """Every source's text, read once per map."""
    if "source_texts" not in amap.memo:
        roots = _allowed_roots(amap)
        amap.memo["source_texts"] = {sid: _read(amap.folder, entry.item, roots) for sid, entry in amap.sources.items()}
    return amap.memo["source_texts"]


def verify_quotes(amap: ArgumentMap) -> dict[str, QuoteCheck]:
    """Claim id -> whether its quote is verified in its source's text."""
    if "quotes" not in amap.memo:
        texts = source_texts(amap)
        amap.memo["quotes"] = {cid: _verify(entry.item, texts) for cid, entry in amap.claims.items()}
    return amap.memo["quotes"]


def _allowed_roots(amap: ArgumentMap) -> list[Path]:
    extra = amap.manifest.allow_paths if amap.manifest else []
    return [amap.folder.resolve(), *((amap.folder / p).resolve() for p in extra)]


def _read(folder: Path, source: Source, roots: list[Path]) -> SourceText:
    if source.text is None:
        return SourceText(source.id, "none")
    path = (folder / source.text).resolve()
    if not any(path.is_relative_to(root) for root in roots):
        return SourceText(source.id, "refused", path,
                          f"source text {source.text!r} lies outside the map's folder; "
                          "list its folder under `allow_paths` in map.yaml to allow it")
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return SourceText(source.id, "missing", path,
                              f"source text {source.text!r} is larger than {MAX_SOURCE_BYTES // 2**20} MiB")
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return SourceText(source.id, "missing", path, f"source text {source.text!r} does not exist")
    except UnicodeDecodeError as exc:
        return SourceText(source.id, "missing", path,
                          f"source text {source.text!r} is not UTF-8 (byte {exc.start}); save it as UTF-8")
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        return SourceText(source.id, "missing", path, f"cannot read source text {source.text!r}: {reason}")
    text = normalise(raw)
    return SourceText(source.id, "ok", path, text=text, key=text.lower())


def _verify(claim: Claim, texts: dict[str, SourceText]) -> QuoteCheck:
    if claim.quote is None or not claim.quote.strip():
        return QuoteCheck("no-quote", claim.source)
    source = texts.get(claim.source) if claim.source else None
    if source is None or source.status != "ok":
        return QuoteCheck("no-text", claim.source)
    start = 0
    for part in _OMISSION.split(normalise(claim.quote).lower()):
        part = part.strip()
        if not part:
            continue
        found = source.key.find(part, start)
        if found < 0:
            passage, score = closest_passage(part, source)
            return QuoteCheck("not-found", claim.source, passage, score)
        start = found + len(part)
    return QuoteCheck("verified", claim.source)


def closest_passage(quote_key: str, source: SourceText) -> tuple[str, float]:
    """The passage of the source most like the (normalised, lower-case) quote, widened to whole words."""
    found = fuzz.partial_ratio_alignment(quote_key, source.key)
    # Lower-casing keeps lengths except for a few rare letters; then show the lower-case text.
    shown = source.text if len(source.text) == len(source.key) else source.key
    begin = shown.rfind(" ", 0, found.dest_start) + 1
    end = shown.find(" ", found.dest_end)
    return shown[begin:end if end >= 0 else len(shown)], round(found.score, 1)
