"""``wavegan info`` and ``wavegan generate``: flag parsing only; the work is in the library."""

from __future__ import annotations

import json
import sys

from wavegan.argtypes import at_least
from wavegan.default import checkpoint_help, resolve_checkpoint
from wavegan.errors import UserError
from wavegan.precision import SERVING

FORMATS = ("wav", "flac", "wav-float")


def register_info(subs) -> None:
    p = subs.add_parser("info", help="print a checkpoint's config, size, step and sample rate",
                        description="Validate a checkpoint directory (the size and SHA-256 "
                                    "of every file it lists, the generator's weight names and "
                                    "shapes) and print what it holds.")
    p.add_argument("checkpoint", nargs="?", default=None,
                   help=checkpoint_help())
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run_info)


def run_info(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from wavegan.checkpoint import load_checkpoint

    ckpt = load_checkpoint(resolve_checkpoint(args.checkpoint))
    ckpt.verify()   # raises CheckpointError naming the file that is wrong
    summary = ckpt.summary()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    table = Table(title=f"checkpoint {summary['path']}", show_header=False)
    for key in ("label", "format_version", "step", "sample_rate", "slice_len", "phrase_seconds",
                "channels", "latent_dim", "dim", "weights_dtype", "size_bytes", "files",
                "plays", "created_by", "created_at"):
        table.add_row(key, str(summary[key]))
    table.add_row("styles", ", ".join(summary["model_config"]["styles"]) or "none (one "
                  "model of everything)")
    cfg = summary["model_config"]
    table.add_row("model", ", ".join(f"{k}={v}" for k, v in cfg.items() if k != "extra"))
    if summary["dataset"]:
        table.add_row("dataset", json.dumps(summary["dataset"]))
    Console().print(table)
    return 0


def register_generate(subs) -> None:
    p = subs.add_parser(
        "generate", help="write generated drum phrases to audio files",
        description="Generate phrases from a checkpoint. File names carry the seed, so "
                    "`--seed S -n 1` regenerates seed S bit-exactly.")
    p.add_argument("--checkpoint", default=None,
                   help=checkpoint_help())
    p.add_argument("-n", "--count", type=at_least(int, 1), default=16,
                   help="number of phrases (default 16)")
    p.add_argument("--out", default="out", help="output folder (default ./out)")
    p.add_argument("--seed", type=at_least(int, 0), default=None,
                   help="first seed; phrases use seeds S, S+1, … (default: random, printed)")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="wav",
                   help="wav / flac (24-bit) or wav-float (32-bit float); default wav")
    p.add_argument("--interpolate", nargs=2, type=at_least(int, 0), metavar=("SEED_A", "SEED_B"),
                   help="write a spherical interpolation from SEED_A to SEED_B instead")
    p.add_argument("--steps", type=at_least(int, 2), default=8,
                   help="phrases in an --interpolate sequence, endpoints included (default 8)")
    p.add_argument("--style", default=None, metavar="STYLE",
                   help="for a model trained with --styles-from: the style to play, by name "
                        "(`wavegan info` lists them) or index, or a mix such as "
                        "funk=0.7,rock=0.3 (default: each style in turn); the style is added "
                        "to the file names")
    p.add_argument("--normalize", action="store_true",
                   help="peak-normalise each phrase to -0.2 dBFS")
    p.add_argument("--no-fades", action="store_true",
                   help="do not fade abrupt phrase starts/ends (2 ms)")
    p.add_argument("--no-dc", action="store_true", help="keep the DC offset")
    p.add_argument("--batch-size", type=at_least(int, 1), default=16,
                   help="phrases generated per batch (default 16)")
    p.add_argument("--backend", choices=("auto", "fast", "keras"), default="auto",
                   help="inference implementation (default auto = fast)")
    p.add_argument("--precision", choices=SERVING, default="auto",
                   help="arithmetic: auto (the default: the fastest measured on this CPU, bf16 "
                        "where it has AMX or AVX-512 BF16, else fp32; one line on stderr says "
                        "why), fp32 (a seed's exact sound), or bf16 (fast backend; within "
                        "~0.013 of fp32)")
    p.set_defaults(func=run_generate)


def run_generate(args) -> int:
    from rich.progress import Progress

    from wavegan.generate import GenerateOptions, generate_files
    from wavegan.generator import Generator
    from wavegan.precision import for_serving

    opts = GenerateOptions(count=args.count, seed=args.seed, fmt=args.fmt,
                           interpolate=tuple(args.interpolate) if args.interpolate else None,
                           steps=args.steps, normalize=args.normalize, fades=not args.no_fades,
                           dc=not args.no_dc, batch_size=args.batch_size, style=args.style)
    try:
        choice = for_serving(args.precision, args.backend)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    gen = Generator.from_checkpoint(resolve_checkpoint(args.checkpoint),
                                    backend=args.backend, max_batch=args.batch_size,
                                    precision=choice.precision)
    print(f"precision {choice.reason}", file=sys.stderr, flush=True)
    c = gen.contract
    print(f"model: {c.slice_len} samples ({c.seconds:.2f} s) at {c.sample_rate} Hz, "
          f"{c.channels} ch{'  [' + gen.label + ']' if gen.label else ''}")
    if gen.config.styles:
        print(f"styles: {', '.join(gen.config.styles)}")
    with Progress(transient=True) as bar:
        task = bar.add_task("generating", total=None)
        try:
            paths = generate_files(gen, args.out, opts,
                                   progress=lambda done, total: bar.update(
                                       task, completed=done, total=total))
        except ValueError as exc:   # a --style the model does not know
            raise UserError(str(exc)) from None
    for path in paths:
        print(path)
    print(f"wrote {len(paths)} phrase(s) to {args.out}/")
    return 0
