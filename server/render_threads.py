"""How many cores the pads' renders may use, and a hint when the audio drops out during them.

By default a render uses every core, so a knob turn's 16 new pads arrive soonest. But the
audio callback needs a core too, every period. Under JACK its thread is real-time, so on a
machine of its own a busy render cannot take the core from it. Some virtual machines can:
with all their vCPUs busy, the host holds the whole VM back for tens of milliseconds,
real-time threads included, and JACK hears xruns (docs/performance.md, "Leaving a core to the
audio"). ``--render-threads N`` caps TensorFlow's threads at ``N``, so a core stays free for
the audio and renders take longer. Which way to trade is the musician's call;
:class:`XrunWatch` says when it arises.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from wavegan.errors import UserError

log = logging.getLogger("wavegan.serve")
ALL = 0                  # the setting for "every core" (TensorFlow's own default)
HINT_INTERVAL_S = 60.0   # the xrun hint repeats at most this often


def available_cores() -> int:
    """The cores this process may run on (its affinity mask: ``taskset`` and cpusets count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):   # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class RenderThreads:
    """The threads TensorFlow may use for the pads' renders (``ALL``: every core)."""

    threads: int
    cores: int

    @property
    def all_cores(self) -> bool:
        return self.threads == ALL or self.threads >= self.cores

    def describe(self) -> str:
        """The start-up log line's text."""
        if self.all_cores:
            return (f"all {self.cores} cores" if self.threads == ALL else
                    f"{self.threads} threads on {self.cores} cores")
        free = self.cores - self.threads
        return (f"{self.threads} of {self.cores} cores "
                f"({free} left to the audio: --render-threads {self.threads})")


def limit_render_threads(threads: int, cores: int | None = None) -> RenderThreads:
    """Cap TensorFlow's thread pools (the intra-op one a matrix product splits over, and the
    inter-op one independent ops run on) at ``threads``; ``ALL`` leaves TensorFlow's default,
    every core. Must run before TensorFlow's first operation: its pools are made then."""
    choice = RenderThreads(threads, available_cores() if cores is None else cores)
    if threads == ALL:
        return choice
    import tensorflow as tf

    # both pools: the inter-op one would run independent ops side by side on more cores
    try:       # (setting the value the pools already have is no error)
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError:   # TensorFlow already ran an op in this process with other pools
        raise UserError(f"--render-threads {threads}: TensorFlow already started with other "
                        "thread pools in this process") from None
    return choice


def read_steal(stat: str = "/proc/stat") -> int | None:
    """The time the host has held this (virtual) machine's CPUs back, in clock ticks (the
    ``steal`` column of ``/proc/stat``; always 0 on a machine of its own), or None where
    unknown (not Linux)."""
    try:
        with open(stat) as f:
            return int(f.readline().split()[8])
    except (OSError, IndexError, ValueError):
        return None


class NullXrunWatch:
    """The watch of a daemon not built yet: nothing to check."""

    def check(self) -> None:
        pass


class XrunWatch:
    """Checked every half second by the daemon. When the audio device reported xruns while the
    pads rendered on every core and the host held the machine back meanwhile (its steal time
    rose: a virtual machine, see the module's doc), says so, at most once a
    :data:`HINT_INTERVAL_S`, naming the setting that trades render speed for a free core.
    Where steal time is unknown, xruns during renders suffice. Without audio nothing is ever
    reported (the null mixer counts no xruns).

    ``events``: the pad bank's ``generator_events``: each generator call's start and end
    count one, so a call overlapped the time since the last check when the count moved or is
    odd (one runs now)."""

    def __init__(self, xruns: Callable[[], int], events: Callable[[], int],
                 threads: RenderThreads, say: Callable[..., None] = log.warning,
                 clock: Callable[[], float] = time.monotonic,
                 steal: Callable[[], int | None] = read_steal):
        self.xruns, self.events, self.steal = xruns, events, steal
        self.threads = threads
        self.say, self.clock = say, clock
        self._seen = (xruns(), events(), steal())
        self._pending = 0                 # xruns during renders not yet reported
        self._said_at = float("-inf")

    def check(self) -> None:
        seen = (self.xruns(), self.events(), self.steal())
        (x0, e0, s0), (x1, e1, s1) = self._seen, seen
        self._seen = seen
        rendered = e1 != e0 or e1 % 2 == 1
        held_back = s0 is None or s1 is None or s1 > s0
        if x1 <= x0 or not rendered or not held_back or not self.threads.all_cores \
                or self.threads.cores < 2:
            return
        self._pending += x1 - x0
        if self.clock() - self._said_at < HINT_INTERVAL_S:
            return
        self.say("audio: %d xrun(s) while the pads rendered on all %d cores and the host held "
                 "this machine back; if you hear them, --render-threads %d leaves a core to "
                 "the audio (renders take longer; docs/performance.md)", self._pending,
                 self.threads.cores, self.threads.cores - 1)
        self._pending = 0
        self._said_at = self.clock()
