"""Synthesised drum audio for tests: kicks, snares and hats at known sample positions."""

from __future__ import annotations

import numpy as np


def hit(kind: int, sample_rate: int, rng: np.random.Generator, seconds: float = 0.25):
    """One drum hit as float32 ``[n]``: 0 kick (pitch sweep), 1 snare (noise+tone), 2 hat."""
    n = int(sample_rate * seconds)
    t = np.arange(n) / sample_rate
    if kind == 0:
        s = np.sin(2 * np.pi * (50 * t + 100 / 30 * (1 - np.exp(-t * 30)))) * np.exp(-t * 12)
    elif kind == 1:
        s = rng.normal(0, 0.5, n) * np.exp(-t * 25) + 0.3 * np.sin(2 * np.pi * 190 * t) * np.exp(
            -t * 20)
    else:
        s = np.diff(rng.normal(0, 0.5, n + 1)) * np.exp(-t * 60) * 0.5
    return s.astype(np.float32)


def groove(sample_rate: int, seconds: float, channels: int = 1, seed: int = 0,
           spacing: float = 0.125, density: float = 0.6, noise: float = 1e-3):
    """A groove on a 1/8 grid: returns (audio float32 [T, C], hit start samples)."""
    rng = np.random.default_rng(seed)
    total = int(sample_rate * seconds)
    audio = np.zeros(total, np.float32)
    grid = np.arange(int(0.05 * sample_rate), total - int(0.3 * sample_rate),
                     int(spacing * sample_rate))
    hits = np.sort(grid[rng.random(len(grid)) < density])
    for h in hits:
        s = hit(int(rng.integers(3)), sample_rate, rng) * rng.uniform(0.4, 0.9)
        end = min(total, h + len(s))
        audio[h:end] += s[:end - h]
    audio += rng.normal(0, noise, total).astype(np.float32)
    audio /= max(1.0, float(np.abs(audio).max()) / 0.9)
    out = np.repeat(audio[:, None], channels, axis=1)
    if channels > 1:
        out *= np.linspace(0.6, 1.0, channels, dtype=np.float32)[None, :]
    return out, hits
