"""Generate a realistic argument map of N claims, deterministically from a seed.

The map looks like one built from a corpus: a `map.yaml` with authors (one per 50 claims),
sources (one per 20 claims, each with a plain-text copy under `sources/` that contains every
quote taken from it) and positions; claim files of 500 claims, each a set of debate threads:
a thesis, premises and evidence supporting it (convergent supports), linked arguments with two
or three premises, rebuttals from the other side, undercuts written `{from, to}`, reported
speech (`reported_by`/`reports`), quotes with locators, kinds, tags and notes. Links point
mostly inside a file and sometimes to another one. A generated map checks clean: no support
cycles, every id defined, every quote in its source.

    python tests/benchmarks/generate.py 10000 /tmp/map-10k [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CLAIMS_PER_FILE = 500
CLAIMS_PER_SOURCE = 20
CLAIMS_PER_AUTHOR = 50
POSITIONS = ("expand", "restrict", "phase-in", "status-quo", "defer", "mixed")
TAGS = ("cost", "health", "jobs", "equity", "law", "evidence", "trade", "climate", "security", "housing")
KINDS = ("premise", "premise", "premise", "evidence", "evidence", "concession", "caveat", "prediction")
#: Words for claim texts and source sentences: enough of them that quotes are unique.
WORDS = [
    "policy",
    "budget",
    "council",
    "report",
    "tax",
    "levy",
    "transit",
    "housing",
    "rent",
    "wage",
    "school",
    "clinic",
    "doctor",
    "nurse",
    "farm",
    "harbour",
    "energy",
    "grid",
    "solar",
    "wind",
    "coal",
    "market",
    "price",
    "demand",
    "supply",
    "city",
    "region",
    "nation",
    "border",
    "tariff",
    "export",
    "import",
    "survey",
    "study",
    "data",
    "trial",
    "risk",
    "benefit",
    "cost",
    "saving",
    "delay",
    "reform",
    "law",
    "court",
    "vote",
    "party",
    "union",
    "firm",
    "worker",
    "family",
    "tenant",
    "owner",
    "student",
    "teacher",
    "police",
    "safety",
    "water",
    "river",
    "flood",
    "drought",
    "forest",
    "road",
    "bridge",
    "rail",
    "airport",
    "port",
    "bank",
    "loan",
    "debt",
    "deficit",
    "surplus",
    "growth",
    "decline",
    "crisis",
    "plan",
    "target",
    "limit",
    "rule",
    "permit",
    "licence",
    "fee",
    "subsidy",
    "grant",
    "fund",
]
VERBS = [
    "raises",
    "lowers",
    "delays",
    "improves",
    "weakens",
    "protects",
    "threatens",
    "doubles",
    "halves",
    "shifts",
    "funds",
    "blocks",
]


class Generator:
    def __init__(self, claims: int, seed: int) -> None:
        self.n = claims
        self.rng = random.Random(seed)
        self.authors = [f"author-{i:04d}" for i in range(max(2, claims // CLAIMS_PER_AUTHOR))]
        self.sources = [f"source-{i:05d}" for i in range(max(2, claims // CLAIMS_PER_SOURCE))]
        #: source id -> the sentences of its text (quotes go in here as they are taken).
        self.texts: dict[str, list[str]] = {s: [] for s in self.sources}
        self.files = max(3, -(-claims // CLAIMS_PER_FILE))
        self.sizes = [claims // self.files + (f < claims % self.files) for f in range(self.files)]
        self.used: set[str] = set()
        #: claim id -> the claim its first support goes to (what an undercut can name).
        self.supports_of: dict[str, str] = {}

    def author_of(self, source: str) -> str:
        return self.authors[int(source.split("-")[1]) % len(self.authors)]

    def sentence(self) -> str:
        """A sentence never produced before, so each quote occurs once in the corpus."""
        while True:
            rng = self.rng
            words = [rng.choice(WORDS) for _ in range(rng.randint(3, 6))]
            words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
            text = " ".join(words).capitalize()
            if text not in self.used:
                self.used.add(text)
                return text

    # -- writing ---------------------------------------------------------------------------

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sources").mkdir(exist_ok=True)
        claims_dir = folder / "claims"
        claims_dir.mkdir(exist_ok=True)
        for f, count in enumerate(self.sizes):
            (claims_dir / f"part-{f:04d}.yaml").write_text(self.claim_file(f, count), encoding="utf-8")
        (folder / "map.yaml").write_text(self.manifest(), encoding="utf-8")
        for source, sentences in self.texts.items():
            (folder / "sources" / f"{source}.txt").write_text(self.source_text(source, sentences), encoding="utf-8")
        return folder

    def manifest(self) -> str:
        lines = [
            "argmap: 1",
            f"title: Generated corpus of {self.n:,} claims",
            "description: A benchmark map, generated by tests/benchmarks/generate.py.",
            "authors:",
        ]
        lines += [
            f"  - {{id: {a}, name: Author {a[7:]}, affiliation: Institute {i % 17}}}"
            for i, a in enumerate(self.authors)
        ]
        lines.append("sources:")
        for i, s in enumerate(self.sources):
            lines += [
                f"  - id: {s}",
                f"    author: {self.author_of(s)}",
                f"    title: Report number {i} on policy",
                f"    date: {2000 + i % 24}-{1 + i % 12:02d}",
                f"    text: sources/{s}.txt",
            ]
        lines.append("positions:")
        lines += [f"  - {{id: {p}, label: The {p.replace('-', ' ')} position}}" for p in POSITIONS]
        lines.append("rules:\n  S102: off")
        return "\n".join(lines) + "\n"

    def source_text(self, source: str, quotes: list[str]) -> str:
        paragraphs, rng = [], self.rng
        for quote in quotes:
            filler = [self.sentence() for _ in range(rng.randint(0, 2))]
            paragraphs.append(". ".join([*filler, quote]) + ".")
        return f"Report {source}\n\n" + "\n\n".join(paragraphs) + "\n"

    def claim_file(self, f: int, count: int) -> str:
        """Threads of about 12 claims: thesis <- premises <- evidence, rebutted and undercut."""
        rng = self.rng
        ids = [f"f{f:04d}-c{i:04d}" for i in range(count)]
        main_source = self.sources[(f * 7) % len(self.sources)]
        out = [
            f"# Part {f} of the generated corpus.",
            "defaults:",
            f"  author: {self.author_of(main_source)}",
            f"  source: {main_source}",
            f"  position: {POSITIONS[f % len(POSITIONS)]}",
            "  kind: premise",
            "",
            "claims:",
        ]
        arguments: list[str] = []
        thread: list[str] = []
        for i, cid in enumerate(ids):
            if i % 12 == 0:
                thread = []
            out += self.claim(f, i, cid, thread, ids, main_source)
            thread.append(cid)
            if i % 12 == 11 and len(thread) >= 4:
                premises = rng.sample(thread[2:], rng.randint(2, 3))
                arguments += [
                    f"  - id: f{f:04d}-arg{i:04d}",
                    f"    premises: [{', '.join(premises)}]",
                    f"    supports: {thread[0]}",
                ]
                if rng.random() < 0.3:
                    arguments.append("    note: The premises only work together.")
        if arguments:
            out += ["", "arguments:", *arguments]
        return "\n".join(out) + "\n"

    def claim(self, f: int, i: int, cid: str, thread: list[str], ids: list[str], main_source: str) -> list[str]:
        rng = self.rng
        source = main_source if rng.random() < 0.6 else rng.choice(self.sources)
        quote = self.sentence()
        self.texts[source].append(quote)
        lines = [f"  - id: {cid}"]
        kind = "thesis" if not thread else rng.choice(KINDS)
        if kind != "premise":
            lines.append(f"    kind: {kind}")
        reported = source != main_source and i % 9 == 4 and i >= 12
        if reported:
            # Another author's claim as this file's source renders it: the quote is the reporter's.
            lines += [
                f"    author: {self.author_of(source)}",
                f"    reported_by: {self.author_of(main_source)}",
                f"    reports: {ids[rng.randrange(i - 12, i - 6)]}",
            ]
            self.texts[source].pop()
            self.texts[main_source].append(quote)
        elif source != main_source:
            lines += [f"    author: {self.author_of(source)}", f"    source: {source}"]
        lines.append(f"    text: {self.sentence()}, according to the {rng.choice(WORDS)} {rng.choice(WORDS)}.")
        lines.append(f"    quote: {quote}")
        lines.append(
            f"    locator: {rng.randint(1, 40)}" if rng.random() < 0.5 else f"    locator: p. {rng.randint(1, 300)}"
        )
        if rng.random() < 0.7:
            lines.append(f"    tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]")
        if thread:
            lines += self.relations(f, cid, thread)
        if rng.random() < 0.1:
            lines.append(
                "    note: >-\n      The mapper reads this as implied by the surrounding paragraph,\n"
                "      which the author does not spell out."
            )
        return lines

    def relations(self, f: int, cid: str, thread: list[str]) -> list[str]:
        """Supports go to earlier claims of the thread (so no cycles); attacks go anywhere before."""
        rng = self.rng
        lines = []
        roll = rng.random()
        if roll < 0.78:
            targets = rng.sample(thread, min(len(thread), 1 if rng.random() < 0.8 else 2))
            self.supports_of[cid] = targets[0]
            lines.append(f"    supports: [{', '.join(targets)}]")
        elif roll < 0.93:
            # The other side answers: rebuttals go to the previous file, another author's part.
            other = (f - 1) % self.files
            target = f"f{other:04d}-c{rng.randrange(self.sizes[other]):04d}"
            if rng.random() < 0.3:
                lines.append(
                    f"    rebuts:\n      - to: {target}\n        mapper: true\n"
                    f"        note: Read as an objection to {target}."
                )
            else:
                lines.append(f"    rebuts: [{target}]")
        else:
            premise = next((c for c in reversed(thread) if c in self.supports_of), None)
            if premise:
                lines.append(f"    undercuts:\n      - from: {premise}\n        to: {self.supports_of[premise]}")
        if rng.random() < 0.05 and f > 0:
            lines.append(f"    agreed_by: [{rng.choice(self.authors)}]")
        return lines


def generate(claims: int, folder: Path | str, seed: int = 1) -> Path:
    return Generator(claims, seed).write(Path(folder))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.claims, args.folder, args.seed)


if __name__ == "__main__":
    main()
