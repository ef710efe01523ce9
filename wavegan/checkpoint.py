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

import datetime as _dt
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wavegan import __version__
from wavegan.atomic_files import atomic_directory, sha256_file, write_json, write_npz
from wavegan.config import BASE_LEN, ConfigError, ModelConfig

FORMAT_VERSION = 1
META_FILE = "model.json"
WEIGHT_DTYPES = ("float32", "float16")
MODEL_STEMS = ("generator", "generator_ema", "discriminator")  # may be stored float16
STEP_DIR = re.compile(r"^step_(\d{6,})$")   # a training run's checkpoints/step_NNNNNN
BN_VARIABLES = ("gamma", "beta", "moving_mean", "moving_variance")


class CheckpointError(RuntimeError):
    """A checkpoint is missing, incomplete, corrupt or does not fit the model."""


def model_arrays(model) -> dict[str, np.ndarray]:
    """Every variable of a Keras model (trainable or not) keyed by its path."""
    return {w.path: np.asarray(w.numpy()) for w in model.weights}


def check_arrays(expected: dict[str, tuple[int, ...]], arrays: dict[str, np.ndarray],
                 what: str) -> None:
    """Raise :class:`CheckpointError` unless ``arrays`` has exactly the names of ``expected``
    (weight path → shape) with exactly those shapes."""
    parts = [f"{label} {len(names)} weight(s): {', '.join(names[:5])}"
             for label, names in (("missing", sorted(set(expected) - set(arrays))),
                                  ("unexpected", sorted(set(arrays) - set(expected)))) if names]
    if parts:
        raise CheckpointError(f"{what} does not fit the model config: " + "; ".join(parts))
    for path, shape in expected.items():
        value = arrays[path]
        if tuple(value.shape) != tuple(shape):
            raise CheckpointError(
                f"{what}: shape mismatch for {path}: checkpoint has {tuple(value.shape)}, "
                f"model config expects {tuple(shape)}"
            )


def generator_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Every generator variable path → shape, as :func:`wavegan.models.build_generator` makes
    them for ``config`` (computed, not built: no TensorFlow needed)."""
    plan, k = config.plan, config.kernel_len
    width = BASE_LEN * plan.dense_channels
    shapes: dict[str, tuple[int, ...]] = {"z_project/kernel": (config.input_dim, width),
                                          "z_project/bias": (width,)}

    def batchnorm(name: str, channels: int) -> None:
        if config.use_batchnorm:
            shapes.update({f"{name}/{v}": (channels,) for v in BN_VARIABLES})

    batchnorm("bn_z", plan.dense_channels)
    cin, last = plan.dense_channels, len(plan.g_channels) - 1
    for i, cout in enumerate(plan.g_channels):
        shapes[f"upconv_{i}/kernel"] = (k, cout, cin) if config.upsample == "zeros" \
            else (k, cin, cout)   # Conv1DTranspose vs Conv1D kernel layout
        shapes[f"upconv_{i}/bias"] = (cout,)
        if i < last:
            batchnorm(f"bn_{i}", cout)
        cin = cout
    if config.post_proc_len:
        shapes["post_proc/kernel"] = (config.post_proc_len, config.channels, config.channels)
    return shapes


def assign_arrays(model, arrays: dict[str, np.ndarray], what: str) -> None:
    """Set ``model``'s variables from ``arrays``; every name and shape must match exactly."""
    expected = {w.path: w for w in model.weights}
    check_arrays({path: tuple(var.shape) for path, var in expected.items()}, arrays, what)
    for path, var in expected.items():
        var.assign(arrays[path].astype(var.dtype, copy=False))


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
        if fname not in self.files:
            raise CheckpointError(f"{self.path}: has no {fname} (listed files: "
                                  f"{', '.join(sorted(self.files)) or 'none'})")
        fpath = self.verified(fname)
        try:
            with np.load(fpath, allow_pickle=False) as npz:
                return {k: npz[k].astype(np.float32) if npz[k].dtype == np.float16 else npz[k]
                        for k in npz.files}
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise CheckpointError(f"{fpath}: corrupt file ({exc})") from exc

    def verified(self, fname: str) -> Path:
        """The path of listed file ``fname`` after checking its size and SHA-256 against
        ``model.json``."""
        info = self.files[fname]
        fpath = self.path / fname
        if not fpath.is_file():
            raise CheckpointError(f"{self.path}: missing weights file {fname}")
        try:
            ok = (fpath.stat().st_size == int(info["bytes"])
                  and sha256_file(fpath) == info["sha256"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckpointError(f"{self.path / META_FILE}: invalid entry for {fname} "
                                  f"({exc!r})") from exc
        if not ok:
            raise CheckpointError(f"{fpath}: corrupt file (size or SHA-256 differs from "
                                  f"{META_FILE}); restore it or use an older checkpoint")
        return fpath

    def verify(self) -> None:
        """Check the size and SHA-256 of every file ``model.json`` lists (reads them all), then
        that the playing generator's weight names and shapes fit the model config."""
        for fname in sorted(set(self.files) - {f"{self.playing_name}.npz"}):
            self.verified(fname)   # the playing weights are checked by playing_arrays()
        check_arrays(generator_shapes(self.config), self.playing_arrays(),
                     f"{self.path}/{self.playing_name}.npz")

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


def save_model_checkpoint(path, config: ModelConfig, generator, discriminator=None, **kw) -> Path:
    """Convenience: save Keras models (generator, optional discriminator) as a checkpoint."""
    arrays = {"generator": model_arrays(generator)}
    if discriminator is not None:
        arrays["discriminator"] = model_arrays(discriminator)
    return save_checkpoint(path, config, arrays, **kw)
