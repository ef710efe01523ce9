"""The training loop: resume, train under a tf.distribute strategy, report, checkpoint, stop.

One loop iteration is one generator step: ``WaveGAN.train_step`` on a real batch
``[n_critic * B, T, C]`` (``n_critic`` critic updates, each on a fresh ``[B, T, C]`` slice of it,
then one generator update), compiled once with ``tf.function`` and run through
``strategy.run`` so the same code trains on one device, several GPUs (MirroredStrategy) or
several hosts (MultiWorkerMirroredStrategy). ``B`` is the *global* batch; each replica gets
``B / replicas``. Gradients are summed across replicas, which Adam and RMSProp (the CDW
optimisers) are invariant to.

Stopping: :class:`StopRequest` is set by SIGTERM/SIGINT (see :func:`handle_signals`), by
``max_steps`` or ``max_time``; the loop then finishes the current step, writes a checkpoint and
previews, and returns. Checkpoints are also written every ``checkpoint_minutes``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import keras
import numpy as np
import tensorflow as tf

from trainer.checkpointing import (
    LoopState,
    RunDir,
    gan_arrays,
    loop_state,
    restore_ema,
    restore_gan,
    warm_start,
)
from trainer.config import RunConfig
from trainer.monitor import Monitor
from trainer.previews import preview_latents, render_previews, write_previews
from wavegan.checkpoint import CheckpointError, load_checkpoint
from wavegan.errors import UserError
from wavegan.gan import WaveGAN

log = logging.getLogger("wavegan.train")

# Resuming replays the data stream exactly (same shuffle, skipping the batches already drawn)
# when that is at most this many batches; beyond it a fresh shuffle seeded by (seed, step)
# is cheaper than re-reading that much audio.
MAX_REPLAY_BATCHES = 500
POLICIES = {"fp32": "float32", "bf16": "mixed_bfloat16", "fp16": "mixed_float16"}

DataFn = Callable[[int, int], "tuple[Any, dict]"]  # (batch_size, seed) → (tf.data, summary)


@dataclass
class StopRequest:
    """Set from a signal handler or a test; the loop checks it after every step."""

    reason: str = ""

    def set(self, reason: str) -> None:
        if not self.reason:
            self.reason = reason

    def __bool__(self) -> bool:
        return bool(self.reason)


@dataclass
class TrainResult:
    step: int
    checkpoint: Path | None
    reason: str
    metrics: dict[str, float] = field(default_factory=dict)


@contextlib.contextmanager
def handle_signals(stop: StopRequest):
    """SIGTERM / SIGINT → finish the step, save, exit 0. A second SIGINT aborts at once."""
    def on_signal(signum, _frame):
        name = signal.Signals(signum).name
        if stop and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set(name)
        log.warning("%s: finishing the current step, then saving a checkpoint "
                    "(press Ctrl-C again to abort without saving)", name)

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def derive_seed(*parts: int) -> int:
    """A 31-bit seed from integers (stable across runs and platforms)."""
    return int(np.random.SeedSequence([int(p) & 0xFFFFFFFF for p in parts])
               .generate_state(1)[0] & 0x7FFFFFFF)


def pick_strategy():
    """MultiWorkerMirrored when TF_CONFIG names several workers, Mirrored with several GPUs,
    else the default (single device) strategy."""
    cluster = json.loads(os.environ.get("TF_CONFIG") or "{}").get("cluster", {})
    if len(cluster.get("worker", [])) > 1:
        return tf.distribute.MultiWorkerMirroredStrategy()
    if len(tf.config.list_logical_devices("GPU")) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def is_chief(strategy) -> bool:
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not getattr(resolver, "task_type", None):
        return True
    return resolver.task_type in ("chief", None) or (
        resolver.task_type == "worker" and int(resolver.task_id or 0) == 0)


@contextlib.contextmanager
def precision_policy(precision: str):
    """Build models under a Keras mixed-precision policy, then restore the previous one."""
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(POLICIES[precision])
    try:
        yield
    finally:
        keras.mixed_precision.set_global_policy(previous)


def float32_output(model):
    """The same layers (same weights and paths) with the output cast to float32, so the critic's
    logits, the losses and the gradient penalty stay float32 under mixed precision."""
    outs = [keras.layers.Activation("linear", dtype="float32", name=f"{model.name}_float32_{i}"
                                    if i else f"{model.name}_float32")(o)
            for i, o in enumerate(model.outputs)]
    return keras.Model(model.inputs, outs if len(outs) > 1 else outs[0], name=model.name)


def build_gan(run: RunConfig):
    """A compiled :class:`TrainingGAN` (call inside ``strategy.scope()``)."""
    gpu = bool(tf.config.list_logical_devices("GPU"))
    if slow := run.train.precision_warning(gpu):
        log.warning(slow)
    with precision_policy(run.train.precision):
        gan = TrainingGAN(run.model, run.gan, seed=derive_seed(run.train.seed, 1),
                          convs=run.train.resolved_convs(gpu=gpu))
        if run.train.precision != "fp32":
            gan.generator = float32_output(gan.generator)
            if gan.generator_ema is not None:
                gan.generator_ema = float32_output(gan.generator_ema)
            gan.discriminator = float32_output(gan.discriminator)
    spec = run.gan.optimizer_spec()
    g_opt, d_opt = spec.build(), spec.build()
    if run.train.precision == "fp16":
        raise UserError("--precision fp16 is not supported yet (loss-scaled steps are "
                        "untested); use --precision bf16 on GPUs that have it, or fp32")
    gan.compile(g_optimizer=g_opt, d_optimizer=d_opt)
    return gan


class TrainingGAN(WaveGAN):
    """WaveGAN whose latents come from a checkpointable ``tf.random.Generator`` stream."""

    def __init__(self, model_config, gan_config=None, seed: int = 0, **kw):
        super().__init__(model_config, gan_config, **kw)
        self.z_rng = tf.random.Generator.from_seed(seed)

    def sample_z(self, n):
        """``[n, latent_dim]`` uniform in [-1, 1] from the run's latent RNG stream."""
        return self.z_rng.uniform([n, self.model_config.latent_dim], -1.0, 1.0)


