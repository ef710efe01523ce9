"""`wavegan corpus --kind oneshots`: real fluidsynth renders of packaged SoundFont kits and the
real Sonic Pi and Hydrogen sample files (Debian timgm6mb-soundfont, sonic-pi-samples,
hydrogen-data), checked as audio: rate, trimming, labels against a physical property, licences,
held-out kits, duplicates, and a user's folder labelled by sub-folder."""

from __future__ import annotations

import csv
import json
import shutil

import numpy as np
import pytest
import soundfile as sf
import soxr

from tests.cli_util import wavegan
from trainer.oneshot_sources import (
    HYDROGEN_DIR,
    SF2_DIR,
    SONIC_PI_DIR,
    SOURCES,
    read_labelled_folder,
    sf2_presets,
)
from trainer.oneshots import END_DB, MAX_SECONDS, ONSET_DB, PRE_ROLL
from wavegan.gm_drums import (
    CLASSES,
    GM_DRUMS,
    PAD_BASE_NOTE,
    class_for_folder,
    gm_class,
    note_for_pad,
    notes_of,
    pad_for_note,
)

SR = 44100
NOTES = (35, 36, 38, 42, 46, 49)
KITS = ("timgm6mb-standard", "timgm6mb-tr-808", "sonicpi-drum", "sonicpi-bd", "hydrogen-*")
@pytest.fixture(scope="module")
def system_packages():
    """The packaged kits these tests read: `make test` installs them, so their absence is a
    failure to see, not a reason to skip."""
    assert ((SF2_DIR / "TimGM6mb.sf2").is_file() and SONIC_PI_DIR.is_dir()
            and HYDROGEN_DIR.is_dir() and shutil.which("fluidsynth")), (
        "needs fluidsynth, timgm6mb-soundfont, sonic-pi-samples and hydrogen-data "
        "(make system-test-deps)")


needs_packages = pytest.mark.usefixtures("system_packages")


def make_user_folder(root):
    """kick/ holds an exact copy and a quieter 48 kHz copy of a Sonic Pi kick the corpus also
    reads (both duplicates); hh/ is an alias; "Tabla Hits/" is a name the map does not know."""
    (root / "kick").mkdir(parents=True)
    (root / "hh").mkdir()
    (root / "Tabla Hits").mkdir()
    shutil.copy(SONIC_PI_DIR / "bd_haus.flac", root / "kick" / "copy.flac")
    audio, rate = sf.read(SONIC_PI_DIR / "bd_haus.flac", dtype="float32")
    sf.write(root / "kick" / "quieter.wav", soxr.resample(audio, rate, 48000) * 0.3, 48000,
             subtype="FLOAT")
    shutil.copy(SONIC_PI_DIR / "elec_tick.flac", root / "hh" / "tick.flac")
    shutil.copy(SONIC_PI_DIR / "tabla_na.flac", root / "Tabla Hits" / "na.flac")
    shutil.copy(SONIC_PI_DIR / "tabla_re.flac", root / "unlabelled.flac")   # not in a class folder
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    user = make_user_folder(tmp_path_factory.mktemp("mine") / "my kit")
    out = tmp_path_factory.mktemp("oneshots")
    proc = wavegan("corpus", "--kind", "oneshots", "--out", out,
                   "--sources", "timgm6mb", "sonic-pi", "hydrogen", "--kits", *KITS,
                   "--notes", *NOTES, "--velocities", 60, 120, "--folder", user, "--jobs", 2)
    assert "held out" in proc.stdout
    return out, json.loads((out / "manifest.json").read_text())


def centroid(audio):
    spec = np.abs(np.fft.rfft(audio)) ** 2
    return float((spec * np.fft.rfftfreq(len(audio), 1 / SR)).sum() / spec.sum())


# -- the GM map --------------------------------------------------------------------------------
def test_gm_map_covers_every_gm_drum_note_with_a_known_class():
    assert sorted(GM_DRUMS) == list(range(35, 82))
    assert {cls for _, cls in GM_DRUMS.values()} == set(CLASSES)
    assert gm_class(36) == "kick" and gm_class(38) == "snare" and gm_class(42) == "closed_hat"
    assert gm_class(44) == "pedal_hat" and gm_class(46) == "open_hat"
    assert gm_class(49) == gm_class(57) == "crash" and gm_class(53) == "ride"
    assert notes_of("kick") == (35, 36) and notes_of("high_tom") == (48, 50)
    assert gm_class(20) == "other" and gm_class(82) == "other"


