"""The practice corpus: drum grooves written as General MIDI and rendered with FluidSynth.

Each file is one soloed performance of one style (rock, funk, shuffle, hip-hop, breakbeat,
half-time, fills) at one tempo, humanised (swing, velocity and micro-timing), with ghost notes,
fills at phrase ends and crashes after them. The MIDI file is kept beside the audio; every label
in the manifest is read back from that MIDI (see :func:`midi_hits`), so the labels are exactly
what was played.

Layout of ``OUT``::

    OUT/audio/0000-rock-112bpm.flac   rendered audio, trailing silence trimmed
    OUT/midi/0000-rock-112bpm.mid     the performance (channel 10 = MIDI channel index 9)
    OUT/manifest.json                 recipe + one entry per file (labels, split, sha256)
    OUT/manifest.csv                  the same entries, flat
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import mido
import numpy as np

from wavegan.atomic_files import sha256_file
from wavegan.errors import UserError
from wavegan.grooves import INSTRUMENTS, STYLES, Hit, perform

CORPUS_VERSION = 1
DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
TICKS_PER_BEAT = 960
NOTE_SECONDS = 0.08          # note length (GM drums ignore note-off; kept for sequencers)
HELDOUT_EVERY = 5            # per style, file k is held out when k % 5 == 2
SILENCE_DB = -60.0           # trailing audio below this (re peak) is trimmed …
TAIL_SECONDS = 0.25          # … keeping this much decay after the last audible sample


@dataclass
class CorpusConfig:
    """What ``wavegan corpus`` makes."""

    out: Path
    minutes: float = 60.0
    soundfont: str = DEFAULT_SOUNDFONT
    styles: tuple[str, ...] = tuple(STYLES)
    seed: int = 0
    sample_rate: int = 44100
    channels: int = 1
    file_seconds: float = 30.0   # typical length of one performance (varies ±30 %)
    fmt: str = "flac"
    jobs: int = 2                # fluidsynth processes in parallel
    extra: dict = field(default_factory=dict)

    def validate(self) -> None:
        unknown = [s for s in self.styles if s not in STYLES]
        if unknown or not self.styles:
            raise UserError(f"unknown style(s) {unknown}; choose from {', '.join(STYLES)}")
        if self.minutes <= 0 or self.file_seconds < 4:
            raise UserError("--minutes must be > 0 and --file-seconds >= 4")
        if self.channels not in (1, 2):
            raise UserError("--channels must be 1 or 2")
        if self.fmt not in ("wav", "flac"):
            raise UserError("--format must be wav or flac")
        if not Path(self.soundfont).is_file():
            raise UserError(f"soundfont {self.soundfont} not found: install the Debian package "
                            "fluid-soundfont-gm or pass --soundfont FILE.sf2")
        if shutil.which("fluidsynth") is None:
            raise UserError("the fluidsynth program is not installed (apt-get install fluidsynth)")


@dataclass
class FilePlan:
    """One performance to write: its index, style, tempo and seed."""

    index: int
    style: str
    bpm: float
    seconds: float
    seed: tuple[int, int]

    @property
    def stem(self) -> str:
        return f"{self.index:04d}-{self.style}-{round(self.bpm)}bpm"


def plan_files(cfg: CorpusConfig) -> list[FilePlan]:
    """Deterministic file plans until ``minutes`` of music: styles in a seeded round robin."""
    plans: list[FilePlan] = []
    total, i = 0.0, 0
    order: list[str] = []
    while total < cfg.minutes * 60.0:
        if not order:  # a fresh shuffled round of styles keeps every style equally represented
            order = list(np.random.default_rng([cfg.seed, 1_000_000 + i]).permutation(cfg.styles))
        rng = np.random.default_rng([cfg.seed, i])
        style = order.pop(0)
        lo, hi = STYLES[style].bpm
        bpm = float(rng.uniform(lo, hi))
        seconds = cfg.file_seconds * float(rng.uniform(0.7, 1.3))
        plans.append(FilePlan(i, style, bpm, seconds, (cfg.seed, i)))
        total += seconds
        i += 1
    return plans


# -- MIDI ------------------------------------------------------------------------------------
def write_midi(hits: list[Hit], bpm: float, path: Path) -> None:
    """Write hits (seconds) as a type-0 GM drum track on channel 10 at a fixed tempo."""
    tempo = mido.bpm2tempo(bpm)
    ticks_per_second = TICKS_PER_BEAT * 1e6 / tempo
    events = []  # (tick, order, message); note-offs sort before note-ons at the same tick
    for h in hits:
        on = round(h.time * ticks_per_second)
        off = on + max(1, round(NOTE_SECONDS * ticks_per_second))
        events.append((on, 1, mido.Message("note_on", channel=9, note=h.note, velocity=h.velocity)))
        events.append((off, 0, mido.Message("note_off", channel=9, note=h.note, velocity=0)))
    events.sort(key=lambda e: (e[0], e[1], e[2].note))
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=tempo, time=0)])
    last = 0
    for tick, _, msg in events:
        track.append(msg.copy(time=tick - last))
        last = tick
    mid = mido.MidiFile(type=0, ticks_per_beat=TICKS_PER_BEAT)
    mid.tracks.append(track)
    path.parent.mkdir(parents=True, exist_ok=True)
    mid.save(path)


def midi_hits(path: str | os.PathLike) -> list[Hit]:
    """Every drum hit (note-on with velocity > 0 on channel 10) of a MIDI file, in seconds."""
    hits, now = [], 0.0
    for msg in mido.MidiFile(path):
        now += msg.time
        if msg.type == "note_on" and msg.velocity > 0 and msg.channel == 9:
            hits.append(Hit(now, msg.note, msg.velocity))
    return hits


def instrument_counts(hits: list[Hit]) -> dict[str, int]:
    """Hits per instrument class (``INSTRUMENTS``: kick, snare, hihat, tom, crash, ride)."""
    counts = dict.fromkeys(INSTRUMENTS, 0)
    for h in hits:
        for name, notes in INSTRUMENTS.items():
            if h.note in notes:
                counts[name] += 1
    return counts


def presence(hits: list[Hit], start: float, end: float) -> np.ndarray:
    """Instrument presence ``[len(INSTRUMENTS)]`` float32 (1 = hit in [start, end))."""
    out = np.zeros(len(INSTRUMENTS), np.float32)
    for h in hits:
        if start <= h.time < end:
            for j, notes in enumerate(INSTRUMENTS.values()):
                if h.note in notes:
                    out[j] = 1.0
    return out


# -- rendering -------------------------------------------------------------------------------
def render(midi: Path, cfg: CorpusConfig) -> np.ndarray:
    """Render a MIDI file with fluidsynth; returns float32 ``[T, channels]``, tail trimmed."""
    import soundfile as sf

    with tempfile.TemporaryDirectory(prefix="wavegan-corpus-") as tmp:
        wav = Path(tmp) / "render.wav"
        cmd = ["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", "0.5", "-O", "float",
               "-T", "wav", "-F", str(wav), "-r", str(cfg.sample_rate), cfg.soundfont, str(midi)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not wav.is_file():
            raise UserError(f"fluidsynth failed on {midi.name}: {proc.stderr.strip()[-300:]}")
        audio, sr = sf.read(wav, dtype="float32", always_2d=True)
    if sr != cfg.sample_rate:
        raise UserError(f"fluidsynth wrote {sr} Hz instead of {cfg.sample_rate} Hz")
    if cfg.channels == 1:
        audio = audio.mean(axis=1, keepdims=True)
    return normalise(trim_tail(audio, cfg.sample_rate))


def trim_tail(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """Cut trailing near-silence (below ``SILENCE_DB`` re peak), keeping ``TAIL_SECONDS``."""
    level = np.abs(audio).max(axis=1)
    peak = float(level.max()) if len(level) else 0.0
    if peak == 0.0:
        return audio
    loud = np.flatnonzero(level > peak * 10 ** (SILENCE_DB / 20))
    end = min(len(audio), int(loud[-1]) + 1 + int(TAIL_SECONDS * sample_rate))
    return audio[:end]


def normalise(audio: np.ndarray, peak_db: float = -1.0) -> np.ndarray:
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    return audio if peak == 0.0 else (audio * (10 ** (peak_db / 20) / peak)).astype(np.float32)


def make_file(plan: FilePlan, cfg: CorpusConfig, style_rank: int) -> dict:
    """Perform, write MIDI, render, write audio; returns the file's manifest entry."""
    from wavegan.audio_io import write_audio

    rng = np.random.default_rng(list(plan.seed))
    hits, info = perform(plan.style, plan.bpm, plan.seconds, rng)
    midi_path = cfg.out / "midi" / f"{plan.stem}.mid"
    write_midi(hits, plan.bpm, midi_path)
    audio = render(midi_path, cfg)
    audio_path = write_audio(cfg.out / "audio" / f"{plan.stem}.{cfg.fmt}", audio,
                             cfg.sample_rate, cfg.fmt)
    played = midi_hits(midi_path)  # labels come from the MIDI as written
    counts = instrument_counts(played)
    return {
        "audio": str(audio_path.relative_to(cfg.out)),
        "midi": str(midi_path.relative_to(cfg.out)),
        "style": plan.style,
        "bpm": round(plan.bpm, 2),
        "swing": round(info["swing"], 3),
        "bars": info["bars"],
        "fills": info["fills"],
        "seconds": round(len(audio) / cfg.sample_rate, 3),
        "hits": len(played),
        "instruments": counts,
        "present": [k for k, v in counts.items() if v > 0],
        "split": "heldout" if style_rank % HELDOUT_EVERY == 2 else "train",
        "sha256": sha256_file(audio_path),
    }


