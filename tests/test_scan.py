"""`wavegan scan` end to end on a messy folder: never crashes, counts right, estimates cost."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from tests.drums import groove


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    root = tmp_path_factory.mktemp("drums")
    (root / "kit" / "snares").mkdir(parents=True)
    takes = [("kit/a.wav", 44100, 2, "WAV", "PCM_24", 4.0), ("kit/b.flac", 48000, 1, "FLAC",
             "PCM_16", 3.0), ("kit/snares/c.ogg", 22050, 2, "OGG", "VORBIS", 2.0),
             ("d.aiff", 96000, 6, "AIFF", "PCM_24", 1.0)]
    for name, rate, ch, fmt, sub, secs in takes:
        audio, _ = groove(rate, secs, channels=ch, seed=len(name))
        sf.write(root / name, audio, rate, format=fmt, subtype=sub)
    (root / "zero.wav").write_bytes(b"")
    (root / "notes.wav").write_text("text")
    (root / "folder.wav").mkdir()
    sf.write(root / "silence.wav", np.zeros(16000), 16000)
    (root / "README.md").write_text("my drums")
    audio, _ = groove(16000, 2.0, seed=7)
    sf.write(root / "cut.wav", audio, 16000, subtype="PCM_16")
    whole = (root / "cut.wav").read_bytes()
    (root / "cut.wav").write_bytes(whole[:44 + 16000 * 2])  # header says 2 s, 1 s is there
    (root / "header.wav").write_bytes(whole[:44])  # no audio at all
    return root, sum(t[-1] for t in takes) + 1.0


def tree(root):
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_mode,
                                             hashlib.sha256(p.read_bytes()).hexdigest()
                                             if p.is_file() else "dir")
            for p in sorted(root.rglob("*"))}


def scan(*args):
    proc = subprocess.run([sys.executable, "-m", "wavegan.cli", "scan", *map(str, args)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def test_report_counts_everything(messy, tmp_path):
    root, seconds = messy
    before = tree(root)
    out = json.loads(scan(root, "--sample-rate", 16000, "--slice-len", 16384, "--json",
                          "--no-benchmark", "--plot", tmp_path / "p.png").stdout)
    assert tree(root) == before  # nothing in the user's folder is touched
    assert out["files_read"] == 5 and out["files_skipped"] == 5
    reasons = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in out["skipped"]}
    assert reasons["zero.wav"] == "empty file (0 bytes)"
    assert reasons["folder.wav"].startswith("is a directory")
    assert reasons["silence.wav"].startswith("silent")
    assert reasons["notes.wav"].startswith("not audio")
    assert reasons["header.wav"].startswith("no audio frames")
    read = {f["path"].rsplit("/", 1)[-1]: f for f in out["files"]}
    assert read["cut.wav"]["seconds"] == pytest.approx(1.0, abs=1e-3)  # what is there
    assert out["total_seconds"] == pytest.approx(seconds, abs=0.05)
    # ceil(duration * 16000 / 16384) per file, minus silent tails
    assert 11 <= out["slices"] <= 14
    assert out["epochs"] == pytest.approx(200_000 * 64 * 5 / out["slices"], rel=1e-3)
    assert out["local"] is None
    assert {r["instance"] for r in out["sagemaker"]} and all(
        r["hours"] > 0 and r["spot_usd"] < r["on_demand_usd"] for r in out["sagemaker"])
    assert (tmp_path / "p.png").stat().st_size > 10_000


def test_onset_mode_and_the_timed_step(messy):
    root, _ = messy
    out = json.loads(scan(root, "--mode", "onset", "--sample-rate", 16000, "--dim", 4,
                          "--batch-size", 4, "--bench-batch", 2, "--steps", 1000,
                          "--json").stdout)
    assert out["slices"] > 20  # a slice per hit
    local = out["local"]
    assert local["seconds_per_step"] > 0 and local["measured_batch"] == 2
    assert local["hours"] == pytest.approx(local["seconds_per_step"] * 1000 / 3600, abs=0.01)


def test_human_report_and_bad_folder(messy, tmp_path):
    root, _ = messy
    text = scan(root, "--no-benchmark").stdout
    assert "skipped 5 file(s)" in text and "empty file (0 bytes)" in text
    assert "epochs in 200,000 steps" in text
    proc = subprocess.run([sys.executable, "-m", "wavegan.cli", "scan", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "no such file or folder" in proc.stderr
