"""Physical measures of one drum hit (numpy only), used by ``wavegan evaluate --oneshots``.

A hit is mono audio ``[T]`` starting at (or just before) its onset. Two envelopes are used:

* the **fine envelope**: the magnitude of the analytic signal (Hilbert transform by FFT),
  smoothed by a ``FINE_MS`` moving average; it follows a sine's amplitude exactly and a noise
  burst's within a millisecond, so it can time an attack;
* the **smooth envelope**: the RMS over a centred ``SMOOTH_MS`` window at every sample; it does
  not flicker with a noise carrier, so it can time a decay.

Measures (:func:`hit_measures`):

* ``centroid_hz``: spectral centroid, the power-weighted mean frequency of the whole hit's
  spectrum ``sum(f |X(f)|²) / sum(|X(f)|²)`` (a sine at f: f);
* ``attack_ms``: the time the fine envelope takes to rise from ``ATTACK_LOW`` (10 %) to
  ``ATTACK_HIGH`` (90 %) of its peak, each the first crossing (a linear ramp of length L: 0.8 L);
* ``decay_ms``: from the smooth envelope's peak to where it falls — and stays — ``DECAY_DB``
  (30 dB) below that peak (``A e^(-t/τ)``: τ·ln 10^(30/20) = 3.45 τ). None when
  the hit never falls that far before it ends (a sustained sound, a hit cut off, noise);
* ``floor_db``: the noise floor after the decay, the RMS of everything after that point in dB
  re the smooth envelope's peak (None when nothing follows, or the hit did not decay).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

FINE_MS = 1.0          # smoothing of the Hilbert envelope (attack)
SMOOTH_MS = 10.0       # RMS window of the decay envelope
ATTACK_LOW = 0.1       # attack: from 10 % …
ATTACK_HIGH = 0.9      # … to 90 % of the envelope's peak
DECAY_DB = 30.0        # decay: to this many dB below the peak
SILENT = 1e-6          # a hit whose peak is below this has no measures


@dataclass
class HitMeasures:
    """The measures of one hit (None: undefined for this hit, see the module docstring)."""

    centroid_hz: float | None
    attack_ms: float | None
    decay_ms: float | None
    floor_db: float | None

    def to_dict(self) -> dict[str, float | None]:
        return asdict(self)


def moving_average(x: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average of ``x [T]`` over ``width`` samples (zeros beyond the ends)."""
    width = max(1, int(width))
    c = np.concatenate([[0.0], np.cumsum(np.asarray(x, np.float64))])
    start = np.arange(len(x)) - width // 2
    lo, hi = np.clip(start, 0, len(x)), np.clip(start + width, 0, len(x))
    return (c[hi] - c[lo]) / width


def hilbert_envelope(x: np.ndarray) -> np.ndarray:
    """``|x + i H(x)|``: the magnitude of the analytic signal, by FFT (zero-padded to 2T so
    the end does not wrap into the start)."""
    n = 2 * len(x)
    spec = np.fft.fft(np.asarray(x, np.float64), n)
    h = np.zeros(n)
    h[0] = 1.0
    h[1:n // 2] = 2.0
    h[n // 2] = 1.0
    return np.abs(np.fft.ifft(spec * h)[:len(x)])


def fine_envelope(x: np.ndarray, sr: int) -> np.ndarray:
    return moving_average(hilbert_envelope(x), round(FINE_MS * 1e-3 * sr))


def smooth_envelope(x: np.ndarray, sr: int) -> np.ndarray:
    x = np.asarray(x, np.float64)
    return np.sqrt(moving_average(x * x, round(SMOOTH_MS * 1e-3 * sr)))


def spectral_centroid(x: np.ndarray, sr: int) -> float | None:
    """Power-weighted mean frequency of the hit's spectrum, Hz."""
    power = np.abs(np.fft.rfft(np.asarray(x, np.float64))) ** 2
    total = power.sum()
    if total <= 0:
        return None
    return float((power * np.fft.rfftfreq(len(x), 1.0 / sr)).sum() / total)


def attack_time(x: np.ndarray, sr: int) -> float | None:
    """Seconds from the first 10 % to the first 90 % crossing of the fine envelope's peak."""
    env = fine_envelope(x, sr)
    peak = env.max()
    if peak < SILENT:
        return None
    lo = int(np.argmax(env >= ATTACK_LOW * peak))
    hi = int(np.argmax(env >= ATTACK_HIGH * peak))
    return max(0, hi - lo) / sr


def decay_and_floor(x: np.ndarray, sr: int) -> tuple[float | None, float | None]:
    """(seconds from the peak until the smooth envelope stays ``DECAY_DB`` below its peak,
    RMS of what follows in dB re that peak)."""
    x = np.asarray(x, np.float64)
    smooth = smooth_envelope(x, sr)
    top = smooth.max()
    if top < SILENT:
        return None, None
    above = np.flatnonzero(smooth > top * 10 ** (-DECAY_DB / 20))
    end = int(above[-1]) + 1
    if end >= len(x):
        return None, None            # never fell DECAY_DB below its peak before it ended
    peak_at = int(np.argmax(smooth))   # the same envelope at both ends: no smoothing bias
    tail = x[end:]
    floor = float(10 * np.log10(max(np.mean(tail * tail), 1e-20) / top ** 2))
    return max(0, end - peak_at) / sr, floor


def hit_measures(x: np.ndarray, sr: int) -> HitMeasures:
    """All measures of one mono hit ``x [T]`` at ``sr``."""
    x = np.asarray(x, np.float64).reshape(-1)
    if x.size == 0 or np.abs(x).max() < SILENT:
        return HitMeasures(None, None, None, None)
    decay, floor = decay_and_floor(x, sr)
    attack = attack_time(x, sr)
    return HitMeasures(spectral_centroid(x, sr),
                       None if attack is None else attack * 1e3,
                       None if decay is None else decay * 1e3, floor)


def median(values: list[float | None]) -> float | None:
    """Median of the defined values; None when a majority is undefined (a class whose hits
    mostly never decay has no decay time)."""
    ok = [v for v in values if v is not None]
    if not ok or len(ok) * 2 < len(values):
        return None
    return float(np.median(ok))


def class_medians(measures: list[HitMeasures]) -> dict[str, float | None]:
    """Per-measure medians of one class's hits."""
    return {k: median([getattr(m, k) for m in measures])
            for k in ("centroid_hz", "attack_ms", "decay_ms", "floor_db")}
