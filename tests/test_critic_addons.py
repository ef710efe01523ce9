"""Critic add-ons whose logit starts at zero (``--mbstd``, ``--rhythm-critic``): a warm start
adds one to a trained critic without changing what the critic says, training then moves it,
and a warm start back to the plain critic drops it."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from tests.test_spectral import save_gan, warm_start_with_addon
from trainer.loop import build_gan
from trainer.warm_start import warm_start
from wavegan.checkpoint import load_checkpoint

ADDONS = [  # (config key, value, its logit layer, what the notes call it)
    ("mbstd", 4, "mbstd_logit", "minibatch-stddev head"),
    ("rhythm_critic", 16, "rhythm_logit", "rhythm branch"),
]


@pytest.mark.parametrize(("key", "value", "head", "what"), ADDONS,
                         ids=[a[0] for a in ADDONS])
def test_warm_start_adds_it_and_the_critic_answers_the_same(tmp_path, key, value, head, what):
    plain, src_gan, run, gan, _, notes = warm_start_with_addon(
        tmp_path, {"dim": 2, "slice_len": 16384, "batch_size": 4}, {key: value}, step=3)
    assert notes == [f"the critic's {what} starts fresh (the checkpoint has {key}=0)"]
    batch = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=2)
    np.testing.assert_allclose(gan.discriminator(batch).numpy(),
                               src_gan.discriminator(batch).numpy(), rtol=1e-5, atol=1e-6)
    gan.train_step(tf.tile(batch, [run.gan.n_critic, 1, 1]))   # one batch per critic update
    assert np.any(gan.discriminator.get_layer(head).kernel.numpy())
    back = save_gan(tmp_path / "with", run.model, gan, step=4)
    plain_gan = build_gan(plain)
    assert warm_start(plain_gan, load_checkpoint(back), plain.model) == [
        f"the checkpoint's critic {what} is not used ({key}=0)"]
