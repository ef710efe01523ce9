"""Odd input a musician's folder can hold: names that are not UTF-8, broken symlinks, a cache
folder that cannot be written, NaN/Inf samples, float files above 0 dBFS, corrupt sample
rates, unreadable sub-folders. Each is read or skipped with a reason, never a crash."""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.drums import groove
from wavegan.audio_io import SkipFile, find_audio_files, read_audio
from wavegan.config import ModelConfig
from wavegan.dataset import load_corpus
from wavegan.slicing import SliceConfig

CFG = ModelConfig(slice_len=16384, sample_rate=16000, dim=4)
REPO = Path(__file__).resolve().parents[1]


def _take(path: Path | bytes, seed: int = 0, seconds: float = 2.0, rate: int = 16000,
          subtype: str = "PCM_16") -> np.ndarray:
    audio, _ = groove(rate, seconds, seed=seed)
    sf.write(os.fsencode(path), audio, rate, subtype=subtype, format="WAV")
    return audio


def _print_strict(lines: list[str]) -> str:
    """Print through a strict UTF-8 stream, as a terminal or a pipe would."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    for line in lines:
        print(line, file=out)
    out.flush()
    return out.buffer.getvalue().decode("utf-8")


def _run(code: str, *args: str, as_nobody: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", code, *args]
    if as_nobody and os.geteuid() == 0:  # permissions only bind non-root users
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd="/")


# 1. file names that are not valid UTF-8 ----------------------------------------------------

@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs raw byte file names")
def test_a_name_that_is_not_utf8_is_read_cached_and_printable(tmp_path):
    good = os.path.join(os.fsencode(tmp_path), b"caf\xe9.wav")
    audio = _take(good, seed=1)
    bad = os.path.join(os.fsencode(tmp_path), b"junk\xff.wav")
    Path(os.fsdecode(bad)).write_text("not audio at all\n" * 20)

    back = read_audio(Path(os.fsdecode(good)), 16000, 1)
    np.testing.assert_allclose(back, audio, atol=1e-4)

    cache = tmp_path / "cache"
    names: list[str] = []
    corpus, summary = load_corpus(tmp_path, CFG, SliceConfig(), cache_dir=cache,
                                  progress=lambda i, n, name: names.append(name))
    again, _ = load_corpus(tmp_path, CFG, SliceConfig(), cache_dir=cache)
    assert np.array_equal(corpus.audio, again.audio) and len(corpus) == 2
    assert len(list(cache.glob("*.json"))) == 1                  # the good file was cached
    assert [f.path for f in summary.files] == [str(tmp_path / "caf\\xe9.wav")]
    (path, reason), = summary.skipped
    assert path == str(tmp_path / "junk\\xff.wav")
    assert reason.startswith("not audio or unsupported/corrupt header (")
    assert "junk" not in reason                                   # the reason, not the name
    text = _print_strict([f.path for f in summary.files] + [f"{p}: {r}" for p, r in
                                                            summary.skipped] + names
                         + [json.dumps(summary.to_dict(), ensure_ascii=False)])
    assert "caf\\xe9.wav" in text and "junk\\xff.wav" in text


# 2. symlinks that lead nowhere, with and without a cache -------------------------------------

@pytest.mark.parametrize("use_cache", [False, True])
def test_broken_and_looping_symlinks_are_skipped_with_a_reason(tmp_path, use_cache):
    data = tmp_path / "data"
    data.mkdir()
    _take(data / "good.wav")
    (data / "gone.wav").symlink_to(data / "deleted.wav")
    (data / "loop_a.wav").symlink_to(data / "loop_b.wav")
    (data / "loop_b.wav").symlink_to(data / "loop_a.wav")
    (data / "linked.wav").symlink_to(data / "good.wav")          # a working link still reads
    cache = tmp_path / "cache" if use_cache else None
    corpus, summary = load_corpus(data, CFG, SliceConfig(), cache_dir=cache)
    assert sorted(Path(f.path).name for f in summary.files) == ["good.wav", "linked.wav"]
    assert {Path(p).name: r for p, r in summary.skipped} == {
        "gone.wav": "broken symbolic link (its target does not exist)",
        "loop_a.wav": "symbolic link loop", "loop_b.wav": "symbolic link loop"}
    assert len(corpus) == 4


# 2. a cache folder that cannot be written -----------------------------------------------------

def test_a_cache_path_that_is_a_file_means_one_warning_and_no_cache(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    for i in range(3):
        _take(data / f"t{i}.wav", seed=i)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="wavegan.dataset"):
        corpus, summary = load_corpus(data, CFG, SliceConfig(), cache_dir=blocker / "sub")
    assert len(summary.files) == 3 and not summary.skipped and len(corpus) == 6
    warnings = [r for r in caplog.records if r.name == "wavegan.dataset"]
    assert len(warnings) == 1
    assert "cannot be written" in warnings[0].getMessage()
    assert "carrying on without the cache" in warnings[0].getMessage()
    assert blocker.read_text().startswith("a file")


_FULL_CACHE = """
import json, logging, resource, signal, sys
from pathlib import Path
from wavegan.config import ModelConfig
from wavegan.dataset import load_corpus
from wavegan.slicing import SliceConfig

