"""Latent maths and phrase post-processing."""

from __future__ import annotations

import numpy as np
import pytest

from wavegan.latent import slerp, slerp_path, walk_step, z_batch, z_from_seed
from wavegan.postprocess import edge_fades, finish, peak_normalize, remove_dc


def test_seeds_name_latents_exactly():
    assert np.array_equal(z_from_seed(5, 100), z_from_seed(5, 100))
    assert not np.array_equal(z_from_seed(5, 100), z_from_seed(6, 100))
    z = z_batch([1, 2, 3], 64)
    assert z.shape == (3, 64) and z.dtype == np.float32 and np.abs(z).max() <= 1


def test_slerp_ends_and_norm():
    a, b = z_from_seed(1, 100), z_from_seed(2, 100)
    assert np.array_equal(slerp(a, b, 0.0), a) and np.array_equal(slerp(a, b, 1.0), b)
    mid = slerp(a, b, 0.5)
    assert np.linalg.norm(mid) == pytest.approx((np.linalg.norm(a) + np.linalg.norm(b)) / 2,
                                                rel=0.05)
    path = slerp_path(a, b, 4)
    assert path.shape == (4, 100)
    with pytest.raises(ValueError):
        slerp_path(a, b, 1)


def test_walk_stays_in_the_prior_box():
    rng = np.random.default_rng(0)
    z = z_from_seed(0, 100)
    for _ in range(200):
        nz = walk_step(z, 0.3, rng)
        assert np.abs(nz).max() <= 1.0 and not np.array_equal(nz, z)
        z = nz


def test_post_processing():
    sr = 16000
    t = np.arange(4000) / sr
    x = (0.5 * np.sin(2 * np.pi * 200 * t) + 0.2)[:, None].astype(np.float32)
    x[0] = 0.9
    assert abs(remove_dc(x).mean()) < 1e-6
    faded = edge_fades(x, sr)
    assert faded[0, 0] == 0.0 and faded[-1, 0] == pytest.approx(0.0, abs=1e-6)
    assert np.array_equal(faded[100:-100], x[100:-100])
    assert np.abs(peak_normalize(x)).max() == pytest.approx(0.98)
    silent = np.zeros((100, 1), np.float32)
    assert np.array_equal(peak_normalize(silent), silent)
    out = finish(x[None], sr, normalize=True)
    assert out.shape == (1, 4000, 1) and np.abs(out).max() <= 1.0
