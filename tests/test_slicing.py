"""Slicing modes: counts, boundaries, silence, determinism, onset accuracy."""

from __future__ import annotations

import numpy as np
import pytest

from tests.drums import groove
from wavegan.slicing import SliceConfig, cut, detect_onsets, slice_starts

SR = 16000
L = 16384


def ramp(n, channels=1):
    """Non-silent audio whose samples tell their own index."""
    return np.tile(((np.arange(n) % 1000) / 1000.0 + 0.1).astype(np.float32)[:, None],
                   (1, channels))


@pytest.mark.parametrize("n,overlap,pad_end,expected", [
    (L * 4, 0.0, True, [0, L, 2 * L, 3 * L]),
    (L * 4 + 100, 0.0, True, [0, L, 2 * L, 3 * L, 4 * L]),
    (L * 4 + 100, 0.0, False, [0, L, 2 * L, 3 * L]),
    (L * 2, 0.5, False, [0, L // 2, L]),
    (L * 2, 0.75, True, [0, L // 4, L // 2, 3 * L // 4, L, 5 * L // 4, 3 * L // 2, 7 * L // 4]),
    (L // 2, 0.0, False, []),
    (L // 2, 0.0, True, [0]),
])
def test_continuous_mode_follows_cdw(n, overlap, pad_end, expected):
    cfg = SliceConfig(mode="continuous", overlap=overlap, pad_end=pad_end)
    assert slice_starts(ramp(n), L, SR, cfg).tolist() == expected


def test_random_offset_is_deterministic_per_seed_and_within_a_hop():
    audio = ramp(L * 5)
    starts = {seed: slice_starts(audio, L, SR, SliceConfig(random_offset=True, seed=seed))
              for seed in range(6)}
    assert np.array_equal(starts[0], slice_starts(audio, L, SR,
                                                  SliceConfig(random_offset=True, seed=0)))
    offsets = {int(s[0]) for s in starts.values()}
    assert len(offsets) > 1 and all(0 <= o < L for o in offsets)
    assert all(np.all(np.diff(s) == L) for s in starts.values())


def test_oneshot_is_one_padded_slice_per_file():
    audio = ramp(3000, channels=2)
    starts = slice_starts(audio, L, SR, SliceConfig(mode="oneshot"))
    assert starts.tolist() == [0]
    sl = cut(audio, starts, L)
    assert sl.shape == (1, L, 2)
    assert np.array_equal(sl[0, :3000], audio) and not sl[0, 3000:].any()


def test_silent_slices_are_dropped_but_padding_is_not_silence():
    audio = ramp(L * 3)
    audio[L:2 * L] = 1e-5  # -100 dBFS
    starts = slice_starts(audio, L, SR, SliceConfig(silence_db=-60))
    assert starts.tolist() == [0, 2 * L]
    short_hit = ramp(500)  # a short one-shot, padded to L, is kept
    assert slice_starts(short_hit, L, SR, SliceConfig(mode="oneshot")).tolist() == [0]


@pytest.mark.parametrize("rate", [16000, 44100])
def test_onset_slices_start_within_5_ms_of_every_hit(rate):
    audio, hits = groove(rate, 8.0, seed=11)
    starts = slice_starts(audio, L, rate, SliceConfig(mode="onset", silence_db=-80))
    err_ms = np.array([np.abs(starts - h).min() for h in hits]) / rate * 1000
    assert np.percentile(err_ms, 90) <= 5.0, err_ms
    false = [s for s in starts if np.abs(hits - s).min() > 0.005 * rate]
    assert len(false) <= 0.05 * len(hits)
    assert np.all(starts <= hits.max() + 0.005 * rate)


def test_onset_detector_ignores_steady_noise_and_tones():
    rng = np.random.default_rng(0)
    noise = rng.normal(0, 0.05, SR * 3).astype(np.float32)
    tone = 0.5 * np.sin(2 * np.pi * 220 * np.arange(SR * 3) / SR).astype(np.float32)
    assert len(detect_onsets(noise[:, None], SR)) <= 1
    assert len(detect_onsets(tone[:, None], SR)) <= 1


def test_bad_slice_config():
    with pytest.raises(ValueError, match="slice mode"):
        SliceConfig(mode="beats")
    with pytest.raises(ValueError, match="overlap"):
        SliceConfig(overlap=1.0)
    assert SliceConfig.from_dict(SliceConfig(mode="onset").to_dict()).mode == "onset"
