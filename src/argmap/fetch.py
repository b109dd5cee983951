"""`argmap sources fetch`: copies of the sources that have a `url:`, into a cache outside the map.

A fetched copy is kept only when it is what the map was verified against: its extracted text's
digest equals the verification record's, or, for a source the record does not hold, every
quote of the map from that source occurs in it. Anything else is refused with a reason and
leaves the cache as it was; the map itself is never written. The standard library's urllib
does the HTTP: one GET per source, a timeout on the whole transfer, a size limit read as the
body arrives, redirects followed only to http(s).
"""

from __future__ import annotations

import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, NamedTuple
from urllib.parse import urljoin, urlsplit

from argmap.graph import ArgumentMap
from argmap.model import Source
from argmap.quotes import check_quote, record_of, text_from_blocks
from argmap.record import digest
from argmap.sourcetext import Unreadable, cache_folder, extract, name_problem

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


class Refused(Exception):
    """A source not fetched, with the reason a person reads."""


@dataclass(frozen=True)
class Fetched:
    source: str
    ok: bool
    message: str


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to http(s); urllib alone would follow one to ftp."""

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> object:
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if urlsplit(target).scheme.lower() not in SCHEMES:
            raise Refused(f"the server redirects to {target!r}, which is not http(s)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch_all(
    amap: ArgumentMap, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[str | Fetched]:
    """Yields a line as each source with a `url:` starts, then its `Fetched` outcome."""
    for sid, entry in sorted(amap.sources.items()):
        source: Source = entry.item
        if not source.url:
            continue
        if not source.text:  # a citation only: no copy is verified against, so none is fetched
            yield f"{sid}: no `text:`, nothing to fetch"
            continue
        yield f"{sid}: fetching {source.url}"
        try:
            yield Fetched(sid, True, _fetch(amap, source, _Copy(source.url, source.text), timeout, max_bytes))
        except Refused as exc:
            yield Fetched(sid, False, str(exc))


class _Copy(NamedTuple):
    """Where a source's copy comes from (its `url:`) and the file it is kept as (its `text:`)."""

    url: str
    name: str


def _fetch(amap: ArgumentMap, source: Source, copy: _Copy, timeout: float, max_bytes: int) -> str:
    if urlsplit(copy.url).scheme.lower() not in SCHEMES:
        raise Refused(f"{copy.url!r} is not an http(s) URL; nothing fetched")
    problem = name_problem(copy.name)
    if problem:
        raise Refused(f"`text: {copy.name}` {problem}; nothing fetched")
    body = _download(copy.url, timeout, max_bytes)
    target = cache_folder(copy.url) / os.path.normpath(copy.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=target.suffix, delete=False) as tmp:
        tmp.write(body)
    try:
        verdict = _judge(amap, source, Path(tmp.name))
        os.replace(tmp.name, target)
    finally:
        Path(tmp.name).unlink(missing_ok=True)
    return f"{len(body) // 1024 or 1} kB, {verdict}; saved as {target}"


def _download(url: str, timeout: float, max_bytes: int) -> bytes:
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(urllib.request.Request(url, headers={"User-Agent": "argmap"}), timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise Refused(f"the body is {int(declared)} bytes, more than the limit of {max_bytes}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(f"the body is larger than the limit of {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise Refused(f"timed out after {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        raise Refused(f"the server answered {exc.code} {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise Refused(f"timed out after {timeout:g} s") from None
        raise Refused(f"cannot fetch it: {reason}") from None
    except ValueError as exc:
        raise Refused(f"cannot fetch it: {exc}") from None


def _judge(amap: ArgumentMap, source: Source, path: Path) -> str:
    """Why the fetched copy is the text the map was verified against; raises `Refused` otherwise."""
    try:
        text = text_from_blocks(source.id, path, extract(path))
    except Unreadable as exc:
        raise Refused(f"the fetched copy cannot be read: {exc}") from None
    claims = [(cid, amap.claim(cid)) for cid in amap.claims]
    missing = [
        cid
        for cid, claim in claims
        if claim.source == source.id and check_quote(cid, claim, text).status == "not-found"
    ]
    record = record_of(amap)[0]
    recorded = record.sources.get(source.id) if record else None
    if missing:
        raise Refused(f"the fetched text no longer holds the quotes of {', '.join(missing)}; nothing kept")
    if recorded is not None and recorded.digest != digest(text.key):
        raise Refused(
            f"the fetched text's digest {digest(text.key)[:19]}... differs from the record's "
            f"{recorded.digest[:19]}... (the page changed, though its quotes still occur); nothing kept"
        )
    return "digest matches the record" if recorded else "every quote found (no record of it yet)"
