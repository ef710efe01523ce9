"""GAN objectives and optimisers, chosen by name from registries (no if/elif chains).

Each loss is a small object with ``d_loss(real_logits, fake_logits)`` and ``g_loss(fake_logits)``
(logits ``[B, 1]`` → scalar) plus the options the training step needs (gradient penalty, weight
clipping) and CDW's default optimiser for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import keras
import tensorflow as tf


@dataclass(frozen=True)
class OptimizerSpec:
    """An optimiser by registry name and keyword arguments (CDW's settings by default)."""

    name: str = "adam"
    kwargs: dict = field(default_factory=lambda: {"learning_rate": 1e-4, "beta_1": 0.5,
                                                   "beta_2": 0.9})

    def build(self, **overrides) -> keras.optimizers.Optimizer:
        if self.name not in OPTIMIZERS:
            raise ValueError(f"optimizer {self.name!r}: choose one of {sorted(OPTIMIZERS)}")
        return OPTIMIZERS[self.name](**{**self.kwargs, **overrides})


OPTIMIZERS = {
    "adam": keras.optimizers.Adam,
    "rmsprop": keras.optimizers.RMSprop,
}


class GanLoss:
    """Base objective. Subclasses set the flags and implement the two losses."""

    name = "base"
    gradient_penalty = False
    clip_weights: float | None = None
    optimizer = OptimizerSpec()

    def d_loss(self, real: tf.Tensor, fake: tf.Tensor) -> tf.Tensor:
        raise NotImplementedError

    def g_loss(self, fake: tf.Tensor) -> tf.Tensor:
        raise NotImplementedError


class WassersteinGP(GanLoss):
    """WGAN-GP (Gulrajani et al. 2017): critic maximises E[D(x)] − E[D(G(z))]; penalty λ=10."""

    name = "wgan-gp"
    gradient_penalty = True

    def d_loss(self, real, fake):
        return tf.reduce_mean(fake) - tf.reduce_mean(real)

    def g_loss(self, fake):
        return -tf.reduce_mean(fake)


class Wasserstein(WassersteinGP):
    """Original WGAN: weight clipping at ±0.01, RMSProp 5e-5 (CDW's settings)."""

    name = "wgan"
    gradient_penalty = False
    clip_weights = 0.01
    optimizer = OptimizerSpec("rmsprop", {"learning_rate": 5e-5})


class LeastSquares(GanLoss):
    """LSGAN: (D(x)−1)² + D(G(z))² over 2 for the critic; (D(G(z))−1)² for the generator."""

    name = "lsgan"
    optimizer = OptimizerSpec("rmsprop", {"learning_rate": 1e-4})

    def d_loss(self, real, fake):
        return (tf.reduce_mean((real - 1.0) ** 2) + tf.reduce_mean(fake ** 2)) / 2.0

    def g_loss(self, fake):
        return tf.reduce_mean((fake - 1.0) ** 2)


class NonSaturating(GanLoss):
    """DCGAN's sigmoid cross-entropy (non-saturating generator loss), Adam 2e-4 β1=0.5."""

    name = "dcgan"
    optimizer = OptimizerSpec("adam", {"learning_rate": 2e-4, "beta_1": 0.5})

    def d_loss(self, real, fake):
        bce = tf.nn.sigmoid_cross_entropy_with_logits
        return (tf.reduce_mean(bce(tf.ones_like(real), real))
                + tf.reduce_mean(bce(tf.zeros_like(fake), fake))) / 2.0

    def g_loss(self, fake):
        bce = tf.nn.sigmoid_cross_entropy_with_logits
        return tf.reduce_mean(bce(tf.ones_like(fake), fake))


LOSSES: dict[str, type[GanLoss]] = {
    cls.name: cls for cls in (WassersteinGP, Wasserstein, LeastSquares, NonSaturating)
}


def get_loss(name: str) -> GanLoss:
    if name not in LOSSES:
        raise ValueError(f"loss {name!r}: choose one of {sorted(LOSSES)}")
    return LOSSES[name]()
