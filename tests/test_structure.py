"""Structure rules beyond the case files: long cycles, several cycles, stable output."""

from __future__ import annotations

from tests.conftest import run


def chain_map(n: int, closing: bool = True) -> str:
    lines = ["claims:"]
    for i in range(n):
        target = (i + 1) % n if closing or i + 1 < n else None
        lines.append(
            f"  - {{id: c{i}, text: C., author: ann, source: ann-2024"
            + (f", supports: [c{target}]}}" if target is not None else "}")
        )
    return "\n".join(lines) + "\n"


def test_a_cycle_longer_than_the_recursion_limit(make_map, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = make_map({"claims.yaml": chain_map(1200)})
    result = run("check", folder)
    s101 = [line for line in result.output.splitlines() if " S101 " in line]
    assert len(s101) == 1
    assert s101[0].endswith("error circular support: " + " -> ".join(f"c{i}" for i in [*range(1200), 0]))
    assert s101[0].startswith("map/claims.yaml:1201:69: S101 error")  # at the support that closes it


def test_output_is_deterministic(make_map) -> None:
    folder = make_map(
        {
            "claims.yaml": """\
        claims:
          - {id: a, text: A., supports: [b, d]}
          - {id: b, text: B., supports: [c]}
          - {id: c, text: C., supports: [a, b]}
          - {id: d, text: D., supports: [a], rebuts: [e]}
          - {id: e, text: E., author: ann, supports: [f]}
          - {id: f, text: F., author: ann}
    """
        }
    )
    first = run("check", folder, "--format", "json").output
    assert first == run("check", folder, "--format", "json").output
    text = run("check", folder).output
    # One diagnostic per group of claims in circles: the shortest cycle through its first claim.
    assert text.count(" S101 ") == 1
    assert (
        "circular support: a -> d -> a\n    a supports d\n    d supports a\n    also in circles with these: b, c"
        in text
    )
