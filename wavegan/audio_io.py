"""Audio file I/O through libsndfile (``soundfile``)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import soundfile as sf

WRITE_FORMATS = {"wav": ("WAV", "PCM_24"), "flac": ("FLAC", "PCM_24"), "wav-float": ("WAV", "FLOAT")}


def write_audio(path: str | os.PathLike, audio: np.ndarray, sample_rate: int,
                fmt: str = "wav") -> Path:
    """Write float32 ``[T, C]`` audio as 24-bit WAV/FLAC (or 32-bit float WAV: ``wav-float``)."""
    if fmt not in WRITE_FORMATS:
        raise ValueError(f"format {fmt!r}: choose one of {sorted(WRITE_FORMATS)}")
    container, subtype = WRITE_FORMATS[fmt]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, np.clip(np.asarray(audio, np.float32), -1.0, 1.0), int(sample_rate),
             subtype=subtype, format=container)
    return path
