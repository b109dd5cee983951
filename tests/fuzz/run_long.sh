#!/bin/sh
# A long fuzz run: every fuzz test with ARGMAP_FUZZ_EXAMPLES examples (default 5000) instead of
# the few dozen of an ordinary test run. Extra arguments go to pytest (e.g. -k loader).
cd "$(dirname "$0")/../.." || exit 2
ARGMAP_FUZZ_PROFILE=long PYTHONPATH=src exec python -m pytest -q tests/fuzz -p no:cacheprovider \
    --hypothesis-show-statistics "$@"
