"""Which part of the generator an output window depends on, and the stages a render walks.

A window of output samples depends on a window of each layer's input: a few frames of context
per layer around its share of the phrase. A draft or a refinement step computes just that, and
gets the whole phrase's samples (:func:`window_plan`). A refinement computes the phrase in
stages: each leading layer whose weights outweigh its output is a stage of its own, computed
once, and the rest is computed in windows (:func:`stage_bounds`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class Conv(Protocol):
    """What the window walk needs of a layer (``wavegan.fastgen.PolyConv`` has it)."""

    stride: int
    taps: int
    left: int


@dataclass(frozen=True)
class LayerWindow:
    """What one layer computes for a window: input frames ``[lo, hi)`` of its full input,
    zero-padded by ``pad`` = (before, after), give ``count`` polyphase outputs (``count *
    stride`` samples), of which ``[crop, crop + keep)`` are the window's."""

    lo: int
    hi: int
    pad: tuple[int, int]
    count: int
    crop: int
    keep: int


def window_plan(convs: Sequence[Conv], base_len: int, start: int,
                stop: int) -> tuple[LayerWindow, ...]:
    """Per layer, the part that output samples ``[start, stop)`` depend on.

    Output phase ``n`` of a layer reads padded input frames ``n … n + taps - 1``, i.e. input
    frames ``n - left …``; walking back from the last layer gives every layer's window, so a
    window costs about its share of the whole phrase plus a few frames of context per layer.
    The samples are those of the whole phrase (the same sums, in the same order)."""
    lengths = [base_len]
    for c in convs:
        lengths.append(lengths[-1] * c.stride)
    if not 0 <= start < stop <= lengths[-1]:
        raise ValueError(f"window [{start}, {stop}) is not inside [0, {lengths[-1]})")
    plan = []
    a, b = start, stop
    for c, full_in in zip(reversed(convs), reversed(lengths[:-1])):
        n0, n1 = a // c.stride, -(-b // c.stride)
        want_lo, want_hi = n0 - c.left, n1 - c.left + c.taps - 1
        lo, hi = max(0, want_lo), min(full_in, want_hi)
        plan.append(LayerWindow(lo, hi, (lo - want_lo, want_hi - hi), n1 - n0,
                                a - n0 * c.stride, b - a))
        a, b = lo, hi
    return tuple(reversed(plan))


def stage_bounds(weight_bytes: list[int], out_bytes: list[int]) -> tuple[int, ...]:
    """The first layer of each stage of a refinement, and the layer count: each leading layer
    whose weights outweigh its output is a stage of its own, computed whole once (a window of
    it would stream all its weights again); the layers after it are one stage, the one
    computed in windows (each repeats only a few frames of their small weights' context).
    Each stage's output crosses from one call to the next, so no stage but the last ends on a
    layer with a large output."""
    bounds = [0]
    for i, (w, o) in enumerate(zip(weight_bytes, out_bytes)):
        if w <= o:
            break
        bounds.append(i + 1)
    if bounds[-1] < len(weight_bytes):
        bounds.append(len(weight_bytes))
    return tuple(bounds)
