"""The run directory: checkpoints on disk, the newest complete one, resume and config checks.

Layout of ``RUN_DIR``::

    run.json                 the full RunConfig the run was started with
    checkpoints/step_NNNNNN/ wavegan checkpoints (generator, discriminator, optimizer_g,
                             optimizer_d, rng .npz + model.json with the run config and the
                             loop state in its metadata); the last ``keep`` are kept
    previews/step_NNNNNN/    preview WAVs + spectrogram.png (trainer.previews)
    metrics.jsonl, loss_curve.png, tb/   (trainer.monitor)

Every checkpoint is written by :func:`wavegan.checkpoint.save_checkpoint` (temp dir + rename),
so a ``kill -9`` leaves either the new checkpoint complete or not there at all; older ones are
pruned only after the new one is in place. Loading walks from the newest checkpoint down and
skips any that fail validation (SHA-256 of every file), saying why.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from trainer.config import RunConfig, build_run_config
from wavegan.checkpoint import (
    STEP_DIR,
    Checkpoint,
    assign_arrays,
    model_arrays,
    save_checkpoint,
)
from wavegan.errors import UserError

log = logging.getLogger("wavegan.train")

RUN_FILE = "run.json"


def step_name(step: int) -> str:
    return f"step_{int(step):06d}"


@dataclass
class LoopState:
    """What a checkpoint holds beyond weights: where the loop, data and RNG streams were."""

    step: int = 0
    elapsed: float = 0.0            # training seconds over all sessions
    slices_seen: int = 0
    data_seed: int = 0              # seed the current data stream was built with
    data_batches: int = 0           # batches drawn from that stream so far
    extra: dict[str, Any] = field(default_factory=dict)


class _Weights:
    """Adapter giving an optimizer's variables the ``.weights`` of a model (for assign_arrays),
    keyed without the optimizer's auto-generated name prefix (``adam_3/…`` → ``…``)."""

    def __init__(self, variables):
        self.weights = [_Renamed(v) for v in variables]


class _Renamed:
    def __init__(self, var):
        self.var = var
        self.path = var.path.split("/", 1)[-1]
        self.shape = var.shape
        self.dtype = var.dtype

    def assign(self, value):
        self.var.assign(value)

    def numpy(self):
        return self.var.numpy()


def gan_arrays(gan, rng_state: np.ndarray | None = None) -> dict[str, dict[str, np.ndarray]]:
    """Every array a resumed run needs: both models, both optimizers, the latent RNG state."""
    arrays = {
        "generator": model_arrays(gan.generator),
        "discriminator": model_arrays(gan.discriminator),
        "optimizer_g": model_arrays(_Weights(gan.g_optimizer.variables)),
        "optimizer_d": model_arrays(_Weights(gan.d_optimizer.variables)),
    }
    if gan.generator_ema is not None:
        arrays["generator_ema"] = model_arrays(gan.generator_ema)
    if rng_state is not None:
        arrays["rng"] = {"state": np.asarray(rng_state)}
    return arrays


def restore_gan(gan, ckpt: Checkpoint) -> np.ndarray | None:
    """Load models, optimizer state and the latent RNG state (``gan.z_rng``) from ``ckpt``;
    returns the RNG state (None if the checkpoint has none). See also :func:`restore_ema`."""
    where = str(ckpt.path)
    assign_arrays(gan.generator, ckpt.arrays("generator"), f"{where}/generator.npz")
    assign_arrays(gan.discriminator, ckpt.arrays("discriminator"), f"{where}/discriminator.npz")
    assign_arrays(_Weights(gan.g_optimizer.variables), ckpt.arrays("optimizer_g"),
                  f"{where}/optimizer_g.npz")
    assign_arrays(_Weights(gan.d_optimizer.variables), ckpt.arrays("optimizer_d"),
                  f"{where}/optimizer_d.npz")
    if not ckpt.has("rng"):
        return None
    state = ckpt.arrays("rng")["state"]
    if getattr(gan, "z_rng", None) is not None:
        gan.z_rng.state.assign(state)
    return state


def restore_ema(gan, ckpt: Checkpoint,
                adapt: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]] | None = None,
                ) -> str | None:
    """Load the generator's moving average when the run keeps one (``--ema``): from ``ckpt``
    if it has it, else started afresh at the generator's weights (returns a note saying so).
    ``adapt``: what a warm start does to the generator's arrays (``trainer.warm_start``)."""
    if gan.generator_ema is None:
        return None
    if ckpt.has("generator_ema"):
        arrays = ckpt.arrays("generator_ema")
        assign_arrays(gan.generator_ema, adapt(arrays) if adapt else arrays,
                      f"{ckpt.path}/generator_ema.npz")
        return None
    gan.reset_ema()
    return "the generator's moving average (--ema) starts at the generator's weights"


