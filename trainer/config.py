"""Training-run configuration: what the loop does (the model and objective live in wavegan/).

A run is described by four dataclasses saved together as ``run.json`` beside every checkpoint:
``ModelConfig`` (wavegan.config), ``GanConfig`` (wavegan.gan), the data slicing config and
``TrainConfig`` below.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass
class TrainConfig:
    """How long to train, how often to report and save, and at what precision."""

    batch_size: int = 64
    max_steps: int | None = None          # generator steps; None = until stopped
    max_time: float | None = None         # seconds of wall time; None = no limit
    summary_every: int = 50               # generator steps between log lines
    checkpoint_minutes: float = 5.0       # timer-based checkpoints
    keep: int = 3                         # complete checkpoints kept
    preview_count: int = 8                # fixed latents rendered at every checkpoint
    precision: str = "fp32"               # fp32 | bf16 | fp16 (mixed precision, for GPUs)
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
