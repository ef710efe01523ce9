"""Post-processing of generated phrases: DC removal, short edge fades, peak normalisation.

All functions take and return float32 ``[T, C]`` (or ``[B, T, C]``) arrays and never modify
their input in place.
"""

from __future__ import annotations

import numpy as np


def remove_dc(audio: np.ndarray) -> np.ndarray:
    """Subtract each channel's mean over time (axis -2)."""
    return (audio - audio.mean(axis=-2, keepdims=True)).astype(np.float32)


def edge_fades(audio: np.ndarray, sample_rate: int, ms: float = 2.0,
               threshold: float = 0.05) -> np.ndarray:
    """Fade in/out over ``ms`` where a phrase starts or ends abruptly (|x| above ``threshold``).

    A phrase that starts on a hit keeps its attack: the fade-in is at most a couple of
    milliseconds and only applied when the first sample is not already near zero.
    """
    out = np.array(audio, dtype=np.float32, copy=True)
    n = max(1, int(sample_rate * ms / 1000.0))
    n = min(n, out.shape[-2] // 2)
    ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)[:, None]
    head = np.abs(out[..., :1, :]).max(axis=(-2, -1), keepdims=True) > threshold
    tail = np.abs(out[..., -1:, :]).max(axis=(-2, -1), keepdims=True) > threshold
    out[..., :n, :] = np.where(head, out[..., :n, :] * ramp, out[..., :n, :])
    out[..., -n:, :] = np.where(tail, out[..., -n:, :] * ramp[::-1], out[..., -n:, :])
    return out


def peak_normalize(audio: np.ndarray, peak: float = 0.98) -> np.ndarray:
    """Scale each phrase so its absolute peak is ``peak`` (silent phrases are left alone)."""
    m = np.abs(audio).max(axis=(-2, -1), keepdims=True)
    scale = np.where(m > 1e-9, peak / np.maximum(m, 1e-9), 1.0)
    return (audio * scale).astype(np.float32)


def finish(audio: np.ndarray, sample_rate: int, *, dc: bool = True, fades: bool = True,
           normalize: bool = False) -> np.ndarray:
    """The default chain applied before a phrase is written or played."""
    if dc:
        audio = remove_dc(audio)
    if fades:
        audio = edge_fades(audio, sample_rate)
    if normalize:
        audio = peak_normalize(audio)
    return np.clip(audio, -1.0, 1.0).astype(np.float32)
