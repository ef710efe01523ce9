"""How late the platform runs a real-time thread, measured from another process.

An xrun in a benchmark is either the process under test (its audio callback waited for the GIL
or for a CPU) or the platform (a VM whose host holds back a vCPU, a kernel built without full
preemption). This probe tells them apart: a process of its own, so it shares no GIL or memory
with the benchmark, whose thread runs at ``SCHED_FIFO`` priority 10 (JACK's clients run at 5)
when the user may, sleeps 1 ms at a time and reports every wake-up later than
:data:`LATE_MS`. A stall it sees at the time of an xrun was the platform's: nothing in the
benchmark's process can hold back a real-time thread of another process.

    python -m tests.benchmarks.rt_probe   # prints "ready <policy>", then "late <monotonic s> <ms>"
                                          # per late wake-up; exits when stdin closes
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

LATE_MS = 3.0
PERIOD_S = 0.001
PRIORITY = 10


class RtProbe:
    """The probe process, and the late wake-ups it has reported: ``(monotonic s, ms late)``
    (``time.monotonic`` is one clock for every process of the machine)."""

    def __init__(self) -> None:
        self.stalls: list[tuple[float, float]] = []
        self._proc = subprocess.Popen([sys.executable, "-m", "tests.benchmarks.rt_probe"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = self._proc.stdout.readline().split()
        if ready[:1] != ["ready"]:
            raise RuntimeError(f"rt_probe did not start: {ready}")
        self.policy = ready[1]
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self._proc.stdout:
            _, at, ms = line.split()
            self.stalls.append((float(at), float(ms)))

    def within(self, spans: list[tuple[float, float]]) -> list[float]:
        """Milliseconds late of the wake-ups reported inside any of ``spans`` (start, end)."""
        return [ms for at, ms in list(self.stalls) if any(a <= at <= b for a, b in spans)]

    def close(self) -> None:
        self._proc.stdin.close()
        self._proc.wait(timeout=10)
        self._reader.join(timeout=5)


def main() -> int:
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(PRIORITY))
        policy = f"SCHED_FIFO/{PRIORITY}"
    except (PermissionError, AttributeError):
        policy = "SCHED_OTHER"     # still a baseline: how late any thread of ours could be
    stop = threading.Event()

    def wait_for_eof() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    print("ready", policy, flush=True)
    while not stop.is_set():
        t0 = time.monotonic()
        time.sleep(PERIOD_S)
        late_ms = (time.monotonic() - t0 - PERIOD_S) * 1000
        if late_ms > LATE_MS:
            print(f"late {time.monotonic():.4f} {late_ms:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
