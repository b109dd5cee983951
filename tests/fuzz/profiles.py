"""Hypothesis profiles for the fuzz tests: `ci` (the default, a bounded run in every test run)
and `long` (`tests/fuzz/run_long.sh`, or ARGMAP_FUZZ_PROFILE=long). Used per test, not loaded
globally, so other property tests keep their own settings."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: Examples per fuzz test in an ordinary test run; docs/reliability.md quotes the total.
CI_EXAMPLES = 60

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", 5000)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ = settings.get_profile(os.environ.get("ARGMAP_FUZZ_PROFILE", "ci"))
