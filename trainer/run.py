"""One training session, start to end: the library function behind ``wavegan train`` and the
SageMaker entry point (``trainer.entry``). Both only turn their inputs (flags; ``SM_*``
environment and hyperparameters) into a :class:`TrainJob` and call :func:`train`.

:func:`train` checks the data, reads ``RUN_DIR/run.json`` (once: the config layers and the
resume check both use that reading), layers the run config (defaults < ``run.json`` <
``--config`` TOML < flags / hyperparameters), slices a one-shot corpus ``oneshot`` (its
``train`` split only), resolves the style labels (once: the model's
style names and the data pipeline's path → style come from the same reading), replaces
``--precision auto`` by the fastest precision on this machine (logged with its reason, recorded
in run.json and the checkpoints), trains under
SIGTERM/SIGINT handling (finish the step, save, return), then exports the playing generator
and copies the metrics where a SageMaker job uploads them.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.config import RunConfig, build_run_config, load_toml
from trainer.styles import StyleOf, resolve_styles, style_source, training_data, with_data_mode
from wavegan.default import resolve_checkpoint
from wavegan.errors import UserError
from wavegan.precision import PrecisionChoice

if TYPE_CHECKING:
    from trainer.loop import StopRequest, TrainResult

log = logging.getLogger("wavegan.train")


@dataclass
class TrainJob:
    """What to train on, where, and what to hand over at the end."""

    data: Path                       # folder (or file) of audio recordings
    run_dir: Path                    # checkpoints, previews, metrics; resumed if it exists
    overrides: dict[str, Any] = field(default_factory=dict)  # flags / hyperparameters
    config_file: Path | None = None  # TOML with [model] [gan] [slice] [train] tables
    cache_dir: Path | None = None    # where the data pipeline may cache decoded slices
    init_from: Path | None = None    # a new run starts from this checkpoint's weights
    model_dir: Path | None = None    # receives the playing generator of every checkpoint
    output_dir: Path | None = None   # receives metrics.jsonl and loss_curve.png at the end
    headless: bool = False           # progress "auto" means off (a log service, no terminal)

    def __post_init__(self) -> None:
        for name in ("data", "run_dir", "config_file", "cache_dir", "init_from", "model_dir",
                     "output_dir"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                setattr(self, name, Path(value))
        if self.init_from is not None:   # a bundled model's name works too
            self.init_from = resolve_checkpoint(self.init_from)


@dataclass
class ResolvedJob:
    """A job's run config and style labels, read once."""

    run: RunConfig
    style_of: StyleOf | None          # path → style (conditional runs), else None
    saved: dict[str, Any] | None      # run.json as read (None: a new run)
    precision_from: str = "the default"   # the layer that set run.train.precision


def precision_source(layers: list[dict[str, Any]]) -> str:
    """Which of the layers ``[run.json, --config, flags]`` set the precision last, in words."""
    names = ("RUN_DIR/run.json (this run's saved setting; --precision auto chooses again)",
             "--config", "--precision")
    for name, layer in reversed(list(zip(names, layers))):
        table = layer.get("train")
        if "precision" in layer or (isinstance(table, dict) and "precision" in table):
            return name
    return "the default"


def choose_precision(resolved: ResolvedJob, gpu: bool,
                     cpu_flags: str | None = None) -> tuple[RunConfig, PrecisionChoice]:
    """The run with ``precision = "auto"`` replaced by the fastest precision on this machine
    (:func:`wavegan.precision.decide`; run.json and checkpoints record the concrete value), and
    the choice with its reason for the log."""
    choice = resolved.run.train.precision_choice(gpu, cpu_flags, source=resolved.precision_from)
    return resolved.run.with_precision(choice.precision), choice


def resolve(job: TrainJob) -> ResolvedJob:
    """The run config of ``job`` and its style labels (see the module docstring)."""
    from trainer.checkpointing import RunDir

    if not job.data.exists():
        raise FileNotFoundError(f"training data {job.data}: no such file or folder")
    saved = RunDir(job.run_dir).saved_config()
    layers = [saved or {}, load_toml(job.config_file) if job.config_file else {},
              {k: v for k, v in job.overrides.items() if v is not None}]
    # a new run from a checkpoint starts from its settings; the data's own mode still wins
    below = [] if saved or job.init_from is None else [init_defaults(job.init_from, job.data)]
    run = with_data_mode(build_run_config(below + layers), job.data, layers)
    run, style_of = resolve_styles(run, job.data)
    if job.headless and run.train.progress == "auto":
        run = dataclasses.replace(run, train=dataclasses.replace(run.train, progress="off"))
    return ResolvedJob(run, style_of, saved, precision_source(layers))


