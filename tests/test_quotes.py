"""Quote verification: typography is normalised, words are not; source texts are read safely, once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap.quotes
from argmap.check import check_map
from argmap.quotes import normalise, normalise_all, text_from_blocks, verify_quotes
from argmap.sourcetext import text_blocks
from tests.conftest import run

#: A passage typeset as published texts are: curly quotes, emphasis, a footnote marker glued on.
TYPESET = (
    "In 2023 the regime said it would undertake “*a form of partial and selective withdrawal from "
    "countries that are not prepared to make the slightest concession*”¹. Since then, embassies closed.\n"
)
REAL_QUOTE = (
    'would undertake "a form of partial and selective withdrawal from countries that are '
    'not prepared to make the slightest concession". Since then, embassies'
)


def test_typeset_quote_verifies_and_a_changed_word_does_not(make_map) -> None:
    changed = REAL_QUOTE.replace("slightest", "smallest")
    folder = make_map(
        {
            "claims.yaml": f"""\
        claims:
          - {{id: real, text: T., author: ann, source: ann-2024, quote: '{REAL_QUOTE}'}}
          - {{id: changed, text: T., author: ann, source: ann-2024, quote: '{changed}', supports: [real]}}
    """
        }
    )
    (folder / "ann.txt").write_text(TYPESET, encoding="utf-8")
    checks = verify_quotes(check_map(folder).amap)
    assert checks["real"].status == "verified"
    assert checks["changed"].status == "not-found"
    assert "make the slightest concession" in checks["changed"].passage
    assert 90 <= checks["changed"].score < 100
    result = run("check", folder)
    assert result.output.count("Q002") == 1 and "closest passage (" in result.output and ", line 1): " in result.output


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("a “new Cold War” here", 'a "new Cold War" here'),
        ("it’s late", "it's late"),
        ("NGOs – all of them – left", "NGOs - all of them - left"),
        ("NGOs – all of them", "NGOs—all of them"),
        ("state-\ncentred policy", "state-centred policy"),
        ("one\n\n  two\tthree", "one two three"),
        ("to North Korea*”¹. Since then", "to North Korea. Since then"),
        ("*i.e.* to send", "i.e. to send"),
        ("the “de-risking” strategy", "the de-risking strategy"),
    ],
)
def test_typography_is_normalised(text: str, quote: str) -> None:
    assert normalise(quote).lower() in normalise(text).lower()


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("avoid risks rather than manage them", "avoid risks rather than handle them"),
        ("a new, solid alliance", "a new, firm alliance"),
        ("it is too early", "it is not too early"),
        ("the regimes", "the regime's"),
    ],
)
def test_changed_words_are_not_normalised_away(text: str, quote: str) -> None:
    assert normalise(quote).lower() not in normalise(text).lower()


words = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=12)
noise = st.sampled_from(["¹", "²³", "*", " ", "\n", "\u00ad"])


@given(words, st.lists(noise, min_size=12, max_size=12))
def test_footnotes_emphasis_and_spacing_never_change_the_words(ws: list[str], extras: list[str]) -> None:
    plain = " ".join(ws)
    noisy = " ".join(w + extra for w, extra in zip(ws, extras, strict=False))
    assert normalise(noisy) == normalise(plain) == normalise(normalise(plain))


@given(words, st.data())
def test_any_changed_letter_is_seen(ws: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(ws) - 1))
    j = data.draw(st.integers(0, len(ws[i]) - 1))
    changed = [*ws[:i], ws[i][:j] + ("z" if ws[i][j] != "z" else "y") + ws[i][j + 1 :], *ws[i + 1 :]]
    assert normalise(" ".join(changed)) != normalise(" ".join(ws))


#: Typography, white space and line breaks of every kind, and the separator `normalise_all` joins with.
typeset = st.text(alphabet="ab '‘’\"`-–— \n\r\t*¹\u00ad\u00a0…\x1e\u2029.", max_size=24)


@given(st.lists(typeset, max_size=8))
def test_texts_normalised_together_are_normalised_one_by_one(texts: list[str]) -> None:
    assert normalise_all(texts) == [normalise(text) for text in texts]


@given(typeset)
def test_a_text_file_reads_as_its_lines_normalised_one_by_one(content: str) -> None:
    """As source texts were read before they were normalised whole: line by line, each non-blank
    line's start kept for its place, a second pass where a dash met a line's edge."""
    parts, starts, places, at = [], [], [], 0
    for n, line in enumerate(content.splitlines(), 1):
        norm = normalise(line)
        if line.strip() and norm:
            parts, starts, places, at = [*parts, norm], [*starts, at], [*places, f"line {n}"], at + len(norm) + 1
    text = " ".join(parts)
    if any(part[0] == "-" or part[-1] == "-" for part in parts):
        text = normalise(text)
    read = text_from_blocks("s", Path("s.txt"), text_blocks(content.encode()))
    assert (read.text, read.blocks.starts, [read.place(start) for start in starts]) == (text, tuple(starts), places)


def test_statuses(make_map) -> None:
    folder = make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: ok, text: T., author: ann, source: ann-2024, quote: "trees cool ... summer"}
          - {id: no-quote, text: T., author: ann, source: ann-2024}
          - {id: no-text, text: T., author: ben, source: ben-2024, quote: Anything.}
          - {id: unsourced, text: T., author: ben, quote: Anything.}
          - {id: wrong, text: T., author: ann, source: ann-2024, quote: Trees heat streets}
    """
        }
    )
    checks = verify_quotes(check_map(folder).amap)
    assert {cid: c.status for cid, c in checks.items()} == {
        "ok": "verified",
        "no-quote": "no-quote",
        "no-text": "no-text",
        "unsourced": "no-text",
        "wrong": "not-found",
    }
    assert checks["wrong"].passage == "Trees cool streets"


def test_each_source_text_is_read_once(make_map, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_map(
        {
            "claims.yaml": "claims:\n"
            + "".join(
                f"  - {{id: c{i}, text: T., author: ann, source: ann-2024, quote: Trees cool streets}}\n"
                for i in range(5)
            )
        }
    )
    reads = []
    original = argmap.quotes._read
    monkeypatch.setattr(argmap.quotes, "_read", lambda *a: reads.append(a[1].id) or original(*a))
    check_map(folder)
    assert reads == ["ann-2024", "ben-2024"]


def test_symlink_out_of_the_map_is_refused_unread(make_map, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Trees cool streets", encoding="utf-8")
    folder = make_map({"claims.yaml": "claims:\n  - {id: a, text: T., author: ann, source: ann-2024, quote: x}\n"})
    (folder / "ann.txt").unlink()
    os.symlink(secret, folder / "ann.txt")
    result = run("check", folder)
    assert "Q005 error source text 'ann.txt' in " in result.output
    assert "is a symlink that leads out of that folder; it is not read" in result.output
    assert "Q002" not in result.output  # refused, so not read: the quote is unchecked, not wrong


def test_source_text_not_utf8(make_map) -> None:
    folder = make_map({"claims.yaml": "claims:\n  - {id: a, text: T., author: ann, source: ann-2024}\n"})
    (folder / "ann.txt").write_bytes("caf\xe9".encode("latin-1"))
    result = run("check", folder)
    assert (
        "Q004 error source text 'ann.txt' cannot be read: it is not UTF-8 (byte 3); save it as UTF-8" in result.output
    )
