"""`wavegan corpus`: real fluidsynth renders of generated grooves; labels checked against the MIDI
and against the audio itself."""

from __future__ import annotations

import json

import mido
import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from trainer.corpus import TAIL_SECONDS, instrument_counts, midi_hits
from wavegan.grooves import INSTRUMENTS, KICK, SNARE

SR = 16000


def make_corpus(out, seed=5):
    wavegan("corpus", "--out", out, "--minutes", 1.5, "--sample-rate", SR, "--file-seconds", 6,
            "--styles", "rock", "funk", "shuffle", "--seed", seed, "--format", "flac")
    return json.loads((out / "manifest.json").read_text())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, make_corpus(out)


def test_files_are_valid_non_silent_and_trimmed(corpus):
    out, manifest = corpus
    files = manifest["files"]
    assert sum(f["seconds"] for f in files) >= 90
    assert {f["style"] for f in files} == {"rock", "funk", "shuffle"}
    for f in files:
        info = sf.info(out / f["audio"])
        assert (info.samplerate, info.channels, info.format) == (SR, 1, "FLAC")
        audio, _ = sf.read(out / f["audio"], dtype="float32")
        assert abs(len(audio) / SR - f["seconds"]) < 1e-3
        assert np.sqrt(np.mean(audio ** 2)) > 0.01, f"{f['audio']} is (nearly) silent"
        assert 0.8 < np.abs(audio).max() <= 1.0           # normalised to -1 dBFS
        loud = np.flatnonzero(np.abs(audio) > 1e-3 * np.abs(audio).max())
        assert (len(audio) - loud[-1]) / SR <= TAIL_SECONDS + 0.01, "trailing silence left"
        last_hit = midi_hits(out / f["midi"])[-1].time
        assert len(audio) / SR > last_hit + 0.05, "the render stops before the last hit"


def test_manifest_labels_are_the_midi(corpus):
    out, manifest = corpus
    assert set(manifest["instruments"]) == set(INSTRUMENTS)
    csv_rows = (out / "manifest.csv").read_text().strip().splitlines()
    assert len(csv_rows) == len(manifest["files"]) + 1
    for f in manifest["files"]:
        mid = mido.MidiFile(out / f["midi"])
        tempo = next(m.tempo for m in mid if m.type == "set_tempo")
        assert abs(mido.tempo2bpm(tempo) - f["bpm"]) < 0.01
        assert all(m.channel == 9 for m in mid if m.type in ("note_on", "note_off"))
        hits = midi_hits(out / f["midi"])
        assert f["instruments"] == instrument_counts(hits)
        assert f["hits"] == len(hits)
        assert f["present"] == [k for k, v in f["instruments"].items() if v]
        assert f"-{f['style']}-" in f["audio"]


def test_styles_play_what_their_label_says(corpus):
    out, manifest = corpus
    for f in manifest["files"]:
        hits = midi_hits(out / f["midi"])
        beat = 60.0 / f["bpm"]
        if f["style"] == "shuffle":   # triplet feel: hats sit on the 12-per-bar grid
            hats = np.array([h.time for h in hits if h.note in INSTRUMENTS["hihat"] | {51}])
            tri = np.abs((hats / (beat / 3) + 0.5) % 1 - 0.5) * beat / 3
            six = np.abs((hats / (beat / 4) + 0.5) % 1 - 0.5) * beat / 4
            assert np.median(tri) < np.median(six)
            assert f["swing"] == pytest.approx(2 / 3, abs=1e-3)
        if f["style"] == "funk":      # ghost notes on the snare
            assert any(h.note == SNARE and h.velocity < 50 for h in hits)
        assert f["instruments"]["kick"] > 0 and f["instruments"]["snare"] > 0


def _envelope(audio, frame):
    n = len(audio) // frame
    return np.sqrt(np.mean(audio[:n * frame].reshape(n, frame) ** 2, axis=1))


def test_audio_has_onsets_where_the_midi_has_hits(corpus):
    """Strong kick/snare hits in the MIDI are sharp energy rises in the audio; the same test at
    times between the grid points mostly fails (so it can fail)."""
    out, manifest = corpus
    frame = SR // 400                                 # 2.5 ms
    on, off = [], []
    for f in manifest["files"]:
        audio, _ = sf.read(out / f["audio"], dtype="float32")
        env = _envelope(audio, frame)
        hits = [h for h in midi_hits(out / f["midi"]) if h.note in (KICK, SNARE)
                and h.velocity >= 80]
        shift = 60.0 / f["bpm"] / 8                   # half a sixteenth / third of a triplet

        def rises(t, env=env):
            i = int(t * 400)
            before, after = env[max(0, i - 12):max(1, i - 2)], env[i:i + 10]
            return len(after) and after.max() > 2.0 * (before.mean() + 1e-4)

        on += [rises(h.time) for h in hits if h.time > 0.05]
        off += [rises(h.time + shift) for h in hits if h.time > 0.05]
    print(f"onsets at hits {np.mean(on):.0%}, between {np.mean(off):.0%}")
    assert len(on) > 50
    assert np.mean(on) > 0.9, f"only {np.mean(on):.0%} of MIDI hits are onsets in the audio"
    assert np.mean(off) < 0.5 * np.mean(on)


def test_heldout_split_per_style(corpus):
    _, manifest = corpus
    checked = 0
    for style in manifest["styles"]:
        files = [f for f in manifest["files"] if f["style"] == style]
        if len(files) >= 3:
            assert any(f["split"] == "heldout" for f in files)
            assert any(f["split"] == "train" for f in files)
            checked += 1
    assert checked >= 1, "no style has 3 files: the fixture corpus is too small to test this"


def test_same_seed_same_corpus_other_seed_differs(corpus, tmp_path):
    out, manifest = corpus
    again = make_corpus(tmp_path / "again")
    assert [f["sha256"] for f in again["files"]] == [f["sha256"] for f in manifest["files"]]
    first = manifest["files"][0]
    assert (tmp_path / "again" / first["midi"]).read_bytes() == (out / first["midi"]).read_bytes()
    other = make_corpus(tmp_path / "other", seed=6)
    assert other["files"][0]["sha256"] != first["sha256"]


def test_bad_soundfont_and_style_are_one_line_errors(tmp_path):
    proc = wavegan("corpus", "--out", tmp_path, "--minutes", 0.1, "--soundfont",
                   tmp_path / "missing.sf2", check=False)
    assert proc.returncode == 1
    assert "missing.sf2 not found" in proc.stderr and "Traceback" not in proc.stderr
    proc = wavegan("corpus", "--out", tmp_path, "--styles", "polka", check=False)
    assert proc.returncode == 2 and "polka" in proc.stderr