def build_corpus(cfg: CorpusConfig,
                 progress: Callable[[int, int], None] | None = None) -> dict:
    """Write the whole corpus and its manifests; returns the manifest dict."""
    cfg.validate()
    cfg.out = Path(cfg.out)
    cfg.out.mkdir(parents=True, exist_ok=True)
    plans = plan_files(cfg)
    ranks, seen = [], dict.fromkeys(cfg.styles, 0)
    for p in plans:
        ranks.append(seen[p.style])
        seen[p.style] += 1
    entries: list[dict | None] = [None] * len(plans)
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, cfg.jobs)) as pool:
        futures = {pool.submit(make_file, p, cfg, r): p.index for p, r in zip(plans, ranks)}
        for fut, index in futures.items():
            entries[index] = fut.result()
            done += 1
            if progress:
                progress(done, len(plans))
    manifest = {
        "corpus_version": CORPUS_VERSION,
        "recipe": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()
                   if k not in ("out", "jobs", "extra")},
        "soundfont": {"name": Path(cfg.soundfont).name,
                      "bytes": Path(cfg.soundfont).stat().st_size},
        "instruments": {k: sorted(v) for k, v in INSTRUMENTS.items()},
        "styles": list(cfg.styles),
        "seconds": round(sum(e["seconds"] for e in entries), 3),
        "files": entries,
    }
    write_manifest(cfg.out, manifest)
    return manifest


def write_manifest(out: Path, manifest: dict) -> None:
    """``manifest.json`` (everything) and ``manifest.csv`` (one flat row per file)."""
    tmp = out / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1))
    os.replace(tmp, out / "manifest.json")
    cols = ["audio", "midi", "style", "bpm", "swing", "bars", "fills", "seconds", "hits", "split"]
    with open(out / "manifest.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols + list(INSTRUMENTS))
        for e in manifest["files"]:
            w.writerow([e[c] for c in cols] + [e["instruments"][k] for k in INSTRUMENTS])


def load_manifest(folder: str | os.PathLike) -> dict:
    """Read a corpus manifest (raises UserError when the folder is not a corpus)."""
    path = Path(folder) / "manifest.json"
    if not path.is_file():
        raise UserError(f"{folder}: not a corpus (no manifest.json); make one with "
                        "`wavegan corpus --out DIR`")
    try:
        manifest = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: corrupt manifest ({exc})") from exc
    if manifest.get("corpus_version", 0) > CORPUS_VERSION:
        raise UserError(f"{path}: corpus version {manifest['corpus_version']} is newer than "
                        "this wavegan-drums understands")
    return manifest
