"""Drafts: what a change that moves many pads plays first, and how it is made whole.

A macro knob or a style moves all 16 pads at once. Rendering 16 whole phrases takes several
hundred milliseconds on a 2-core CPU, and while a knob turns every new value would wait for
the render before it. So when a render names more than ``Drafts.above`` pads, the pad bank
first renders a *draft* of each: the phrase's first ``length`` samples, exactly those of the
whole phrase (the generator computes only the part of the network they depend on), faded out
at their end. A trigger then plays the new sound's beginning at once.

When no change is waiting, the bank *refines*: a :class:`Refinement` computes the rest of
those phrases ``segment`` samples at a time, so a new change waits for at most one segment,
and the whole phrase replaces the draft in one swap, between triggers like every swap.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Drafts:
    """When a render starts with drafts, and how long drafts and refinement windows are.

    ``length`` and ``segment`` are samples at the model's rate. 2048 samples (46 ms at
    44.1 kHz, a drum's attack and body) for 16 pads cost about as much as one pad's whole
    phrase (41 ms on a 2-core EPYC, d=64). A refinement segment of 16384 samples is a quarter
    of a 65536-sample phrase: smaller segments let a new change in sooner but each repeats
    the early layers' context (docs/performance.md#a-knob-turn)."""

    above: int = 4
    length: int = 2048
    segment: int = 16384
    fade_ms: float = 4.0

    def wanted(self, n_pads: int, slice_len: int) -> bool:
        return n_pads > self.above and self.length < slice_len

    def fade(self, draft: np.ndarray, sample_rate: int) -> np.ndarray:
        """``draft`` ``[B, T, C]`` with a linear fade-out over its last ``fade_ms``."""
        n = min(draft.shape[1], max(1, int(sample_rate * self.fade_ms / 1000)))
        out = draft.copy()
        out[:, -n:] *= np.linspace(1.0, 0.0, n, dtype=np.float32)[:, None]
        return out


DEFAULT_DRAFTS = Drafts()
NO_DRAFTS = Drafts(above=sys.maxsize)   # every render whole (the path before drafts)

Trunks = Callable[[np.ndarray, np.ndarray], list]                 # (z, style) → trunks
Windows = Callable[[list, int, int], np.ndarray]                  # (trunks, start, stop)


class Refinement:
    """Whole phrases of ``pads`` (latents ``z`` ``[P, latent]`` with macros applied, in
    ``style``): the first :meth:`step` computes what all windows share (the generator's
    trunk), each later one ``segment`` samples."""

    def __init__(self, pads: list[int], z: np.ndarray, style: np.ndarray, slice_len: int,
                 segment: int):
        self.pads = list(pads)
        self.z = z
        self.style = style
        self.slice_len = slice_len
        self.segment = segment
        self.done_samples = 0
        self._parts: list[np.ndarray] = []
        self._dropped: set[int] = set()
        self._trunks: list | None = None

    @property
    def live(self) -> list[int]:
        return [p for p in self.pads if p not in self._dropped]

    def __bool__(self) -> bool:
        return bool(self.live)

    def drop(self, pads) -> None:
        """Do not swap in ``pads`` (a newer change renders them again). Their rows are still
        computed, so every other pad keeps its batch position and its exact samples."""
        self._dropped.update(set(pads) & set(self.pads))

    def step(self, trunks: Trunks, windows: Windows) -> tuple[list[int], np.ndarray] | None:
        """Compute the trunks with ``trunks(z, style)``, or the next segment with
        ``windows(trunks, start, stop)``; once the last segment is done, the pads still
        wanted and their raw phrases ``[P, slice_len, C]``, else None."""
        if self._trunks is None:
            self._trunks = trunks(self.z, self.style)
            return None
        start = self.done_samples
        stop = min(self.slice_len, start + self.segment)
        self._parts.append(windows(self._trunks, start, stop))
        self.done_samples = stop
        if stop < self.slice_len:
            return None
        rows = [i for i, p in enumerate(self.pads) if p not in self._dropped]
        whole = np.concatenate(self._parts, axis=1)[rows]
        pads = self.live
        self.pads, self._parts, self._trunks = [], [], None
        return pads, whole
