"""Benchmark conventions shared by every ``bench_*.py`` script.

A benchmark measures its figure *and* its baseline in the same run and reports each result
with :func:`report`, which prints a human line and a machine line
``BENCH {json}`` that ``run_all.py`` gathers into one table.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable

from wavegan.cpu_memory import pool_cpu_memory
from wavegan.quiet import quiet_tensorflow

# every bench_*.py imports this module before TensorFlow: its output starts with our lines,
# and TensorFlow runs with the memory pool the CLI gives it
quiet_tensorflow()
pool_cpu_memory()


def timeit(fn: Callable[[], object], repeat: int = 10, warmup: int = 2) -> list[float]:
    """Wall-clock seconds of ``fn()`` over ``repeat`` runs after ``warmup`` untimed runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000.0


def machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def report(name: str, figure: float, unit: str, *, baseline: float | None = None,
           baseline_name: str = "", target: str = "", passed: bool | None = None,
           higher_is_better: bool = False) -> dict:
    """Print one result. ``ratio`` is baseline/figure (or figure/baseline if higher is better);
    none when the divisor is 0 (e.g. no xruns at all)."""
    divisor = baseline if higher_is_better else figure
    ratio = None
    if baseline is not None and divisor:
        ratio = figure / baseline if higher_is_better else baseline / figure
    row = {"name": name, "figure": round(figure, 4), "unit": unit,
           "baseline": None if baseline is None else round(baseline, 4),
           "baseline_name": baseline_name, "ratio": None if ratio is None else round(ratio, 3),
           "target": target, "pass": passed}
    human = f"{name}: {figure:.3f} {unit}"
    if baseline is not None:
        human += f"  (baseline {baseline_name}: {baseline:.3f} {unit}"
        human += ")" if ratio is None else f", ratio {ratio:.2f}x)"
    if target:
        human += f"  target {target}: {'PASS' if passed else 'FAIL'}"
    print(human, flush=True)
    print("BENCH " + json.dumps(row), flush=True)
    return row
