"""``wavegan train``: flag parsing only; the loop is trainer.loop.

Every field of ModelConfig, GanConfig, SliceConfig and TrainConfig is a flag (``_`` → ``-``).
A flag left out keeps the value from the run directory's ``run.json`` (so rerunning the same
command resumes), else from ``--config``, else the default.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from trainer.config import all_fields, field_types, section_classes

log = logging.getLogger("wavegan.train")
RESERVED = {"data", "run", "config", "cache_dir", "help"}  # the command's own options

HELP = {
    # model
    "slice_len": "samples per generated phrase: 16384 (CDW) … 262144",
    "sample_rate": "sample rate in Hz of the model and of the slices fed to it",
    "channels": "1 = mono, 2 = stereo",
    "latent_dim": "size of the latent vector z (CDW 100)",
    "kernel_len": "convolution kernel length (CDW 25)",
    "dim": "model width d (CDW 64; use 4-16 for quick experiments)",
    "use_batchnorm": "batch normalisation in both networks (CDW off)",
    "upsample": "generator upsampling: zeros (transposed conv, CDW) or nn (nearest neighbour)",
    "post_proc_len": "length of the generator's learned post-processing filter (0 = off)",
    "phase_shuffle": "critic phase-shuffle radius in samples (CDW 2; 0 = off)",
    # gan
    "loss": "objective: wgan-gp (default), wgan, lsgan, dcgan",
    "n_critic": "critic updates per generator step (CDW 5)",
    "gp_weight": "gradient-penalty weight λ (wgan-gp; CDW 10)",
    "optimizer": "adam or rmsprop (default: the loss's CDW choice)",
    "learning_rate": "learning rate (default: the loss's CDW value, 1e-4 for wgan-gp)",
    "beta_1": "Adam β1 (CDW 0.5)",
    "beta_2": "Adam β2 (CDW 0.9)",
    # train
    "batch_size": "slices per critic update, over all devices (CDW 64)",
    "max_steps": "stop after this many generator steps in total (default: until stopped)",
    "max_time": "stop after this many seconds of this session (default: no limit)",
    "summary_every": "generator steps between metrics lines (default 50)",
    "checkpoint_minutes": "minutes between checkpoints (default 5; one is always written at "
                          "exit)",
    "keep": "checkpoints kept in RUN_DIR/checkpoints (default 3)",
    "preview_count": "preview WAVs rendered from fixed seeds 0…N-1 at every checkpoint",
    "precision": "fp32, or mixed precision for GPUs: bf16 (Ampere+/TPU) or fp16 (loss-scaled)",
    "seed": "seed for weights, latents, data order",
    "tensorboard": "write TensorBoard scalars and audio to RUN_DIR/tb (true/false)",
    "progress": "progress bar: auto (when stdout is a terminal), on, off",
}


def _flag_type(tp: type):
    if tp is bool:
        return str  # true/false, coerced with the config's own rules
    return tp


def register(subs) -> None:
    p = subs.add_parser(
        "train", help="train a WaveGAN on a folder of drum recordings (resumable)",
        description="Train (or resume) a WaveGAN. Ctrl-C or SIGTERM finishes the current step, "
                    "saves a checkpoint and exits 0; rerun the same command to continue. "
                    "Watch with `tensorboard --logdir RUN_DIR/tb`, listen to "
                    "RUN_DIR/previews/step_*/, look at RUN_DIR/loss_curve.png.")
    p.add_argument("--data", required=True, help="folder (or file) of audio recordings")
    p.add_argument("--run", required=True,
                   help="run directory: checkpoints, previews, metrics (resumed if it exists)")
    p.add_argument("--config", default=None,
                   help="TOML file with [model] [gan] [slice] [train] tables (flags win)")
    p.add_argument("--cache-dir", default=None,
                   help="where the data pipeline may cache decoded slices (default: none)")
    classes = section_classes()
    sections = all_fields()
    for name, owners in sorted(sections.items()):
        if name in RESERVED:
            continue
        cls = classes[owners[0]]
        tp = field_types(cls)[name]
        default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
        text = HELP.get(name) or _field_doc(cls, name)
        where = "/".join(owners)
        p.add_argument(f"--{name.replace('_', '-')}", dest=f"cfg_{name}", default=None,
                       type=_flag_type(tp), metavar=tp.__name__.upper(),
                       help=f"{text} [{where}; default {default}]")
    p.set_defaults(func=run_train)


def _field_doc(cls: type, name: str) -> str:
    doc = (cls.__doc__ or "").strip().splitlines()
    return f"{cls.__name__}.{name}" + (f" ({doc[0]})" if doc else "")


def overrides_from_args(args) -> dict:
    return {k[4:]: v for k, v in vars(args).items() if k.startswith("cfg_") and v is not None}


def run_train(args) -> int:
    from trainer.config import resolve_run_config
    from trainer.loop import StopRequest, handle_signals, train

    run = resolve_run_config(args.run, args.config, overrides_from_args(args))
    data = Path(args.data)
    if not data.exists():
        raise FileNotFoundError(f"--data {data}: no such file or folder")
    stop = StopRequest()
    with handle_signals(stop):
        result = train(run, args.run, dataset_fn(data, run, args.cache_dir), stop=stop)
    print(f"stopped at step {result.step} ({result.reason}); checkpoint: {result.checkpoint}",
          flush=True)
    return 0


def dataset_fn(data, run, cache_dir=None):
    """``(batch_size, seed) -> (tf.data.Dataset [batch, T, C], summary)`` over ``data``."""
    def make(batch_size: int, seed: int):
        from wavegan.dataset import build_dataset

        return build_dataset(data, run.model, run.slice, batch_size, seed, cache_dir=cache_dir)

    return make
