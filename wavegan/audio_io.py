"""Audio file I/O through libsndfile (``soundfile``) and libsoxr (``soxr``).

Reading accepts anything libsndfile decodes (WAV/RF64/W64 8–32-bit int and float, FLAC,
OGG/Vorbis, Opus, MP3, AIFF, CAF, AU, …) at any rate and channel count. Files are decoded in
blocks and resampled with a streaming high-quality resampler, so a long file never sits in
memory at its original rate and width. A file that cannot be used raises :class:`SkipFile`
with one short reason; :func:`find_audio_files` walks folders.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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
MIN_SAMPLE_RATE = 1000  # below this a header is corrupt (1 Hz would upsample 80 KB to hours)


class SkipFile(Exception):
    """This file cannot be used for training; ``str(exc)`` is the reason shown to the user."""


def display_path(path: str | os.PathLike) -> str:
    """``path`` as a string that can always be printed or encoded as UTF-8: a name that is
    not valid UTF-8 (bytes ``caf\\xe9.wav`` on Linux, kept by Python as lone surrogates)
    shows its odd bytes as ``\\xe9`` escapes instead of crashing the printer."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _sf_name(path: Path) -> str | bytes:
    """The name to hand libsndfile: the file system's own bytes (``soundfile`` encodes a str
    strictly, so a name that is not valid UTF-8 would raise); Windows takes the str."""
    return str(path) if sys.platform == "win32" else os.fsencode(path)


def find_audio_files(root: str | os.PathLike) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Recursively list audio files under ``root`` (or ``root`` itself if it is a file).

    Returns ``(candidates, skipped)``: candidates have an audio extension and are regular
    files; ``skipped`` holds ``(path, reason)`` for directories named like audio files and
    unreadable entries (folders that cannot be listed included). Hidden files and folders
    (``.name``) are ignored; files with other extensions (README, .mid, …) are ignored
    silently. Sorted, so runs are deterministic.
    """
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if root.is_file():
        return [root], []
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error_recorder(skipped)):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if Path(name).suffix.lower() in AUDIO_EXTENSIONS:
                skipped.append((Path(dirpath) / name, "is a directory, not an audio file"))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in AUDIO_EXTENSIONS:
                continue
            found.append(Path(dirpath) / name)
    return found, skipped


def walk_error_recorder(skipped: list[tuple[Path, str]]):
    """An ``os.walk`` ``onerror`` that appends ``(folder, reason)`` to ``skipped``."""

    def record(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename is not None else Path("?")
        if isinstance(exc, PermissionError):
            reason = "folder cannot be read (permission denied)"
        else:
            reason = f"folder cannot be read ({exc.strerror or type(exc).__name__})"
        skipped.append((where, reason))

    return record


def probe(path: str | os.PathLike) -> sf._SoundFileInfo:
    """``soundfile.info`` with the failure turned into a :class:`SkipFile` reason."""
    path = Path(path)
    check_file(path)
    try:
        info = sf.info(_sf_name(path))
    except (sf.LibsndfileError, RuntimeError, TypeError, OSError) as exc:
        raise SkipFile(f"not audio or unsupported/corrupt header ({_short(exc)})") from None
    if info.frames <= 0:
        raise SkipFile("no audio frames (empty or truncated)")
    if info.samplerate < MIN_SAMPLE_RATE:
        raise SkipFile(f"sample rate {info.samplerate} Hz is below {MIN_SAMPLE_RATE} Hz "
                       "(corrupt header?)")
    return info


def check_file(path: Path) -> os.stat_result:
    """``path``'s stat (following symlinks), or :class:`SkipFile` saying why it cannot be
    read: missing, broken or looping symlink, directory, empty, permission denied."""
    try:
        st = path.stat()
    except PermissionError:
        raise SkipFile("permission denied") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise SkipFile("broken symbolic link (its target does not exist)") from None
        raise SkipFile("file not found (removed while reading?)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SkipFile("symbolic link loop") from None
        raise SkipFile(f"cannot stat ({exc.strerror or type(exc).__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise SkipFile("is a directory, not an audio file")
    if st.st_size == 0:
        raise SkipFile("empty file (0 bytes)")
    if not os.access(path, os.R_OK):
        raise SkipFile("permission denied")
    return st


def _short(exc: BaseException) -> str:
    """libsndfile's message without the "Error opening '<path>': " prefix."""
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    text = text.replace("Error opening ", "")
    for quote in ("'", "b'", '"', 'b"'):  # the name, as a str or (undecodable) bytes repr
        if text.startswith(quote) and f"{quote[-1]}: " in text:
            text = text.split(f"{quote[-1]}: ", 1)[1]
            break
    return text.strip()[:120]


