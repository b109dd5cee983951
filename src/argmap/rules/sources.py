"""Source rules: every claim is attributed, and every quote occurs in its source's text."""

from __future__ import annotations

from typing import Iterator

from argmap.diagnostics import Diagnostic
from argmap.graph import ArgumentMap
from argmap.model import Severity
from argmap.quotes import source_texts, verify_quotes
from argmap.rules import Rule


class NoSource(Rule):
    """A claim has no source.

    Every claim in a map of a debate is someone's, somewhere: give its `source` (or the file's
    `defaults.source`).

    Fails:

        claims:
          - {id: a, text: A., author: ann}

    Passes:

        claims:
          - {id: a, text: A., author: ann, source: ann-2024}
    """

    code = "Q001"
    name = "no-source"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        for cid, entry in amap.claims.items():
            if entry.item.source is None:
                yield self.at(entry.where, "id", subject=cid, message=f"claim {cid!r} has no source")


class QuoteNotFound(Rule):
    """A quote does not occur in its source's text.

    Typography does not count: curly and straight quote marks, dashes, white space and line
    breaks, footnote markers (superscript digits), markdown emphasis (`*`) and letter case are
    made uniform before comparing. Words do count: a quote with one word changed is reported.
    Write `...` or `[...]` where words are left out. The closest passage of the source is shown
    (normalised), with its similarity score.

    Fails (the source says "avoid risks rather than manage them"):

        - {id: a, text: A., source: bondaz-2023, quote: avoid risks rather than handle them}

    Passes:

        - {id: a, text: A., source: bondaz-2023, quote: "“avoid risks rather than manage them”"}
    """

    code = "Q002"
    name = "quote-not-found"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        for cid, result in verify_quotes(amap).items():
            if result.status == "not-found":
                path = amap.sources[result.source].item.text
                yield self.at(amap.claims[cid].where, "quote", subject=cid,
                              message=f"quote not found in the text of {result.source!r} ({path})",
                              details=(f"closest passage ({result.score:g}% alike): {result.passage}",))


class MisattributedQuote(Rule):
    """A claim is attributed to an author other than its source's, without marking reported speech.

    When Bondaz's text renders what Frank argues, the claim is Frank's as reported by Bondaz:
    write `author: frank`, `reported_by: bondaz`. `reported_by` must be the source's author.

    Fails (bondaz-2023 is by bondaz):

        - {id: a, text: A., author: frank, source: bondaz-2023}

    Passes:

        - {id: a, text: A., author: frank, reported_by: bondaz, source: bondaz-2023}
    """

    code = "Q003"
    name = "misattributed-quote"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        for cid, entry in amap.claims.items():
            claim = entry.item
            source = amap.sources.get(claim.source) if claim.source else None
            if source is None or claim.author is None:
                continue
            by = source.item.author
            if claim.reported_by is not None and claim.reported_by != by:
                yield self.at(entry.where, "reported_by", subject=cid,
                              message=f"reported_by is {claim.reported_by!r}, but source {claim.source!r} is by {by!r}")
            elif claim.reported_by is None and claim.author != by:
                yield self.at(entry.where, "author", subject=cid,
                              message=f"claim {cid!r} is attributed to {claim.author!r}, but source {claim.source!r} "
                                      f"is by {by!r}; if {by!r} reports it, add `reported_by: {by}`")


class MissingSourceText(Rule):
    """A source's `text:` file is missing or unreadable.

    The path is relative to the folder of `map.yaml`; the file must be UTF-8 text.

    Fails:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: no-such-file.txt}

    Passes:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann.txt}
    """

    code = "Q004"
    name = "missing-source-text"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        yield from _text_problems(self, amap, "missing")


class SourceTextOutside(Rule):
    """A source's `text:` path leads outside the map's folder.

    The file is not read. A map may only make argmap read files inside its own folder
    (symlinks are followed before judging), or under a folder listed in `allow_paths`.

    Fails:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ../../etc/passwd}

    Passes:

        allow_paths: [../shared/sources]
        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ../shared/sources/ann.txt}
    """

    code = "Q005"
    name = "source-text-outside"

    def check(self, amap: ArgumentMap) -> Iterator[Diagnostic]:
        yield from _text_problems(self, amap, "refused")


def _text_problems(rule: Rule, amap: ArgumentMap, status: str) -> Iterator[Diagnostic]:
    for sid, text in source_texts(amap).items():
        if text.status == status:
            yield rule.at(amap.sources[sid].where, "text", subject=sid, message=text.problem)