records = []
handler = logging.Handler()
handler.emit = records.append
logging.getLogger("wavegan.dataset").addHandler(handler)
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)        # a write past the limit fails: EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))   # a nearly full disk
cfg = ModelConfig(slice_len=16384, sample_rate=16000, dim=4)
corpus, summary = load_corpus(sys.argv[1], cfg, SliceConfig(), cache_dir=sys.argv[2])
print(json.dumps({"files": len(summary.files), "skipped": summary.skipped,
                  "slices": len(corpus), "warnings": [r.getMessage() for r in records],
                  "cache": sorted(p.name for p in Path(sys.argv[2]).iterdir())}))
"""


def test_a_full_cache_disk_means_one_warning_and_no_half_written_entries(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for i in range(3):
        _take(data / f"t{i}.wav", seed=i)   # 2 s at 16 kHz: 64 KB of int16 to cache, each
    cache = tmp_path / "cache"
    out = _run(_FULL_CACHE, str(data), str(cache))
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["files"] == 3 and result["skipped"] == [] and result["slices"] == 6
    assert len(result["warnings"]) == 1 and "cannot be written" in result["warnings"][0]
    assert result["cache"] == []   # no .tmp files, no entries without their .json


_READ_ONLY_CACHE = """
import json, logging, sys
from wavegan.config import ModelConfig
import wavegan.dataset as dataset
from wavegan.slicing import SliceConfig

records, decoded = [], []
handler = logging.Handler()
handler.emit = records.append
logging.getLogger("wavegan.dataset").addHandler(handler)
real_read = dataset.read_audio
dataset.read_audio = lambda path, *a, **k: decoded.append(path.name) or real_read(path, *a, **k)
cfg = ModelConfig(slice_len=16384, sample_rate=16000, dim=4)
corpus, summary = dataset.load_corpus(sys.argv[1], cfg, SliceConfig(), cache_dir=sys.argv[2])
print(json.dumps({"files": len(summary.files), "decoded": decoded,
                  "warnings": [r.getMessage() for r in records]}))