def _groups(cin: int, channels: int) -> list[list[int]]:
    """Which input columns are averaged into each output channel: all of them for mono;
    stereo kept; mono duplicated to stereo; >2 channels folded into left (even columns) and
    right (odd columns)."""
    if channels == 1:
        return [list(range(cin))]
    if cin == 1:
        return [[0], [0]]
    if cin == 2:
        return [[0], [1]]
    return [list(range(0, cin, 2)), list(range(1, cin, 2))]


def _mix_columns(columns: list[np.ndarray], groups: list[list[int]], scale: float = 1.0,
                 offset: float = 0.0) -> np.ndarray:
    """float32 ``[n, len(groups)]``: each output channel is the mean of its group of input
    columns (any numeric dtype, any stride), times ``scale``, minus ``offset``. Summed column
    by column: numpy's mean over a short axis is several times slower."""
    out = np.empty((len(columns[0]), len(groups)), np.float32)
    for j, group in enumerate(groups):
        dst = out[:, j]
        np.copyto(dst, columns[group[0]], casting="unsafe")
        for c in group[1:]:
            dst += columns[c].astype(np.float32, copy=False)
        dst *= np.float32(scale / len(group))
        if offset:
            dst -= np.float32(offset)
    return out


def _mix(block: np.ndarray, channels: int) -> np.ndarray:
    """Float ``[n, Cin]`` → float32 ``[n, channels]`` (see :func:`_groups`)."""
    groups = _groups(block.shape[1], channels)
    if groups == [[c] for c in range(block.shape[1])] and block.dtype == np.float32:
        return block
    return _mix_columns([block[:, c] for c in range(block.shape[1])], groups)


@dataclass(frozen=True)
class WavLayout:
    """Where a plain RIFF/WAVE file keeps its samples (interleaved, little-endian)."""

    offset: int    # byte offset of the first frame
    frames: int
    channels: int
    width: int     # bytes per sample
    is_float: bool

    @property
    def align(self) -> int:
        return self.channels * self.width


def wav_layout(path: Path, sample_rate: int, channels: int, frames: int) -> WavLayout | None:
    """The sample layout of an integer-PCM (8/16/24/32-bit) or float (32/64-bit) WAV, or
    ``None`` for anything else (then libsndfile decodes it). The caller passes what
    libsndfile's header parse said; any disagreement also gives ``None``, so both decoders
    always see the same frames."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            fmt = None
            for _ in range(64):  # chunks before "data": fmt, LIST, bext, fact, ...
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if cid == b"fmt ":
                    fmt = f.read(min(size, 40))
                    f.seek(size - len(fmt) + (size & 1), os.SEEK_CUR)
                elif cid == b"data":
                    data_start = f.tell()
                    break
                else:
                    f.seek(size + (size & 1), os.SEEK_CUR)
            else:
                return None
            file_size = os.fstat(f.fileno()).st_size
    except OSError:
        return None
    if fmt is None or len(fmt) < 16:
        return None
    tag, ch, rate, _, align, bits = struct.unpack("<HHIIHH", fmt[:16])
    if tag == 0xFFFE and len(fmt) >= 26:  # WAVE_FORMAT_EXTENSIBLE: the subformat GUID's tag
        tag = struct.unpack("<H", fmt[24:26])[0]
    is_float = tag == 3
    if not ((tag == 1 and bits in (8, 16, 24, 32)) or (is_float and bits in (32, 64))):
        return None
    if ch != channels or rate != sample_rate or align != ch * bits // 8:
        return None
    available = (file_size - data_start) // align
    if available != frames and not (0 < frames < available):
        return None
    return WavLayout(data_start, frames, ch, bits // 8, is_float)


_WAV_DTYPES = {(1, False): ("u1", 1 / 128, 1.0), (2, False): ("<i2", 1 / 32768, 0.0),
               (3, False): ("<i4", 1 / 2**31, 0.0), (4, False): ("<i4", 1 / 2**31, 0.0),
               (4, True): ("<f4", 1.0, 0.0), (8, True): ("<f8", 1.0, 0.0)}


def wav_blocks(path: Path, layout: WavLayout, channels: int,
               block_frames: int) -> Iterator[tuple[np.ndarray, int]]:
    """Decode a WAV described by ``layout`` straight from its bytes: (float32
    ``[n, channels]`` block, input frames) pairs, several times faster than libsndfile's
    conversion. 24-bit samples are read as the top three bytes of an int32 whose low byte
    belongs to the previous sample: an error below one 24-bit step (< 1.2e-7)."""
    dtype, scale, offset = _WAV_DTYPES[(layout.width, layout.is_float)]
    groups = _groups(layout.channels, channels)
    lead = 4  # room for the 24-bit trick's byte before the first sample
    buf = bytearray(lead + block_frames * layout.align)
    view = memoryview(buf)
    left = layout.frames
    with open(path, "rb") as f:
        f.seek(layout.offset)
        while left > 0:
            want = min(left, block_frames) * layout.align
            got = f.readinto(view[lead:lead + want])
            n = got // layout.align
            if n == 0:
                return
            start = lead - 1 if layout.width == 3 else lead
            frames = np.ndarray((n, layout.channels), dtype, buffer=buf, offset=start,
                                strides=(layout.align, layout.width))
            yield _mix_columns([frames[:, c] for c in range(layout.channels)], groups,
                               scale, offset), n
            left -= n
            if got < want:
                return


def _sf_blocks(path: Path, channels: int,
               block_frames: int) -> Iterator[tuple[np.ndarray, int]]:
    """libsndfile's decoder: (float32 ``[n, channels]`` block, input frames) pairs."""
    with sf.SoundFile(_sf_name(path)) as f:
        while True:
            block = f.read(block_frames, dtype="float32", always_2d=True)
            yield _mix(block, channels), len(block)
            if len(block) < block_frames:
                return


