"""The training input pipeline: skip reasons, caching, batches, determinism."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from tests.drums import groove
from wavegan.config import ModelConfig
from wavegan.dataset import build_dataset, load_corpus
from wavegan.errors import UserError
from wavegan.slicing import SliceConfig

CFG = ModelConfig(slice_len=16384, sample_rate=16000, dim=4)


@pytest.fixture
def folder(tmp_path):
    for i, (rate, ch, subtype) in enumerate([(44100, 2, "PCM_24"), (22050, 1, "PCM_16"),
                                             (48000, 2, "FLOAT")]):
        audio, _ = groove(rate, 3.0, channels=ch, seed=i)
        sf.write(tmp_path / f"take{i}.wav", audio, rate, subtype=subtype)
    (tmp_path / "notes.wav").write_text("not audio")
    (tmp_path / "empty.flac").write_bytes(b"")
    return tmp_path


def test_corpus_counts_and_reasons(folder):
    corpus, summary = load_corpus(folder, CFG, SliceConfig())
    assert len(summary.files) == 3 and summary.total_seconds == pytest.approx(9.0, abs=0.01)
    reasons = {p.split("/")[-1]: r for p, r in summary.skipped}
    assert reasons.keys() == {"notes.wav", "empty.flac"}
    assert reasons["notes.wav"].startswith("not audio or unsupported/corrupt header")
    assert reasons["empty.flac"] == "empty file (0 bytes)"
    assert summary.slices == len(corpus) == 3 * 3  # ceil(48000 / 16384) per file, padded
    x = corpus.slices()
    assert x.shape == (9, 16384, 1) and x.dtype == np.float32 and np.abs(x).max() <= 1.0
    # slices are windows of the decoded audio: the second slice continues the first
    assert np.std(x[1]) > 0.01


def test_cache_skips_decoding_and_is_invalidated_by_changes(folder, tmp_path_factory,
                                                             monkeypatch):
    import wavegan.dataset as dataset

    decoded: list[str] = []
    real_read = dataset.read_audio
    monkeypatch.setattr(dataset, "read_audio",
                        lambda path, *a, **k: decoded.append(path.name) or real_read(path, *a, **k))
    cache = tmp_path_factory.mktemp("cache")
    a, _ = load_corpus(folder, CFG, SliceConfig(), cache_dir=cache)
    entries = sorted(cache.iterdir())
    assert len(entries) == 3 * 4 and len(decoded) == 5   # 3 takes + the 2 unreadable files
    decoded.clear()
    b, _ = load_corpus(folder, CFG, SliceConfig(), cache_dir=cache)
    assert np.array_equal(a.audio, b.audio) and np.array_equal(a.starts, b.starts)
    assert sorted(decoded) == ["empty.flac", "notes.wav"]   # the takes came from the cache
    damaged = next(p for p in entries if p.suffix == ".npy")
    damaged.write_bytes(b"garbage")                      # a damaged entry is rebuilt, not fatal
    decoded.clear()
    c, _ = load_corpus(folder, CFG, SliceConfig(), cache_dir=cache)
    assert np.array_equal(a.audio, c.audio) and len(decoded) == 3
    assert damaged.read_bytes() != b"garbage"
    audio, _ = groove(16000, 5.0, seed=9)
    sf.write(folder / "take0.wav", audio, 16000)  # changed file → new key
    decoded.clear()
    d, _ = load_corpus(folder, CFG, SliceConfig(), cache_dir=cache)
    assert len(list(cache.iterdir())) == 4 * 4 and len(d) != len(a)
    assert sorted(decoded) == ["empty.flac", "notes.wav", "take0.wav"]


def test_tf_dataset_batches_are_shuffled_and_deterministic(folder):
    ds, summary = build_dataset(folder, CFG, SliceConfig(overlap=0.5), batch_size=4, seed=3)
    assert summary["files_read"] == 3 and summary["slices"] > 8
    assert {s["path"].split("/")[-1] for s in summary["skipped"]} == {"notes.wav",
                                                                      "empty.flac"}
    first = [b.numpy() for b in ds.take(6)]
    assert all(b.shape == (4, 16384, 1) for b in first)
    again = [b.numpy() for b in build_dataset(folder, CFG, SliceConfig(overlap=0.5), 4, 3)[0]
             .take(6)]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    other = [b.numpy() for b in build_dataset(folder, CFG, SliceConfig(overlap=0.5), 4, 4)[0]
             .take(6)]
    assert not all(np.array_equal(a, b) for a, b in zip(first, other))


def test_stereo_model_and_normalisation(folder):
    cfg = ModelConfig(slice_len=16384, sample_rate=22050, channels=2, dim=4)
    corpus, summary = load_corpus(folder, cfg, SliceConfig(normalize=True))
    x = corpus.slices()
    assert x.shape[2] == 2
    bounds = np.cumsum([0] + [f.slices for f in summary.files])
    per_file_peak = [np.abs(x[a:b]).max() for a, b in zip(bounds[:-1], bounds[1:])]
    assert all(p == pytest.approx(10 ** (-1 / 20), abs=2e-3) for p in per_file_peak)


def test_a_folder_with_nothing_usable_is_a_clear_error(tmp_path):
    (tmp_path / "a.wav").write_text("nope")
    with pytest.raises(UserError, match=r"no usable slices .* 0 file\(s\) read, 1 skipped"):
        build_dataset(tmp_path, CFG, SliceConfig(), 4, 0)


def test_the_cache_is_read_from_several_threads_at_once(folder, tmp_path_factory):
    """The decode pool reads cache entries in parallel. np.load parses their headers with
    ``ast``, whose constructor CPython 3.11 shares between threads: a collection that runs a
    finalizer mid-parse lets another thread in, and the parse fails with SystemError
    (python/cpython gh-106905). Here every read sits among such collections."""
    import gc
    import sys
    import threading

    from wavegan.dataset import _Cache

    root = tmp_path_factory.mktemp("cache")
    load_corpus(folder, CFG, SliceConfig(), cache_dir=root)
    keys = sorted(p.stem for p in root.glob("*.json"))
    cache = _Cache(root)
    assert len(keys) == 3

    class Finalized:          # its finalizer runs Python code inside a collection
        def __del__(self):
            sum(range(50))

    failures: list[BaseException] = []
    misses: list[str] = []

    def read(offset: int) -> None:
        for i in range(400):
            junk: list = [Finalized() for _ in range(3)]
            junk.append(junk)                 # a cycle: only the collector frees it
            del junk
            key = keys[(i + offset) % len(keys)]
            try:
                if cache.load(key, count_onsets=False) is None:
                    misses.append(key)
            except SystemError as exc:
                failures.append(exc)
                return

    switch, threshold = sys.getswitchinterval(), gc.get_threshold()
    sys.setswitchinterval(1e-6)
    gc.set_threshold(5)
    try:
        threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
        gc.set_threshold(*threshold)
    assert not failures, failures[:1]
    assert not misses
