"""The format's fixed vocabularies: claim kinds and severities.

They live apart from the pydantic models so that the command line can offer them as choices
(`--kind`) and diagnostics can carry a severity without importing pydantic: `argmap --help`
stays fast. `argmap.model` uses them as field types.
"""

from enum import Enum


class Kind(str, Enum):
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


KIND_DOCS = {
    Kind.thesis: "the main claim an author defends",
    Kind.conclusion: "a claim an author draws from others, short of the main thesis",
    Kind.premise: "a general claim offered as a reason",
    Kind.evidence: "a fact, event or datum offered as a reason",
    Kind.concession: "a point granted to the other side",
    Kind.caveat: "a limit on what can be known or claimed",
    Kind.prediction: "a claim about what will or may happen",
    Kind.definition: "what a term means in the debate",
    Kind.question: "a question that challenges a claim or an inference",
    Kind.recommendation: "what someone should do",
}


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
