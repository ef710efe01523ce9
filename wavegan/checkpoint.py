"""Checkpoints: one self-describing directory, written atomically, never pickled.

Layout::

    CKPT/
      model.json          format version, model config, step, dataset summary, file checksums
      generator.npz       generator weights by variable path (float32 or float16)
      discriminator.npz   optional (training)
      <other>.npz         optional arrays the trainer adds (optimizer state, …)

A training run keeps its checkpoints as ``RUN/checkpoints/step_NNNNNN/``; :func:`load_checkpoint`
given ``RUN`` (or ``RUN/checkpoints``) opens the newest complete one.

A checkpoint is written into a hidden temp directory beside its destination and renamed into
place, so a reader (or a ``kill -9``) never sees a half-written one. Loading checks every file's
SHA-256 and every weight's name and shape, and says exactly what is wrong.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wavegan import __version__
from wavegan.config import ConfigError, ModelConfig

FORMAT_VERSION = 1
META_FILE = "model.json"
WEIGHT_DTYPES = ("float32", "float16")
MODEL_STEMS = ("generator", "generator_ema", "discriminator")  # may be stored float16
STEP_DIR = re.compile(r"^step_(\d{6,})$")   # a training run's checkpoints/step_NNNNNN


class CheckpointError(RuntimeError):
    """A checkpoint is missing, incomplete, corrupt or does not fit the model."""


def model_arrays(model) -> dict[str, np.ndarray]:
    """Every variable of a Keras model (trainable or not) keyed by its path."""
    return {w.path: np.asarray(w.numpy()) for w in model.weights}


def assign_arrays(model, arrays: dict[str, np.ndarray], what: str) -> None:
    """Set ``model``'s variables from ``arrays``; every name and shape must match exactly."""
    expected = {w.path: w for w in model.weights}
    missing = sorted(set(expected) - set(arrays))
    extra = sorted(set(arrays) - set(expected))
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {len(missing)} weight(s): {', '.join(missing[:5])}")
        if extra:
            parts.append(f"unexpected {len(extra)} weight(s): {', '.join(extra[:5])}")
        raise CheckpointError(f"{what} does not fit the model config: " + "; ".join(parts))
    for path, var in expected.items():
        value = arrays[path]
        if tuple(value.shape) != tuple(var.shape):
            raise CheckpointError(
                f"{what}: shape mismatch for {path}: checkpoint has {tuple(value.shape)}, "
                f"model config expects {tuple(var.shape)}"
            )
    for path, var in expected.items():
        var.assign(arrays[path].astype(var.dtype, copy=False))


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class Checkpoint:
    """A validated checkpoint directory (metadata only until weights are asked for)."""

    path: Path
    config: ModelConfig
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def step(self) -> int:
        return int(self.meta.get("step", 0))

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return self.meta.get("files", {})

    def has(self, name: str) -> bool:
        return f"{name}.npz" in self.files

    def arrays(self, name: str) -> dict[str, np.ndarray]:
        """Read ``<name>.npz`` after checking its size and SHA-256 against ``model.json``."""
        fname = f"{name}.npz"
        info = self.files.get(fname)
        if info is None:
            raise CheckpointError(f"{self.path}: has no {fname} (listed files: "
                                  f"{', '.join(sorted(self.files)) or 'none'})")
        fpath = self.path / fname
        if not fpath.is_file():
            raise CheckpointError(f"{self.path}: missing weights file {fname}")
        if fpath.stat().st_size != info["bytes"] or sha256_file(fpath) != info["sha256"]:
            raise CheckpointError(f"{fpath}: corrupt file (size or SHA-256 differs from "
                                  f"{META_FILE}); restore it or use an older checkpoint")
        try:
            with np.load(fpath, allow_pickle=False) as npz:
                return {k: npz[k].astype(np.float32) if npz[k].dtype == np.float16 else npz[k]
                        for k in npz.files}
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise CheckpointError(f"{fpath}: corrupt file ({exc})") from exc

    @property
    def playing_name(self) -> str:
        """The weights file stem that plays: the generator's moving average when the run kept
        one (``--ema``), else the generator itself."""
        return "generator_ema" if self.has("generator_ema") else "generator"

    def playing_arrays(self) -> dict[str, np.ndarray]:
        """The generator weights to play (see :attr:`playing_name`)."""
        return self.arrays(self.playing_name)

    def load_generator(self):
        """Build the Keras generator for this config and load its playing weights."""
        from wavegan.models import build_generator

        model = build_generator(self.config)
        assign_arrays(model, self.playing_arrays(), f"{self.path}/{self.playing_name}.npz")
        return model

    def load_discriminator(self):
        from wavegan.models import build_discriminator

        model = build_discriminator(self.config)
        assign_arrays(model, self.arrays("discriminator"), f"{self.path}/discriminator.npz")
        return model

    def summary(self) -> dict[str, Any]:
        cfg = self.config
        size = sum(int(v["bytes"]) for v in self.files.values())
        return {
            "path": str(self.path),
            "format_version": self.meta.get("format_version"),
            "label": self.meta.get("label", ""),
            "step": self.step,
            "sample_rate": cfg.sample_rate,
            "slice_len": cfg.slice_len,
            "phrase_seconds": round(cfg.duration_seconds, 4),
            "channels": cfg.channels,
            "latent_dim": cfg.latent_dim,
            "dim": cfg.dim,
            "weights_dtype": self.meta.get("weights_dtype", "float32"),
            "size_bytes": size,
            "files": sorted(self.files),
            "plays": f"{self.playing_name}.npz",
            "created_by": self.meta.get("created_by", ""),
            "created_at": self.meta.get("created_at", ""),
            "dataset": self.meta.get("dataset", {}),
            "model_config": cfg.to_dict(),
        }


