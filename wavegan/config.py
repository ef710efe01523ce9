"""Model configuration: one dataclass that round-trips through JSON and derives the layer plan.

The defaults are chrisdonahue/wavegan v2's ("CDW"): latent 100, kernel 25, d=64, no batchnorm,
zero-stuffing upsampling, no post-processing filter, phase shuffle 2, 16384 samples at 16 kHz.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

SUPPORTED_SLICE_LENS = (16384, 32768, 65536, 131072, 262144)
SUPPORTED_SAMPLE_RATES = (16000, 22050, 24000, 32000, 44100, 48000)
UPSAMPLE_MODES = ("zeros", "nn")
LOSS_NAMES = ("wgan-gp", "wgan", "lsgan", "dcgan")  # the registry in wavegan.losses
BASE_LEN = 16  # length of the tensor the dense projection produces (CDW: [16, d*m])


class ConfigError(ValueError):
    """A configuration value is out of range or inconsistent."""


@dataclass(frozen=True)
class LayerPlan:
    """The up-sampling plan derived from a slice length.

    ``strides[i]`` is the stride of the i-th generator transposed convolution (the discriminator
    mirrors it); ``g_channels[i]`` the channels *after* generator layer i (the last one is the
    audio channel count); ``dense_channels`` the width of the dense projection
    (``[16, dense_channels]``).
    """

    strides: tuple[int, ...]
    dense_channels: int
    g_channels: tuple[int, ...]
    d_channels: tuple[int, ...]


@dataclass
class ModelConfig:
    """Everything needed to rebuild a WaveGAN generator and discriminator."""

    slice_len: int = 16384
    sample_rate: int = 16000
    channels: int = 1
    latent_dim: int = 100
    kernel_len: int = 25
    dim: int = 64
    use_batchnorm: bool = False
    upsample: str = "zeros"
    post_proc_len: int = 0  # 0 = off; CDW uses 512 when genr_pp is on
    phase_shuffle: int = 2
    spec_critic: int = 0  # 0 = off (CDW); else the spectral critic branch's first width
    mbstd: int = 0        # 0 = off (CDW); else the critic's minibatch-stddev group size
    rhythm_critic: int = 0  # 0 = off (CDW); else the rhythm critic branch's width
    styles: list[str] = field(default_factory=list)  # [] = unconditional (CDW); else the
    #                        style labels the model is conditioned on (wavegan.conditioning)
    aux_classifier: bool = False  # conditional models: the critic also names the style
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.validate()

    # -- validation ---------------------------------------------------------------------------
    def validate(self) -> None:
        if self.slice_len not in SUPPORTED_SLICE_LENS:
            raise ConfigError(
                f"slice_len={self.slice_len} is not supported; choose one of {SUPPORTED_SLICE_LENS}"
            )
        if not 8000 <= int(self.sample_rate) <= 96000:
            raise ConfigError(f"sample_rate={self.sample_rate} Hz is outside 8000..96000")
        if self.channels not in (1, 2):
            raise ConfigError(f"channels={self.channels}: only mono (1) or stereo (2)")
        if self.upsample not in UPSAMPLE_MODES:
            raise ConfigError(f"upsample={self.upsample!r}: choose one of {UPSAMPLE_MODES}")
        for name in ("latent_dim", "kernel_len", "dim"):
            if int(getattr(self, name)) < 1:
                raise ConfigError(f"{name} must be positive, got {getattr(self, name)}")
        if min(self.post_proc_len, self.phase_shuffle, self.spec_critic, self.mbstd,
               self.rhythm_critic) < 0:
            raise ConfigError("post_proc_len, phase_shuffle, spec_critic, mbstd and "
                              "rhythm_critic must be >= 0")
        self.styles = [str(s) for s in self.styles]
        if len(set(self.styles)) != len(self.styles) or not all(s.strip() for s in self.styles):
            raise ConfigError(f"styles {self.styles}: style names must be unique and non-empty")

    # -- derived ------------------------------------------------------------------------------
    @property
    def duration_seconds(self) -> float:
        return self.slice_len / float(self.sample_rate)

    @property
    def input_dim(self) -> int:
        """Width of the generator's input: the latent, then one weight per style."""
        return self.latent_dim + len(self.styles)

    @property
    def plan(self) -> LayerPlan:
        """Strides and channel widths for this slice length (CDW's plan, extended past 65536)."""
        n4, rem = 0, self.slice_len // BASE_LEN
        while rem % 4 == 0 and rem > 1:
            rem //= 4
            n4 += 1
        strides = (4,) * n4 + ((2,) if rem == 2 else ())
        dim_mul = 16 if self.slice_len == 16384 else 32
        dense_channels = self.dim * dim_mul
        hidden = [max(self.dim, dense_channels >> (i + 1)) for i in range(len(strides) - 1)]
        g_channels = tuple(hidden) + (self.channels,)
        d_channels = tuple(min(self.dim << i, self.dim * dim_mul) for i in range(len(strides)))
        return LayerPlan(strides, dense_channels, g_channels, d_channels)

    # -- serialisation ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown model config keys: {', '.join(unknown)}")
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> ModelConfig:
        return cls.from_dict(json.loads(text))


@dataclass
class GanConfig:
    """The adversarial objective. ``optimizer=None`` uses the loss's CDW default."""

    loss: str = "wgan-gp"
    n_critic: int = 5
    gp_weight: float = 10.0
    optimizer: str | None = None
    learning_rate: float | None = None
    beta_1: float | None = None
    beta_2: float | None = None
    ema: float = 0.0               # decay of the generator weights' moving average (0 = off)
    diversity: float = 0.0         # weight of the mode-seeking term (0 = off)
    aux_weight: float = 1.0        # weight of the auxiliary style loss (aux_classifier)
    aux_unsure: float = 0.0        # weight of the head's "unsure of fakes" term (0 = off)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 <= self.ema < 1.0:
            raise ConfigError(f"ema {self.ema}: the moving average's decay must be in [0, 1) "
                              "(0 = off; 0.999 is usual)")
        if self.aux_weight < 0.0 or self.aux_unsure < 0.0:
            raise ConfigError(f"aux_weight {self.aux_weight}, aux_unsure {self.aux_unsure}: "
                              "must be >= 0")
        if self.diversity < 0.0:
            raise ConfigError(f"diversity {self.diversity}: the mode-seeking weight must be "
                              ">= 0 (0 = off; try 0.1)")
        if self.loss not in LOSS_NAMES:
            raise ConfigError(f"loss {self.loss!r}: choose one of {sorted(LOSS_NAMES)}")
        if self.n_critic < 1:
            raise ConfigError("n_critic must be >= 1")

    def optimizer_spec(self):
        """The :class:`wavegan.losses.OptimizerSpec` to build (imports TensorFlow)."""
        from wavegan.losses import OptimizerSpec, get_loss

        base = get_loss(self.loss).optimizer
        name = self.optimizer or base.name
        kwargs = dict(base.kwargs) if name == base.name else {}
        for key in ("learning_rate", "beta_1", "beta_2"):
            value = getattr(self, key)
            if value is not None:
                kwargs[key] = value
        if name != "adam":
            kwargs.pop("beta_1", None)
            kwargs.pop("beta_2", None)
        return OptimizerSpec(name, kwargs)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
