"""Make the bundled default checkpoint (wavegan/default_checkpoint).

Two ways:

* ``--from CKPT``: export a trained checkpoint's generator (its moving average when the run
  kept one, ``--ema``) and critic (no optimiser state) with float16 weights, labelled and
  carrying the recipe that made it (corpus and training commands, from ``--recipe``). This is
  how the shipped default model is made. The critic is not needed to play; it is kept so
  `wavegan train --init-from` can train the model further.
* no ``--from``: a small, randomly initialised, UNTRAINED generator (reproducible: same seed →
  same weights file), the placeholder `make run` used before a trained model shipped.

    python scripts/make_default_checkpoint.py --from RUN/checkpoints/step_NNNNNN \\
        --label "..." --recipe "wavegan corpus ...; wavegan train ..."
    python scripts/make_default_checkpoint.py --untrained [--seed 1234 --dim 8]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wavegan.checkpoint import load_checkpoint, model_arrays, save_checkpoint
from wavegan.config import ModelConfig
from wavegan.default import DEFAULT_CHECKPOINT

MAX_BYTES = 25 * 1024 * 1024  # what the repository accepts for bundled weights


def export_trained(source: Path, out: Path, label: str, recipe: str) -> Path:
    ckpt = load_checkpoint(source)
    meta = ckpt.meta
    arrays = {"generator": ckpt.playing_arrays()}   # the moving average, if the run kept one
    if ckpt.has("discriminator"):
        arrays["discriminator"] = ckpt.arrays("discriminator")
    path = save_checkpoint(out, ckpt.config, arrays,
                           step=ckpt.step, weights_dtype="float16",
                           extra_meta={"label": label or f"trained {ckpt.step} steps",
                                       "dataset": meta.get("dataset", {}),
                                       "training": meta.get("run_config", {}),
                                       "recipe": recipe})
    size = sum(f.stat().st_size for f in path.iterdir())
    if size > MAX_BYTES:
        raise SystemExit(f"{path}: {size / 2**20:.1f} MB is over the {MAX_BYTES / 2**20:.0f} MB "
                         "budget for bundled weights; pick a smaller model")
    return path


def make_untrained(out: Path, seed: int, dim: int) -> Path:
    import keras

    from wavegan.models import build_generator

    keras.utils.set_random_seed(seed)
    cfg = ModelConfig(slice_len=65536, sample_rate=44100, dim=dim)
    gen = build_generator(cfg)
    return save_checkpoint(out, cfg, {"generator": model_arrays(gen)}, weights_dtype="float16",
                           extra_meta={"label": "UNTRAINED placeholder (random weights)",
                                       "dataset": {},
                                       "recipe": f"scripts/make_default_checkpoint.py "
                                                 f"--untrained --seed {seed} --dim {dim}"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_CHECKPOINT,
                        help="checkpoint directory to write (default: the bundled one)")
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--from", dest="source", type=Path,
                     help="trained checkpoint to export (generator + critic, float16)")
    src.add_argument("--untrained", action="store_true",
                     help="write a randomly initialised placeholder instead")
    parser.add_argument("--label", default="", help="label shown by `wavegan info` and serve")
    parser.add_argument("--recipe", default="", help="the commands that made the source")
    parser.add_argument("--seed", type=int, default=1234, help="--untrained: weight seed")
    parser.add_argument("--dim", type=int, default=8, help="--untrained: model width d")
    args = parser.parse_args()
    if args.source is not None:
        path = export_trained(args.source, args.out, args.label, args.recipe)
    else:
        path = make_untrained(args.out, args.seed, args.dim)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