"""


def test_a_read_only_cache_is_still_read_and_new_files_decode_without_it():
    folder = Path(tempfile.mkdtemp(prefix="wavegan-rocache-"))  # world-traversable
    try:
        folder.chmod(0o755)
        data, cache = folder / "data", folder / "cache"
        data.mkdir()
        _take(data / "old.wav", seed=1)
        load_corpus(data, CFG, SliceConfig(), cache_dir=cache)     # fills the cache
        _take(data / "new.wav", seed=2)
        for p in (data, cache):
            p.chmod(0o555)
        out = _run(_READ_ONLY_CACHE, str(data), str(cache), as_nobody=True)
    finally:
        for p in folder.rglob("*"):
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(folder)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["files"] == 2
    assert result["decoded"] == ["new.wav"]         # old.wav came from the read-only cache
    assert len(result["warnings"]) == 1 and "cannot be written" in result["warnings"][0]


# 3. NaN / Inf samples ------------------------------------------------------------------------

BAD_AT = 550_000   # past the first block of both decoders (WAV bytes: 524288 frames; sf: 65536)


@pytest.mark.parametrize("container,subtype,ext", [("WAV", "FLOAT", "wav"),   # bytes decoder
                                                   ("W64", "DOUBLE", "w64"),  # libsndfile
                                                   ("CAF", "FLOAT", "caf")])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_float_file_with_nan_or_inf_is_skipped_naming_the_frame(tmp_path, container,
                                                                   subtype, ext, bad):
    t = np.arange(600_000)
    audio = np.stack([0.8 * np.sin(t * 0.05), 0.5 * np.sin(t * 0.03)], axis=1)
    audio[BAD_AT, 1] = bad             # one sample, right channel only, in a loud file
    path = tmp_path / f"bounce.{ext}"
    sf.write(path, audio, 44100, subtype=subtype, format=container)
    for channels in (1, 2):            # mixed to mono or kept stereo; resampled 44.1k → 16k
        with pytest.raises(SkipFile) as err:
            read_audio(path, 16000, channels)
        assert str(err.value) == f"contains NaN/Inf samples (first at frame {BAD_AT}, 12.472 s)"
    _, summary = load_corpus(tmp_path, CFG, SliceConfig(normalize=True))
    assert summary.files == []
    assert summary.skipped == [(str(path), f"contains NaN/Inf samples (first at frame "
                                           f"{BAD_AT}, 12.472 s)")]


# 5. float files above 0 dBFS -----------------------------------------------------------------

def test_a_float_file_above_full_scale_is_scaled_down_not_clipped(tmp_path):
    t = np.arange(32768)
    hot = (2.0 * np.sin(2 * np.pi * 100 * t / 16000) * np.exp(-t / 8000)).astype(np.float32)
    sf.write(tmp_path / "hot.wav", hot, 16000, subtype="FLOAT")   # peaks at +6 dBFS
    normal = _take(tmp_path / "normal.wav", seed=3, subtype="FLOAT")
    peak = float(np.abs(hot).max())
    assert peak > 1.9
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    for _ in range(2):                    # decoded, then from the cache: the same report
        corpus, summary = load_corpus(tmp_path, CFG, SliceConfig(), cache_dir=cache)
        gains = {Path(f.path).name: f.gain_db for f in summary.files}
        assert gains["normal.wav"] == 0.0
        assert gains["hot.wav"] == pytest.approx(-20 * np.log10(peak), abs=0.006)
        first = corpus.slices()[0, :, 0]   # hot.wav sorts first: its first two slices
        second = corpus.slices()[1, :, 0]
        got = np.concatenate([first, second])
        np.testing.assert_allclose(got, hot / peak, atol=2 / 32767)   # the shape is kept
        assert np.sum(np.abs(got) > 0.999) <= 10   # clipped at 1.0, it would have ~2000
    norm = corpus.slices()[2:4, :, 0].ravel()[:len(normal)]
    np.testing.assert_allclose(norm, normal[:, 0], atol=1 / 32767)  # an in-range file: as is
    shutil.rmtree(cache)


# 6. corrupt sample rates ---------------------------------------------------------------------

def test_a_header_claiming_a_tiny_sample_rate_is_skipped(tmp_path):
    path = tmp_path / "corrupt.wav"
    _take(path, seconds=2.5, rate=16000)       # 40000 frames, 80 KB
    data = bytearray(path.read_bytes())
    assert data[24:28] == (16000).to_bytes(4, "little")
    data[24:28] = (1).to_bytes(4, "little")    # sample rate: 1 Hz (40000 s of audio)
    data[28:32] = (2).to_bytes(4, "little")    # byte rate to match
    path.write_bytes(bytes(data))
    assert sf.info(path).samplerate == 1       # libsndfile believes it
    # in a child process: decoding it (the old behaviour) upsamples 48000x and can crash
    code = ("import sys; from wavegan.audio_io import read_audio, SkipFile\n"
            "try:\n    read_audio(sys.argv[1], 48000, 1)\nexcept SkipFile as e:\n    print(e)\n")
    out = _run(code, str(path))
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "sample rate 1 Hz is below 1000 Hz (corrupt header?)"
    low = tmp_path / "low.wav"
    _take(low, seconds=1.0, rate=1000)         # the floor itself is still read
    assert len(read_audio(low, 16000, 1)) == pytest.approx(16000, abs=2)


# 4. sub-folders that cannot be listed --------------------------------------------------------

_WALK = """
import json, sys
from wavegan.audio_io import find_audio_files
found, skipped = find_audio_files(sys.argv[1])
print(json.dumps({"found": [str(p) for p in found], "skipped": [[str(p), r] for p, r in skipped]}))
"""


def test_an_unreadable_sub_folder_is_listed_as_skipped():
    """Run as 'nobody' when we are root (root reads any folder): a real EACCES from the walk."""
    folder = Path(tempfile.mkdtemp(prefix="wavegan-walk-"))
    try:
        folder.chmod(0o755)
        _take(folder / "ok.wav")
        locked = folder / "locked"
        locked.mkdir()
        _take(locked / "hidden.wav")
        locked.chmod(0)
        out = _run(_WALK, str(folder), as_nobody=True)
    finally:
        (folder / "locked").chmod(0o755)
        shutil.rmtree(folder)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["found"] == [str(folder / "ok.wav")]
    assert result["skipped"] == [[str(folder / "locked"),
                                  "folder cannot be read (permission denied)"]]
    assert find_audio_files(REPO / "wavegan")[1] == []   # readable folders: nothing reported
