"""The dataset report behind ``wavegan scan``: what a folder gives and what training will cost.

It reads the folder through the same code training uses (``wavegan.dataset.load_corpus``),
then combines the slice count with a short timed run of the real training step on this
machine and the SageMaker instance table in ``trainer.costs``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from trainer.styles import training_data
from wavegan.config import ModelConfig
from wavegan.dataset import DatasetSummary, load_corpus
from wavegan.slicing import SliceConfig


@dataclass
class StepTiming:
    """Seconds per generator step (with its critic updates) measured on this machine."""

    seconds_per_step: float
    measured_batch: int
    batch_size: int
    n_critic: int
    steps_timed: int

    @property
    def scaled(self) -> bool:
        return self.measured_batch != self.batch_size


def time_train_step(cfg: ModelConfig, batch_size: int, n_critic: int = 5,
                    bench_batch: int | None = None, steps: int = 2) -> StepTiming:
    """Time the real compiled ``WaveGAN.train_step`` (after one warm-up step).

    With ``bench_batch`` smaller than ``batch_size`` the time is measured at that batch and
    scaled linearly (CPU cost is close to linear in the batch), and the result says so.
    """
    import tensorflow as tf

    from wavegan.gan import GanConfig, WaveGAN

    measured = min(batch_size, bench_batch or batch_size)
    gan = WaveGAN(cfg, GanConfig(n_critic=n_critic))
    gan.compile()
    step = tf.function(gan.train_step, reduce_retracing=True)
    rng = np.random.default_rng(0)
    real = tf.constant(rng.uniform(-0.5, 0.5, (n_critic * measured, cfg.slice_len,
                                              cfg.channels)).astype(np.float32))
    if cfg.styles:   # a conditional model's step also takes one-hot styles
        n = len(cfg.styles)
        real = (real, tf.one_hot(np.arange(n_critic * measured) % n, n))
    step(real)  # trace + warm-up
    t0 = time.perf_counter()
    for _ in range(steps):
        out = step(real)
    float(out["d_loss"])  # wait for the work to finish
    per_step = (time.perf_counter() - t0) / steps
    return StepTiming(per_step * batch_size / measured, measured, batch_size, n_critic, steps)


@dataclass
class ScanReport:
    """Everything ``wavegan scan`` prints (and ``--json`` writes)."""

    data: str
    model: ModelConfig
    slicing: SliceConfig
    summary: DatasetSummary
    batch_size: int = 64
    n_critic: int = 5
    steps: int = 200_000
    timing: StepTiming | None = None
    instances: list[dict[str, Any]] = field(default_factory=list)
    style_slices: dict[str, int] = field(default_factory=dict)   # --styles-from: per style

    @property
    def batches_per_epoch(self) -> float:
        return self.summary.slices / self.batch_size

    @property
    def epochs(self) -> float:
        """Passes over the data in ``steps`` generator steps (each critic update draws a
        fresh batch, as in CDW, so one step reads ``n_critic × batch`` slices)."""
        if not self.summary.slices:
            return float("inf")
        return self.steps * self.batch_size * self.n_critic / self.summary.slices

    def local_hours(self) -> float | None:
        return None if self.timing is None else self.timing.seconds_per_step * self.steps / 3600

    def to_dict(self) -> dict[str, Any]:
        s = self.summary.to_dict()
        return {
            "data": self.data,
            "model": self.model.to_dict(),
            "slicing": self.slicing.to_dict(),
            "files_read": s["files_read"], "files_skipped": s["files_skipped"],
            "skipped": s["skipped"], "total_seconds": s["total_seconds"],
            "slices": s["slices"], "batch_size": self.batch_size, "n_critic": self.n_critic,
            "batches_per_epoch": round(self.batches_per_epoch, 2),
            "steps": self.steps, "epochs": round(self.epochs, 2),
            "local": None if self.timing is None else {
                "seconds_per_step": round(self.timing.seconds_per_step, 4),
                "measured_batch": self.timing.measured_batch,
                "scaled_from_smaller_batch": self.timing.scaled,
                "hours": round(self.local_hours() or 0.0, 2),
            },
            "sagemaker": self.instances,
            "style_slices": self.style_slices,
            "files": s["files"],
        }


def sagemaker_estimates(cfg: ModelConfig, steps: int, batch_size: int, n_critic: int,
                        instances: int = 1) -> list[dict[str, Any]]:
    """Hours and dollars (on-demand and spot) on ``instances`` machines of each instance type in
    ``trainer.costs``, for the slices of ``steps`` one-GPU steps: a type with R GPUs in all runs
    ``steps / R`` steps of global batch ``batch_size · R`` at its assumed scaling efficiency."""
    from trainer import costs

    rows = []
    for inst in costs.INSTANCE_TYPES.values():
        one_gpu = costs.scaled_steps_per_sec(inst, dim=cfg.dim, slice_len=cfg.slice_len,
                                             channels=cfg.channels, batch_size=batch_size,
                                             n_critic=n_critic, spec_critic=cfg.spec_critic)
        cluster = costs.Cluster(inst, instances)
        global_steps, hours, dollars = costs.cluster_estimate(cluster, steps, one_gpu)
        _, _, spot = costs.cluster_estimate(cluster, steps, one_gpu, spot=True)
        rows.append({"instance": inst.name, "gpu": inst.gpu, "instances": instances,
                     "gpus": cluster.replicas, "efficiency": cluster.efficiency,
                     "global_batch": batch_size * cluster.replicas,
                     "global_steps": global_steps,
                     "steps_per_sec": round(cluster.steps_per_sec(one_gpu), 3),
                     "hours": round(hours, 1), "on_demand_usd": round(dollars, 2),
                     "spot_usd": round(spot, 2)})
    return rows


def scan(data: str | Path, cfg: ModelConfig, scfg: SliceConfig, *, batch_size: int = 64,
         n_critic: int = 5, steps: int = 200_000, benchmark: bool = True,
         bench_batch: int | None = 8, cache_dir: str | Path | None = None,
         progress=None, style_of=None, instances: int = 1) -> ScanReport:
    """``style_of``: a conditional model's labels (``trainer.styles``); slices are then
    counted per style. A one-shot corpus is read as training reads it: its train split."""
    corpus, summary = load_corpus(training_data(data), cfg, scfg, cache_dir=cache_dir,
                                  progress=progress, count_onsets=True, style_of=style_of)
    report = ScanReport(str(data), cfg, scfg, summary, batch_size, n_critic, steps)
    if cfg.styles:
        counts = np.bincount(corpus.labels, minlength=len(cfg.styles))
        report.style_slices = {s: int(c) for s, c in zip(cfg.styles, counts)}
    if benchmark:
        report.timing = time_train_step(cfg, batch_size, n_critic, bench_batch)
    report.instances = sagemaker_estimates(cfg, steps, batch_size, n_critic, instances)
    return report


def plot(report: ScanReport, path: str | Path) -> Path:
    """A PNG with the slice loudness histogram and the onsets-per-second histogram."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = report.summary
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.6))
    levels = np.asarray([v for v in s.slice_db if np.isfinite(v)])
    a.hist(levels, bins=40, color="#3b7dd8")
    a.axvline(report.slicing.silence_db, color="k", ls="--", lw=1, label="silence threshold")
    a.set(title=f"slice loudness ({s.slices} slices)", xlabel="RMS dBFS", ylabel="slices")
    a.legend(loc="upper left", fontsize=8)
    rates = [f.onsets / f.seconds for f in s.files if f.seconds > 0]
    b.hist(rates, bins=30, color="#d8703b")
    b.set(title=f"hits per second ({len(s.files)} files)", xlabel="onsets / s", ylabel="files")
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
