"""Cutting decoded audio into training slices, in drum-aware ways.

Slices are described by their start sample in a file's audio ``[T, C]``; a slice is
``audio[start : start + slice_len]``, zero-padded past the end. Modes:

* ``continuous`` — CDW's semantics: a hop of ``slice_len * (1 - overlap)``, the first slice at
  0 or at a random offset in [0, hop), and (``pad_end``) a last, zero-padded partial slice.
* ``onset`` — a slice starts at every detected transient (at least ``min_gap_ms`` apart), so
  every phrase starts on a hit.
* ``oneshot`` — one slice per file (one-shot samples: each file is one hit, never cut into
  several slices): it starts at the hit's onset (the first sample above ``ONESHOT_ONSET_DB``
  re the file's peak, less ``pre_roll_ms``), a hit longer than the slice is cut there with a
  ``fade_ms`` fade-out (no click for the model to learn), a shorter one is zero-padded.

Near-silent slices (RMS below ``silence_db`` dBFS) are dropped. All choices are deterministic
for a given seed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

SLICE_MODES = ("continuous", "onset", "oneshot")
ONESHOT_ONSET_DB = -30.0   # as the one-shot corpus trims its hits (trainer.oneshots.ONSET_DB)


@dataclass
class SliceConfig:
    """How files become slices."""

    mode: str = "continuous"
    overlap: float = 0.0          # continuous: fraction of a slice shared with the next
    random_offset: bool = False   # continuous: first slice at a random offset in [0, hop)
    pad_end: bool = True          # continuous: keep a zero-padded last partial slice
    silence_db: float = -60.0     # drop slices whose RMS is below this (dBFS)
    normalize: bool = False       # peak-normalise each file before slicing
    onset_threshold_db: float = 6.0  # onset: energy rise over the preceding 20 ms
    min_gap_ms: float = 60.0      # onset: minimum distance between slice starts
    pre_roll_ms: float = 1.0      # onset, oneshot: start this much before the detected attack
    fade_ms: float = 10.0         # oneshot: fade-out of a hit cut at the slice length
    seed: int = 0

    def __post_init__(self) -> None:
        if self.mode not in SLICE_MODES:
            raise ValueError(f"slice mode {self.mode!r}: choose one of {SLICE_MODES}")
        if not 0.0 <= self.overlap < 1.0:
            raise ValueError("overlap must be in [0, 1)")
        if self.fade_ms < 0 or self.pre_roll_ms < 0:
            raise ValueError("fade_ms and pre_roll_ms must be >= 0")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SliceConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown slice config keys: {', '.join(unknown)}")
        return cls(**data)


def detect_onsets(audio: np.ndarray, sample_rate: int, threshold_db: float = 6.0,
                  min_gap_ms: float = 60.0, floor_db: float = -55.0) -> np.ndarray:
    """Sample indices of transients in ``audio`` ``[T]`` or ``[T, C]``.

    An energy-envelope detector built for drums: 1 ms frames of a pre-emphasised mono mix
    (so hats and snares count as much as kicks); a frame is an onset candidate when its
    energy exceeds the mean of the preceding 20 ms by ``threshold_db`` and the absolute floor;
    peaks closer than ``min_gap_ms`` are merged; each onset is then refined to the first
    sample within ±3 ms that reaches a third of the local peak amplitude.
    """
    x = np.asarray(audio, np.float32)
    if x.ndim == 2:  # mono mix, column by column (numpy's mean over a short axis is slow)
        mono = x[:, 0].copy()
        for c in range(1, x.shape[1]):
            mono += x[:, c]
        x = mono / np.float32(x.shape[1]) if x.shape[1] > 1 else mono
    if len(x) < 4:
        return np.zeros(0, np.int64)
    emph = np.empty_like(x)
    emph[0] = x[0]
    emph[1:] = x[1:] - 0.9 * x[:-1]
    hop = max(32, int(round(sample_rate * 0.001)))  # ≥ 32 samples: stable energy estimates
    n = len(emph) // hop
    frames = emph[: n * hop].reshape(n, hop)
    energy = np.mean(frames * frames, axis=1) + 1e-12
    level = 10.0 * np.log10(energy)
    ms_per_frame = hop * 1000.0 / sample_rate
    past = max(1, int(round(20 / ms_per_frame)))
    csum = np.concatenate([[0.0], np.cumsum(energy)])
    idx = np.arange(n)
    lo = np.maximum(idx - past, 0)
    counts = np.maximum(idx - lo, 1)
    past_mean = (csum[idx] - csum[lo]) / counts
    past_db = 10.0 * np.log10(np.where(idx > 0, past_mean, 1e-12) + 1e-12)
    rise = level - past_db
    floor = max(floor_db, float(np.percentile(level, 10)) + 15.0)  # above the noise floor
    cand = np.flatnonzero((rise > threshold_db) & (level > floor))
    gap = max(1, int(round(min_gap_ms / ms_per_frame)))
    picked: list[int] = []
    for i in cand:
        if picked and i - picked[-1] < gap:
            continue
        picked.append(int(i))
    mag = np.abs(x)
    win = int(round(sample_rate * 0.003))
    out = []
    for i in picked:
        a = max(0, i * hop - win)
        b = min(len(x), i * hop + hop + win)
        seg = mag[a:b]
        peak = float(seg.max()) if len(seg) else 0.0
        first = int(np.argmax(seg >= peak / 3.0)) if peak > 0 else 0
        out.append(a + first)
    return np.asarray(out, np.int64)


def rms_db(x: np.ndarray) -> float:
    """RMS level of an array in dBFS (-inf for digital silence)."""
    flat = np.ascontiguousarray(x, np.result_type(x.dtype, np.float32)).reshape(-1)
    ms = float(np.dot(flat, flat)) / flat.size if flat.size else 0.0
    return -np.inf if ms <= 0 else 10.0 * np.log10(ms)


def candidate_starts(audio: np.ndarray, slice_len: int, sample_rate: int, cfg: SliceConfig,
                     rng: np.random.Generator | None = None,
                     onsets: np.ndarray | None = None) -> np.ndarray:
    """Start samples the slicing mode proposes for one file's audio ``[T, C]`` (``onsets``:
    already detected transients, to avoid detecting them twice)."""
    rng = rng or np.random.default_rng(cfg.seed)
    total = len(audio)
    if total == 0:
        return np.zeros(0, np.int64)
    if cfg.mode == "oneshot":
        return np.array([oneshot_onset(audio, sample_rate, cfg.pre_roll_ms)], np.int64)
    if cfg.mode == "onset":
        if onsets is None:
            onsets = detect_onsets(audio, sample_rate, cfg.onset_threshold_db, cfg.min_gap_ms)
        pre = int(round(sample_rate * cfg.pre_roll_ms / 1000.0))
        return np.maximum(onsets - pre, 0)
    hop = max(1, int(round(slice_len * (1.0 - cfg.overlap))))
    offset = int(rng.integers(0, hop)) if cfg.random_offset else 0
    stop = total if cfg.pad_end else total - slice_len + 1
    return np.arange(offset, max(stop, offset), hop, dtype=np.int64)


def oneshot_onset(audio: np.ndarray, sample_rate: int, pre_roll_ms: float = 1.0) -> int:
    """Where a one-shot ``[T, C]`` starts: its first sample above ``ONESHOT_ONSET_DB`` re its
    peak (any channel), less ``pre_roll_ms`` so the attack is whole (0 for silence)."""
    mag = np.abs(np.asarray(audio, np.float32)).reshape(len(audio), -1).max(axis=1)
    peak = float(mag.max()) if mag.size else 0.0
    if peak <= 0:
        return 0
    first = int(np.argmax(mag > peak * 10 ** (ONESHOT_ONSET_DB / 20)))
    return max(0, first - int(round(sample_rate * pre_roll_ms / 1000.0)))


def oneshot_window(audio: np.ndarray, slice_len: int, sample_rate: int,
                   cfg: SliceConfig) -> np.ndarray:
    """A one-shot ``[T, C]`` as the model learns it: from its onset (:func:`oneshot_onset`), at
    most ``slice_len`` samples; when that cuts the hit, its last ``cfg.fade_ms`` fade out
    (cos²), so the model hears a hit that decays rather than one that stops with a click."""
    start = oneshot_onset(audio, sample_rate, cfg.pre_roll_ms)
    hit = np.array(audio[start:start + slice_len], np.float32)
    if len(audio) - start > slice_len:
        fade = min(len(hit), int(round(sample_rate * cfg.fade_ms / 1000.0)))
        if fade:
            ramp = np.cos(np.linspace(0, np.pi / 2, fade, dtype=np.float32)) ** 2
            hit[len(hit) - fade:] *= ramp[:, None]
    return hit


def slice_levels(audio: np.ndarray, starts: np.ndarray, slice_len: int) -> np.ndarray:
    """RMS dBFS of each slice over its real samples only (zero padding past the end of the
    file does not count, so a short one-shot padded to the slice length is not "silent")."""
    return np.array([rms_db(audio[s:s + slice_len]) for s in starts], np.float64)


def slice_starts(audio: np.ndarray, slice_len: int, sample_rate: int, cfg: SliceConfig,
                 rng: np.random.Generator | None = None) -> np.ndarray:
    """Start samples of the non-silent slices of one file's audio ``[T, C]``."""
    starts = candidate_starts(audio, slice_len, sample_rate, cfg, rng)
    return starts[slice_levels(audio, starts, slice_len) >= cfg.silence_db]


