"""Every text of a map is untrusted: this module makes it safe for each channel it reaches.

One function per channel, used by every writer of that channel, so a fix lands everywhere:
the terminal (`terminal`), Graphviz DOT (`dot_string`, `dot_html`), links in HTML and SVG
(`url`), Mermaid labels (`mermaid`) and Markdown (`markdown`). JSON inside the HTML page is
escaped by `argmap.render.html.script_json`, YAML by the YAML dumper, GitHub annotations and
SARIF by their reporters. docs/security.md says what a map may and may not do.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Control characters a text may not hold (tab and line feed are prose): the loader refuses
#: them (Y013), since Graphviz cuts a text at NUL and XML, so SVG, forbids the others.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The schemes a link of a map may have: anything else (`javascript:`, `data:`, `file:`) is dropped.
URL_SCHEMES = ("http", "https", "mailto")


def terminal(text: str) -> str:
    """`text` with control and invisible formatting characters escaped (`\\x1b`, `\\u202e`).

    File names, ids and map texts come from untrusted hands: raw, an escape sequence would
    drive the terminal, a newline would forge a line of output, a bidi override would reorder it."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def terminal_lines(text: str) -> str:
    """Output of several lines made safe line by line: the line breaks argmap wrote are kept."""
    return "\n".join(terminal(line) for line in text.split("\n"))


def terminal_json(text: str) -> str:
    """JSON text whose non-printable characters (bidi controls, say) are written as `\\uXXXX`
    escapes: the same JSON value, but nothing in it can reorder or drive the terminal."""
    if text.isprintable():
        return text
    import json  # here, not above: a check on a terminal needs no JSON

    return "".join(c if c.isprintable() or c == "\n" else json.dumps(c)[1:-1] for c in text)


def _pictured(text: str) -> str:
    # The loader refuses control characters; a writer still never passes one on, since a
    # NUL would cut Graphviz's string and XML forbids the rest: each becomes its visible symbol.
    return CONTROL.sub(lambda m: chr(0x2400 + ord(m[0])) if ord(m[0]) < 0x20 else "\ufffd", text)


def dot_string(text: str) -> str:
    """A DOT attribute value that is always quoted text, never an HTML-like `<...>` string.

    The `graphviz` package leaves a value shaped like `<...>` unquoted as an HTML-like string, so
    a claim could set attributes (`URL="javascript:..."`); `nohtml` makes it quote the value.
    Backslashes are doubled, since escString expands `\\N` (the node's name) and the like."""
    import graphviz  # only the renderer needs it; the loader uses this module too

    # graphviz is untyped: `nohtml` gives a str subclass the DOT writer quotes.
    quoted: str = graphviz.nohtml(_pictured(text).replace("\\", "\\\\"))
    return quoted


def dot_html(text: str) -> str:
    """Text made safe inside a Graphviz HTML-like label (and so in the SVG it becomes).

    Graphviz expands escapes such as `\\N` even in HTML-like labels, and a character reference
    is expanded too; a doubled backslash is the one literal form. A run of `]` alone is a
    syntax error to Graphviz's label lexer (a claim whose text is "]" failed the whole render),
    so every `]` goes as its character reference, which Graphviz reads back as the bracket."""
    from html import escape  # only the renderer needs it; the loader uses this module too

    return escape(_pictured(text), quote=True).replace("\\", "\\\\").replace("]", "&#93;")


def url(value: str | None) -> str | None:
    """`value` when it is an absolute link with an allowed scheme (see URL_SCHEMES), else None."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    allowed = parts.scheme.lower() in URL_SCHEMES and (parts.netloc or parts.scheme.lower() == "mailto")
    return value if allowed and not CONTROL.search(value) else None


_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ,.:;!?'()/+\-\u00c0-\u024f]")


def mermaid(value: str) -> str:
    """Mermaid label text: every risky character as an entity code, so none can end the label.

    Mermaid's own syntax gives no safe way to quote arbitrary text, so every character outside
    letters, digits, spaces and plain punctuation is written as `#60;`."""
    return "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in value)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!&~()"})


def markdown(text: str) -> str:
    """Text for a Markdown line or table cell: markup characters escaped, so it stays text.

    `<` and `&` escaped means no HTML tag or entity; `[`, `]`, `(`, `)` and `!` no link or image;
    `|` no new table cell; line breaks and control characters are made visible, so a text can
    end neither its line nor its table row."""
    return terminal(text).translate(_MD_SPECIAL)


def markdown_code(text: str) -> str:
    """Text as a Markdown code span: fenced by more backticks than it holds in a row, so it cannot end it."""
    text = terminal(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
