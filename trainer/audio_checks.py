"""Signal checks of a batch of phrases that need no classifier: spectrum and dynamics.

* **Spectral check** (the seed author's complaint about hissy WaveGAN output): fraction of
  energy above 8 kHz and the high-band spectral slope (dB/octave, least squares over
  4 kHz … min(16 kHz, 0.9·Nyquist)) of the mean power spectrum.
* **Dynamics check** (does it sound like separate hits?): transients per second found by the
  same onset detector the slicer uses, and how far the quiet tenth of each phrase sits below its
  loudest moment. Real drums have several hits per second and decay into near silence between
  them; an under-trained WaveGAN smears them into a steady wash that a classifier hears as
  constant hi-hat.
* **Pulse** (are the hits on a beat?): the highest normalised autocorrelation of the onset
  strength at lags from 120 ms to 750 ms (``wavegan.rhythm``'s front end, which the rhythm
  critic reads), averaged over phrases: ~0.35 for the practice corpus, ~0.2 for hits at random.
"""

from __future__ import annotations

import numpy as np

from wavegan.slicing import detect_onsets

HF_SPLIT_HZ = 8000.0
SLOPE_BAND_HZ = (4000.0, 16000.0)
WELCH_FFT = 2048
FLOOR_FRAME_MS = 4.0
FLOOR_PERCENTILE = 10.0
PULSE_MIN_LAG_S = 0.12   # shortest period counted as a pulse (a 16th note at 125 BPM)


def mean_spectrum(phrases: np.ndarray, n_fft: int = WELCH_FFT) -> np.ndarray:
    """Mean power spectrum ``[n_fft/2+1]`` of mono phrases ``[N, T]`` (Hann frames, 50 % hop)."""
    x = np.asarray(phrases)
    if x.shape[1] < n_fft:
        x = np.pad(x, ((0, 0), (0, n_fft - x.shape[1])))
    window = np.hanning(n_fft)
    total, count = np.zeros(n_fft // 2 + 1), 0
    for i in range(0, len(x), 16):   # 16 phrases at a time: bounded memory at any length
        chunk = np.asarray(x[i:i + 16], np.float64)
        frames = np.lib.stride_tricks.sliding_window_view(chunk, n_fft, axis=1)[:, ::n_fft // 2]
        total += (np.abs(np.fft.rfft(frames * window, axis=-1)) ** 2).sum(axis=(0, 1))
        count += frames.shape[0] * frames.shape[1]
    return total / max(count, 1)


def spectral_check(phrases: np.ndarray, sample_rate: int) -> dict[str, float | None]:
    """``hf_energy``: fraction of power above 8 kHz (None when Nyquist ≤ 8 kHz);
    ``hf_slope_db_oct``: slope of the mean spectrum in the high band (None if the band is empty)."""
    spec = mean_spectrum(phrases)
    freqs = np.fft.rfftfreq(WELCH_FFT, 1.0 / sample_rate)
    total = float(spec.sum())
    hf = (float(spec[freqs > HF_SPLIT_HZ].sum() / total)
          if sample_rate / 2 > HF_SPLIT_HZ and total > 0 else None)
    lo, hi = SLOPE_BAND_HZ[0], min(SLOPE_BAND_HZ[1], 0.9 * sample_rate / 2)
    band = (freqs >= lo) & (freqs <= hi)
    slope = None
    if band.sum() >= 4 and total > 0:
        db = 10 * np.log10(spec[band] + 1e-20)
        slope = float(np.polyfit(np.log2(freqs[band]), db, 1)[0])
    return {"hf_energy": hf, "hf_slope_db_oct": slope}


def quiet_floor_db(phrase: np.ndarray, sample_rate: int) -> float:
    """Level of the quiet tenth of a mono phrase ``[T]`` relative to its loudest 4 ms frame (dB,
    ≤ 0): the 10th percentile of frame energies over the maximum. About −40 dB for drum
    phrases that ring out between hits, near 0 for steady noise; 0 for digital silence."""
    hop = max(1, int(round(sample_rate * FLOOR_FRAME_MS / 1000.0)))
    n = len(phrase) // hop
    if n == 0:
        return 0.0
    x = np.asarray(phrase[: n * hop], np.float64).reshape(n, hop)
    energy = np.mean(x * x, axis=1)
    peak = float(energy.max())
    if peak <= 0.0:
        return 0.0
    quiet = float(np.percentile(energy, FLOOR_PERCENTILE))
    return float(10.0 * np.log10(max(quiet, peak * 1e-12) / peak))


def pulse_strengths(phrases: np.ndarray, sample_rate: int) -> np.ndarray:
    """``[N]``: each mono phrase's highest onset-strength autocorrelation at lags from
    :data:`PULSE_MIN_LAG_S` to ``wavegan.rhythm.MAX_LAG_SECONDS`` (1 = perfectly periodic)."""
    from wavegan.rhythm import OnsetAutocorrelation, max_lag_frames

    x = np.asarray(phrases, np.float32)
    hop, max_lag = max_lag_frames(sample_rate, x.shape[1])
    first = max(1, round(PULSE_MIN_LAG_S * sample_rate / hop))
    if len(x) == 0 or max_lag < first:
        return np.zeros(len(x))
    front = OnsetAutocorrelation(hop, max_lag)
    ac = np.concatenate([front(x[i:i + 64, :, None]).numpy() for i in range(0, len(x), 64)])
    return ac[:, first - 1:].max(axis=1)


def dynamics_check(phrases: np.ndarray, sample_rate: int) -> dict[str, float]:
    """``onsets_per_s``: mean transients per second of mono phrases ``[N, T]``;
    ``floor_db``: mean :func:`quiet_floor_db` (dB below each phrase's loudest moment);
    ``pulse``: mean :func:`pulse_strengths`."""
    x = np.asarray(phrases, np.float32)
    seconds = x.shape[1] / sample_rate
    onsets = [len(detect_onsets(p, sample_rate)) for p in x]
    floors = [quiet_floor_db(p, sample_rate) for p in x]
    return {"onsets_per_s": float(np.mean(onsets) / seconds) if len(x) else 0.0,
            "floor_db": float(np.mean(floors)) if len(x) else 0.0,
            "pulse": float(np.mean(pulse_strengths(x, sample_rate))) if len(x) else 0.0}