def init_defaults(init_from: Path, data: Path) -> dict[str, Any]:
    from trainer.warm_start import run_defaults
    from wavegan.checkpoint import CheckpointError, load_checkpoint

    try:
        return run_defaults(load_checkpoint(init_from), data)
    except CheckpointError as exc:
        raise UserError(f"--init-from {init_from}: {exc}") from None


def train(job: TrainJob, *, stop: StopRequest | None = None, out=None,
          strategy=None) -> TrainResult:
    """Train (or resume) ``job``; returns when it stops (limits, SIGTERM/SIGINT, ``stop``)."""
    import tensorflow as tf

    from trainer.distributed import pick_strategy
    from trainer.loop import StopRequest, Trainer, handle_signals
    from trainer.model_export import ModelExporter

    resolved = resolve(job)
    # Before the handlers: a multi-worker runtime installs its own SIGTERM handler (TF's
    # preemption notifier) when it starts, which would swallow SIGTERM for good.
    strategy = strategy or pick_strategy()
    run, choice = choose_precision(resolved, gpu=bool(tf.config.list_logical_devices("GPU")))
    log.info("precision %s", choice.reason)
    stop = stop if stop is not None else StopRequest()
    exporter = ModelExporter(job.model_dir) if job.model_dir else None
    trainer = Trainer(run, job.run_dir,
                      dataset_fn(job.data, run, job.cache_dir, resolved.style_of),
                      strategy=strategy, stop=stop, out=out, init_from=job.init_from,
                      on_checkpoint=exporter, saved_config=resolved.saved)
    with handle_signals(stop):
        result = trainer.train()
    if not result.chief:   # the chief worker exports and copies (trainer.distributed)
        return result
    if exporter is not None and result.checkpoint is not None:
        finish_export(exporter, result.checkpoint)
    if job.output_dir is not None:
        copy_outputs(job.run_dir, job.output_dir)
    return result


def describe(result: TrainResult) -> str:
    """The line both front ends print when a session ends."""
    return (f"stopped at step {result.step} ({result.reason}); "
            f"checkpoint: {result.checkpoint}")


def finish_export(exporter, checkpoint: Path) -> None:
    """Make the exported generator the final checkpoint's (e.g. a resumed run with nothing
    left to do wrote no new checkpoint, so nothing was exported yet)."""
    from trainer.model_export import export_model

    if exporter.exported != checkpoint:
        export_model(checkpoint, exporter.model_dir)
    log.info("final generator → %s", exporter.model_dir)


def copy_outputs(run_dir: Path, output_dir: Path) -> None:
    """``metrics.jsonl`` and its loss-curve PNG into ``output_dir``."""
    from trainer.monitor import loss_curve_png

    output_dir.mkdir(parents=True, exist_ok=True)
    metrics = run_dir / "metrics.jsonl"
    if metrics.is_file():
        shutil.copy2(metrics, output_dir / "metrics.jsonl")
        loss_curve_png(output_dir / "metrics.jsonl", output_dir / "loss_curve.png")


def dataset_fn(data, run: RunConfig, cache_dir=None, style_of: StyleOf | None = None):
    """``(batch_size, seed) -> (tf.data.Dataset [batch, T, C], summary)`` over ``data``
    (conditional runs: ``([batch, T, C], [batch, S])`` pairs, see ``trainer.styles``).
    ``style_of``: the run's path → style, when the caller has already resolved it."""
    if style_of is None:
        _, style_of = style_source(run.train.styles_from, data, run.slice.mode == "oneshot")
    files = training_data(data)   # a one-shot corpus: its train split only

    def make(batch_size: int, seed: int):
        from wavegan.dataset import build_dataset

        return build_dataset(files, run.model, run.slice, batch_size, seed, cache_dir=cache_dir,
                             style_of=style_of, balance_styles=run.train.balance_styles)

    return make
