"""Source rules: every claim is attributed, and every quote occurs in its source's text."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Finding
from argmap.graph import ArgumentMap, Where
from argmap.quotes import record_entry, record_of, source_texts, verify_quotes
from argmap.record import RECORD_NAME, SourceEntry
from argmap.rules import Rule
from argmap.vocabulary import Severity


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

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, entry in amap.claims.items():
            if entry.item.source is None:
                yield self.at(entry.where, "id", subject=cid, message=f"claim {cid!r} has no source")


class QuoteNotFound(Rule):
    """A quote does not occur in its source's text.

    Typography does not count: curly and straight quote marks, dashes, white space and line
    breaks, footnote markers (superscript digits), markdown emphasis (`*`) and letter case are
    made uniform before comparing. Words do count: a quote with one word changed is reported.
    Write `...` or `[...]` where words are left out. The closest passage of the source is shown
    (normalised), with its similarity score and where it is: `line N` of a plain-text file, `¶N`
    of an HTML page, `p. N` of a PDF.

    Fails (the source says "avoid risks rather than manage them"):

        - {id: a, text: A., source: bondaz-2023, quote: avoid risks rather than handle them}

    Passes:

        - {id: a, text: A., source: bondaz-2023, quote: "“avoid risks rather than manage them”"}
    """

    code = "Q002"
    name = "quote-not-found"
    background = True

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, result in verify_quotes(amap).items():
            # A quote is "not-found" only in a source whose text was read.
            if result.status == "not-found" and result.source is not None:
                path = amap.sources[result.source].item.text
                yield self.at(
                    amap.claims[cid].where,
                    "quote",
                    subject=cid,
                    message=f"quote not found in the text of {result.source!r} ({path})",
                    details=(f"closest passage ({result.score:g}% alike, {result.place}): {result.passage}",),
                )


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

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, entry in amap.claims.items():
            claim = entry.item
            source = amap.sources.get(claim.source) if claim.source else None
            if source is None or claim.author is None:
                continue
            by = source.item.author
            if claim.reported_by is not None and claim.reported_by != by:
                yield self.at(
                    entry.where,
                    "reported_by",
                    subject=cid,
                    message=f"reported_by is {claim.reported_by!r}, but source {claim.source!r} is by {by!r}",
                )
            elif claim.reported_by is None and claim.author != by:
                yield self.at(
                    entry.where,
                    "author",
                    subject=cid,
                    message=f"claim {cid!r} is attributed to {claim.author!r}, but source {claim.source!r} "
                    f"is by {by!r}; if {by!r} reports it, add `reported_by: {by}`",
                )


class MissingSourceText(Rule):
    """A source's `text:` file is not found, or cannot be read, and the verification record does not cover it.

    The file is looked for in the map's folder, then in the folders given with `--sources DIR`,
    then in those of the `ARGMAP_SOURCES` environment variable, then (for a source with a `url:`)
    in the cache `argmap sources fetch` fills. It may be plain UTF-8 text, HTML (`.html`, `.htm`)
    or PDF (`.pdf`, with a text layer). A text that is absent but covered by the map's
    `sources.lock` is not a problem: its quotes are verified against the record.

    Fails:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: no-such-file.txt}

    Passes:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann.txt}
    """

    code = "Q004"
    name = "missing-source-text"
    background = True

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        yield from _text_problems(self, amap, "missing")


class SourceTextOutside(Rule):
    """A source's `text:` leads outside the folder it is looked for in.

    The file is not read. `text:` is a file name, or a path inside the folder: not an absolute
    path, no `..` that climbs out, and a symlink that leads out of its folder is refused. Where
    else to look is for the person running argmap to say (`--sources DIR`, `ARGMAP_SOURCES`),
    never for the map.

    Fails:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ../../etc/passwd}

    Passes:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann-2024.txt}
    """

    code = "Q005"
    name = "source-text-outside"
    background = True

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        yield from _text_problems(self, amap, "refused")


def _text_problems(rule: Rule, amap: ArgumentMap, status: str) -> Iterator[Finding]:
    for sid, text in source_texts(amap).items():
        # Every text that is missing or refused says why.
        if text.status == status and text.problem is not None:
            yield rule.at(amap.sources[sid].where, "text", subject=sid, message=text.problem)


class AllowPathsIgnored(Rule):
    """`allow_paths` in `map.yaml` is no longer honoured.

    A map is untrusted input: it may not widen what argmap reads. Remove `allow_paths`, name
    each source's text by its file name, and give the folder that holds the texts when you run
    argmap: `--sources DIR` (repeatable), or the `ARGMAP_SOURCES` environment variable.

    Fails:

        allow_paths: [../texts]

    Passes:

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann-2024.txt}
    """

    code = "Q006"
    name = "allow-paths-ignored"
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        if amap.manifest is not None and amap.manifest.allow_paths is not None and amap.manifest_doc is not None:
            yield self.at(
                Where(amap.manifest_doc, ()),
                "allow_paths",
                key=True,
                message="`allow_paths` is no longer honoured: a map may not widen what argmap reads; "
                "name texts by file name and give their folder with --sources DIR or "
                "ARGMAP_SOURCES",
            )


class QuoteNotInRecord(Rule):
    """A quote cannot be verified: its source's text is absent and the verification record does not hold it.

    Where a source's text is absent (it may not be redistributed with the map), the map's
    `sources.lock` says which quotes were verified in it. A quote added or edited since (its
    words, not its typography) is not in the record. Check it with the text at hand:
    `argmap check --sources DIR`, then `argmap sources lock --sources DIR` to record it.

    Fails (ann-2024's text is absent; `a`'s quote was edited after the record was made):

        - {id: a, text: A., source: ann-2024, quote: trees cool the streets}

    Passes:

        - {id: a, text: A., source: ann-2024, quote: Trees cool streets in summer.}
    """

    code = "Q007"
    name = "quote-not-in-record"
    background = True
    severity = Severity.warning

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        for cid, result in verify_quotes(amap).items():
            if result.status == "unrecorded":
                quote = " ".join((amap.claims[cid].item.quote or "").split())
                short = quote if len(quote) <= 60 else quote[:57] + "..."
                yield self.at(
                    amap.claims[cid].where,
                    "quote",
                    subject=cid,
                    message=f"quote {short!r} is not in the verification record of {result.source!r} "
                    "(its text is absent); verify it with the text (--sources DIR) and record "
                    "it with `argmap sources lock`",
                )


class StaleRecord(Rule):
    """The verification record (`sources.lock`) no longer matches a source text that is present.

    The text or its verified quotes changed since the record was written. Nothing is wrong with
    the map (its quotes are verified against the text itself), but where the text is absent the
    record would vouch for the old state: write it again with `argmap sources lock`. An
    unreadable `sources.lock` is reported here too.

    Fails (the record was written before `a`'s quote was added):

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann.txt}

    Passes (after `argmap sources lock`):

        sources:
          - {id: ann-2024, author: ann, title: Essay, text: ann.txt}
    """

    code = "Q008"
    name = "stale-record"
    background = True
    severity = Severity.info

    def check(self, amap: ArgumentMap) -> Iterator[Finding]:
        record, problem = record_of(amap)
        if problem and amap.manifest_doc is not None:
            yield self.at(Where(amap.manifest_doc, ()), "sources", key=True, message=problem)
        if record is None:
            return
        for sid, entry in amap.sources.items():
            fresh = record_entry(amap, sid)
            if fresh is not None and record.sources.get(sid) != fresh:
                yield self.at(
                    entry.where,
                    "text",
                    subject=sid,
                    message=f"{RECORD_NAME} no longer matches the text of {sid!r} "
                    f"({_difference(record.sources.get(sid), fresh)}); "
                    "write it again with `argmap sources lock`",
                )


def _difference(old: SourceEntry | None, new: SourceEntry) -> str:
    if old is None:
        return "the record has no entry for it"
    if old.digest != new.digest:
        return "the text changed"
    changed = sorted({cid for cid, _ in set(old.quotes.items()) ^ set(new.quotes.items())})
    return "quotes changed: " + ", ".join(changed)
