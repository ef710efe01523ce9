"""The one-shot corpus: single drum hits of real recorded kits, labelled by instrument class.

Kits come from Debian packages only (:mod:`trainer.oneshot_sources`), so every hit's licence is
known. SoundFont presets are rendered with fluidsynth, all notes and velocities of a preset in
one MIDI file with the notes ``GAP_SECONDS`` apart (one fluidsynth start per preset: loading a
150-490 MB SoundFont takes ~1 s, rendering a note ~10 ms), and cut at the note times; sample
packs are read as they are. Every hit is then resampled to the corpus rate, mixed to mono,
trimmed to the hit (onset to where it decays below ``END_DB``, with a fade), peak-normalised,
and dropped when silent or an exact/near duplicate of a hit already kept. Whole kits are held
out for evaluation (``DEFAULT_HELDOUT``).

Layout of ``OUT``::

    OUT/audio/<class>/<kit>-<note>-v<velocity>.flac   one hit (sample kits: <kit>-<file stem>)
    OUT/manifest.json   recipe, licences, kits (package, licence, split), one entry per hit,
                        and the hits dropped with the reason
    OUT/manifest.csv    the entries, flat
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import mido
import numpy as np

from trainer.oneshot_sources import SOURCES, Kit, find_kits, installed, read_labelled_folder
from wavegan.atomic_files import sha256_file
from wavegan.errors import UserError
from wavegan.gm_drums import CLASSES, GM_DRUMS, GM_NOTES, gm_class, gm_name

ONESHOTS_VERSION = 1
GAP_SECONDS = 3.25         # note spacing in a preset's render
MAX_SECONDS = 3.0          # a hit is cut (with FADE_OUT) this long after its onset
LEAD_SECONDS = 0.1         # silence before the first note of a render
ONSET_DB = -30.0           # the onset is the first sample above this, re the hit's peak …
PRE_ROLL = 0.001           # … less this much (s) so the attack is whole
END_DB = -50.0             # the hit ends where its 5 ms RMS last exceeds this, re peak RMS …
FADE_OUT = 0.010           # … its last 10 ms faded out
SILENT_DBFS = -60.0        # renders/files whose peak is below this are dropped
PEAK_DB = -1.0             # every hit is normalised to this peak
NEAR_DB = 0.5              # mean envelope+spectrum difference (dB) under which hits are dups:
# gain-only and resampled copies measure <= 0.3 dB, two recorded hits of one drum >= 0.7 dB
DEFAULT_VELOCITIES = (20, 45, 70, 95, 110, 127)
DEFAULT_HELDOUT = ("hydrogen-*",)


@dataclass
class OneshotConfig:
    """What ``wavegan corpus --kind oneshots`` makes."""

    out: Path
    sources: tuple[str, ...] = tuple(SOURCES)
    kits: tuple[str, ...] = ("*",)           # glob patterns of kit names to include
    notes: tuple[int, ...] = GM_NOTES        # GM notes rendered (and kept from sample kits)
    velocities: tuple[int, ...] = DEFAULT_VELOCITIES
    folders: tuple[str, ...] = ()            # the user's folders labelled by sub-folder
    heldout: tuple[str, ...] = DEFAULT_HELDOUT   # glob patterns of kits held out
    sample_rate: int = 44100
    fmt: str = "flac"
    jobs: int = 2

    def validate(self) -> None:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise UserError(f"unknown source(s) {unknown}; choose from {', '.join(SOURCES)}")
        if not self.sources and not self.folders:
            raise UserError("nothing to read: give --sources and/or --folder")
        if any(not 1 <= v <= 127 for v in self.velocities) or not self.velocities:
            raise UserError("--velocities must be MIDI velocities 1..127")
        if any(n not in GM_DRUMS for n in self.notes):
            raise UserError("--notes must be GM drum notes 35..81")
        if self.fmt not in ("wav", "flac"):
            raise UserError("--format must be wav or flac")
        for folder in self.folders:
            if not Path(folder).is_dir():
                raise UserError(f"--folder {folder}: no such folder")
        if any(SOURCES[s].soundfonts for s in self.sources) and not shutil.which("fluidsynth"):
            raise UserError("the fluidsynth program is not installed (apt-get install fluidsynth)")


@dataclass
class Hit:
    """One hit on its way into the corpus (``audio`` is None once written or dropped)."""

    kit: Kit
    cls: str
    note: int | None
    velocity: int | None
    instrument: str
    origin: str                       # the file read, or "<sf2>#bank:program"
    stem: str                         # file name without the kit and extension
    audio: np.ndarray | None = None   # float32 [T] mono at the corpus rate
    peak_db: float = 0.0              # peak before normalising (dBFS)
    features: np.ndarray | None = None
    drop: str = ""                    # why it is left out


# -- audio: trim, normalise, fingerprint -----------------------------------------------------
def trim(audio: np.ndarray, sr: int) -> np.ndarray:
    """Onset (first sample above ``ONSET_DB`` re peak, less ``PRE_ROLL``) to where the 5 ms RMS
    last exceeds ``END_DB`` re its maximum, capped at ``MAX_SECONDS``; the last ``FADE_OUT``
    fades out."""
    peak = float(np.abs(audio).max())
    start = max(0, int(np.argmax(np.abs(audio) > peak * 10 ** (ONSET_DB / 20)))
                - int(PRE_ROLL * sr))
    x = audio[start:start + int(MAX_SECONDS * sr)]
    frame = max(1, int(0.005 * sr))
    rms = np.sqrt(np.mean(np.pad(x, (0, -len(x) % frame)).reshape(-1, frame) ** 2, axis=1))
    loud = np.flatnonzero(rms > rms.max() * 10 ** (END_DB / 20))
    end = min(len(x), (int(loud[-1]) + 1) * frame)   # the fade ends there: a sample that
    # stops before it decays (cheap SoundFonts) does not end in a click
    x = x[:end].astype(np.float32, copy=True)
    fade = min(len(x), int(FADE_OUT * sr))
    x[len(x) - fade:] *= np.cos(np.linspace(0, np.pi / 2, fade, dtype=np.float32)) ** 2
    return x


BANDS = np.geomspace(40.0, 16000.0, 25)


def fingerprint(x: np.ndarray, sr: int) -> np.ndarray:
    """A coarse envelope (RMS dB in 10 ms frames over 0.5 s) and spectrum (24 log bands, dB)
    of a normalised hit, both floored at -60 dB re their maximum: two hits within ``NEAR_DB``
    of each other on average sound the same."""
    frame = sr // 100
    env = np.zeros(50, np.float64)
    head = x[:50 * frame]
    n = len(head) // frame
    if n:
        env[:n] = np.sqrt(np.mean(head[:n * frame].reshape(n, frame) ** 2, axis=1))
    spec = np.abs(np.fft.rfft(x[:sr], n=sr)) ** 2       # 1 Hz bins over the first second
    edges = np.minimum(BANDS.astype(int), len(spec) - 1)
    bands = np.array([spec[a:max(a + 1, b)].sum() for a, b in zip(edges[:-1], edges[1:])])

    def db(v):
        v = 10 * np.log10(np.maximum(v, 1e-20) / v.max()) if v.max() > 0 else np.full_like(v, -60)
        return np.maximum(v, -60.0)

    return np.concatenate([db(env ** 2), db(bands)])


def finish(hit: Hit, audio: np.ndarray, sr: int) -> Hit:
    """Trim, normalise and fingerprint a mono hit, or mark it dropped when it is silent."""
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    if peak < 10 ** (SILENT_DBFS / 20):
        hit.drop = "silent (nothing sounds at this note)" if hit.kit.soundfont else "silent"
        return hit
    hit.peak_db = round(20 * np.log10(peak), 2)
    x = trim(audio, sr)
    x *= 10 ** (PEAK_DB / 20) / float(np.abs(x).max())
    hit.audio, hit.features = x, fingerprint(x, sr)
    return hit


# -- reading kits ----------------------------------------------------------------------------
def preset_midi(kit: Kit, notes: tuple[int, ...], velocities: tuple[int, ...], path: Path) -> list:
    """All (note, velocity) of a preset, one every ``GAP_SECONDS`` (1 tick = 1 ms); each note is
    held until just before the next, then all sound is cut (CC 120) so no tail runs into it."""
    channel = 9 if kit.bank == 128 else 0      # GM drum kits live on channel 10
    track = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=1_000_000, time=0)])
    if channel != 9:
        track.append(mido.Message("control_change", channel=channel, control=0, value=kit.bank))
    track.append(mido.Message("program_change", channel=channel, program=kit.program))
    plan, gap, lead = [], round(GAP_SECONDS * 1000), round(LEAD_SECONDS * 1000)
    track.append(mido.MetaMessage("marker", text="start", time=lead))
    for note in notes:
        for vel in velocities:
            plan.append((note, vel))
            track += [mido.Message("note_on", channel=channel, note=note, velocity=vel, time=0),
                      mido.Message("note_off", channel=channel, note=note, time=gap - 200),
                      mido.Message("control_change", channel=channel, control=120, value=0,
                                   time=100),
                      mido.MetaMessage("marker", text="next", time=100)]
    mid = mido.MidiFile(type=0, ticks_per_beat=1000)
    mid.tracks.append(track)
    mid.save(path)
    return plan


def render_kit(kit: Kit, cfg: OneshotConfig) -> list[Hit]:
    """Render every (note, velocity) of a SoundFont preset with fluidsynth and cut the hits."""
    import soundfile as sf

    sr = cfg.sample_rate
    hits = []
    with tempfile.TemporaryDirectory(prefix="wavegan-oneshots-") as tmp:
        midi, wav = Path(tmp) / "kit.mid", Path(tmp) / "kit.wav"
        plan = preset_midi(kit, cfg.notes, cfg.velocities, midi)
        cmd = ["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", "0.5", "-O", "float",
               "-T", "wav", "-F", str(wav), "-r", str(sr), str(kit.soundfont), str(midi)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0 or not wav.is_file():
            raise UserError(f"fluidsynth failed on {kit.name}: {proc.stderr.strip()[-300:]}")
        with sf.SoundFile(wav) as f:
            if f.samplerate != sr:
                raise UserError(f"fluidsynth wrote {f.samplerate} Hz instead of {sr} Hz")
            for i, (note, vel) in enumerate(plan):
                t0 = LEAD_SECONDS + i * GAP_SECONDS
                f.seek(max(0, int((t0 - 0.005) * sr)))
                block = f.read(int((MAX_SECONDS + 0.05) * sr), dtype="float32", always_2d=True)
                hit = Hit(kit, gm_class(note), note, vel, gm_name(note),
                          f"{kit.soundfont.name}#{kit.bank}:{kit.program}", f"{note}-v{vel}")
                hits.append(finish(hit, block.mean(axis=1), sr))
    return hits


def read_kit(kit: Kit, cfg: OneshotConfig) -> list[Hit]:
    """Read the files of a sample kit (resampled with libsoxr, mixed to mono)."""
    from wavegan.audio_io import SkipFile, read_audio

    notes = set(cfg.notes)
    hits = []
    for sample in kit.files:
        if sample.note is not None and sample.note not in notes:
            continue
        if sample.note is None and len(notes) < len(GM_NOTES) and kit.source != "user":
            continue   # a --notes selection keeps only hits with a GM note
        stem = (f"{sample.note}-v{sample.velocity}" if sample.note and sample.velocity
                else (f"{sample.cls}-" if kit.source == "user" else "") + sample.path.stem)
        hit = Hit(kit, sample.cls, sample.note, sample.velocity, sample.instrument,
                  str(sample.path), stem)
        try:
            audio = read_audio(sample.path, cfg.sample_rate, 1, skip_silent=False)[:, 0]
        except SkipFile as exc:
            hit.drop = f"unreadable ({exc})"
            hits.append(hit)
            continue
        hits.append(finish(hit, audio, cfg.sample_rate))
    return hits


def load_kit(kit: Kit, cfg: OneshotConfig) -> list[Hit]:
    return render_kit(kit, cfg) if kit.soundfont else read_kit(kit, cfg)


# -- de-duplication ---------------------------------------------------------------------------
class Deduper:
    """Marks exact duplicates (same samples) and near duplicates (fingerprints within
    ``NEAR_DB``) of a hit seen before as dropped: the order hits arrive in is the priority."""

    def __init__(self) -> None:
        self.exact: dict[str, Hit] = {}
        self.kept: list[Hit] = []
        self.prints = np.zeros((1024, len(BANDS) - 1 + 50))

    def check(self, hit: Hit) -> None:
        if hit.drop:
            return
        digest = hashlib.sha256(np.round(hit.audio * 2 ** 23).astype(np.int32).tobytes())
        first = self.exact.setdefault(digest.hexdigest(), hit)
        if first is not hit:
            hit.drop = f"exact duplicate of {first.kit.name}/{first.stem}"
            return
        n = len(self.kept)
        dist = np.abs(self.prints[:n] - hit.features).mean(axis=1)
        j = int(np.argmin(dist)) if n else -1
        if j >= 0 and dist[j] < NEAR_DB:
            hit.drop = f"near duplicate of {self.kept[j].kit.name}/{self.kept[j].stem} " \
                       f"({dist[j]:.2f} dB)"
            return
        if n == len(self.prints):
            self.prints = np.concatenate([self.prints, np.zeros_like(self.prints)])
        self.prints[n] = hit.features
        self.kept.append(hit)


# -- the corpus ------------------------------------------------------------------------------
def select_kits(cfg: OneshotConfig, warn: Callable[[str], None]) -> list[Kit]:
    kits = []
    for key in cfg.sources:
        if not installed(key):
            warn(f"source {key} skipped: Debian package {SOURCES[key].package} is not installed "
                 f"(apt-get install --no-install-recommends {SOURCES[key].package})")
            continue
        kits += [k for k in find_kits(key) if any(fnmatch.fnmatch(k.name, p) for p in cfg.kits)]
    kits += [read_labelled_folder(f) for f in cfg.folders]
    if len({k.name for k in kits}) != len(kits):
        raise UserError("two kits have the same name (two --folder with the same name?)")
    return kits


def split_of(kit: Kit, cfg: OneshotConfig) -> str:
    return "heldout" if any(fnmatch.fnmatch(kit.name, p) for p in cfg.heldout) else "train"


def entry(hit: Hit, path: Path, cfg: OneshotConfig) -> dict:
    return {
        "audio": str(path.relative_to(cfg.out)), "class": hit.cls, "gm_note": hit.note,
        "velocity": hit.velocity, "instrument": hit.instrument, "kit": hit.kit.name,
        "kit_kind": hit.kit.kind, "source": hit.kit.package, "licence": hit.kit.licence,
        "split": split_of(hit.kit, cfg), "seconds": round(len(hit.audio) / cfg.sample_rate, 4),
        "peak_db": hit.peak_db, "origin": hit.origin, "sha256": sha256_file(path),
    }


def build_oneshots(cfg: OneshotConfig, progress: Callable[[int, int], None] | None = None,
                   warn: Callable[[str], None] = print) -> dict:
    """Write the one-shot corpus and its manifests; returns the manifest dict."""
    from wavegan.audio_io import write_audio

    cfg.validate()
    cfg.out = Path(cfg.out)
    kits = select_kits(cfg, warn)
    if not kits:
        raise UserError("no kit matches --sources/--kits (and no --folder)")
    if (cfg.out / "audio").exists():
        if not (cfg.out / "manifest.json").is_file() or \
                json.loads((cfg.out / "manifest.json").read_text()).get("kind") != "oneshots":
            raise UserError(f"{cfg.out}/audio exists and is not a one-shot corpus; "
                            "choose an empty --out")
        shutil.rmtree(cfg.out / "audio")   # a rebuild replaces the previous corpus
    cfg.out.mkdir(parents=True, exist_ok=True)
    # held-out kits first, so a train hit that duplicates one is the one dropped
    kits.sort(key=lambda k: split_of(k, cfg) != "heldout")
    dedupe, entries, dropped, names = Deduper(), [], [], set()
    with ThreadPoolExecutor(max_workers=max(1, cfg.jobs)) as pool:
        futures = [pool.submit(load_kit, k, cfg) for k in kits]
        for i, fut in enumerate(futures):   # in kit order, so the priority is deterministic
            for hit in fut.result():
                dedupe.check(hit)
                if hit.drop:
                    dropped.append(hit)
                else:
                    name = f"{hit.kit.name}-{hit.stem}"
                    while name in names:        # a user's kick/a.wav and snare/a.wav
                        name += "_"
                    names.add(name)
                    path = write_audio(cfg.out / "audio" / hit.cls / f"{name}.{cfg.fmt}",
                                       hit.audio[:, None], cfg.sample_rate, cfg.fmt)
                    entries.append(entry(hit, path, cfg))
                hit.audio = None
            if progress:
                progress(i + 1, len(kits))
    manifest = make_manifest(cfg, kits, entries, dropped)
    write_manifest(cfg.out, manifest)
    return manifest


def make_manifest(cfg: OneshotConfig, kits: list[Kit], entries: list[dict],
                  dropped: list[Hit]) -> dict:
    kit_hits = Counter(e["kit"] for e in entries)
    licences: dict[str, dict] = {}
    for k in kits:
        lic = licences.setdefault(k.package, {"licence": k.licence, "kits": [], "hits": 0})
        lic["kits"].append(k.name)
        lic["hits"] += kit_hits[k.name]
        if k.source != "user":
            lic["copyright"] = f"/usr/share/doc/{k.package}/copyright"
    held = {k.kind for k in kits if split_of(k, cfg) == "heldout" and kit_hits[k.name]}
    return {
        "kind": "oneshots",
        "corpus_version": 1,
        "oneshots_version": ONESHOTS_VERSION,
        "recipe": {key: (list(v) if isinstance(v, tuple) else v) for key, v in asdict(cfg).items()
                   if key not in ("out", "jobs")}
        | {"gap_seconds": GAP_SECONDS, "max_seconds": MAX_SECONDS, "onset_db": ONSET_DB,
           "end_db": END_DB, "fade_out": FADE_OUT, "silent_dbfs": SILENT_DBFS,
           "peak_db": PEAK_DB, "near_db": NEAR_DB},
        "licenses": licences,
        "kits": {k.name: {"package": k.package, "licence": k.licence, "kind": k.kind,
                          "preset": k.preset or None, "split": split_of(k, cfg),
                          "hits": kit_hits[k.name]} for k in kits},
        "heldout_kinds": sorted(held),
        "classes": {c: n for c, n in sorted(Counter(e["class"] for e in entries).items(),
                                            key=lambda cn: (CLASSES + (cn[0],)).index(cn[0]))},
        "seconds": round(sum(e["seconds"] for e in entries), 3),
        "files": entries,
        "dropped": [{"kit": h.kit.name, "gm_note": h.note, "velocity": h.velocity,
                     "origin": h.origin, "reason": h.drop} for h in dropped],
    }


CSV_COLUMNS = ["audio", "class", "gm_note", "velocity", "instrument", "kit", "kit_kind",
               "source", "licence", "split", "seconds", "peak_db", "sha256"]


def write_manifest(out: Path, manifest: dict) -> None:
    """``manifest.json`` (everything) and ``manifest.csv`` (one flat row per hit)."""
    tmp = out / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, indent=1))
    os.replace(tmp, out / "manifest.json")
    with open(out / "manifest.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(CSV_COLUMNS)
        for e in manifest["files"]:
            w.writerow(["" if e[c] is None else e[c] for c in CSV_COLUMNS])
