"""MkDocs hooks (mkdocs.yml `hooks:`): the site's home page is the README and its Contributing page
is CONTRIBUTING.md, so neither text is written twice. Links are written for GitHub, where both
files sit at the repository root and the pages in docs/: the README links `docs/rules.md` and
shows `output/thesis-chain.png`, a page links `../CONTRIBUTING.md`. On the site every page sits
side by side, so those links are rewritten, and the repository files the two show are copied in;
every link is then checked by `mkdocs build --strict`. A pipe inside code in a table is written
`\\|` for GitHub, which would split the cell at a bare one; Python-Markdown never splits inside
code and would show the backslash, so the site's pages get the bare pipe."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
#: Repository files that are pages of the site: file -> page.
PAGES = {"README.md": "index.md", "CONTRIBUTING.md": "CONTRIBUTING.md"}
#: The target of a relative Markdown link or image, up to its anchor.
LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s#]+)")
#: A code span on one line.
CODE = re.compile(r"`[^`\n]+`")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for name, page in PAGES.items():
        text = (ROOT / name).read_text(encoding="utf-8")
        for target in LINK.findall(text):
            shown = not target.startswith("docs/") and target not in PAGES and (ROOT / target).is_file()
            if shown and files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, abs_src_path=str(ROOT / target)))
        files.append(File.generated(config, page, content=LINK.sub(_from_the_root, text)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Links to `../README.md` and `../CONTRIBUTING.md` lead to their pages; table code gets bare pipes."""
    lines = LINK.sub(_from_docs, markdown).split("\n")
    return "\n".join(CODE.sub(_bare_pipes, line) if line.startswith("|") else line for line in lines)


def _bare_pipes(code: re.Match[str]) -> str:
    return code[0].replace("\\|", "|")


def _from_the_root(link: re.Match[str]) -> str:
    target = link[1]
    return "](" + PAGES.get(target, target.removeprefix("docs/"))


def _from_docs(link: re.Match[str]) -> str:
    target = link[1]
    return "](" + PAGES.get(target.removeprefix("../"), target)
