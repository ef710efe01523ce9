"""Run the `wavegan` console script as a user would (a subprocess of this interpreter)."""

from __future__ import annotations

import subprocess
import sys


def wavegan(*args, check: bool = True, timeout: float = 240) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "wavegan.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"wavegan {args} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc
