"""Training-run configuration: what the loop does (the model and objective live in wavegan/).

A run is described by four dataclasses saved together as ``run.json`` beside every checkpoint:
``ModelConfig`` and ``GanConfig`` (both wavegan.config), the data slicing config
(``SliceConfig``, wavegan.slicing) and ``TrainConfig`` below, bundled as :class:`RunConfig`.

Values are layered: dataclass defaults < the run directory's ``run.json`` (so rerunning a
command resumes with the settings it started with) < a TOML file (``[model]``, ``[gan]``,
``[slice]``, ``[train]`` tables, or flat keys) < command-line flags / SageMaker hyperparameters.
A flat key sets that field in every section that has it (``sample_rate`` → model and slice).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.styles import STYLE_SOURCES
from wavegan.config import ConfigError, GanConfig, ModelConfig
from wavegan.errors import UserError
from wavegan.precision import TRAINING as PRECISIONS
from wavegan.precision import PrecisionChoice, decide, explicit, has_native_bf16, read_cpu_flags

STYLE_SOURCE_NAMES = ("off", *STYLE_SOURCES)
CONVS = ("auto", "winograd", "direct")  # auto + wavegan.models.CONV_IMPLS (kept TF-free here)
SECTIONS = ("model", "gan", "slice", "train")
# Settings a run may change between restarts; everything else must match run.json.
RESUMABLE_CHANGES = {
    "train": {"max_steps", "max_time", "summary_every", "checkpoint_minutes", "keep",
              "preview_count", "precision", "tensorboard", "progress", "convs"},
    "gan": {"ema"},   # the average never feeds back into training
}


@dataclass
class TrainConfig:
    """How long to train, how often to report and save, and at what precision."""

    batch_size: int = 64
    max_steps: int | None = None          # generator steps; None = until stopped
    max_time: float | None = None         # seconds of wall time (this session); None = no limit
    summary_every: int = 50               # generator steps between log lines
    checkpoint_minutes: float = 5.0       # timer-based checkpoints
    keep: int = 3                         # complete checkpoints kept
    preview_count: int = 8                # fixed latents rendered at every checkpoint
    precision: str = "auto"               # auto | fp32 | bf16 | fp16 (see precision_choice)
    seed: int = 0
    tensorboard: bool = True              # write TensorBoard scalars + audio under RUN_DIR/tb
    progress: str = "auto"                # progress bar: auto (when stdout is a TTY) | on | off
    convs: str = "auto"                   # auto | winograd | direct (see resolved_convs)
    styles_from: str = "off"              # off | manifest | folders (trainer.styles)
    balance_styles: bool = False          # draw every style equally often (conditional runs)

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ConfigError(f"precision={self.precision!r}: choose one of {PRECISIONS}")
        if self.batch_size < 1 or self.summary_every < 1 or self.keep < 1:
            raise ConfigError("batch_size, summary_every and keep must be >= 1")
        if self.checkpoint_minutes <= 0:
            raise ConfigError("checkpoint_minutes must be > 0")
        if self.preview_count < 0:
            raise ConfigError("preview_count must be >= 0 (0 = no previews)")
        if self.progress not in ("auto", "on", "off"):
            raise ConfigError(f"progress={self.progress!r}: choose auto, on or off")
        if self.styles_from not in STYLE_SOURCE_NAMES:
            raise ConfigError(f"styles_from={self.styles_from!r}: choose one of "
                              f"{', '.join(STYLE_SOURCE_NAMES)}")
        if self.convs not in CONVS:
            raise ConfigError(f"convs={self.convs!r}: choose one of {', '.join(CONVS)}")

    def resolved_convs(self, gpu: bool = False) -> str:
        """``auto`` → Winograd for fp32 on CPUs (2.4x faster steps, error ~1e-5); oneDNN's /
        cuDNN's direct convolutions in bf16/fp16 (Winograd's transforms amplify their rounding
        to ~6 %) and on GPUs (cuDNN picks its own algorithms; ours is not measured there).
        With ``precision = "auto"``: for the precision :meth:`precision_choice` picks."""
        if self.convs != "auto":
            return self.convs
        precision = self.precision
        if precision == "auto":
            precision = self.precision_choice(gpu).precision
        return "winograd" if precision == "fp32" and not gpu else "direct"

    def precision_choice(self, gpu: bool = False, cpu_flags: str | None = None,
                         source: str = "--precision") -> PrecisionChoice:
        """The concrete precision and convolutions of this config, with the reason:
        ``auto`` → :func:`wavegan.precision.decide` on this CPU's flags (``cpu_flags``: cpuinfo
        text, read when None), else the precision asked for (``source``: where it was set)."""
        flags = read_cpu_flags() if cpu_flags is None else cpu_flags
        if self.precision == "auto":
            chosen = decide(flags, training=True, gpu=gpu)
            if self.convs == "auto":
                return chosen
            return PrecisionChoice(chosen.precision, f"{chosen.reason} (convolutions: "
                                   f"{self.convs}, as set)", self.convs)
        reason = explicit(self.precision, source, flags, gpu=gpu)
        return PrecisionChoice(self.precision, reason, self.resolved_convs(gpu))

    def precision_warning(self, gpu: bool = False, cpu_flags: str | None = None) -> str | None:
        """Why ``bf16`` will be slow here, or None: a CPU without bfloat16 instructions
        (AVX-512 BF16 or AMX) emulates them. ``cpu_flags``: ``/proc/cpuinfo`` text (read when
        None; no warning where it cannot be read)."""
        if self.precision != "bf16" or gpu:
            return None
        if has_native_bf16(read_cpu_flags() if cpu_flags is None else cpu_flags) is not False:
            return None
        return ("--precision bf16: this CPU has no bfloat16 instructions (AVX-512 BF16 or AMX), "
                "so every bf16 operation is emulated: measured 10.5x slower than fp32 on an "
                "AVX2 EPYC (d=16, batch 32). Use --precision fp32 (or auto) here")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def slice_config_class() -> type:
    """The data pipeline's ``SliceConfig`` (wavegan.slicing)."""
    from wavegan.slicing import SliceConfig

    return SliceConfig


def section_classes() -> dict[str, type]:
    return {"model": ModelConfig, "gan": GanConfig, "slice": slice_config_class(),
            "train": TrainConfig}


@dataclass
class RunConfig:
    """Everything that defines a training run (saved as ``run.json`` and in every checkpoint)."""

    model: ModelConfig = field(default_factory=ModelConfig)
    gan: GanConfig = field(default_factory=GanConfig)
    slice: Any = None
    train: TrainConfig = field(default_factory=TrainConfig)

    def __post_init__(self) -> None:
        if self.slice is None:
            self.slice = slice_config_class()()

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {name: dataclasses.asdict(getattr(self, name)) for name in SECTIONS}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    def with_precision(self, precision: str) -> RunConfig:
        """The same run at ``precision`` (``auto`` resolved: what run.json and checkpoints
        record)."""
        return dataclasses.replace(self, train=dataclasses.replace(self.train,
                                                                   precision=precision))

    @classmethod
    def from_dict(cls, data: dict[str, dict[str, Any]]) -> RunConfig:
        return build_run_config([data])

    def differences(self, other: RunConfig) -> list[str]:
        """``section.field: old → new`` for every change that a resumed run cannot accept."""
        mine, theirs = self.to_dict(), other.to_dict()
        out = []
        for section in SECTIONS:
            free = RESUMABLE_CHANGES.get(section, set())
            for key in sorted(set(mine[section]) | set(theirs[section])):
                a, b = mine[section].get(key), theirs[section].get(key)
                if key not in free and a != b:
                    out.append(f"{section}.{key}: {a!r} → {b!r}")
        return out


