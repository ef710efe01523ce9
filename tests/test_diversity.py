"""The generator's mode-seeking term (``--diversity``): what it measures, that training with it
spreads the generator's envelopes apart, and how it is configured."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import tensorflow as tf

from trainer.config import section_classes
from trainer.flags import HELP
from wavegan.config import ConfigError, ModelConfig
from wavegan.gan import (
    DIVERSITY_EPSILON,
    ENVELOPE_HOP,
    GanConfig,
    WaveGAN,
    amplitude_envelope,
    mode_seeking_diversity,
)


def test_the_term_is_the_mean_log_ratio_of_envelope_to_latent_distance():
    rng = np.random.default_rng(0)
    z = rng.uniform(-1, 1, size=(6, 8)).astype(np.float32)
    fake = rng.normal(size=(6, 4 * ENVELOPE_HOP, 2)).astype(np.float32)
    env = np.abs(fake).reshape(6, 4, ENVELOPE_HOP, 2).mean(axis=2)
    np.testing.assert_allclose(amplitude_envelope(fake).numpy(), env, rtol=1e-5)
    d_env = np.abs(env[:3] - env[3:]).mean(axis=(1, 2))
    d_z = np.abs(z[:3] - z[3:]).mean(axis=1)
    expected = np.mean(np.log(d_env + DIVERSITY_EPSILON) - np.log(d_z))
    assert float(mode_seeking_diversity(z, fake)) == pytest.approx(expected, rel=1e-5)

    # the same phrase for every latent (mode collapse) scores far lower than distinct ones
    collapsed = np.repeat(fake[:1], 6, axis=0)
    assert float(mode_seeking_diversity(z, collapsed)) < expected - 10
    # a sign flip changes the waveform but not the envelope: it is not counted as variety
    flipped = np.concatenate([fake[:3], -fake[:3]])
    assert float(mode_seeking_diversity(z, flipped)) < expected - 10


def test_training_with_the_term_spreads_the_generators_envelopes():
    """Same initial weights, same latents, same data: ten steps with λ = 5 leave the generator's
    phrases further apart than ten steps without (and than where it started)."""
    cfg = ModelConfig(dim=2)
    real = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=3)
    z_eval = tf.random.uniform([16, cfg.latent_dim], -1.0, 1.0, seed=4)

    def trained(weight: float) -> tuple[float, float, set[str]]:
        tf.keras.utils.set_random_seed(0)
        gan = WaveGAN(cfg, GanConfig(n_critic=1, diversity=weight, learning_rate=1e-3))
        gan.compile()
        before = float(mode_seeking_diversity(z_eval, gan.generator(z_eval)))
        for _ in range(10):
            out = gan.train_step(real)
        assert all(np.isfinite(float(v)) for v in out.values())
        return before, float(mode_seeking_diversity(z_eval, gan.generator(z_eval))), set(out)

    start, plain, keys_off = trained(0.0)
    start_on, spread, keys_on = trained(5.0)
    assert start_on == pytest.approx(start)          # the comparison starts from one place
    assert keys_off == {"d_loss", "g_loss", "gp"}
    assert keys_on == keys_off | {"diversity"}
    assert spread > plain + 0.5 and spread > start + 0.5, (start, plain, spread)


def test_the_weight_is_validated_and_documented():
    with pytest.raises(ConfigError, match="diversity -0.1: the mode-seeking weight"):
        GanConfig(diversity=-0.1)
    assert GanConfig().diversity == 0.0   # off unless asked for: the paper's generator


def test_every_config_flag_has_its_own_help_text():
    """A field without a HELP entry would show only ``GanConfig.name`` in ``--help``. (List
    fields are not flags: ``styles`` comes from the data, by ``--styles-from``.)"""
    scalars = {f.name for cls in section_classes().values() for f in dataclasses.fields(cls)
               if f.name not in ("extra", "styles")}
    assert scalars - set(HELP) == set()
