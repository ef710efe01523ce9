"""Audio file I/O through libsndfile (``soundfile``) and libsoxr (``soxr``).

Reading accepts anything libsndfile decodes (WAV/RF64/W64 8–32-bit int and float, FLAC,
OGG/Vorbis, Opus, MP3, AIFF, CAF, AU, …) at any rate and channel count. Files are decoded in
blocks and resampled with a streaming high-quality resampler, so a long file never sits in
memory at its original rate and width. A file that cannot be used raises :class:`SkipFile`
with one short reason; :func:`find_audio_files` walks folders.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

WRITE_FORMATS = {"wav": ("WAV", "PCM_24"), "flac": ("FLAC", "PCM_24"),
                 "wav-float": ("WAV", "FLOAT")}
AUDIO_EXTENSIONS = frozenset({
    ".wav", ".wave", ".bwf", ".rf64", ".w64", ".flac", ".ogg", ".oga", ".opus", ".mp3",
    ".aif", ".aiff", ".aifc", ".caf", ".au", ".snd", ".sd2", ".voc", ".wv", ".xi",
})
BLOCK_FRAMES = 1 << 16
SILENCE_PEAK_DB = -70.0


class SkipFile(Exception):
    """This file cannot be used for training; ``str(exc)`` is the reason shown to the user."""


def find_audio_files(root: str | os.PathLike) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Recursively list audio files under ``root`` (or ``root`` itself if it is a file).

    Returns ``(candidates, skipped)``: candidates have an audio extension and are regular
    files; ``skipped`` holds ``(path, reason)`` for directories named like audio files and
    unreadable entries. Hidden files and folders (``.name``) are ignored; files with other
    extensions (README, .mid, …) are ignored silently. Sorted, so runs are deterministic.
    """
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if root.is_file():
        return [root], []
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                skipped.append((Path(dirpath) / name, "is a directory, not an audio file"))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in AUDIO_EXTENSIONS:
                continue
            found.append(Path(dirpath) / name)
    return found, skipped


def probe(path: str | os.PathLike) -> sf._SoundFileInfo:
    """``soundfile.info`` with the failure turned into a :class:`SkipFile` reason."""
    path = Path(path)
    _check_file(path)
    try:
        info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise SkipFile(f"not audio or unsupported/corrupt header ({_short(exc)})") from None
    if info.frames <= 0:
        raise SkipFile("no audio frames (empty or truncated)")
    return info


def _check_file(path: Path) -> None:
    try:
        st = path.stat()
    except PermissionError:
        raise SkipFile("permission denied") from None
    except OSError as exc:
        raise SkipFile(f"cannot stat ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise SkipFile("is a directory, not an audio file")
    if st.st_size == 0:
        raise SkipFile("empty file (0 bytes)")
    if not os.access(path, os.R_OK):
        raise SkipFile("permission denied")


def _short(exc: BaseException) -> str:
    """libsndfile's message without the "Error opening '<path>': " prefix."""
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    text = text.replace("Error opening ", "")
    if text.startswith("'") and "': " in text:
        text = text.split("': ", 1)[1]
    return text.strip()[:120]


def _mix(block: np.ndarray, channels: int) -> np.ndarray:
    """``[n, Cin]`` → ``[n, channels]``: average to mono; keep stereo; duplicate mono to
    stereo; fold >2 channels into left (even) and right (odd) sums."""
    cin = block.shape[1]
    if channels == 1:
        return block if cin == 1 else _average(block, range(cin))[:, None]
    if cin == 1:
        return np.repeat(block, 2, axis=1)
    if cin == 2:
        return block
    return np.stack([_average(block, range(0, cin, 2)), _average(block, range(1, cin, 2))],
                    axis=1)


def _average(block: np.ndarray, columns) -> np.ndarray:
    """Mean of some columns, summed column by column (numpy's mean over a short axis is
    several times slower)."""
    columns = list(columns)
    out = block[:, columns[0]].copy()
    for c in columns[1:]:
        out += block[:, c]
    out *= 1.0 / len(columns)
    return out


def iter_blocks(path: str | os.PathLike, sample_rate: int, channels: int,
                block_frames: int = BLOCK_FRAMES) -> Iterator[np.ndarray]:
    """Decode ``path`` block by block, mixed to ``channels`` and resampled to ``sample_rate``.

    Yields float32 ``[n, channels]`` blocks. Raises :class:`SkipFile` for unusable input
    (including a file that fails part-way through: truncated or corrupt data).
    """
    path = Path(path)
    info = probe(path)
    resampler = None
    if int(info.samplerate) != int(sample_rate):
        resampler = soxr.ResampleStream(info.samplerate, sample_rate, channels,
                                        dtype="float32", quality="HQ")
    done = 0
    try:
        with sf.SoundFile(str(path)) as f:
            while True:
                block = f.read(block_frames, dtype="float32", always_2d=True)
                last = len(block) < block_frames
                done += len(block)
                mixed = np.ascontiguousarray(_mix(block, channels), dtype=np.float32)
                if resampler is not None:
                    mixed = resampler.resample_chunk(mixed, last=last)
                if len(mixed):
                    yield mixed
                if last:
                    break
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise SkipFile(f"truncated or corrupt audio data after {done} frames "
                       f"({_short(exc)})") from None
    if done == 0:
        raise SkipFile("no audio frames could be decoded (truncated?)")


def read_audio(path: str | os.PathLike, sample_rate: int, channels: int = 1, *,
               skip_silent: bool = True) -> np.ndarray:
    """Decode a whole file to float32 ``[T, channels]`` at ``sample_rate``.

    Only the output (at the model's rate and channel count) is held in memory. Raises
    :class:`SkipFile` with a reason for unusable files, including silent ones when
    ``skip_silent`` (peak below -70 dBFS).
    """
    blocks = list(iter_blocks(path, sample_rate, channels))
    audio = np.concatenate(blocks) if blocks else np.zeros((0, channels), np.float32)
    if len(audio) == 0:
        raise SkipFile("no audio frames after resampling")
    peak = float(np.abs(audio).max())
    if skip_silent and peak < 10 ** (SILENCE_PEAK_DB / 20):
        level = "-inf" if peak == 0 else f"{20 * np.log10(peak):.0f}"
        raise SkipFile(f"silent (peak {level} dBFS)")
    return audio


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
