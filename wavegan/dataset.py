"""The training input pipeline: folder → decoded audio (once, cached) → slices → tf.data.

Every usable file is decoded once at the model's rate and channel count and kept as int16 in
one array (each file followed by ``slice_len`` zeros, so any slice is one contiguous window);
slices are start offsets into it. Decoded files are cached on disk (``.npy``, keyed by path,
size, mtime and the slicing settings), so a re-run or a resumed run skips decoding; a cache
folder that cannot be written (read-only, full) costs one warning, never the run. The
``tf.data`` pipeline shuffles start offsets and gathers windows in a parallel map::

    ds, summary = build_dataset("my_drums/", model_config, SliceConfig(mode="onset"),
                                batch_size=64 * 5, seed=0, cache_dir="run/cache")
    # ds yields float32 [batch_size, slice_len, channels]
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wavegan.audio_io import SkipFile, display_path, find_audio_files, read_audio
from wavegan.config import ModelConfig
from wavegan.errors import UserError
from wavegan.slicing import (
    SliceConfig,
    candidate_starts,
    detect_onsets,
    fit_full_scale,
    oneshot_window,
    peak_normalize_file,
    slice_levels,
)

CACHE_VERSION = 2   # 2: NaN/Inf files skipped, files above 0 dBFS scaled, not clipped
INT16_SCALE = 32767.0
log = logging.getLogger("wavegan.dataset")


@dataclass
class FileReport:
    path: str
    seconds: float
    slices: int
    onsets: int
    gain_db: float = 0.0   # < 0: the file peaked above 0 dBFS and was scaled down to fit


@dataclass
class DatasetSummary:
    """What a folder gave: files read and skipped (with reasons), duration, slices."""

    sample_rate: int
    slice_len: int
    channels: int
    slice_config: dict[str, Any]
    files: list[FileReport] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    slice_db: list[float] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return float(sum(f.seconds for f in self.files))

    @property
    def slices(self) -> int:
        return int(sum(f.slices for f in self.files))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sample_rate": self.sample_rate, "slice_len": self.slice_len,
            "channels": self.channels, "slice_config": self.slice_config,
            "files_read": len(self.files), "files_skipped": len(self.skipped),
            "total_seconds": round(self.total_seconds, 3), "slices": self.slices,
            "files": [dataclasses.asdict(f) for f in self.files],
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
        }

    def brief(self) -> dict[str, Any]:
        """The part stored in checkpoints (no per-file lists)."""
        d = self.to_dict()
        return {k: v for k, v in d.items() if k not in ("files", "skipped")}


@dataclass
class SliceCorpus:
    """All decoded audio as int16 ``[S, C]`` plus slice start offsets ``[N]`` into it."""

    audio: np.ndarray
    starts: np.ndarray
    slice_len: int
    labels: np.ndarray | None = None   # [N] style index of each slice (conditional models)

    def __len__(self) -> int:
        return len(self.starts)

    def gather(self, starts: np.ndarray) -> np.ndarray:
        """float32 ``[len(starts), slice_len, C]`` windows (int16 scaled to [-1, 1])."""
        out = np.empty((len(starts), self.slice_len, self.audio.shape[1]), np.float32)
        for i, s in enumerate(np.asarray(starts, np.int64)):
            np.multiply(self.audio[s:s + self.slice_len], 1.0 / INT16_SCALE, out=out[i],
                        casting="unsafe")
        return out

    def slices(self, indices=None) -> np.ndarray:
        idx = np.arange(len(self.starts)) if indices is None else np.asarray(indices)
        return self.gather(self.starts[idx])


def to_int16(audio: np.ndarray) -> np.ndarray:
    """float32 ``[T, C]`` → int16 ``[T, C]``, clipped to [-1, 1] and rounded to nearest
    (overwrites ``audio``)."""
    np.clip(audio, -1.0, 1.0, out=audio)
    audio *= INT16_SCALE
    return np.rint(audio, out=audio).astype(np.int16)


def _cache_key(path: Path, cfg: ModelConfig, scfg: SliceConfig) -> str | None:
    """The cache key of ``path``, or ``None`` when it cannot be stat'ed (missing, broken or
    looping symlink, …: :func:`read_audio` then skips it with the reason). Names that are
    not valid UTF-8 are fine: ``json.dumps`` escapes their surrogates."""
    try:
        st = path.stat()
        real = os.path.realpath(path)
    except (OSError, RuntimeError, ValueError):
        return None
    ident = {"v": CACHE_VERSION, "path": real, "size": st.st_size,
             "mtime": st.st_mtime_ns, "sr": cfg.sample_rate, "ch": cfg.channels,
             "len": cfg.slice_len, "slicing": scfg.to_dict()}
    return hashlib.sha1(json.dumps(ident, sort_keys=True).encode()).hexdigest()


def _save_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as f:
            np.save(f, array, allow_pickle=False)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


_PARTS = ("audio", "starts", "levels")

# np.load parses each .npy header with ast.literal_eval. CPython 3.11's AST constructor counts
# its recursion per interpreter, not per thread: when a garbage collection between two of its
# steps lets another thread parse too, it raises SystemError "AST constructor recursion depth
# mismatch" (python/cpython gh-106905). The decode pool reads the cache from several threads,
# so its reads take turns; they are page-cache copies, short beside a decode.
_NPY_READ = threading.Lock()


class _Cache:
    """Decoded files in ``root``: ``<key>.{audio,starts,levels}.npy`` plus ``<key>.json``
    (written last, so an entry without it is incomplete). Never stops a run: a damaged
    entry is rebuilt, and once writing fails (read-only or full folder, a file in the way)
    one warning is logged and the run carries on without storing more."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writable = True
        self._lock = threading.Lock()

    def _paths(self, key: str) -> list[Path]:
        return [self.root / f"{key}.{part}.npy" for part in _PARTS] + [self.root / f"{key}.json"]

    def load(self, key: str, count_onsets: bool) -> tuple[Any, ...] | None:
        *files, meta = self._paths(key)
        try:
            if not (meta.is_file() and all(f.is_file() for f in files)):
                return None
            info = json.loads(meta.read_text())
            onsets, gain_db = int(info["onsets"]), float(info.get("gain_db", 0.0))
            if onsets < 0 and count_onsets:
                return None
            with _NPY_READ:
                audio, starts, levels = (np.load(f, allow_pickle=False) for f in files)
            return audio, starts, levels, onsets, gain_db
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None  # a damaged cache entry is rebuilt

    def store(self, key: str, path: Path, arrays: tuple[np.ndarray, ...], onsets: int,
              gain_db: float) -> None:
        if not self.writable:
            return
        *files, meta = self._paths(key)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            for file, arr in zip(files, arrays):
                _save_npy(file, arr)
            meta.write_text(json.dumps({"path": display_path(path), "onsets": onsets,
                                        "gain_db": gain_db}))
        except OSError as exc:
            for file in (meta, *files):   # no half-written entry left behind
                try:
                    file.unlink(missing_ok=True)
                except OSError:
                    pass
            with self._lock:
                if self.writable:
                    self.writable = False
                    log.warning("cache folder %s cannot be written (%s): carrying on without "
                                "the cache (files will be decoded again next run)",
                                display_path(self.root), exc.strerror or exc)