# -- field types and string coercion (flags, SageMaker hyperparameters, TOML) ------------------
def field_types(cls: type) -> dict[str, type]:
    """``{field: base type}`` for the scalar fields of a config dataclass (``int | None`` → int)."""
    hints = typing.get_type_hints(cls)
    out = {}
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else str
        if tp in (int, float, bool, str):
            out[f.name] = tp
    return out


def optional_fields(cls: type) -> set[str]:
    hints = typing.get_type_hints(cls)
    return {f.name for f in dataclasses.fields(cls) if type(None) in typing.get_args(hints[f.name])}


def coerce(value: Any, tp: type, optional: bool = False) -> Any:
    """Convert a flag / hyperparameter string (or a TOML/JSON value) to the field's type."""
    if isinstance(value, str):
        text = value.strip()
        if optional and text.lower() in ("", "none", "null"):
            return None
        if tp is bool:
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"expected true/false, got {value!r}")
        if tp is int:
            try:
                return int(text)
            except ValueError:
                number = float(text)  # "2e5" is a fine step count
                if not number.is_integer():
                    raise
                return int(number)
        return tp(text)
    if value is None:
        return None
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def all_fields() -> dict[str, list[str]]:
    """``{field: [sections that have it]}`` over the four config classes."""
    out: dict[str, list[str]] = {}
    for section, cls in section_classes().items():
        for name in field_types(cls):
            out.setdefault(name, []).append(section)
    return out


def build_run_config(layers: list[dict[str, Any]]) -> RunConfig:
    """Merge layers (lowest precedence first) into a validated :class:`RunConfig`.

    Each layer is either sectioned (``{"model": {...}, "train": {...}}``) or flat
    (``{"dim": 32, "max_steps": 1000}``) or a mix; unknown keys raise a UserError.
    """
    classes = section_classes()
    where = all_fields()
    merged: dict[str, dict[str, Any]] = {s: {} for s in SECTIONS}
    for layer in layers:
        for key, value in layer.items():
            if key in SECTIONS and isinstance(value, dict):
                known = {f.name for f in dataclasses.fields(classes[key])}
                unknown = sorted(set(value) - known)
                if unknown:
                    raise UserError(f"unknown [{key}] setting(s): {', '.join(unknown)}")
                merged[key].update(value)
            elif key in where:
                for section in where[key]:
                    merged[section][key] = value
            else:
                raise UserError(f"unknown setting {key!r}; known: {', '.join(sorted(where))}")
    built = {}
    for section, cls in classes.items():
        types_, optional = field_types(cls), optional_fields(cls)
        try:
            values = {k: coerce(v, types_[k], k in optional) if k in types_ else v
                      for k, v in merged[section].items()}
            built[section] = cls(**values)
        except (ValueError, TypeError) as exc:
            raise UserError(f"invalid [{section}] config: {exc}") from exc
    return RunConfig(**built)


def load_toml(path: str | Path) -> dict[str, Any]:
    import tomllib

    path = Path(path)
    if not path.is_file():
        raise UserError(f"--config {path}: no such file")
    try:
        return tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"--config {path}: not valid TOML ({exc})") from exc


def resolve_run_config(run_dir: str | Path | None, config_file: str | Path | None,
                       overrides: dict[str, Any]) -> RunConfig:
    """defaults < ``RUN_DIR/run.json`` < TOML ``config_file`` < ``overrides`` (flat/sectioned)."""
    layers: list[dict[str, Any]] = []
    saved = Path(run_dir) / "run.json" if run_dir else None
    if saved is not None and saved.is_file():
        try:
            layers.append(json.loads(saved.read_text()))
        except json.JSONDecodeError as exc:
            raise UserError(f"{saved}: unreadable ({exc}); fix or delete it") from exc
    if config_file:
        layers.append(load_toml(config_file))
    layers.append({k: v for k, v in overrides.items() if v is not None})
    return build_run_config(layers)