class RunDir:
    """One training run's directory. Holds an exclusive lock while training (see :meth:`lock`)."""

    def __init__(self, root: str | os.PathLike, keep: int = 3):
        self.root = Path(root)
        self.keep = keep
        self._lock_fd: int | None = None

    @property
    def checkpoints(self) -> Path:
        return self.root / "checkpoints"

    @property
    def previews(self) -> Path:
        return self.root / "previews"

    # -- locking --------------------------------------------------------------------------------
    def lock(self) -> None:
        """Refuse a second trainer on the same run dir (the lock dies with the process)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise UserError(f"{self.root} is in use by another `wavegan train`; stop it first "
                            "or choose another --run directory") from exc
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- config ---------------------------------------------------------------------------------
    def saved_config(self) -> dict[str, Any] | None:
        path = self.root / RUN_FILE
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise UserError(f"{path}: unreadable ({exc}); fix or delete it") from exc

    def check_config(self, run: RunConfig, saved: dict[str, Any] | None = None) -> None:
        """Refuse to continue a run started with a different model/objective/data config;
        otherwise (re)write ``run.json`` with ``run``. ``saved``: ``run.json`` as the caller
        already read it (:meth:`saved_config`), else it is read here."""
        saved = self.saved_config() if saved is None else saved
        if saved is not None:
            try:
                before = build_run_config([saved])
            except UserError as exc:
                raise UserError(f"{self.root / RUN_FILE}: {exc}") from exc
            diffs = before.differences(run)
            if diffs:
                raise UserError(
                    f"{self.root} holds a run with a different config ({'; '.join(diffs)}). "
                    "Use a new --run directory, or rerun with the original settings "
                    f"(see {self.root / RUN_FILE})")
        elif any(self.checkpoints.glob("step_*")):
            raise UserError(f"{self.root} has checkpoints but no {RUN_FILE}; refusing to "
                            "overwrite it: choose another --run directory")
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{RUN_FILE}.tmp"
        tmp.write_text(run.to_json())
        os.replace(tmp, self.root / RUN_FILE)

    # -- checkpoints ----------------------------------------------------------------------------
    def steps(self) -> list[int]:
        """Steps of the checkpoint directories present (complete or not), ascending."""
        if not self.checkpoints.is_dir():
            return []
        found = (STEP_DIR.match(p.name) for p in self.checkpoints.iterdir() if p.is_dir())
        return sorted(int(m.group(1)) for m in found if m)

    def path(self, step: int) -> Path:
        return self.checkpoints / step_name(step)

    def set_aside(self, path: Path) -> Path:
        """Rename an unreadable checkpoint to ``step_NNNNNN.unreadable`` (kept for inspection,
        never resumed from, never pruned: pruning counts only ``step_NNNNNN``)."""
        dest, n = path.with_name(f"{path.name}.unreadable"), 1
        while dest.exists():
            n += 1
            dest = path.with_name(f"{path.name}.unreadable-{n}")
        os.rename(path, dest)
        return dest

    def remove_stale_temps(self) -> None:
        """Delete half-written / half-deleted checkpoint dirs left by a killed process."""
        if self.checkpoints.is_dir():
            for pattern in (".step_*.tmp-*", ".step_*.trash-*"):
                for p in self.checkpoints.glob(pattern):
                    shutil.rmtree(p, ignore_errors=True)

    def save(self, run: RunConfig, arrays, state: LoopState, dataset: dict | None = None) -> Path:
        """Write ``checkpoints/step_NNNNNN`` atomically, then prune to the newest ``keep``."""
        meta = {"run_config": run.to_dict(), "loop_state": _state_dict(state),
                "label": f"training step {state.step}"}
        if dataset:
            meta["dataset"] = dataset
        path = save_checkpoint(self.path(state.step), run.model, arrays, step=state.step,
                               extra_meta=meta,
                               extra_files={RUN_FILE: run.to_json().encode()})
        self.prune()
        return path

    def prune(self) -> None:
        steps = self.steps()
        for step in steps[:-self.keep] if len(steps) > self.keep else []:
            # Renamed out of sight first: a kill during the delete leaves no half checkpoint.
            trash = self.checkpoints / f".{step_name(step)}.trash-{os.getpid()}"
            os.rename(self.path(step), trash)
            shutil.rmtree(trash, ignore_errors=True)


def _state_dict(state: LoopState) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(state)


def loop_state(ckpt: Checkpoint) -> LoopState:
    data = dict(ckpt.meta.get("loop_state") or {"step": ckpt.step})
    return LoopState(**data)