def iter_blocks(path: str | os.PathLike, sample_rate: int, channels: int,
                block_frames: int = BLOCK_FRAMES, quality: str = "HQ") -> Iterator[np.ndarray]:
    """Decode ``path`` block by block, mixed to ``channels`` and resampled to ``sample_rate``
    with libsoxr at ``quality`` ("HQ" or "VHQ"; lower ones work too).

    Yields float32 ``[n, channels]`` blocks. Plain PCM/float WAV files are decoded straight
    from their bytes (:func:`wav_layout`); everything else by libsndfile. Raises
    :class:`SkipFile` for unusable input (including a file that fails part-way through:
    truncated or corrupt data, and a float file holding NaN or Inf samples, which would turn
    into silence or full-scale clicks).
    """
    path = Path(path)
    info = probe(path)
    layout = wav_layout(path, info.samplerate, info.channels, info.frames)
    if layout is not None:
        source = wav_blocks(path, layout, channels, max(block_frames, (1 << 21) // layout.align))
    else:
        source = _sf_blocks(path, channels, block_frames)
    resampler = None
    if int(info.samplerate) != int(sample_rate):
        resampler = soxr.ResampleStream(info.samplerate, sample_rate, channels,
                                        dtype="float32", quality=quality)
    done = 0
    try:
        pending = next(source, None)
        while pending is not None:
            block, frames = pending
            _check_finite(block, done, info.samplerate)
            done += frames
            pending = next(source, None)
            if resampler is not None:
                block = resampler.resample_chunk(block, last=pending is None)
            if len(block):
                yield block
    except (sf.LibsndfileError, RuntimeError, OSError) as exc:
        raise SkipFile(f"truncated or corrupt audio data after {done} frames "
                       f"({_short(exc)})") from None
    if done == 0:
        raise SkipFile("no audio frames could be decoded (truncated?)")


def _check_finite(block: np.ndarray, first_frame: int, rate: int) -> None:
    """:class:`SkipFile` if the (mixed, not yet resampled) ``block`` holds a NaN or Inf; a
    mix of channels keeps them non-finite. One float64 sum finds them (it cannot overflow
    from float32 input); only then is the first bad frame looked up."""
    if np.isfinite(np.add.reduce(block, axis=None, dtype=np.float64)):
        return
    bad = first_frame + int(np.flatnonzero(~np.isfinite(block).all(axis=1))[0])
    raise SkipFile(f"contains NaN/Inf samples (first at frame {bad}, "
                   f"{bad / rate:.3f} s)")


def read_audio(path: str | os.PathLike, sample_rate: int, channels: int = 1, *,
               skip_silent: bool = True, quality: str = "HQ") -> np.ndarray:
    """Decode a whole file to float32 ``[T, channels]`` at ``sample_rate``.

    Only the output (at the model's rate and channel count) is held in memory. Raises
    :class:`SkipFile` with a reason for unusable files, including silent ones when
    ``skip_silent`` (peak below -70 dBFS).
    """
    blocks, peak = [], 0.0
    for block in iter_blocks(path, sample_rate, channels, quality=quality):
        peak = max(peak, float(block.max()), -float(block.min()))  # while the block is hot
        blocks.append(block)
    audio = np.concatenate(blocks) if blocks else np.zeros((0, channels), np.float32)
    if len(audio) == 0:
        raise SkipFile("no audio frames after resampling")
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
