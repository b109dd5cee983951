"""Formal argumentation semantics: which claims of a map stand, and ICCMA-style solving.

`evaluate(amap, semantics)` is the stable entry point for commands and renderers.
"""

from argmap.semantics.evaluation import SEMANTICS, Evaluation, evaluate
from argmap.semantics.grounded import IN, OUT, UNDEC

__all__ = ["IN", "OUT", "SEMANTICS", "UNDEC", "Evaluation", "evaluate"]