def make_step_fn(gan, strategy):
    """``step(batch) -> {d_loss, g_loss, gp}`` (replica means), compiled once."""
    @tf.function(reduce_retracing=True)
    def step(batch):
        out = strategy.run(gan.train_step, args=(batch,))
        return {k: strategy.reduce(tf.distribute.ReduceOp.MEAN, v, axis=None)
                for k, v in out.items()}

    return step


class Trainer:
    """Runs one training session in ``run_dir`` (resuming whatever is there)."""

    def __init__(self, run: RunConfig, run_dir: str | Path, data_fn: DataFn, *,
                 strategy=None, stop: StopRequest | None = None, out: IO[str] | None = None,
                 init_from: str | Path | None = None,
                 on_checkpoint: Callable[[Path], None] | None = None,
                 saved_config: dict[str, Any] | None = None):
        self.run = run
        self.saved_config = saved_config  # run.json as the caller read it (else read here)
        self.init_from = init_from
        self.on_checkpoint = on_checkpoint  # called with each checkpoint written (chief only)
        self.dir = RunDir(run_dir, keep=run.train.keep)
        self.data_fn = data_fn
        self.strategy = strategy
        self.stop = stop if stop is not None else StopRequest()
        self.out = out
        self.state = LoopState()
        self.dataset_summary: dict = {}
        self.notes: list[str] = []      # what a resume could not carry over

    # -- set-up ---------------------------------------------------------------------------------
    def _restore(self, gan) -> Path | None:
        """Load the newest checkpoint that restores; refuse to start over if none does (the
        run would otherwise prune the unreadable ones away). Unreadable checkpoints newer than
        the one restored are set aside, so pruning cannot keep them in place of good ones."""
        failed: list[tuple[Path, str]] = []
        for step in reversed(self.dir.steps()):
            try:
                ckpt = load_checkpoint(self.dir.path(step))
                restore_gan(gan, ckpt)
                self.notes = [n for n in [restore_ema(gan, ckpt)] if n]
            except CheckpointError as exc:
                log.warning("skipping checkpoint %s: %s", self.dir.path(step), exc)
                failed.append((self.dir.path(step), str(exc)))
                continue
            for path, _ in failed:
                log.warning("set aside as %s (kept; delete it when you no longer need it)",
                            self.dir.set_aside(path))
            self.state = loop_state(ckpt)
            self.dataset_summary = ckpt.meta.get("dataset", {})
            return ckpt.path
        if failed or self.dir.steps():
            raise UserError(
                f"{self.dir.checkpoints} has checkpoints but none can be resumed"
                + (f" ({failed[0][1]})" if failed else "")
                + "; move them away to start over, or use another --run directory")
        return None

    def _warm_start(self, gan) -> tuple[Path, list[str]]:
        """A new run continuing ``init_from``'s weights; steps count on from its step."""
        ckpt = load_checkpoint(self.init_from)
        notes = warm_start(gan, ckpt, self.run.model)
        self.state.step = ckpt.step
        self.state.data_seed = derive_seed(self.run.train.seed, 2, ckpt.step)
        return ckpt.path, notes

    def _dataset(self) -> tuple[Any, dict]:
        """The distributed batch iterator, and the summary of the data just read."""
        t, st = self.run.train, self.state
        if st.step == 0 or st.data_batches > MAX_REPLAY_BATCHES:
            st.data_seed, st.data_batches = derive_seed(t.seed, 2, st.step), 0
        ds, summary = self.data_fn(t.batch_size * self.run.gan.n_critic, st.data_seed)
        self.dataset_summary = summary or self.dataset_summary
        ds = ds.repeat().skip(st.data_batches)
        return iter(self.strategy.experimental_distribute_dataset(ds)), summary or {}

    # -- the loop -------------------------------------------------------------------------------
    def train(self) -> TrainResult:
        self.dir.lock()
        try:
            return self._train()
        finally:
            self.dir.unlock()

    def _train(self) -> TrainResult:
        import tensorflow as tf

        t = self.run.train
        self.dir.check_config(self.run, self.saved_config)
        self.dir.remove_stale_temps()
        self.strategy = self.strategy or pick_strategy()
        chief = is_chief(self.strategy)
        keras.utils.set_random_seed(derive_seed(t.seed, 0))
        with self.strategy.scope():
            gan = build_gan(self.run)
            resumed = self._restore(gan)
            warm = None if resumed or self.init_from is None else self._warm_start(gan)
        # Op-level seeds (gradient-penalty mix, phase shuffle) are fixed when the step is traced.
        tf.random.set_seed(derive_seed(t.seed, 3, self.state.step))
        batches, data = self._dataset()
        step_fn = make_step_fn(gan, self.strategy)
        latents = preview_latents(t.preview_count, self.run.model.latent_dim,
                                  len(self.run.model.styles))
        monitor = Monitor(self.dir.root, tensorboard=t.tensorboard and chief,
                          progress=t.progress if chief else "off", total_steps=t.max_steps,
                          start_step=self.state.step, out=self.out)
        if resumed:
            monitor.message(f"resuming from {resumed} (step {self.state.step})")
            if self.init_from is not None:
                monitor.message(f"--init-from {self.init_from} ignored: the run resumes")
            for note in self.notes:
                monitor.message(note)
        elif warm:
            monitor.message(f"warm start from {warm[0]} (step {self.state.step}; generator and "
                            "critic weights, fresh optimizer state)")
            for note in warm[1]:
                monitor.message(f"warm start: {note}")
        for line in data_report(data):
            monitor.message(line)
        return self._loop(gan, step_fn, batches, monitor, chief, latents, resumed)

    def _loop(self, gan, step_fn, batches, monitor, chief, latents,
              resumed: Path | None) -> TrainResult:
        t, st = self.run.train, self.state
        per_step = t.batch_size * self.run.gan.n_critic
        start = last_save = last_summary = time.monotonic()
        first_step = summary_step = st.step
        acc: dict[str, float] = {}
        last_metrics: dict[str, float] = {}
        saved_at: Path | None = resumed
        clean = False
        try:
            while not self._done(start):
                out = step_fn(next(batches))
                values = {k: float(v) for k, v in out.items()}
                if not all(math.isfinite(v) for v in values.values()):
                    raise UserError(
                        f"losses became non-finite at step {st.step + 1} ({values}); the last "
                        f"good checkpoint is in {self.dir.checkpoints}. Try a lower "
                        "--learning-rate or --precision fp32")
                now = time.monotonic()
                st.step += 1
                st.data_batches += 1
                st.slices_seen += per_step
                for k, v in values.items():
                    acc[k] = acc.get(k, 0.0) + v
                monitor.advance(st.step, (st.step - summary_step) / max(now - last_summary, 1e-9))
                if st.step % t.summary_every == 0:
                    rate = (st.step - summary_step) / max(now - last_summary, 1e-9)
                    n = st.step - summary_step
                    last_metrics = {"step": st.step, **{k: v / n for k, v in acc.items()},
                                    "steps_per_sec": rate, "slices_per_sec": rate * per_step}
                    if chief:
                        monitor.summary(last_metrics)
                    summary_step, last_summary, acc = st.step, now, {}
                if now - last_save >= t.checkpoint_minutes * 60 and chief:
                    st.elapsed += now - last_save
                    saved_at = self._save(gan, monitor, latents)
                    last_save = time.monotonic()
            clean = True
        except KeyboardInterrupt:  # a second Ctrl-C: abort without saving (mid-step state)
            raise
        except Exception:
            clean = _finite(gan)  # e.g. the data stream failed between steps: keep the work
            raise
        finally:
            unsaved = st.step > first_step and (saved_at is None or saved_at.name !=
                                                 f"step_{st.step:06d}")
            if chief and unsaved and clean:
                st.elapsed += time.monotonic() - last_save
                saved_at = self._save(gan, monitor, latents)
            monitor.close()
        reason = self.stop.reason or "done"
        return TrainResult(st.step, saved_at, reason, last_metrics)

    def _done(self, start: float) -> bool:
        t, st = self.run.train, self.state
        if self.stop:
            return True
        if t.max_steps is not None and st.step >= t.max_steps:
            self.stop.set(f"max_steps={t.max_steps}")
        elif t.max_time is not None and time.monotonic() - start >= t.max_time:
            self.stop.set(f"max_time={t.max_time:g}s")
        return bool(self.stop)

    def _save(self, gan, monitor: Monitor, latents: np.ndarray) -> Path:
        st = self.state
        path = self.dir.save(self.run, gan_arrays(gan, gan.z_rng.state.numpy()), st,
                             dataset=self.dataset_summary)
        if len(latents):
            playing = gan.generator if gan.generator_ema is None else gan.generator_ema
            audio = render_previews(playing, latents)
            write_previews(self.dir.previews / f"step_{st.step:06d}", audio,
                           self.run.model.sample_rate, title=f"step {st.step}")
            monitor.previews(st.step, audio, self.run.model.sample_rate)
        monitor.message(f"checkpoint {path}")
        if self.on_checkpoint is not None:
            self.on_checkpoint(path)
        return path


def data_report(summary: dict) -> list[str]:
    """Files read / skipped, then one line per skipped file with its reason."""
    if "files_read" not in summary:
        return []
    skipped = summary.get("skipped", [])
    return [f"data: {summary['files_read']} file(s) read, "
            f"{summary.get('files_skipped', len(skipped))} skipped, "
            f"{summary.get('slices', 0):,} slices"] + [
        f"skipped {row['path']}: {row['reason']}" for row in skipped]


def _finite(gan) -> bool:
    return all(np.isfinite(v.numpy()).all()
               for v in gan.generator.weights + gan.discriminator.weights)


def train(run: RunConfig, run_dir: str | Path, data_fn: DataFn, **kw) -> TrainResult:
    """Train (or resume) the run in ``run_dir``; see :class:`Trainer`."""
    return Trainer(run, run_dir, data_fn, **kw).train()
