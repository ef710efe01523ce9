"""The GAN's training step, gradient penalty and loss registry."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from wavegan.config import ModelConfig
from wavegan.gan import GanConfig, WaveGAN
from wavegan.losses import LOSSES


def test_gradient_penalty_is_zero_for_a_unit_gradient_critic():
    """D(x) = <w, x> with ‖w‖ = 1 has ‖∇D‖ = 1 everywhere: the penalty must vanish."""
    cfg = ModelConfig(dim=2)
    gan = WaveGAN(cfg)
    w = np.random.default_rng(0).normal(size=(cfg.slice_len, 1)).astype(np.float32)
    w /= np.linalg.norm(w)
    gan.discriminator = lambda x, training=False: tf.reduce_sum(x * w, axis=[1, 2])[:, None]
    real = tf.random.uniform([3, cfg.slice_len, 1], -1, 1)
    fake = tf.random.uniform([3, cfg.slice_len, 1], -1, 1)
    assert float(gan.gradient_penalty(real, fake)) == pytest.approx(0.0, abs=1e-6)
    gan.discriminator = lambda x, training=False: 3.0 * tf.reduce_sum(x * w, axis=[1, 2])[:, None]
    assert float(gan.gradient_penalty(real, fake)) == pytest.approx(4.0, rel=1e-4)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_trains_one_step(loss):
    gan = WaveGAN(ModelConfig(dim=2, phase_shuffle=2), GanConfig(loss=loss, n_critic=2))
    gan.compile()
    before = [v.numpy().copy() for v in gan.generator.trainable_variables]
    real = tf.random.uniform([2 * 2, 16384, 1], -0.5, 0.5)
    out = gan.train_step(real)
    assert set(out) == {"d_loss", "g_loss", "gp"}
    assert all(np.isfinite(float(v)) for v in out.values())
    after = gan.generator.trainable_variables
    assert any(not np.array_equal(b, a.numpy()) for b, a in zip(before, after))
    if LOSSES[loss].clip_weights:
        c = LOSSES[loss].clip_weights
        assert all(np.abs(v.numpy()).max() <= c + 1e-7
                   for v in gan.discriminator.trainable_variables)


def test_optimizer_defaults_follow_the_loss():
    assert GanConfig().optimizer_spec().kwargs == {"learning_rate": 1e-4, "beta_1": 0.5,
                                                   "beta_2": 0.9}
    assert GanConfig(loss="wgan").optimizer_spec().name == "rmsprop"
    spec = GanConfig(learning_rate=3e-4).optimizer_spec()
    assert spec.kwargs["learning_rate"] == 3e-4 and spec.kwargs["beta_2"] == 0.9
    with pytest.raises(ValueError, match="loss 'hinge'"):
        GanConfig(loss="hinge")


def test_config_loss_names_match_the_registry():
    from wavegan.config import LOSS_NAMES

    assert set(LOSS_NAMES) == set(LOSSES)

