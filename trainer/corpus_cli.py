"""``wavegan corpus``: flag parsing only; the work is in :mod:`trainer.corpus` (``--kind
grooves``) and :mod:`trainer.oneshots` (``--kind oneshots``)."""

from __future__ import annotations

import os
from pathlib import Path

from trainer.oneshot_sources import SOURCES
from wavegan.grooves import STYLES


def register(subs) -> None:
    p = subs.add_parser(
        "corpus", help="write a practice corpus: rendered drum grooves, or labelled one-shots "
                       "of Debian-packaged drum kits",
        description="--kind grooves (default): generate drum performances as General MIDI "
                    f"(styles: {', '.join(STYLES)}), humanised, with fills and crashes, and "
                    "render them through a GM drum kit with fluidsynth. Writes audio/, midi/, "
                    "manifest.json and manifest.csv (style, tempo and instrument labels read "
                    "from the MIDI). The same --seed always writes the same corpus. "
                    "--kind oneshots: single hits of the drum kits of Debian packages (every "
                    "GM drum note of every SoundFont drum preset rendered with fluidsynth, and "
                    "the Sonic Pi and Hydrogen samples), trimmed, de-duplicated, labelled with "
                    "their instrument class, licence and a train/heldout split per kit; writes "
                    "audio/<class>/, manifest.json and manifest.csv.")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.add_argument("--kind", choices=("grooves", "oneshots"), default="grooves",
                   help="grooves = rendered performances (default); oneshots = labelled single "
                        "hits of packaged kits")
    p.add_argument("--minutes", type=float, default=60.0,
                   help="grooves: total minutes of music to write (default 60)")
    p.add_argument("--soundfont", default=None,
                   help="grooves: SF2 file with a GM drum kit (default: Debian "
                        "fluid-soundfont-gm, /usr/share/sounds/sf2/FluidR3_GM.sf2)")
    p.add_argument("--styles", nargs="+", choices=list(STYLES), default=list(STYLES),
                   metavar="STYLE",
                   help=f"grooves: styles to play (default all: {' '.join(STYLES)})")
    p.add_argument("--seed", type=int, default=0, help="grooves: random seed (default 0)")
    p.add_argument("--sample-rate", type=int, default=44100,
                   help="render/resample rate in Hz (default 44100)")
    p.add_argument("--channels", type=int, choices=(1, 2), default=1,
                   help="grooves: 1 = mono mix-down (default), 2 = the soundfont's stereo "
                        "panning (one-shots are always mono)")
    p.add_argument("--file-seconds", type=float, default=30.0,
                   help="grooves: typical length of one performance in seconds, ±30%% "
                        "(default 30)")
    p.add_argument("--sources", nargs="*", choices=list(SOURCES), default=None, metavar="SOURCE",
                   help="oneshots: packages to read (default: all of "
                        f"{' '.join(SOURCES)} that are installed; a named one must be)")
    p.add_argument("--kits", nargs="+", default=["*"], metavar="GLOB",
                   help="oneshots: only kits whose name matches one of these patterns, e.g. "
                        "'fluidr3-standard' 'sonicpi-*' (default: every kit)")
    p.add_argument("--notes", nargs="+", type=int, default=None, metavar="NOTE",
                   help="oneshots: GM drum notes to render (default all, 35-81); sample-pack "
                        "hits without a GM note are then left out")
    p.add_argument("--velocities", nargs="+", type=int, default=None, metavar="VEL",
                   help="oneshots: MIDI velocities each SoundFont note is rendered at "
                        "(default 20 45 70 95 110 127; gain-only copies are dropped as duplicates)")
    p.add_argument("--folder", action="append", default=[], metavar="DIR",
                   help="oneshots: also read your own one-shot folder, labelled by sub-folder "
                        "(kick/, snare/, closed_hat/ …; unknown names are their own class); "
                        "repeatable")
    p.add_argument("--heldout", nargs="+", default=None, metavar="GLOB",
                   help="oneshots: kits held out for evaluation (default 'hydrogen-*': "
                        "Hydrogen's acoustic GMRockKit and electronic TR808EmulationKit)")
    p.add_argument("--format", dest="fmt", choices=("flac", "wav"), default="flac",
                   help="24-bit FLAC (default) or 24-bit WAV")
    p.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                   help="fluidsynth renders (grooves: files, oneshots: kits) in parallel "
                        "(default: up to 2)")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.kind == "oneshots":
        return run_oneshots(args)
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


def run_oneshots(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from trainer.oneshots import DEFAULT_HELDOUT, DEFAULT_VELOCITIES, OneshotConfig, build_oneshots
    from wavegan.errors import UserError
    from wavegan.gm_drums import GM_NOTES

    if args.sources:
        from trainer.oneshot_sources import installed
        missing = [SOURCES[s].package for s in args.sources if not installed(s)]
        if missing:
            raise UserError(f"not installed: {' '.join(missing)} (apt-get install -y "
                            f"--no-install-recommends {' '.join(missing)})")
    cfg = OneshotConfig(
        out=Path(args.out),
        sources=tuple(SOURCES if args.sources is None else args.sources),
        kits=tuple(args.kits), notes=tuple(args.notes or GM_NOTES),
        velocities=tuple(args.velocities or DEFAULT_VELOCITIES), folders=tuple(args.folder),
        heldout=tuple(args.heldout or DEFAULT_HELDOUT), sample_rate=args.sample_rate,
        fmt=args.fmt, jobs=args.jobs)
    console = Console(stderr=True)
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), transient=True, console=console) as bar:
        task = bar.add_task("reading kits", total=None)
        manifest = build_oneshots(
            cfg, progress=lambda done, total: bar.update(task, completed=done, total=total),
            warn=lambda msg: console.print(f"[yellow]{msg}[/]"))
    kits = manifest["kits"]
    held = [k for k, v in kits.items() if v["split"] == "heldout" and v["hits"]]
    Console().print(
        f"wrote {len(manifest['files'])} hits from {sum(1 for v in kits.values() if v['hits'])} "
        f"kits ({len(held)} held out: {', '.join(held) or 'none'}), "
        f"{manifest['seconds'] / 60:.1f} min at {cfg.sample_rate} Hz to {cfg.out}/; "
        f"dropped {len(manifest['dropped'])} (silent or duplicates)\n"
        + ", ".join(f"{c} {n}" for c, n in manifest["classes"].items()))
    return 0
