"""Drafts: what a change that moves many pads plays first, and how it is made whole.

A macro knob or a style moves all 16 pads at once. Rendering 16 whole phrases takes several
hundred milliseconds on a 2-core CPU, and while a knob turns every new value would wait for
the render before it. So when a render names more than ``Drafts.above`` pads, the pad bank
first renders a *draft* of each: the phrase's first ``length`` samples, exactly those of the
whole phrase (the generator computes only the part of the network they depend on), faded out
at their end. A trigger then plays the new sound's beginning at once.

When no change is waiting, the bank *refines*: a :class:`Refinement` computes those phrases
whole in short steps, so a new change waits for at most one step, and the whole phrase
replaces the draft in one swap, between triggers like every swap. The steps follow the
generator's stages (:meth:`wavegan.generator.Generator.steps`): the wide early layers, whose
weights are streamed whole on every call, once each, then the rest in windows of ``segment``
samples, which repeat only a little context. So the refinement costs about what one whole
render costs (the keras backend, whose windows would each cost a whole render, is one step).
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
    phrase (41 ms on a 2-core EPYC, d=64). The refinement's last stage is computed in windows
    of ``segment`` samples: 16384 makes each step of a d=64, 65536-sample refinement at most
    about as long as its first stage (~80 ms for 16 pads on that EPYC)
    (docs/performance.md#a-knob-turn)."""

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

Stage = Callable[[object, int, int, int], list]   # (input, stage, start, stop) → chunks


class Refinement:
    """Whole phrases of ``pads`` (latents ``z`` ``[P, latent]`` with macros applied, in
    ``style``), one :meth:`step` at a time, along ``steps`` (``(stage, start, stop)``, from
    :meth:`wavegan.generator.Generator.steps`)."""

    def __init__(self, pads: list[int], z: np.ndarray, style: np.ndarray,
                 steps: list[tuple[int, int, int]]):
        self.pads = list(pads)
        self.z = z
        self.style = style
        self.steps = list(steps)
        self.done_steps = 0
        self._input: object = (z, style)      # the stage under way reads this whole
        self._parts: list[list[np.ndarray]] = []
        self._dropped: set[int] = set()

    @property
    def live(self) -> list[int]:
        return [p for p in self.pads if p not in self._dropped]

    def __bool__(self) -> bool:
        return bool(self.live)

    def drop(self, pads) -> None:
        """Do not swap in ``pads`` (a newer change renders them again). Their rows are still
        computed, so every other pad keeps its batch position and its exact samples."""
        self._dropped.update(set(pads) & set(self.pads))
        if not self.live:                     # abandoned: let its stage outputs go
            self._input, self._parts = None, []

    def step(self, run: Stage) -> tuple[list[int], np.ndarray] | None:
        """Compute the next step with ``run(input, stage, start, stop)``: output frames
        ``[start, stop)`` of ``stage`` from its whole input (``(z, style)`` for stage 0, else
        what the previous stage returned: one array per chunk of pads). After the last step,
        the pads still wanted and their raw phrases ``[P, slice_len, C]``, else None."""
        stage, _, _ = self.steps[self.done_steps]
        self._parts.append(run(self._input, *self.steps[self.done_steps]))
        self.done_steps += 1
        if self.done_steps < len(self.steps) and self.steps[self.done_steps][0] == stage:
            return None                       # more windows of this stage to come
        self._input = [c[0] if len(c) == 1 else np.concatenate(c, axis=1)   # the backend's
                       for c in zip(*self._parts)]                         # own, if whole
        self._parts = []
        if self.done_steps < len(self.steps):
            return None
        rows = [i for i, p in enumerate(self.pads) if p not in self._dropped]
        whole = np.concatenate(self._input, axis=0)[rows]
        pads = self.live
        self.pads, self._input = [], None
        return pads, whole
