"""Python's cyclic garbage collector, paused while argmap builds what it keeps.

The collector walks every container object made since it last ran, and the older generations
again as they fill. What argmap builds in bulk holds no reference cycles worth a walk: the
modules, classes and pydantic schemas a command imports, and a map's data, models and graph
(trees, freed by reference counting). Walking them is pure cost.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Whether the `argmap` program paused the collector for its start-up (`pause_start_up`).
_start_up_paused = False


def pause_start_up() -> None:
    """Pause the collector from the start of the `argmap` program until its first map is built.

    A command imports what it needs as it runs: `check` imports pydantic and builds the format's
    models, tens of thousands of objects kept for the life of the process, and the collector
    walked them again and again as they were made (about 8 ms of the `argmap check` of a map of
    1,000 claims). The first map built ends the pause (`no_cycle_collection`), freezing what was
    made; a command that builds no map is short (`--help`, `rules`, `schema`). Only the program
    pauses so: a library caller, or a test running `main`, keeps its collector as it was. A
    command that runs for long (`serve`, `lsp`) ends the pause before it waits (`end_start_up`),
    whether it built a map or not."""
    global _start_up_paused
    if gc.isenabled():
        gc.disable()
        _start_up_paused = True


def end_start_up() -> None:
    """End the program's start-up pause, if it is on: what start-up made is frozen."""
    global _start_up_paused
    if _start_up_paused:
        _start_up_paused = False
        gc.freeze()
        gc.enable()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the collector while a map's objects are built.

    The collector would only walk the growing heap again and again, which costs more than half
    of the loading time of a 10,000-claim map. On the way out the objects built are frozen
    (`gc.freeze`): else the first collection after, and two more as they age, would each walk
    them all (a second at 100,000 claims). The next map built unfreezes them, so a long-running
    server keeps no garbage for ever. The program's start-up pause ends here too."""
    global _start_up_paused
    resume = gc.isenabled() or _start_up_paused
    _start_up_paused = False
    gc.disable()
    if resume:
        gc.unfreeze()
    try:
        yield
    finally:
        if resume:
            gc.freeze()
            gc.enable()
