"""Work on an untrusted file under a bound it cannot catch, nor the machine's load move.

pypdf, which reads the PDFs the page-tree reader (pdftree.py) leaves, is pure Python and
wraps much of its work in `except Exception`: a timeout raised inside it as an ordinary
exception is swallowed, and it goes on recovering a damaged file for as long as it likes.
A deadline in seconds also makes the verdict depend on the machine: the same 46 MB file
with a wrong `startxref` passed on an idle machine and failed on a loaded one.

So the bound here is counted, not timed: the number of Python calls the work may make
(`CALLS`), counted by a trace function that the interpreter calls, outside the parser.
When the count runs out it raises `_Stop`, a BaseException, which `except Exception`
does not catch. The same file costs the same count on any machine, loaded or idle.

Two backstops, for what counting cannot see (a long call into C): `CPU_SECONDS` of
processor time (not wall-clock time: another process's load does not count), checked
as the calls are counted; and, for a file too large to hold in memory, a forked child
process under RLIMIT_CPU and RLIMIT_AS with a wall-clock deadline, killed when it runs
over. Each bound that is hit raises `OverBudget`: the file is not checked, never passed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Python calls one file may cost. A clean 40,000-object PDF with a cross-reference stream
# costs about 0.8 million through pypdf; recovering a 46 MB file whose `startxref` is
# wrong costs 2.5 million (measured with pypdf 7.1). About 3 s of one core, unloaded.
CALLS = 1_500_000
CPU_SECONDS = 30.0  # backstop: processor time, checked every 65,536 calls
WALL_SECONDS = 120.0  # a child still running after this is killed (a call stuck in C)
CHILD_MEMORY = 1 << 30  # address space a child may add to what it inherits
_CHECK_EVERY = 0xFFFF


class OverBudget(Exception):
    """The work ran out of its budget; `kind` is "time" (calls, processor time, deadline)
    or "memory"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class _Stop(BaseException):
    """Raised by the trace function: a BaseException, so the parser cannot swallow it."""


def bounded(work: Callable[[], T], *, child: bool = False) -> T:
    """`work()` under the call budget; in a forked child process too when `child` is set
    and the platform can fork. Raises OverBudget when a bound is hit."""
    if child and hasattr(os, "fork"):
        return _in_child(work)
    return _counted(work)


def _counted(work: Callable[[], T]) -> T:
    previous = sys.gettrace()
    left = CALLS
    started = time.process_time()

    def tracer(frame: Any, event: str, arg: Any) -> None:
        # Set by sys.settrace, so called for "call" events only; returning None asks
        # for no line events (no cost per line).
        nonlocal left
        left -= 1
        if left <= 0 or (not left & _CHECK_EVERY and time.process_time() - started > CPU_SECONDS):
            raise _Stop
        return None

    sys.settrace(tracer)
    try:
        return work()
    except _Stop:
        raise OverBudget("time") from None
    except MemoryError:
        raise OverBudget("memory") from None
    finally:
        sys.settrace(previous)


# ---------------------------------------------------------------------- the child


def _in_child(work: Callable[[], T]) -> T:
    """Fork; the child does the counted work under hard limits and sends the outcome
    back through a pipe; the parent waits until the wall-clock deadline, then kills it."""
    read, write = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns about fork() in a threaded process
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        _child(work, read, write)  # never returns
    os.close(write)
    try:
        payload = _read_until(read, time.monotonic() + WALL_SECONDS)
    finally:
        os.close(read)
    if payload is None:  # past the deadline
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    if not payload:  # killed: by us, by RLIMIT_CPU (SIGXCPU), or it died
        raise OverBudget("time")
    outcome, value = pickle.loads(payload)  # our own child's bytes
    if outcome == "over":
        raise OverBudget(value)
    result: T = value
    return result


def _child(work: Callable[[], Any], read: int, write: int) -> None:
    code = 0
    try:
        os.close(read)
        _limit()
        try:
            outcome: tuple[str, Any] = ("done", _counted(work))
        except OverBudget as exc:
            outcome = ("over", exc.kind)
        data = pickle.dumps(outcome)
        while data:
            data = data[os.write(write, data) :]
    except BaseException:  # nothing of the parent's code may run in the child
        code = 1
    finally:
        os._exit(code)


def _limit() -> None:
    """Processor time and address space of this (child) process, where the OS has them."""
    try:
        import resource
    except ImportError:
        return
    seconds = int(CPU_SECONDS) + 5
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    size = _address_space()
    if size is not None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (size + CHILD_MEMORY, size + CHILD_MEMORY))


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), which the child inherits."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to `fd` until the writer closes it, or None at the deadline."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


__all__ = ["CALLS", "CPU_SECONDS", "WALL_SECONDS", "OverBudget", "bounded"]