def test_pads_play_gm_note_36_plus_n():
    assert PAD_BASE_NOTE == 36
    assert [note_for_pad(n) for n in range(4)] == [36, 37, 38, 39]
    assert gm_class(note_for_pad(0)) == "kick" and gm_class(note_for_pad(2)) == "snare"
    assert all(pad_for_note(note_for_pad(n)) == n for n in range(46))
    assert pad_for_note(35) is None


def test_folder_names_map_to_classes_and_unknown_names_stay():
    assert class_for_folder("kick") == "kick" and class_for_folder("Kicks") == "kick"
    assert class_for_folder("BD") == "kick" and class_for_folder("Closed Hat") == "closed_hat"
    assert class_for_folder("hh") == "closed_hat" and class_for_folder("open-hat") == "open_hat"
    assert class_for_folder("Side Stick") == "side_stick" and class_for_folder("ride") == "ride"
    assert class_for_folder("Tabla Hits") == "tabla_hits"
    assert class_for_folder("808 Cowbells!") == "808_cowbells"


@needs_packages
def test_sf2_presets_lists_the_drum_kits():
    kits = {(b, p): n for b, p, n in sf2_presets(SF2_DIR / "TimGM6mb.sf2") if b == 128}
    assert kits[(128, 0)] == "Standard" and kits[(128, 25)] == "TR 808"


# -- the corpus --------------------------------------------------------------------------------
@needs_packages
def test_files_are_44k_mono_and_listed(corpus):
    out, manifest = corpus
    files = manifest["files"]
    assert len(files) > 40
    on_disk = sorted(str(p.relative_to(out)) for p in (out / "audio").rglob("*.flac"))
    assert on_disk == sorted(f["audio"] for f in files)
    for f in files:
        info = sf.info(out / f["audio"])
        assert (info.samplerate, info.channels, info.format) == (SR, 1, "FLAC")
        assert abs(info.frames / SR - f["seconds"]) < 1e-3
        assert f["audio"].startswith(f"audio/{f['class']}/{f['kit']}-")
    rows = list(csv.DictReader((out / "manifest.csv").open()))
    assert [r["audio"] for r in rows] == [f["audio"] for f in files]
    assert sum(f["seconds"] for f in files) == pytest.approx(manifest["seconds"], abs=0.01)


