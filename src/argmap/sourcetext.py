"""Where a source's text is found, and its words as extracted from plain text, HTML or PDF.

A map names a source's text by a file name or a path inside its folder (`text: bondaz-2023.txt`);
it never says where else to look. The folders searched come from the user, in this order: the
map's own folder, each `--sources DIR`, the folders of the `ARGMAP_SOURCES` environment variable
(separated by `os.pathsep`), and, for a source with a `url:`, the fetch cache (`argmap sources
fetch`). In each folder the name must stay inside it: an absolute path, a `..` that climbs out,
or a symlink that leads out is refused and never read.

Extraction gives the text as blocks that a person can find again: lines of a plain-text file,
block elements (paragraphs, headings, list items) of an HTML page, pages of a PDF.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import cast

#: The environment variable that lists folders of source texts.
ENV = "ARGMAP_SOURCES"
#: Where `argmap sources fetch` keeps what it fetched (default: the XDG cache folder).
CACHE_ENV = "ARGMAP_CACHE"
#: Larger files are refused: a source text is an article or a book, not a data dump.
MAX_SOURCE_BYTES = 64 * 1024 * 1024

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}


class Unreadable(Exception):
    """A source file that exists but cannot be read as its kind says (the message says why)."""


@dataclass(frozen=True)
class Blocks:
    """The extracted text as runs a person can find again: `texts[i]` is `line N`, `¶N` or `p. N`
    (`unit` with `numbers[i]` for N). Kept as two lists, not an object per run: a text file is
    read as hundreds of lines, and the place of a run is wanted only for the few quotes shown."""

    texts: list[str]
    numbers: Sequence[int]
    unit: str


def cache_root() -> Path:
    """`ARGMAP_CACHE`, else `$XDG_CACHE_HOME/argmap/sources`, else `~/.cache/argmap/sources`."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "argmap" / "sources"


def cache_folder(url: str) -> Path:
    """The cache folder of one URL: two maps naming files alike never share a fetched copy."""
    return cache_root() / hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


def search_path(folder: Path, extra: Sequence[Path] = (), url: str | None = None) -> list[Path]:
    """The folders a source's text is looked for in, first match wins."""
    env = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    return [folder, *extra, *env, *([cache_folder(url)] if url else [])]


def name_problem(name: str) -> str | None:
    """Why the map's `text:` value is not a name inside a folder, or None when it is."""
    if not ("/" in name or "\\" in name or ":" in name or name == ".."):
        return None  # one file name (most are): nothing to climb out with, no root, no drive
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return "is an absolute path"
    depth = 0
    for part in PurePosixPath(name.replace("\\", "/")).parts:
        depth += -1 if part == ".." else part != "."
        if depth < 0:
            return "climbs out of the folder with `..`"
    return None


def locate(
    name: str, folders: Iterable[Path], real_folders: dict[Path, Path] | None = None
) -> tuple[Path | None, str | None]:
    """The first file `name` in `folders`, or why none could be read.

    Returns (path, None) when found; (None, problem) when a candidate is refused (a symlink that
    leads out of its folder), and (None, None) when no folder has the file. Raises `Unreadable`
    for a name no file system can look up (too long, a NUL character). `real_folders` keeps each
    folder's real path between calls (a map's sources share a few folders)."""
    name = os.path.normpath(name)  # `sub/../a.txt` names a.txt even where no `sub` exists
    real_folders = {} if real_folders is None else real_folders
    for folder in folders:
        candidate = folder / name
        try:
            if not (candidate.exists() or candidate.is_symlink()):
                continue
        except (OSError, ValueError) as exc:
            reason = os.strerror(exc.errno) if isinstance(exc, OSError) and exc.errno else str(exc)
            raise Unreadable(f"it cannot be looked up in {folder}: {reason}") from None
        root = _real(folder, real_folders)
        if candidate.name not in ("", os.curdir, os.pardir) and not candidate.is_symlink():
            # Resolved as the folder holding it is: its own name leads nowhere else.
            real = _real(candidate.parent, real_folders) / candidate.name
        else:
            try:
                real = candidate.resolve(strict=True)
            except (OSError, RuntimeError):
                return None, f"{name!r} in {folder} is a broken or looping symlink"
        if not real.is_relative_to(root):
            return None, f"{name!r} in {folder} is a symlink that leads out of that folder; it is not read"
        if real.is_file():
            return real, None
    return None, None


def _real(folder: Path, known: dict[Path, Path]) -> Path:
    real = known.get(folder)
    if real is None:
        real = known[folder] = folder.resolve()
    return real


def extract(path: Path) -> Blocks:
    """The text of a plain-text, HTML or PDF file, as blocks; raises `Unreadable`."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Unreadable(f"cannot read it: {os.strerror(exc.errno) if exc.errno else exc}") from None
    if size > MAX_SOURCE_BYTES:
        raise Unreadable(f"it is larger than {MAX_SOURCE_BYTES // 2**20} MiB")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    # A page saved under a `.txt` name (a fetched URL, say) is read as what it is.
    start = data[:64].lstrip().lower()
    if suffix in PDF_SUFFIXES or start.startswith(b"%pdf-"):
        return pdf_blocks(data)
    if suffix in HTML_SUFFIXES or start.startswith((b"<!doctype html", b"<html")):
        return html_blocks(data)
    return text_blocks(data)


def text_blocks(data: bytes) -> Blocks:
    """Every line, blank ones too (they have no text to find, and count for the line numbers)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"it is not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    lines = text.splitlines()
    return Blocks(lines, range(1, len(lines) + 1), "line {}")


#: Elements whose text is never shown to a reader.
_HIDDEN = ("script", "style", "noscript", "template", "head", "title")
#: Elements that begin and end a block: a person finds a quote by its paragraph.
_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "tr",
    "br",
    "hr",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figcaption",
    "caption",
    "ul",
    "ol",
    "dl",
    "table",
    "form",
    "address",
)
#: Marks block boundaries in the extracted text (HTML's own newlines are only white space).
_BREAK = "\u2029"


def html_blocks(data: bytes) -> Blocks:
    """The paragraphs (and other blocks) of an HTML page as a reader sees them, numbered ¶1, ¶2, ...

    lxml's HTML parser reads what browsers read, broken markup too, and never fetches anything."""
    import lxml.etree
    import lxml.html

    try:
        # The stubs say _Element; lxml's HTML parser makes HtmlElements, which can drop themselves.
        root = cast(lxml.html.HtmlElement, lxml.html.document_fromstring(data))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise Unreadable(f"it cannot be read as HTML ({exc})") from None
    for hidden in list(root.iter(*_HIDDEN, lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        cast(lxml.html.HtmlElement, hidden).drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = _BREAK + (element.text or "")
        element.tail = _BREAK + (element.tail or "")
    texts = [t for t in root.text_content().split(_BREAK) if t.strip()]
    return Blocks(texts, range(1, len(texts) + 1), "¶{}")


def pdf_blocks(data: bytes) -> Blocks:
    """One block per page of a PDF, numbered as the reader's page count (p. 1 is the first).

    pypdf is pure Python and well kept; it reads the text layer, so a scanned PDF without one
    has no text (reported as such)."""
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise Unreadable(f"it cannot be read as PDF ({type(exc).__name__}: {exc})") from None
    if not any(p.strip() for p in pages):
        raise Unreadable("the PDF has no text layer (a scan?); give a text or HTML copy instead")
    kept = [n for n, text in enumerate(pages, 1) if text.strip()]
    return Blocks([pages[n - 1] for n in kept], kept, "p. {}")
