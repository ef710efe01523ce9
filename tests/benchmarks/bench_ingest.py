"""Ingestion throughput (issue 4): our reader vs librosa.load, and slicing/batching vs the
training step's appetite.

A 10-minute folder of 44.1 kHz stereo 24-bit WAVs (20 × 30 s synthesised grooves) is decoded
to the model's rate, mono, in the same run by

* ``librosa.load(path, sr=..., mono=True)`` — the reference WaveGAN's reader (librosa 0.11:
  libsndfile + soxr_hq, numpy's mean over channels), file by file;
* ``wavegan.audio_io.read_audio`` on one core (WAV bytes decoded with numpy, column-sum
  down-mix, streaming soxr HQ);
* ``wavegan.dataset.load_corpus`` without a cache — the whole folder ingestion training runs:
  walk, decode on a thread per core, resample, int16, slice, silence levels;
* ``load_corpus`` again with a filled ``cache_dir`` (a re-run or a resumed training run).

Rounds alternate between readers (the machine is shared; the median of 3 rounds is
reported). Then the cached tf.data pipeline's slices/s is compared with the slices/s the real
training step (d=64, 16384 samples, batch 64, 5 critic updates; timed at batch 8 and scaled)
consumes on this machine.

    python -m tests.benchmarks.bench_ingest
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import soundfile as sf

from tests.benchmarks.common import report
from tests.drums import groove

ROUNDS = 3


def make_folder(root: Path, files: int = 20, seconds: float = 30.0) -> float:
    for i in range(files):
        audio, _ = groove(44100, seconds, channels=2, seed=i)
        sf.write(root / f"take{i:02d}.wav", audio, 44100, subtype="PCM_24")
    return files * seconds


def per_file(fn: Callable[[Path], object], files: list[Path]) -> Callable[[], None]:
    return lambda: [fn(f) for f in files]


def rounds(total_seconds: float, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median audio-seconds per wall-second of each run over ROUNDS alternating rounds (after
    one untimed warm-up round)."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for r in range(ROUNDS + 1):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            if r:
                times[name].append(time.perf_counter() - t0)
    return {name: total_seconds / statistics.median(t) for name, t in times.items()}


def compare_readers(root: Path, total: float, rate: int, cache: Path) -> None:
    """Report our readers' throughput to ``rate`` Hz mono against librosa.load's."""
    import librosa

    from wavegan.audio_io import read_audio
    from wavegan.config import ModelConfig
    from wavegan.dataset import load_corpus
    from wavegan.slicing import SliceConfig

    files = sorted(root.glob("*.wav"))
    cfg = ModelConfig(slice_len=16384, sample_rate=rate)
    load_corpus(root, cfg, SliceConfig(), cache_dir=cache)
    speed = rounds(total, {
        "librosa": per_file(lambda f: librosa.load(f, sr=rate, mono=True), files),
        "read_audio": per_file(lambda f: read_audio(f, rate, 1), files),
        "folder": lambda: load_corpus(root, cfg, SliceConfig()),
        "cached": lambda: load_corpus(root, cfg, SliceConfig(), cache_dir=cache),
    })
    ref = speed["librosa"]
    common = dict(baseline=ref, baseline_name="librosa.load", higher_is_better=True)
    report(f"read_audio, one core, to {rate} Hz mono", speed["read_audio"], "x realtime",
           **common)
    report(f"folder ingestion (decode+resample+slice) to {rate} Hz", speed["folder"],
           "x realtime", target=">= 5x librosa", passed=speed["folder"] >= 5 * ref, **common)
    report(f"folder re-read from the decode cache, {rate} Hz", speed["cached"], "x realtime",
           **common)


def main() -> None:
    from trainer.scan import time_train_step
    from wavegan.config import ModelConfig
    from wavegan.dataset import build_dataset
    from wavegan.slicing import SliceConfig

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "drums"
        root.mkdir()
        total = make_folder(root)
        print(f"folder: {total / 60:.0f} min of 44.1 kHz stereo 24-bit WAV in 20 files; "
              f"{os.cpu_count()} cores")
        for rate in (16000, 44100):
            compare_readers(root, total, rate, Path(tmp) / f"cache{rate}")

        cfg = ModelConfig(slice_len=16384, sample_rate=16000, dim=64)
        batch, n_critic = 64, 5
        ds, summary = build_dataset(root, cfg, SliceConfig(overlap=0.5), batch * n_critic,
                                    seed=0, cache_dir=Path(tmp) / "cache")
        it = iter(ds)
        next(it)
        t0 = time.perf_counter()
        n = 30
        for _ in range(n):
            next(it)
        pipeline = n * batch * n_critic / (time.perf_counter() - t0)
        timing = time_train_step(cfg, batch, n_critic, bench_batch=8, steps=1)
        consumed = batch * n_critic / timing.seconds_per_step
        print(f"{summary['slices']} slices; training step {timing.seconds_per_step:.2f} s "
              f"(timed at batch {timing.measured_batch}, scaled)")
        report("slicing+batching (slices/s) vs train step", pipeline, "slices/s",
               baseline=consumed, baseline_name="d=64 train step consumption",
               higher_is_better=True, target=">= 100x", passed=pipeline >= 100 * consumed)


if __name__ == "__main__":
    main()