def _decode(path: Path, cfg: ModelConfig, scfg: SliceConfig, cache: _Cache | None,
            count_onsets: bool = False):
    """(int16 audio [T, C], candidate starts, levels dB, onset count, gain dB) for one file.
    Whatever is wrong with the file (missing, broken or looping symlink, …) is a
    :class:`SkipFile` from :func:`read_audio`, with or without a cache."""
    key = _cache_key(path, cfg, scfg) if cache is not None else None
    if cache is not None and key is not None:
        hit = cache.load(key, count_onsets)
        if hit is not None:
            return hit
    audio = read_audio(path, cfg.sample_rate, cfg.channels)
    gain_db = 0.0
    if scfg.normalize:
        audio = peak_normalize_file(audio)
    else:
        gain_db = fit_full_scale(audio)
    # each file gets its own random offset, the same with or without a cache (the name's
    # bytes: a name that is not valid UTF-8 has no str encoding)
    file_id = int(hashlib.sha1(os.fsencode(path.name)).hexdigest()[:8], 16)
    rng = np.random.default_rng([scfg.seed, file_id])
    hits = None  # onsets are detected only when slicing needs them or a report asks (-1 = not)
    if scfg.mode == "onset" or count_onsets:
        hits = detect_onsets(audio, cfg.sample_rate, scfg.onset_threshold_db, scfg.min_gap_ms)
    if scfg.mode == "oneshot":
        # only the one window is kept (a 3 s crash stored whole would be mostly unused)
        audio = oneshot_window(audio, cfg.slice_len, cfg.sample_rate, scfg)
        starts = np.zeros(1 if len(audio) else 0, np.int64)
    else:
        starts = candidate_starts(audio, cfg.slice_len, cfg.sample_rate, scfg, rng, onsets=hits)
    levels = slice_levels(audio, starts, cfg.slice_len)
    onsets = -1 if hits is None else len(hits)
    pcm = to_int16(audio)
    if cache is not None and key is not None:
        cache.store(key, path, (pcm, starts, levels), onsets, gain_db)
    return pcm, starts, levels, onsets, gain_db


