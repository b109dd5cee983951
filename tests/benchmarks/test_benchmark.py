"""The benchmark runs end to end at its smallest size. No timing is asserted: the machine is shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from argmap.check import check_map
from tests.benchmarks.generate import generate

HERE = Path(__file__).parent


def test_generated_map_is_realistic_and_clean(tmp_path: Path) -> None:
    folder = generate(1000, tmp_path / "m", seed=3)
    result = check_map(folder)
    assert result.ran_rules and not result.failed(), [str(d.loc) + " " + d.message for d in result.diagnostics[:5]]
    amap = result.amap
    kinds = {inf.kind for inf in amap.inferences.values()}
    assert len(amap.claims) == 1000 and kinds == {"support", "rebut", "undercut"}
    assert any(inf.linked for inf in amap.inferences.values())
    assert any(entry.item.reported_by for entry in amap.claims.values())
    assert len({entry.where.file for entry in amap.claims.values()}) >= 3
    files = sorted(p.read_text(encoding="utf-8") for p in folder.rglob("*.yaml"))
    assert files == sorted(
        p.read_text(encoding="utf-8") for p in generate(1000, tmp_path / "again", seed=3).rglob("*.yaml")
    )
    # Quotes are checked for real: each occurs in its source's text.
    claim = next(e.item for e in amap.claims.values() if e.item.source and not e.item.reported_by)
    assert claim.quote in (folder / "sources" / f"{claim.source}.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1] / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            str(HERE / "run.py"),
            "--sizes",
            "1000",
            "--runs",
            "1",
            "--no-argdown",
            "--growth",
            "1000,10000",
            "--work",
            str(tmp_path),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    table = out.read_text(encoding="utf-8")
    assert table in proc.stdout
    rows = {
        tuple(cell.strip() for cell in line.split("|")[1:3]) for line in table.splitlines() if line.startswith("| ")
    }
    for stage in ("parse", "parse-libyaml", "load", "check", "check-process", "list-process", "grounded", "preferred"):
        assert (stage, "1,000") in rows, table
    assert "argmap --help" in table and "10,000 attacks" in table
    assert yaml.safe_load((tmp_path / "map-1000-seed1" / "map.yaml").read_text(encoding="utf-8"))["argmap"] == 1


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS` in a fresh interpreter (what happens at start-up is the point), with
    argmap's source on the path."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1] / "src")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_imports_neither_pydantic_nor_the_loader() -> None:
    """`argmap --help` lists every command without importing what the commands need: pydantic and
    the format's models alone take longer than the 0.15 s the help may take."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "main(['--help'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml_rs', 'graphviz')"
        " or m.startswith('argmap.loader')))\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    assert "Commands:" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "[]", proc.stdout.splitlines()[-1]


#: Runs `argmap check` on the map given, as the `argmap` program (`argmap.__main__.main`) or as a caller of `main`,
#: and prints how many collections the cyclic garbage collector started until the map was built
#: (the end of the check's outermost `no_cycle_collection`), and whether it was on as the program
#: left.
_COUNT_COLLECTIONS = """
import contextlib, gc, os, sys
from argmap import cli, collector
started, until_built = [], []
gc.callbacks.append(lambda phase, info: phase == "start" and started.append(info["generation"]))
pause = collector.no_cycle_collection
@contextlib.contextmanager
def counted():
    with pause():
        yield
    until_built.append(len(started))
collector.no_cycle_collection = counted
leave = os._exit
def report(code):
    print(until_built[-1], gc.isenabled(), flush=True)
    leave(code)
os._exit = report
if sys.argv[1] == "program":
    sys.argv[1:] = ["check", sys.argv[2]]
    from argmap.__main__ import main
    main()
else:
    try:
        cli.main(["check", sys.argv[2]])
    except SystemExit:
        pass
    report(0)
"""


@pytest.mark.parametrize(("how", "collections"), [("program", 0), ("main", None)])
def test_the_program_runs_no_collection_while_it_starts_and_checks(
    how: str, collections: int | None, tmp_path: Path
) -> None:
    """The `argmap` program pauses the collector while it imports what a command needs and builds
    the map (tens of thousands of objects kept to the end: walking them is pure cost), then turns
    it on again; a caller of `main` (a test, a library) keeps its collector as it was, and its
    check's imports do start collections, so the count is no accident of a small map."""
    folder = generate(1000, tmp_path / "m", seed=3)
    proc = _python(_COUNT_COLLECTIONS, how, str(folder))
    assert proc.returncode == 0, proc.stderr
    count, enabled = proc.stdout.splitlines()[-1].split()
    assert enabled == "True"
    if collections is None:
        assert int(count) > 0
    else:
        assert int(count) == collections


def test_a_long_running_command_ends_the_start_up_pause() -> None:
    """`serve` and `lsp` run for long, maybe without ever building a map: they turn the collector
    on before they wait, and a caller whose collector was off finds it off still."""
    code = (
        "import gc\n"
        "from argmap import collector\n"
        "collector.pause_start_up()\n"
        "paused = not gc.isenabled()\n"
        "collector.end_start_up()\n"
        "print(paused, gc.isenabled())\n"
        "gc.disable()\n"
        "collector.pause_start_up()\n"
        "collector.end_start_up()\n"
        "print(gc.isenabled())\n"
    )
    proc = _python(code)
    assert proc.stdout.split() == ["True", "True", "False"], proc.stderr
