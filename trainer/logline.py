"""The training log line: one per summary step on stdout, parsed by SageMaker metric regexes.

    step=1200 d_loss=-3.21 g_loss=4.05 gp=0.31 steps_per_sec=1.9 slices_per_sec=121

The format and the regexes live together here so they cannot drift apart.
"""

from __future__ import annotations

import re

FIELDS = ("step", "d_loss", "g_loss", "gp", "steps_per_sec", "slices_per_sec")
_NUM = r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|nan|inf|-inf)"

# name → regex with one capture group, as SageMaker MetricDefinitions want them.
METRIC_REGEXES: dict[str, str] = {name: rf"\b{name}={_NUM}" for name in FIELDS}


def format_line(metrics: dict[str, float]) -> str:
    """One log line; known fields first in FIELDS order, then any extra keys alphabetically."""
    keys = [k for k in FIELDS if k in metrics] + sorted(k for k in metrics if k not in FIELDS)
    parts = []
    for k in keys:
        v = metrics[k]
        parts.append(f"{k}={int(v)}" if k == "step" else f"{k}={float(v):.4g}")
    return " ".join(parts)


def parse_line(line: str) -> dict[str, float]:
    """Extract every known metric present in ``line`` (empty dict if it is not a metrics line)."""
    out: dict[str, float] = {}
    for name, rx in METRIC_REGEXES.items():
        m = re.search(rx, line)
        if m:
            out[name] = float(m.group(1))
    return out
