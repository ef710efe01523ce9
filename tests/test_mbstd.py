"""The critic's minibatch standard deviation (``--mbstd``): what it measures, that it trains, and
that a warm start adds it without changing what the critic says."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from tests.test_spectral import save_gan, warm_start_with_addon
from trainer.checkpointing import warm_start
from trainer.loop import build_gan
from wavegan.checkpoint import load_checkpoint
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


def test_warm_start_adds_the_head_and_the_critic_answers_the_same(tmp_path):
    """From a critic without it: every old weight carries over, the head starts at zero, so
    the critic's logits are unchanged until training moves it; and the way back drops it."""
    plain, src_gan, run, gan, _, notes = warm_start_with_addon(
        tmp_path, {"dim": 2, "slice_len": 16384, "batch_size": 4}, {"mbstd": 4}, step=3)
    assert notes == ["the critic's minibatch-stddev head starts fresh (the checkpoint has "
                     "mbstd=0)"]
    batch = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=2)
    np.testing.assert_allclose(gan.discriminator(batch).numpy(),
                               src_gan.discriminator(batch).numpy(), rtol=1e-5, atol=1e-6)
    gan.train_step(tf.tile(batch, [run.gan.n_critic, 1, 1]))   # one batch per critic update
    assert np.any(gan.discriminator.get_layer("mbstd_logit").kernel.numpy())
    back = save_gan(tmp_path / "mb", run.model, gan, step=4)
    plain_gan = build_gan(plain)
    assert warm_start(plain_gan, load_checkpoint(back), plain.model) == [
        "the checkpoint's critic minibatch-stddev head is not used (mbstd=0)"]
