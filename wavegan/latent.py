"""Latent-space maths: seeds → z, spherical interpolation, random walks.

Latent vectors are float32 ``[latent_dim]`` drawn uniformly from [-1, 1] (CDW's prior). A seed
names a latent exactly, so any sound can be regenerated bit-for-bit from its seed.
"""

from __future__ import annotations

import numpy as np


def z_from_seed(seed: int, latent_dim: int) -> np.ndarray:
    """The latent vector a seed names: ``[latent_dim]`` float32, uniform in [-1, 1]."""
    rng = np.random.default_rng(int(seed))
    return rng.uniform(-1.0, 1.0, latent_dim).astype(np.float32)


def z_batch(seeds, latent_dim: int) -> np.ndarray:
    """``[len(seeds), latent_dim]`` latents for a sequence of seeds (``[0, latent_dim]`` for
    none)."""
    rows = [z_from_seed(s, latent_dim) for s in seeds]
    return np.stack(rows) if rows else np.zeros((0, latent_dim), np.float32)


def slerp(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    """Spherical interpolation between latents ``a`` (t=0) and ``b`` (t=1); exact at the ends.

    Falls back to linear interpolation when the vectors are (nearly) parallel.
    """
    a = np.asarray(a, np.float64)
    b = np.asarray(b, np.float64)
    t = float(t)
    if t <= 0.0:
        return a.astype(np.float32)
    if t >= 1.0:
        return b.astype(np.float32)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return ((1 - t) * a + t * b).astype(np.float32)
    cos = np.clip(np.dot(a / na, b / nb), -1.0, 1.0)
    omega = np.arccos(cos)
    if omega < 1e-6:
        return ((1 - t) * a + t * b).astype(np.float32)
    so = np.sin(omega)
    out = np.sin((1 - t) * omega) / so * a + np.sin(t * omega) / so * b
    return out.astype(np.float32)


def slerp_path(a: np.ndarray, b: np.ndarray, steps: int) -> np.ndarray:
    """``[steps, latent_dim]`` latents from ``a`` to ``b`` inclusive (steps ≥ 2)."""
    if steps < 2:
        raise ValueError("an interpolation needs at least 2 steps")
    return np.stack([slerp(a, b, t) for t in np.linspace(0.0, 1.0, steps)])


def walk_step(z: np.ndarray, step: float, rng: np.random.Generator) -> np.ndarray:
    """One step of a random walk that stays inside the prior's box [-1, 1] (reflecting)."""
    z = np.asarray(z, np.float32) + rng.normal(0.0, step, z.shape).astype(np.float32)
    z = np.where(z > 1, 2 - z, z)
    z = np.where(z < -1, -2 - z, z)
    return np.clip(z, -1.0, 1.0).astype(np.float32)
