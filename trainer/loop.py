"""The training loop: resume, train under a tf.distribute strategy, report, checkpoint, stop.

One loop iteration is one generator step: ``WaveGAN.train_step`` on a real batch
``[n_critic * B, T, C]`` (``n_critic`` critic updates, each on a fresh ``[B, T, C]`` slice of it,
then one generator update), compiled once with ``tf.function`` and run through
``strategy.run`` so the same code trains on one device, several GPUs (MirroredStrategy) or
several hosts (MultiWorkerMirroredStrategy). ``B`` is the batch *per replica*; the global
batch is ``B × replicas`` (said in the log). Gradients are summed across replicas, which Adam
and RMSProp (the CDW optimisers) are invariant to. Who writes and how workers agree to stop:
``trainer.distributed``.

Stopping: :class:`StopRequest` is set by SIGTERM/SIGINT (see :func:`handle_signals`), by
``max_steps`` or ``max_time``; the loop then finishes the current step, writes a checkpoint and
previews, and returns. Checkpoints are also written every ``checkpoint_minutes``.
"""

from __future__ import annotations

import contextlib
import logging
import math
import shutil
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
)
from trainer.config import RunConfig
from trainer.distributed import (
    WISHES,
    StopVote,
    agree_on_step,
    batch_line,
    is_chief,
    pick_strategy,
    scratch_dir,
    shard_by_data,
)
from trainer.gan_build import build_gan, derive_seed
from trainer.monitor import Monitor
from trainer.previews import preview_latents, render_previews, write_previews
from trainer.warm_start import warm_start
from wavegan.checkpoint import CheckpointError, load_checkpoint
from wavegan.errors import UserError

log = logging.getLogger("wavegan.train")

# Resuming replays the data stream exactly (same shuffle, skipping the batches already drawn)
# when that is at most this many batches; beyond it a fresh shuffle seeded by (seed, step)
# is cheaper than re-reading that much audio.
MAX_REPLAY_BATCHES = 500

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
    chief: bool = True   # False: another worker wrote the run dir (checkpoint: a scratch copy)


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