def cut(audio: np.ndarray, starts: np.ndarray, slice_len: int) -> np.ndarray:
    """Gather ``[N, slice_len, C]`` slices from ``audio`` ``[T, C]``, zero-padding the end."""
    channels = audio.shape[1]
    out = np.zeros((len(starts), slice_len, channels), audio.dtype)
    for i, s in enumerate(starts):
        piece = audio[s:s + slice_len]
        out[i, :len(piece)] = piece
    return out


def peak_normalize_file(audio: np.ndarray, peak_db: float = -1.0) -> np.ndarray:
    """Scale a whole file so its peak sits at ``peak_db`` dBFS (silent files unchanged)."""
    peak = float(np.abs(audio).max()) if audio.size else 0.0
    if peak <= 0:
        return audio
    return (audio * (10 ** (peak_db / 20) / peak)).astype(np.float32)


def fit_full_scale(audio: np.ndarray) -> float:
    """Scale ``audio`` in place so no sample exceeds full scale, and return the gain in dB
    (0.0 when it already fits). A float file mastered above 0 dBFS (or a resampler's
    overshoot on a clipped master) would otherwise be hard-clipped when stored as int16,
    squaring off its loudest hits — distortion the model would learn as part of the kit. A
    uniform gain keeps every waveform's shape; only the level changes, by the reported amount.
    """
    if not audio.size:
        return 0.0
    peak = max(float(audio.max()), -float(audio.min()))
    if not peak > 1.0:
        return 0.0
    audio *= np.float32(1.0 / peak)
    return float(-20 * np.log10(peak))
