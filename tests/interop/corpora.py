"""Where the interop tests of Argdown find the microtext corpus: one place, one line to move."""

from __future__ import annotations

from tests.conftest import DATA

MICROTEXTS = sorted((DATA / "microtexts-xml").glob("*.xml"))
