"""Make the bundled placeholder checkpoint: a small, randomly initialised, UNTRAINED generator.

It exists so `make run` works end to end before a trained default model ships; it produces
noise-like phrases, and `wavegan info` says so. Reproducible: same seed → same weights file.

    python scripts/make_default_checkpoint.py [--out wavegan/default_checkpoint]
"""

from __future__ import annotations

import argparse

import keras

from wavegan.checkpoint import model_arrays, save_checkpoint
from wavegan.config import ModelConfig
from wavegan.default import DEFAULT_CHECKPOINT
from wavegan.models import build_generator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(DEFAULT_CHECKPOINT), help="checkpoint directory")
    parser.add_argument("--seed", type=int, default=1234, help="weight initialisation seed")
    parser.add_argument("--dim", type=int, default=8, help="model width d (default 8)")
    args = parser.parse_args()
    keras.utils.set_random_seed(args.seed)
    cfg = ModelConfig(slice_len=65536, sample_rate=44100, dim=args.dim)
    gen = build_generator(cfg)
    save_checkpoint(args.out, cfg, {"generator": model_arrays(gen)}, weights_dtype="float16",
                    extra_meta={"label": "UNTRAINED placeholder (random weights)",
                                "dataset": {}, "recipe": f"scripts/make_default_checkpoint.py "
                                                         f"--seed {args.seed} --dim {args.dim}"})
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
