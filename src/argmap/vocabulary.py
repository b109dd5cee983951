"""The format's fixed vocabularies: claim kinds and severities.

They live apart from the pydantic models so that the command line can offer them as choices
(`--kind`) and diagnostics can carry a severity without importing pydantic: `argmap --help`
stays fast. `argmap.model` uses them as field types.
"""

from enum import StrEnum


class Kind(StrEnum):
    """What a claim does in the argument."""

    thesis = "thesis"
    conclusion = "conclusion"
    premise = "premise"
    evidence = "evidence"
    concession = "concession"
    caveat = "caveat"
    prediction = "prediction"
    definition = "definition"
    question = "question"
    recommendation = "recommendation"


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
