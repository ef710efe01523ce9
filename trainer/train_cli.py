"""``wavegan train``: flag parsing only; the session is ``trainer.run.train``.

Every field of ModelConfig, GanConfig, SliceConfig and TrainConfig is a flag (``_`` → ``-``).
A flag left out keeps the value from the run directory's ``run.json`` (so rerunning the same
command resumes), else from ``--config``, else the default.
"""

from __future__ import annotations

from trainer.flags import add_config_flags, overrides_from_args
from trainer.run import dataset_fn
from wavegan.default import MODELS

__all__ = ["register", "run_train", "dataset_fn"]  # dataset_fn: its old home, for callers
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
                        "(fresh optimizers; steps count on from its step): a checkpoint folder "
                        f"or a bundled model's name ({', '.join(MODELS)}) to train it further "
                        "on your own data; ignored when RUN resumes")
    add_config_flags(p, reserved=RESERVED)
    p.set_defaults(func=run_train)


def run_train(args) -> int:
    from trainer.run import TrainJob, describe, train

    result = train(TrainJob(data=args.data, run_dir=args.run, config_file=args.config,
                            overrides=overrides_from_args(args), cache_dir=args.cache_dir,
                            init_from=args.init_from))
    print(describe(result), flush=True)
    return 0
