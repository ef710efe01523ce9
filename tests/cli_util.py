"""Run the `wavegan` console script as a user would (a subprocess of this interpreter)."""

from __future__ import annotations

import subprocess
import sys
import time


def wavegan(*args, check: bool = True, timeout: float = 240) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "wavegan.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"wavegan {args} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc


def read_until(proc: subprocess.Popen, predicate, timeout: float) -> list[str]:
    """Lines of ``proc``'s stdout up to the first for which ``predicate`` holds; kills ``proc``
    and fails, showing what it printed, when its output ends or ``timeout`` passes first."""
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if predicate(lines[-1]):
            return lines
    proc.kill()
    raise AssertionError("timed out; output:\n" + "\n".join(lines))
