"""Ingestion throughput (issue 4): our reader vs librosa.load, and slicing/batching vs the
training step's appetite.

"folder ingestion" is ``wavegan.dataset.load_corpus`` without a cache: it decodes files on
all cores (libsndfile and soxr release the GIL), resamples, detects onsets and slices;
``read_audio, one core`` shows the single-file reader alone. librosa.load (0.11: soundfile +
soxr_hq, then numpy's mean over channels) runs file by file as the reference does.

A 10-minute folder of 44.1 kHz stereo 24-bit WAVs (20 × 30 s synthesised grooves) is decoded
to the model's rate and channel count by ``wavegan.audio_io.read_audio`` and by
``librosa.load(path, sr=..., mono=True)`` (the reference WaveGAN's reader) in the same run.
Then the cached tf.data pipeline's slices/s is compared with the slices/s one real training
step (d=64, 16384 samples, batch 64, 5 critic updates) consumes on this machine.

    python -m tests.benchmarks.bench_ingest
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import soundfile as sf  # noqa: E402

from tests.benchmarks.common import report  # noqa: E402
from tests.drums import groove  # noqa: E402


def make_folder(root: Path, files: int = 20, seconds: float = 30.0) -> float:
    for i in range(files):
        audio, _ = groove(44100, seconds, channels=2, seed=i)
        sf.write(root / f"take{i:02d}.wav", audio, 44100, subtype="PCM_24")
    return files * seconds


def reader_throughput(root: Path, rate: int, fn) -> float:
    files = sorted(root.glob("*.wav"))
    t0 = time.perf_counter()
    seconds = 0.0
    for f in files:
        seconds += len(fn(f, rate)) / rate
    return seconds / (time.perf_counter() - t0)


def main() -> None:
    import librosa

    from trainer.scan import time_train_step
    from wavegan.audio_io import read_audio
    from wavegan.config import ModelConfig
    from wavegan.dataset import build_dataset, load_corpus
    from wavegan.slicing import SliceConfig

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        total = make_folder(root)
        print(f"folder: {total / 60:.0f} min of 44.1 kHz stereo 24-bit WAV in 20 files")
        ours_fn = lambda f, sr: read_audio(f, sr, 1)  # noqa: E731
        ref_fn = lambda f, sr: librosa.load(f, sr=sr, mono=True)[0]  # noqa: E731
        for rate in (16000, 44100):
            reader_throughput(root, rate, ref_fn)  # warm caches / lazy imports for both
            ref = reader_throughput(root, rate, ref_fn)
            one = reader_throughput(root, rate, ours_fn)
            report(f"read_audio, one core, to {rate} Hz mono", one, "x realtime",
                   baseline=ref, baseline_name="librosa.load", higher_is_better=True)
            cfg = ModelConfig(slice_len=16384, sample_rate=rate)
            t0 = time.perf_counter()
            _, summary = load_corpus(root, cfg, SliceConfig())
            ours = summary.total_seconds / (time.perf_counter() - t0)
            report(f"folder ingestion (decode+resample+slice) to {rate} Hz", ours,
                   "x realtime", baseline=ref, baseline_name="librosa.load",
                   higher_is_better=True, target=">= 5x librosa", passed=ours >= 5 * ref)

        cfg = ModelConfig(slice_len=16384, sample_rate=16000, dim=64)
        batch, n_critic = 64, 5
        ds, summary = build_dataset(root, cfg, SliceConfig(overlap=0.5), batch * n_critic,
                                    seed=0, cache_dir=root / "cache")
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
        report("slicing+batching (slices/s) vs train step", pipeline, "x",
               baseline=consumed, baseline_name="d=64 train step consumption",
               higher_is_better=True, target=">= 100x", passed=pipeline >= 100 * consumed)


if __name__ == "__main__":
    main()
