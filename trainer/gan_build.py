"""Building the GAN a training run trains: Keras mixed-precision policy, float32 outputs, the
compiled :class:`TrainingGAN` with its checkpointable latent stream, and the run's seeds."""

from __future__ import annotations

import contextlib
import logging

import keras
import numpy as np
import tensorflow as tf

from trainer.config import RunConfig
from wavegan.errors import UserError
from wavegan.gan import WaveGAN

log = logging.getLogger("wavegan.train")

POLICIES = {"fp32": "float32", "bf16": "mixed_bfloat16", "fp16": "mixed_float16"}


def derive_seed(*parts: int) -> int:
    """A 31-bit seed from integers (stable across runs and platforms)."""
    return int(np.random.SeedSequence([int(p) & 0xFFFFFFFF for p in parts])
               .generate_state(1)[0] & 0x7FFFFFFF)


@contextlib.contextmanager
def precision_policy(precision: str):
    """Build models under a Keras mixed-precision policy, then restore the previous one."""
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(POLICIES[precision])
    try:
        yield
    finally:
        keras.mixed_precision.set_global_policy(previous)


def float32_output(model):
    """The same layers (same weights and paths) with the output cast to float32, so the critic's
    logits, the losses and the gradient penalty stay float32 under mixed precision."""
    outs = [keras.layers.Activation("linear", dtype="float32", name=f"{model.name}_float32_{i}"
                                    if i else f"{model.name}_float32")(o)
            for i, o in enumerate(model.outputs)]
    return keras.Model(model.inputs, outs if len(outs) > 1 else outs[0], name=model.name)


def build_gan(run: RunConfig):
    """A compiled :class:`TrainingGAN` (call inside ``strategy.scope()``)."""
    gpu = bool(tf.config.list_logical_devices("GPU"))
    if run.train.precision == "auto":   # trainer.run.train resolves it first (and logs why)
        run = run.with_precision(run.train.precision_choice(gpu).precision)
    if slow := run.train.precision_warning(gpu):
        log.warning(slow)
    with precision_policy(run.train.precision):
        gan = TrainingGAN(run.model, run.gan, seed=derive_seed(run.train.seed, 1),
                          convs=run.train.resolved_convs(gpu=gpu))
        if run.train.precision != "fp32":
            gan.generator = float32_output(gan.generator)
            if gan.generator_ema is not None:
                gan.generator_ema = float32_output(gan.generator_ema)
            gan.discriminator = float32_output(gan.discriminator)
    spec = run.gan.optimizer_spec()
    g_opt, d_opt = spec.build(), spec.build()
    if run.train.precision == "fp16":
        raise UserError("--precision fp16 is not supported yet (loss-scaled steps are "
                        "untested); use --precision bf16 on GPUs that have it, or fp32")
    gan.compile(g_optimizer=g_opt, d_optimizer=d_opt)
    return gan


class TrainingGAN(WaveGAN):
    """WaveGAN whose latents come from a checkpointable ``tf.random.Generator`` stream."""

    def __init__(self, model_config, gan_config=None, seed: int = 0, **kw):
        super().__init__(model_config, gan_config, **kw)
        self.z_rng = tf.random.Generator.from_seed(seed)

    def sample_z(self, n):
        """``[n, latent_dim]`` uniform in [-1, 1] from the run's latent RNG stream."""
        return self.z_rng.uniform([n, self.model_config.latent_dim], -1.0, 1.0)
