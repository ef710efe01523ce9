"""``wavegan train``: flag parsing only; the loop is trainer.loop.

Every field of ModelConfig, GanConfig, SliceConfig and TrainConfig is a flag (``_`` → ``-``).
A flag left out keeps the value from the run directory's ``run.json`` (so rerunning the same
command resumes), else from ``--config``, else the default.
"""

from __future__ import annotations

import logging
from pathlib import Path

from trainer.flags import add_config_flags, overrides_from_args

log = logging.getLogger("wavegan.train")
RESERVED = {"data", "run", "config", "cache_dir", "init_from", "help"}  # the command's own options


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
    p.add_argument("--init-from", default=None, metavar="CKPT",
                   help="a new run starts from this checkpoint's generator and critic weights "
                        "(fresh optimizers; steps count on from its step), e.g. the bundled "
                        "default model to train it further; ignored when RUN resumes")
    add_config_flags(p, reserved=RESERVED)
    p.set_defaults(func=run_train)


def run_train(args) -> int:
    from trainer.config import resolve_run_config
    from trainer.loop import StopRequest, handle_signals, train
    from trainer.styles import with_styles

    run = resolve_run_config(args.run, args.config, overrides_from_args(args))
    data = Path(args.data)
    if not data.exists():
        raise FileNotFoundError(f"--data {data}: no such file or folder")
    run = with_styles(run, data)
    stop = StopRequest()
    with handle_signals(stop):
        result = train(run, args.run, dataset_fn(data, run, args.cache_dir), stop=stop,
                       init_from=args.init_from)
    print(f"stopped at step {result.step} ({result.reason}); checkpoint: {result.checkpoint}",
          flush=True)
    return 0


def dataset_fn(data, run, cache_dir=None):
    """``(batch_size, seed) -> (tf.data.Dataset [batch, T, C], summary)`` over ``data``
    (conditional runs: ``([batch, T, C], [batch, S])`` pairs, see ``trainer.styles``)."""
    from trainer.styles import style_source

    _, style_of = style_source(run.train.styles_from, data)

    def make(batch_size: int, seed: int):
        from wavegan.dataset import build_dataset

        return build_dataset(data, run.model, run.slice, batch_size, seed, cache_dir=cache_dir,
                             style_of=style_of, balance_styles=run.train.balance_styles)

    return make
