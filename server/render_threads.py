"""How many cores the pads' renders may use, and a hint when the audio drops out during them.

By default a render uses every core, so a knob turn's 16 new pads arrive soonest. But the
audio callback needs a core too, every period. Its thread is real-time, so on a machine of its
own a busy render cannot take the core from it. A virtual machine can: with all its vCPUs
busy, the host holds some back for tens of milliseconds, real-time threads included, and JACK
hears xruns (docs/performance.md, "Leaving a core to the audio"). ``--render-threads N`` caps
TensorFlow's threads at ``N``, so a core stays free for the audio and renders take longer.
Which way to trade is the musician's call; :class:`XrunWatch` says when it arises.
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

    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError:   # TensorFlow already ran an op in this process with its own pools
        if (tf.config.threading.get_intra_op_parallelism_threads(),
                tf.config.threading.get_inter_op_parallelism_threads()) != (threads, threads):
            raise UserError(f"--render-threads {threads}: TensorFlow already started with "
                            "other thread pools in this process") from None
    return choice


class XrunWatch:
    """Checked every half second by the daemon: when the audio device reported xruns while the
    pads were rendering on every core, says so (at most once a :data:`HINT_INTERVAL_S`) and
    names the setting that trades render speed for a free core. Without audio nothing is ever
    reported (the null mixer counts no xruns)."""

    def __init__(self, xruns: Callable[[], int], renders: Callable[[], int],
                 threads: RenderThreads, say: Callable[..., None] = log.warning,
                 clock: Callable[[], float] = time.monotonic):
        self.xruns, self.renders = xruns, renders
        self.threads = threads
        self.say, self.clock = say, clock
        self._seen = (xruns(), renders())
        self._pending = 0                 # xruns during renders not yet reported
        self._said_at = float("-inf")

    def check(self) -> None:
        now_x, now_r = self.xruns(), self.renders()
        new_x, new_r = now_x - self._seen[0], now_r - self._seen[1]
        self._seen = (now_x, now_r)
        if new_x <= 0 or new_r <= 0 or not self.threads.all_cores or self.threads.cores < 2:
            return
        self._pending += new_x
        if self.clock() - self._said_at < HINT_INTERVAL_S:
            return
        self.say("audio: %d xrun(s) while the pads rendered on all %d cores; if you hear "
                 "them, --render-threads %d leaves a core to the audio (renders take longer; "
                 "docs/performance.md)", self._pending, self.threads.cores,
                 self.threads.cores - 1)
        self._pending = 0
        self._said_at = self.clock()
