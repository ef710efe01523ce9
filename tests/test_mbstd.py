"""The critic's minibatch standard deviation (``--mbstd``): what it measures and that it trains
(warm starts: tests/test_critic_addons.py)."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from wavegan.config import ConfigError, ModelConfig
from wavegan.gan import GanConfig, WaveGAN
from wavegan.layers import MinibatchStddev


def group_spread(x: np.ndarray) -> float:
    return float(np.sqrt(((x - x.mean(0)) ** 2).mean(0) + 1e-8).mean())


def test_each_example_gets_its_groups_spread():
    x = np.random.default_rng(0).normal(size=(8, 5, 3)).astype(np.float32)
    out = MinibatchStddev(4)(x).numpy()
    assert out.shape == (8, 1)
    for j in range(2):   # groups of 4 interleaved: examples j, j+2, j+4, j+6
        np.testing.assert_allclose(out[j::2, 0], group_spread(x[j::2]), rtol=1e-5)
    assert out[0, 0] != pytest.approx(out[1, 0])
    whole = MinibatchStddev(3)(x).numpy()   # 8 is no multiple of 3: one group
    np.testing.assert_allclose(whole[:, 0], group_spread(x), rtol=1e-5)
    clones = MinibatchStddev(4)(np.repeat(x[:1], 8, axis=0)).numpy()
    assert np.all(clones < 1e-3) and np.all(out > 0.5)   # a collapsed batch stands out
    with pytest.raises(ConfigError, match="mbstd"):
        ModelConfig(mbstd=-1)


def test_the_head_learns_in_a_train_step():
    cfg = ModelConfig(dim=2, mbstd=4)
    gan = WaveGAN(cfg, GanConfig(n_critic=1))
    gan.compile()
    head = gan.discriminator.get_layer("mbstd_logit")
    assert not np.any(head.kernel.numpy())
    losses = gan.train_step(tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=1))
    assert np.all(np.isfinite([float(v) for v in losses.values()]))
    assert np.any(head.kernel.numpy())
