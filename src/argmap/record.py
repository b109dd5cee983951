"""The verification record: what a map's quotes were verified against, for where the texts are absent.

Most texts people map may not be redistributed, so they cannot sit beside the map in its
repository; the record can. `sources.lock`, beside `map.yaml`, holds for each source the digest of
its extracted, normalised text, and for each quote verified in it the claim id, the digest of the
normalised quote and the place it was found (`line N`, `¶N`, `p. N`). Where a text is absent, a
quote whose digest is in the record passes as "verified against the record"; where the text is
present the record is only compared, never trusted. The file is JSON, keys sorted, so the same
map and texts give the same bytes. `argmap sources lock` writes it; `--check` proves it current.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

RECORD_NAME = "sources.lock"
RECORD_FORMAT = 1


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QuoteEntry:
    digest: str
    place: str


@dataclass(frozen=True)
class SourceEntry:
    #: The `text:` name the source had when it was recorded, to say what the record is of.
    text: str
    digest: str
    quotes: dict[str, QuoteEntry] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    sources: dict[str, SourceEntry]


class QuoteJSON(TypedDict):
    digest: str
    place: str


class SourceJSON(TypedDict):
    text: str
    digest: str
    quotes: dict[str, QuoteJSON]


#: `sources.lock` as written (its version key is no identifier, hence the functional form).
RecordJSON = TypedDict("RecordJSON", {"argmap-sources": int, "sources": dict[str, SourceJSON]})


class RecordUnreadable(Exception):
    """`sources.lock` exists but is not a record (the message says where and why)."""


def record_path(folder: Path) -> Path:
    return folder / RECORD_NAME


def read_record(folder: Path) -> Record | None:
    """The map's record, None when it has none; raises `RecordUnreadable`."""
    path = record_path(folder)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordUnreadable(f"{RECORD_NAME} cannot be read: {exc}") from None
    import json  # here, not above: a map without a record (most) needs none

    try:
        # Any JSON at all: every shape error below (a missing key, a wrong type) is RecordUnreadable.
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordUnreadable(f"{RECORD_NAME}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg})") from None
    try:
        if data.get("argmap-sources") != RECORD_FORMAT:
            raise ValueError(f"`argmap-sources` is not {RECORD_FORMAT}")
        return Record(
            {
                sid: SourceEntry(
                    str(s["text"]),
                    str(s["digest"]),
                    {cid: QuoteEntry(str(q["digest"]), str(q["place"])) for cid, q in s["quotes"].items()},
                )
                for sid, s in data["sources"].items()
            }
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise RecordUnreadable(
            f"{RECORD_NAME} is not a verification record ({type(exc).__name__}: {exc}); "
            "write it again with `argmap sources lock`"
        ) from None


def dumps(record: Record) -> str:
    data: RecordJSON = {
        "argmap-sources": RECORD_FORMAT,
        "sources": {
            sid: {
                "text": s.text,
                "digest": s.digest,
                "quotes": {cid: {"digest": q.digest, "place": q.place} for cid, q in s.quotes.items()},
            }
            for sid, s in record.sources.items()
        },
    }
    import json

    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
