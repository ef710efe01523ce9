"""Winograd/Toom-Cook convolutions for the WaveGAN's stride-4, 25-tap layers, forward and back.

Both of the WaveGAN's convolution kinds are, after a polyphase rearrangement, an ordinary
stride-1 correlation with ``T = ceil(k / s)`` taps (7 for k=25, s=4):

- the critic's strided ``Conv1D`` (``padding="same"``): the padded input ``[B, L, C]`` is
  reshaped to ``[B, L/s, s*C]`` (the ``s`` input phases become channels);
- the generator's ``Conv1DTranspose`` (and ``nn`` up-sampling + ``Conv1D``): ``s*Cout`` output
  channels that a free reshape interleaves into ``[B, s*L, Cout]``.

Each correlation is computed with ``F(m, T)``: ``m + T - 1`` GEMMs per ``m`` outputs instead
of ``m * T`` (F(4, 7): 10 instead of 28; 2.5x fewer multiplies than the direct 25-tap
convolution). This module holds the exact arithmetic (numpy only); the TF/Keras layers built on
it are ``wavegan.layers.WinogradConv1D`` / ``WinogradConv1DTranspose`` (training) and
``wavegan.fastgen`` (inference).

:func:`winograd_matrices` builds the transforms exactly in rationals; the interpolation points
0, ±1, ±2, ±1/2, ±3/2, ∞ keep the fp32 error within a few times the direct sum's; ``F(6, 7)``
(serving's layers after the first) adds ±2/3 and about doubles it.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

WINOGRAD_POINTS = (0, 1, -1, 2, -2, Fraction(1, 2), Fraction(-1, 2), Fraction(3, 2),
                   Fraction(-3, 2), Fraction(2, 3), Fraction(-2, 3))
# + the point at infinity: F(m, T) needs the first m + T - 2 of them (F(4, 7) the first 9)


def winograd_matrices(m: int, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Toom-Cook ``F(m, r)`` for correlation ``y[i] = sum_j d[i + j] g[j]`` (``i < m``).

    Returns float64 ``AT [m, a]``, ``G [a, r]``, ``BT [a, a]`` (``a = m + r - 1``) with
    ``y = AT @ ((G @ g) * (BT @ d))``, built exactly in rationals from :data:`WINOGRAD_POINTS`.
    """
    a = m + r - 1
    if a - 1 > len(WINOGRAD_POINTS):
        raise ValueError(f"F({m},{r}) needs {a - 1} finite points, have {len(WINOGRAD_POINTS)}")
    pts = [Fraction(p) for p in WINOGRAD_POINTS[:a - 1]]

    def vandermonde(n: int) -> list[list[Fraction]]:
        return [[p ** k for k in range(n)] for p in pts] + [[Fraction(0)] * (n - 1) + [Fraction(1)]]

    c_inv = _exact_inverse(vandermonde(a))
    at = np.array(vandermonde(m), dtype=np.float64).T
    g = np.array(vandermonde(r), dtype=np.float64)
    bt = np.array(c_inv, dtype=np.float64).T
    return at, g, bt


def _exact_inverse(mat: list[list[Fraction]]) -> list[list[Fraction]]:
    """Gauss-Jordan inverse over the rationals (tiny matrices only)."""
    n = len(mat)
    aug = [list(row) + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(mat)]
    for col in range(n):
        piv = next(r for r in range(col, n) if aug[r][col] != 0)
        aug[col], aug[piv] = aug[piv], aug[col]
        inv = 1 / aug[col][col]
        aug[col] = [v * inv for v in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col])]
    return [row[n:] for row in aug]


def fits(tile: int, taps: int) -> bool:
    """Whether ``F(tile, taps)`` has enough interpolation points."""
    return tile >= 2 and taps >= 2 and tile + taps - 2 <= len(WINOGRAD_POINTS)


def supported(taps: int) -> bool:
    """Whether some ``F(m, taps)`` (m >= 2) has enough interpolation points."""
    return fits(2, taps)


def default_tile(taps: int) -> int:
    """Outputs per tile: F(4, T) up to 7 taps, else F(2, T). With 7 taps F(4, 7) does 2.5
    products per output instead of F(2, 7)'s 4 and has smaller transformed tensors: measured
    1.46x faster at batch 16 and 1.24x at batch 1 on the d=64 / 65536 generator. Larger tiles
    need points farther from 0 and ±1, whose rounding errors grow with the tile."""
    return 4 if taps <= 7 else 2


def strided_selection(k: int, stride: int) -> tuple[np.ndarray, int]:
    """``(S [T, stride, k], left)`` for ``Conv1D(k, strides=stride, padding="same")``.

    TF pads ``(k - stride) // 2`` samples before; rounding that up to ``left`` whole frames
    shifts the kernel by ``shift`` samples, so tap ``q`` lands at ``q + shift = stride*t + p``:
    the polyphase kernel is ``w_poly[t, p*C + c] = sum_q S[t, p, q] w[q, c]``.
    """
    pad = max(k - stride, 0) // 2
    left = -(-pad // stride)
    shift = left * stride - pad
    s = np.zeros((-(-(k + shift) // stride), stride, k))
    for q in range(k):
        s[(q + shift) // stride, (q + shift) % stride, q] = 1.0
    return s, left


def upsample_selection(k: int, stride: int, mode: str) -> tuple[np.ndarray, int]:
    """``(S [T, stride, k], left)`` for a transposed (``zeros``) or ``nn`` up-sampling conv:
    the polyphase kernel is ``U[t, c, p, o] = sum_q S[t, p, q] W[q, c, o]`` with ``W`` the
    kernel as ``[k, Cin, Cout]``; the input is zero-padded by ``left`` before."""
    if mode == "zeros":
        pad = max(k - stride, 0) // 2
        taps = [(p, q, (p + pad - q) // stride) for p in range(stride) for q in range(k)
                if (p + pad - q) % stride == 0]
    elif mode == "nn":
        pad = (k - 1) // 2
        taps = [(p, q, (p + q - pad) // stride) for p in range(stride) for q in range(k)]
    else:
        raise ValueError(f"unknown upsample mode {mode!r}")
    dmin = min(d for _, _, d in taps)
    dmax = max(d for _, _, d in taps)
    s = np.zeros((dmax - dmin + 1, stride, k))
    for p, q, d in taps:
        s[d - dmin, p, q] += 1.0
    return s, -dmin
