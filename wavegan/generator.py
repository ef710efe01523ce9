"""The realtime generator: a checkpoint turned into a fast, declared z → audio function.

Contract (what servers and tools may rely on):

* input: latents ``z`` float32 ``[B, latent_dim]`` (any B ≥ 1; the prior is uniform [-1, 1]);
  a conditional model (``styles`` non-empty) also takes style weights ``[S]`` or ``[B, S]``
  summing to 1 (default: all styles alike; :meth:`Generator.style_weights` turns a name, an
  index or a mix into weights; see ``wavegan.conditioning``);
* output: float32 ``[B, slice_len, channels]`` in [-1, 1] at ``sample_rate`` Hz;
* deterministic: the same latent in the same batch position gives the same samples;
* stateless between calls (what to play is the caller's: the daemon's pad bank keeps the
  style), but one call at a time: callers that share a generator serialise their calls (the
  daemon's pad, stream and file threads share one, under the pad bank's lock).

Two backends compute the same function: ``keras`` (the plain Keras model in a ``tf.function``)
and ``fast`` (``wavegan.fastgen``: polyphase GEMMs, equal within 1e-4). ``auto`` picks ``fast``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from wavegan.checkpoint import Checkpoint, load_checkpoint
from wavegan.conditioning import parse_style, style_vector
from wavegan.config import ModelConfig
from wavegan.latent import z_batch

BACKENDS = ("auto", "fast", "keras")
NO_STYLES = "this model has no styles (it was trained with --styles-from off)"


@dataclass(frozen=True)
class GeneratorContract:
    """What a generator promises its callers; servers print it at start-up."""

    sample_rate: int
    slice_len: int
    channels: int
    latent_dim: int
    styles: tuple[str, ...] = ()

    @property
    def seconds(self) -> float:
        return self.slice_len / self.sample_rate


class Generator:
    """Build from a checkpoint with :meth:`from_checkpoint`, then call with latents."""

    def __init__(self, config: ModelConfig, weights: dict[str, np.ndarray], *,
                 backend: str = "auto", precision: str = "fp32", max_batch: int = 16,
                 label: str = "", source: str = "generator weights"):
        """``weights`` keyed by Keras variable path must fit ``config`` exactly, else
        :class:`wavegan.checkpoint.CheckpointError` (naming ``source``) is raised."""
        if backend not in BACKENDS:
            raise ValueError(f"backend {backend!r}: choose one of {BACKENDS}")
        self.config = config
        self.max_batch = int(max_batch)
        self.label = label
        self.backend = "fast" if backend == "auto" else backend
        self.precision = precision
        if self.backend == "fast":
            from wavegan.fastgen import FastGenerator

            self._impl = FastGenerator(config, weights, precision=precision, source=source)
        else:
            if precision != "fp32":
                raise ValueError("the keras backend runs in fp32 only")
            self._impl = _KerasImpl(config, weights, source)

    @classmethod
    def from_checkpoint(cls, path: str | os.PathLike | Checkpoint, **kw) -> Generator:
        ckpt = path if isinstance(path, Checkpoint) else load_checkpoint(path)
        kw.setdefault("label", str(ckpt.meta.get("label", "")))
        kw.setdefault("source", f"{ckpt.path}/{ckpt.playing_name}.npz")
        return cls(ckpt.config, ckpt.playing_arrays(), **kw)

    @property
    def contract(self) -> GeneratorContract:
        c = self.config
        return GeneratorContract(c.sample_rate, c.slice_len, c.channels, c.latent_dim,
                                 tuple(c.styles))

    def style_weights(self, choice) -> np.ndarray:
        """Style weights ``[S]`` for ``choice``: a style name or index, a mix as text
        (``funk=0.7,rock=0.3``, see :func:`wavegan.conditioning.parse_style`), weights ``[S]``,
        or None (all alike). Raises ``ValueError`` on a bad choice or an unconditional model."""
        if not self.config.styles:
            raise ValueError(NO_STYLES)
        if isinstance(choice, str):
            return parse_style(self.config.styles, choice)
        return style_vector(self.config.styles, choice)

    def __call__(self, z: np.ndarray, style: np.ndarray | None = None, start: int = 0,
                 stop: int | None = None) -> np.ndarray:
        """Generate ``[B, slice_len, channels]`` audio for latents ``[B, latent_dim]`` (and,
        for a conditional model, style weights ``[S]`` or ``[B, S]``; default all alike).
        ``start``/``stop`` ask for samples ``[start, stop)`` of each phrase only: the same
        samples, computed (by the fast backend) from only the part of the network they need."""
        z = self._inputs(z, style)
        stop = self.config.slice_len if stop is None else stop
        outs = [self._impl(z[i:i + self.max_batch], start, stop)
                for i in range(0, len(z), self.max_batch)]
        return np.concatenate(outs, axis=0) if len(outs) > 1 else outs[0]

    def steps(self, segment: int) -> list[tuple[int, int, int]]:
        """How to render whole phrases in short calls of :meth:`stage`, as ``(stage, start,
        stop)``: the fast backend's wide early layers one by one, then the rest in windows of
        at most ``segment`` samples; the keras backend in one call (a window of it costs a
        whole render)."""
        return self._impl.steps(segment)

    def stage(self, x, index: int, style: np.ndarray | None = None, start: int = 0,
              stop: int | None = None):
        """Output frames ``[start, stop)`` of stage ``index`` from its whole input: latents
        ``[B, latent_dim]`` (at most ``max_batch``, and ``style`` as for :meth:`__call__`)
        for stage 0, else what stage ``index - 1`` returned, passed back as it is (the fast
        backend keeps it a TensorFlow tensor). The last stage returns the phrases' samples
        as a NumPy array: walking :meth:`steps` renders what ``self(z, style)`` does."""
        if index == 0:
            if len(x) > self.max_batch:
                raise ValueError(f"stage 0 takes {self.max_batch} latents at most, got {len(x)}")
            x = self._inputs(x, style)
        return self._impl.stage(x, index, start, stop)

    def _inputs(self, z: np.ndarray, style: np.ndarray | None) -> np.ndarray:
        """Latents ``[B, latent_dim]`` (and style weights) → the network's input."""
        z = np.asarray(z, dtype=np.float32)
        if z.ndim == 1:
            z = z[None]
        if z.ndim != 2 or z.shape[1] != self.config.latent_dim:
            raise ValueError(f"z must be [B, {self.config.latent_dim}], got {list(z.shape)}")
        if self.config.styles:
            s = style_vector(self.config.styles, None) if style is None else style
            s = np.asarray(s, np.float32)
            z = np.concatenate([z, np.broadcast_to(s, (len(z), len(self.config.styles)))], 1)
        return z

    def from_seeds(self, seeds: Iterable[int], style: np.ndarray | None = None) -> np.ndarray:
        """Generate one phrase per seed (see :func:`wavegan.latent.z_from_seed`)."""
        return self(z_batch(list(seeds), self.config.latent_dim), style)

    def warmup(self, batch_sizes: Iterable[int] = (1,)) -> None:
        """Run once per batch size so the first real request pays no tracing/allocation cost."""
        for b in batch_sizes:
            self(np.zeros((b, self.config.latent_dim), np.float32))


class _KerasImpl:
    """The plain Keras generator wrapped in a ``tf.function`` (the reference implementation)."""

    def __init__(self, config: ModelConfig, weights: dict[str, np.ndarray],
                 source: str = "generator weights"):
        import tensorflow as tf

        from wavegan.checkpoint import assign_arrays
        from wavegan.models import build_generator

        self.slice_len = config.slice_len
        self.model = build_generator(config)
        assign_arrays(self.model, weights, source)
        self._fn = tf.function(
            lambda z: self.model(z, training=False),
            input_signature=[tf.TensorSpec([None, config.input_dim], tf.float32)],
            reduce_retracing=True,
        )

    def __call__(self, z: np.ndarray, start: int = 0, stop: int | None = None) -> np.ndarray:
        return self._fn(z).numpy()[:, start:stop]

    def steps(self, segment: int) -> list[tuple[int, int, int]]:
        return [(0, 0, self.slice_len)]       # one stage, the whole network

    def stage(self, z: np.ndarray, index: int, start: int = 0,
              stop: int | None = None) -> np.ndarray:
        if index != 0:
            raise ValueError(f"stage {index}: the keras backend is one stage")
        return self(z, start, stop)
