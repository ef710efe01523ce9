"""``wavegan corpus``: flag parsing only; the work is in :mod:`trainer.corpus`."""

from __future__ import annotations

import os
from pathlib import Path

from trainer.grooves import STYLES


def register(subs) -> None:
    p = subs.add_parser(
        "corpus", help="write a practice corpus of rendered drum grooves (MIDI + fluidsynth)",
        description="Generate drum performances as General MIDI (styles: "
                    f"{', '.join(STYLES)}), humanised, with fills and crashes, and render them "
                    "through a GM drum kit with fluidsynth. Writes audio/, midi/, manifest.json "
                    "and manifest.csv (style, tempo and instrument labels read from the MIDI). "
                    "The same --seed always writes the same corpus.")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument("--minutes", type=float, default=60.0,
                   help="total minutes of music to write (default 60)")
    p.add_argument("--soundfont", default=None,
                   help="SF2 file with a GM drum kit (default: Debian fluid-soundfont-gm, "
                        "/usr/share/sounds/sf2/FluidR3_GM.sf2)")
    p.add_argument("--styles", nargs="+", choices=list(STYLES), default=list(STYLES),
                   metavar="STYLE", help=f"styles to play (default all: {' '.join(STYLES)})")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--sample-rate", type=int, default=44100,
                   help="render sample rate in Hz (default 44100)")
    p.add_argument("--channels", type=int, choices=(1, 2), default=1,
                   help="1 = mono mix-down (default), 2 = the soundfont's stereo panning")
    p.add_argument("--file-seconds", type=float, default=30.0,
                   help="typical length of one performance in seconds, ±30%% (default 30)")
    p.add_argument("--format", dest="fmt", choices=("flac", "wav"), default="flac",
                   help="24-bit FLAC (default) or 24-bit WAV")
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                   help="fluidsynth renders in parallel (default: up to 2)")
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from trainer.corpus import DEFAULT_SOUNDFONT, CorpusConfig, build_corpus

    cfg = CorpusConfig(out=Path(args.out), minutes=args.minutes,
                       soundfont=args.soundfont or DEFAULT_SOUNDFONT, styles=tuple(args.styles),
                       seed=args.seed, sample_rate=args.sample_rate, channels=args.channels,
                       file_seconds=args.file_seconds, fmt=args.fmt, jobs=args.jobs)
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("rendering grooves", total=None)
        manifest = build_corpus(
            cfg, progress=lambda done, total: bar.update(task, completed=done, total=total))
    files = manifest["files"]
    per_style = {s: sum(1 for f in files if f["style"] == s) for s in manifest["styles"]}
    Console().print(
        f"wrote {len(files)} performances, {manifest['seconds'] / 60:.1f} min at "
        f"{cfg.sample_rate} Hz to {cfg.out}/ ("
        + ", ".join(f"{s} {n}" for s, n in per_style.items()) + ")")
    return 0
