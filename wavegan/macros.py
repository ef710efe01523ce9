"""Macro knobs: principal directions of the generator's first layer, regressed back to z.

The GANSpace method (Härkönen et al., 2020): sample many latents, take the activations of the
generator's first layer (the dense projection after its ReLU), find their principal
components, and regress the latents onto the component coordinates. Each macro is then a
direction in z-space that moves the sound along one of the main ways the generator varies.
Computed once per checkpoint (a fraction of a second for CDW sizes) and cached as .npz keyed by
the generator weights' SHA-256.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wavegan.conditioning import STYLE_GAIN

N_MACROS = 8


@dataclass(frozen=True)
class Macros:
    """``directions`` ``[k, latent_dim]``: the z offset for a knob at +1 (-1 is the opposite)."""

    directions: np.ndarray

    def apply(self, z: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Move latents ``[..., latent_dim]`` by the knob ``values`` ``[k]`` in [-1, 1]; the
        result stays inside the prior's box."""
        offset = np.asarray(values, np.float32) @ self.directions
        return np.clip(np.asarray(z, np.float32) + offset, -1.0, 1.0).astype(np.float32)


def compute_macros(weights: dict[str, np.ndarray], latent_dim: int, k: int = N_MACROS,
                   samples: int = 2048, seed: int = 0) -> Macros:
    """PCA of ``relu(z @ W + b)`` for ``samples`` uniform latents, regressed back to z (a
    conditional model's style rows of ``W`` enter as their mean, all styles alike, times the
    model's ``STYLE_GAIN``)."""
    full = weights["z_project/kernel"].astype(np.float32)
    kernel, style_rows = full[:latent_dim], full[latent_dim:]
    bias = weights["z_project/bias"].astype(np.float32)
    if len(style_rows):
        bias = bias + STYLE_GAIN * style_rows.mean(axis=0)
    rng = np.random.default_rng(seed)
    z = rng.uniform(-1, 1, (samples, latent_dim)).astype(np.float32)
    h = np.maximum(z @ kernel + bias, 0.0)
    h -= h.mean(axis=0)
    coords = _top_components(h, k, rng)         # [samples, k]
    coords /= coords.std(axis=0, keepdims=True) + 1e-12
    zc = z - z.mean(axis=0)
    # least squares: z ≈ coords @ A  → A [k, latent]; one unit of coordinate = one std
    a, *_ = np.linalg.lstsq(coords, zc, rcond=None)
    return Macros((2.0 * a).astype(np.float32))  # knob ±1 = ±2 standard deviations


def _top_components(h: np.ndarray, k: int, rng: np.random.Generator,
                    oversample: int = 8, power: int = 3) -> np.ndarray:
    """Coordinates of ``h`` ``[n, H]`` on its top-``k`` principal axes (randomised SVD with
    power iterations: O(n·H·k) instead of a full SVD, which is minutes at d=64)."""
    y = h @ rng.standard_normal((h.shape[1], k + oversample)).astype(np.float32)
    for _ in range(power):
        y, _ = np.linalg.qr(y)
        y = h @ (h.T @ y)
    q, _ = np.linalg.qr(y)
    u, s, _ = np.linalg.svd(q.T @ h, full_matrices=False)
    return (q @ u[:, :k]) * s[:k]


def cached_macros(weights: dict[str, np.ndarray], latent_dim: int, key: str,
                  cache_dir: str | os.PathLike | None = None) -> Macros:
    """:func:`compute_macros`, cached in ``cache_dir`` (default ~/.cache/wavegan/macros)."""
    cache = Path(cache_dir or Path.home() / ".cache" / "wavegan" / "macros")
    path = cache / f"{key}-{N_MACROS}.npz"
    if path.is_file():
        try:
            with np.load(path, allow_pickle=False) as npz:
                directions = npz["directions"]
            if directions.shape[1] == latent_dim:
                return Macros(directions)
        except (OSError, ValueError, KeyError):
            pass
    macros = compute_macros(weights, latent_dim)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            np.savez(f, directions=macros.directions)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home is fine: macros are recomputed next time
    return macros