def load_corpus(source: str | os.PathLike | Sequence[str | os.PathLike], cfg: ModelConfig,
                scfg: SliceConfig, cache_dir: str | os.PathLike | None = None,
                progress: Callable[[int, int, str], None] | None = None,
                count_onsets: bool = False,
                workers: int | None = None,
                style_of: Callable[[Path], str | None] | None = None,
                ) -> tuple[SliceCorpus, DatasetSummary]:
    """Decode and slice every usable file; unusable ones are skipped with their reason.
    ``count_onsets`` fills each file's hit count (-1 otherwise, unless the slicing finds
    onsets anyway). For a conditional model (``cfg.styles``) ``style_of`` names each file's
    style; a file without one of ``cfg.styles`` is skipped, saying so. Paths in the summary
    and given to ``progress`` are :func:`display_path` strings (always printable)."""
    sources = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[Path] = []
    summary = DatasetSummary(cfg.sample_rate, cfg.slice_len, cfg.channels, scfg.to_dict())
    for src in sources:
        found, skipped = find_audio_files(src)
        files.extend(found)
        summary.skipped.extend((display_path(p), r) for p, r in skipped)
    cache = _Cache(Path(cache_dir)) if cache_dir else None
    if cfg.styles:
        if style_of is None:
            raise ValueError("a conditional model (styles) needs style_of")
        label_of: dict[Path, int] = {}
        for path in files:
            style = style_of(path)
            if style in cfg.styles:
                label_of[path] = cfg.styles.index(style)
            else:
                summary.skipped.append((display_path(path), f"no style label of {cfg.styles}"
                                        + (f" (it has {style!r})" if style else "")))
        files = list(label_of)
    chunks, all_starts, all_labels, offset = [], [], [], 0
    pad = np.zeros((cfg.slice_len, cfg.channels), np.int16)

    def decode(path: Path):
        try:
            return _decode(path, cfg, scfg, cache, count_onsets)
        except SkipFile as exc:
            return exc

    # libsndfile, soxr and numpy release the GIL: files decode in parallel on every core.
    workers = max(1, min(len(files), workers or os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        for i, (path, result) in enumerate(zip(files, pool.map(decode, files))):
            if progress:
                progress(i, len(files), display_path(path))
            if isinstance(result, SkipFile):
                summary.skipped.append((display_path(path), str(result)))
                continue
            pcm, starts, levels, onsets, gain_db = result
            keep = levels >= scfg.silence_db
            summary.files.append(FileReport(display_path(path), len(pcm) / cfg.sample_rate,
                                            int(keep.sum()), onsets, round(gain_db, 2)))
            summary.slice_db.extend(float(v) for v in levels[keep])
            chunks += [pcm, pad]
            all_starts.append(starts[keep] + offset)
            if cfg.styles:
                all_labels.append(np.full(int(keep.sum()), label_of[path]))
            offset += len(pcm) + cfg.slice_len
    if progress:
        progress(len(files), len(files), "")
    audio = np.concatenate(chunks) if chunks else np.zeros((0, cfg.channels), np.int16)
    starts = np.concatenate(all_starts) if all_starts else np.zeros(0, np.int64)
    labels = None
    if cfg.styles:
        labels = np.concatenate(all_labels) if all_labels else np.zeros(0, np.int64)
    return SliceCorpus(audio, starts.astype(np.int64), cfg.slice_len,
                       None if labels is None else labels.astype(np.int32)), summary


def _shuffled(tf, corpus: SliceCorpus, which, seed: int, repeat: bool):
    """The slice starts ``corpus.starts[which]`` (and their style labels), shuffled."""
    starts = corpus.starts[which]
    ds = tf.data.Dataset.from_tensor_slices(
        starts if corpus.labels is None else (starts, corpus.labels[which]))
    if repeat:
        ds = ds.repeat()
    return ds.shuffle(min(len(starts), 1 << 17), seed=seed, reshuffle_each_iteration=True)


def build_dataset(files_or_dir, model_config: ModelConfig, slice_config: SliceConfig,
                  batch_size: int, seed: int, cache_dir=None, repeat: bool = True,
                  progress=None, style_of=None, balance_styles: bool = False):
    """A shuffled, batched, prefetched ``tf.data.Dataset`` of float32
    ``[batch_size, slice_len, channels]`` (with ``model_config.styles``: pairs of that and
    one-hot styles ``[batch_size, S]``, labels by ``style_of`` as in :func:`load_corpus`) and
    a JSON-ready summary dict (the :meth:`DatasetSummary.brief` figures plus the ``skipped``
    files and reasons).

    ``balance_styles`` (conditional, repeating datasets): every style that has slices is drawn
    equally often, in turn, instead of in proportion to its slices.

    Raises :class:`wavegan.errors.UserError` when the folder gives no slice at all.
    """
    import tensorflow as tf

    corpus, summary = load_corpus(files_or_dir, model_config, slice_config, cache_dir,
                                  progress, style_of=style_of)
    if len(corpus) == 0:
        reasons = "; ".join(f"{Path(p).name}: {r}" for p, r in summary.skipped[:5])
        where = (display_path(files_or_dir) if isinstance(files_or_dir, (str, os.PathLike))
                 else ", ".join(map(display_path, files_or_dir)))
        raise UserError(f"no usable slices in {where}: {len(summary.files)} file(s) "
                        f"read, {len(summary.skipped)} skipped" + (f" ({reasons})"
                                                                   if reasons else ""))
    shape = (batch_size, model_config.slice_len, model_config.channels)
    n_styles = len(model_config.styles)
    if n_styles and balance_styles and repeat:
        # the styles in turn, each from its own shuffled stream: every batch (and every
        # critic batch of it) holds each style equally often, ±1 when the style count does not
        # divide it, where a random choice per slice would leave a batch 64 of 16 styles with
        # 4 ± 2 of each
        present = np.unique(corpus.labels)
        ds = tf.data.Dataset.choose_from_datasets(
            [_shuffled(tf, corpus, corpus.labels == k, seed + int(k), repeat) for k in present],
            tf.data.Dataset.range(len(present)).repeat())
    else:
        ds = _shuffled(tf, corpus, slice(None), seed, repeat)
    ds = ds.batch(batch_size, drop_remainder=repeat)

    def gather(starts, labels=None):
        batch = tf.numpy_function(corpus.gather, [starts], tf.float32, stateful=False)
        batch = tf.ensure_shape(batch, (shape[0] if repeat else None,) + shape[1:])
        return batch if labels is None else (batch, tf.one_hot(labels, n_styles))

    ds = ds.map(gather, num_parallel_calls=tf.data.AUTOTUNE)
    brief = summary.brief() | {"skipped": summary.to_dict()["skipped"]}
    return ds.prefetch(tf.data.AUTOTUNE), brief
