"""Where the one-shot corpus comes from: Debian-packaged drum kits, each with its licence.

A :class:`Kit` is either a SoundFont preset (every GM drum note is rendered with fluidsynth) or
a list of sample files (read as they are). :data:`SOURCES` is the one table of packages, their
licences and their kits; :func:`find_kits` lists the kits of the installed ones, and
:func:`read_labelled_folder` turns a user's folder (``kick/``, ``snare/`` …) into a kit of the
same shape, so a user's samples go through the same trimming, de-duplication and manifest.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from wavegan.gm_drums import GM_DRUMS, class_for_folder, gm_class, gm_name

SF2_DIR = Path("/usr/share/sounds/sf2")
SONIC_PI_DIR = Path("/usr/share/sonic-pi/samples")
HYDROGEN_DIR = Path("/usr/share/hydrogen/data/drumkits")
HYDROGEN_KITS = ("GMRockKit", "TR808EmulationKit")
# presets that do not follow the GM note map: the GS orchestra kit has timpani on 41-53,
# MuseScore's marching kits put one drum on many notes, and a metronome is no drum
NOT_GM_MAPPED = re.compile(r"orchestra|marching|metronome", re.I)
ELECTRONIC = re.compile(r"electr|808|909|techno|dance|analog", re.I)


@dataclass(frozen=True)
class Source:
    """One Debian package: its licence and where its kits are."""

    package: str
    licence: str
    soundfonts: tuple[str, ...] = ()   # SF2 file names in SF2_DIR
    drum_bank: int = 128               # the bank whose presets are drum kits


SOURCES: dict[str, Source] = {   # the order is the de-duplication priority
    "hydrogen": Source("hydrogen-data", "GPL-2+"),
    "avldrums": Source("avldrums.lv2-soundfont", "CC-BY-SA-3.0",
                       ("Black_Pearl_4_LV2.sf2", "Red_Zeppelin_4_LV2.sf2"), drum_bank=0),
    "musescore": Source("musescore-general-soundfont-lossless", "MIT",
                        ("MuseScore_General_Full.sf2",)),
    "fluidr3": Source("fluid-soundfont-gm", "MIT", ("FluidR3_GM.sf2",)),
    "timgm6mb": Source("timgm6mb-soundfont", "GPL-2", ("TimGM6mb.sf2",)),
    "sonic-pi": Source("sonic-pi-samples", "CC0"),
}


@dataclass(frozen=True)
class SampleFile:
    """One recorded hit of a sample kit, with its label."""

    path: Path
    cls: str
    note: int | None        # the GM note it stands for (None: no GM note, class given)
    velocity: int | None    # the velocity layer it is played at (None: one layer)
    instrument: str


@dataclass(frozen=True)
class Kit:
    """A drum kit: a SoundFont preset to render, or recorded files."""

    name: str
    source: str             # key of SOURCES, or "user"
    package: str
    licence: str
    kind: str               # acoustic | electronic (for the held-out rule)
    soundfont: Path | None = None
    bank: int = 128
    program: int = 0
    preset: str = ""
    files: tuple[SampleFile, ...] = ()


def kit_slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


def sf2_presets(path: str | Path) -> list[tuple[int, int, str]]:
    """``(bank, program, name)`` of every preset of an SF2 file (its ``phdr`` chunk)."""
    with open(path, "rb") as f:
        riff, size, form = struct.unpack("<4sI4s", f.read(12))
        if riff != b"RIFF" or form != b"sfbk":
            raise ValueError(f"{path}: not a SoundFont 2 file")
        while f.tell() < 8 + size:
            cid, csize = struct.unpack("<4sI", f.read(8))
            if cid == b"LIST" and f.read(4) == b"pdta":
                end = f.tell() + csize - 4
                while f.tell() < end:
                    sid, ssize = struct.unpack("<4sI", f.read(8))
                    if sid == b"phdr":
                        data = f.read(ssize)   # 38-byte records; the last is the terminator
                        return [(bank, prog, name.split(b"\0")[0].decode("latin-1").strip())
                                for name, prog, bank in (struct.unpack_from("<20sHH", data, i)
                                                         for i in range(0, len(data) - 38, 38))]
                    f.seek(ssize + (ssize & 1), 1)
            else:
                f.seek(csize + (csize & 1) - (4 if cid == b"LIST" else 0), 1)
    return []


def soundfont_kits(key: str) -> list[Kit]:
    src = SOURCES[key]
    kits = []
    for name in src.soundfonts:
        path = SF2_DIR / name
        for bank, program, preset in sorted(sf2_presets(path)):
            if bank != src.drum_bank or NOT_GM_MAPPED.search(preset):
                continue
            kind = "electronic" if ELECTRONIC.search(preset) else "acoustic"
            kits.append(Kit(f"{key}-{kit_slug(preset)}", key, src.package, src.licence, kind,
                            soundfont=path, bank=bank, program=program, preset=preset))
    return kits


def hydrogen_kits() -> list[Kit]:
    """Hydrogen's kits: each instrument's ``midiOutNote`` and velocity layers from drumkit.xml."""
    src = SOURCES["hydrogen"]
    kits = []
    for kit_name in HYDROGEN_KITS:
        folder = HYDROGEN_DIR / kit_name
        root = ET.parse(folder / "drumkit.xml").getroot()
        ns = {"h": root.tag.split("}")[0].strip("{")} if root.tag.startswith("{") else {}
        q = (lambda t: f"h:{t}") if ns else (lambda t: t)
        files = []
        for ins in root.iter(root.tag.replace("drumkit_info", "instrument")):
            name = ins.findtext(q("name"), "", ns)
            note = int(ins.findtext(q("midiOutNote"), "-1", ns))
            if note in GM_DRUMS:
                cls = gm_class(note)
            else:   # GMRockKit's semi-open hat sits on note 82, outside GM's 35-81
                cls, note = ("open_hat" if "open" in name.lower() else "other"), None
            layers = list(ins.iter(root.tag.replace("drumkit_info", "layer")))
            for layer in layers:
                lo = float(layer.findtext(q("min"), "0", ns))
                hi = float(layer.findtext(q("max"), "1", ns))
                vel = round(127 * (lo + hi) / 2) if len(layers) > 1 else None
                files.append(SampleFile(folder / layer.findtext(q("filename"), "", ns), cls,
                                        note, vel, name))
        kind = "electronic" if ELECTRONIC.search(kit_name) else "acoustic"
        kits.append(Kit(f"hydrogen-{kit_slug(kit_name)}", "hydrogen", src.package, src.licence,
                        kind, files=tuple(files)))
    return kits


# Sonic Pi's drum one-shots: file stem (or prefix ending in "_") -> GM note, or the class when
# no GM note fits. Rolls, loops, whooshes and melodic "elec" blips that are no drum are left out.
SONIC_PI_NOTES: dict[str, int | str] = {
    "bd_": 36, "sn_": 38,
    "drum_bass_hard": 36, "drum_bass_soft": 36, "drum_heavy_kick": 36,
    "drum_snare_hard": 38, "drum_snare_soft": 38,
    "drum_cymbal_closed": 42, "drum_cymbal_pedal": 44, "drum_cymbal_open": 46,
    "drum_cymbal_hard": 49, "drum_cymbal_soft": 49,
    "drum_splash_hard": 55, "drum_splash_soft": 55, "drum_cowbell": 56,
    "drum_tom_lo_hard": 41, "drum_tom_lo_soft": 41, "drum_tom_mid_hard": 47,
    "drum_tom_mid_soft": 47, "drum_tom_hi_hard": 50, "drum_tom_hi_soft": 50,
    "elec_hollow_kick": 36, "elec_soft_kick": 36, "elec_snare": 40, "elec_lo_snare": 40,
    "elec_mid_snare": 40, "elec_hi_snare": 40, "elec_filt_snare": 40, "elec_fuzz_tom": 45,
    "elec_cymbal": 49, "elec_triangle": 81, "elec_wood": 76, "elec_bell": "bell_block",
    "elec_tick": "other", "elec_pop": "other", "elec_bong": "other",
    "perc_bell": "bell_block", "perc_bell2": "bell_block", "perc_snap": "clap",
    "perc_snap2": "clap", "tabla_": "other",
}
SONIC_PI_KITS = {"drum": "acoustic", "bd": "electronic", "sn": "electronic",
                 "elec": "electronic", "perc": "acoustic", "tabla": "acoustic"}


def sonic_pi_kits() -> list[Kit]:
    """Sonic Pi's drum samples, one kit per name prefix (``drum_``: one acoustic kit, ``elec_``:
    an electronic one, ``bd_``/``sn_``: kicks and snares of many machines …)."""
    src = SOURCES["sonic-pi"]
    by_kit: dict[str, list[SampleFile]] = {k: [] for k in SONIC_PI_KITS}
    for path in sorted(SONIC_PI_DIR.glob("*.flac")):
        stem = path.stem
        label = SONIC_PI_NOTES.get(stem)
        if label is None:
            label = next((v for k, v in SONIC_PI_NOTES.items()
                          if k.endswith("_") and stem.startswith(k)), None)
        if label is None:
            continue
        note = label if isinstance(label, int) else None
        cls = gm_class(note) if note is not None else str(label)
        by_kit[stem.split("_")[0]].append(
            SampleFile(path, cls, note, None, gm_name(note) if note else stem))
    return [Kit(f"sonicpi-{k}", "sonic-pi", src.package, src.licence, kind, files=tuple(files))
            for k, kind in SONIC_PI_KITS.items() if (files := by_kit[k])]


def installed(key: str) -> bool:
    src = SOURCES[key]
    if src.soundfonts:
        return all((SF2_DIR / f).is_file() for f in src.soundfonts)
    if key == "hydrogen":
        return all((HYDROGEN_DIR / k / "drumkit.xml").is_file() for k in HYDROGEN_KITS)
    return SONIC_PI_DIR.is_dir()


def find_kits(key: str) -> list[Kit]:
    """The kits of one installed source (``SOURCES`` key)."""
    if key == "hydrogen":
        return hydrogen_kits()
    if key == "sonic-pi":
        return sonic_pi_kits()
    return soundfont_kits(key)


AUDIO_SUFFIXES = {".wav", ".flac", ".aif", ".aiff", ".ogg", ".mp3", ".opus", ".w64", ".caf"}


def read_labelled_folder(root: str | Path, name: str | None = None,
                         licence: str = "user-supplied") -> Kit:
    """A user's one-shot folder as a kit: every audio file under ``root/<class>/…`` is a hit of
    the class its first sub-folder names (``kick/``, ``Snare/``, ``hh/`` …; an unknown name is a
    class of its own). Files directly in ``root`` have no label and are left out."""
    root = Path(root)
    files = []
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES
                       and p.is_file() and not any(s.startswith(".") for s in
                                                   p.relative_to(root).parts)):
        rel = path.relative_to(root)
        if len(rel.parts) < 2:
            continue
        cls = class_for_folder(rel.parts[0])
        files.append(SampleFile(path, cls, None, None, rel.parts[0]))
    kit = f"user-{kit_slug(name or root.resolve().name) or 'folder'}"
    return Kit(kit, "user", str(root), licence, "user", files=tuple(files))
