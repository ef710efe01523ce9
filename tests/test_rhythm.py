"""The critic's rhythm branch (``--rhythm-critic``): what its front end measures, that it is safe
for the gradient penalty, and that it can tell a steady pulse from the same hits at random."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from wavegan.config import ConfigError, ModelConfig
from wavegan.gan import GanConfig, WaveGAN
from wavegan.rhythm import RMS_EPSILON, OnsetAutocorrelation, hop_length, rhythm_branch

SR, N, HOP = 16000, 16384, 128


def onset_autocorrelation(audio: np.ndarray, hop: int, max_lag: int) -> np.ndarray:
    """numpy reference: the docstring's formula, with a direct (not FFT) autocorrelation."""
    mono = audio.astype(np.float64).mean(axis=-1)
    frames = mono.shape[1] // hop
    rms = np.sqrt((mono[:, :frames * hop].reshape(len(mono), frames, hop) ** 2).mean(-1)
                  + RMS_EPSILON ** 2)
    onset = np.maximum(np.diff(np.log(rms), axis=1), 0)
    onset -= onset.mean(axis=1, keepdims=True)
    ac = np.stack([[np.dot(o[:len(o) - k], o[k:]) for k in range(max_lag + 1)] for o in onset])
    return ac[:, 1:] / (ac[:, :1] + 1e-6)


def clicks(times: list[int], n: int = N) -> np.ndarray:
    """Short decaying noise bursts starting at ``times`` (samples)."""
    rng = np.random.default_rng(len(times))
    x = np.zeros(n, np.float32)
    burst = (rng.uniform(-1, 1, 400) * np.exp(-np.arange(400) / 80)).astype(np.float32)
    for t in times:
        x[t:t + 400] += burst[:n - t]
    return x


def test_the_front_end_is_the_onset_strengths_normalised_autocorrelation():
    rng = np.random.default_rng(0)
    audio = (rng.normal(size=(3, N, 2)) * np.linspace(0.01, 1, N)[None, :, None]).astype(np.float32)
    np.testing.assert_allclose(OnsetAutocorrelation(HOP, 94)(audio).numpy(),
                               onset_autocorrelation(audio, HOP, 94), atol=2e-4)

    steady = clicks(list(range(0, N, 32 * HOP)))         # a hit every 256 ms, on the frame grid
    scattered = clicks(sorted(rng.choice(N - 400, 4, replace=False).tolist()))
    ac = OnsetAutocorrelation(HOP, 94)(np.stack([steady, scattered])[..., None]).numpy()
    assert int(np.argmax(ac[0])) + 1 == 32 and ac[0].max() > 0.6
    assert ac[1, 31] < 0.3 and ac[1].max() < ac[0].max() - 0.2


def test_hop_is_about_8_ms_at_any_rate_and_widths_are_checked():
    assert (hop_length(16000), hop_length(44100), hop_length(48000)) == (128, 256, 512)
    with pytest.raises(ConfigError, match="rhythm_critic"):
        ModelConfig(rhythm_critic=-1)


def test_silence_and_the_gradient_penalty_stay_finite():
    gan = WaveGAN(ModelConfig(dim=2, rhythm_critic=8), GanConfig(n_critic=1))
    gan.compile()
    silent = tf.zeros([2, N, 1])
    assert np.all(np.isfinite(OnsetAutocorrelation(HOP, 94)(silent).numpy()))
    noisy = tf.random.uniform([2, N, 1], -0.5, 0.5, seed=5)
    assert np.isfinite(float(gan.gradient_penalty(silent, noisy)))
    losses = gan.train_step(tf.concat([silent, noisy], axis=0))
    assert all(np.isfinite(float(v)) for v in losses.values())


def test_the_branch_learns_to_tell_a_steady_pulse_from_the_same_hits_scattered():
    """Both classes have eight equal hits per phrase, so only their timing tells them apart."""
    rng = np.random.default_rng(1)

    def batch(n: int) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = [], []
        for i in range(n):
            if i % 2:
                period = int(rng.integers(1500, 2000))
                start = int(rng.integers(0, N - 7 * period - 400))
                times = [start + k * period for k in range(8)]
            else:
                times = sorted(rng.choice(N - 400, 8, replace=False).tolist())
            xs.append(clicks(times))
            ys.append(i % 2)
        return np.stack(xs)[..., None], np.array(ys, np.float32)[:, None]

    audio = keras.Input((N, 1))
    model = keras.Model(audio, rhythm_branch(audio, SR, N, 32))
    model.compile(keras.optimizers.Adam(3e-3),
                  keras.losses.BinaryCrossentropy(from_logits=True))
    x, y = batch(256)
    model.fit(x, y, batch_size=32, epochs=15, verbose=0)
    x_test, y_test = batch(128)
    accuracy = np.mean((model.predict(x_test, verbose=0) > 0) == (y_test > 0.5))
    assert accuracy > 0.9, accuracy
