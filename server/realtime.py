"""Real-time scheduling for the daemon's control threads: OSC receive, MIDI poll and dispatch.

Each of these threads sleeps until an event arrives and hands it on within microseconds; what
makes a trigger late is the wake-up. Under Linux's time-sharing policy a machine busy with other
work (a DAW rendering, a compiler, a browser) wakes them tens of milliseconds late, and the
trigger is heard that much later (see docs/performance.md). ``SCHED_FIFO`` at priority 1, the
lowest real-time priority, runs them before every time-shared process and after every audio
thread: JACK's threads, and PortAudio's callback that runs in them, have higher priorities.

Linux only. Where the user may not raise priorities (``RLIMIT_RTPRIO`` 0: on Debian, add the
user to the ``audio`` group that jackd2's install sets up), the threads keep the normal policy
and the daemon says so once. ``wavegan serve --no-realtime`` keeps them time-shared.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
from collections.abc import Callable

PRIORITY = 1
_PR_SET_NAME = 15   # prctl(2): the calling thread's name, as `top -H` and /proc show it


class ControlThreads:
    """The process's policy for its control threads; each calls :meth:`enter` first thing."""

    def __init__(self) -> None:
        self.enabled = False
        self.say: Callable[[str], None] = logging.getLogger("wavegan.serve").info
        self.threads: dict[str, str] = {}     # thread name -> "SCHED_FIFO 1" or why not
        self._lock = threading.Lock()

    def configure(self, enabled: bool, say: Callable[[str], None] | None = None) -> None:
        self.enabled = enabled
        if say is not None:
            self.say = say

    def enter(self, name: str) -> bool:
        """Name the calling thread and, when enabled and allowed, make it real-time."""
        _name_os_thread(name)
        if not self.enabled:
            return False
        why = _make_fifo()
        with self._lock:
            first = not self.threads
            self.threads[name] = why or f"SCHED_FIFO {PRIORITY}"
        if first:
            self.say(f"control threads: real-time (SCHED_FIFO {PRIORITY})" if why is None else
                     f"control threads: time-shared ({why}); OSC and MIDI may be late on a busy "
                     "machine")
        return why is None


def _make_fifo() -> str | None:
    """Switch the calling thread to SCHED_FIFO; None on success, else the reason."""
    if not sys.platform.startswith("linux"):
        return f"not available on {sys.platform}"
    try:   # pid 0 is the calling thread on Linux
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(PRIORITY))
    except PermissionError:
        return "not permitted: raise RLIMIT_RTPRIO, e.g. join the 'audio' group"
    except OSError as exc:
        return f"sched_setscheduler: {exc.strerror}"
    return None


def _name_os_thread(name: str) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
    except (OSError, AttributeError):
        pass


control_threads = ControlThreads()