def make_step_fn(gan, strategy):
    """``step(batch, flags) -> {d_loss, g_loss, gp, stop}`` (replica means; ``stop``: the
    workers' stop flags summed, see ``trainer.distributed.StopVote``), compiled once."""
    def replica_step(batch, flags):
        return {**gan.train_step(batch), "stop": tf.identity(flags)}

    @tf.function(reduce_retracing=True)
    def step(batch, flags):
        out = strategy.run(replica_step, args=(batch, flags))
        return {k: strategy.reduce(tf.distribute.ReduceOp.SUM if k == "stop" else
                                   tf.distribute.ReduceOp.MEAN, v, axis=None)
                for k, v in out.items()}

    no_wish = tf.zeros([len(WISHES)], tf.float32)

    def run(batch, flags=None):
        return step(batch, no_wish if flags is None else flags)

    return run


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
        self.source = RunDir(run_dir, keep=run.train.keep)  # resumed from
        self.dir = self.source              # written to (a scratch dir on non-chief workers)
        self.chief = True
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
        for step in reversed(self.source.steps()):
            try:
                ckpt = load_checkpoint(self.source.path(step))
                restore_gan(gan, ckpt)
                self.notes = [n for n in [restore_ema(gan, ckpt)] if n]
            except CheckpointError as exc:
                log.warning("skipping checkpoint %s: %s", self.source.path(step), exc)
                failed.append((self.source.path(step), str(exc)))
                continue
            for path, _ in failed if self.chief else []:
                log.warning("set aside as %s (kept; delete it when you no longer need it)",
                            self.dir.set_aside(path))
            self.state = loop_state(ckpt)
            self.dataset_summary = ckpt.meta.get("dataset", {})
            return ckpt.path
        if failed or self.source.steps():
            raise UserError(
                f"{self.source.checkpoints} has checkpoints but none can be resumed"
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
        replicas = self.strategy.num_replicas_in_sync
        ds, summary = self.data_fn(t.batch_size * replicas * self.run.gan.n_critic,
                                   st.data_seed)
        self.dataset_summary = summary or self.dataset_summary
        ds = shard_by_data(ds.repeat().skip(st.data_batches), self.strategy)
        return iter(self.strategy.experimental_distribute_dataset(ds)), summary or {}

    # -- the loop -------------------------------------------------------------------------------
    def train(self) -> TrainResult:
        self.strategy = self.strategy or pick_strategy()
        self.chief = is_chief(self.strategy)
        if not self.chief:
            self.dir = RunDir(scratch_dir(self.strategy), keep=1)
        self.dir.lock()
        try:
            return self._train()
        finally:
            self.dir.unlock()
            if not self.chief:
                shutil.rmtree(self.dir.root, ignore_errors=True)

    def _train(self) -> TrainResult:
        import tensorflow as tf

        t = self.run.train
        self.dir.check_config(self.run, self.saved_config)
        self.dir.remove_stale_temps()
        chief = self.chief
        keras.utils.set_random_seed(derive_seed(t.seed, 0))
        with self.strategy.scope():
            gan = build_gan(self.run)
            resumed = self._restore(gan)
            warm = None if resumed or self.init_from is None else self._warm_start(gan)
        agree_on_step(self.strategy, self.state.step)
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
        for line in [*data_report(data), batch_line(self.strategy, t.batch_size)]:
            monitor.message(line)
        return self._loop(gan, step_fn, batches, monitor, chief, latents, resumed)

    def _loop(self, gan, step_fn, batches, monitor, chief, latents,
              resumed: Path | None) -> TrainResult:
        t, st = self.run.train, self.state
        per_step = t.batch_size * self.strategy.num_replicas_in_sync * self.run.gan.n_critic
        vote = StopVote(self.strategy)
        start = last_save = last_summary = time.monotonic()
        first_step = summary_step = st.step
        acc: dict[str, float] = {}
        last_metrics: dict[str, float] = {}
        saved_at: Path | None = resumed
        clean = False
        try:
            while not self._max_steps_reached():
                wish = self._wish(start)
                if wish and not vote.shared:   # alone: stop before another step
                    self.stop.set(wish)
                    break
                out = step_fn(next(batches), vote.flags(wish))
                agreed = vote.decide(out.pop("stop").numpy(), wish, t.max_time)
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
                if agreed:                     # every worker stops after this same step
                    self.stop.set(agreed)
                    break
                if now - last_save >= t.checkpoint_minutes * 60:
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
            if unsaved and clean:
                st.elapsed += time.monotonic() - last_save
                saved_at = self._save(gan, monitor, latents)
            monitor.close()
        reason = self.stop.reason or "done"
        return TrainResult(st.step, saved_at, reason, last_metrics, self.chief)

    def _max_steps_reached(self) -> bool:
        """Every worker counts the same steps, so this needs no vote."""
        t = self.run.train
        if t.max_steps is not None and self.state.step >= t.max_steps:
            self.stop.set(f"max_steps={t.max_steps}")
        return t.max_steps is not None and self.state.step >= t.max_steps

    def _wish(self, start: float) -> str:
        """Why this worker wants to stop ("" to go on): a stop request, or ``max_time`` on its
        own clock. Alone it stops at once; with other workers it is voted on in the next step."""
        t = self.run.train
        if self.stop:
            return self.stop.reason
        if t.max_time is not None and time.monotonic() - start >= t.max_time:
            return f"max_time={t.max_time:g}s"
        return ""

    def _save(self, gan, monitor: Monitor, latents: np.ndarray) -> Path:
        st = self.state
        path = self.dir.save(self.run, gan_arrays(gan, gan.z_rng.state.numpy()), st,
                             dataset=self.dataset_summary)
        if len(latents) and self.chief:
            playing = gan.generator if gan.generator_ema is None else gan.generator_ema
            audio = render_previews(playing, latents)
            write_previews(self.dir.previews / f"step_{st.step:06d}", audio,
                           self.run.model.sample_rate, title=f"step {st.step}")
            monitor.previews(st.step, audio, self.run.model.sample_rate)
        monitor.message(f"checkpoint {path}")
        if self.on_checkpoint is not None and self.chief:
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
