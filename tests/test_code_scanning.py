"""What CI services read: SARIF for GitHub code scanning, checked by Microsoft's SARIF multitool
with GitHub's own rules, and annotations placed from the repository root, also from a subfolder."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.reporters import sarif_uri
from argmap.rules import catalogue_markdown
from tests.conftest import REPO, npm_package, run, write_map

#: A map in a folder whose name needs percent-encoding, with rule problems and a file-level one.
PROBLEMS = {
    "claims a.yaml": """\
        claims:
          - {id: a, text: A., author: ann, source: ann-2024, supports: [b], quote: Not in the text}
          - {id: b, text: B., author: ann, source: ann-2024, supports: [a]}
          - {id: c, text: C., author: ann, source: ann-2024}
    """,
}
FOLDER = "debates/100% sure: yes"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree holding the problem map, the working folder set to its root."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_map(tmp_path / FOLDER, PROBLEMS)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def multitool() -> Path:
    tool = npm_package(
        "sarif-multitool", "@microsoft/sarif-multitool", "@microsoft/sarif-multitool-linux/Sarif.Multitool"
    )
    tool.chmod(tool.stat().st_mode | 0o100)  # npm may skip the package's own chmod (install scripts)
    return tool


def _sarif(*args: str | Path) -> dict:
    result = run("check", *args, "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _validate(tool: Path, sarif: dict, tmp_path: Path) -> list[str]:
    """The multitool's findings (errors, warnings and notes) with the SARIF and GitHub rule sets."""
    log, out = tmp_path / "checked.sarif", tmp_path / "validation.sarif"
    log.write_text(json.dumps(sarif), encoding="utf-8")
    out.unlink(missing_ok=True)
    done = subprocess.run(
        [str(tool), "validate", "--rule-kind", "Sarif;Ghas", "-o", str(out), str(log)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    findings = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    return [f"{r['ruleId']}: {r['message'].get('arguments')}" for r in findings]


@pytest.mark.slow
@pytest.mark.npm
def test_multitool_finds_nothing_in_the_bundled_and_a_problem_map(multitool: Path, repo: Path, tmp_path: Path) -> None:
    shutil.copytree(REPO / "arguments", repo / "arguments")
    (repo / FOLDER / "broken.yaml").symlink_to(repo / "nowhere")  # a problem of the whole file
    problems = _sarif(FOLDER)
    (repo / FOLDER / "broken.yaml").unlink()
    rules_problems = _sarif(FOLDER)
    logs = {"bundled": _sarif("arguments"), "input problem": problems, "rule problems": rules_problems}
    assert len(problems["runs"][0]["results"]) == 1
    assert {r["ruleId"] for r in rules_problems["runs"][0]["results"]} >= {"S101", "S102", "Q002"}
    for name, sarif in logs.items():
        assert _validate(multitool, sarif, tmp_path) == [], name
    # and the validator does find what GitHub refuses: a rule without help, a result without region
    broken = json.loads(json.dumps(rules_problems))
    del broken["runs"][0]["tool"]["driver"]["rules"][0]["help"]
    del broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert {f.split(":")[0] for f in _validate(multitool, broken, tmp_path)} == {"GH2012", "SARIF2017"}


def test_every_rule_has_help_and_its_page(repo: Path) -> None:
    rules = _sarif(FOLDER)["runs"][0]["tool"]["driver"]["rules"]
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in rules:
        assert rule["help"]["markdown"].startswith(rule["shortDescription"]["text"])
        assert "Fails" in rule["help"]["text"] or rule["id"].startswith("Y")
        anchor = rule["helpUri"].split("#")[1]
        assert rule["helpUri"].split("#")[0].endswith("/docs/rules.md") and f'<a id="{anchor}"></a>' in page


def test_docs_rules_page_is_current() -> None:
    """docs/rules.md is generated from the rules' docstrings: regenerate it when a rule changes."""
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue_markdown(), (
        "run: argmap rules --markdown > docs/rules.md"
    )
    assert run("rules", "--markdown").output == catalogue_markdown()


def test_uris_are_encoded_relative_to_the_repository_and_round_trip(repo: Path) -> None:
    (repo / FOLDER / "broken.yaml").symlink_to(repo / "nowhere")
    sarif = _sarif(FOLDER)
    run0 = sarif["runs"][0]
    base = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == repo.resolve().as_uri() + "/"
    for result in run0["results"]:
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert uri == "debates/100%25%20sure%3A%20yes/broken.yaml"
        assert unquote(uri) == f"{FOLDER}/broken.yaml"
        assert location["region"] == {"startLine": 1, "startColumn": 1}  # a problem of the whole file


def _fingerprints(folder: str) -> dict[str, str]:
    results = _sarif(folder)["runs"][0]["results"]
    return {
        f"{r['ruleId']} {r['message']['text'].splitlines()[0]}": r["partialFingerprints"]["argmapProblem/v1"]
        for r in results
    }


def test_fingerprints_survive_an_unrelated_claim_added_above(repo: Path) -> None:
    before = _fingerprints(FOLDER)
    claims = repo / FOLDER / "claims a.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(
        text.replace(
            "claims:\n", "claims:\n  - {id: z, text: Z., author: ann, source: ann-2024}\n  # a comment line\n", 1
        ),
        encoding="utf-8",
    )
    after = _fingerprints(FOLDER)
    assert len(before) == 3 and len(after) == 4
    assert {k: v for k, v in after.items() if k in before} == before
    # a different problem gets a different fingerprint
    assert len(set(after.values())) == len(after)


def test_github_annotations_from_a_subfolder_point_at_the_file_from_the_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / FOLDER / "broken.yaml").symlink_to(repo / "nowhere")
    sub = repo / "debates" / "notes"
    sub.mkdir()
    monkeypatch.chdir(sub)
    lines = run("check", f"../../{FOLDER}", "--format", "github").output.splitlines()
    assert lines[0] == (
        "::error file=debates/100%25 sure%3A yes/broken.yaml,line=1,col=1,title=Y005::"
        "a link to " + str(repo / "nowhere") + ", which does not exist (or links back to itself)"
    )
    (repo / FOLDER / "broken.yaml").unlink()
    annotations = [
        line
        for line in run("check", f"../../{FOLDER}", "--format", "github").output.splitlines()
        if line.startswith("::")
    ]
    assert annotations and all(
        "file=debates/100%25 sure%3A yes/claims a.yaml,line=" in a
        or "file=debates/100%25 sure%3A yes/map.yaml,line=" in a
        for a in annotations
    )
    assert not any(",line=0," in a for a in annotations)
    # the text output keeps the path as typed, which a terminal opens from where it runs
    assert f"../../{FOLDER}/claims a.yaml:2:" in run("check", f"../../{FOLDER}").output


def test_outside_a_repository_paths_stay_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_map(tmp_path / "m", PROBLEMS)
    monkeypatch.chdir(tmp_path)
    assert "file=m/claims a.yaml,line=2," in run("check", "m", "--format", "github").output
    location = _sarif("m")["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "m/claims%20a.yaml", "uriBaseId": "%SRCROOT%"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1),
        min_size=1,
        max_size=4,
    )
)
def test_any_path_becomes_a_relative_uri_that_round_trips(parts: list[str]) -> None:
    path = "/".join(parts)
    uri = sarif_uri(path)
    assert unquote(uri) == path
    # RFC 3986: a relative reference holds unreserved characters, "/" and percent-escapes only here
    assert re.fullmatch(r"(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})*", uri), uri
    assert ":" not in uri.split("/")[0]  # never read as a scheme
