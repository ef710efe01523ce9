"""argparse value types that refuse out-of-range numbers with one clear line (no traceback)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def at_least(kind: type, low: float, *, strict: bool = False) -> Callable[[str], float]:
    """``type=at_least(int, 1)``: parse with ``kind``; values below ``low`` (or equal to it,
    when ``strict``) are refused by argparse as ``argument -n/--count: 0: must be ≥ 1``."""
    def parse(text: str):
        value = kind(text)
        if value < low or (strict and value == low):
            raise argparse.ArgumentTypeError(
                f"{text}: must be {'greater than' if strict else '≥'} {low:g}")
        return value
    parse.__name__ = kind.__name__   # argparse names the type in its "invalid int value" error
    return parse
