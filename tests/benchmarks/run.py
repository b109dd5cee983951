"""Time argmap's stages on generated maps of 1k, 10k and 100k claims, side by side, in one run.

    PYTHONPATH=src python tests/benchmarks/run.py [--sizes 1000,10000,100000] [--runs 5]

Each measurement runs in a fresh subprocess: the stage is timed inside it (imports excluded)
`--runs` times, each time in a new process, and once more under tracemalloc for the peak of
memory the stage allocates. The table gives the best and the median of the runs, the spread
(max/min - 1, a measure of how noisy the machine was) and ratios of the best to the floor's
best, measured in the same run (on a machine shared with others the best run is the one least
disturbed, so best-of-N compares like with like): the
fastest correct parse of the same files, with no validation at all (`parse`: yaml-rs's `loads`,
which gives the same data as argmap's loader on every generated map, as tests/test_fastload.py
checks); `parse-libyaml` (`yaml.load(..., Loader=yaml.CSafeLoader)`, the floor until 2026-12)
is measured beside it.

Stages: `parse` (the floor), `parse-libyaml`, `load` (argmap's loader: parse, guards, validation),
`check` (load, graph, every rule, then grounded semantics), `check-process` and `list-process`
(the whole `argmap check MAP` and `argmap list MAP` processes, start-up and imports included:
what a user waits for, and what is compared with Argdown), `grounded` and `preferred` (the
semantics alone, on the built map; preferred on maps up to 10k claims), `dot` (building the
Graphviz source of the whole map) and `svg` (Graphviz's layout of it, where it finishes), and,
where Node is present, `argdown` (`@argdown/cli`'s `argdown json` on the same map exported by
`argmap export argdown`). Then the growth of the grounded labelling alone on random
frameworks of 10k, 100k and 1M attacks, and whole-process wall times of `argmap check` on the
bundled map and of `argmap --help`. The table is printed and written to `results.md`.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

#: Stages that only make sense on moderate maps (NP-hard search, or a layout that would not finish).
MAX_CLAIMS = {"preferred": 10_000, "svg": 1_000}
SVG_TIMEOUT = 300
ARGDOWN_CLI = "@argdown/cli@1"


# -- the stages, run inside a worker process -----------------------------------------------


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))


def stage_parse(folder: Path):
    import yaml_rs

    files = _files(folder)
    return lambda: [yaml_rs.loads(p.read_text(encoding="utf-8"), parse_datetime=False) for p in files]


def stage_parse_libyaml(folder: Path):
    import yaml

    files = _files(folder)
    return lambda: [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in files]


def stage_load(folder: Path):
    from argmap.loader import load_map

    return lambda: _no_errors(load_map(folder).diagnostics)


def stage_check(folder: Path):
    from argmap.check import check_map

    return lambda: check_map(folder)  # every rule, then the default evaluation (preferred)


def _process(*args: str):
    """The whole argmap process, as a user runs it; timed from outside, so no memory traced."""
    return lambda: subprocess.run([sys.executable, "-m", "argmap", *args], env=_env(), capture_output=True, check=False)


def stage_check_process(folder: Path):
    return _process("check", str(folder))


def stage_list_process(folder: Path):
    return _process("list", str(folder))


def _built(folder: Path):
    from argmap.graph import build
    from argmap.loader import load_map

    loaded = load_map(folder)
    _no_errors(loaded.diagnostics)
    return build(loaded)


def stage_grounded(folder: Path):
    from argmap.semantics import evaluate

    amap = _built(folder)
    return lambda: evaluate(amap, "grounded")


def stage_preferred(folder: Path):
    from argmap.semantics import evaluate

    amap = _built(folder)
    return lambda: evaluate(amap, "preferred")


def _dot_builder(folder: Path):
    from argmap.render import dot, views

    amap = _built(folder)
    return lambda: dot.build(amap, views.whole(amap), dot.Annotations()).source


def stage_dot(folder: Path):
    return _dot_builder(folder)


def stage_svg(folder: Path):
    source = _dot_builder(folder)()
    return lambda: subprocess.run(
        ["dot", "-Tsvg", "-o", os.devnull], input=source.encode(), check=True, timeout=SVG_TIMEOUT
    )


def _no_errors(diagnostics):
    errors = [d for d in diagnostics if d.severity.value == "error"]
    if errors:
        raise SystemExit(f"the generated map has errors, e.g. {errors[0].loc}: {errors[0].message}")
    return diagnostics


STAGES = {
    name.removeprefix("stage_").replace("_", "-"): fn for name, fn in globals().items() if name.startswith("stage_")
}
#: The stages in the order they are measured and shown; `parse` is the floor the others are compared with.
ORDER = (
    "parse",
    "parse-libyaml",
    "load",
    "check",
    "check-process",
    "list-process",
    "grounded",
    "preferred",
    "dot",
    "svg",
)
#: Stages whose memory is another process's: not traced.
UNTRACED = ("check-process", "list-process")


def worker(stage: str, folder: Path, trace: bool) -> None:
    """Set up, then time one call of the stage (or trace its memory); print JSON."""
    import gc
    import tracemalloc

    run = STAGES[stage](folder)
    gc.collect()
    if trace:
        tracemalloc.start()
        kept = run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(json.dumps({"peak": peak, "kept": kept is not None}))
        return
    start = time.perf_counter()
    run()
    print(json.dumps({"seconds": time.perf_counter() - start}))


# -- the driver ------------------------------------------------------------------------------


#: Where the measured processes keep argmap's compiled bytecode (outside the source tree).
BYTECODE = Path(tempfile.gettempdir()) / "argmap-bench-bytecode"


def _env() -> dict[str, str]:
    """The measured processes' environment: argmap's source first on the path, and its modules
    compiled to bytecode once and then read from there, as an installed argmap's are (pip compiles
    them at install). With PYTHONDONTWRITEBYTECODE set, as in some sandboxes, every process would
    compile argmap's forty modules from source again: 30-40 ms of each whole-process run."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return env


