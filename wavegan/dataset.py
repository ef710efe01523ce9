"""The training input pipeline: folder → decoded audio (once, cached) → slices → tf.data.

Every usable file is decoded once at the model's rate and channel count and kept as int16 in
one array (each file followed by ``slice_len`` zeros, so any slice is one contiguous window);
slices are start offsets into it. Decoded files are cached on disk (``.npy``, keyed by path,
size, mtime and the slicing settings), so a re-run or a resumed run skips decoding. The
``tf.data`` pipeline shuffles start offsets and gathers windows in a parallel map::

    ds, summary = build_dataset("my_drums/", model_config, SliceConfig(mode="onset"),
                                batch_size=64 * 5, seed=0, cache_dir="run/cache")
    # ds yields float32 [batch_size, slice_len, channels]
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wavegan.audio_io import SkipFile, find_audio_files, read_audio
from wavegan.config import ModelConfig
from wavegan.errors import UserError
from wavegan.slicing import (
    SliceConfig,
    candidate_starts,
    detect_onsets,
    peak_normalize_file,
    slice_levels,
)

CACHE_VERSION = 1
INT16_SCALE = 32767.0


@dataclass
class FileReport:
    path: str
    seconds: float
    slices: int
    onsets: int


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


def _cache_key(path: Path, cfg: ModelConfig, scfg: SliceConfig) -> str:
    st = path.stat()
    ident = {"v": CACHE_VERSION, "path": str(path.resolve()), "size": st.st_size,
             "mtime": st.st_mtime_ns, "sr": cfg.sample_rate, "ch": cfg.channels,
             "len": cfg.slice_len, "slicing": scfg.to_dict()}
    return hashlib.sha1(json.dumps(ident, sort_keys=True).encode()).hexdigest()


def _save_npy(path: Path, array: np.ndarray) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        np.save(f, array, allow_pickle=False)
    os.replace(tmp, path)


def _decode(path: Path, cfg: ModelConfig, scfg: SliceConfig, cache_dir: Path | None,
            count_onsets: bool = False):
    """(int16 audio [T, C], candidate starts, levels dB, onset count) for one file."""
    key = _cache_key(path, cfg, scfg) if cache_dir else ""
    if cache_dir:
        files = [cache_dir / f"{key}.{part}.npy" for part in ("audio", "starts", "levels")]
        meta = cache_dir / f"{key}.json"
        if meta.is_file() and all(f.is_file() for f in files):
            try:
                audio, starts, levels = (np.load(f, allow_pickle=False) for f in files)
                onsets = json.loads(meta.read_text())["onsets"]
                if onsets >= 0 or not count_onsets:
                    return audio, starts, levels, int(onsets)
            except (OSError, ValueError, KeyError):
                pass  # a damaged cache entry is rebuilt below
    audio = read_audio(path, cfg.sample_rate, cfg.channels)
    if scfg.normalize:
        audio = peak_normalize_file(audio)
    # each file gets its own random offset, the same with or without a cache
    file_id = int(hashlib.sha1(path.name.encode()).hexdigest()[:8], 16)
    rng = np.random.default_rng([scfg.seed, file_id])
    hits = None  # onsets are detected only when slicing needs them or a report asks (-1 = not)
    if scfg.mode == "onset" or count_onsets:
        hits = detect_onsets(audio, cfg.sample_rate, scfg.onset_threshold_db, scfg.min_gap_ms)
    starts = candidate_starts(audio, cfg.slice_len, cfg.sample_rate, scfg, rng, onsets=hits)
    levels = slice_levels(audio, starts, cfg.slice_len)
    onsets = -1 if hits is None else len(hits)
    pcm = to_int16(audio)
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for part, arr in (("audio", pcm), ("starts", starts), ("levels", levels)):
            _save_npy(cache_dir / f"{key}.{part}.npy", arr)
        (cache_dir / f"{key}.json").write_text(json.dumps({"path": str(path),
                                                          "onsets": onsets}))
    return pcm, starts, levels, onsets


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
    style; a file without one of ``cfg.styles`` is skipped, saying so."""
    sources = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    files: list[Path] = []
    summary = DatasetSummary(cfg.sample_rate, cfg.slice_len, cfg.channels, scfg.to_dict())
    for src in sources:
        found, skipped = find_audio_files(src)
        files.extend(found)
        summary.skipped.extend((str(p), r) for p, r in skipped)
    cache = Path(cache_dir) if cache_dir else None
    if cfg.styles:
        if style_of is None:
            raise ValueError("a conditional model (styles) needs style_of")
        label_of: dict[Path, int] = {}
        for path in files:
            style = style_of(path)
            if style in cfg.styles:
                label_of[path] = cfg.styles.index(style)
            else:
                summary.skipped.append((str(path), f"no style label of {cfg.styles}"
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
                progress(i, len(files), str(path))
            if isinstance(result, SkipFile):
                summary.skipped.append((str(path), str(result)))
                continue
            pcm, starts, levels, onsets = result
            keep = levels >= scfg.silence_db
            summary.files.append(FileReport(str(path), len(pcm) / cfg.sample_rate,
                                            int(keep.sum()), onsets))
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
    equally often, instead of in proportion to its slices.

    Raises :class:`wavegan.errors.UserError` when the folder gives no slice at all.
    """
    import tensorflow as tf

    corpus, summary = load_corpus(files_or_dir, model_config, slice_config, cache_dir,
                                  progress, style_of=style_of)
    if len(corpus) == 0:
        reasons = "; ".join(f"{Path(p).name}: {r}" for p, r in summary.skipped[:5])
        raise UserError(f"no usable slices in {files_or_dir}: {len(summary.files)} file(s) "
                        f"read, {len(summary.skipped)} skipped" + (f" ({reasons})"
                                                                   if reasons else ""))
    shape = (batch_size, model_config.slice_len, model_config.channels)
    n_styles = len(model_config.styles)
    if n_styles and balance_styles and repeat:
        ds = tf.data.Dataset.sample_from_datasets(
            [_shuffled(tf, corpus, corpus.labels == k, seed + k, repeat)
             for k in np.unique(corpus.labels)], seed=seed)
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
