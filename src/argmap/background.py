"""Rules run in a second process beside the others: how a check uses a machine's second core.

Verifying quotes (reading and normalising every source text, finding every quote in its text)
is the largest part of a check, and needs nothing the other rules make. On a large map the check
forks: the child runs the rules marked `background` (those that read source texts, and the
searches along supports, which make the halves about even) while the parent runs the others and
evaluates the semantics. The child's findings come back through a pipe, pickled, each place as
its document's identity (which a fork keeps: the child's objects are the parent's, at the same
addresses), and take their places in rule order, so that the output is that of a check in one
process, byte for byte. If the child fails in any way (it dies, its answer cannot be read), the
parent runs the child's rules itself: a failed fork costs time, never a finding.

Only where `os.fork` is the usual way to start a process (Linux), when a core is free (on a busy
machine the child would take turns with the parent), and only from a process that runs no other
thread (the command line; never the language server or `argmap serve`, whose threads a fork
would copy mid-step).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from argmap.diagnostics import Finding, PendingLoc
from argmap.vocabulary import Severity

if TYPE_CHECKING:
    from argmap.loader import Document

_T = TypeVar("_T")

#: A finding without its document: the document's `id`, which is the same in a forked child.
Portable = tuple[str, str, int, tuple[str | int, ...], bool, str, str | None, tuple[str, ...]]


def free_core() -> bool:
    """Whether a fork can run on a core that is free now: on Linux, fewer tasks are running
    (this process among them) than there are cores this process may use. A child that shares a
    core with another busy process makes the check slower, not faster."""
    if sys.platform != "linux":
        return False
    try:
        running = int(Path("/proc/loadavg").read_text(encoding="ascii").split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return False
    return running < len(os.sched_getaffinity(0))


class Forked(Generic[_T]):
    """`work()` run in a forked child, its (picklable) result waited for with `result()`."""

    def __init__(self, work: Callable[[], _T]) -> None:
        import pickle  # here, not above: most checks never fork

        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code, runs no exit handlers
            os.close(read)
            status = 1
            try:
                with os.fdopen(write, "wb") as pipe:
                    pickle.dump(work(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> _T | None:
        """The child's result, or None when it failed."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        import pickle

        try:
            result: _T = pickle.loads(data)
        except Exception:
            return None
        return result


def portable(finding: Finding) -> Portable:
    place = finding.place
    return (
        finding.code,
        finding.message,
        id(place.doc),
        place.path,
        place.key,
        finding.severity.value,
        finding.subject,
        finding.details,
    )


def restored(found: Sequence[Sequence[Portable]], documents: Sequence[Document]) -> list[list[Finding]] | None:
    """The findings (a list per rule), each at its document again; None if one names a document
    not in `documents`."""
    by_id = {id(doc): doc for doc in documents}
    if any(doc not in by_id for portable in found for _, _, doc, *_ in portable):
        return None
    return [
        [
            Finding(code, message, PendingLoc(by_id[doc], path, key), Severity(severity), subject, details)
            for code, message, doc, path, key, severity, subject, details in portable
        ]
        for portable in found
    ]