def compile_bytecode(folder: Path) -> None:
    """argmap's modules compiled, and a check and `--help` run once, so that the bytecode of
    every module they import (the standard library's and the dependencies' too: the prefix holds
    all of it) is there before anything is timed."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "argmap")], env=_env(), check=True)
    for args in (["check", str(folder)], ["--help"]):
        subprocess.run([sys.executable, "-m", "argmap", *args], env=_env(), capture_output=True, check=False)


def measure(stage: str, folder: Path, runs: int, memory: bool = True) -> dict | None:
    """Median and spread of `runs` timings, each in a new process, and the traced peak."""
    times = []
    for _ in range(runs):
        out = _worker(stage, folder, trace=False)
        if out is None:
            return None
        times.append(out["seconds"])
    result = _summary(times)
    if memory and stage not in UNTRACED:
        traced = _worker(stage, folder, trace=True)
        result["peak"] = traced["peak"] if traced else None
    return result


def _worker(stage: str, folder: Path, trace: bool) -> dict | None:
    args = [sys.executable, str(Path(__file__).resolve()), "--worker", stage, str(folder)] + (
        ["--trace"] if trace else []
    )
    try:
        proc = subprocess.run(args, capture_output=True, text=True, env=_env(), timeout=SVG_TIMEOUT * 2)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        print(f"  {stage} on {folder.name}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def available(stage: str) -> str | None:
    """Why a stage cannot run here, or None."""
    if stage in ("dot", "svg"):
        try:
            subprocess.run(
                [sys.executable, "-c", "import argmap.render.dot"], env=_env(), check=True, capture_output=True
            )
        except subprocess.CalledProcessError:
            return "argmap render not available on this branch"
        if stage == "svg" and not shutil.which("dot"):
            return "Graphviz's dot not installed"
    return None


def maps(sizes: list[int], work: Path, seed: int) -> dict[int, Path]:
    found = {}
    for n in sizes:
        folder = work / f"map-{n}-seed{seed}"
        if not (folder / "map.yaml").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            generate(n, folder, seed)
        found[n] = folder
    return found


def grounded_growth(attacks: list[int], runs: int) -> dict[int, float]:
    """The grounded labelling alone on random frameworks with `m` attacks and m/4 arguments."""
    code = (
        "import random, time, statistics, sys\n"
        "from argmap.semantics.framework import Framework\n"
        "from argmap.semantics.grounded import grounded\n"
        "m = int(sys.argv[1]); n = m // 4; rng = random.Random(m)\n"
        "af = Framework([f'a{i}' for i in range(n)], [(rng.randrange(n), rng.randrange(n)) for _ in range(m)])\n"
        f"times = []\nfor _ in range({runs}):\n"
        "    t = time.perf_counter(); grounded(af); times.append(time.perf_counter() - t)\n"
        "print(statistics.median(times))\n"
    )
    out = {}
    for m in attacks:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(m)], capture_output=True, text=True, env=_env(), check=True
        )
        out[m] = float(proc.stdout)
    return out


def wall(args: list[str], runs: int, cwd: Path) -> float:
    """Best whole-process wall time of `python -m argmap ARGS`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=_env(), capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def python_floor(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=_env(), capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


# -- Argdown ---------------------------------------------------------------------------------


def argdown_cli(cache: Path) -> Path | None:
    """`argdown`, installed once with npm into `cache`; None without Node or the interop exporter."""
    if not shutil.which("npm") or not shutil.which("node"):
        return None
    binary = cache / "node_modules" / ".bin" / "argdown"
    if not binary.exists():
        cache.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(
            ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", ARGDOWN_CLI],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0 or not binary.exists():
            print(f"  could not install {ARGDOWN_CLI}: {proc.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    return binary


def export_argdown(folder: Path) -> Path | None:
    target = folder.with_suffix(".argdown")
    if not target.exists():
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", "export", "argdown", str(folder), "-o", str(target)],
            env=_env(),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0 or not target.exists():
            return None
    return target


def time_argdown(binary: Path, source: Path, folder: Path, runs: int) -> dict:
    """Timings of `argdown json`, each run followed at once by the whole `argmap check` of the same
    map (`ours`), so that both meet the same load of a shared machine; or {"error": why} when
    Argdown does not finish the map."""
    times, ours = [], []
    out = source.parent / f"{source.stem}-argdown-json"
    for _ in range(runs):
        start = time.perf_counter()
        try:
            proc = subprocess.run([str(binary), "json", str(source), str(out)], capture_output=True, timeout=600)
        except subprocess.TimeoutExpired:
            return {"error": "no result within 600 s"}
        failed = next((line for line in proc.stderr.decode(errors="replace").splitlines() if "Error" in line), None)
        if proc.returncode != 0 or failed:
            return {"error": failed or f"exit status {proc.returncode}"}
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        _process("check", str(folder))()
        ours.append(time.perf_counter() - start)
    return {**_summary(times), "ours": _summary(ours)}


def _summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


# -- the report ------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.machine()}"
    )


def _secs(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def _mb(b: int | None) -> str:
    return "-" if b is None else f"{b / 2**20:.1f} MB"


def report(sizes, results, notes, growth, walls) -> str:
    lines = [
        f"Measured on {machine()}, {time.strftime('%Y-%m-%d')}.",
        "",
        "| stage | claims | best | median | spread | x floor (best) | peak memory | x floor memory |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for stage, per_size in results.items():
        for n in sizes:
            r = per_size.get(n)
            if r is None or "error" in r:
                continue
            floor = results["parse"].get(n) or {}
            ratio = r["min"] / floor["min"] if floor.get("min") else None
            mem = r.get("peak") / floor["peak"] if r.get("peak") and floor.get("peak") else None
            spread = r["max"] / r["min"] - 1 if r.get("min") else 0
            lines.append(
                f"| {stage} | {n:,} | {_secs(r['min'])} | {_secs(r['median'])} | {spread:.0%} | "
                f"{'-' if ratio is None else f'{ratio:.2f}'} | {_mb(r.get('peak'))} | "
                f"{'-' if mem is None else f'{mem:.2f}'} |"
            )
    lines += ["", "Scaling exponent from 10k to 100k claims, log(t100k / t10k) / log(10): 1 is linear.", ""]
    for stage, per_size in results.items():
        a, b = per_size.get(10_000), per_size.get(100_000)
        if a and b and "error" not in a and "error" not in b:
            lines.append(f"- {stage}: {math.log(b['median'] / a['median']) / math.log(10):.2f}")
    if "argdown" in results:
        lines += [
            "",
            "The whole `argmap check` process against Argdown's `argdown json` on the same map, run by"
            " turns (best of the runs; medians in brackets):",
            "",
        ]
        for n, r in results["argdown"].items():
            ours = r.get("ours") or (results.get("check-process") or {}).get(n)
            if "error" in r:
                lines.append(
                    f"- {n:,} claims: Argdown fails ({r['error']}); argmap check takes "
                    f"{_secs(ours['median']) if ours else '-'}"
                )
            elif ours:
                lines.append(
                    f"- {n:,} claims: argdown {_secs(r['min'])}, argmap {_secs(ours['min'])}: "
                    f"{r['min'] / ours['min']:.1f} x faster ({r['median'] / ours['median']:.1f} x)"
                )
    if results.get("list-process") and results.get("check-process"):
        lines += ["", "The whole `argmap list` process as a multiple of the whole `argmap check` process:", ""]
        for n, r in results["list-process"].items():
            ours = results["check-process"].get(n)
            if ours and r:
                lines.append(f"- {n:,} claims: {r['median'] / ours['median']:.2f}")
    if growth:
        lines += ["", "Grounded labelling alone, random frameworks (arguments = attacks / 4):", ""]
        lines += [f"- {m:,} attacks: {_secs(t)}" for m, t in growth.items()]
        ms = sorted(growth)
        lines.append(
            "- exponent per decade: "
            + ", ".join(f"{math.log(growth[b] / growth[a]) / math.log(b / a):.2f}" for a, b in itertools.pairwise(ms))
        )
    if walls:
        lines += ["", "Whole process, best wall time:", ""]
        lines += [f"- {what}: {_secs(t)}" for what, t in walls.items()]
    if notes:
        lines += ["", "Not measured:", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="Claim counts, comma-separated.")
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per stage and size (each its own process).")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(os.environ.get("TMPDIR", "/tmp")) / "argmap-bench",
        help="Where generated maps (kept between runs) and the Argdown CLI go.",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--no-argdown", action="store_true", help="Skip Argdown even where Node is present.")
    parser.add_argument(
        "--growth", default="10000,100000,1000000", help="Attack counts for the grounded growth; '' skips."
    )
    parser.add_argument("--stages", default=",".join(ORDER), help="Stages to measure, comma-separated.")
    parser.add_argument("--worker", nargs=2, metavar=("STAGE", "MAP"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], Path(args.worker[1]), args.trace)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    folders = maps(sizes, args.work, args.seed)
    compile_bytecode(folders[min(folders)])
    results: dict[str, dict[int, dict]] = {}
    notes = []
    chosen = {"parse", *args.stages.split(",")}  # the floor, which every ratio needs
    for stage in (s for s in ORDER if s in chosen):
        why = available(stage)
        if why:
            notes.append(f"{stage}: {why}")
            continue
        results[stage] = {}
        for n, folder in folders.items():
            if n > MAX_CLAIMS.get(stage, n):
                continue
            print(f"{stage} {n:,} claims ...", file=sys.stderr, flush=True)
            results[stage][n] = measure(stage, folder, args.runs)
    if not args.no_argdown:
        binary = argdown_cli(args.work / "argdown-cli")
        exported = {n: export_argdown(f) for n, f in folders.items()} if binary else {}
        if binary and all(exported.values()):
            results["argdown"] = {n: time_argdown(binary, src, folders[n], args.runs) for n, src in exported.items()}
        else:
            notes.append(
                "argdown: "
                + (
                    "Node/npm or @argdown/cli not available"
                    if not binary
                    else "`argmap export argdown` not available on this branch"
                )
            )
    growth = grounded_growth([int(m) for m in args.growth.split(",") if m], args.runs) if args.growth else {}
    walls = {}
    if (REPO / "arguments" / "map.yaml").is_file():
        walls["python -c pass (interpreter start-up)"] = python_floor(args.runs * 2)
        walls["argmap check arguments (bundled map)"] = wall(["check", "arguments"], args.runs * 2, REPO)
    walls["argmap --help"] = wall(["--help"], args.runs * 2, REPO)
    table = report(sizes, {k: v for k, v in results.items() if v}, notes, growth, walls)
    print(table)
    args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