def newest_checkpoint(folder: Path) -> Path | None:
    """``RUN`` or ``RUN/checkpoints`` → its newest complete ``step_NNNNNN`` (None if none).

    Complete means its ``model.json`` is there; checkpoints appear by rename, so a run that is
    training meanwhile never shows a half-written one.
    """
    for where in (folder / "checkpoints", folder):
        if not where.is_dir():
            continue
        steps = [(int(m.group(1)), p) for p in where.iterdir()
                 if (m := STEP_DIR.match(p.name)) and (p / META_FILE).is_file()]
        if steps:
            return max(steps)[1]
    return None


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Open and validate a checkpoint directory's metadata (weights are read lazily).

    ``path`` may also be a training run's directory: its newest checkpoint is opened.
    """
    path = Path(path)
    if not path.exists() and not _recover_replaced(path):
        raise CheckpointError(f"{path}: no such checkpoint directory")
    if not path.is_dir():
        raise CheckpointError(f"{path}: not a checkpoint (expected a directory with {META_FILE})")
    if not (path / META_FILE).is_file():
        path = newest_checkpoint(path) or path
    meta_path = path / META_FILE
    if not meta_path.is_file():
        raise CheckpointError(f"{path}: not a checkpoint (no {META_FILE}; an incomplete write?), "
                              "nor a training run with checkpoints/step_NNNNNN")
    try:
        meta = json.loads(meta_path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CheckpointError(f"{meta_path}: corrupt file (not valid JSON: {exc})") from exc
    if not isinstance(meta, dict) or "format_version" not in meta:
        raise CheckpointError(f"{meta_path}: not a wavegan checkpoint (no format_version)")
    version = meta["format_version"]
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CheckpointError(
            f"{path}: checkpoint format {version} is newer than this wavegan-drums "
            f"{__version__} understands (≤ {FORMAT_VERSION}); upgrade wavegan-drums"
        )
    try:
        config = ModelConfig.from_dict(meta["model_config"])
    except (KeyError, TypeError, ConfigError) as exc:
        raise CheckpointError(f"{meta_path}: invalid model config ({exc})") from exc
    if not isinstance(meta.get("files"), dict) or "generator.npz" not in meta["files"]:
        raise CheckpointError(f"{path}: missing weights (model.json lists no generator.npz)")
    return Checkpoint(path, config, meta)


def save_checkpoint(
    path: str | os.PathLike,
    config: ModelConfig,
    arrays: dict[str, dict[str, np.ndarray]],
    *,
    step: int = 0,
    weights_dtype: str = "float32",
    extra_meta: dict[str, Any] | None = None,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """Write a checkpoint atomically and return its path.

    ``arrays`` maps a file stem (``"generator"``, ``"discriminator"``, …) to ``{name: array}``;
    ``"generator"`` is required. ``weights_dtype="float16"`` halves the size of the model files
    (optimizer state is always kept in float32). If ``path`` already exists it is replaced.
    """
    if "generator" not in arrays:
        raise ValueError("a checkpoint needs generator weights")
    if weights_dtype not in WEIGHT_DTYPES:
        raise ValueError(f"weights_dtype must be one of {WEIGHT_DTYPES}")
    with atomic_directory(path) as tmp:
        files: dict[str, dict[str, Any]] = {}
        for stem, named in arrays.items():
            cast = weights_dtype if stem in MODEL_STEMS else "float32"
            fname = f"{stem}.npz"
            write_npz(tmp / fname, {k: _cast(v, cast) for k, v in named.items()})
            files[fname] = {"bytes": (tmp / fname).stat().st_size,
                            "sha256": sha256_file(tmp / fname)}
        for fname, data in (extra_files or {}).items():
            (tmp / fname).write_bytes(data)
        meta = {
            "format_version": FORMAT_VERSION,
            "model_config": config.to_dict(),
            "sample_rate": config.sample_rate,
            "slice_len": config.slice_len,
            "latent_dim": config.latent_dim,
            "channels": config.channels,
            "step": int(step),
            "weights_dtype": weights_dtype,
            "files": files,
            "created_by": f"wavegan-drums {__version__}",
            "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            **(extra_meta or {}),
        }
        write_json(tmp / META_FILE, meta)  # written last: its presence marks completeness
    return Path(path)


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an uncompressed .npz and fsync it."""
    with open(path, "wb") as f:
        np.savez(f, **arrays)
        f.flush()
        os.fsync(f.fileno())


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON (sorted, indented) and fsync it."""
    with open(path, "w") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a hidden temp directory beside ``path``; on success it is fsynced and renamed to
    ``path`` (replacing an existing one), on any exception it is removed. Readers and a
    ``kill -9`` never see a half-written directory under ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
    try:
        yield tmp
        fsync_dir(tmp)
        replace_dir(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _cast(value: np.ndarray, dtype: str) -> np.ndarray:
    value = np.asarray(value)
    return value.astype(dtype) if value.dtype.kind == "f" else value


def _recover_replaced(path: Path) -> bool:
    """Undo a replacement interrupted between its two renames (the old copy is beside it)."""
    for old in sorted(path.parent.glob(f".{path.name}.old-*")):
        if (old / META_FILE).is_file():
            os.rename(old, path)
            return True
    return False


def replace_dir(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``; an existing ``dst`` is moved aside first and removed after."""
    old = None
    if dst.exists():
        old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(dst, old)
    os.rename(src, dst)
    fsync_dir(dst.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def save_model_checkpoint(path, config: ModelConfig, generator, discriminator=None, **kw) -> Path:
    """Convenience: save Keras models (generator, optional discriminator) as a checkpoint."""
    arrays = {"generator": model_arrays(generator)}
    if discriminator is not None:
        arrays["discriminator"] = model_arrays(discriminator)
    return save_checkpoint(path, config, arrays, **kw)