@needs_packages
def test_hits_are_trimmed_to_onset_and_decay(corpus):
    """Each file starts at its attack and ends where it has decayed (below END_DB re its loudest
    5 ms, faded) or where the recorded sample itself stops; none keeps trailing silence."""
    out, manifest = corpus
    decayed = []
    for f in manifest["files"]:
        audio, _ = sf.read(out / f["audio"], dtype="float32")
        peak = np.abs(audio).max()
        assert 0.85 < peak <= 0.9
        onset = int(np.argmax(np.abs(audio) > peak * 10 ** (ONSET_DB / 20)))
        assert onset <= (PRE_ROLL + 0.0005) * SR, f"{f['audio']}: onset at {onset / SR * 1e3} ms"
        assert len(audio) <= MAX_SECONDS * SR + 1
        assert abs(audio[-1]) < 0.01 * peak, f"{f['audio']} ends without a fade"
        frames = audio[:len(audio) // 220 * 220].reshape(-1, 220)
        rms = np.sqrt((frames ** 2).mean(axis=1))
        assert rms[-4:].max() > rms.max() * 10 ** ((END_DB - 6) / 20), f"{f['audio']}: silent tail"
        tail = np.sqrt((audio[-int(0.02 * SR):] ** 2).mean())
        decayed.append(tail < rms.max() * 10 ** ((END_DB + 12) / 20)
                       or len(audio) > MAX_SECONDS * SR - 2)
        if f["kit"] == "hydrogen-gmrockkit":   # recorded with their whole decay
            assert decayed[-1], f"{f['audio']} was cut before it decayed"
    # the rest stop where the packaged sample stops (TimGM6mb's short loops, Sonic Pi's bd_*)
    print(f"{np.mean(decayed):.0%} of {len(decayed)} hits decayed to the end threshold")
    assert np.mean(decayed) > 0.7
    rendered = [f for f in manifest["files"] if f["kit"].startswith("timgm6mb-")]
    assert rendered and all(f["velocity"] in (60, 120) for f in rendered)


@needs_packages
def test_labels_follow_the_gm_note_and_the_sound(corpus):
    out, manifest = corpus
    files = manifest["files"]
    for f in files:
        if f["gm_note"] is not None:
            assert f["class"] == gm_class(f["gm_note"]), f
    rendered = {f["gm_note"] for f in files if f["kit"] == "timgm6mb-standard"}
    assert {36, 38, 42, 49} <= rendered <= set(NOTES)
    assert next(f for f in files if f["kit"] == "timgm6mb-standard" and f["gm_note"] == 36)[
        "class"] == "kick"
    for kit in ("timgm6mb-standard", "timgm6mb-tr-808", "hydrogen-gmrockkit"):
        def mean_centroid(cls, kit=kit):
            cs = [centroid(sf.read(out / f["audio"], dtype="float32")[0])
                  for f in files if f["kit"] == kit and f["class"] == cls]
            assert cs, f"{kit} has no {cls}"
            return float(np.mean(cs))

        kick, snare, hat = (mean_centroid(c) for c in ("kick", "snare", "closed_hat"))
        print(f"{kit}: centroid kick {kick:.0f} Hz, snare {snare:.0f} Hz, hat {hat:.0f} Hz")
        assert kick * 4 < hat and kick < snare < hat


@needs_packages
def test_every_entry_has_its_package_licence(corpus):
    _, manifest = corpus
    packages = {s.package: s.licence for s in SOURCES.values()}
    listed = manifest["licenses"]
    for f in manifest["files"]:
        assert f["licence"] and listed[f["source"]]["licence"] == f["licence"]
        if f["kit"].startswith("user-"):
            assert f["licence"] == "user-supplied"
        else:
            assert packages[f["source"]] == f["licence"]
            assert f["kit"] in listed[f["source"]]["kits"]
    assert {listed[p]["licence"] for p in ("timgm6mb-soundfont", "sonic-pi-samples",
                                           "hydrogen-data")} == {"GPL-2", "CC0", "GPL-2+"}
    assert sum(v["hits"] for v in listed.values()) == len(manifest["files"])


@needs_packages
def test_whole_kits_are_held_out(corpus):
    _, manifest = corpus
    splits: dict[str, set] = {}
    for f in manifest["files"]:
        splits.setdefault(f["kit"], set()).add(f["split"])
        assert manifest["kits"][f["kit"]]["split"] == f["split"]
    assert all(len(s) == 1 for s in splits.values()), splits
    held = {k for k, s in splits.items() if s == {"heldout"}}
    assert held == {"hydrogen-gmrockkit", "hydrogen-tr808emulationkit"}
    assert manifest["heldout_kinds"] == ["acoustic", "electronic"]
    assert {manifest["kits"][k]["kind"] for k in held} == {"acoustic", "electronic"}
    assert len(splits) - len(held) >= 4


@needs_packages
def test_duplicates_and_silence_are_dropped(corpus):
    out, manifest = corpus
    reasons = {d["origin"].rsplit("/", 1)[-1]: d["reason"] for d in manifest["dropped"]}
    assert reasons["copy.flac"].startswith("exact duplicate of sonicpi-bd/bd_haus")
    assert reasons["quieter.wav"].startswith("near duplicate of sonicpi-bd/bd_haus")
    digests = [f["sha256"] for f in manifest["files"]]
    assert len(set(digests)) == len(digests)
    # TimGM6mb has one layer per drum: its velocity-120 hits are louder copies of the 60 ones
    timgm = [d for d in manifest["dropped"] if d["kit"] == "timgm6mb-standard"]
    assert {d["gm_note"] for d in timgm} == set(NOTES)
    for d in timgm:
        assert d["velocity"] == 120
        assert d["reason"].startswith(f"near duplicate of timgm6mb-standard/{d['gm_note']}-v60")


@needs_packages
def test_a_users_folder_is_read_by_sub_folder(corpus, tmp_path):
    kit = read_labelled_folder(make_user_folder(tmp_path / "Drums 1"))
    assert kit.name == "user-drums-1" and kit.licence == "user-supplied"
    by_file = {f.path.name: f.cls for f in kit.files}
    assert by_file == {"copy.flac": "kick", "quieter.wav": "kick", "tick.flac": "closed_hat",
                       "na.flac": "tabla_hits"}
    out, manifest = corpus
    user = [f for f in manifest["files"] if f["kit"] == "user-my-kit"]
    assert {f["class"] for f in user} == {"closed_hat", "tabla_hits"}
    assert all(f["split"] == "train" and f["gm_note"] is None for f in user)
    assert (out / "audio" / "tabla_hits" / "user-my-kit-tabla_hits-na.flac").is_file()
