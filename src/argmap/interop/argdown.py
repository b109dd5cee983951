"""Export a map as Argdown (https://argdown.org), for the Argdown editor, CLI and map views.

Every claim becomes a statement `[id]: text #tag`, its simple supports, rebuttals, contraries
and undercuts relations under it (`+> [b]`, `-> [b]`, `>< [b]`, `_> <argument>`). Argdown undercuts attack
arguments, and it groups premises only inside an argument's premise-conclusion structure, so an
inference becomes an argument `<id>` when it is linked or when something undercuts it:

    <isolation-argument>

    (1) [nuclear-build-up]
    (2) [sanctions-tightened]
    ----
    (3) [isolation-trend]

A supporting argument concludes its target claim. A rebutting or undercutting one concludes a
statement of its own, titled by the argument's id, that attacks (`->`) the claim or undercuts
(`_>`) the argument; Argdown itself draws such relations from the conclusion. Text is escaped
with backslashes, which Argdown reads as the plain character.
"""

from __future__ import annotations

import json
import re

from argmap.graph import ArgumentMap, Inference, simple_id

_CHARS = r"\\\[\]<>#@*_{}()~+\-/=`|:!"
# The Argdown parser (1.x) keeps the backslashes literally in a word that has a "." before an
# escape, unless that "." is escaped too; a sentence's final "." stays as it is.
_SPECIAL = re.compile(rf"([{_CHARS}]|\.(?=\S*[{_CHARS}]))")
_PLAIN_TAG = re.compile(r"^[A-Za-z0-9-]+$")
_ARROW = {"support": "+>", "rebut": "->", "undercut": "_>"}


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _tag(tag: str) -> str:
    return f"#{tag}" if _PLAIN_TAG.match(tag) else f"#({tag})"


def write(amap: ArgumentMap) -> str:
    as_argument = argument_inferences(amap)
    lines = _front_matter(amap)
    for cid, entry in amap.claims.items():
        claim = entry.item
        lines.append(" ".join([f"[{cid}]: {escape(claim.text)}", *map(_tag, claim.tags)]))
        for inf in amap.outgoing.get(cid, ()):
            if inf.id not in as_argument and inf.premises == (cid,) and not drawn_by_other_side(inf, as_argument):
                arrow = "><" if inf.contrary and inf.id not in as_argument else _ARROW[inf.kind]
                lines.append(f"  {arrow} {_end(inf.target, amap)}")
        lines.append("")
    for inf in amap.inferences.values():
        if inf.id in as_argument:
            lines += _argument(inf, amap)
    return "\n".join(lines).rstrip("\n") + "\n"


def drawn_by_other_side(inf: Inference, as_argument: set[str]) -> bool:
    """A contrary is Argdown's contradiction `><`, written once: its mirror is left out, unless
    the side written is an argument (undercut), where `><` cannot stand."""
    return inf.mirror and simple_id(inf.target, "rebut", inf.premises[0]) not in as_argument


def argument_inferences(amap: ArgumentMap) -> set[str]:
    """Inferences written as Argdown arguments: linked ones, and those something undercuts."""
    undercut = {i.target for i in amap.inferences.values() if i.kind == "undercut"}
    return {i.id for i in amap.inferences.values() if i.linked or i.id in undercut}


def _front_matter(amap: ArgumentMap) -> list[str]:
    meta = {"title": amap.manifest.title}
    if amap.manifest.description:
        meta["description"] = amap.manifest.description
    return ["===", *(f"{key}: {_yaml_string(value)}" for key, value in meta.items()), "===", ""]


def _yaml_string(value: str) -> str:
    """A double-quoted YAML string (JSON's are); "=" as an escape, since "===" would end the front matter."""
    return json.dumps(value, ensure_ascii=False).replace("=", "\\u003d")


def _end(node: str, amap: ArgumentMap) -> str:
    """How Argdown names a relation's end: a claim is a statement, an inference an argument."""
    return f"[{node}]" if node in amap.claims else f"<{node}>"


def _argument(inf: Inference, amap: ArgumentMap) -> list[str]:
    lines = [f"<{inf.id}>", ""]
    lines += [f"({n}) [{premise}]" for n, premise in enumerate(inf.premises, 1)]
    lines.append("----")
    number = len(inf.premises) + 1
    if inf.kind == "support":
        lines.append(f"({number}) [{inf.target}]")
    else:
        lines.append(f"({number}) [{inf.id}]: {escape(_conclusion(inf, amap))}")
        lines.append(f"  {_ARROW[inf.kind]} {_end(inf.target, amap)}")
    return lines + [""]


def _conclusion(inf: Inference, amap: ArgumentMap) -> str:
    if inf.kind == "rebut":
        return f"Not: {amap.claim(inf.target).text}"
    return f"The inference {inf.target} does not hold."
